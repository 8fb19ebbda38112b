// Finding the function an ObjectWithArgs names (DROP, ALTER, COMMENT ON FUNCTION …), with
// PostgreSQL's messages (LookupFuncWithArgs), and DROP FUNCTION / PROCEDURE / ROUTINE.
import { PgError } from '../errors/index.js';
import type { UserFunction } from '../catalog/objects.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import { callSignature, functionSignature, inputTypes, userFunctionsNamed } from '../functions/catalog.js';
import type { CommandContext } from './context.js';
import { dropObjects } from './drop.js';
import { addUsageDependencies } from './function-deps.js';

const str = (n: any): string => n.String?.sval ?? n.sval;
type Kind = 'function' | 'procedure' | 'routine' | 'aggregate';

/** The function named by owa, or null when missing_ok and it does not exist (the NOTICE is given). */
export function lookupFunction(cx: CommandContext, owa: any, kind: Kind, missingOk: boolean, verb = ''): UserFunction | null {
  const names = (owa.objname as any[]).map(str);
  const name = names[names.length - 1];
  const schema = names.length > 1 ? names[names.length - 2] : null;
  if (schema !== null && !cx.catalog.schemas.has(schema)) {
    if (missingOk) { cx.notice({ severity: 'NOTICE', code: '00000', message: `schema "${schema}" does not exist, skipping` }); return null; }
    throw new PgError('3F000', `schema "${schema}" does not exist`);
  }
  const path = cx.analyze.searchPath;
  const all = userFunctionsNamed(cx.catalog, schema, name, path);
  // an aggregate can be named as a function (ALTER / COMMENT ON FUNCTION), except by DROP FUNCTION
  const ofKind = (f: UserFunction) => (kind === 'aggregate' ? f.prokind === 'a' : f.prokind === 'a' ? verb !== 'DROP' && kind !== 'procedure'
    : kind === 'routine' || (kind === 'procedure') === (f.prokind === 'p'));
  const display = names.join('.');
  if (owa.args_unspecified) {
    const fs = all.filter(ofKind);
    if (fs.length > 1) {
      throw new PgError('42725', `${kind} name "${display}" is not unique`, { hint: `Specify the argument list to select the ${kind} unambiguously.` });
    }
    if (!fs.length) {
      if (missingOk) { cx.notice({ severity: 'NOTICE', code: '00000', message: `${kind} ${display}() does not exist, skipping` }); return null; }
      throw new PgError('42883', `could not find a ${kind} named "${display}"`);
    }
    return fs[0];
  }
  // the argument list: input parameters only (OUT ones are ignored, as PostgreSQL does)
  const params = ((owa.objfuncargs ?? []) as any[]).map(a => a.FunctionParameter).filter(p => p && p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE');
  const argNodes = params.length || !owa.objargs ? params.map(p => p.argType) : (owa.objargs as any[]).map(a => a.TypeName ?? a);
  // IF EXISTS: a missing argument type (or its schema) is a NOTICE too (does_not_exist_skipping)
  const types: number[] = [];
  for (const t of argNodes) {
    try {
      // "any" (an aggregate's argument) is a pseudo-type the type names do not resolve
      types.push(t.names?.length === 1 && str(t.names[0]) === 'any' && !t.arrayBounds?.length ? 2276 : resolveTypeName(t).oid);
    } catch (e) {
      if (!missingOk || !(e instanceof PgError) || (e.code !== '42704' && e.code !== '3F000')) throw e;
      const tnames = (t.names as any[]).map(str);
      const message = e.code === '3F000' ? `schema "${tnames[0]}" does not exist, skipping` : `type "${tnames.join('.')}" does not exist, skipping`;
      cx.notice({ severity: 'NOTICE', code: '00000', message });
      return null;
    }
  }
  const f = all.find(g => { const it = inputTypes(g); return it.length === types.length && it.every((t, i) => t === types[i]); });
  const sig = `${display}(${kind === 'aggregate' && !types.length ? '*' : types.map(t => typeText(t)).join(', ')})`;
  if (!f) {
    if (missingOk) {
      // does_not_exist_skipping prints the type names as written (TypeNameToString)
      const written = argNodes.map(t => (t.names as any[]).map(str).join('.') + '[]'.repeat((t.arrayBounds ?? []).length)).join(',');
      cx.notice({ severity: 'NOTICE', code: '00000', message: `${kind} ${display}(${written}) does not exist, skipping` });
      return null;
    }
    throw new PgError('42883', `${kind} ${sig} does not exist`);
  }
  if (!ofKind(f)) {
    // an aggregate named as a function, or a function as an aggregate (PostgreSQL's LookupFuncWithArgs)
    if (kind === 'aggregate') throw new PgError('42809', `function ${callSignature(f)} is not an aggregate`);
    if (f.prokind === 'a' && kind !== 'procedure') throw new PgError('42809', `"${f.name}" is an aggregate function`, { hint: 'Use DROP AGGREGATE to drop aggregate functions.' });
    throw new PgError('42809', `${callSignature(f)} is not a ${kind}`);
  }
  return f;
}

function typeText(t: number): string {
  return functionSignature({ name: '', schema: { name: '' }, params: [{ type: t, mode: 'i', name: '' }] } as any).slice(1, -1);
}

export function dropFunctions(cx: CommandContext, n: any): { command: string; rowCount: null } {
  const kind: Kind = n.removeType === 'OBJECT_PROCEDURE' ? 'procedure' : n.removeType === 'OBJECT_ROUTINE' ? 'routine' : n.removeType === 'OBJECT_AGGREGATE' ? 'aggregate' : 'function';
  const roots = [];
  for (const owa of n.objects as any[]) {
    const f = lookupFunction(cx, owa.ObjectWithArgs ?? owa, kind, !!n.missing_ok, 'DROP');
    if (f) roots.push({ obj: f, sub: 0 });
  }
  addUsageDependencies(cx.catalog, roots.map(r => r.obj));
  if (roots.length) dropObjects(cx, roots, n.behavior === 'DROP_CASCADE');
  return { command: `DROP ${kind.toUpperCase()}`, rowCount: null };
}
