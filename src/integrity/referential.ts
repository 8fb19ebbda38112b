// Foreign keys: the checks and actions of PostgreSQL's RI triggers (ri_triggers.c),
// fired from the queue at the end of the statement that caused them. An action's own
// changes queue events that fire when that action ends, so cascades run depth first.
import { recheckExclusion } from './exclusion.js';
import { isPlainIndex } from '../catalog/index-keys.js';
import { PgError } from '../errors/index.js';
import type { Constraint, Index, Table } from '../catalog/objects.js';
import type { Tuple } from '../storage/tuple.js';
import { isLive } from '../storage/visibility.js';
import { typeByOid } from '../types/registry.js';
import type { RiEvent, WriteContext } from './context.js';
import { actionSql, fkMissingKey, keyText } from './messages.js';
import { deleteRow, duplicateKey, indexKey, updateRow } from './writer.js';
import { holderOf, leafTables, mapColumns, partitionedHasKey } from './partition-ri.js';
import { toChildKey, toParentKey } from './key-types.js';
import { childRowFound, lockChildForAction, parentRowFound, uniqueClash } from './concurrency.js';

/**
 * Fires events in order until none are left. Like PostgreSQL's RI triggers, which run their
 * statements without firing triggers themselves, an action's own changes append their events
 * to the same list: they fire after the events already queued (breadth first).
 * A failed check comes back as a value and is thrown once, here, after the list is restored:
 * not thrown inside the try and thrown again by its finally (every throw walks the frames above
 * it, and those still running unoptimized code cost a linear search each: W6's failing inserts).
 */
export function fireEvents(ctx: WriteContext, events: RiEvent[]): void {
  const failed = runEvents(ctx, events);
  if (failed !== undefined) throw failed;
}

/** fireEvents, a failed check returned rather than thrown (session/statement.ts returns it as the statement's failure). */
export function runEvents(ctx: WriteContext, events: RiEvent[]): PgError | undefined {
  const saved = ctx.queue;
  ctx.queue = events;
  let failed: PgError | undefined;
  try {
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (ev.kind === 'check') { if ((failed = checkChild(ctx, ev.c, ev.tuple)) !== undefined) break; }
      else fireOne(ctx, ev);
    }
  } finally {
    ctx.queue = saved;
  }
  return failed;
}

function fireOne(ctx: WriteContext, ev: RiEvent): void {
  if (ev.fire) return ev.fire();
  if (ev.kind === 'unique') return recheckUnique(ctx, ev);
  if (ev.kind === 'exclusion') return recheckExclusion(ctx, ev);
  const fk = ev.c.fk!;
  const oldKey = rowKey(ev.tuple.data, fk.refColumns);
  if (oldKey === null) return;
  const action = ev.kind === 'pkdel' ? fk.onDelete : fk.onUpdate;
  if (action === 'a' || action === 'r') return restrict(ctx, ev.c, oldKey, action === 'a');
  const children = takeList();
  try {
    const n = gatherChildren(ctx, ev.c, oldKey, Infinity, children);
    if (n === 0) return;
    ctx.cid++;
    try {
      runAction(ctx, ev, action, children, n);
    } catch (e) {
      // errors of the action's own statement carry it as context (ri_triggers.c runs it through SPI)
      if (e instanceof PgError) e.where = (e.where ? e.where + '\n' : '') + `SQL statement "${actionSql(ev.c, ev.kind as 'pkdel' | 'pkupd', action)}"`;
      throw e;
    }
  } finally { putList(children); }
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
  const list = takeList();
  let child: Tuple | undefined;
  try {
    if (gatherChildren(ctx, c, oldKey, 1, list) === 0) return;
    child = list[0];
  } finally { putList(list); }
  // locked FOR KEY SHARE, as PostgreSQL's check query does: a running delete of it is waited for
  childRowFound(ctx, c.table, child!);
  throw new PgError('23503', `update or delete on table "${parent.name}" violates foreign key constraint "${c.name}" on table "${c.table.name}"`,
    { detail: `${keyText(ctx, parent, fk.refColumns, oldKey)} is still referenced from table "${c.table.name}".`,
      schema: c.table.schema.name, table: c.table.name, constraint: c.name });
}

/** The action on the first n rows of `children`. */
function runAction(ctx: WriteContext, ev: RiEvent, action: string, children: Tuple[], n: number): void {
  const fk = ev.c.fk!;
  const table = ev.c.table;
  const setCols = ev.kind === 'pkdel' && fk.setColumns ? fk.setColumns : ev.c.columns;
  for (let i = 0; i < n; i++) {
    const t = children[i];
    if (!isLive(t, ctx.tm, ctx.top)) continue;
    // a partitioned referencing table: the row is in one of its partitions, in that one's layout
    const holder = holderOf(table, t);
    if (action === 'c' && ev.kind === 'pkdel') {
      if (lockChildForAction(ctx, holder, t, null) && (!holder.triggers?.length || !ctx.beforeRow || ctx.beforeRow(ctx, holder, 'DELETE', t, null))) deleteRow(ctx, holder, t);
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
    const changed = holder.triggers?.length && ctx.beforeRow ? ctx.beforeRow(ctx, holder, 'UPDATE', t, row) : row;
    if (changed) updateRow(ctx, holder, t, changed, holder === table ? undefined : table);
  }
}

/** Rows already in the table must satisfy a foreign key being added (RI_Initial_Check). */
export function checkExistingRows(ctx: WriteContext, c: Constraint): void {
  for (const t of c.table.heap.tuples) {
    const failed = checkChild(ctx, c, t);
    if (failed) throw failed;
  }
}

/** A referencing row's key must be in the referenced table (RI_FKey_check): the violation, returned. */
function checkChild(ctx: WriteContext, c: Constraint, tuple: Tuple): PgError | undefined {
  if (!isLive(tuple, ctx.tm, ctx.top)) return;
  const fk = c.fk!;
  const cols = c.columns, data = tuple.data;
  const key = new Array(cols.length);
  let nulls = 0;
  for (let i = 0; i < cols.length; i++) if ((key[i] = data[cols[i] - 1] ?? null) === null) nulls++;
  if (nulls === key.length) return;
  if (nulls > 0) {
    if (fk.match === 'f') {
      return new PgError('23503', `insert or update on table "${c.table.name}" violates foreign key constraint "${c.name}"`,
        { detail: 'MATCH FULL does not allow mixing of null and nonnull key values.', schema: c.table.schema.name, table: c.table.name, constraint: c.name });
    }
    return;
  }
  if (parentHasKey(ctx, fk.refTable, fk.refColumns, toParentKey(c, key), fk.refIndex)) return;
  return fkMissingKey(ctx, c, key);
}

/** Is there a live row in the referenced table with this key? Looks it up through the unique index. */
function parentHasKey(ctx: WriteContext, parent: Table, refCols: number[], key: unknown[], index: Index): boolean {
  if (parent.partitionKey) return partitionedHasKey(ctx, parent, refCols, key, index);
  // the index may list the key columns in another order than the foreign key
  const ordered = sameColumns(index.columns, refCols) ? key : index.columns.map(att => key[refCols.indexOf(att)]);
  ctx.ssi?.readKey(index, ordered);
  // the row found is locked FOR KEY SHARE (concurrency.ts)
  probeCtx = ctx; probeParent = parent; probeFound = false;
  try {
    index.tree.scanEqual(ordered, parentProbe);
    return probeFound;
  } finally { probeCtx = null; probeParent = null; }
}

/** The state of parentHasKey's scan (module-level: its callback then needs no closure per check). */
let probeCtx: WriteContext | null = null, probeParent: Table | null = null, probeFound = false;
const parentProbe = (t: Tuple) => {
  if (parentRowFound(probeCtx!, probeParent!, t)) { probeFound = true; return false; }
};

/** Live rows of the referencing table whose key equals `key` (through an index when one leads with the key). */
export function findChildren(ctx: WriteContext, c: Constraint, parentKey: unknown[], limit = Infinity): Tuple[] {
  const out: Tuple[] = [];
  gatherChildren(ctx, c, parentKey, limit, out);
  return out;
}

/**
 * findChildren's rows written into `out` from its start (an empty list: takeList's, or a new
 * one): their number. (The actions gather into pooled lists: no array made per event.)
 */
function gatherChildren(ctx: WriteContext, c: Constraint, parentKey: unknown[], limit: number, out: Tuple[]): number {
  const key = toChildKey(c, parentKey);
  if (!key) return 0;
  if (c.table.partitionKey) {
    let n = 0;
    for (const leaf of leafTables(c.table)) {
      if (n >= limit) break;
      n = findChildrenIn(ctx, leaf, mapColumns(c.table, leaf, c.columns), key, limit, out, n);
    }
    return n;
  }
  return findChildrenIn(ctx, c.table, c.columns, key, limit, out, 0);
}

/**
 * Lists of children found, one per level of actions running (a BEFORE trigger of a row an
 * action changes may run statements whose actions gather their own meanwhile). A list is
 * written from its start and its slots set back to undefined after use, so the first
 * undefined marks its end.
 */
const lists: Tuple[][] = [];
let listsTaken = 0;
function takeList(): Tuple[] {
  return lists[listsTaken++] ??= [];
}
function putList(list: Tuple[]): void {
  listsTaken--;
  // (no rows kept alive by the pool; `length = 0` would give up the array's store)
  for (let i = 0; i < list.length && list[i] !== undefined; i++) (list as (Tuple | undefined)[])[i] = undefined;
}

/** Appends to `out` from position n the matching live rows of `table` (up to `limit` in all): the new count. */
function findChildrenIn(ctx: WriteContext, table: Table, cols: number[], key: unknown[], limit: number, out: Tuple[], n: number): number {
  const index = childIndex(table, cols);
  if (index) {
    const lead = index.columns;
    const ordered = sameColumns(lead, cols) ? key : lead.slice(0, cols.length).map(att => key[cols.indexOf(att)]);
    ctx.ssi?.readKey(index, ordered);
    found.list = out; found.n = n; found.ctx = ctx; found.limit = limit;
    try {
      index.tree.scanEqual(ordered, childScan);
      return found.n;
    } finally {
      found.list = NO_ROWS;
      found.ctx = null;
    }
  }
  const cmps = cols.map(a => typeByOid(table.columns[a - 1].typeOid)!);
  ctx.ssi?.readRelation(table.oid);
  for (const t of table.heap.tuples) {
    let match = true;
    for (let i = 0; i < cols.length; i++) {
      const v = t.data[cols[i] - 1];
      if (v === null || v === undefined || cmps[i].compare(v, key[i]) !== 0) { match = false; break; }
    }
    if (match && isLive(t, ctx.tm, ctx.top)) { out[n++] = t; if (n >= limit) break; }
  }
  return n;
}

/** The state of findChildrenIn's index scan (module-level: its callback then needs no closure). */
const NO_ROWS: Tuple[] = [];
const found = { list: NO_ROWS, n: 0, ctx: null as WriteContext | null, limit: Infinity };
const childScan = (t: Tuple) => {
  const ctx = found.ctx!;
  if (isLive(t, ctx.tm, ctx.top)) { found.list[found.n++] = t; if (found.n >= found.limit) return false; }
};

/** The values of `cols` in a row, or null when one is null (no row can match it). */
function rowKey(data: unknown[], cols: number[]): unknown[] | null {
  const key = new Array(cols.length);
  for (let i = 0; i < cols.length; i++) if ((key[i] = data[cols[i] - 1] ?? null) === null) return null;
  return key;
}

/** Do an index's first columns list exactly `cols`, in that order (so a key in `cols` order is the index's prefix)? */
function sameColumns(lead: number[], cols: number[]): boolean {
  if (lead.length < cols.length) return false;
  for (let i = 0; i < cols.length; i++) if (lead[i] !== cols[i]) return false;
  return true;
}

interface ChildIndexCache { of: Index[]; byCols: Map<number | string, Index | null> }

/** A plain index whose leading columns are `cols` (in any order), remembered per table while its indexes stay the same. */
function childIndex(table: Table, cols: number[]): Index | null {
  let cache = table.cache?.get('childIndex') as ChildIndexCache | undefined;
  if (!cache || !sameIndexes(cache.of, table.indexes)) (table.cache ??= new Map()).set('childIndex', cache = { of: table.indexes.slice(), byCols: new Map() });
  // by the columns' values: a partition's are mapped afresh each time (partition-ri.ts)
  const k = cols.length === 1 ? cols[0] : cols.join(',');
  let ix = cache.byCols.get(k);
  if (ix === undefined) {
    ix = table.indexes.find(x => isPlainIndex(x) && cols.every(a => x.columns.slice(0, cols.length).includes(a))) ?? null;
    cache.byCols.set(k, ix);
  }
  return ix;
}

function sameIndexes(a: Index[], b: Index[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
