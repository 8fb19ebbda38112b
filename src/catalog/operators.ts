// User-defined operators, operator families and classes in the catalog: each schema's lists,
// lookups by name (along the search path) and oid, and the names PostgreSQL prints for them
// in messages (format_operator, getObjectDescription).
import type { Catalog } from './catalog.js';
import type { Schema } from './objects.js';
import type { AccessMethod, UserOpclass, UserOperator, UserOpfamily } from './operator-objects.js';
import { typeByOid } from '../types/registry.js';

/** The lists of a schema, created on first use (schemas of older images have none). */
export const operatorsOf = (s: Schema): UserOperator[] => (s.operators ??= []);
export const opfamiliesOf = (s: Schema): UserOpfamily[] => (s.opfamilies ??= []);
export const opclassesOf = (s: Schema): UserOpclass[] => (s.opclasses ??= []);

export function allUserOperators(cat: Catalog): UserOperator[] {
  const out: UserOperator[] = [];
  for (const s of cat.schemas.values()) if (s.operators) out.push(...s.operators);
  return out.sort((a, b) => a.oid - b.oid);
}

export function allUserOpfamilies(cat: Catalog): UserOpfamily[] {
  const out: UserOpfamily[] = [];
  for (const s of cat.schemas.values()) if (s.opfamilies) out.push(...s.opfamilies);
  return out.sort((a, b) => a.oid - b.oid);
}

export function allUserOpclasses(cat: Catalog): UserOpclass[] {
  const out: UserOpclass[] = [];
  for (const s of cat.schemas.values()) if (s.opclasses) out.push(...s.opclasses);
  return out.sort((a, b) => a.oid - b.oid);
}

export function userOperatorByOid(cat: Catalog, oid: number): UserOperator | undefined {
  if (oid < 16384) return undefined;
  for (const s of cat.schemas.values()) for (const o of s.operators ?? []) if (o.oid === oid) return o;
  return undefined;
}

/** The schemas an unqualified name is looked up in, in order: pg_catalog first unless the path places it. */
export function lookupPath(path: readonly string[]): string[] {
  return path.includes('pg_catalog') ? [...path] : ['pg_catalog', ...path];
}

/** Operators of this name: in the named schema, or along the path (earlier schemas first). */
export function userOperatorsNamed(cat: Catalog, schema: string | null, name: string, path: readonly string[]): UserOperator[] {
  const out: UserOperator[] = [];
  for (const sp of schema !== null ? [schema] : path) for (const o of cat.schemas.get(sp)?.operators ?? []) if (o.name === name) out.push(o);
  return out;
}

/** The operator name(left, right) exactly (0 = NONE), in the named schema or the first along the path. */
export function findUserOperator(cat: Catalog, schema: string | null, name: string, left: number, right: number, path: readonly string[]): UserOperator | undefined {
  return userOperatorsNamed(cat, schema, name, path).find(o => o.left === left && o.right === right);
}

export function findOpfamily(cat: Catalog, schema: string | null, name: string, method: AccessMethod, path: readonly string[]): UserOpfamily | undefined {
  for (const sp of schema !== null ? [schema] : path) {
    const f = cat.schemas.get(sp)?.opfamilies?.find(x => x.name === name && x.method === method);
    if (f) return f;
  }
  return undefined;
}

export function findOpclass(cat: Catalog, schema: string | null, name: string, method: AccessMethod, path: readonly string[]): UserOpclass | undefined {
  for (const sp of schema !== null ? [schema] : path) {
    const c = cat.schemas.get(sp)?.opclasses?.find(x => x.name === name && x.method === method);
    if (c) return c;
  }
  return undefined;
}

/** format_type_be_qualified-like names for messages: user types print themselves (qualified when not visible). */
const typeName = (oid: number): string => typeByOid(oid)?.formatType(-1) ?? `${oid}`;

/** Is the object the first of its kind and name along the path (OpernameIsVisible / OpclassIsVisible)? */
function visible(schema: Schema, path: readonly string[], earlier: (s: Schema) => boolean, cat: Catalog): boolean {
  if (!path.includes(schema.name)) return false;
  for (const sp of path) {
    if (sp === schema.name) return true;
    const s = cat.schemas.get(sp);
    if (s && earlier(s)) return false;
  }
  return true;
}

/** format_operator: "@#@(bigint,bigint)", schema-qualified when not visible. */
export function operatorSignature(cat: Catalog, o: UserOperator, path: readonly string[]): string {
  const q = visible(o.schema, path, s => !!s.operators?.some(x => x.name === o.name && x.left === o.left && x.right === o.right), cat) ? '' : `${o.schema.name}.`;
  return `${q}${o.name}(${o.left ? typeName(o.left) : 'NONE'},${typeName(o.right)})`;
}

export function opclassName(cat: Catalog, c: UserOpclass, path: readonly string[]): string {
  const vis = visible(c.schema, path, s => !!s.opclasses?.some(x => x.name === c.name && x.method === c.method), cat);
  return vis ? c.name : `${c.schema.name}.${c.name}`;
}

export function opfamilyName(cat: Catalog, f: UserOpfamily, path: readonly string[]): string {
  const vis = visible(f.schema, path, s => !!s.opfamilies?.some(x => x.name === f.name && x.method === f.method), cat);
  return vis ? f.name : `${f.schema.name}.${f.name}`;
}

/** getObjectDescription of an operator, class or family. */
export function describeOperatorObject(cat: Catalog, o: UserOperator | UserOpclass | UserOpfamily, path: readonly string[]): string {
  switch (o.kind) {
    case 'operator': return `operator ${operatorSignature(cat, o, path)}`;
    case 'opclass': return `operator class ${opclassName(cat, o, path)} for access method ${o.method}`;
    case 'opfamily': return `operator family ${opfamilyName(cat, o, path)} for access method ${o.method}`;
  }
}

/** Adds an object to its schema's list (undoable). */
export function addToSchema<T extends UserOperator | UserOpclass | UserOpfamily>(cat: Catalog, o: T): void {
  const list = (o.kind === 'operator' ? operatorsOf(o.schema) : o.kind === 'opclass' ? opclassesOf(o.schema) : opfamiliesOf(o.schema)) as T[];
  cat.push(list, o);
}

/** Removes an object from its schema's list (undoable). */
export function removeFromSchema(cat: Catalog, o: UserOperator | UserOpclass | UserOpfamily): void {
  const list = (o.kind === 'operator' ? o.schema.operators : o.kind === 'opclass' ? o.schema.opclasses : o.schema.opfamilies) as unknown[] | undefined;
  if (list) cat.remove(list, o);
}

/** ALTER … SET SCHEMA (undoable). */
export function moveToSchema(cat: Catalog, o: UserOperator | UserOpclass | UserOpfamily, to: Schema): void {
  removeFromSchema(cat, o);
  cat.set(o, 'schema', to);
  addToSchema(cat, o);
}

/** btree strategy numbers of the built-in comparison operators (hash classes have = as 1). */
const BTREE_STRATEGY: Record<string, number> = { '<': 1, '<=': 2, '=': 3, '>=': 4, '>': 5 };

/**
 * May partition pruning use this built-in operator on a key of the class? Only when the
 * class's family holds it with the meaning its name has (a reversed class's < is its >).
 */
export function opclassAllows(c: UserOpclass, name: string, left: number, right: number): boolean {
  const want = c.method === 'hash' ? (name === '=' ? 1 : 0) : BTREE_STRATEGY[name] ?? 0;
  return !!want && c.family.operators.some(m => !m.op.user && m.op.name === name && m.left === left && m.right === right && m.strategy === want);
}
