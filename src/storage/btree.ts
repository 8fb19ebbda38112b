// An ordered index over row versions: a two-level B-tree (a sorted list of sorted
// leaves) keyed by arrays of column values. NULLs sort last, as in PostgreSQL's
// default ASC NULLS LAST. Every version of a row has its own entry; readers filter
// entries by visibility, exactly as PostgreSQL's index scans do.
//
// A leaf is one array of its entries' keys and versions, interleaved (key, tuple, key, tuple, …),
// and a one-column index stores each key's value itself rather than a one-element array: an
// entry costs two array slots instead of ~100 bytes in three objects (the indexes were a third
// of the heap of a loaded database). Callers still pass and receive key arrays.
//
// Each leaf's last key is also kept in one array, the fence, so that finding a key's leaf reads
// that array alone. With random keys a probe waits on each cache line it reads in turn: the
// fence (read by every probe, so cached), the leaf's array, the line of the key found, which
// also holds its version (btree-search.ts: one guess by interpolation for numeric keys).
import type { Tuple } from './tuple.js';
import { equal, fenceOf, findAfter, findPacked, numEqual, type Leaf, type Position } from './btree-search.js';

export type Compare = (a: unknown, b: unknown) => number;

const LEAF_MAX = 256;

/** What a one-parameter callback is passed for the key it does not read (reading it would throw). */
const NO_KEY = undefined as unknown as unknown[];

export class BTree {
  private leaves: Leaf[] = [[]];
  /** Each leaf's last key as stored (undefined for an empty leaf, which is only ever the sole leaf). */
  private fence: unknown[] = [undefined];
  size = 0;
  /** Keys are one column (stored as the value); decided by the first key inserted, as every key of an index has the same length. */
  private packed: boolean | undefined = undefined;
  /**
   * The key column's order is JavaScript's < on its values, all numbers (integers, dates,
   * timestamps: the catalog says so, types/number-order.ts): a packed tree probed with a number
   * compares inline instead of calling the comparator.
   */
  private readonly natural: boolean;
  /** Where a probe's search left the position found (kept, not returned: no allocation per probe). */
  private readonly at: Position = { leaf: 0, slot: 0 };

  constructor(private readonly cmp: Compare[], naturalOrder = false) {
    this.natural = naturalOrder && cmp.length === 1;
  }

  /** Compares two keys over the first n columns (n = shorter of the two). */
  compareKeys(a: unknown[], b: unknown[]): number {
    const n = Math.min(a.length, b.length, this.cmp.length);
    for (let i = 0; i < n; i++) {
      const x = a[i], y = b[i];
      if (x === null || y === null) {
        if (x === y) continue;
        return x === null ? 1 : -1;
      }
      const c = this.cmp[i](x, y);
      if (c !== 0) return c;
    }
    return 0;
  }

  /** Compares a stored key with a key array (over the shorter of the two). */
  private compareStored(stored: unknown, key: unknown[]): number {
    if (!this.packed) return this.compareKeys(stored as unknown[], key);
    if (key.length === 0 || this.cmp.length === 0) return 0;
    const y = key[0];
    if (stored === null || y === null) return stored === y ? 0 : stored === null ? 1 : -1;
    return this.cmp[0](stored, y);
  }

  /** The key array of a stored key (a new array in a packed tree). */
  private keyOf(stored: unknown): unknown[] {
    return this.packed ? [stored] : stored as unknown[];
  }

  private decide(key: unknown[]): void {
    if (this.packed === undefined) this.packed = key.length === 1 && this.cmp.length === 1;
    else if (this.packed && key.length !== 1) this.unpack();
  }

  /** Back to one key array per entry (a key of another length was inserted: not expected of an index). */
  private unpack(): void {
    for (const leaf of this.leaves) for (let j = 0; j < leaf.length; j += 2) leaf[j] = [leaf[j]];
    this.packed = false;
    this.fence = fenceOf(this.leaves);
  }

  /** Sets leaf li's fence entry from its entries. */
  private refence(li: number): void {
    const leaf = this.leaves[li];
    this.fence[li] = leaf.length ? leaf[leaf.length - 2] : undefined;
  }

  /**
   * Index of the leaf the entry (key, id) belongs in: the first whose last entry is not before
   * it (the last leaf when none), found by the fence; a leaf's own array is read only where its
   * last key ties with key (then its last id decides).
   */
  private leafFor(key: unknown[], id: number): number {
    const fence = this.fence, leaves = this.leaves;
    let a = 0, b = fence.length - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      let c = this.compareStored(fence[mid], key);
      if (c === 0) { const leaf = leaves[mid]; c = (leaf[leaf.length - 1] as Tuple).id - id; }
      if (c < 0) a = mid + 1;
      else b = mid;
    }
    return a;
  }

  insert(key: unknown[], tuple: Tuple): void {
    this.decide(key);
    const id = tuple.id, leaves = this.leaves;
    let li = leaves.length - 1, leaf = leaves[li];
    // (entry positions: entry e is at slots 2e (key) and 2e + 1 (tuple))
    let lo = leaf.length >> 1;
    // past the last entry (ascending keys: a serial column, a load in key order): appended after
    // one comparison, not two binary searches
    const n = lo;
    const c = n ? this.compareStored(leaf[2 * n - 2], key) : 1;
    if (!(c < 0 || (c === 0 && (leaf[2 * n - 1] as Tuple).id < id))) {
      li = this.leafFor(key, id);
      leaf = leaves[li];
      let hi = leaf.length >> 1;
      lo = 0;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = this.compareStored(leaf[2 * mid], key);
        if (c < 0 || (c === 0 && (leaf[2 * mid + 1] as Tuple).id < id)) lo = mid + 1;
        else hi = mid;
      }
    }
    const stored = this.packed ? key[0] : key;
    if (2 * lo === leaf.length) leaf.push(stored, tuple); else leaf.splice(2 * lo, 0, stored, tuple);
    this.size++;
    if (leaf.length > 2 * LEAF_MAX) {
      if (lo === LEAF_MAX && li === leaves.length - 1) {
        // an append past the last entry (ascending serial keys): the full leaf stays full and
        // the new entry starts the next one, as PostgreSQL's rightmost-page split does (a kept
        // leaf is copied so as not to keep the spare capacity its array grew)
        leaf.pop(); leaf.pop();
        leaves[li] = leaf.slice();
        leaves.push([stored, tuple]);
        this.fence.push(stored);
      } else {
        const right = leaf.splice(LEAF_MAX);
        leaves[li] = leaf.slice();
        leaves.splice(li + 1, 0, right);
        this.fence.splice(li + 1, 0, undefined);
        this.refence(li + 1);
      }
    }
    this.refence(li);
  }

  remove(key: unknown[], tuple: Tuple): boolean {
    if (this.packed === undefined) return false;
    const li = this.leafFor(key, tuple.id);
    const leaf = this.leaves[li];
    for (let j = 1; j < leaf.length; j += 2) {
      if (leaf[j] === tuple) {
        leaf.splice(j - 1, 2);
        this.size--;
        if (leaf.length === 0 && this.leaves.length > 1) { this.leaves.splice(li, 1); this.fence.splice(li, 1); } else this.refence(li);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.leaves = [[]];
    this.fence = [undefined];
    this.size = 0;
    this.packed = undefined;
  }

  /**
   * Builds the tree bottom-up from all its entries at once (recovery, CREATE INDEX): one sort
   * of the keys, then leaves filled to three quarters so that later inserts split rarely —
   * instead of an insert (binary search and splice) per entry.
   */
  load(keys: unknown[][], tuples: Tuple[]): void {
    this.packed = keys.length ? keys[0].length === 1 && this.cmp.length === 1 && keys.every(k => k.length === 1) : undefined;
    const order = Array.from(keys, (_, i) => i);
    const c0 = this.cmp[0];
    const ids = Float64Array.from(tuples, t => t.id);
    // one key column (the common case): its values in one array, compared without compareKeys' loop
    const vals = this.packed ? keys.map(k => k[0]) : null;
    order.sort(vals ? (a, b) => {
      const x = vals[a], y = vals[b];
      if (x === null || y === null) return x === y ? ids[a] - ids[b] : x === null ? 1 : -1;
      return c0(x, y) || ids[a] - ids[b];
    } : (a, b) => this.compareKeys(keys[a], keys[b]) || ids[a] - ids[b]);
    const fill = (LEAF_MAX * 3) >> 2;
    const leaves: Leaf[] = [];
    for (let i = 0; i < order.length; i += fill) {
      const leaf: Leaf = [];
      for (let j = i; j < i + fill && j < order.length; j++) {
        const o = order[j];
        leaf.push(this.packed ? keys[o][0] : keys[o], tuples[o]);
      }
      leaves.push(leaf);
    }
    this.leaves = leaves.length ? leaves : [[]];
    this.fence = fenceOf(this.leaves);
    this.size = order.length;
  }

  /**
   * Calls fn for each entry whose key's first columns equal `prefix`, in key order;
   * fn returning false stops the scan.
   */
  scanEqual(prefix: unknown[], fn: (t: Tuple, key: unknown[]) => boolean | void): void {
    if (this.packed && prefix.length === 1 && prefix[0] !== null && fn.length < 2) this.scanPackedEqual(prefix[0], fn);
    else this.scanRange(prefix, true, prefix, true, fn);
  }

  /**
   * scanEqual of a one-column tree for a non-null value (a primary or foreign key probe): the
   * leaf found by the fence and the entry by one search, entries compared with the column's
   * order directly (scanRange's general bounds and key arrays are not needed).
   */
  private scanPackedEqual(y: unknown, fn: (t: Tuple, key: unknown[]) => boolean | void): void {
    const num = this.natural && typeof y === 'number', leaves = this.leaves, cmp = this.cmp[0], at = this.at;
    if (!findPacked(leaves, this.fence, y, cmp, num, at)) return;
    for (let li = at.leaf, j = at.slot; li < leaves.length; li++, j = 0) {
      const leaf = leaves[li];
      for (; j < leaf.length; j += 2) {
        if (num ? !numEqual(leaf[j], y) : !equal(leaf[j], y, cmp)) return;
        if (fn(leaf[j + 1] as Tuple, NO_KEY) === false) return;
      }
    }
  }

  /**
   * The tuples of the entries whose key equals `key` (one non-null value, in a one-column tree)
   * and whose id is greater than `after` (-Infinity: from the first), in key order, written to
   * `out` up to its length; returns how many (fewer than out.length: no more follow), or -1 when
   * the tree cannot be probed so (scanEqual then). Nothing is called per entry, and a caller
   * continues from the last id it got, found again by (key, id): exact even when the tree
   * changed in between.
   */
  equalBatch(key: unknown[], after: number, out: Tuple[]): number {
    if (!this.packed || key.length !== 1) return -1;
    const y = key[0];
    if (y === null) return -1;
    const num = this.natural && typeof y === 'number', leaves = this.leaves, cmp = this.cmp[0], at = this.at;
    if (!(after === -Infinity ? findPacked(leaves, this.fence, y, cmp, num, at) : findAfter(leaves, this.fence, y, after, cmp, num, at))) return 0;
    const max = out.length;
    let n = 0;
    for (let li = at.leaf, j = at.slot; li < leaves.length; li++, j = 0) {
      const leaf = leaves[li];
      for (; j < leaf.length; j += 2) {
        if (num ? !numEqual(leaf[j], y) : !equal(leaf[j], y, cmp)) return n;
        out[n++] = leaf[j + 1] as Tuple;
        if (n === max) return n;
      }
    }
    return n;
  }

  /** Position (leaf, slot) of the first entry whose key is >= lo (> lo when not inclusive). */
  private seek(lo: unknown[], inclusive: boolean): Position {
    const fence = this.fence;
    // first leaf whose last entry is >= lo
    let a = 0, b = fence.length - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      const c = this.compareStored(fence[mid], lo);
      if (c < 0 || (c === 0 && !inclusive)) a = mid + 1;
      else b = mid;
    }
    const leaf = this.leaves[a];
    let x = 0, y = leaf.length >> 1;
    while (x < y) {
      const mid = (x + y) >> 1;
      const c = this.compareStored(leaf[2 * mid], lo);
      if (c < 0 || (c === 0 && !inclusive)) x = mid + 1;
      else y = mid;
    }
    return { leaf: a, slot: 2 * x };
  }

  /**
   * Entries with lo <= key <= hi over the bounds' columns (a bound of undefined is open;
   * inclusive flags make it < or >). Keys are compared on the bound's length, so a
   * shorter bound is a prefix.
   */
  scanRange(lo: unknown[] | undefined, loInclusive: boolean, hi: unknown[] | undefined, hiInclusive: boolean,
    fn: (t: Tuple, key: unknown[]) => boolean | void): void {
    if (this.packed === undefined) return;
    const leaves = this.leaves;
    // a packed tree makes the key array only for a callback that takes it
    const wantsKey = fn.length > 1 || !this.packed;
    let li = 0, j = 0;
    if (lo) ({ leaf: li, slot: j } = this.seek(lo, loInclusive));
    for (; li < leaves.length; li++, j = 0) {
      const leaf = leaves[li];
      for (; j < leaf.length; j += 2) {
        const k = leaf[j];
        if (hi) {
          const c = this.compareStored(k, hi);
          if (c > 0 || (c === 0 && !hiInclusive)) return;
        }
        if (fn(leaf[j + 1] as Tuple, wantsKey ? this.keyOf(k) : NO_KEY) === false) return;
      }
    }
  }

  /** All entries in key order (descending when reverse). */
  scanAll(fn: (t: Tuple, key: unknown[]) => boolean | void, reverse = false): void {
    if (this.packed === undefined) return;
    const leaves = this.leaves;
    const wantsKey = fn.length > 1 || !this.packed;
    if (!reverse) {
      for (const leaf of leaves) {
        for (let j = 0; j < leaf.length; j += 2) if (fn(leaf[j + 1] as Tuple, wantsKey ? this.keyOf(leaf[j]) : NO_KEY) === false) return;
      }
    } else {
      for (let li = leaves.length - 1; li >= 0; li--) {
        const leaf = leaves[li];
        for (let j = leaf.length - 2; j >= 0; j -= 2) if (fn(leaf[j + 1] as Tuple, wantsKey ? this.keyOf(leaf[j]) : NO_KEY) === false) return;
      }
    }
  }

  /** Whether the fence holds each leaf's last key, and only the sole leaf is empty (tests). */
  fenceHolds(): boolean {
    const { leaves, fence } = this;
    if (fence.length !== leaves.length) return false;
    return leaves.every((l, i) => (l.length ? fence[i] === l[l.length - 2] : leaves.length === 1 && fence[i] === undefined) && l.length % 2 === 0);
  }
}
