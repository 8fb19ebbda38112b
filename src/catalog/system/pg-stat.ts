// The statistics views clients list tables and indexes through (pg_stat_all_tables,
// pg_stat_user_tables, pg_stat_all_indexes, pg_stat_user_indexes, pg_statio_*): one row
// per relation; Relata keeps no access counters, so those read 0 (timestamps NULL), and
// n_live_tup counts the rows.
import type { Catalog } from '../catalog.js';
import type { Index, Table } from '../objects.js';
import { allRelations, isView } from './pg-class.js';
import type { SystemColumn } from './relation.js';

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
const isUser = (schema: string) => !SYSTEM_SCHEMAS.has(schema) && !schema.startsWith('pg_toast');

/** A row of the view's columns from the values known by name: counters 0, anything else NULL. */
function row(columns: SystemColumn[], values: Record<string, unknown>): unknown[] {
  return columns.map(c => (c.name in values ? values[c.name] : c.type === 20 ? 0n : null));
}

function liveRows(t: Table): number {
  let n = 0;
  for (const tup of t.heap.tuples) if (tup.xmax === 0) n++;
  return n;
}

export function tableStats(userOnly: boolean) {
  return (cat: Catalog, columns: SystemColumn[]): unknown[][] => allRelations(cat)
    .filter((r): r is Table => r.kind === 'table' && !isView(r) && (!userOnly || isUser(r.schema.name)))
    .map(t => row(columns, { relid: t.oid, schemaname: t.schema.name, relname: t.name, n_live_tup: BigInt(isUser(t.schema.name) ? liveRows(t) : 0) }));
}

export function indexStats(userOnly: boolean) {
  return (cat: Catalog, columns: SystemColumn[]): unknown[][] => allRelations(cat)
    .filter((r): r is Index => r.kind === 'index' && (!userOnly || isUser(r.schema.name)))
    .map(ix => row(columns, { relid: ix.table.oid, indexrelid: ix.oid, schemaname: ix.schema.name, relname: ix.table.name, indexrelname: ix.name }));
}
