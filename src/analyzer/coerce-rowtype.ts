// A child table's row type converts to an ancestor's (PostgreSQL's ConvertRowtypeExpr,
// typeInheritsFrom in coerce_type): implicitly, the ancestor's columns taken by name.
import { activeTypeCatalog } from '../catalog/user-types.js';
import { relationByOid } from '../catalog/oid-index.js';
import type { Relation } from '../catalog/objects.js';
import { typeByOid } from '../types/registry.js';
import type { Expr } from './query.js';

/** Conversion nodes built here: a conversion of a conversion reads the original row (as eval_const_expressions folds them). */
const conversions = new WeakSet<Expr>();

function inheritsFrom(rel: Relation, ancestor: Relation, seen = new Set<Relation>()): boolean {
  if (rel.kind !== 'table' || seen.has(rel)) return false;
  seen.add(rel);
  return rel.parents.some(p => p === ancestor || inheritsFrom(p, ancestor, seen));
}

/** True when `from` is the row type of a table that inherits (at any depth) from the table whose row type is `to`. */
export function rowtypeInheritsFrom(from: number, to: number): boolean {
  if (from === to) return false;
  const cat = activeTypeCatalog();
  if (!cat) return false;
  const child = relationByOid(cat, from), parent = relationByOid(cat, to);
  return !!child && !!parent && parent.kind === 'table' && inheritsFrom(child, parent);
}

/** The conversion of expr (a child's row) to the ancestor row type `to`. */
export function convertRowtype(expr: Expr, to: number, explicit: boolean): Expr {
  const arg = conversions.has(expr) && expr.k === 'cast' ? expr.arg : expr;
  const src = typeByOid(arg.type)!.fields!();
  const dst = typeByOid(to)!.fields!();
  const index = new Map<string, number>();
  src.forEach((f, i) => { if (f) index.set(f.name, i); });
  const map = dst.map(f => (f ? index.get(f.name) ?? -1 : -1));
  const fn = (v: unknown): unknown => {
    if (!Array.isArray(v)) return v;
    return map.map(i => (i < 0 ? null : v[i] ?? null));
  };
  const out: Expr = { k: 'cast', type: to, typmod: -1, arg, fn, applyTypmod: null, explicit };
  conversions.add(out);
  return out;
}
