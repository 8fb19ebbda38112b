// System catalogs and views as read-only tables: a table object whose heap yields rows
// generated from the live catalog each time it is scanned, so the analyzer, planner and
// executor treat pg_class and friends like any table.
import { PgError } from '../../errors/index.js';
import { Heap } from '../../storage/heap.js';
import { FROZEN_XID } from '../../storage/transactions.js';
import type { Tuple } from '../../storage/tuple.js';
import type { Catalog } from '../catalog.js';
import type { Column, Relation, Schema, Table } from '../objects.js';

export interface SystemColumn { name: string; type: number; typmod?: number; notNull?: boolean }

export interface SystemRelationDef {
  schema: 'pg_catalog' | 'information_schema';
  name: string;
  oid: number;
  /** Views (pg_sequences, information_schema.*) show as relkind 'v' and refuse DML as views do. */
  view?: boolean;
  columns: SystemColumn[];
  rows(cat: Catalog): unknown[][];
  /**
   * The rows depend on nothing but the catalog's definitions (no sequence values, no
   * session state): generated once per catalog version, so joins can rescan cheaply.
   */
  stable?: boolean;
}

const systemRelations = new WeakMap<Relation, SystemRelationDef>();

export const systemRelationDef = (r: Relation): SystemRelationDef | undefined => systemRelations.get(r);
export const isSystemRelation = (r: Relation): boolean => systemRelations.has(r);

let nextTupleId = -1;

/** PostgreSQL's errors for writing to a system catalog or view ('insert' | 'update' | 'delete'). */
export function systemWriteError(r: Relation, verb: 'insert' | 'update' | 'delete'): PgError {
  const def = systemRelations.get(r);
  if (def?.view) {
    const [what, hintVerb, kw] = verb === 'insert' ? ['cannot insert into view', 'inserting into', 'INSERT']
      : verb === 'update' ? ['cannot update view', 'updating', 'UPDATE'] : ['cannot delete from view', 'deleting from', 'DELETE'];
    return new PgError('55000', `${what} "${r.name}"`, {
      detail: 'Views that do not select from a single table or view are not automatically updatable.',
      hint: `To enable ${hintVerb} the view, provide an INSTEAD OF ${kw} trigger or an unconditional ON ${kw} DO INSTEAD rule.` });
  }
  return new PgError('0A000', `modifying system catalog "${r.name}" is not supported`);
}

/** DDL on a system relation (DROP, TRUNCATE, ALTER, CREATE INDEX). */
export const systemCatalogDenied = (r: Relation): PgError => new PgError('42501', `permission denied: "${r.name}" is a system catalog`);

/** Creates the relation in its schema (pg_catalog or information_schema). */
export function addSystemRelation(cat: Catalog, def: SystemRelationDef): Table {
  const schema: Schema = cat.schema(def.schema);
  const columns: Column[] = def.columns.map((c, i) => ({
    name: c.name, attnum: i + 1, typeOid: c.type, typmod: c.typmod ?? -1, notNull: !!c.notNull, default: null, identity: '',
    inhCount: 0, isLocal: true, dropped: false, missing: null,
  }));
  const heap = new Heap(def.oid);
  const table: Table = {
    kind: 'table', relkind: 'r', oid: def.oid, name: def.name, schema, owner: 'postgres', columns, heap, indexes: [],
    constraints: [], parents: [], children: [], referencedBy: [], version: 0,
  };
  const generate = (): Tuple[] => def.rows(cat).map(data => ({ data, xmin: FROZEN_XID, cmin: 0, xmax: 0, cmax: 0, id: nextTupleId--, rel: def.oid }));
  let cached: { version: number; tuples: Tuple[] } | null = null;
  Object.defineProperty(heap, 'tuples', {
    get: (): Tuple[] => {
      if (!def.stable) return generate();
      if (cached?.version !== cat.version) cached = { version: cat.version, tuples: generate() };
      return cached.tuples;
    },
    set: () => { throw systemWriteError(table, 'delete'); },
  });
  heap.insert = () => { throw systemWriteError(table, 'insert'); };
  heap.markDeleted = () => { throw systemWriteError(table, 'delete'); };
  systemRelations.set(table, def);
  schema.relations.set(def.name, table);
  return table;
}
