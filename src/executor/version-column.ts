// What sequential scans learned of a heap's versions, kept beside the heap's array so that a
// later scan need not load a version whose visibility is certain: a table's versions lie
// spread through memory, and after batching (seq-scan.ts) the one load of each version to
// read its xmax was most of what was left of a scan of a table without deletes.
//
// Entry i is version i's values array if its xmax was 0 when recorded, else null (the scan
// loads the version and checks it). The entries hold while the heap's xmaxSets and rewrites
// counters (storage/heap.ts) are what they were when the column was made: every setting of an
// xmax (delete, update, TRUNCATE — row locks do not set it) and every replacement of a values
// array (ALTER TABLE's rewrite, and its undo) moves one of them, and neither ever goes back,
// so a column that no longer matches is never matched again: the next scan starts a new one.
// A vacuum makes a new heap array, and the old array's column goes with it.
import type { Heap } from '../storage/heap.js';
import type { Tuple } from '../storage/tuple.js';

const columns = new WeakMap<Tuple[], VersionColumn>();

export class VersionColumn {
  /** Per version position, in order: its values array while its xmax was 0, else null. */
  readonly datas: (unknown[] | null)[] = [];

  private constructor(readonly xmaxSets: number, readonly rewrites: number) {}

  /** The column of heap array `tuples` that holds now (a new, empty one when none does). */
  static of(heap: Heap, tuples: Tuple[]): VersionColumn {
    let c = columns.get(tuples);
    if (!c || !c.holds(heap)) columns.set(tuples, c = new VersionColumn(heap.xmaxSets, heap.rewrites));
    return c;
  }

  /** True while no xmax was set and no values array replaced in the heap since the column was made. */
  holds(heap: Heap): boolean {
    return heap.xmaxSets === this.xmaxSets && heap.rewrites === this.rewrites;
  }
}
