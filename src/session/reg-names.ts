// The function and operator lookups behind regproc / regprocedure / regoper / regoperator for
// one session: names resolve along its search path (pg_catalog's built-ins first unless
// listed), as FuncnameGetCandidates / OpernameGetCandidates, and an object prints qualified
// when the unqualified name would not find it (alone).
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { allFunctions, allOperators, functionsNamed } from '../types/registry.js';
import { allUserOperators } from '../catalog/operators.js';
import { formatType } from '../types/oid-types.js';
import { quoteIdent } from '../types/string-functions.js';

interface Proc { oid: number; name: string; schema: string; args: number[] }

/** The input arguments of a user function (pg_proc.proargtypes). */
const inArgs = (params: { mode: string; type: number }[]): number[] => params.filter(p => p.mode === 'i' || p.mode === 'b' || p.mode === 'v').map(p => p.type);

function procsIn(cat: Catalog, schema: string, name: string): Proc[] {
  const out: Proc[] = [];
  if (schema === 'pg_catalog') for (const f of functionsNamed(name) ?? []) if (f.oid !== undefined) out.push({ oid: f.oid, name, schema, args: f.args });
  for (const f of cat.schemas.get(schema)?.functions?.get(name) ?? []) out.push({ oid: f.oid, name, schema, args: inArgs(f.params) });
  return out;
}

const sameArgs = (a: number[], b: number[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * What `names` (optionally schema-qualified) finds among the objects `inSchema` lists: along
 * the path, an earlier schema's object hiding a later one's that `same` says has its signature.
 */
function alongPath<T>(cat: Catalog, path: string[], names: string[], inSchema: (cat: Catalog, schema: string, name: string) => T[],
  same: (a: T, b: T) => boolean): T[] {
  if (names.length > 2) throw new PgError('42601', `improper qualified name (too many dotted names): ${names.join('.')}`);
  const name = names[names.length - 1];
  if (names.length === 2) {
    if (names[0] !== 'pg_catalog' && !cat.schemas.has(names[0])) throw new PgError('3F000', `schema "${names[0]}" does not exist`);
    return inSchema(cat, names[0], name);
  }
  const out: T[] = [];
  for (const schema of path) for (const x of inSchema(cat, schema, name)) if (!out.some(o => same(o, x))) out.push(x);
  return out;
}

/** The functions `names` finds, an earlier schema's hiding a later one's of the same arguments. */
export const procCandidates = (cat: Catalog, path: string[], names: string[]): Proc[] =>
  alongPath(cat, path, names, procsIn, (a, b) => sameArgs(a.args, b.args));

/** A function by oid: a built-in one's or a user function's. */
export function procByOid(cat: Catalog, oid: number): Proc | undefined {
  for (const s of cat.schemas.values()) {
    if (!s.functions) continue;
    for (const list of s.functions.values()) for (const f of list) if (f.oid === oid) return { oid, name: f.name, schema: s.name, args: inArgs(f.params) };
  }
  for (const [name, defs] of allFunctions()) for (const f of defs) if (f.oid === oid) return { oid, name, schema: 'pg_catalog', args: f.args };
  return undefined;
}

/** regprocout / format_procedure: the name (with its argument types), qualified when the name alone would not find it. */
export function procText(cat: Catalog, path: string[], p: Proc, withArgs: boolean): string {
  const found = procCandidates(cat, path, [p.name]);
  const visible = withArgs ? found.some(c => c.oid === p.oid) : found.length === 1 && found[0].oid === p.oid;
  const name = visible ? quoteIdent(p.name) : `${quoteIdent(p.schema)}.${quoteIdent(p.name)}`;
  return withArgs ? `${name}(${p.args.map(t => formatType(t, null)).join(',')})` : name;
}

/** parseNameAndArgTypes: "name(type, …)" split into the name and the argument types' texts. */
export function splitSignature(text: string): { name: string; args: string[] } {
  const open = text.indexOf('(');
  if (open < 0) throw new PgError('22P02', 'expected a left parenthesis');
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  if (text[end - 1] !== ')') throw new PgError('22P02', 'expected a right parenthesis');
  const inner = text.slice(open + 1, end - 1);
  const args: string[] = [];
  let depth = 0, quoted = false, start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) { args.push(inner.slice(start, i)); start = i + 1; }
  }
  const last = inner.slice(start);
  if (args.length || last.trim()) args.push(last);
  if (args.some(a => !a.trim())) throw new PgError('22P02', 'expected a type name');
  return { name: text.slice(0, open), args };
}

interface Oper { oid: number; name: string; schema: string; left: number; right: number }

function opersIn(cat: Catalog, schema: string, name: string): Oper[] {
  const out: Oper[] = [];
  if (schema === 'pg_catalog') for (const o of allOperators()) if (o.name === name && o.oid !== undefined) out.push({ oid: o.oid, name, schema, left: o.left, right: o.right });
  for (const o of cat.schemas.get(schema)?.operators ?? []) if (o.name === name) out.push({ oid: o.oid, name, schema, left: o.left, right: o.right });
  return out;
}

/** The operators `names` finds, an earlier schema's hiding a later one's of the same operand types. */
export const operCandidates = (cat: Catalog, path: string[], names: string[]): Oper[] =>
  alongPath(cat, path, names, opersIn, (a, b) => a.left === b.left && a.right === b.right);

export function operByOid(cat: Catalog, oid: number): Oper | undefined {
  for (const o of allUserOperators(cat)) if (o.oid === oid) return { oid, name: o.name, schema: o.schema.name, left: o.left, right: o.right };
  for (const o of allOperators()) if (o.oid === oid) return { oid, name: o.name, schema: 'pg_catalog', left: o.left, right: o.right };
  return undefined;
}

/** regoperout / format_operator: the name (with its operand types, NONE for a prefix operator's left), qualified when not visible. */
export function operText(cat: Catalog, path: string[], o: Oper, withArgs: boolean): string {
  const found = operCandidates(cat, path, [o.name]);
  const visible = withArgs ? found.some(c => c.oid === o.oid) : found.length === 1 && found[0].oid === o.oid;
  const name = visible ? o.name : `${quoteIdent(o.schema)}.${o.name}`;
  if (!withArgs) return name;
  return `${name}(${o.left ? formatType(o.left, null) : 'NONE'},${o.right ? formatType(o.right, null) : 'NONE'})`;
}
