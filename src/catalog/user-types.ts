// User-defined types in the catalog: each schema's types by name (pg_type's typname /
// typnamespace), the PgType objects that read them (built on demand, never stored: a
// restarted data directory finds them again from the plain data), and the TypeScope that
// makes them reachable through types/registry.ts while one of this catalog's sessions runs.
import { PgError } from '../errors/index.js';
import { makeArrayType } from '../types/arrays.js';
import { makeCompositeType } from '../types/composite.js';
import { makeDomainType } from '../types/domain.js';
import { makeEnumType } from '../types/enum.js';
import { setTypeScope, typeByName, typeScope, type EvalContext, type TypeScope } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { PgType } from '../types/type.js';
import type { Catalog } from './catalog.js';
import type { Relation, Schema, UserType } from './objects.js';
import { relationByOid, relationIsVisible } from './oid-index.js';
import { isSystemRelation } from './system/relation.js';

/** A schema's types (created on first use: schemas of older images have none). */
export function typesOf(schema: Schema): Map<string, UserType> {
  return (schema.types ??= new Map());
}

export function allUserTypes(cat: Catalog): UserType[] {
  const out: UserType[] = [];
  for (const s of cat.schemas.values()) if (s.types) for (const t of s.types.values()) out.push(t);
  return out;
}

// ---- lookups ------------------------------------------------------------------

interface TypeIndex { version: number; byOid: Map<number, { ut: UserType; array: boolean }> }
const indexes = new WeakMap<Catalog, TypeIndex>();

function indexOf(cat: Catalog): TypeIndex {
  let ix = indexes.get(cat);
  if (!ix || ix.version !== cat.version) {
    const byOid = new Map<number, { ut: UserType; array: boolean }>();
    for (const ut of allUserTypes(cat)) {
      byOid.set(ut.oid, { ut, array: false });
      byOid.set(ut.arrayOid, { ut, array: true });
    }
    ix = { version: cat.version, byOid };
    indexes.set(cat, ix);
  }
  return ix;
}

/** The user type with this oid (its array type's oid finds it too, with array set). */
export function userTypeByOid(cat: Catalog, oid: number): { ut: UserType; array: boolean } | undefined {
  return indexOf(cat).byOid.get(oid);
}

/** A type by name in one schema: the type itself or, for "_name", its array type. */
function inSchema(s: Schema | undefined, name: string): { ut: UserType; array: boolean } | undefined {
  const m = s?.types;
  if (!m) return undefined;
  const ut = m.get(name);
  if (ut) return { ut, array: false };
  for (const t of m.values()) if (t.arrayName === name) return { ut: t, array: true };
  return undefined;
}

/** TypenameGetTypid: along the path, or in the named schema (which must exist). */
export function findUserType(cat: Catalog, schema: string | null, name: string, path: string[]): { ut: UserType; array: boolean } | undefined {
  if (schema !== null) {
    const s = cat.schemas.get(schema);
    if (!s) throw new PgError('3F000', `schema "${schema}" does not exist`);
    return inSchema(s, name);
  }
  for (const sp of path) {
    const found = inSchema(cat.schemas.get(sp), name);
    if (found) return found;
  }
  return undefined;
}

/** Is the name taken in the schema's pg_type (a type, an array type, or a relation's row type)? */
export function typeNameTaken(schema: Schema, name: string): boolean {
  if (inSchema(schema, name)) return true;
  const r = schema.relations.get(name);
  return !!r && r.kind !== 'index';
}

// ---- PgType objects ---------------------------------------------------------------

/** Compiles a domain's CHECK constraint to a function of the value (installed by the session layer). */
export type DomainCheckCompiler = (cat: Catalog, domain: UserType, expr: unknown) => (v: unknown, ctx: EvalContext) => unknown;
let domainCompiler: DomainCheckCompiler | null = null;
export function installDomainCheckCompiler(c: DomainCheckCompiler): void { domainCompiler = c; }

const built = new WeakMap<UserType, { elem: PgType; array: PgType }>();
/** The search path format_type uses to decide whether a name needs its schema. */
const displayPaths = new WeakMap<Catalog, () => string[]>();

function display(cat: Catalog, ut: UserType): string {
  const path = displayPaths.get(cat)?.() ?? [];
  const visible = !typeByName(ut.name) && path.some(sp => sp === ut.schema.name) && findUserType(cat, null, ut.name, path)?.ut === ut;
  return visible ? quoteIdent(ut.name) : `${quoteIdent(ut.schema.name)}.${quoteIdent(ut.name)}`;
}

export function pgTypeOf(cat: Catalog, ut: UserType, array = false): PgType {
  let b = built.get(ut);
  if (!b) {
    const name = () => display(cat, ut);
    const elem = ut.typtype === 'e' ? makeEnumType(ut, name)
      : ut.typtype === 'd' ? makeDomainType(ut, name, (v, ctx) => checkDomain(cat, ut, v, ctx))
      : makeCompositeType(ut, name);
    const arr = makeArrayType(elem);
    Object.defineProperty(arr, 'name', { get: () => ut.arrayName });
    b = { elem, array: arr };
    built.set(ut, b);
  }
  return array ? b.array : b.elem;
}

/**
 * A domain's constraints on a value, its base domains' included (base-most first), as one
 * CoerceToDomain checks them: errors name the domain coerced to.
 */
function checkDomain(cat: Catalog, ut: UserType, v: unknown, ctx: EvalContext): void {
  const chain: UserType[] = [];
  for (let d: UserType | undefined = ut; d?.typtype === 'd' && chain.length < 100;) {
    chain.unshift(d);
    const base = userTypeByOid(cat, d.base!.typeOid);
    d = base && !base.array ? base.ut : undefined;
  }
  const name = display(cat, ut);
  if (v === null || v === undefined) {
    if (chain.some(d => d.notNull)) throw new PgError('23502', `domain ${name} does not allow null values`, { dataType: ut.name, schema: ut.schema.name });
    return;
  }
  for (const d of chain) {
    for (const c of d.constraints ?? []) {
      if (compiledCheck(cat, d, c)(v, ctx) === false) {
        throw new PgError('23514', `value for domain ${name} violates check constraint "${c.name}"`, { dataType: ut.name, schema: ut.schema.name, constraint: c.name });
      }
    }
  }
}

type CheckCache = { constraints: unknown; fns: Map<unknown, (v: unknown, ctx: EvalContext) => unknown> };

function compiledCheck(cat: Catalog, ut: UserType, c: { expr: unknown }): (v: unknown, ctx: EvalContext) => unknown {
  let cache = ut.cache as CheckCache | undefined;
  if (!cache || cache.constraints !== ut.constraints) ut.cache = cache = { constraints: ut.constraints, fns: new Map() };
  let fn = cache.fns.get(c.expr);
  if (!fn) {
    if (!domainCompiler) throw new PgError('XX000', 'domain constraints cannot be checked here');
    fn = domainCompiler(cat, ut, c.expr);
    cache.fns.set(c.expr, fn);
  }
  return fn;
}

// ---- row types of tables and views --------------------------------------------------------

const rowTypes = new WeakMap<Relation, PgType>();
const rowArrayTypes = new WeakMap<Relation, PgType>();

/**
 * The oid of a relation's row type's array type (pg_type.typarray). Relata gives relations no
 * pg_type rows of their own, so it is derived from the relation's oid, above every oid the
 * catalog hands out.
 */
export const ROW_ARRAY_OID_BASE = 0x80000000;
const rowArrayOid = (rel: Relation): number => ROW_ARRAY_OID_BASE + rel.oid;

/** The array type of a table's or view's row type (t[], named "_t"). */
export function rowArrayTypeOf(cat: Catalog, rel: Relation): PgType | undefined {
  const elem = rowTypeOf(cat, rel);
  if (!elem) return undefined;
  let t = rowArrayTypes.get(rel);
  if (!t) {
    t = makeArrayType(elem);
    Object.defineProperty(t, 'name', { get: () => '_' + rel.name });
    rowArrayTypes.set(rel, t);
  }
  return t;
}

/**
 * The row type of a table or view: a composite type named like it, whose oid is the
 * relation's own (Relata gives relations no separate pg_type oid), its attributes its columns.
 */
export function rowTypeOf(cat: Catalog, rel: Relation): PgType | undefined {
  if (rel.kind !== 'table' && rel.kind !== 'view') return undefined;
  let t = rowTypes.get(rel);
  if (!t) {
    const src = {
      oid: rel.oid, arrayOid: rowArrayOid(rel),
      get name() { return rel.name; },
      get attributes() {
        return rel.kind === 'table'
          ? rel.columns.map(c => ({ name: c.name, typeOid: c.typeOid, typmod: c.typmod, dropped: c.dropped }))
          : rel.columns.map(c => ({ name: c.name, typeOid: c.typeOid, typmod: c.typmod, dropped: false }));
      },
    };
    const path = () => displayPaths.get(cat)?.() ?? [];
    t = makeCompositeType(src, () => (relationIsVisible(cat, rel, path()) ? quoteIdent(rel.name) : `${quoteIdent(rel.schema.name)}.${quoteIdent(rel.name)}`));
    rowTypes.set(rel, t);
  }
  return t;
}

/** A user relation's row type by the relation's oid. */
function rowTypeByOid(cat: Catalog, oid: number): PgType | undefined {
  if (oid >= ROW_ARRAY_OID_BASE) {
    const rel = relationByOid(cat, oid - ROW_ARRAY_OID_BASE);
    return rel && !isSystemRelation(rel) ? rowArrayTypeOf(cat, rel) : undefined;
  }
  if (oid < FIRST_USER_OID) return undefined;
  const rel = relationByOid(cat, oid);
  return rel && !isSystemRelation(rel) ? rowTypeOf(cat, rel) : undefined;
}

/** A relation's row type by name, along the path or in a schema. */
function rowTypeByName(cat: Catalog, schema: string | null, name: string, path: string[]): PgType | undefined {
  const rel = cat.findRelation(schema, name, path);
  if (rel && !isSystemRelation(rel)) return rowTypeOf(cat, rel);
  // "_t": the array type of t's row type
  const base = name.startsWith('_') ? cat.findRelation(schema, name.slice(1), path) : undefined;
  return base && !isSystemRelation(base) ? rowArrayTypeOf(cat, base) : undefined;
}

const FIRST_USER_OID = 16384;

// ---- the scope a session installs ---------------------------------------------------

const scopes = new WeakMap<Catalog, TypeScope>();
let lastCatalog: Catalog | null = null;
let lastPath: (() => string[]) | null = null, lastScope: TypeScope | null = null;

/**
 * Makes the catalog's types reachable through typeByOid / type names while its session runs;
 * `path` is the session's lookup path (pg_catalog included).
 */
export function activateTypes(cat: Catalog, path: () => string[]): void {
  // (a session activates its catalog before every statement: usually active already)
  if (cat === lastCatalog && path === lastPath && typeScope() === lastScope && lastScope !== null) return;
  displayPaths.set(cat, path);
  let s = scopes.get(cat);
  if (!s) {
    s = {
      byOid: oid => {
        const f = userTypeByOid(cat, oid);
        return f ? pgTypeOf(cat, f.ut, f.array) : rowTypeByOid(cat, oid);
      },
      byName: (schema, name) => {
        const path = displayPaths.get(cat)?.() ?? [];
        const f = findUserType(cat, schema, name, path);
        return f ? pgTypeOf(cat, f.ut, f.array) : rowTypeByName(cat, schema, name, path);
      },
    };
    scopes.set(cat, s);
  }
  lastCatalog = cat;
  lastPath = path;
  lastScope = s;
  setTypeScope(s);
}

/** The catalog whose types are reachable now (the last one activated). */
export const activeTypeCatalog = (): Catalog | null => lastCatalog;

// ---- changes (undoable) ---------------------------------------------------------------

export function addUserType(cat: Catalog, ut: UserType): void {
  const m = typesOf(ut.schema);
  m.set(ut.name, ut);
  cat.record(() => m.delete(ut.name));
}

export function removeUserType(cat: Catalog, ut: UserType): void {
  const m = typesOf(ut.schema);
  m.delete(ut.name);
  cat.record(() => m.set(ut.name, ut));
}

/** RENAME TO / SET SCHEMA: the type (and its array type's name) moves in the name space. */
export function moveUserType(cat: Catalog, ut: UserType, name: string, to: Schema): void {
  const from = ut.schema, old = ut.name, oldArray = ut.arrayName;
  typesOf(from).delete(old);
  ut.name = name;
  ut.schema = to;
  ut.arrayName = arrayTypeName(to, name);
  typesOf(to).set(name, ut);
  cat.record(() => { typesOf(to).delete(name); ut.name = old; ut.schema = from; ut.arrayName = oldArray; typesOf(from).set(old, ut); });
}

/** makeArrayTypeName: "_name", with more underscores while that is taken (clipped to 63 bytes). */
export function arrayTypeName(schema: Schema, name: string): string {
  let prefix = '_';
  for (;;) {
    const candidate = Buffer.from(prefix + name).subarray(0, 63).toString();
    if (!typeNameTaken(schema, candidate)) return candidate;
    prefix += '_';
  }
}

/** A new relation's row type takes its name in pg_type: a user type of that name is in the way. */
export function checkRowTypeName(schema: Schema, name: string): void {
  if (inSchema(schema, name)) {
    throw new PgError('42710', `type "${name}" already exists`,
      { hint: "A relation has an associated type of the same name, so you must use a name that doesn't conflict with any existing type." });
  }
}
