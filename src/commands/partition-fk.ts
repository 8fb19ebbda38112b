// Foreign keys and partitioned tables (tablecmds.c's addFkRecurseReferencing/-Referenced,
// CloneForeignKeyConstraints). A foreign key of a partitioned table is cloned into each
// partition, under the same name, to check the partition's rows; a foreign key referencing a
// partitioned table gets a clone per referenced partition, on the referencing table, which
// carries the actions for that partition's rows.
import { chooseName, columnsNamePart, type Constraint, type Index, type Table } from '../catalog/index.js';
import { checkExistingRows } from '../integrity/referential.js';
import type { CommandContext } from './context.js';
import { bump, newConstraint } from './constraints.js';
import { partitionsOf } from './partition-index.js';
import { dropObjects } from './drop.js';

/** Is this one of the per-referenced-partition clones (they live on the referencing table)? */
export const isReferencedSideClone = (c: Constraint): boolean => !!c.parent && c.parent.table === c.table;

/** The attnums in `to` of the columns of `from` given by attnum (matched by name). */
const mapCols = (from: Table, to: Table, cols: number[]) =>
  cols.map(a => to.columns.find(c => !c.dropped && c.name === from.columns[a - 1].name)!.attnum);

function linkClone(cx: CommandContext, con: Constraint, parent: Constraint): void {
  const cat = cx.catalog;
  cat.set(con, 'parent', parent);
  cat.set(con, 'inhCount', 1);
  cat.set(con, 'isLocal', false);
  cat.deps.add(con, 0, parent, 0, 'P');
  cat.deps.add(con, 0, con.table, 0, 'S');
}

/** The clone of a referencing-side foreign key for one partition (or the partition's equivalent one, adopted). */
export function cloneFkToPartition(cx: CommandContext, fk: Constraint, part: Table, pending?: Constraint[]): Constraint {
  const cols = mapCols(fk.table, part, fk.columns);
  const same = part.constraints.find(c => c.type === 'f' && !c.parent && equivalentFk(c, fk, cols));
  let con: Constraint;
  if (same) {
    con = same;
    // its own clones for the referenced table's partitions go: the parent's serve instead
    const own = part.constraints.filter(c => c.parent === same && isReferencedSideClone(c));
    if (own.length) dropObjects(cx, own.map(c => ({ obj: c, sub: 0 })), false);
    linkClone(cx, con, fk);
    // the parent's constraint carries the actions now
    cx.catalog.remove(con.fk!.refTable.referencedBy, con);
    bump(cx, part);
  } else {
    con = newConstraint(cx, part, fk.name, 'f', cols, fk);
    const f = fk.fk!;
    con.fk = { ...f, setColumns: f.setColumns ? mapCols(fk.table, part, f.setColumns) : null };
    con.validated = fk.validated;
    linkClone(cx, con, fk);
    for (const c of f.refColumns) cx.catalog.deps.add(con, 0, f.refTable, c, 'n');
    if (part.partitionKey) for (const p of partitionsOf(part)) cloneFkToPartition(cx, con, p, pending);
    else if (pending) pending.push(con);
    else checkExistingRows(cx.write, con);
  }
  return con;
}

/** tryAttachPartitionForeignKey's test: same referenced key, actions, match type and deferrability. */
function equivalentFk(c: Constraint, fk: Constraint, cols: number[]): boolean {
  const a = c.fk!, b = fk.fk!;
  return a.refTable === b.refTable && a.refIndex === b.refIndex && cols.length === c.columns.length && cols.every((x, i) => c.columns[i] === x)
    && a.refColumns.every((x, i) => b.refColumns[i] === x) && a.match === b.match && a.onUpdate === b.onUpdate && a.onDelete === b.onDelete
    && c.deferrable === fk.deferrable && c.initiallyDeferred === fk.initiallyDeferred;
}

/** A foreign key referencing a partitioned table: a clone for each of its partitions (recursively). */
export function cloneFkToReferencedPartitions(cx: CommandContext, fk: Constraint): void {
  const ref = fk.fk!.refTable;
  if (!ref.partitionKey) return;
  for (const part of partitionsOf(ref)) cloneFkForReferencedPartition(cx, fk, part);
}

export function cloneFkForReferencedPartition(cx: CommandContext, fk: Constraint, part: Table): Constraint | null {
  const cat = cx.catalog;
  const f = fk.fk!;
  const refIndex = part.indexes.find(ix => ix.parent === f.refIndex);
  if (!refIndex) return null;
  const table = fk.table;
  const name = chooseName(table.name, columnsNamePart(fk.columns.map(a => table.columns[a - 1].name)), 'fkey',
    n => cat.constraintNameUsed(table.schema, n));
  const con = newConstraint(cx, table, name, 'f', fk.columns, fk);
  con.fk = { ...f, refTable: part, refIndex: refIndex as Index, refColumns: mapCols(f.refTable, part, f.refColumns) };
  con.validated = fk.validated;
  linkClone(cx, con, fk);
  cat.push(part.referencedBy, con);
  for (const c of con.fk.refColumns) cat.deps.add(con, 0, part, c, 'n');
  cat.deps.add(con, 0, refIndex, 0, 'n');
  bump(cx, part);
  if (part.partitionKey) for (const p of partitionsOf(part)) cloneFkForReferencedPartition(cx, con, p);
  return con;
}

/** A new or attached partition gets its parent's foreign keys, both as referencing and as referenced table. */
export function cloneForeignKeys(cx: CommandContext, parent: Table, part: Table): void {
  for (const c of parent.constraints.slice()) {
    if (c.type === 'f' && !isReferencedSideClone(c)) cloneFkToPartition(cx, c, part);
  }
  for (const c of parent.referencedBy.slice()) cloneFkForReferencedPartition(cx, c, part);
}

/**
 * DETACH: the partition's foreign keys become its own — and one referencing a partitioned
 * table then needs clones for that table's partitions of its own.
 */
export function detachForeignKeys(cx: CommandContext, part: Table): void {
  const cat = cx.catalog;
  for (const c of part.constraints.slice()) {
    if (c.type !== 'f' || !c.parent || isReferencedSideClone(c)) continue;
    cat.set(c, 'parent', null);
    cat.set(c, 'inhCount', 0);
    cat.set(c, 'isLocal', true);
    for (const d of cat.deps.dependenciesOf(c).filter(d => d.type === 'P' || d.type === 'S')) cat.deps.remove(d);
    cat.push(c.fk!.refTable.referencedBy, c);
    cloneFkToReferencedPartitions(cx, c);
  }
  bump(cx, part);
}
