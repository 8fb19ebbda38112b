// Subscripts and field selection after an expression: arr[i], arr[lo:hi], (expr)[i][j]
// (PostgreSQL's transformIndirection and array_subscript_transform).
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { canCoerce, coerce } from './coerce.js';
import type { ExprAnalyzer } from './expr.js';
import { nodeLocation } from './expr.js';
import type { Expr } from './query.js';
import type { Scope } from './scope.js';
import { typeDisplayName } from './typenames.js';

const pos = (loc: number) => (loc >= 0 ? { position: loc + 1 } : undefined);

/** Applies an indirection list (A_Indices and field names) to `base`. */
export function indirection(ex: ExprAnalyzer, base: Expr, list: any[], scope: Scope, baseLocation: number): Expr {
  let e = base;
  let subs: any[] = [];
  const flush = () => {
    if (subs.length) { e = subscript(ex, e, subs, scope, baseLocation); subs = []; }
  };
  for (const item of list) {
    if (item.A_Indices) { subs.push(item.A_Indices); continue; }
    flush();
    if (item.A_Star) throw new PgError('0A000', 'row expansion with .* is not supported here', pos(baseLocation));
    e = field(e, item.String?.sval ?? '?', baseLocation);
  }
  flush();
  return e;
}

/** The fields of a row value that `.*` expands to, as [name, expression]. */
export function rowFields(e: Expr, baseLocation: number): [string, Expr][] {
  const named = typeByOid(e.type)?.fields?.();
  if (named) {
    // a composite type's attributes (dropped ones have slots but no fields)
    const out: [string, Expr][] = [];
    named.forEach((f, i) => { if (f) out.push([f.name, e.k === 'row' ? e.args[i] : { k: 'field', type: f.type, typmod: f.typmod, arg: e, index: i }]); });
    return out;
  }
  if (e.k === 'row') return e.args.map((a, i) => [`f${i + 1}`, a]);
  // a function with OUT columns (json_each …): one field selection per column
  const outs = e.k === 'func' && e.fn.outCols && e.fn.outCols.length > 1 ? e.fn.outCols : null;
  if (outs) return outs.map((c, i) => [c.name, { k: 'field', type: c.type, typmod: -1, arg: e, index: i }]);
  notComposite(e, '*', baseLocation);
}

/** (row).fN of a ROW(…) is its N-th argument; other types have no fields here. */
function field(e: Expr, name: string, baseLocation: number): Expr {
  const named = typeByOid(e.type)?.fields?.();
  if (named) {
    const i = named.findIndex(f => f?.name === name);
    if (i < 0) throw new PgError('42703', `column "${name}" not found in data type ${typeDisplayName(e.type)}`, pos(baseLocation));
    const f = named[i]!;
    return e.k === 'row' ? e.args[i] : { k: 'field', type: f.type, typmod: f.typmod, arg: e, index: i };
  }
  const m = /^f([1-9][0-9]*)$/.exec(name);
  if (e.k === 'row') {
    if (m && Number(m[1]) <= e.args.length) return e.args[Number(m[1]) - 1];
    throw new PgError('42703', `could not identify column "${name}" in record data type`, pos(baseLocation));
  }
  if (e.k === 'func' && e.fn.outCols && e.fn.outCols.length > 1) {
    const i = e.fn.outCols.findIndex(c => c.name === name);
    if (i < 0) throw new PgError('42703', `column "${name}" not found in data type record`, pos(baseLocation));
    return { k: 'field', type: e.fn.outCols[i].type, typmod: -1, arg: e, index: i };
  }
  notComposite(e, name, baseLocation);
}

function notComposite(e: Expr, name: string, baseLocation: number): never {
  if (e.type === OID.record || typeByOid(e.type)?.category === 'C') {
    throw new PgError('0A000', `field selection (.${name}) from a composite value is not supported`, pos(baseLocation));
  }
  throw new PgError('42809', `column notation .${name} applied to type ${typeDisplayName(e.type)}, which is not a composite type`, pos(baseLocation));
}

function subscript(ex: ExprAnalyzer, base: Expr, indices: any[], scope: Scope, baseLocation: number): Expr {
  const t = typeByOid(base.type);
  if (base.type === OID.jsonb) throw new PgError('0A000', 'jsonb subscripting is not supported', pos(baseLocation));
  if (!t || t.category !== 'A' || !t.elem) {
    throw new PgError('42804', `cannot subscript type ${typeDisplayName(base.type)} because it does not support subscripting`, pos(baseLocation));
  }
  const slice = indices.some(i => i.is_slice);
  const index = (node: any): Expr => {
    const e = ex.expr(node, scope);
    const loc = nodeLocation(node);
    if (e.type !== OID.int4 && e.type !== OID.unknown && !canCoerce(e.type, OID.int4, 'a')) {
      throw new PgError('42804', 'array subscript must have type integer', pos(loc));
    }
    return coerce(e, OID.int4, -1, 'a', ex.ctx, loc);
  };
  const upper: (Expr | null)[] = [];
  const lower: (Expr | null)[] = [];
  for (const ind of indices) {
    if (slice) {
      // a plain subscript among slices means 1:n
      lower.push(ind.is_slice ? (ind.lidx ? index(ind.lidx) : null) : { k: 'const', type: OID.int4, typmod: -1, value: 1 });
      upper.push(ind.uidx ? index(ind.uidx) : null);
    } else upper.push(index(ind.uidx));
  }
  return slice
    ? { k: 'subscript', type: base.type, typmod: base.typmod, arg: base, lower, upper, slice: true }
    : { k: 'subscript', type: t.elem, typmod: base.typmod, arg: base, lower: null, upper, slice: false };
}
