// Index scans: the B-tree walked for equality on its leading columns, then one probe per
// element of `column = ANY (array)` or a range on the next column; a bitmap scan returns
// the rows in heap order instead of key order. Inheritance children (which have their own
// indexes) are read sequentially with the index conditions as a filter.
import { indexColumns } from '../catalog/index-keys.js';
import type { Plan } from '../planner/index.js';
import type { Table } from '../catalog/objects.js';
import { isVisible } from '../storage/visibility.js';
import type { Tuple } from '../storage/tuple.js';
import { typeByOid } from '../types/registry.js';
import { compile } from './compile.js';
import { checkDeadline } from './deadline.js';
import type { Compiled, Emit, Env, Frame } from './env.js';
import type { BTree } from '../storage/btree.js';
import type { Index } from '../catalog/objects.js';
import { inheritanceSet, runSubquery, type Producer } from './query.js';

/** Reads a child table's row in the column order of its inheritance parent (by name). */
function columnMap(parent: Table, child: Table): (data: unknown[]) => unknown[] {
  const idx = parent.columns.map(c => (c.dropped ? -1 : child.columns.findIndex(cc => !cc.dropped && cc.name === c.name)));
  return data => idx.map(i => (i < 0 ? null : data[i] ?? null));
}

type Bound = { fn: Compiled; inclusive: boolean };

function idOrdered(ts: Tuple[], n = ts.length): boolean {
  for (let i = 1; i < n; i++) if (ts[i - 1].id > ts[i].id) return false;
  return true;
}

export function compileIndexScan(plan: Plan & { k: 'indexscan' }, width: number): Producer {
  const slot = 2 * plan.entry;
  const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
  const keys = plan.keys.map(k => compile(k, runSubquery));
  const nk = keys.length;
  const anyKey = plan.anyKey ? compile(plan.anyKey, runSubquery) : null;
  const lower: Bound[] = (plan.lower ?? []).map(b => ({ fn: compile(b.value, runSubquery), inclusive: b.inclusive }));
  const upper: Bound[] = (plan.upper ?? []).map(b => ({ fn: compile(b.value, runSubquery), inclusive: b.inclusive }));
  const index = plan.index, table = plan.table, tree = index.tree;
  const nextCol = indexColumns(index)[nk];
  const colType = nextCol !== undefined ? typeByOid(nextCol.typeOid) : undefined;
  const cmp = colType ? (a: unknown, b: unknown) => colType.compare(a, b) : () => 0;
  const children = plan.inh && table.children.length ? inheritanceSet(table, true).slice(1) : [];
  const childCond = children.length && plan.indexCond?.length ? plan.indexCond.map(c => compile(c, runSubquery)) : [];
  const bitmap = !!plan.bitmap, backward = !!plan.backward;
  const ranged = lower.length > 0 || upper.length > 0;
  if (!anyKey && !ranged && nk > 0 && children.length === 0) {
    return compileEqualityScan(keys, filter, slot, width, tree, index, bitmap, backward);
  }

  return (env: Env, emit) => {
    const view = env.view, ssi = view.ssi;
    // the frame may be the outer frame of a nested loop: our slots are filled in place
    const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
    const key = new Array(nk);
    for (let i = 0; i < nk; i++) { key[i] = keys[i](f, env); if (key[i] === null) return true; }
    // backward and bitmap scans gather the entries first, then emit them
    const collected: Tuple[] | null = bitmap || backward ? [] : null;
    let go = true;
    const accept = (tup: Tuple): boolean | void => {
      checkDeadline();
      const visible = isVisible(tup, view);
      if (ssi) ssi.examine(tup, visible);
      if (!visible) return;
      if (collected) { collected.push(tup); return; }
      f[slot] = tup.data;
      f[slot + 1] = tup;
      if (filter && filter(f, env) !== true) return;
      if (emit(f) === false) { go = false; return false; }
    };
    if (anyKey) {
      const arr = anyKey(f, env) as unknown[] | null;
      if (arr === null) return true;
      const vals = (arr.flat(Infinity as 1) as unknown[]).filter(v => v !== null).sort(cmp);
      for (let i = 0; i < vals.length && go; i++) {
        if (i > 0 && cmp(vals[i - 1], vals[i]) === 0) continue;
        key[nk] = vals[i];
        if (ssi) ssi.readKey(index, key);
        tree.scanEqual(key, accept);
      }
      key.length = nk;
    } else if (ranged) {
      let lo: unknown = undefined, loInc = true, hi: unknown = undefined, hiInc = true;
      for (const b of lower) {
        const v = b.fn(f, env);
        if (v === null) return true;
        const c = lo === undefined ? 1 : cmp(v, lo);
        if (c > 0 || (c === 0 && !b.inclusive)) { lo = v; loInc = b.inclusive; }
      }
      for (const b of upper) {
        const v = b.fn(f, env);
        if (v === null) return true;
        const c = hi === undefined ? -1 : cmp(v, hi);
        if (c < 0 || (c === 0 && !b.inclusive)) { hi = v; hiInc = b.inclusive; }
      }
      const loKey = lo === undefined ? (nk ? key : undefined) : [...key, lo];
      const hiKey = hi === undefined ? (nk ? key : undefined) : [...key, hi];
      // without an upper bound the range ends where NULLs (sorted last) begin; SERIALIZABLE
      // records a range as a read of the whole table (storage/ssi.ts locks keys only)
      if (ssi) ssi.readRelation(table.oid);
      tree.scanRange(loKey, lo === undefined ? true : loInc, hiKey, hi === undefined ? true : hiInc,
        (t, k) => (hi === undefined && k[nk] === null ? false : accept(t)));
    } else if (nk === 0) {
      if (ssi) ssi.readRelation(table.oid);
      tree.scanAll(accept);
    } else {
      if (ssi) ssi.readKey(index, key);
      tree.scanEqual(key, accept);
    }
    if (!go) return false;
    if (collected) {
      // a bitmap scan reads the heap in its physical order (tuple ids grow with insertion)
      // (entries of one key are already in id order: the sort, which copies, only when needed)
      if (bitmap) { if (!idOrdered(collected)) collected.sort((a, b) => a.id - b.id); } else collected.reverse();
      for (const tup of collected) {
        f[slot] = tup.data;
        f[slot + 1] = tup;
        if (filter && filter(f, env) !== true) continue;
        if (emit(f) === false) return false;
      }
    }
    for (const c of children) {
      const mapCols = columnMap(table, c);
      if (ssi) ssi.readRelation(c.oid);
      for (const tup of c.heap.tuples) {
        const visible = isVisible(tup, view);
        if (ssi) ssi.examine(tup, visible);
        if (!visible) continue;
        f[slot] = mapCols(tup.data);
        f[slot + 1] = tup;
        if (childCond.some(cc => cc(f, env) !== true)) continue;
        if (filter && filter(f, env) !== true) continue;
        if (emit(f) === false) return false;
      }
    }
    return true;
  };
}

/** How many entries an equality scan takes from the tree at a time (a key's entries beyond it come in further batches). */
const BATCH = 64;

/**
 * What one run of an equality scan works with, kept by the compiled scan and reused by each
 * run (a run nested in another run of the same scan, through its emit, makes its own).
 */
class EqualityRun {
  busy = false;
  f: Frame = EMPTY;
  env: Env | null = null;
  emit: Emit | null = null;
  go = true;
  readonly key: unknown[];
  /**
   * Backward and bitmap scans: the visible entries, emitted once the tree walk is done: the
   * first nCollected (the list is kept at its size: emptied, it would be grown again per run).
   */
  readonly collected: Tuple[] | null;
  nCollected = 0;
  /** A batch of a key's entries (BTree.equalBatch), then the visible ones among them; nBatch slots used, cleared after the run. */
  readonly batch: Tuple[] = new Array(BATCH).fill(NO_TUPLE);
  nBatch = 0;
  /** The tree walk's callback, made once (a closure per run was most of a point query's garbage). */
  readonly accept: (tup: Tuple) => boolean | void;

  /**
   * A bitmap scan (heap order) probed by batches emits as it goes: one key's entries are in id
   * order in the tree, which is the heap's (ids grow with insertion), and so are later batches.
   */
  private readonly inIdOrder: boolean;

  constructor(nk: number, collect: boolean, private readonly slot: number, private readonly filter: Compiled | null, bitmap = false) {
    this.inIdOrder = bitmap;
    this.key = new Array(nk);
    this.collected = collect ? [] : null;
    this.accept = tup => {
      checkDeadline();
      const env = this.env!, view = env.view;
      const visible = isVisible(tup, view);
      if (view.ssi) view.ssi.examine(tup, visible);
      if (!visible) return;
      return this.take(tup);
    };
  }

  /** A visible entry: collected (unless `now`), or put in the frame and emitted through the filter; false stops the scan. */
  take(tup: Tuple, now = false): boolean | void {
    if (this.collected && !now) { this.collected[this.nCollected++] = tup; return; }
    const f = this.f, slot = this.slot, filter = this.filter;
    f[slot] = tup.data;
    f[slot + 1] = tup;
    if (filter && filter(f, this.env!) !== true) return;
    if (this.emit!(f) === false) { this.go = false; return false; }
  }

  /**
   * The key's entries in batches from the tree (one probe walks the tree once and calls
   * nothing per entry): the visibility of a batch's versions checked in one loop, whose loads
   * of the versions overlap, then the visible ones taken. Exact as the callback is: a version's
   * visibility to the statement's snapshot and command id does not change while it runs, and
   * a batch after one whose rows were emitted is found again by (key, id). False: the tree
   * cannot be probed so (scanEqual then); the scan's outcome is in `go`.
   */
  probe(tree: BTree): boolean {
    const batch = this.batch, view = this.env!.view, ssi = view.ssi;
    let after = -Infinity;
    for (;;) {
      const n = tree.equalBatch(this.key, after, batch);
      if (n < 0) return false;
      if (n > this.nBatch) this.nBatch = n;
      if (n === 0) return true;
      // (where the next batch starts, read only when one follows)
      if (n === BATCH) after = batch[n - 1].id;
      let m = 0;
      for (let i = 0; i < n; i++) {
        checkDeadline();
        const tup = batch[i], visible = isVisible(tup, view);
        if (ssi) ssi.examine(tup, visible);
        if (visible) batch[m++] = tup;
      }
      for (let i = 0; i < m; i++) if (this.take(batch[i], this.inIdOrder) === false) return true;
      if (n < BATCH) return true;
    }
  }
}

const EMPTY: Frame = [];
/** What a collected entry is reset to after a run (no tuple kept alive by the compiled plan). */
const NO_TUPLE = null as unknown as Tuple;

/** An index scan with only equality on leading columns (a primary or foreign key probe), no inheritance children. */
function compileEqualityScan(keys: Compiled[], filter: Compiled | null, slot: number, width: number, tree: BTree,
  index: Index, bitmap: boolean, backward: boolean): Producer {
  // (a bitmap scan's order is the heap's, whichever way the index was read)
  const nk = keys.length, collect = bitmap || backward, reverse = backward && !bitmap;
  const shared = new EqualityRun(nk, collect, slot, filter, bitmap);
  return (env: Env, emit) => {
    const r = shared.busy ? new EqualityRun(nk, collect, slot, filter, bitmap) : shared;
    // the frame may be the outer frame of a nested loop: our slots are filled in place
    const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
    r.busy = true;
    try {
      const key = r.key;
      for (let i = 0; i < nk; i++) { const v = keys[i](f, env); if (v === null) return true; key[i] = v; }
      r.f = f; r.env = env; r.emit = emit; r.go = true;
      const ssi = env.view.ssi;
      if (ssi) ssi.readKey(index, key);
      if (!r.probe(tree)) tree.scanEqual(key, r.accept);
      if (!r.go) return false;
      const collected = r.collected, nc = r.nCollected;
      if (collected && nc > 0) {
        // a bitmap scan reads the heap in its physical order (tuple ids grow with insertion)
        // (entries of one key are already in id order: the sort only when needed)
        let list = collected;
        if (bitmap && !idOrdered(collected, nc)) list = collected.slice(0, nc).sort((a, b) => a.id - b.id);
        for (let i = 0; i < nc; i++) {
          const tup = list[reverse ? nc - 1 - i : i];
          f[slot] = tup.data;
          f[slot + 1] = tup;
          if (filter && filter(f, env) !== true) continue;
          if (emit(f) === false) return false;
        }
      }
      return true;
    } finally {
      // nothing of the run kept alive by the compiled plan
      r.busy = false; r.f = EMPTY; r.env = null; r.emit = null;
      if (r.collected) { r.collected.fill(NO_TUPLE, 0, r.nCollected); r.nCollected = 0; }
      if (r.nBatch) { r.batch.fill(NO_TUPLE, 0, r.nBatch); r.nBatch = 0; }
      for (let i = 0; i < nk; i++) r.key[i] = undefined;
    }
  };
}
