// An ordered index over row versions: a two-level B-tree (a sorted list of sorted
// leaves) keyed by arrays of column values. NULLs sort last, as in PostgreSQL's
// default ASC NULLS LAST. Every version of a row has its own entry; readers filter
// entries by visibility, exactly as PostgreSQL's index scans do.
import type { Tuple } from './tuple.js';

export type Compare = (a: unknown, b: unknown) => number;

interface Entry { key: unknown[]; tuple: Tuple }

const LEAF_MAX = 256;

export class BTree {
  private leaves: Entry[][] = [[]];
  size = 0;

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

  private compareEntry(e: Entry, key: unknown[], id: number): number {
    const c = this.compareKeys(e.key, key);
    return c !== 0 ? c : e.tuple.id - id;
  }

  /** Index of the first leaf that may hold key (by its first entry). */
  private leafFor(key: unknown[], id: number): number {
    const leaves = this.leaves;
    let lo = 0, hi = leaves.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const first = leaves[mid][0];
      if (first && this.compareEntry(first, key, id) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  insert(key: unknown[], tuple: Tuple): void {
    const li = this.leafFor(key, tuple.id);
    const leaf = this.leaves[li];
    let lo = 0, hi = leaf.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareEntry(leaf[mid], key, tuple.id) < 0) lo = mid + 1;
      else hi = mid;
    }
    leaf.splice(lo, 0, { key, tuple });
    this.size++;
    if (leaf.length > LEAF_MAX) this.leaves.splice(li + 1, 0, leaf.splice(LEAF_MAX >> 1));
  }

  remove(key: unknown[], tuple: Tuple): boolean {
    const li = this.leafFor(key, tuple.id);
    const leaf = this.leaves[li];
    for (let i = 0; i < leaf.length; i++) {
      if (leaf[i].tuple === tuple) {
        leaf.splice(i, 1);
        this.size--;
        if (leaf.length === 0 && this.leaves.length > 1) this.leaves.splice(li, 1);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.leaves = [[]];
    this.size = 0;
  }

  /**
   * Calls fn for each entry whose key's first columns equal `prefix`, in key order;
   * fn returning false stops the scan.
   */
  scanEqual(prefix: unknown[], fn: (t: Tuple, key: unknown[]) => boolean | void): void {
    this.scanRange(prefix, true, prefix, true, fn);
  }

  /**
   * Entries with lo <= key <= hi over the bounds' columns (a bound of undefined is open;
   * inclusive flags make it < or >). Keys are compared on the bound's length, so a
   * shorter bound is a prefix.
   */
  scanRange(lo: unknown[] | undefined, loInclusive: boolean, hi: unknown[] | undefined, hiInclusive: boolean,
    fn: (t: Tuple, key: unknown[]) => boolean | void): void {
    const leaves = this.leaves;
    let li = 0, i = 0;
    if (lo) {
      // first leaf whose last entry is >= lo
      let a = 0, b = leaves.length - 1;
      while (a < b) {
        const mid = (a + b) >> 1;
        const leaf = leaves[mid];
        const last = leaf[leaf.length - 1];
        const c = last ? this.compareKeys(last.key, lo) : -1;
        if (c < 0 || (c === 0 && !loInclusive)) a = mid + 1;
        else b = mid;
      }
      li = a;
      const leaf = leaves[li];
      let x = 0, y = leaf.length;
      while (x < y) {
        const mid = (x + y) >> 1;
        const c = this.compareKeys(leaf[mid].key, lo);
        if (c < 0 || (c === 0 && !loInclusive)) x = mid + 1;
        else y = mid;
      }
      i = x;
    }
    for (; li < leaves.length; li++, i = 0) {
      const leaf = leaves[li];
      for (; i < leaf.length; i++) {
        const e = leaf[i];
        if (hi) {
          const c = this.compareKeys(e.key, hi);
          if (c > 0 || (c === 0 && !hiInclusive)) return;
        }
        if (fn(e.tuple, e.key) === false) return;
      }
    }
  }

  /** All entries in key order (descending when reverse). */
  scanAll(fn: (t: Tuple, key: unknown[]) => boolean | void, reverse = false): void {
    const leaves = this.leaves;
    if (!reverse) {
      for (const leaf of leaves) for (const e of leaf) if (fn(e.tuple, e.key) === false) return;
    } else {
      for (let li = leaves.length - 1; li >= 0; li--) {
        const leaf = leaves[li];
        for (let i = leaf.length - 1; i >= 0; i--) if (fn(leaf[i].tuple, leaf[i].key) === false) return;
      }
    }
  }
}
