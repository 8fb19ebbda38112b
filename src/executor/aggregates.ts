// Implementations of the built-in aggregates, built from the type registry's operators and casts.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { findCast, operatorsNamed, typeByOid, type EvalContext } from '../types/registry.js';
import type { AggCall, AggImpl } from '../analyzer/query.js';
import { orderedSetImpl } from './ordered-set.js';
import { statAggregateImpl } from './stat-aggregates.js';
import { jsonAggregateImpl } from './json-aggregates.js';
import { markComposite } from '../types/record-mark.js';
import { Numeric } from '../types/numeric.js';
import { NumericSum } from '../types/numeric-sum.js';

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

/**
 * sum(int2) and sum(int4), an int8: added as numbers while the sum is exactly representable
 * (|sum| < 2^53), in bigints beyond, instead of two bigints made per row.
 */
function sumSmallInts(): AggImpl {
  return {
    init: () => null,
    step: (s, a) => {
      const v = a[0] as number;
      if (s === null) return v;
      if (typeof s === 'number') {
        const r = s + v;
        return r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER ? r : BigInt(s) + BigInt(v);
      }
      return (s as bigint) + BigInt(v);
    },
    final: s => (typeof s === 'number' ? BigInt(s) : s),
    strict: true,
  };
}

/**
 * One NumericSum lent to the sum(numeric)/avg(numeric) state being made, given back by its
 * final (which reads a state once, and nothing reads it after): a query's sum makes no object
 * for its state. A state made while the spare is out (a sum run inside another's, one group of
 * many) is a new one; a run that fails before its final leaves the spare out until some final
 * gives one back.
 */
let spareSum: NumericSum | null = new NumericSum();
function takeSum(): NumericSum {
  const s = spareSum;
  if (s === null) return new NumericSum();
  spareSum = null;
  s.reset();
  return s;
}

/** sum(numeric)'s step: `v` (not null) added to state `s` (null before the first value). */
export function stepNumericSum(s: unknown, v: Numeric): NumericSum {
  const acc = (s as NumericSum | null) ?? takeSum();
  acc.add(v);
  return acc;
}

/** sum(numeric): coefficients added as numbers while exact (types/numeric-sum.ts), one Numeric at the end. */
const sumNumeric: AggImpl = {
  init: () => null,
  step: (s, a) => stepNumericSum(s, a[0] as Numeric),
  final: s => {
    if (s === null) return null;
    const r = (s as NumericSum).result();
    spareSum = s as NumericSum;
    return r;
  },
  strict: true,
};

/** avg(numeric): the same sum, divided as numeric_avg does (numeric / the count as a numeric: types/numeric-type.ts). */
const avgNumeric: AggImpl = {
  init: takeSum,
  step: (s, a) => { (s as NumericSum).add(a[0] as Numeric); return s; },
  final: s => {
    const acc = s as NumericSum;
    const r = acc.count === 0 ? null : acc.result().div(Numeric.fromInt(acc.count));
    spareSum = acc;
    return r;
  },
  strict: true,
};

/** BigInt(i) for the counts most groups have: a bigint is immutable, one serves every count of i. */
const SMALL_COUNTS: bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));
const countFinal = (s: unknown): bigint => ((s as number) < 1024 ? SMALL_COUNTS[s as number]! : BigInt(s as number));

/**
 * The built-in aggregates whose implementation reads nothing of the run's EvalContext (so
 * one made for a compiled query serves all its runs): the ones below that never pass it on.
 */
export function aggregateIsContextFree(name: string, argType: number, resultType: number): boolean {
  switch (name) {
    case 'count': case 'min': case 'max': case 'bool_and': case 'bool_or': case 'every': case 'string_agg': case 'array_agg':
      return true;
    case 'sum': return (argType === OID.int2 || argType === OID.int4) && resultType === OID.int8
      || argType === OID.numeric && resultType === OID.numeric;
    case 'avg': return argType === OID.numeric && resultType === OID.numeric;
  }
  return false;
}

export function aggregateImpl(name: string, argType: number, resultType: number, ctx: EvalContext, call?: AggCall): AggImpl {
  if (call?.userImpl) return call.userImpl(ctx);
  if (call?.direct) return orderedSetImpl(call, ctx);
  switch (name) {
    case 'count':
      // counted in a number (exact far beyond any row count): a bigint per row was most of a count(*)
      return { init: () => 0, step: (s) => (s as number) + 1, final: countFinal, strict: true };
    case 'sum': {
      if ((argType === OID.int2 || argType === OID.int4) && resultType === OID.int8) return sumSmallInts();
      if (argType === OID.numeric && resultType === OID.numeric) return sumNumeric;
      const conv = converter(argType, resultType);
      const add = binop('+', resultType, resultType);
      return { init: () => null, step: (s, a) => (s === null ? conv(a[0], ctx) : add(s, conv(a[0], ctx), ctx)), final: s => s, strict: true };
    }
    case 'avg': {
      if (argType === OID.numeric && resultType === OID.numeric) return avgNumeric;
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
    case 'array_agg': {
      // composite elements are marked as records, never to be taken for sub-arrays
      const comp = typeByOid(argType)?.fields;
      const elem = comp ? (v: unknown) => markComposite(v, comp) : (v: unknown) => v;
      return { init: () => null, step: (s: any, a) => { if (s === null) s = []; s.push(elem(a[0])); return s; }, final: s => s, strict: false };
    }
  }
  const stat = statAggregateImpl(name, argType, resultType);
  if (stat) return stat;
  const json = jsonAggregateImpl(name, call, ctx);
  if (json) return json;
  throw new PgError('0A000', `aggregate ${name} is not supported`);
}
