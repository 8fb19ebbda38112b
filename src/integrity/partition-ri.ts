// Foreign keys over partitioned tables: a partitioned table holds no rows, so looking a key
// up in it, or finding the rows that reference a key, goes through its leaf partitions (each
// with the index attached to the partitioned one) in the partitions' own column layouts.
import type { Index, Table } from '../catalog/objects.js';
import type { Tuple } from '../storage/tuple.js';
import { parentRowFound } from './concurrency.js';
import type { WriteContext } from './context.js';

/** The tables that hold the rows of `t`: itself, or its leaf partitions. */
export function leafTables(t: Table): Table[] {
  if (!t.partitionKey) return [t];
  return t.children.filter(c => c.partitionBound && c.parents[0] === t).flatMap(leafTables);
}

/** The index of `leaf` attached (at any depth) to the partitioned index. */
export function leafIndexOf(index: Index, leaf: Table): Index | undefined {
  return leaf.indexes.find(ix => { for (let p = ix.parent; p; p = p.parent) if (p === index) return true; return false; });
}

/** The attnums in `to` of columns of `from` (by name). */
export function mapColumns(from: Table, to: Table, attnums: number[]): number[] {
  if (from === to) return attnums;
  return attnums.map(a => to.columns.find(c => !c.dropped && c.name === from.columns[a - 1].name)?.attnum ?? 0);
}

/** Is there a live row with the key (the index's columns, in `refCols` order) in a partitioned table? */
export function partitionedHasKey(ctx: WriteContext, parent: Table, refCols: number[], key: unknown[], index: Index): boolean {
  const ordered = index.columns.map(att => key[refCols.indexOf(att)]);
  for (const leaf of leafTables(parent)) {
    const ix = leafIndexOf(index, leaf);
    if (!ix) continue;
    let found = false;
    ctx.ssi?.readKey(ix, ordered);
    // the row found is locked FOR KEY SHARE (concurrency.ts)
    ix.tree.scanEqual(ordered, t => { if (parentRowFound(ctx, leaf, t)) { found = true; return false; } });
    if (found) return true;
  }
  return false;
}

/** The leaf of a partitioned table holding a tuple. */
export function holderOf(t: Table, tuple: Tuple): Table {
  if (tuple.rel === t.oid) return t;
  return leafTables(t).find(l => l.oid === tuple.rel) ?? t;
}
