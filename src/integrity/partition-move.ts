// An UPDATE that takes a row out of its partition (ExecCrossPartitionUpdate): the old version
// goes, the new one is routed from the table the UPDATE named. As in PostgreSQL 15, foreign
// keys referencing that table see one update of the key, not a delete and an insert; only
// foreign keys defined on the source partition itself see the delete.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import type { Tuple } from '../storage/tuple.js';
import type { WriteContext } from './context.js';
import { convertRow } from './partition-routing.js';
import { insertRow, keysDiffer, queue } from './writer.js';

export function moveRow(ctx: WriteContext, leaf: Table, old: Tuple, row: unknown[], root: Table): Tuple {
  // a foreign key of its own on an ancestor between the two could not be kept (ExecCrossPartitionUpdateForeignKey)
  for (let a = leaf.parents[0]; a && a !== root; a = a.parents[0]) {
    if (a.referencedBy.some(c => !c.parent)) {
      throw new PgError('0A000', 'cannot move tuple across partitions when a non-root ancestor of the source partition is directly referenced in a foreign key',
        { detail: `A foreign key points to ancestor "${a.name}" but not the root ancestor "${root.name}".`,
          hint: `Consider defining the foreign key on table "${root.name}".` });
    }
  }
  const rootRow = convertRow(leaf, root, row);
  leaf.heap.markDeleted(old, ctx.xid, ctx.cid);
  for (const c of leaf.referencedBy) if (!c.parent) queue(ctx, { c, kind: 'pkdel', tuple: old });
  // the move fires the source's DELETE and the destination's INSERT row triggers
  if (leaf.triggers?.length) ctx.afterRow?.(ctx, leaf, 'DELETE', old, null);
  const tuple = insertRow(ctx, root, rootRow, root);
  const oldRoot = convertRow(leaf, root, old.data);
  for (const c of root.referencedBy) {
    if (!keysDiffer(root, c.fk!.refColumns, oldRoot, rootRow)) continue;
    // the events read the key columns of the referenced table, in its layout
    queue(ctx, { c, kind: 'pkupd', tuple: { ...old, data: oldRoot }, newTuple: { ...tuple, data: rootRow } });
  }
  return tuple;
}
