// User-defined functions and procedures in the catalog (pg_proc): each schema's functions by
// name with their overloads, lookups along the search path, and the signatures PostgreSQL
// prints in messages ("f(integer, text)").
import type { Catalog } from '../catalog/catalog.js';
import type { Schema, UserFunction } from '../catalog/objects.js';
import { typeDisplayName } from '../analyzer/typenames.js';

/** A schema's functions (created on first use: schemas of older images have none). */
export function functionsOf(schema: Schema): Map<string, UserFunction[]> {
  return (schema.functions ??= new Map());
}

export function allUserFunctions(cat: Catalog): UserFunction[] {
  const out: UserFunction[] = [];
  for (const s of cat.schemas.values()) if (s.functions) for (const l of s.functions.values()) out.push(...l);
  return out.sort((a, b) => a.oid - b.oid);
}

interface FnIndex { version: number; byOid: Map<number, UserFunction> }
const indexes = new WeakMap<Catalog, FnIndex>();

export function userFunctionByOid(cat: Catalog, oid: number): UserFunction | undefined {
  let ix = indexes.get(cat);
  if (!ix || ix.version !== cat.version) {
    const byOid = new Map<number, UserFunction>();
    for (const f of allUserFunctions(cat)) byOid.set(f.oid, f);
    ix = { version: cat.version, byOid };
    indexes.set(cat, ix);
  }
  return ix.byOid.get(oid);
}

/** Functions of this name: in the named schema, or along the path (earlier schemas first). */
export function userFunctionsNamed(cat: Catalog, schema: string | null, name: string, path: readonly string[]): UserFunction[] {
  if (schema !== null) return cat.schemas.get(schema)?.functions?.get(name) ?? [];
  let out: UserFunction[] | null = null;
  for (const sp of path) {
    const l = cat.schemas.get(sp)?.functions?.get(name);
    if (l?.length) out = out ? [...out, ...l] : l;
  }
  return out ?? [];
}

/** The input parameters (IN, INOUT, VARIADIC): pg_proc.proargtypes. */
export const inputParams = (f: UserFunction): UserFunction['params'] => {
  // cached with the function's compiled forms (replaced when the function changes)
  const c = (f.cache ??= {}) as { inputs?: UserFunction['params'] };
  return (c.inputs ??= f.params.filter(p => p.mode === 'i' || p.mode === 'b' || p.mode === 'v'));
};
/** The output parameters (OUT, INOUT, TABLE). */
export const outputParams = (f: UserFunction) => f.params.filter(p => p.mode === 'o' || p.mode === 'b' || p.mode === 't');
export const inputTypes = (f: UserFunction): number[] => {
  const c = (f.cache ??= {}) as { inputTypes?: number[] };
  return (c.inputTypes ??= inputParams(f).map(p => p.type));
};

/** Identity arguments as messages print them: "integer, text" (VARIADIC marked). */
export function identityArgs(f: UserFunction, sep = ', '): string {
  return inputParams(f).map(p => typeDisplayName(p.type)).join(sep);
}

/** format_procedure: "f(integer,text)", schema-qualified when the function is not visible along the path. */
export function functionSignature(f: UserFunction, path?: readonly string[]): string {
  const q = path && !path.includes(f.schema.name) ? `${f.schema.name}.` : '';
  return `${q}${f.name}(${identityArgs(f, ',')})`;
}

/** func_signature_string: "f(integer, text)", as lookup errors print it. */
export function callSignature(f: UserFunction): string {
  return `${f.name}(${identityArgs(f)})`;
}

/** Same input argument types (what makes two functions the same object). */
export function sameInputTypes(f: UserFunction, types: number[]): boolean {
  const mine = inputTypes(f);
  return mine.length === types.length && mine.every((t, i) => t === types[i]);
}

/** FunctionIsVisible: no function with the same name and argument types comes earlier along the path. */
export function userFunctionIsVisible(cat: Catalog, f: UserFunction, path: readonly string[]): boolean {
  if (!path.includes(f.schema.name)) return false;
  const types = inputTypes(f);
  for (const sp of path) {
    if (sp === f.schema.name) return true;
    if (cat.schemas.get(sp)?.functions?.get(f.name)?.some(g => sameInputTypes(g, types))) return false;
  }
  return true;
}
