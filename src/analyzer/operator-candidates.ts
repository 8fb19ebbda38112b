// User-defined operators in operator resolution (OpernameGetCandidates): the built-in ones
// (pg_catalog) and the user ones along the search path, an operator hidden by one of the same
// signature earlier on the path; an exact match of the argument types as written (domains
// not yet reduced to their base types) wins, as in binary_oper_exact.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { UserOperator } from '../catalog/operator-objects.js';
import { lookupPath } from '../catalog/operators.js';
import { procImpl } from '../catalog/operator-procs.js';
import { operatorsNamed, UNKNOWN, type OperatorDef } from '../types/registry.js';

/** An OperatorDef made from a user operator. */
export interface UserOperatorDef extends OperatorDef { userOp: UserOperator }

interface DefCache { version: number; def: UserOperatorDef }
const defs = new WeakMap<UserOperator, DefCache>();

function defOf(cat: Catalog, o: UserOperator): UserOperatorDef {
  const hit = defs.get(o);
  if (hit && hit.version === cat.version) return hit.def;
  const impl = o.proc ? procImpl(cat, o.proc) : null;
  const call = impl?.call;
  const def: UserOperatorDef = {
    oid: o.oid, name: o.name, left: o.left, right: o.right, ret: o.result, strict: impl?.strict ?? true, userOp: o, user: true,
    fn: o.left ? (a, b, ctx) => call!([a, b], ctx) : (_a, b, ctx) => call!([b], ctx),
  };
  defs.set(o, { version: cat.version, def });
  return def;
}

/** The candidates for `schema.name` (schema null: along the path). */
export function operatorsFor(cat: Catalog, schema: string | null, name: string, path: readonly string[], position?: number): OperatorDef[] {
  const builtin = schema === null || schema === 'pg_catalog' ? operatorsNamed(name) ?? [] : [];
  if (schema === 'pg_catalog') return builtin;
  if (schema !== null && !cat.schemas.has(schema)) throw new PgError('3F000', `schema "${schema}" does not exist`, position !== undefined ? { position } : undefined);
  // the common case: no user operator of the name along the path
  if (schema === null && !path.some(sp => cat.schemas.get(sp)?.operators?.some(o => o.name === name))) return builtin;
  const order = schema !== null ? [schema] : lookupPath(path);
  let out: OperatorDef[] | null = null;
  const taken = (l: OperatorDef[], o: UserOperator) => l.some(x => x.left === o.left && x.right === o.right);
  for (const sp of order) {
    if (sp === 'pg_catalog') { out = out ? [...out, ...builtin.filter(b => !out!.some(x => x.left === b.left && x.right === b.right))] : [...builtin]; continue; }
    for (const o of cat.schemas.get(sp)?.operators ?? []) {
      if (o.name !== name) continue;
      out ??= [];
      if (!taken(out, o)) out.push(defOf(cat, o));
    }
  }
  return out ?? builtin;
}

/** binary_oper_exact / left_oper's exact match among user operators (an unknown side taking the other's type). */
export function exactUserOperator(ops: OperatorDef[], argTypes: number[]): OperatorDef | null {
  if (!ops.some(o => (o as UserOperatorDef).userOp)) return null;
  let [l, r] = argTypes.length === 2 ? argTypes : [0, argTypes[0]];
  if (l === UNKNOWN && r !== UNKNOWN) l = r;
  else if (r === UNKNOWN && l !== UNKNOWN) r = l;
  return ops.find(o => o.left === l && o.right === r) ?? null;
}

/** A shell operator (named as a commutator or negator, never defined) cannot be called. */
export function checkNotShell(def: OperatorDef, sig: string, position?: number): void {
  const u = (def as UserOperatorDef).userOp;
  if (u && !u.proc) throw new PgError('42883', `operator is only a shell: ${sig}`, position !== undefined ? { position } : undefined);
}

/** The user-defined operator an expression node applies (op, = ANY, IS DISTINCT FROM, NULLIF), if any. */
export function userOperatorOf(e: { k: string }): UserOperator | undefined {
  const def = (e as { op?: OperatorDef }).op ?? (e as { eq?: OperatorDef }).eq;
  return def && typeof def === 'object' ? (def as UserOperatorDef).userOp : undefined;
}

/**
 * generate_operator_name: a user operator that the same name would not find along the path
 * prints as OPERATOR(schema.name) (the copy is only for printing: the planner never looks at a
 * user operator's name).
 */
export function forPrinting(cat: Catalog, def: OperatorDef, path: readonly string[]): OperatorDef {
  const u = (def as UserOperatorDef).userOp;
  if (!u) return def;
  const found = operatorsFor(cat, null, u.name, path).find(o => o.left === u.left && o.right === u.right);
  return (found as UserOperatorDef | undefined)?.userOp === u ? def : { ...def, name: `OPERATOR(${u.schema.name}.${u.name})` };
}
