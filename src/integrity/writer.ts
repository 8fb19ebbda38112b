// Every change to a table goes through here: NOT NULL and CHECK on the new row,
// unique indexes on insertion, and the referential-integrity events queued for
// the end of the statement (or COMMIT, when deferred).
import { PgError } from '../errors/index.js';
import { defaultFormatSettings } from '../types/type.js';
import type { Constraint, Index, Table } from '../catalog/objects.js';
import type { Tuple } from '../storage/tuple.js';
import { noteInserted, noteRemoved, uniqueClash } from './concurrency.js';
import { typeByOid } from '../types/registry.js';
import { isDeferred, type RiEvent, type WriteContext } from './context.js';
import { failingRow, keyText } from './messages.js';
import { checkPartitionConstraint, convertRow, partitionConstraintHolds, routeRow } from './partition-routing.js';
import { moveRow } from './partition-move.js';
import { checkExclusion } from './exclusion.js';
import { indexColumns, indexHolds, indexKeyOf } from '../catalog/index-keys.js';

export function indexKey(index: Index, row: unknown[]): unknown[] {
  const cols = index.columns;
  if (index.cache) return indexKeyOf(index, row);
  const key = new Array(cols.length);
  for (let i = 0; i < cols.length; i++) key[i] = row[cols[i] - 1] ?? null;
  return key;
}

/**
 * NOT NULL then CHECK constraints of the table, on a new row (ExecConstraints). A row routed
 * to a partition is shown in the layout of the table the statement named (`root`).
 */
export function checkRow(ctx: WriteContext, table: Table, row: unknown[], root?: Table): void {
  const cols = table.columns;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    if (c.notNull && !c.dropped && (row[i] === null || row[i] === undefined)) {
      throw new PgError('23502', `null value in column "${c.name}" of relation "${table.name}" violates not-null constraint`,
        { detail: failing(ctx, table, row, root), schema: table.schema.name, table: table.name, column: c.name });
    }
  }
  const checks = checksByName(table);
  for (let i = 0; i < checks.length; i++) {
    const con = checks[i];
    if (ctx.checkRow(con, row) === false) {
      throw new PgError('23514', `new row for relation "${table.name}" violates check constraint "${con.name}"`,
        { detail: failing(ctx, table, row, root), schema: table.schema.name, table: table.name, constraint: con.name });
    }
  }
}

/** The failing row of a violation, in the layout of the table the statement named. */
const failing = (ctx: WriteContext, table: Table, row: unknown[], root?: Table) =>
  (root ? failingRow(ctx, root, convertRow(table, root, row)) : failingRow(ctx, table, row));

/** CHECK constraints in the order PostgreSQL evaluates them: by name. */
function checksByName(table: Table): Constraint[] {
  const cached = table.cache?.get('checks') as { list: Constraint[]; of: Constraint[]; n: number; version: number } | undefined;
  if (cached && cached.of === table.constraints && cached.n === table.constraints.length && cached.version === table.version) return cached.list;
  const list = table.constraints.filter(c => c.type === 'c').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  (table.cache ??= new Map()).set('checks', { list, of: table.constraints, n: table.constraints.length, version: table.version });
  return list;
}

function insertIndexes(ctx: WriteContext, table: Table, tuple: Tuple): void {
  const indexes = table.indexes;
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i];
    // a partial index holds only the rows its predicate accepts
    if (index.predicate && !indexHolds(index, tuple.data)) continue;
    // an exclusion constraint's index keeps no entries: its check scans the table (exclusion.ts)
    if (index.exclusion) { checkExclusion(ctx, table, index, tuple, ev => queue(ctx, ev)); continue; }
    const key = indexKey(index, tuple.data);
    if (index.unique) checkUnique(ctx, table, index, key, tuple);
    index.tree.insert(key, tuple);
  }
}

/** The state of the scan for a duplicate (module-level: the scan's callback then needs no closure per row). */
let scanCtx: WriteContext | null = null, scanSelf: Tuple | null = null, scanDeferrable = false, scanClash = false;
const duplicateScan = (t: Tuple) => {
  if (t !== scanSelf && uniqueClash(scanCtx!, t, scanDeferrable)) { scanClash = true; return false; }
};

function checkUnique(ctx: WriteContext, table: Table, index: Index, key: unknown[], self: Tuple | null): void {
  const hasNull = key.includes(null);
  if (!index.nullsNotDistinct && hasNull) return;
  // a duplicate inserted or deleted by a running transaction is waited for (concurrency.ts)
  const deferrable = !!(index.constraint?.deferrable && self);
  let clash = false;
  if (!hasNull) {
    scanCtx = ctx; scanSelf = self; scanDeferrable = deferrable; scanClash = false;
    try {
      index.tree.scanEqual(key, duplicateScan);
      clash = scanClash;
    } finally { scanCtx = null; scanSelf = null; }
  } else if (index.nullsNotDistinct) {
    index.tree.scanAll((t, k) => {
      if (t !== self && k.every((v, i) => (v === null ? key[i] === null : key[i] !== null && keyType(index, i).compare(v, key[i]) === 0)) && uniqueClash(ctx, t, deferrable)) { clash = true; return false; }
    });
  }
  if (clash && index.constraint?.deferrable && self) {
    // a deferrable constraint tolerates the duplicate until its recheck (unique_key_recheck)
    queue(ctx, { c: index.constraint, kind: 'unique', tuple: self });
    return;
  }
  if (clash) throw duplicateKey(ctx, table, index, key);
}

/** BuildIndexValueDescription for an index with expression columns: each as pg_get_indexdef prints it. */
export function exprKeyText(ctx: { formatValue(v: unknown, oid: number): string }, index: Index, key: unknown[]): string {
  const cols = indexColumns(index).filter(c => c.key);
  const names = cols.map(c => (c.expr ? (c.expr.funcLike ? c.expr.pretty : `(${c.expr.pretty})`) : c.name));
  const vals = key.map((v, i) => (v === null ? 'null' : ctx.formatValue(v, cols[i].typeOid)));
  return `Key (${names.join(', ')})=(${vals.join(', ')})`;
}

/** The type of an index's key column i (a column's, or an expression's). */
function keyType(index: Index, i: number) {
  const a = index.columns[i];
  if (a !== 0) return typeByOid(index.table.columns[a - 1].typeOid)!;
  const x = index.columns.slice(0, i).filter(c => c === 0).length;
  return typeByOid(index.exprs![x].typeOid)!;
}

export function duplicateKey(ctx: WriteContext, table: Table, index: Index, key: unknown[]): PgError {
  const name = index.constraint?.name ?? index.name;
  return new PgError('23505', `duplicate key value violates unique constraint "${name}"`,
    { detail: `${index.exprs?.length ? exprKeyText(ctx, index, key) : keyText(ctx, table, index.columns, key)} already exists.`, schema: table.schema.name, table: table.name, constraint: name });
}

export function queue(ctx: WriteContext, ev: RiEvent): void {
  if (ev.c.fk && ev.kind !== 'check' && ev.kind !== 'unique' && ev.kind !== 'exclusion' && (ev.kind === 'pkdel' ? ev.c.fk.onDelete : ev.c.fk.onUpdate) === 'r') { ctx.queue.push(ev); return; }
  (isDeferred(ctx, ev.c) ? ctx.deferred : ctx.queue).push(ev);
}

/**
 * Inserts a row. A partitioned table routes it to its leaf partition (`root` is then the table
 * the statement named); a partition written directly checks its partition constraint.
 */
export function insertRow(ctx: WriteContext, table: Table, row: unknown[], root?: Table): Tuple {
  if (table.partitionKey) {
    const r = routeRow(ctx, table, row);
    return insertRow(ctx, r.table, r.row, root ?? table);
  }
  checkRow(ctx, table, row, root);
  if (table.partitionBound && !root) checkPartitionConstraint(ctx, table, row);
  const tuple = table.heap.insert(row, ctx.xid, ctx.cid);
  noteInserted(ctx, table, tuple);
  insertIndexes(ctx, table, tuple);
  // (indexed loops: these run for every row written, also in code not yet optimized, where for…of makes an iterator)
  const cons = table.constraints;
  for (let i = 0; i < cons.length; i++) {
    const c = cons[i];
    if (c.type === 'f' && !fkAllNull(c, row) && checksRows(c)) queue(ctx, new CheckEvent(c, tuple));
  }
  if (table.triggers?.length) ctx.afterRow?.(ctx, table, 'INSERT', null, tuple);
  return tuple;
}

/**
 * A child row's foreign-key check, queued for the statement's end. A class, not an object
 * literal: V8 may pretenure a literal's allocation site, and then every event (one per row a
 * load inserts) and what it holds were promoted through scavenges as if they lived long.
 */
class CheckEvent implements RiEvent {
  declare readonly c: Constraint;
  declare readonly kind: 'check';
  declare readonly tuple: Tuple;
  constructor(c: Constraint, tuple: Tuple) { this.c = c; this.kind = 'check'; this.tuple = tuple; }
}

/** A foreign key cloned for a partition of the referenced table only carries that side's actions. */
const checksRows = (c: Constraint) => !c.parent || c.parent.table !== c.table;

function fkAllNull(c: Constraint, row: unknown[]): boolean {
  const cols = c.columns;
  for (let i = 0; i < cols.length; i++) if (row[cols[i] - 1] !== null) return false;
  return true;
}

export function deleteRow(ctx: WriteContext, table: Table, tuple: Tuple): void {
  table.heap.markDeleted(tuple, ctx.xid, ctx.cid);
  noteRemoved(ctx, table, tuple, null);
  const refs = table.referencedBy;
  for (let i = 0; i < refs.length; i++) queue(ctx, { c: refs[i], kind: 'pkdel', tuple });
  if (table.triggers?.length) ctx.afterRow?.(ctx, table, 'DELETE', tuple, null);
}

export function keysDiffer(table: Table, cols: number[], a: unknown[], b: unknown[], image = false): boolean {
  for (const att of cols) {
    const x = a[att - 1], y = b[att - 1];
    if (x === null || y === null) { if (x !== y) return true; continue; }
    const t = typeByOid(table.columns[att - 1].typeOid)!;
    if (t.compare(x, y) !== 0) return true;
    // a referenced key compares by its stored image (ri_KeysEqual): -0 and 0, or 1.0 and 1.00, differ
    if (image && t.output(x, defaultFormatSettings) !== t.output(y, defaultFormatSettings)) return true;
  }
  return false;
}

/**
 * Replaces a row version. When the new row no longer fits its partition, an UPDATE that named
 * an ancestor (`root`) moves it to the partition it now belongs to; otherwise it fails.
 */
export function updateRow(ctx: WriteContext, table: Table, old: Tuple, row: unknown[], root?: Table): Tuple {
  if (table.partitionBound && !partitionConstraintHolds(ctx, table, row)) {
    if (!root || root === table) checkPartitionConstraint(ctx, table, row);
    else return moveRow(ctx, table, old, row, root);
  }
  checkRow(ctx, table, row, root !== table && table.partitionBound ? root : undefined);
  table.heap.markDeleted(old, ctx.xid, ctx.cid);
  const tuple = table.heap.insert(row, ctx.xid, ctx.cid);
  noteRemoved(ctx, table, old, tuple);
  noteInserted(ctx, table, tuple);
  insertIndexes(ctx, table, tuple);
  // PostgreSQL fires a row's RI triggers in name order: the referenced side's actions
  // (RI_ConstraintTrigger_a_…) before the referencing side's checks (…_c_…)
  for (const c of table.referencedBy) {
    if (keysDiffer(table, c.fk!.refColumns, old.data, row, true)) queue(ctx, { c, kind: 'pkupd', tuple: old, newTuple: tuple });
  }
  for (const c of table.constraints) {
    if (c.type === 'f' && checksRows(c) && !fkAllNull(c, row) && (keysDiffer(table, c.columns, old.data, row) || !isCommittedOld(ctx, old))) {
      queue(ctx, { c, kind: 'check', tuple });
    }
  }
  if (table.triggers?.length) ctx.afterRow?.(ctx, table, 'UPDATE', old, tuple);
  return tuple;
}

/** PostgreSQL re-checks an unchanged foreign key when the old row was inserted by this same transaction. */
function isCommittedOld(ctx: WriteContext, old: Tuple): boolean {
  return ctx.tm.top(old.xmin) !== ctx.top;
}
