// Assignment through subscripts and field names: INSERT INTO t (col[1], col.f) and
// UPDATE … SET col[1:2] = …, col.f.g = … (PostgreSQL's transformAssignmentIndirection):
// the new column value is built from its prior one by array_set / FieldStore steps.
import { PgError } from '../errors/index.js';
import type { Column } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { typeByOid, type FuncDef } from '../types/registry.js';
import { domainBase } from '../types/domain.js';
import { dims } from '../types/arrays.js';
import { makeRecord } from '../types/record-mark.js';
import { canCoerce, coerce } from './coerce.js';
import { nodeLocation } from './expr.js';
import type { Expr } from './query.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { typeDisplayName } from './typenames.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export interface Assigner {
  /** The type the assigned value is coerced to (an element, a field, a slice's array). */
  leafType: number;
  leafTypmod: number;
  /** Coerces a value to the leaf type, with the error PostgreSQL gives for this target. */
  coerceValue(value: Expr, location: number): Expr;
  /** The column's new value (of its base type, before any domain check) from its prior value. */
  assign(prior: Expr, value: Expr): Expr;
  /** The first step is a subscript (for the DEFAULT error's wording). */
  subscripted: boolean;
}

const baseOf = (type: number, typmod: number) => domainBase(type) ?? { oid: type, typmod };
const asType = (e: Expr, type: number, typmod: number): Expr => (e.type === type ? e : { ...e, type, typmod } as Expr);

/** The assignment for `col` followed by an indirection list (A_Indices and field names). */
export function assignmentIndirection(sa: SelectAnalyzer, col: Column, list: any[], scope: Scope, location: number, update = false): Assigner {
  return step(sa, col.name, col.typeOid, col.typmod, list, scope, location, true, update);
}

/** update: the prior value is the column itself, which errors about subscripting it point at. */
function step(sa: SelectAnalyzer, name: string, type: number, typmod: number, list: any[], scope: Scope, location: number, top: boolean,
  update = false): Assigner {
  const base = baseOf(type, typmod);
  // a nested domain is checked where it is assigned; the column's own once, by the caller
  const recheck = (e: Expr): Expr => (!top && base.oid !== type ? coerce(e, type, typmod, 'a', sa.ctx, location) : e);
  const item = list[0];
  if (item.String) {
    const field = item.String.sval as string;
    const fields = typeByOid(base.oid)?.fields?.();
    if (!fields) {
      throw new PgError('42804', `cannot assign to field "${field}" of column "${name}" because its type ${typeDisplayName(type)} is not a composite type`, pos(location));
    }
    const i = fields.findIndex(f => f?.name === field);
    if (i < 0) {
      throw new PgError('42703', `cannot assign to field "${field}" of column "${name}" because there is no such column in data type ${typeDisplayName(type)}`, pos(location));
    }
    const f = fields[i]!;
    const rest = list.slice(1);
    const inner = rest.length ? step(sa, field, f.type, f.typmod, rest, scope, location, false) : leaf(sa, field, f.type, f.typmod, false, location);
    return { ...inner, subscripted: false, assign: (prior, value) => {
      const p = asType(prior, base.oid, base.typmod);
      const current: Expr = { k: 'field', type: f.type, typmod: f.typmod, arg: p, index: i };
      return recheck(fieldStore(p, i, fields.length, inner.assign(current, value)));
    } };
  }
  let n = 0;
  while (n < list.length && list[n].A_Indices) n++;
  const subs = list.slice(0, n).map((x: any) => x.A_Indices);
  const t = typeByOid(base.oid);
  if (!t || t.category !== 'A' || !t.elem) {
    throw new PgError('42804', `cannot subscript type ${typeDisplayName(type)} because it does not support subscripting`, top && update ? pos(location) : undefined);
  }
  const slice = subs.some((s: any) => s.is_slice);
  const index = (node: any): Expr => {
    const e = sa.ex.expr(node, scope);
    const loc = nodeLocation(node);
    if (e.type !== OID.int4 && e.type !== OID.unknown && !canCoerce(e.type, OID.int4, 'a')) {
      throw new PgError('42804', 'array subscript must have type integer', pos(loc));
    }
    return coerce(e, OID.int4, -1, 'a', sa.ctx, loc);
  };
  const one: Expr = { k: 'const', type: OID.int4, typmod: -1, value: 1 };
  const upper = subs.map((s: any) => (s.uidx ? index(s.uidx) : null));
  const lower = slice ? subs.map((s: any) => (s.is_slice ? (s.lidx ? index(s.lidx) : null) : one)) : null;
  const rest = list.slice(n);
  const elemType = slice ? base.oid : t.elem;
  const inner = rest.length ? step(sa, name, elemType, base.typmod, rest, scope, location, false) : leaf(sa, name, elemType, base.typmod, true, location);
  return { ...inner, subscripted: true, assign: (prior, value) => {
    const p = asType(prior, base.oid, base.typmod);
    const current: Expr = rest.length
      ? { k: 'subscript', type: elemType, typmod: base.typmod, arg: p, lower, upper, slice }
      : { k: 'const', type: elemType, typmod: -1, value: null };
    return recheck(arraySet(p, upper, lower, inner.assign(current, value)));
  } };
}

function leaf(sa: SelectAnalyzer, name: string, type: number, typmod: number, subscripting: boolean, target: number): Assigner {
  return {
    leafType: type, leafTypmod: typmod, subscripted: subscripting,
    coerceValue(value, location) {
      if (value.type !== OID.unknown && value.type !== type && !canCoerce(value.type, type, 'a')) {
        const msg = subscripting ? `subscripted assignment to "${name}" requires type ${typeDisplayName(type)} but expression is of type ${typeDisplayName(value.type)}`
          : `subfield "${name}" is of type ${typeDisplayName(type)} but expression is of type ${typeDisplayName(value.type)}`;
        // the error points at the target, the input error of a literal at the literal
        throw new PgError('42804', msg, { hint: 'You will need to rewrite or cast the expression.', ...pos(target) });
      }
      return coerce(value, type, typmod, 'a', sa.ctx, location);
    },
    assign: (_prior, value) => value,
  };
}

function fieldStore(prior: Expr, index: number, width: number, value: Expr): Expr {
  const types = (typeByOid(prior.type)?.fields?.() ?? []).map(f => f?.type ?? 0);
  const fn: FuncDef = {
    name: 'fieldstore', args: [prior.type, value.type], ret: prior.type, strict: false,
    fn: ([old, v]) => {
      const row = Array.isArray(old) ? [...old] : new Array(width).fill(null);
      while (row.length < width) row.push(null);
      row[index] = v;
      // marked as a record: as an array element it must not pass for a sub-array
      return makeRecord(row, types);
    },
  };
  return { k: 'func', type: prior.type, typmod: prior.typmod, fn, args: [prior, value] };
}

/** array_set_element / array_set_slice on arrays whose lower bounds are 1. */
function arraySet(prior: Expr, upper: (Expr | null)[], lower: (Expr | null)[] | null, value: Expr): Expr {
  const nsubs = upper.length;
  const fn: FuncDef = {
    name: 'array_set', args: [prior.type, value.type], ret: prior.type, strict: false,
    fn: ([arr, v, ...bounds]) => {
      const hi = bounds.slice(0, nsubs) as (number | null | undefined)[];
      const lo = lower ? bounds.slice(nsubs) as (number | null | undefined)[] : null;
      if (hi.some(x => x === null) || lo?.some(x => x === null)) throw new PgError('22004', 'array subscript in assignment must not be null');
      const a = (arr ?? []) as unknown[];
      if (nsubs !== 1 || (a.length && dims(a).length !== 1)) {
        throw new PgError('0A000', 'assignment to an element of a multidimensional array is not supported');
      }
      if (!lo) return setElement(a, hi[0] as number, v);
      if (v === null) return arr;
      const src = v as unknown[];
      const l = lo[0] ?? 1, h = hi[0] ?? (a.length || src.length);
      if (l < 1) throw new PgError('0A000', 'array lower bounds other than 1 are not supported');
      if (h < l) return arr;
      if (src.length < h - l + 1) throw new PgError('2202E', 'source array too small');
      let out = a.slice();
      for (let i = l; i <= h; i++) out = setElement(out, i, src[i - l]);
      return out;
    },
  };
  const args = [prior, value, ...upper.map(u => u ?? { k: 'const', type: OID.int4, typmod: -1, value: undefined } as Expr),
    ...(lower ?? []).map(l => l ?? { k: 'const', type: OID.int4, typmod: -1, value: undefined } as Expr)];
  return { k: 'func', type: prior.type, typmod: prior.typmod, fn, args };
}

function setElement(a: unknown[], i: number, v: unknown): unknown[] {
  // an empty array assigned at i > 1 gets lower bound i in PostgreSQL ([2:2]={x})
  if (i < 1 || (a.length === 0 && i > 1)) throw new PgError('0A000', 'array lower bounds other than 1 are not supported');
  const out = a.slice();
  while (out.length < i - 1) out.push(null);
  out[i - 1] = v;
  return out;
}

/** PostgreSQL's words for DEFAULT given to a target with indirection. */
export function defaultInIndirection(a: Assigner, location: number): PgError {
  return new PgError('42601', a.subscripted ? 'cannot set an array element to DEFAULT' : 'cannot set a subfield to DEFAULT', pos(location));
}
