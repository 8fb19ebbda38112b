// Rows and partitions: the partition key of a row, which partition a row goes to (tuple
// routing, execPartition.c), whether a row satisfies a partition's constraint (its bound and
// its ancestors'), and rows converted between a parent's and a partition's column layout.
import { PgError } from '../errors/index.js';
import type { PartitionBound, Table } from '../catalog/objects.js';
import { boundInfo, hashKey, keyComparators, partitionIndexFor, rboundKeyCmp } from '../catalog/partition-bounds.js';
import type { WriteContext } from './context.js';
import { failingRow } from './messages.js';

/** The partition key values of a row of a partitioned table. */
export function keyValues(ctx: WriteContext, t: Table, row: unknown[]): unknown[] {
  const key = t.partitionKey!;
  let j = 0;
  return key.attnums.map(a => {
    if (a) return row[a - 1] ?? null;
    const e = key.exprs[j++];
    if (!ctx.evalExpr) throw new PgError('XX000', 'partition key expressions cannot be evaluated here');
    const v = ctx.evalExpr(t, e.expr, row);
    return v === undefined ? null : v;
  });
}

/**
 * For each column of `to`, the index of the column of the same name in `from` (-1: none, or
 * dropped); null when the layouts are the same.
 */
export function columnMapping(from: Table, to: Table): number[] | null {
  if (from === to) return null;
  const k = `colmap:${from.oid}:${from.version}:${to.version}`;
  const cached = to.cache?.get(k) as { map: number[] | null } | undefined;
  if (cached) return cached.map;
  const map = to.columns.map(c => (c.dropped ? -1 : from.columns.findIndex(f => !f.dropped && f.name === c.name)));
  const same = from.columns.length === to.columns.length && map.every((m, i) => m === i || (m === -1 && to.columns[i].dropped && from.columns[i].dropped));
  (to.cache ??= new Map()).set(k, { map: same ? null : map });
  return same ? null : map;
}

/** A row of `from` in `to`'s column layout (columns matched by name). */
export function convertRow(from: Table, to: Table, row: unknown[]): unknown[] {
  const map = columnMapping(from, to);
  if (!map) return row;
  return map.map(i => (i < 0 ? null : row[i] ?? null));
}

/** Does a key fall within a (non-default) bound? */
export function keyInBound(parent: Table, bound: PartitionBound, key: unknown[]): boolean {
  const pk = parent.partitionKey!;
  const cmps = keyComparators(pk);
  switch (bound.strategy) {
    case 'l': return bound.values!.some(v => (v === null ? key[0] === null : key[0] !== null && cmps[0](v, key[0]) === 0));
    case 'r':
      if (key.some(v => v === null)) return false;
      return rboundKeyCmp(cmps, bound.lower!, key) <= 0 && rboundKeyCmp(cmps, bound.upper!, key) > 0;
    case 'h': return hashKey(pk, key) % BigInt(bound.modulus!) === BigInt(bound.remainder!);
  }
}

/** Does the row (in the partition's layout) satisfy the partition's bound, and its parent's, up the tree? */
export function partitionConstraintHolds(ctx: WriteContext, part: Table, row: unknown[]): boolean {
  let t = part, r = row;
  while (t.partitionBound) {
    const parent = t.parents[0];
    const pr = convertRow(t, parent, r);
    const key = keyValues(ctx, parent, pr);
    if (t.partitionBound.isDefault) {
      const info = boundInfo(parent);
      if (info.parts[partitionIndexFor(info, key)] !== t) return false;
    } else if (!keyInBound(parent, t.partitionBound, key)) return false;
    t = parent;
    r = pr;
  }
  return true;
}

/** ExecPartitionCheck with its error: the row, in `shownAs`'s layout when given, is shown. */
export function checkPartitionConstraint(ctx: WriteContext, part: Table, row: unknown[], shownAs?: Table): void {
  if (partitionConstraintHolds(ctx, part, row)) return;
  const display = shownAs ?? part;
  throw new PgError('23514', `new row for relation "${part.name}" violates partition constraint`,
    { detail: failingRow(ctx, display, shownAs ? convertRow(part, shownAs, row) : row), schema: part.schema.name, table: part.name });
}

/**
 * ExecFindPartition: the leaf partition a row of `target` (a partitioned table) goes to, and
 * the row in its layout. A target that is itself a partition checks its own constraint first.
 */
export function routeRow(ctx: WriteContext, target: Table, row: unknown[], checkTarget = true): { table: Table; row: unknown[] } {
  if (checkTarget && target.partitionBound) checkPartitionConstraint(ctx, target, row);
  let t = target, r = row;
  while (t.partitionKey) {
    const key = keyValues(ctx, t, r);
    const info = boundInfo(t);
    const idx = partitionIndexFor(info, key);
    if (idx < 0) {
      throw new PgError('23514', `no partition of relation "${t.name}" found for row`,
        { detail: `Partition key of the failing row contains ${keyDescription(ctx, t, key)}.`, schema: t.schema.name, table: t.name });
    }
    const child = info.parts[idx];
    r = convertRow(t, child, r);
    t = child;
  }
  return { table: t, row: r };
}

/** "(a, (b + 1)) = (1, null)" as ExecBuildSlotPartitionKeyDescription writes it. */
function keyDescription(ctx: WriteContext, t: Table, key: unknown[]): string {
  const pk = t.partitionKey!;
  let j = 0;
  const names = pk.attnums.map(a => (a ? quoteName(t.columns[a - 1].name) : pk.exprs[j++].text));
  const values = key.map((v, i) => (v === null ? 'null' : ctx.formatValue(v, pk.types[i])));
  return `(${names.join(', ')}) = (${values.join(', ')})`;
}

const quoteName = (s: string) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

/** A tuple's values in the layout of `target`, an ancestor of the partition holding it. */
export function rowForTarget(target: Table, tuple: { data: unknown[]; rel: number }): unknown[] {
  if (tuple.rel === target.oid) return tuple.data;
  const holder = descendantByOid(target, tuple.rel);
  return holder ? convertRow(holder, target, tuple.data) : tuple.data;
}

function descendantByOid(t: Table, oid: number): Table | undefined {
  for (const c of t.children) {
    if (c.oid === oid) return c;
    const d = descendantByOid(c, oid);
    if (d) return d;
  }
  return undefined;
}
