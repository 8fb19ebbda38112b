// An ordered index over row versions: a two-level B-tree (a sorted list of sorted
// leaves) keyed by arrays of column values. NULLs sort last, as in PostgreSQL's
// default ASC NULLS LAST. Every version of a row has its own entry; readers filter
// entries by visibility, exactly as PostgreSQL's index scans do.
//
// A leaf holds its entries as two parallel arrays (keys, tuples) rather than an object per
// entry, and a one-column index stores each key's value itself rather than a one-element
// array: an entry costs two array slots instead of ~100 bytes in three objects (the indexes
// were a third of the heap of a loaded database). Callers still pass and receive key arrays.
import type { Tuple } from './tuple.js';

export type Compare = (a: unknown, b: unknown) => number;

interface Leaf {
  /** Each entry's key: the value itself in a packed (one-column) tree, else the key array. */
  keys: unknown[];
  tuples: Tuple[];
}

const LEAF_MAX = 256;

/** What a one-parameter callback is passed for the key it does not read (reading it would throw). */
const NO_KEY = undefined as unknown as unknown[];

const newLeaf = (): Leaf => ({ keys: [], tuples: [] });

export class BTree {
  private leaves: Leaf[] = [newLeaf()];
  size = 0;
  /** Keys are one column (stored as the value); decided by the first key inserted, as every key of an index has the same length. */
  private packed: boolean | undefined = undefined;

  constructor(private readonly cmp: Compare[]) {}

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
    for (const leaf of this.leaves) leaf.keys = leaf.keys.map(v => [v]);
    this.packed = false;
  }

  /** Index of the first leaf that may hold key (by its first entry). */
  private leafFor(key: unknown[], id: number): number {
    const leaves = this.leaves;
    let lo = 0, hi = leaves.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const leaf = leaves[mid];
      if (leaf.keys.length === 0) { hi = mid - 1; continue; }
      const c = this.compareStored(leaf.keys[0], key);
      if (c < 0 || (c === 0 && leaf.tuples[0].id <= id)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  insert(key: unknown[], tuple: Tuple): void {
    this.decide(key);
    const id = tuple.id;
    let li = this.leaves.length - 1, leaf = this.leaves[li], keys = leaf.keys, tuples = leaf.tuples;
    let lo = keys.length;
    // past the last entry (ascending keys: a serial column, a load in key order): appended after
    // one comparison, not two binary searches
    const n = keys.length;
    const c = n ? this.compareStored(keys[n - 1], key) : 1;
    if (!(c < 0 || (c === 0 && tuples[n - 1].id < id))) {
      li = this.leafFor(key, id);
      leaf = this.leaves[li]; keys = leaf.keys; tuples = leaf.tuples;
      let hi = keys.length;
      lo = 0;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = this.compareStored(keys[mid], key);
        if (c < 0 || (c === 0 && tuples[mid].id < id)) lo = mid + 1;
        else hi = mid;
      }
    }
    const stored = this.packed ? key[0] : key;
    if (lo === keys.length) { keys.push(stored); tuples.push(tuple); } else { keys.splice(lo, 0, stored); tuples.splice(lo, 0, tuple); }
    this.size++;
    if (keys.length > LEAF_MAX) {
      if (lo === LEAF_MAX && li === this.leaves.length - 1) {
        // an append past the last entry (ascending serial keys): the full leaf stays full and
        // the new entry starts the next one, as PostgreSQL's rightmost-page split does (a kept
        // leaf is copied so as not to keep the spare capacity its arrays grew)
        keys.pop(); tuples.pop();
        leaf.keys = keys.slice(); leaf.tuples = tuples.slice();
        this.leaves.push({ keys: [stored], tuples: [tuple] });
      } else {
        const half = LEAF_MAX >> 1;
        this.leaves.splice(li + 1, 0, { keys: keys.splice(half), tuples: tuples.splice(half) });
        leaf.keys = keys.slice(); leaf.tuples = tuples.slice();
      }
    }
  }

  remove(key: unknown[], tuple: Tuple): boolean {
    if (this.packed === undefined) return false;
    const li = this.leafFor(key, tuple.id);
    const leaf = this.leaves[li], tuples = leaf.tuples;
    for (let i = 0; i < tuples.length; i++) {
      if (tuples[i] === tuple) {
        tuples.splice(i, 1);
        leaf.keys.splice(i, 1);
        this.size--;
        if (tuples.length === 0 && this.leaves.length > 1) this.leaves.splice(li, 1);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.leaves = [newLeaf()];
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
      const leaf = newLeaf();
      for (let j = i; j < i + fill && j < order.length; j++) {
        const o = order[j];
        leaf.keys.push(this.packed ? keys[o][0] : keys[o]);
        leaf.tuples.push(tuples[o]);
      }
      leaves.push(leaf);
    }
    this.leaves = leaves.length ? leaves : [newLeaf()];
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
   * leaf and the entry found by one binary search each, entries compared with the column's
   * comparator directly (scanRange's general bounds and key arrays are not needed).
   */
  private scanPackedEqual(y: unknown, fn: (t: Tuple, key: unknown[]) => boolean | void): void {
    const leaves = this.leaves, cmp = this.cmp[0];
    // (before and equal are module functions: closures here were ≈ 70 bytes per probe)
    const last = leaves.length - 1, lastKeys = leaves[last].keys, n = lastKeys.length;
    // above the last key (a new serial value's uniqueness check): no entry can be equal
    if (n && before(lastKeys[n - 1], y, cmp)) return;
    let a = last, i = n - 1;
    // the last key (a parent probed right after it was inserted, as a load in key order does):
    // its entries end the tree, the first of them found walking back (unless they may continue
    // in the leaf before)
    const atEnd = n > 0 && equal(lastKeys[n - 1], y, cmp);
    if (atEnd) while (i > 0 && equal(lastKeys[i - 1], y, cmp)) i--;
    if (!atEnd || (i === 0 && last > 0)) {
      a = 0;
      let b = last;
      while (a < b) {
        const mid = (a + b) >> 1;
        const keys = leaves[mid].keys;
        if (keys.length === 0 || before(keys[keys.length - 1], y, cmp)) a = mid + 1;
        else b = mid;
      }
      i = 0;
      const keys = leaves[a].keys;
      let y2 = keys.length;
      while (i < y2) { const mid = (i + y2) >> 1; if (before(keys[mid], y, cmp)) i = mid + 1; else y2 = mid; }
    }
    for (let li = a; li < leaves.length; li++, i = 0) {
      const { keys, tuples } = leaves[li];
      for (; i < keys.length; i++) {
        const k = keys[i];
        if (k !== y && (k === null || cmp(k, y) !== 0)) return;
        if (fn(tuples[i], NO_KEY) === false) return;
      }
    }
  }

  /** Position (leaf, entry) of the first entry whose key is >= lo (> lo when not inclusive). */
  private seek(lo: unknown[], inclusive: boolean): [number, number] {
    const leaves = this.leaves;
    // first leaf whose last entry is >= lo
    let a = 0, b = leaves.length - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      const keys = leaves[mid].keys;
      const c = keys.length ? this.compareStored(keys[keys.length - 1], lo) : -1;
      if (c < 0 || (c === 0 && !inclusive)) a = mid + 1;
      else b = mid;
    }
    const keys = leaves[a].keys;
    let x = 0, y = keys.length;
    while (x < y) {
      const mid = (x + y) >> 1;
      const c = this.compareStored(keys[mid], lo);
      if (c < 0 || (c === 0 && !inclusive)) x = mid + 1;
      else y = mid;
    }
    return [a, x];
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
    let li = 0, i = 0;
    if (lo) [li, i] = this.seek(lo, loInclusive);
    for (; li < leaves.length; li++, i = 0) {
      const { keys, tuples } = leaves[li];
      for (; i < keys.length; i++) {
        const k = keys[i];
        if (hi) {
          const c = this.compareStored(k, hi);
          if (c > 0 || (c === 0 && !hiInclusive)) return;
        }
        if (fn(tuples[i], wantsKey ? this.keyOf(k) : NO_KEY) === false) return;
      }
    }
  }

  /** All entries in key order (descending when reverse). */
  scanAll(fn: (t: Tuple, key: unknown[]) => boolean | void, reverse = false): void {
    if (this.packed === undefined) return;
    const leaves = this.leaves;
    const wantsKey = fn.length > 1 || !this.packed;
    if (!reverse) {
      for (const { keys, tuples } of leaves) {
        for (let i = 0; i < keys.length; i++) if (fn(tuples[i], wantsKey ? this.keyOf(keys[i]) : NO_KEY) === false) return;
      }
    } else {
      for (let li = leaves.length - 1; li >= 0; li--) {
        const { keys, tuples } = leaves[li];
        for (let i = keys.length - 1; i >= 0; i--) if (fn(tuples[i], wantsKey ? this.keyOf(keys[i]) : NO_KEY) === false) return;
      }
    }
  }
}

/** A stored one-column key sorts before the non-null value y (NULL keys sort last: a stored null is greater than any value). */
function before(k: unknown, y: unknown, cmp: Compare): boolean {
  return k !== null && k !== y && cmp(k, y) < 0;
}

/** A stored one-column key equals the non-null value y. */
function equal(k: unknown, y: unknown, cmp: Compare): boolean {
  return k !== null && (k === y || cmp(k, y) === 0);
}
