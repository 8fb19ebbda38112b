// Implementations of the built-in aggregates, built from the type registry's operators and casts.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { findCast, operatorsNamed, typeByOid, type EvalContext } from '../types/registry.js';
import type { AggCall, AggImpl } from '../analyzer/query.js';
import { orderedSetImpl } from './ordered-set.js';
import { statAggregateImpl } from './stat-aggregates.js';
import { jsonAggregateImpl } from './json-aggregates.js';

function binop(name: string, l: number, r: number): (a: unknown, b: unknown, ctx: EvalContext) => unknown {
  const op = operatorsNamed(name)?.find(o => o.left === l && o.right === r);
  if (!op) throw new PgError('XX000', `operator ${name} for types ${l}, ${r} is missing`);
  return op.fn;
}

function converter(from: number, to: number): (v: unknown, ctx: EvalContext) => unknown {
  if (from === to) return v => v;
  const c = findCast(from, to);
  if (!c) throw new PgError('XX000', `cast from ${from} to ${to} is missing`);
  return c.fn ?? (v => v);
}

export function aggregateImpl(name: string, argType: number, resultType: number, ctx: EvalContext, call?: AggCall): AggImpl {
  if (call?.userImpl) return call.userImpl(ctx);
  if (call?.direct) return orderedSetImpl(call, ctx);
  switch (name) {
    case 'count':
      return { init: () => 0n, step: (s) => (s as bigint) + 1n, final: s => s, strict: true };
    case 'sum': {
      const conv = converter(argType, resultType);
      const add = binop('+', resultType, resultType);
      return { init: () => null, step: (s, a) => (s === null ? conv(a[0], ctx) : add(s, conv(a[0], ctx), ctx)), final: s => s, strict: true };
    }
    case 'avg': {
      const conv = converter(argType, resultType);
      const add = binop('+', resultType, resultType);
      const div = resultType === OID.interval ? binop('/', OID.interval, OID.float8) : binop('/', resultType, resultType);
      const fromCount = resultType === OID.interval ? (n: bigint) => Number(n) : (n: bigint) => converter(OID.int8, resultType)(n, ctx);
      return {
        init: () => ({ sum: null as unknown, n: 0n }),
        step: (s: any, a) => { const v = conv(a[0], ctx); s.sum = s.sum === null ? v : add(s.sum, v, ctx); s.n++; return s; },
        final: (s: any) => (s.n === 0n ? null : div(s.sum, fromCount(s.n), ctx)),
        strict: true,
      };
    }
    case 'min': case 'max': {
      const t = typeByOid(argType)!;
      const sign = name === 'min' ? -1 : 1;
      return { init: () => null, step: (s, a) => (s === null || t.compare(a[0], s) * sign > 0 ? a[0] : s), final: s => s, strict: true };
    }
    case 'bool_and': case 'every':
      return { init: () => null, step: (s, a) => (s === null ? a[0] : (s as boolean) && (a[0] as boolean)), final: s => s, strict: true };
    case 'bool_or':
      return { init: () => null, step: (s, a) => (s === null ? a[0] : (s as boolean) || (a[0] as boolean)), final: s => s, strict: true };
    case 'string_agg':
      return {
        init: () => null,
        step: (s: any, a) => {
          if (a[0] === null) return s;
          if (s === null) return { text: a[0] as string };
          s.text += (a[1] ?? '') + (a[0] as string);
          return s;
        },
        final: (s: any) => (s === null ? null : s.text),
        strict: false,
      };
    case 'array_agg':
      return { init: () => null, step: (s: any, a) => { if (s === null) s = []; s.push(a[0]); return s; }, final: s => s, strict: false };
  }
  const stat = statAggregateImpl(name, argType, resultType);
  if (stat) return stat;
  const json = jsonAggregateImpl(name, call, ctx);
  if (json) return json;
  throw new PgError('0A000', `aggregate ${name} is not supported`);
}
