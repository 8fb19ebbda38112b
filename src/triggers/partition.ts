// BEFORE row triggers where rows meet partitions: a partitioned table's rows meet the triggers
// of the partition they are routed to, and an UPDATE moving a row to another partition fires
// the source's BEFORE DELETE and the destination's BEFORE INSERT triggers.
import type { Table } from '../catalog/objects.js';
import type { WriteContext } from '../integrity/context.js';
import { convertRow, routeRow } from '../integrity/partition-routing.js';
import type { Tuple } from '../storage/tuple.js';
import type { Env } from '../executor/env.js';
import { fireBeforeRow, hasRowTriggers } from './fire.js';

/** Has any partition (at any depth) a BEFORE row trigger of the event? */
export function anyPartitionTriggers(t: Table, event: 'INSERT' | 'DELETE' = 'INSERT'): boolean {
  return t.children.some(c => (c.partitionKey ? anyPartitionTriggers(c, event) : hasRowTriggers(c, 'BEFORE', event)));
}

/**
 * An UPDATE moving a row to another partition deletes it from its partition and inserts it
 * into the one it now belongs to: their BEFORE DELETE and BEFORE INSERT triggers fire (either
 * may skip the row). The row to write, in the source partition's layout, or null.
 */
export function beforeRowMove(env: Env, w: WriteContext, root: Table, source: Table, old: Tuple, row: unknown[]): unknown[] | null {
  if (hasRowTriggers(source, 'BEFORE', 'DELETE') && !fireBeforeRow(env, w, source, 'DELETE', old.data, null)) return null;
  const dest = routeRow(w, root, convertRow(source, root, row));
  if (!hasRowTriggers(dest.table, 'BEFORE', 'INSERT')) return row;
  const changed = fireBeforeRow(env, w, dest.table, 'INSERT', null, dest.row);
  return changed && convertRow(dest.table, source, changed);
}
