// Indexes of partitioned tables (relkind 'I'): they hold no entries; each partition has an
// index of its own attached to them (pg_inherits), created or — when the partition already
// has an equivalent one — adopted. PRIMARY KEY and UNIQUE constraints follow their indexes.
import { indexColumns } from '../catalog/index-keys.js';
import { PgError } from '../errors/index.js';
import { chooseName, columnsNamePart, type Column, type Constraint, type Index, type Table } from '../catalog/index.js';
import type { CommandContext } from './context.js';
import { bump, createIndex, newConstraint } from './constraints.js';
import { boundInfo } from '../catalog/partition-bounds.js';

/** The partitions directly under a partitioned table, in bound order (PostgreSQL's PartitionDesc). */
export const partitionsOf = (t: Table): Table[] => (t.partitionKey ? boundInfo(t).parts : []);

/** A unique index of a partitioned table must contain every partition key column of every level. */
export function checkUniqueCoversKey(table: Table, cols: Column[], what: 'PRIMARY KEY' | 'UNIQUE'): void {
  {
    const t = table;
    const key = t.partitionKey!;
    if (key.attnums.some(a => a === 0)) {
      throw new PgError('0A000', 'unsupported UNIQUE constraint with partition key definition',
        { detail: `${what} constraints cannot be used when partition keys include expressions.` });
    }
    for (const a of key.attnums) {
      const name = t.columns[a - 1].name;
      if (!cols.some(c => c.name === name)) {
        throw new PgError('0A000', 'unique constraint on partitioned table must include all partitioning columns',
          { detail: `${what} constraint on table "${table.name}" lacks column "${name}" which is part of the partition key.` });
      }
    }
  }
}

/**
 * A partitioned table got an index (with its constraint, if any): it becomes a partitioned
 * index, and every partition gets its own.
 */
export function partitionedIndexCreated(cx: CommandContext, table: Table, index: Index): void {
  cx.catalog.set(index, 'relkind', 'I');
  for (const part of partitionsOf(table)) cloneIndexTo(cx, index, part);
}

/** Names of the parent index's key columns (an expression: its text). */
const keyNames = (index: Index) => indexColumns(index).filter(c => c.key).map(c => (c.expr ? `(${c.expr.text})` : c.name));

/** Does a partition's index do what the parent's does (CompareIndexInfo)? */
function equivalent(parent: Index, ix: Index): boolean {
  if (ix.parent || ix.unique !== parent.unique || ix.nullsNotDistinct !== parent.nullsNotDistinct) return false;
  if ((ix.method ?? 'btree') !== (parent.method ?? 'btree') || ix.predicate?.text !== parent.predicate?.text) return false;
  if (String(ix.options ?? []) !== String(parent.options ?? [])) return false;
  const names = keyNames(parent);
  const own = keyNames(ix);
  return own.length === names.length && own.every((x, i) => x === names[i]);
}

/** The partition's index for a partitioned index: an equivalent one it has, or a new one. */
export function cloneIndexTo(cx: CommandContext, parent: Index, part: Table): Index {
  const cat = cx.catalog;
  const pcon = parent.constraint;
  // an index made for a constraint needs one that has a constraint too (DefineIndex)
  const existing = part.indexes.find(ix => equivalent(parent, ix) && (!pcon || !!ix.constraint));
  let index: Index;
  if (existing) {
    index = existing;
    if (pcon && existing.constraint) adoptConstraint(cx, existing.constraint, pcon);
  } else {
    const cols = indexColumns(parent).filter(c => c.key).map(k => (k.expr ? null : part.columns.find(c => !c.dropped && c.name === k.name)!));
    const plain = cols.filter((c): c is Column => c !== null);
    const names = indexColumns(parent).filter(c => c.key).map(c => c.name);
    if (part.partitionKey && parent.unique) checkUniqueCoversKey(part, plain, pcon?.type === 'p' ? 'PRIMARY KEY' : 'UNIQUE');
    const taken = (n: string) => part.schema.relations.has(n) || cat.constraintNameUsed(part.schema, n);
    const label = pcon ? (pcon.type === 'p' ? 'pkey' : 'key') : 'idx';
    const name = chooseName(part.name, pcon?.type === 'p' ? null : columnsNamePart(names), label, taken);
    let con: Constraint | null = null;
    if (pcon) {
      if (pcon.type === 'p') for (const c of plain) cat.set(c, 'notNull', true);
      con = newConstraint(cx, part, name, pcon.type, plain.map(c => c.attnum), pcon);
      adoptConstraint(cx, con, pcon);
    }
    const include = parent.include?.map(a => part.columns.find(c => !c.dropped && c.name === parent.table.columns[a - 1].name)!.attnum);
    index = createIndex(cx, part, name, cols.map(c => c?.attnum ?? 0), parent.unique, parent.primary, parent.nullsNotDistinct, con,
      { exprs: parent.exprs, predicate: parent.predicate, options: parent.options, include, method: parent.method });
    if (con) con.index = index;
  }
  cat.set(index, 'parent', parent);
  cat.deps.add(index, 0, parent, 0, 'P');
  cat.deps.add(index, 0, part, 0, 'S');
  if (part.partitionKey) partitionedIndexCreated(cx, part, index);
  return index;
}

/** A partition's constraint becomes the child of its parent's (inherited once, never local). */
function adoptConstraint(cx: CommandContext, con: Constraint, parent: Constraint): void {
  cx.catalog.set(con, 'parent', parent);
  cx.catalog.set(con, 'inhCount', 1);
  cx.catalog.set(con, 'isLocal', false);
  cx.catalog.deps.add(con, 0, parent, 0, 'P');
  cx.catalog.deps.add(con, 0, con.table, 0, 'S');
  bump(cx, con.table);
}

/** A new (or attached) partition gets every index of its parent. */
export function cloneIndexesTo(cx: CommandContext, parent: Table, part: Table): void {
  for (const ix of parent.indexes) cloneIndexTo(cx, ix, part);
}

/** DETACH: the partition's indexes and their constraints stand alone again. */
export function detachIndexes(cx: CommandContext, part: Table): void {
  const cat = cx.catalog;
  for (const ix of part.indexes) {
    if (!ix.parent) continue;
    const parent = ix.parent;
    cat.set(ix, 'parent', null);
    for (const d of cat.deps.dependenciesOf(ix).filter(d => d.type === 'P' || d.type === 'S')) cat.deps.remove(d);
    if (ix.constraint?.parent) releaseConstraint(cx, ix.constraint);
    void parent;
  }
}

/** A cloned constraint becomes the partition's own. */
export function releaseConstraint(cx: CommandContext, con: Constraint): void {
  const cat = cx.catalog;
  cat.set(con, 'parent', null);
  cat.set(con, 'inhCount', 0);
  cat.set(con, 'isLocal', true);
  for (const d of cat.deps.dependenciesOf(con).filter(d => d.type === 'P' || d.type === 'S')) cat.deps.remove(d);
  bump(cx, con.table);
}

/** ALTER INDEX parent ATTACH PARTITION child (ATExecAttachPartitionIdx). */
export function attachIndexPartition(cx: CommandContext, parent: Index, rv: any): void {
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!rel) throw new PgError('42P01', `relation "${rv.schemaname ? `${rv.schemaname}.` : ''}${rv.relname}" does not exist`);
  if (rel.kind !== 'index') throw new PgError('42P17', `"${rel.name}" is not an index`);
  if (rel.parent === parent) return;
  const cannot = (code: string, detail: string) =>
    new PgError(code, `cannot attach index "${rel.name}" as a partition of index "${parent.name}"`, { detail });
  const part = rel.table;
  if (!part.partitionBound || part.parents[0] !== parent.table) {
    throw cannot('55000', `Index "${rel.name}" is not an index on any partition of table "${parent.table.name}".`);
  }
  if (rel.parent) throw cannot('55000', `Index "${rel.name}" is already attached to another index.`);
  if (part.indexes.some(ix => ix.parent === parent)) throw cannot('55000', `Another index is already attached for partition "${part.name}".`);
  if (!equivalent(parent, rel)) throw cannot('42P17', 'The index definitions do not match.');
  const pcon = parent.constraint;
  if (pcon && rel.constraint) adoptConstraint(cx, rel.constraint, pcon);
  cx.catalog.set(rel, 'parent', parent);
  cx.catalog.deps.add(rel, 0, parent, 0, 'P');
  cx.catalog.deps.add(rel, 0, part, 0, 'S');
  bump(cx, part);
}
