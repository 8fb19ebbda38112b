// User functions join function resolution: each one becomes FuncDef candidates (one per
// number of arguments its DEFAULTs allow), built once per function version and found by
// name along the search path next to the built-in functions.
import type { Catalog } from '../catalog/catalog.js';
import type { UserFunction } from '../catalog/objects.js';
import { RECORD, typeByOid, VOID, type FuncDef } from '../types/registry.js';
import { inputParams, outputParams, userFunctionsNamed } from './catalog.js';
import { invokeUserFunction } from './runtime.js';

/** A candidate for a user function called with fewer arguments: the DEFAULT expressions still to add. */
export interface UserFuncDef extends FuncDef {
  user: UserFunction;
  /** Raw DEFAULT expressions for the omitted trailing arguments. */
  fillDefaults?: any[];
  /** Input parameter names, for named notation. */
  argNames: string[];
}

const POLY = new Set([2283, 2277, 2776, 5077, 5078]);
const ORDER = { i: 0, s: 1, v: 2 } as const;

/** inline_function: a SQL function whose body is no more volatile than declared is replaced by it, so behaves with its volatility. */
function effectiveVolatility(f: UserFunction): 'i' | 's' | 'v' {
  const b = f.inlineVolatility;
  return b !== undefined && ORDER[b] <= ORDER[f.volatility] ? b : f.volatility;
}

interface DefCache { key: unknown; defs: UserFuncDef[] }
const defCache = new WeakMap<UserFunction, DefCache>();

/** The FuncDef candidates of one user function. */
export function funcDefsOf(f: UserFunction): UserFuncDef[] {
  const hit = defCache.get(f);
  // a replaced function (CREATE OR REPLACE, ALTER) gets a new cache object
  if (hit && hit.key === f.cache) return hit.defs;
  const ins = inputParams(f), outs = outputParams(f);
  const args = ins.map(p => p.type);
  const variadicIdx = ins.findIndex(p => p.mode === 'v');
  const base: UserFuncDef = {
    oid: f.oid, name: f.name, args, ret: f.retType === VOID && f.prokind === 'p' ? VOID : f.retType, strict: f.strict,
    volatility: effectiveVolatility(f), retSet: f.retSet, user: f, argNames: ins.map(p => p.name),
    fn: (vals, ctx) => invokeUserFunction(f, vals, ctx),
  };
  // a polymorphic function learns its actual argument types where it is called
  if (args.some(t => POLY.has(t)) || POLY.has(f.retType)) base.bind = (types) => (vals, ctx) => invokeUserFunction(f, vals, ctx, types);
  if (variadicIdx >= 0) base.variadic = typeByOid(args[variadicIdx])?.elem ?? 0;
  if (f.retType === RECORD && outs.length) base.outCols = outs.map((p, i) => ({ name: p.name || `column${i + 1}`, type: p.type }));
  else {
    // a composite result expands into its columns in FROM (values are arrays, one slot per attribute)
    const fields = typeByOid(f.retType)?.fields?.();
    if (fields && fields.length > 1 && fields.every(x => x)) base.outCols = fields.map(x => ({ name: x!.name, type: x!.type }));
  }
  const defs = [base];
  for (let k = 1; k <= f.defaults.length; k++) {
    const n = args.length - k;
    defs.push({ ...base, args: args.slice(0, n), variadic: undefined, fillDefaults: f.defaults.slice(f.defaults.length - k).map(d => d.expr) });
  }
  f.cache ??= {};
  defCache.set(f, { key: f.cache, defs });
  return defs;
}

/** Candidates named `name` (in `schema`, or along the path) for function resolution. */
export function userFuncCandidates(cat: Catalog, schema: string | null, name: string, path: readonly string[], procedures = false): UserFuncDef[] {
  const fns = userFunctionsNamed(cat, schema, name, path);
  if (!fns.length) return [];
  const out: UserFuncDef[] = [];
  for (const f of fns) if (f.prokind !== 'a' && (f.prokind === 'p') === procedures) out.push(...funcDefsOf(f));
  return out;
}

/** Is there a procedure of this name taking this many arguments (a function call that should be CALL)? */
export function isProcedureCall(cat: Catalog, schema: string | null, name: string, path: readonly string[], nargs: number): boolean {
  return userFunctionsNamed(cat, schema, name, path).some(f => f.prokind === 'p' && inputParams(f).length >= nargs && inputParams(f).length - f.defaults.length <= nargs);
}
