// pg_aggregate rows of user-defined aggregates (CREATE AGGREGATE: UserFunction.agg). Support
// functions are referenced by oid: a user function's own, a built-in one's registered oid.
// The options evaluation does not use (COMBINEFUNC, MSFUNC, … kept as written) are looked up
// by name among the built-in and the user functions taking the arguments PostgreSQL's
// DefineAggregate requires of them.
import type { Catalog } from '../catalog.js';
import type { AggFuncRef, AggregateSpec, UserFunction } from '../objects.js';
import { functionsNamed, typeByName } from '../../types/registry.js';

const INTERNAL = 2281;

export function aggregateRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const s of cat.schemas.values()) {
    if (!s.functions) continue;
    for (const list of s.functions.values()) for (const f of list) if (f.prokind === 'a' && f.agg) out.push(aggregateRow(cat, f, f.agg));
  }
  return out;
}

function aggregateRow(cat: Catalog, f: UserFunction, a: AggregateSpec): unknown[] {
  const o = a.other;
  const args = f.params.map(p => p.type);
  const mstype = o.mstype !== undefined ? typeOid(o.mstype) : 0;
  const named = (key: string, types: number[]) => (o[key] !== undefined ? byName(cat, o[key], types) : 0);
  return [
    f.oid, o.hypothetical !== undefined ? 'h' : 'n', 0, refOid(a.transfn), a.finalfn ? refOid(a.finalfn) : 0,
    named('combinefunc', [a.stype, a.stype]), named('serialfunc', [INTERNAL]), named('deserialfunc', [17, INTERNAL]),
    named('msfunc', [mstype, ...args]), named('minvfunc', [mstype, ...args]), named('mfinalfunc', [mstype]),
    a.finalExtra, o.mfinalfunc_extra !== undefined, modify(o.finalfunc_modify), modify(o.mfinalfunc_modify),
    0, a.stype, Number(o.sspace ?? 0), mstype, Number(o.msspace ?? 0), a.initcond, o.minitcond ?? null,
  ];
}

/** FINALFUNC_MODIFY as pg_aggregate's char (READ_ONLY by default for a normal aggregate). */
function modify(v: string | undefined): string {
  const l = v?.toLowerCase();
  return l === 'shareable' ? 's' : l === 'read_write' ? 'w' : 'r';
}

function refOid(r: AggFuncRef): number {
  if (r.oid) return r.oid;
  return functionsNamed(r.name)?.find(d => d.args.length === r.args.length && d.args.every((t, i) => t === r.args[i]))?.oid ?? 0;
}

function typeOid(name: string): number {
  return typeByName(name.toLowerCase())?.oid ?? 0;
}

/** A function by (possibly qualified) name: the user's of that name and arity first, else a built-in one. */
function byName(cat: Catalog, text: string, types: number[]): number {
  const parts = text.split('.');
  const name = parts[parts.length - 1], schema = parts.length > 1 ? parts[parts.length - 2] : null;
  for (const s of cat.schemas.values()) {
    if (schema !== null && s.name !== schema) continue;
    const f = s.functions?.get(name)?.find(g => g.prokind !== 'a' && g.params.filter(p => p.mode === 'i' || p.mode === 'b' || p.mode === 'v').length === types.length);
    if (f) return f.oid;
  }
  const builtin = functionsNamed(name);
  return builtin?.find(d => d.args.length === types.length && d.args.every((t, i) => t === types[i]))?.oid
    ?? builtin?.find(d => d.args.length === types.length)?.oid ?? 0;
}
