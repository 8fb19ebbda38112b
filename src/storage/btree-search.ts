// How btree.ts finds the first entry of a one-column (packed) key: module functions rather than
// closures (a closure made per probe was ≈ 70 bytes), with a numbers-only variant for a column
// whose order is JavaScript's < (compared inline, no comparator call, and a first guess by
// interpolation).
import type { Compare } from './btree.js';
import type { Tuple } from './tuple.js';

/** A leaf: its entries' keys and versions interleaved (key at slot 2e, version at 2e + 1). */
export type Leaf = unknown[];

/** A place in the tree: a leaf and a slot of it (an entry's key slot). */
export interface Position { leaf: number; slot: number }

/** A stored one-column key sorts before the non-null value y (NULL keys sort last: a stored null is greater than any value). */
export function before(k: unknown, y: unknown, cmp: Compare): boolean {
  return k !== null && k !== y && cmp(k, y) < 0;
}

/** A stored one-column key equals the non-null value y. */
export function equal(k: unknown, y: unknown, cmp: Compare): boolean {
  return k !== null && (k === y || cmp(k, y) === 0);
}

/** The same for a number-ordered column and a number y (its keys are numbers or null). */
export function numEqual(k: unknown, y: unknown): boolean {
  return k === y;
}

/** The fence of a list of leaves: each one's last key as stored, undefined for an empty leaf. */
export function fenceOf(leaves: Leaf[]): unknown[] {
  return leaves.map(l => (l.length ? l[l.length - 2] : undefined));
}

/**
 * Positions `at` at the first entry whose key is not before the non-null y (num: y and the keys
 * are numbers in <'s order, NULLs aside); false when every key is before y.
 */
export function findPacked(leaves: Leaf[], fence: unknown[], y: unknown, cmp: Compare, num: boolean, at: Position): boolean {
  const last = fence.length - 1, kl = fence[last];
  // an empty tree, or above the last key (a new serial value's uniqueness check)
  if (kl === undefined || (num ? kl !== null && (kl as number) < (y as number) : before(kl, y, cmp))) return false;
  // the last key (a parent probed right after it was inserted, as a load in key order does):
  // its entries end the tree, the first of them found walking back (unless they may continue
  // in the leaf before)
  if (num ? kl === y : equal(kl, y, cmp)) {
    const leaf = leaves[last];
    let j = leaf.length - 2;
    while (j > 0 && (num ? leaf[j - 2] === y : equal(leaf[j - 2], y, cmp))) j -= 2;
    if (j > 0 || last === 0) { at.leaf = last; at.slot = j; return true; }
  }
  // (the last leaf's key is not before y: the answer is at most `last`)
  let a = 0, b = last;
  if (num) a = numNotBefore(fence, 0, last + 1, y as number, 0, 0, fence[0], last, kl);
  else while (a < b) { const mid = (a + b) >> 1; if (before(fence[mid], y, cmp)) a = mid + 1; else b = mid; }
  const leaf = leaves[a];
  let e: number;
  // (interpolated from the fence: the leaf before ends below y, this one's last key is not below)
  if (num) e = numNotBefore(leaf, 0, leaf.length >> 1, y as number, 1, a > 0 ? -1 : 0, a > 0 ? fence[a - 1] : leaf[0], (leaf.length >> 1) - 1, fence[a]);
  else {
    let i = 0, j = leaf.length >> 1;
    while (i < j) { const mid = (i + j) >> 1; if (before(leaf[2 * mid], y, cmp)) i = mid + 1; else j = mid; }
    e = i;
  }
  at.leaf = a; at.slot = 2 * e;
  return true;
}

/**
 * Positions `at` at the first entry after (y, after) in (key, id) order (y non-null); false when
 * there is none.
 */
export function findAfter(leaves: Leaf[], fence: unknown[], y: unknown, after: number, cmp: Compare, num: boolean, at: Position): boolean {
  // an entry (k, id) is at or before (y, after)
  const done = (k: unknown, id: number) => (num ? k !== null && (k as number) < (y as number) : before(k, y, cmp))
    || ((num ? k === y : equal(k, y, cmp)) && id <= after);
  let a = 0, b = leaves.length - 1;
  while (a < b) {
    const mid = (a + b) >> 1, leaf = leaves[mid];
    if (done(fence[mid], (leaf[leaf.length - 1] as Tuple).id)) a = mid + 1; else b = mid;
  }
  const leaf = leaves[a];
  let x = 0, z = leaf.length >> 1;
  while (x < z) { const mid = (x + z) >> 1; if (done(leaf[2 * mid], (leaf[2 * mid + 1] as Tuple).id)) x = mid + 1; else z = mid; }
  if (2 * x === leaf.length) return false;
  at.leaf = a; at.slot = 2 * x;
  return true;
}

/**
 * The first position p in [lo, hi) of sorted numbers (NULLs last), the value of p at
 * arr[p << shift], not below y; hi when none. It guesses first, by interpolating y between
 * value v0 at position p0 and v1 at p1 (what the caller knows without a load: the fence), and
 * looks beside the guess: keys spread evenly (serial keys, and the keys referring to them) are
 * found with one load, where a binary search waits on a load from another cache line at nearly
 * every step; a wrong guess leaves a binary search over what it excluded (two steps more at
 * worst). The answer does not depend on the estimates, only the loads made.
 */
export function numNotBefore(arr: unknown[], lo: number, hi: number, y: number, shift: number,
  p0: number, v0: unknown, p1: number, v1: unknown): number {
  let i = lo, j = hi;
  // (finite estimates and y only: a date or timestamp may be ±Infinity, which has no position)
  if (hi - lo > 4 && typeof v0 === 'number' && typeof v1 === 'number' && v1 > v0 && v1 - v0 < Infinity && Number.isFinite(y)) {
    const g = Math.min(hi - 1, Math.max(lo, Math.ceil(p0 + (y - v0) / (v1 - v0) * (p1 - p0))));
    const k = arr[g << shift];
    if (k !== null && (k as number) < y) {
      // the answer is after g
      if (g + 1 === hi) return hi;
      const k1 = arr[(g + 1) << shift];
      if (!(k1 !== null && (k1 as number) < y)) return g + 1;
      i = g + 2;
    } else {
      // the answer is g or before
      if (g === lo) return lo;
      const k0 = arr[(g - 1) << shift];
      if (k0 !== null && (k0 as number) < y) return g;
      j = g - 1;
    }
  }
  while (i < j) { const mid = (i + j) >> 1, k = arr[mid << shift]; if (k !== null && (k as number) < y) i = mid + 1; else j = mid; }
  return i;
}
