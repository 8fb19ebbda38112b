// CREATE TABLE … PARTITION BY / PARTITION OF: the checks PostgreSQL makes on the statement,
// the column options a partition may add to the columns it inherits, and what a new
// partition receives from its parent (bound, indexes, foreign keys).
import { PgError } from '../errors/index.js';
import type { Column, Schema, Table } from '../catalog/objects.js';
import { isTemp, isTempSchema } from './temp.js';
import type { CommandContext } from './context.js';
import type { ConstraintSpec } from './constraints.js';
import { bump } from './constraints.js';
import { columnConstraints } from './create-table.js';
import { partitionKeyOf } from './partition-key.js';
import { transformBound, type BoundSpec } from './partition-bound.js';
import { checkDefaultContents, checkNewBound } from './partition-check.js';
import { cloneIndexesTo } from './partition-index.js';
import { cloneForeignKeys } from './partition-fk.js';
import { cloneTriggersToPartition } from './trigger.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

/** Checks of the statement itself (transformCreateStmt, DefineRelation's first tests). */
export function checkPartitionedCreate(n: any): void {
  if (n.partspec) {
    if (n.inhRelations?.length && !n.partbound) throw new PgError('42P16', 'cannot create partitioned table as inheritance child');
    for (const el of (n.tableElts ?? []) as any[]) {
      if (el.Constraint?.contype === 'CONSTR_EXCLUSION') {
        throw new PgError('0A000', 'exclusion constraints are not supported on partitioned tables', pos(el.Constraint.location));
      }
    }
  }
}

/** The parent a new table may inherit from, as CREATE TABLE names it (PARTITION OF or INHERITS). */
export function checkParentKind(parent: Table, partitionOf: boolean, schema: Schema): void {
  if (partitionOf) {
    if (!parent.partitionKey) throw new PgError('42809', `"${parent.name}" is not partitioned`);
    if (isTempSchema(schema) && !isTemp(parent)) {
      throw new PgError('42809', `cannot create a temporary relation as partition of permanent relation "${parent.name}"`);
    }
    return;
  }
  if (parent.partitionKey) throw new PgError('42809', `cannot inherit from partitioned table "${parent.name}"`);
  if (parent.partitionBound) throw new PgError('42809', `cannot inherit from partition "${parent.name}"`);
}

/**
 * A column of PARTITION OF's list (name WITH OPTIONS …): it must be one the partition inherits,
 * named once; its constraints apply to it.
 */
export function partitionColumnOptions(cd: any, table: Table, seen: Set<string>): ConstraintSpec[] {
  const col: Column | undefined = table.columns.find(c => !c.dropped && c.name === cd.colname);
  if (seen.has(cd.colname)) throw new PgError('42701', `column "${cd.colname}" specified more than once`);
  seen.add(cd.colname);
  if (!col) throw new PgError('42703', `column "${cd.colname}" does not exist`);
  if ((cd.constraints ?? []).some((c: any) => c.Constraint?.contype === 'CONSTR_IDENTITY')) {
    throw new PgError('0A000', 'identity columns are not supported on partitions');
  }
  return columnConstraints((cd.constraints ?? []).map((c: any) => c.Constraint), col.name, table.name);
}

/** PARTITION OF's bound, checked against the parent's other partitions before the table exists. */
export function preparePartitionBound(cx: CommandContext, parent: Table, n: any, name: string): BoundSpec {
  const spec = transformBound(cx, parent, n.partbound);
  checkNewBound(cx, parent, spec, name);
  checkDefaultContents(cx, parent, spec);
  return spec;
}

/** PARTITION BY on a table that exists (its columns known): it becomes partitioned. */
export function setPartitionKey(cx: CommandContext, table: Table, partspec: any): void {
  const key = partitionKeyOf(cx, table, partspec);
  cx.catalog.set(table, 'relkind', 'p');
  cx.catalog.set(table, 'partitionKey', key);
  bump(cx, table);
}

/** The new partition takes its place under the parent: bound stored, the parent's indexes cloned. */
export function installPartition(cx: CommandContext, parent: Table, part: Table, spec: BoundSpec): void {
  cx.catalog.set(part, 'partitionBound', spec.bound);
  bump(cx, part);
  bump(cx, parent);
  cloneIndexesTo(cx, parent, part);
}

/** After its constraints: the parent's foreign keys (CloneForeignKeyConstraints). */
export function finishPartition(cx: CommandContext, parent: Table, part: Table): void {
  cloneForeignKeys(cx, parent, part);
  cloneTriggersToPartition(cx, parent, part);
}
