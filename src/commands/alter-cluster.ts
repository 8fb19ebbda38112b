// ALTER TABLE … CLUSTER ON index / SET WITHOUT CLUSTER (cluster.c: check_index_is_clusterable,
// mark_index_clustered): which index CLUSTER without USING would order the table by —
// pg_index.indisclustered, shown by \d and kept by pg_dump. Relata's CLUSTER statement
// itself is not supported (it would reorder the heap).
import { PgError } from '../errors/index.js';
import type { Index, Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';

export function clusterOn(cx: CommandContext, t: Table, name: string): void {
  refusePartitioned(t);
  const rel = t.schema.relations.get(name);
  if (!rel) throw new PgError('42704', `index "${name}" for table "${t.name}" does not exist`);
  if (rel.kind !== 'index') throw new PgError('42809', `"${name}" is not an index`);
  if (rel.table !== t) throw new PgError('42809', `"${name}" is not an index for table "${t.name}"`);
  if ((rel.method ?? 'btree') !== 'btree') {
    throw new PgError('0A000', `cannot cluster on index "${name}" because access method does not support clustering`);
  }
  if (rel.predicate) throw new PgError('0A000', `cannot cluster on partial index "${name}"`);
  mark(cx, t, rel);
}

export function dropCluster(cx: CommandContext, t: Table): void {
  refusePartitioned(t);
  mark(cx, t, null);
}

function refusePartitioned(t: Table): void {
  if (t.partitionKey) throw new PgError('0A000', 'cannot mark index clustered in partitioned table');
}

function mark(cx: CommandContext, t: Table, chosen: Index | null): void {
  for (const ix of t.indexes) {
    const want = ix === chosen;
    if (!!ix.clustered !== want) cx.catalog.set(ix, 'clustered', want);
  }
}
