// Relations and schemas by oid (pg_class / pg_namespace lookups by oid), rebuilt
// lazily whenever the catalog's version moves.
import type { Catalog } from './catalog.js';
import type { Relation, Schema, UserType } from './objects.js';

interface OidIndex { version: number; relations: Map<number, Relation> }

const indexes = new WeakMap<Catalog, OidIndex>();

function indexOf(cat: Catalog): OidIndex {
  let ix = indexes.get(cat);
  if (!ix || ix.version !== cat.version) {
    const relations = new Map<number, Relation>();
    for (const s of cat.schemas.values()) for (const r of s.relations.values()) relations.set(r.oid, r);
    ix = { version: cat.version, relations };
    indexes.set(cat, ix);
  }
  return ix;
}

export function relationByOid(cat: Catalog, oid: number): Relation | undefined {
  return indexOf(cat).relations.get(oid);
}

export function schemaByOid(cat: Catalog, oid: number): Schema | undefined {
  return cat.schemasByOid.get(oid);
}

/**
 * Is the relation the one its bare name finds along the path (RelationIsVisible)?
 * `path` is the lookup path with pg_catalog in its place.
 */
export function relationIsVisible(cat: Catalog, r: Relation, path: string[]): boolean {
  for (const sp of path) {
    const found = cat.schemas.get(sp)?.relations.get(r.name);
    if (found) return found === r;
  }
  return false;
}

/** The composite type whose pg_class entry (typrelid) has this oid. */
export function compositeByRelOid(cat: Catalog, relOid: number): UserType | undefined {
  for (const s of cat.schemas.values()) {
    for (const t of s.types?.values() ?? []) if (t.relOid === relOid) return t;
  }
  return undefined;
}

/**
 * The composite type a relation name finds (its pg_class entry shares the relations' name
 * space): in `schema`, else the first schema of `path` holding a relation or composite type
 * of that name — undefined when that is a relation or nothing.
 */
export function findCompositeEntry(cat: Catalog, schema: string | null, name: string, path: string[]): UserType | undefined {
  for (const sp of schema ? [schema] : path) {
    const s = cat.schemas.get(sp);
    if (!s) continue;
    if (s.relations.has(name)) return undefined;
    const t = s.types?.get(name);
    if (t?.relOid) return t;
  }
  return undefined;
}

/** pg_table_is_visible for a composite type's pg_class entry; undefined when no composite type has it. */
export function compositeEntryIsVisible(cat: Catalog, relOid: number, path: string[]): boolean | undefined {
  const ut = compositeByRelOid(cat, relOid);
  if (!ut) return undefined;
  return findCompositeEntry(cat, null, ut.name, path) === ut;
}
