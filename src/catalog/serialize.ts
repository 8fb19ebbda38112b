// The catalog image: the whole object graph of a catalog (schemas, relations, columns,
// constraints, indexes, sequences with their state, views, dependencies, comments, the next
// oid …) written generically — every field of every object, with shared references kept —
// so that new object kinds and fields travel without this file knowing them. Rules for
// what is not state:
//   - heaps and B-trees are placeholders, rebuilt on load (rows come from the checkpoint
//     and the log; an index is re-filled from its table's rows);
//   - fields named `cache` or `…Cache` holding objects or functions are left out;
//   - system relations (pg_catalog, information_schema) are referred to by oid and found
//     again in the catalog the image is loaded into; temporary objects are left out;
//   - any other function is an error: state must be data (register a class whose instances
//     carry hooks with registerSerializable and name those fields).
// Every change of the catalog goes through Catalog.record (that is also what makes DDL
// transactional); the log relies on it to know that a transaction changed the catalog.
import { indexColumns, indexHolds, indexKeyOf, prepareIndex } from './index-keys.js';
import { BTree } from '../storage/btree.js';
import { Heap } from '../storage/heap.js';
import type { Tuple } from '../storage/tuple.js';
import { numberOrdered } from '../types/number-order.js';
import { setTypeScope, typeByOid, typeScope } from '../types/registry.js';
import { Catalog } from './catalog.js';
import { Dependencies, type Dep } from './dependencies.js';
import type { Index, Relation, Table } from './objects.js';
import { isSystemRelation } from './system/relation.js';
import { activateTypes, pgTypeOf, userTypeByOid } from './user-types.js';
import { Decoder, Encoder, Reader, registerSerializable, type GraphHooks } from './serialize-codec.js';

registerSerializable(Catalog, ['undoLog']);
registerSerializable(Dependencies, ['onChange']);

/** Objects of a session's temporary schema: never written (they end with their session). */
export function isTemporary(o: any): boolean {
  if (o?.kind === 'schema') return o.temp === true || /^pg_(toast_)?temp_\d+$/.test(o.name);
  if (o?.schema && typeof o.kind === 'string' && o.kind !== 'schema') return isTemporary(o.schema) || o.persistence === 't';
  return false;
}

const hooks: GraphHooks = {
  external(o) {
    // by name: a system relation's oid may be shared by another one
    if (isSystemRelation(o as Relation)) return `rel:${(o as Relation).schema.name}.${(o as Relation).name}`;
    if (isTemporary(o)) return 'temp';
    return null;
  },
  field(holder, key, value) {
    if (value instanceof Heap) return { transient: 'heap', arg: value.rel };
    if (value instanceof BTree) {
      if (key !== 'tree' || (holder as { kind?: string }).kind !== 'index') throw new Error(`cannot serialize a B-tree in field "${key}" (only an index's tree is rebuilt on load)`);
      return { transient: 'btree', arg: 0 };
    }
    if ((key === 'cache' || key.endsWith('Cache')) && value !== null && (typeof value === 'object' || typeof value === 'function')) return 'skip';
    return 'keep';
  },
};

/** The image of a catalog's current state (call it when no transaction has uncommitted catalog changes). */
export function encodeCatalog(cat: Catalog): Buffer {
  const e = new Encoder(hooks);
  e.graph(cat);
  return e.w.finish();
}

/** What loading an image leaves to do: the tables whose heaps were recreated empty, and the indexes to re-fill. */
export interface LoadedCatalog {
  tables: Table[];
  indexes: Index[];
}

/**
 * Replaces the state of `into` (a fresh catalog with its system relations installed) by the
 * image's. The Catalog object itself stays, as system relations generate their rows from it.
 */
export function loadCatalog(into: Catalog, image: Uint8Array): LoadedCatalog {
  const system = new Map<string, Relation>();
  for (const s of into.schemas.values()) for (const r of s.relations.values()) if (isSystemRelation(r)) system.set(`rel:${s.name}.${r.name}`, r);
  const d = new Decoder(new Reader(image), key => system.get(key));
  const loaded = d.graph() as Catalog;
  if (!(loaded instanceof Catalog)) throw new Error('the catalog image does not hold a catalog');
  const freshVersion = into.version;
  merge(into, loaded);
  into.version = Math.max(freshVersion, loaded.version) + 1;
  // system relations new in this version of Relata join their schemas; all point at the loaded schema objects
  for (const r of system.values()) {
    const s = into.schemasByOid.get(r.schema.oid);
    if (!s) continue;
    if (!s.relations.has(r.name)) s.relations.set(r.name, r);
    (r as { schema: unknown }).schema = s;
  }
  dropDanglingDeps(into.deps);
  const out: LoadedCatalog = { tables: [], indexes: [] };
  for (const slot of d.transients) {
    if (slot.kind === 'heap') { slot.holder[slot.key] = new Heap(slot.arg); out.tables.push(slot.holder); }
    else if (slot.kind === 'btree') out.indexes.push(slot.holder);
    else throw new Error(`the catalog image holds an unknown placeholder ${slot.kind}`);
  }
  return out;
}

/**
 * Fills the indexes' trees from their tables' rows (after they are loaded). The catalog's own
 * types (enums, domains …) are made reachable meanwhile, as a session running a statement does.
 */
export function rebuildIndexes(cat: Catalog, indexes: Index[]): void {
  const outer = typeScope();
  activateTypes(cat, () => ['pg_catalog']);
  try {
    for (const ix of indexes) rebuildIndex(cat, ix);
  } finally {
    setTypeScope(outer);
  }
}

function rebuildIndex(cat: Catalog, ix: Index): void {
  const table = ix.table;
  prepareIndex(cat, ix);
  // an exclusion constraint's index keeps no entries (integrity/exclusion.ts scans the table)
  if (ix.exclusion) { ix.tree = new BTree([]); return; }
  const keyCols = indexColumns(ix).filter(c => c.key);
  const cmps = keyCols.map(c => {
    const oid = c.typeOid;
    const user = userTypeByOid(cat, oid);
    const t = typeByOid(oid) ?? (user && pgTypeOf(cat, user.ut, user.array));
    if (!t) throw new Error(`index "${ix.name}" is on a column of an unknown type (${oid})`);
    return t.compare.bind(t);
  });
  const tree = new BTree(cmps, keyCols.length === 1 && numberOrdered(keyCols[0].typeOid));
  // built bottom-up from the keys sorted once (storage/btree.ts load)
  const keys: unknown[][] = [], tuples: Tuple[] = [];
  for (const tup of table.heap.tuples) {
    if (ix.predicate && !indexHolds(ix, tup.data)) continue;
    keys.push(ix.cache ? indexKeyOf(ix, tup.data) : ix.columns.map(a => tup.data[a - 1] ?? null));
    tuples.push(tup);
  }
  tree.load(keys, tuples);
  ix.tree = tree;
}

/** Copies a loaded object's fields onto a live one; registered objects inside it are merged the same way, keeping their hooks. */
function merge(into: any, from: any): void {
  for (const key of Object.keys(from)) {
    const cur = into[key], v = from[key];
    if (cur instanceof Dependencies && v instanceof Dependencies) merge(cur, v);
    else into[key] = v;
  }
}

/** Dependencies on objects left out of the image (temporary ones, system relations that are gone). */
function dropDanglingDeps(deps: Dependencies): void {
  for (const field of ['byReferenced', 'byDependent']) {
    const m = (deps as any)[field] as Map<unknown, Dep[]> | undefined;
    if (!(m instanceof Map)) continue;
    for (const [k, list] of m) {
      const kept = list.filter(d => d.dependent?.obj && d.referenced?.obj);
      if (k === null || !kept.length) m.delete(k);
      else if (kept.length !== list.length) m.set(k, kept);
    }
  }
}
