// Join keys of a heap's column kept beside the heap, so that a scan feeding a hash or semi
// join reads its rows' keys from one compact array instead of from each row's values: a
// table's versions lie spread through memory (W1 inserts three tables interleaved), and the
// load of each row's values was most of such a scan's time.
//
// Exact by construction: entry i holds the key of version i's values array, which is never
// changed in place (other snapshots read it); only ALTER TABLE's rewrite (and its undo) gives
// a version a new array, and it moves the heap's rewrites counter (storage/heap.ts), which
// only grows: a column is used only while the counter is what it was when the column was
// made, and the next scan after a rewrite keys the heap afresh. The columns are kept per heap
// array: a vacuum makes a new one, and the old array's columns go with it.
import type { Heap } from '../storage/heap.js';
import type { Tuple } from '../storage/tuple.js';
import { varKey } from './hash-keys.js';

const columns = new WeakMap<Tuple[], Map<string, KeyColumn>>();

export class KeyColumn {
  /** Per version position, in order: the key of its values (read by SeqCursor as key() does). */
  readonly keys: unknown[] = [];

  private constructor(private readonly tuples: Tuple[], private readonly att: number, private readonly h: (v: unknown) => string,
    readonly rewrites: number) {}

  /** The key column of column att of heap array `tuples` (keys made by varKey with hashFn h of its type). */
  static of(heap: Heap, tuples: Tuple[], att: number, type: number, h: (v: unknown) => string): KeyColumn {
    let byCol = columns.get(tuples);
    if (!byCol) columns.set(tuples, byCol = new Map());
    const name = `${att}:${type}`;
    let c = byCol.get(name);
    if (!c || c.rewrites !== heap.rewrites) byCol.set(name, c = new KeyColumn(tuples, att, h, heap.rewrites));
    return c;
  }

  /** True while no values array of the heap was replaced since the column was made. */
  holds(heap: Heap): boolean {
    return heap.rewrites === this.rewrites;
  }

  /** The key of version i, whose values are d. */
  key(i: number, d: unknown[]): unknown {
    return i < this.keys.length ? this.keys[i] : this.extend(i, d);
  }

  /** Keys the versions up to i (i's values are d); the key of i. */
  extend(i: number, d: unknown[]): unknown {
    const keys = this.keys, att = this.att, h = this.h;
    // versions skipped up to i (not visible to the scan that reads i) are keyed too, so the
    // array stays dense
    for (let j = keys.length; j < i; j++) keys.push(varKey(this.tuples[j].data[att], h));
    const k = varKey(d[att], h);
    keys.push(k);
    return k;
  }
}
