// Hash keys of join and semi-join tables: a value's key for a Map (the value itself when
// primitive), several columns' keys as one string, and IntKeys, the typed array that holds
// small non-negative integer keys instead of a Map.
import type { Expr } from '../analyzer/query.js';
import { typeByOid } from '../types/registry.js';
import { compile } from './compile.js';
import type { Compiled, Env, Frame } from './env.js';
import { hashFn, runSubquery } from './query.js';

/**
 * A function giving a hash-table key for a type's values: the value itself when it is a
 * primitive (Map compares those by value), the type's hash key otherwise.
 */
export function keyFn(type: number): (v: unknown) => unknown {
  const t = typeByOid(type);
  const hk = t?.hashKey?.bind(t);
  if (hk) return hk;
  const h = hashFn(type);
  return v => (typeof v === 'object' ? h(v) : v);
}

/** Keys of several columns as one string; of one column, its own key (null: a NULL key, which matches nothing). */
export function compositeKey(fns: Compiled[], types: number[]): (f: Frame, env: Env) => unknown {
  const n = fns.length;
  if (n === 1) {
    const fn = fns[0], k = keyFn(types[0]);
    return (f, env) => { const v = fn(f, env); return v === null ? null : k(v); };
  }
  const hashes = types.map(t => hashFn(t));
  return (f, env) => {
    let key = '';
    for (let i = 0; i < n; i++) {
      const v = fns[i](f, env);
      if (v === null) return null;
      key += hashes[i](v) + '\u0001';
    }
    return key;
  };
}

/**
 * compositeKey of expressions; one column of a range entry (the usual join key) is read
 * straight from the frame, without a call of its compiled read.
 */
export function exprKey(exprs: Expr[], types: number[]): (f: Frame, env: Env) => unknown {
  const e = exprs.length === 1 ? exprs[0] : null;
  if (e?.k === 'var' && e.levelsUp === 0 && !typeByOid(types[0])?.hashKey) {
    const slot = 2 * e.entry, att = e.att, h = hashFn(types[0]);
    return f => {
      const d = f[slot] as unknown[] | null;
      if (!d) return null;
      const v = d[att];
      return v === undefined || v === null ? null : typeof v === 'object' ? h(v) : v;
    };
  }
  return compositeKey(exprs.map(x => compile(x, runSubquery)), types);
}

export const isIndex = (k: unknown): k is number => typeof k === 'number' && k >= 0 && k < 0x40000000 && Math.floor(k) === k;

/**
 * Small non-negative integer keys (serial and integer ids) index a typed array instead of a
 * Map (SameValueZero holds: 1 and 1.0 are one key): a fraction of a Map's cost, and compact
 * for the probes. It grows while the keys stay dense; a key too far beyond them goes to the
 * caller's Map, after which the array no longer grows — so a key is in the array exactly
 * when it is below the array's length.
 */
const NO_INTS = new Int32Array(0);

export class IntKeys {
  /** Per key: 0 for none, else what the caller stored (row number + 1, or 1). Made at the first key. */
  vals: Int32Array = NO_INTS;
  private seen = 0;
  private frozen = false;
  /** The array's first length: for about as many keys as expected (a power of two, bounded). */
  private readonly initial: number;

  /** expected: how many keys the planner expects (0: unknown); zeroed: an all-zero array to start with (IntsSpare). */
  constructor(expected = 0, zeroed: Int32Array | null = null) {
    let len = 256;
    while (len < expected && len < 1 << 16) len *= 2;
    this.initial = len;
    if (zeroed) this.vals = zeroed;
  }

  /** Makes room for key k (isIndex); false when it belongs in the Map instead. */
  room(k: number): boolean {
    this.seen++;
    return k < this.vals.length || this.grow(k);
  }

  private grow(k: number): boolean {
    if (this.frozen || k > 8 * this.seen + 65536) { this.frozen = true; return false; }
    let len = Math.max(this.vals.length * 2, this.initial);
    while (len <= k) len *= 2;
    const grown = new Int32Array(len);
    grown.set(this.vals);
    this.vals = grown;
    return true;
  }
}

/**
 * The array of a compiled join's IntKeys kept between its runs, zeroed: made anew, an array of
 * tens of thousands of keys is allocated in fresh pages (page faults) and freed by each run.
 * A run takes it (a run nested in another finds none and makes its own) and gives its own back.
 */
export class IntsSpare {
  private a: Int32Array | null = null;
  take(): Int32Array | null { const a = this.a; this.a = null; return a; }
  give(keys: IntKeys): void {
    const v = keys.vals;
    if (v.length > 0 && v.length <= 1 << 16) { v.fill(0); this.a = v; }
  }
}

/**
 * The column a one-expression key reads of range entry `entry` when it is a plain column of
 * it whose key is the value itself or hashFn's string (as exprKey reads it); -1 otherwise.
 */
export function varKeyAtt(exprs: Expr[], types: number[], entry: number): number {
  const e = exprs.length === 1 ? exprs[0] : null;
  return e?.k === 'var' && e.levelsUp === 0 && e.entry === entry && !typeByOid(types[0])?.hashKey ? e.att : -1;
}

/** A column value's key as exprKey's var reading makes it (h: hashFn of its type). */
export function varKey(v: unknown, h: (v: unknown) => string): unknown {
  return v === undefined || v === null ? null : typeof v === 'object' ? h(v) : v;
}

/** A set of non-NULL keys (a semi join's): small integers in IntKeys, the others in a Set. */
export class KeySet {
  readonly ints: IntKeys;
  readonly set = new Set<unknown>();

  constructor(expected = 0, zeroed: Int32Array | null = null) { this.ints = new IntKeys(expected, zeroed); }

  add(k: unknown): void {
    if (isIndex(k) && this.ints.room(k)) this.ints.vals[k] = 1;
    else this.set.add(k);
  }

  has(k: unknown): boolean {
    const vals = this.ints.vals;
    return isIndex(k) && k < vals.length ? vals[k] === 1 : this.set.has(k);
  }
}

/**
 * A hash join's table: row numbers by key (not null). A key's first row is kept alone (in
 * IntKeys or `map`), only keys with several rows get a list (in `more`, after the first).
 */
export class RowTable {
  readonly ints: IntKeys;
  readonly map = new Map<unknown, number>();
  readonly more = new Map<unknown, number[]>();

  constructor(expected = 0, zeroed: Int32Array | null = null) { this.ints = new IntKeys(expected, zeroed); }

  add(k: unknown, r: number): void {
    if (isIndex(k) && this.ints.room(k)) {
      const vals = this.ints.vals;
      if (vals[k] === 0) { vals[k] = r + 1; return; }
    } else if (!this.map.has(k)) { this.map.set(k, r); return; }
    const list = this.more.get(k);
    if (list) list.push(r); else this.more.set(k, [r]);
  }

  /** The rows of key k after its first (undefined: none). */
  rest(k: unknown): number[] | undefined {
    return this.more.size ? this.more.get(k) : undefined;
  }
}
