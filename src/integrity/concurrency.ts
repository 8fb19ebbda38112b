// What the writers of rows do for other transactions (storage/rowlocks.ts, storage/ssi.ts):
// the lock an UPDATE or DELETE takes on the row it changes, the FOR KEY SHARE of a
// foreign-key check on the parent row, the wait of a unique check for an uncommitted
// duplicate, the chain and lock marks an update leaves on the old version, and, under
// SERIALIZABLE, the rw-conflicts a write reveals.
import type { Table } from '../catalog/objects.js';
import { crosscheck, lockForWrite, lockRow, uniqueProbe, visibleToTransaction } from '../storage/rowlocks.js';
import type { KeyedIndex } from '../storage/ssi.js';
import type { Tuple } from '../storage/tuple.js';
import { isLive } from '../storage/visibility.js';
import { typeByOid } from '../types/registry.js';
import type { WriteContext } from './context.js';
import { indexKeyOf, isPlainIndex } from '../catalog/index-keys.js';

/** The columns of the table's unique indexes: changing one is a key update (PostgreSQL's INDEX_ATTR_BITMAP_KEY). */
function keyColumns(table: Table): number[] {
  const cached = table.cache?.get('keycols') as { n: number; cols: number[] } | undefined;
  if (cached && cached.n === table.indexes.length) return cached.cols;
  const cols = [...new Set(table.indexes.filter(ix => ix.unique && isPlainIndex(ix)).flatMap(ix => ix.columns))];
  (table.cache ??= new Map()).set('keycols', { n: table.indexes.length, cols });
  return cols;
}

function changesKey(table: Table, a: unknown[], b: unknown[]): boolean {
  const cols = keyColumns(table);
  for (let i = 0; i < cols.length; i++) {
    const att = cols[i];
    const x = a[att - 1] ?? null, y = b[att - 1] ?? null;
    if (x === null || y === null) { if (x !== y) return true; continue; }
    if (typeByOid(table.columns[att - 1].typeOid)!.compare(x, y) !== 0) return true;
  }
  return false;
}

/**
 * UPDATE (newRow) or DELETE (null) of a row version the statement found: waits for a running
 * transaction that changed or locked it, fails or runs the statement again when a committed one
 * changed it (rowlocks.ts). False when this transaction already changed it in this command.
 */
export function lockTargetForWrite(ctx: WriteContext, table: Table, t: Tuple, newRow: unknown[] | null, named = true): boolean {
  // a wait's error names the tuple (PostgreSQL's CONTEXT: while updating tuple (0,1) in relation "t")
  return lockForWrite(ctx, t, newRow === null || changesKey(table, t.data, newRow) ? 'update' : 'nokeyupdate',
    named ? (newRow === null ? 'deleting' : 'updating') : undefined, table.name);
}

/** A referential action changes a child row the latest state shows: lock it, and under REPEATABLE READ it must be in the snapshot too. */
export function lockChildForAction(ctx: WriteContext, table: Table, t: Tuple, newRow: unknown[] | null): boolean {
  // (PostgreSQL's CONTEXT there also names the action's SQL statement: none rather than half)
  if (!lockTargetForWrite(ctx, table, t, newRow, false)) return false;
  crosscheck(ctx, t);
  return true;
}

/**
 * The row a foreign-key check finds in the referenced table, locked FOR KEY SHARE so that it
 * cannot be deleted or re-keyed before this transaction ends. READ COMMITTED reads the latest
 * committed state; REPEATABLE READ and SERIALIZABLE their snapshot (plus their own changes).
 */
export function parentRowFound(ctx: WriteContext, parent: Table, t: Tuple): boolean {
  if (ctx.xactSnapshot ? !visibleToTransaction(ctx, t) : !isLive(t, ctx.tm, ctx.top)) return false;
  lockRow(ctx, t, 'keyshare', 'block', parent.name);
  return true;
}

/** ON CONFLICT under REPEATABLE READ: a conflicting row the snapshot does not see is a concurrent change (ExecCheckTIDVisible). */
export function conflictVisible(ctx: WriteContext, t: Tuple): void {
  crosscheck(ctx, t);
}

/** A referencing row a RESTRICT / NO ACTION check finds: locked FOR KEY SHARE (waits while another transaction deletes it). */
export function childRowFound(ctx: WriteContext, child: Table, t: Tuple): void {
  lockRow(ctx, t, 'keyshare', 'block', child.name);
}

/**
 * A version with the same key as a new one: does it make a duplicate? One inserted or deleted
 * by a running transaction is waited for; a deferrable constraint does not wait, it rechecks.
 */
export function uniqueClash(ctx: WriteContext, t: Tuple, deferrable: boolean): boolean {
  return uniqueProbe(ctx, t, !deferrable) !== 'dead';
}

/** The versions a new row's keys are in, for SERIALIZABLE conflict checks. */
function keysOf(table: Table, data: unknown[]): [KeyedIndex, unknown[]][] {
  return table.indexes.map(ix => [ix, ix.cache ? indexKeyOf(ix, data) : ix.columns.map(a => data[a - 1] ?? null)]);
}

/** A row version was added: readers of its table or of its keys conflict with this writer. */
export function noteInserted(ctx: WriteContext, table: Table, t: Tuple): void {
  ctx.ssi?.write(table.oid, keysOf(table, t.data));
}

/**
 * `old` was deleted (next null) or replaced by `next`: the update chain and the lock mode of
 * the change are recorded on it, FOR KEY SHARE lockers of an unchanged key stay on the new
 * version, and readers of the old version's keys conflict with this writer.
 */
export function noteRemoved(ctx: WriteContext, table: Table, old: Tuple, next: Tuple | null): void {
  old.keyUpdate = next === null || changesKey(table, old.data, next.data);
  if (next) {
    old.next = next;
    if (!old.keyUpdate && old.lockers) {
      const keep = old.lockers.filter(l => l.mode === 'keyshare' && ctx.tm.isRunning(l.xid) && ctx.tm.top(l.xid) !== ctx.top);
      if (keep.length) next.lockers = keep;
    }
  }
  ctx.ssi?.write(table.oid, keysOf(table, old.data));
}
