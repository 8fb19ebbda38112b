// The support functions of a user-defined aggregate (CREATE AGGREGATE's SFUNC / FINALFUNC):
// found as PostgreSQL's lookup_agg_function does (user functions and built-ins of that name
// taking these argument types), stored by reference, and turned back into callables.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { AggFuncRef } from '../catalog/objects.js';
import { ANY, ANYARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYELEMENT, ANYNONARRAY, findCast, functionsNamed, type FuncDef } from '../types/registry.js';

const PSEUDO = new Set([ANY, ANYARRAY, ANYCOMPATIBLE, ANYELEMENT, ANYNONARRAY, ANYCOMPATIBLEARRAY]);
import { commonType, concreteArgs, functionCandidates, resolvePolymorphic, selectCandidate } from '../analyzer/coerce.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { userFuncCandidates, funcDefsOf, type UserFuncDef } from './resolve.js';
import { userFunctionByOid } from './catalog.js';

/** The function `names` taking `types` (42883 with PostgreSQL's message when there is none). */
/** The reference stored, and the result type for these argument types. */
export function lookupAggFunction(cat: Catalog, names: string[], types: number[], path: readonly string[]): AggFuncRef & { ret: number } {
  const name = names[names.length - 1];
  const schema = names.length > 1 ? names[names.length - 2] : null;
  const builtin = schema === null || schema === 'pg_catalog' ? functionsNamed(name) ?? [] : [];
  const user = userFuncCandidates(cat, schema, name, path).filter(d => !d.fillDefaults);
  const pick = selectCandidate(functionCandidates([...builtin, ...user], types), types);
  const sig = `${names.join('.')}(${types.map(t => typeDisplayName(t)).join(', ')})`;
  if (pick === 'ambiguous') throw new PgError('42725', `function ${sig} is not unique`);
  if (!pick) throw new PgError('42883', `function ${sig} does not exist`);
  const def = pick.def as UserFuncDef;
  // the values are passed as they are: the (resolved) declared types must take them without conversion
  const concrete = compatibleArgs(pick.args, concreteArgs(pick.args, types), types);
  if (concrete.some((d, i) => d !== types[i] && !PSEUDO.has(d) && findCast(types[i], d)?.fn !== undefined)) {
    throw new PgError('42804', `function ${names.join('.')}(${concrete.map(t => typeDisplayName(t)).join(', ')}) requires run-time type coercion`);
  }
  return { oid: def.user?.oid ?? 0, name, args: def.args.slice(), ret: resolvePolymorphic(pick.args, types, def.ret) };
}

/** A stored reference back to something callable (null when its function has gone). */
export function aggFunctionDef(cat: Catalog, ref: AggFuncRef): FuncDef | null {
  if (ref.oid) {
    const f = userFunctionByOid(cat, ref.oid);
    return f ? funcDefsOf(f)[0] : null;
  }
  return functionsNamed(ref.name)?.find(d => d.args.length === ref.args.length && d.args.every((t, i) => t === ref.args[i])) ?? null;
}

/** anycompatible parameters take the arguments' common type (PostgreSQL's enforce_generic_type_consistency). */
function compatibleArgs(declared: number[], concrete: number[], actual: number[]): number[] {
  const at = declared.flatMap((d, i) => (d === ANYCOMPATIBLE ? [i] : []));
  if (at.length < 2) return concrete;
  let common: number;
  try { common = commonType(at.map(i => actual[i]), 'anycompatible'); } catch { return concrete; }
  return concrete.map((t, i) => (declared[i] === ANYCOMPATIBLE ? common : t));
}
