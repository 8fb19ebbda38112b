// Names in operator DDL: the function a ProcRef is made from (LookupFuncName: exact argument
// types, user functions along the path and the built-in ones), operators named with their
// argument types (LookupOperWithArgs) and by name for given types (LookupOperName).
import { PgError } from '../errors/index.js';
import { resolveTypeName, typeDisplayName } from '../analyzer/typenames.js';
import { findUserOperator, lookupPath } from '../catalog/operators.js';
import type { OperatorRef, ProcRef, UserOperator } from '../catalog/operator-objects.js';
import { builtinProc, procImpl, type ProcImpl } from '../catalog/operator-procs.js';
import { inputTypes, userFunctionsNamed } from '../functions/catalog.js';
import { operatorsNamed } from '../types/registry.js';
import type { CommandContext } from './context.js';

export const str = (n: any): string => n.String?.sval ?? n.sval;

/** A qualified name's schema (null: unqualified) and name; the schema must exist. */
export function splitName(cx: CommandContext, list: any[]): { schema: string | null; name: string } {
  const parts = list.map(str);
  const schema = parts.length > 1 ? parts[parts.length - 2] : null;
  if (schema !== null && !cx.catalog.schemas.has(schema)) throw new PgError('3F000', `schema "${schema}" does not exist`);
  return { schema, name: parts[parts.length - 1] };
}

/** The function name(args) exactly, as a ProcRef and ready to call. */
export function lookupProc(cx: CommandContext, names: any[], args: number[]): { ref: ProcRef; impl: ProcImpl } {
  const { schema, name } = splitName(cx, names);
  const path = lookupPath(cx.analyze.searchPath);
  for (const sp of schema !== null ? [schema] : path) {
    if (sp === 'pg_catalog') {
      const impl = builtinProc(name, args);
      if (impl) return { ref: { oid: 0, name, args }, impl };
      continue;
    }
    const f = userFunctionsNamed(cx.catalog, sp, name, path).find(g => g.prokind === 'f' && inputTypes(g).length === args.length && inputTypes(g).every((t, i) => t === args[i]));
    if (f) {
      const ref = { oid: f.oid, name: f.name, args };
      return { ref, impl: procImpl(cx.catalog, ref)! };
    }
  }
  const display = names.map(str).join('.');
  throw new PgError('42883', `function ${display}(${args.map(t => typeDisplayName(t)).join(', ')}) does not exist`);
}

/** A TypeName node (or NONE: null) as a type oid (0 for NONE). */
export function typeOid(node: any): number {
  const tn = node?.TypeName ?? node;
  return tn ? resolveTypeName(tn).oid : 0;
}

/** A built-in operator's reference, or a user operator's. */
export function builtinOperatorRef(name: string, left: number, right: number): OperatorRef | null {
  const o = operatorsNamed(name)?.find(x => x.left === left && x.right === right);
  return o ? { oid: o.oid ?? 0, user: false, name, left, right } : null;
}

export const userOperatorRef = (o: UserOperator): OperatorRef => ({ oid: o.oid, user: true, name: o.name, left: o.left, right: o.right });

/** The operator name(left, right), user or built-in (null when there is none). */
export function findOperator(cx: CommandContext, names: any[], left: number, right: number): { ref: OperatorRef; user: UserOperator | null; result: number } | null {
  const { schema, name } = splitName(cx, names);
  for (const sp of schema !== null ? [schema] : lookupPath(cx.analyze.searchPath)) {
    if (sp === 'pg_catalog') {
      const o = operatorsNamed(name)?.find(x => x.left === left && x.right === right);
      if (o) return { ref: builtinOperatorRef(name, left, right)!, user: null, result: o.resolveRet ? o.resolveRet(left, right) : o.ret };
      continue;
    }
    const u = findUserOperator(cx.catalog, sp, name, left, right, []);
    if (u) return { ref: userOperatorRef(u), user: u, result: u.result };
  }
  return null;
}

/** "operator does not exist: bigint @#@ bigint" */
export function operatorMissing(names: any[], left: number, right: number): PgError {
  const op = names.map(str).join('.');
  const shown = left ? `${typeDisplayName(left)} ${op} ${typeDisplayName(right)}` : `${op} ${typeDisplayName(right)}`;
  return new PgError('42883', `operator does not exist: ${shown}`);
}
