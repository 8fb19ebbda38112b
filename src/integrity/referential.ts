// Foreign keys: the checks and actions of PostgreSQL's RI triggers (ri_triggers.c),
// fired from the queue at the end of the statement that caused them. An action's own
// changes queue events that fire when that action ends, so cascades run depth first.
import { recheckExclusion } from './exclusion.js';
import { isPlainIndex } from '../catalog/index-keys.js';
import { PgError } from '../errors/index.js';
import type { Constraint, Table } from '../catalog/objects.js';
import type { Tuple } from '../storage/tuple.js';
import { isLive } from '../storage/visibility.js';
import { typeByOid } from '../types/registry.js';
import type { RiEvent, WriteContext } from './context.js';
import { actionSql, keyText } from './messages.js';
import { deleteRow, duplicateKey, indexKey, updateRow } from './writer.js';
import { holderOf, leafTables, mapColumns, partitionedHasKey } from './partition-ri.js';
import { toChildKey, toParentKey } from './key-types.js';
import { childRowFound, lockChildForAction, parentRowFound, uniqueClash } from './concurrency.js';

/**
 * Fires events in order until none are left. Like PostgreSQL's RI triggers, which run their
 * statements without firing triggers themselves, an action's own changes append their events
 * to the same list: they fire after the events already queued (breadth first).
 */
export function fireEvents(ctx: WriteContext, events: RiEvent[]): void {
  const saved = ctx.queue;
  ctx.queue = events;
  try {
    for (let i = 0; i < events.length; i++) fireOne(ctx, events[i]);
  } finally {
    ctx.queue = saved;
  }
}

function fireOne(ctx: WriteContext, ev: RiEvent): void {
  if (ev.fire) return ev.fire();
  if (ev.kind === 'unique') return recheckUnique(ctx, ev);
  if (ev.kind === 'exclusion') return recheckExclusion(ctx, ev);
  const fk = ev.c.fk!;
  if (ev.kind === 'check') return checkChild(ctx, ev.c, ev.tuple);
  const oldKey = fk.refColumns.map(a => ev.tuple.data[a - 1] ?? null);
  if (oldKey.some(v => v === null)) return;
  const action = ev.kind === 'pkdel' ? fk.onDelete : fk.onUpdate;
  if (action === 'a' || action === 'r') return restrict(ctx, ev.c, oldKey, action === 'a');
  const children = findChildren(ctx, ev.c, oldKey);
  if (children.length === 0) return;
  ctx.cid++;
  try {
    runAction(ctx, ev, action, children);
  } catch (e) {
    // errors of the action's own statement carry it as context (ri_triggers.c runs it through SPI)
    if (e instanceof PgError) e.where = (e.where ? e.where + '\n' : '') + `SQL statement "${actionSql(ev.c, ev.kind as 'pkdel' | 'pkupd', action)}"`;
    throw e;
  }
  ctx.cid++;
  // SET DEFAULT may leave rows pointing at the very key that went away (ri_setdefault)
  if (action === 'd') restrict(ctx, ev.c, oldKey, true);
}

/** A deferrable unique constraint's row that met a duplicate: is the duplicate still there? */
function recheckUnique(ctx: WriteContext, ev: RiEvent): void {
  if (!isLive(ev.tuple, ctx.tm, ctx.top)) return;
  const index = ev.c.index!;
  const key = indexKey(index, ev.tuple.data);
  index.tree.scanEqual(key, t => {
    if (t !== ev.tuple && uniqueClash(ctx, t, false)) throw duplicateKey(ctx, ev.c.table, index, key);
  });
}

/** RESTRICT / NO ACTION: no child may still reference the old key (NO ACTION: unless another row now has it). */
function restrict(ctx: WriteContext, c: Constraint, oldKey: unknown[], noAction: boolean): void {
  const fk = c.fk!;
  const parent = fk.refTable;
  if (noAction && parentHasKey(ctx, parent, fk.refColumns, oldKey, fk.refIndex)) return;
  const child = findChildren(ctx, c, oldKey, 1)[0];
  if (!child) return;
  // locked FOR KEY SHARE, as PostgreSQL's check query does: a running delete of it is waited for
  childRowFound(ctx, c.table, child);
  throw new PgError('23503', `update or delete on table "${parent.name}" violates foreign key constraint "${c.name}" on table "${c.table.name}"`,
    { detail: `${keyText(ctx, parent, fk.refColumns, oldKey)} is still referenced from table "${c.table.name}".`,
      schema: c.table.schema.name, table: c.table.name, constraint: c.name });
}

function runAction(ctx: WriteContext, ev: RiEvent, action: string, children: Tuple[]): void {
  const fk = ev.c.fk!;
  const table = ev.c.table;
  const setCols = ev.kind === 'pkdel' && fk.setColumns ? fk.setColumns : ev.c.columns;
  for (const t of children) {
    if (!isLive(t, ctx.tm, ctx.top)) continue;
    // a partitioned referencing table: the row is in one of its partitions, in that one's layout
    const holder = holderOf(table, t);
    if (action === 'c' && ev.kind === 'pkdel') {
      if (lockChildForAction(ctx, holder, t, null) && (!holder.triggers?.length || !ctx.beforeRow || ctx.beforeRow(holder, 'DELETE', t, null))) deleteRow(ctx, holder, t);
      continue;
    }
    const cols = mapColumns(table, holder, ev.c.columns);
    const row = t.data.slice();
    for (let i = 0; i < cols.length; i++) {
      const att = cols[i];
      if (action === 'c') row[att - 1] = ev.newTuple!.data[fk.refColumns[i] - 1];
      else if (setCols.includes(ev.c.columns[i])) row[att - 1] = action === 'n' ? null : ctx.defaultValue(table, ev.c.columns[i]);
    }
    if (!lockChildForAction(ctx, holder, t, row)) continue;
    // the child's BEFORE UPDATE triggers may change or skip the row (src/triggers)
    const changed = holder.triggers?.length && ctx.beforeRow ? ctx.beforeRow(holder, 'UPDATE', t, row) : row;
    if (changed) updateRow(ctx, holder, t, changed, holder === table ? undefined : table);
  }
}

/** Rows already in the table must satisfy a foreign key being added (RI_Initial_Check). */
export function checkExistingRows(ctx: WriteContext, c: Constraint): void {
  for (const t of c.table.heap.tuples) checkChild(ctx, c, t);
}

function checkChild(ctx: WriteContext, c: Constraint, tuple: Tuple): void {
  if (!isLive(tuple, ctx.tm, ctx.top)) return;
  const fk = c.fk!;
  const key = c.columns.map(a => tuple.data[a - 1] ?? null);
  const nulls = key.filter(v => v === null).length;
  if (nulls === key.length) return;
  if (nulls > 0) {
    if (fk.match === 'f') {
      throw new PgError('23503', `insert or update on table "${c.table.name}" violates foreign key constraint "${c.name}"`,
        { detail: 'MATCH FULL does not allow mixing of null and nonnull key values.', schema: c.table.schema.name, table: c.table.name, constraint: c.name });
    }
    return;
  }
  if (parentHasKey(ctx, fk.refTable, fk.refColumns, toParentKey(c, key), fk.refIndex)) return;
  throw new PgError('23503', `insert or update on table "${c.table.name}" violates foreign key constraint "${c.name}"`,
    { detail: `${keyText(ctx, c.table, c.columns, key)} is not present in table "${fk.refTable.name}".`,
      schema: c.table.schema.name, table: c.table.name, constraint: c.name });
}

/** Is there a live row in the referenced table with this key? Looks it up through the unique index. */
function parentHasKey(ctx: WriteContext, parent: Table, refCols: number[], key: unknown[], index: import('../catalog/objects.js').Index): boolean {
  if (parent.partitionKey) return partitionedHasKey(ctx, parent, refCols, key, index);
  // the index may list the key columns in another order than the foreign key
  const ordered = index.columns.map(att => key[refCols.indexOf(att)]);
  ctx.ssi?.readKey(index, ordered);
  let found = false;
  // the row found is locked FOR KEY SHARE (concurrency.ts)
  index.tree.scanEqual(ordered, t => {
    if (parentRowFound(ctx, parent, t)) { found = true; return false; }
  });
  return found;
}

/** Live rows of the referencing table whose key equals `key` (through an index when one leads with the key). */
export function findChildren(ctx: WriteContext, c: Constraint, parentKey: unknown[], limit = Infinity): Tuple[] {
  const key = toChildKey(c, parentKey);
  if (!key) return [];
  if (c.table.partitionKey) {
    const out: Tuple[] = [];
    for (const leaf of leafTables(c.table)) {
      if (out.length >= limit) break;
      out.push(...findChildrenIn(ctx, leaf, mapColumns(c.table, leaf, c.columns), key, limit - out.length));
    }
    return out;
  }
  return findChildrenIn(ctx, c.table, c.columns, key, limit);
}

function findChildrenIn(ctx: WriteContext, table: Table, cols: number[], key: unknown[], limit: number): Tuple[] {
  const out: Tuple[] = [];
  const index = table.indexes.find(ix => isPlainIndex(ix) && cols.every(a => ix.columns.slice(0, cols.length).includes(a)));
  if (index) {
    const ordered = index.columns.slice(0, cols.length).map(att => key[cols.indexOf(att)]);
    ctx.ssi?.readKey(index, ordered);
    index.tree.scanEqual(ordered, t => {
      if (isLive(t, ctx.tm, ctx.top)) { out.push(t); if (out.length >= limit) return false; }
    });
    return out;
  }
  const cmps = cols.map(a => typeByOid(table.columns[a - 1].typeOid)!);
  ctx.ssi?.readRelation(table.oid);
  for (const t of table.heap.tuples) {
    let match = true;
    for (let i = 0; i < cols.length; i++) {
      const v = t.data[cols[i] - 1];
      if (v === null || v === undefined || cmps[i].compare(v, key[i]) !== 0) { match = false; break; }
    }
    if (match && isLive(t, ctx.tm, ctx.top)) { out.push(t); if (out.length >= limit) break; }
  }
  return out;
}
