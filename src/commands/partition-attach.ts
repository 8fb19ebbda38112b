// ALTER TABLE … ATTACH PARTITION / DETACH PARTITION (tablecmds.c's ATExecAttachPartition,
// ATExecDetachPartition): an existing table becomes a partition — its columns and CHECK
// constraints matched with the parent's, its rows checked against the bound, the parent's
// indexes and foreign keys given to it — or stops being one.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import { findChildren } from '../integrity/referential.js';
import { partitionConstraintHolds } from '../integrity/partition-routing.js';
import { keyText } from '../integrity/messages.js';
import { isLive } from '../storage/visibility.js';
import { addConstraint, bump } from './constraints.js';
import { parse } from '../parser/index.js';
import { boundInfo } from '../catalog/partition-bounds.js';
import { partitionConstraintDef } from './partition-qual.js';
import { isTemp } from './temp.js';
import type { CommandContext } from './context.js';
import { dropObjects } from './drop.js';
import { inheritors, liveColumn, type AlterState } from './alter-state.js';
import { matchParent } from './alter-inherit.js';
import { transformBound, type BoundSpec } from './partition-bound.js';
import { checkDefaultContents, checkNewBound, leavesOf } from './partition-check.js';
import { cloneIndexesTo, detachIndexes } from './partition-index.js';
import { cloneForeignKeys, detachForeignKeys } from './partition-fk.js';
import { cloneTriggersToPartition, dropClonedTriggers } from './trigger.js';

function lookupTable(cx: CommandContext, rv: any): Table {
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!rel) throw new PgError('42P01', `relation "${rv.schemaname ? `${rv.schemaname}.` : ''}${rv.relname}" does not exist`);
  if (rel.kind !== 'table') throw new PgError('42809', `"${rv.relname}" is not a table`);
  return rel;
}

function mustBePartitioned(t: Table): void {
  if (!t.partitionKey) throw new PgError('42809', `table "${t.name}" is not partitioned`);
}

/** Phase 1 of ATTACH (transformPartitionCmd): the bound, checked before anything runs. */
export function prepAttach(st: AlterState, parent: Table, cmd: any): BoundSpec {
  mustBePartitioned(parent);
  return transformBound(st.cx, parent, cmd.def.PartitionCmd.bound);
}

export function attachPartition(st: AlterState, parent: Table, cmd: any, spec: BoundSpec): void {
  const { cx } = st;
  const cat = cx.catalog;
  const part = lookupTable(cx, cmd.def.PartitionCmd.name);
  if (part.partitionBound) throw new PgError('42809', `"${part.name}" is already a partition`);
  if (part.parents.length) throw new PgError('42809', 'cannot attach inheritance child as partition');
  if (part.children.length && !part.partitionKey) throw new PgError('42809', 'cannot attach inheritance parent as partition');
  if (isTemp(parent) && !isTemp(part)) throw new PgError('42809', `cannot attach a permanent relation as partition of temporary relation "${parent.name}"`);
  if (!isTemp(parent) && isTemp(part)) throw new PgError('42809', `cannot attach a temporary relation as partition of permanent relation "${parent.name}"`);
  if (inheritors(part).includes(parent)) {
    throw new PgError('42P07', 'circular inheritance not allowed', { detail: `"${parent.name}" is already a child of "${part.name}".` });
  }
  for (const c of part.columns) {
    if (!c.dropped && !liveColumn(parent, c.name)) {
      throw new PgError('42P16', `table "${part.name}" contains column "${c.name}" not found in parent "${parent.name}"`,
        { detail: 'The new partition may contain only the columns present in parent.' });
    }
  }
  const referenced = part.referencedBy.find(c => c.table === parent);
  if (referenced) {
    throw new PgError('0A000', `cannot attach table "${part.name}" as a partition because it is referenced by foreign key "${referenced.name}"`);
  }
  checkNewBound(cx, parent, spec, part.name);
  mergeIntoPartition(cx, parent, part);
  cat.set(part, 'partitionBound', spec.bound);
  cat.push(part.parents, parent);
  cat.push(parent.children, part);
  cat.deps.add(part, 0, parent, 0, 'a');
  bump(cx, part);
  bump(cx, parent);
  cloneIndexesTo(cx, parent, part);
  cloneForeignKeys(cx, parent, part);
  cloneTriggersToPartition(cx, parent, part);
  // phase 3: the rows must fit the bound (and the ancestors'), and none may stay in the default partition
  for (const leaf of leavesOf(part)) {
    for (const tup of leaf.heap.tuples) {
      if (!isLive(tup, cx.tm, cx.write.top)) continue;
      if (!partitionConstraintHolds(cx.write, leaf, tup.data)) {
        throw new PgError('23514', `partition constraint of relation "${leaf.name}" is violated by some row`,
          { schema: leaf.schema.name, table: leaf.name });
      }
    }
  }
  checkDefaultContents(cx, parent, spec, true);
}

/** CreateInheritance for a partition: the parent's columns and CHECK constraints must be there, and become inherited (never its own). */
function mergeIntoPartition(cx: CommandContext, parent: Table, part: Table): void {
  const cat = cx.catalog;
  const inherited = (x: { inhCount: number; isLocal: boolean }) => { cat.set(x, 'inhCount', 1); cat.set(x, 'isLocal', false); };
  matchParent(parent, part, inherited, inherited);
}

/** DETACH … CONCURRENTLY cannot run in a transaction block (PreventInTransactionBlock). */
export function checkDetachConcurrently(n: any, inTransactionBlock: boolean): void {
  const concurrent = (n.cmds ?? []).some((c: any) => c.AlterTableCmd?.subtype === 'AT_DetachPartition' && c.AlterTableCmd.def?.PartitionCmd?.concurrent);
  if (concurrent && inTransactionBlock) throw new PgError('25001', 'ALTER TABLE ... DETACH CONCURRENTLY cannot run inside a transaction block');
}

export function detachPartition(st: AlterState, parent: Table, cmd: any): void {
  const { cx } = st;
  const cat = cx.catalog;
  mustBePartitioned(parent);
  const part = lookupTable(cx, cmd.def.PartitionCmd.name);
  if (!part.partitionBound || part.parents[0] !== parent) {
    throw new PgError('42P01', `relation "${part.name}" is not a partition of relation "${parent.name}"`);
  }
  const concurrent = !!cmd.def.PartitionCmd.concurrent;
  if (concurrent && boundInfo(parent).defaultPart) {
    throw new PgError('55000', 'cannot detach partitions concurrently when a default partition exists');
  }
  // a concurrently detached partition keeps its partition constraint as a CHECK constraint
  const keep = concurrent && part.partitionBound.strategy !== 'h'
    ? partitionConstraintDef(part, (v, t) => cx.write.formatValue(v, t)) : null;
  // foreign keys referencing the partition through its parent: no row may still reference it
  const clones = part.referencedBy.filter(c => c.parent && c.parent.fk!.refTable === parent);
  for (const c of clones) {
    const fk = c.fk!;
    for (const leaf of leavesOf(part)) {
      for (const tup of leaf.heap.tuples) {
        if (!isLive(tup, cx.tm, cx.write.top)) continue;
        const cols = fk.refColumns.map(a => leaf.columns.findIndex(x => !x.dropped && x.name === part.columns[a - 1].name));
        const key = cols.map(i => tup.data[i] ?? null);
        if (key.some(v => v === null) || !findChildren(cx.write, c, key, 1).length) continue;
        throw new PgError('23503', `removing partition "${part.name}" violates foreign key constraint "${c.name}"`,
          { detail: `${keyText(cx.write, part, fk.refColumns, key)} is still referenced from table "${c.table.name}".`,
            schema: c.table.schema.name, table: c.table.name, constraint: c.name });
      }
    }
  }
  if (clones.length) dropObjects(cx, clones.map(c => ({ obj: c, sub: 0 })), false);
  for (const cc of part.columns) {
    if (cc.dropped || !liveColumn(parent, cc.name)) continue;
    cat.set(cc, 'inhCount', 0);
    cat.set(cc, 'isLocal', true);
  }
  for (const ccon of part.constraints) {
    if (ccon.type !== 'c' || !parent.constraints.some(p => p.type === 'c' && p.name === ccon.name)) continue;
    cat.set(ccon, 'inhCount', 0);
    cat.set(ccon, 'isLocal', true);
  }
  detachIndexes(cx, part);
  detachForeignKeys(cx, part);
  dropClonedTriggers(cx, part);
  cat.set(part, 'partitionBound', null);
  cat.remove(part.parents, parent);
  cat.remove(parent.children, part);
  for (const d of cat.deps.dependenciesOf(part).filter(d => d.referenced.obj === parent && d.referenced.sub === 0)) cat.deps.remove(d);
  bump(cx, part);
  bump(cx, parent);
  if (keep) {
    const expr = (parse(`SELECT ${keep}`)[0].stmt as any).SelectStmt.targetList[0].ResTarget.val;
    addConstraint(cx, part, { kind: 'check', expr, text: '' }, []);
  }
}
