// The B-tree (storage/btree.ts) against a sorted list: random inserts, removes and bulk
// loads of one-column keys (stored packed, as the values themselves) and two-column keys,
// with NULLs and duplicates, then every kind of scan compared with the list's answer; one-column
// trees also with the numbers' natural order (compared inline, found by interpolation) and probed
// in batches (equalBatch, continued by id), the fence checked after every change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BTree } from '../../src/storage/btree.js';
import type { Tuple } from '../../src/storage/tuple.js';

// (by < and >, as types/base.ts's cmpNum: a difference is NaN for two equal infinities)
const cmpNum = (a: unknown, b: unknown) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);

/** A deterministic pseudo-random sequence (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let nextId = 1;
const tuple = (): Tuple => ({ data: [], xmin: 2, cmin: 0, xmax: 0, cmax: 0, id: nextId++, rel: 1 });

interface Model { key: unknown[]; t: Tuple }

function cmpKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i], y = b[i];
    if (x === null || y === null) { if (x === y) continue; return x === null ? 1 : -1; }
    const c = cmpNum(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

const sorted = (m: Model[]) => [...m].sort((a, b) => cmpKeys(a.key, b.key) || a.t.id - b.t.id);
const ids = (ts: Tuple[]) => ts.map(t => t.id);

function collect(run: (fn: (t: Tuple, k: unknown[]) => void) => void): { ts: Tuple[]; keys: unknown[][] } {
  const ts: Tuple[] = [], keys: unknown[][] = [];
  run((t, k) => { ts.push(t); keys.push(k); });
  return { ts, keys };
}

/** Every entry equal to v by equalBatch in batches of `size` (each continued after the last id it got); null when the tree cannot. */
function batched(tree: BTree, v: unknown, size: number): Tuple[] | null {
  const out: Tuple[] = new Array(size).fill(null), got: Tuple[] = [];
  let after = -Infinity;
  for (;;) {
    const n = tree.equalBatch([v], after, out);
    if (n < 0) return null;
    got.push(...out.slice(0, n));
    if (n < size) return got;
    after = out[n - 1].id;
  }
}

function check(tree: BTree, model: Model[], cols: number, r: () => number): void {
  const all = sorted(model);
  assert.equal(tree.size, model.length);
  assert.ok(tree.fenceHolds(), 'fence');
  const forward = collect(fn => tree.scanAll(fn));
  assert.deepEqual(ids(forward.ts), ids(all.map(m => m.t)));
  assert.deepEqual(forward.keys, all.map(m => m.key));
  const backward: Tuple[] = [];
  tree.scanAll(t => { backward.push(t); }, true);
  assert.deepEqual(ids(backward), ids(all.map(m => m.t)).reverse());
  for (let q = 0; q < 30; q++) {
    const v = r() < 0.1 ? null : Math.floor(r() * 60);
    const prefix = cols === 1 || r() < 0.5 ? [v] : [v, Math.floor(r() * 5)];
    const eq: Tuple[] = [];
    tree.scanEqual(prefix, t => { eq.push(t); });
    assert.deepEqual(ids(eq), ids(all.filter(m => cmpKeys(m.key, prefix) === 0).map(m => m.t)), `scanEqual ${JSON.stringify(prefix)}`);
    if (cols === 1 && v !== null) {
      for (const size of [1, 3, 64]) assert.deepEqual(ids(batched(tree, v, size) ?? []), ids(eq), `equalBatch ${v} by ${size}`);
      assert.deepEqual(ids(batched(tree, v + 0.5, 2) ?? []), [], 'equalBatch between keys');
    }
    const lo = Math.floor(r() * 60), hi = lo + Math.floor(r() * 20), loInc = r() < 0.5, hiInc = r() < 0.5;
    const inRange = (m: Model) => {
      const a = cmpKeys(m.key, [lo]), b = cmpKeys(m.key, [hi]);
      return (a > 0 || (a === 0 && loInc)) && (b < 0 || (b === 0 && hiInc));
    };
    const got: Tuple[] = [];
    tree.scanRange([lo], loInc, [hi], hiInc, t => { got.push(t); });
    assert.deepEqual(ids(got), ids(all.filter(inRange).map(m => m.t)), `scanRange ${lo}..${hi}`);
    const open: Tuple[] = [];
    tree.scanRange([lo], loInc, undefined, true, t => { open.push(t); });
    assert.deepEqual(ids(open), ids(all.filter(m => { const a = cmpKeys(m.key, [lo]); return a > 0 || (a === 0 && loInc); }).map(m => m.t)));
  }
  // a scan stops when its callback returns false
  let seen = 0;
  tree.scanAll(() => ++seen < 3);
  assert.equal(seen, Math.min(3, model.length));
}

for (const [cols, natural] of [[1, false], [1, true], [2, false]] as const) {
  test(`B-tree of ${cols}-column keys${natural ? ' in numbers\' order' : ''} matches a sorted list through inserts, removes and a bulk load`, () => {
    const r = rng(cols * 7919 + (natural ? 1 : 0));
    const key = () => Array.from({ length: cols }, () => (r() < 0.08 ? null : Math.floor(r() * (cols === 1 ? 60 : 20))));
    const tree = new BTree(Array.from({ length: cols }, () => cmpNum), natural);
    const model: Model[] = [];
    check(tree, model, cols, r);
    // ascending appends (serial keys: the rightmost split), then random keys and removes
    for (let i = 0; i < 700; i++) { const k = cols === 1 ? [i % 60] : [i % 20, 0]; const t = tuple(); tree.insert(k, t); model.push({ key: k, t }); }
    check(tree, model, cols, r);
    for (let i = 0; i < 3000; i++) {
      if (model.length && r() < 0.3) {
        const j = Math.floor(r() * model.length);
        assert.equal(tree.remove(model[j].key, model[j].t), true);
        model.splice(j, 1);
      } else {
        const k = key(), t = tuple();
        tree.insert(k, t);
        model.push({ key: k, t });
      }
    }
    check(tree, model, cols, r);
    assert.equal(tree.remove(key(), tuple()), false);
    const loaded = new BTree(Array.from({ length: cols }, () => cmpNum), natural);
    loaded.load(model.map(m => m.key), model.map(m => m.t));
    check(loaded, model, cols, r);
    for (let i = 0; i < 300; i++) { const k = key(), t = tuple(); loaded.insert(k, t); model.push({ key: k, t }); }
    check(loaded, model, cols, r);
    loaded.clear();
    check(loaded, [], cols, r);
  });
}

test('B-tree: a key with an INCLUDE column beside its one key column is kept whole', () => {
  const tree = new BTree([cmpNum]);
  const a = tuple(), b = tuple();
  tree.insert([2, 'x'], a);
  tree.insert([1, 'y'], b);
  const got = collect(fn => tree.scanAll(fn));
  assert.deepEqual(got.keys, [[1, 'y'], [2, 'x']]);
  assert.deepEqual(ids(got.ts), [b.id, a.id]);
});

for (const natural of [false, true]) test(`B-tree: appends past the last entry and probes of the last key (a load in key order) match a sorted list${natural ? ' (numbers\' order)' : ''}`, () => {
  const tree = new BTree([cmpNum], natural);
  const model: Model[] = [];
  const probe = (v: number) => {
    const got: Tuple[] = [];
    tree.scanEqual([v], t => { got.push(t); });
    assert.deepEqual(ids(got), ids(sorted(model).filter(m => m.key[0] === v).map(m => m.t)), `scanEqual [${v}]`);
    assert.deepEqual(ids(batched(tree, v, 4) ?? []), ids(got), `equalBatch [${v}]`);
  };
  const add = (v: number | null) => { const t = tuple(); tree.insert([v], t); model.push({ key: [v], t }); };
  // ascending keys, each repeated a few times (a parent and its children's versions), probed as they are added
  for (let v = 0; v < 400; v++) {
    probe(v);
    for (let j = 0; j < 1 + (v % 4); j++) { add(v); probe(v); }
    probe(v + 1);
  }
  // one key filling more than a leaf at the end: its entries start in an earlier leaf
  for (let j = 0; j < 600; j++) add(400);
  probe(400); probe(399); probe(401);
  // an entry below the last key, and a NULL (sorted last) ending the tree
  add(5); probe(5); add(null); probe(400); probe(401);
  check(tree, model, 1, rng(17));
});

test('B-tree in numbers\' order: keys spread evenly, unevenly and in clusters are found by the interpolating search', () => {
  const r = rng(4242);
  for (const spread of [(i: number) => i, (i: number) => i * i, (i: number) => Math.floor(i / 50) * 1000 + (i % 50), (i: number) => (i < 900 ? i : 1e9 + i),
    // ±Infinity (date and timestamp infinity) at the ends
    (i: number) => (i === 0 ? -Infinity : i === 1199 ? Infinity : i < 10 ? -1e300 + i : i)]) {
    const tree = new BTree([cmpNum], true), model: Model[] = [];
    const vals = Array.from({ length: 1200 }, (_, i) => spread(i));
    // in random order (middle splits), some twice, then NULLs at the end
    for (const v of [...vals, ...vals.slice(0, 300)].sort(() => r() - 0.5)) { const t = tuple(); tree.insert([v], t); model.push({ key: [v], t }); }
    for (let i = 0; i < 5; i++) { const t = tuple(); tree.insert([null], t); model.push({ key: [null], t }); }
    assert.ok(tree.fenceHolds());
    const all = sorted(model);
    for (const v of [...vals, -1, 0.5, 1e12, -Infinity, Infinity, ...vals.map(v => v + 0.25)]) {
      const want = ids(all.filter(m => m.key[0] === v).map(m => m.t));
      const got: Tuple[] = [];
      tree.scanEqual([v], t => { got.push(t); });
      assert.deepEqual(ids(got), want, `scanEqual ${v}`);
      assert.deepEqual(ids(batched(tree, v, 2) ?? []), want, `equalBatch ${v}`);
    }
  }
});
