// A heap: the row versions of one table, in insertion order.
import type { Tuple } from './tuple.js';

let nextTupleId = 1;

/** Row ids restored from disk stay unique: the counter moves past the highest one. */
export function reserveTupleIds(maxId: number): void {
  if (maxId >= nextTupleId) nextTupleId = maxId + 1;
}

/** Hears every row change of a heap (the write-ahead log's journal, session/durable-engine.ts). */
export interface HeapJournal {
  inserted(t: Tuple): void;
  deleted(t: Tuple): void;
}

export class Heap {
  constructor(readonly rel: number) {}
  tuples: Tuple[] = [];
  journal: HeapJournal | null = null;
  /**
   * A summary for scans (visibility.ts's settledPrefix): the first `settled` versions of the
   * array `settledOf`, read under the transaction manager `settledBy`, were created by
   * transactions known to have committed, the highest top-level xid of which is `settledTop`.
   */
  settledOf: Tuple[] | null = null;
  settledBy: object | null = null;
  settled = 0;
  settledTop = 0;
  /**
   * How many times a version's xmax was set (only grows: an aborted deleter's xmax stays set,
   * and a counter put back could match a state it never described), and how many times a
   * version's values array was replaced (ALTER TABLE's rewrite and its undo). What a scan
   * recorded of this heap's versions (executor/version-column.ts) holds while both are unchanged.
   */
  xmaxSets = 0;
  rewrites = 0;
  /** Versions appended since the last vacuum that may be dead; drives when to vacuum. */
  private garbage = 0;

  insert(data: unknown[], xid: number, cid: number): Tuple {
    const t: Tuple = { data, xmin: xid, cmin: cid, xmax: 0, cmax: 0, id: nextTupleId++, rel: this.rel };
    this.tuples.push(t);
    this.journal?.inserted(t);
    return t;
  }

  /** Marks a version deleted (or replaced) by xid at command cid. */
  markDeleted(t: Tuple, xid: number, cid: number): void {
    t.xmax = xid;
    t.cmax = cid;
    this.xmaxSets++;
    this.garbage++;
    this.journal?.deleted(t);
  }

  noteGarbage(n = 1): void {
    this.garbage += n;
  }

  get needsVacuum(): boolean {
    return this.garbage > 1000 && this.garbage > this.tuples.length / 4;
  }

  /** Removes the versions `dead` says no one can see; returns them so indexes can drop them too. */
  vacuum(dead: (t: Tuple) => boolean): Tuple[] {
    const kept: Tuple[] = [], removed: Tuple[] = [];
    for (const t of this.tuples) (dead(t) ? removed : kept).push(t);
    this.tuples = kept;
    this.garbage = 0;
    return removed;
  }
}
