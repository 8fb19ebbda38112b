// Relations and schemas by oid (pg_class / pg_namespace lookups by oid), rebuilt
// lazily whenever the catalog's version moves.
import type { Catalog } from './catalog.js';
import type { Relation, Schema } from './objects.js';

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
