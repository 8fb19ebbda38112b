// Nested-loop and hash joins (inner, left, right, full) over frames of range entries.
import { planFrom, pulledUp, type Plan } from '../planner/index.js';
import type { Expr, Query } from '../analyzer/query.js';
import { containsSrfCall } from '../analyzer/srf-walk.js';
import { compileWindowStage } from './window.js';
import type { Tuple } from '../storage/tuple.js';
import { compile } from './compile.js';
import { checkDeadline } from './deadline.js';
import { typeByOid } from '../types/registry.js';
import type { Compiled, Env, Frame } from './env.js';
import { compilePlan, hashFn, runSubquery, type Producer } from './query.js';

function nullSlots(f: Frame, entries: number[]): void {
  for (const e of entries) { f[2 * e] = null; f[2 * e + 1] = null; }
}

/**
 * A producer that runs `input` once, on its first call, and replays the inner entries' slots
 * of what it produced on every call (a nested loop's Materialize).
 */
function materialized(input: Producer, entries: number[], width: number): Producer {
  let rows: unknown[][] | null = null;
  return (env, emit) => {
    if (!rows) {
      const got: unknown[][] = [];
      input(env, inf => { got.push(entries.map(e => [inf[2 * e], inf[2 * e + 1]])); });
      rows = got;
    }
    const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
    for (const r of rows) {
      checkDeadline();
      for (let i = 0; i < entries.length; i++) { const e = entries[i], v = r[i] as unknown[]; f[2 * e] = v[0]; f[2 * e + 1] = v[1]; }
      if (emit(f) === false) return false;
    }
    return true;
  };
}

export function compileNestLoop(plan: Plan & { k: 'nestloop' }, width: number): Producer {
  const outer = compilePlan(plan.outer, width);
  const material = plan.inner.k === 'material';
  const innerInput = compilePlan(material ? (plan.inner as Plan & { k: 'material' }).input : plan.inner, width);
  const cond = plan.cond ? compile(plan.cond, runSubquery) : null;
  const type = plan.type;
  const innerEntries = plan.innerEntries, outerEntries = plan.outerEntries;
  return (env, emit) => {
    // a materialized inner is read once per run of the join
    const inner = material ? materialized(innerInput, innerEntries, width) : innerInput;
    const matchedInner = type === 'right' || type === 'full' ? new Set<unknown>() : null;
    let stopped = false;
    const ok = outer(env, of => {
      const f = of.slice();
      let matched = false;
      const saved = (env as any).__frame;
      (env as any).__frame = f;
      const go = inner(env, inf => {
        if (inf !== f) for (const e of innerEntries) { f[2 * e] = inf[2 * e]; f[2 * e + 1] = inf[2 * e + 1]; }
        if (cond && cond(f, env) !== true) return true;
        matched = true;
        if (matchedInner) matchedInner.add(innerKey(f, innerEntries));
        if (emit(f.slice()) === false) { stopped = true; return false; }
        return true;
      });
      (env as any).__frame = saved;
      if (!go || stopped) return false;
      if (!matched && (type === 'left' || type === 'full')) {
        nullSlots(f, innerEntries);
        if (emit(f) === false) { stopped = true; return false; }
      }
      return true;
    });
    if (!ok || stopped) return false;
    if (matchedInner) {
      const go = inner(env, inf => {
        if (matchedInner.has(innerKey(inf, innerEntries))) return true;
        const g = inf.slice();
        nullSlots(g, outerEntries);
        return emit(g);
      });
      if (go === false) return false;
    }
    return true;
  };
}

/** Identity of an inner row for outer-join bookkeeping: its tuples (or data arrays). */
function innerKey(f: Frame, entries: number[]): unknown {
  if (entries.length === 1) return f[2 * entries[0] + 1] ?? f[2 * entries[0]];
  return entries.map(e => (f[2 * e + 1] as Tuple | null)?.id ?? f[2 * e]).join(',');
}

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

const isIndex = (k: unknown): k is number => typeof k === 'number' && k >= 0 && k < 0x40000000 && Math.floor(k) === k;

/**
 * Small non-negative integer keys (serial and integer ids) index a typed array instead of a
 * Map (SameValueZero holds: 1 and 1.0 are one key): a fraction of a Map's cost, and compact
 * for the probes. It grows while the keys stay dense; a key too far beyond them goes to the
 * caller's Map, after which the array no longer grows — so a key is in the array exactly
 * when it is below the array's length.
 */
class IntKeys {
  /** Per key: 0 for none, else what the caller stored (row number + 1, or 1). */
  vals = new Int32Array(256);
  private seen = 0;
  private frozen = false;

  /** Makes room for key k (isIndex); false when it belongs in the Map instead. */
  room(k: number): boolean {
    this.seen++;
    if (k < this.vals.length) return true;
    if (this.frozen || k > 8 * this.seen + 65536) { this.frozen = true; return false; }
    let len = this.vals.length * 2;
    while (len <= k) len *= 2;
    const grown = new Int32Array(len);
    grown.set(this.vals);
    this.vals = grown;
    return true;
  }
}

export function compileHashJoin(plan: Plan & { k: 'hashjoin' }, width: number): Producer {
  const outer = compilePlan(plan.outer, width);
  const inner = compilePlan(plan.inner, width);
  const types = plan.innerKeys.map(k => k.type);
  const outerKey = exprKey(plan.outerKeys, types);
  const innerKey = exprKey(plan.innerKeys, types);
  const cond = plan.cond ? compile(plan.cond, runSubquery) : null;
  const type = plan.type;
  const innerEntries = plan.innerEntries, outerEntries = plan.outerEntries;
  const ni = innerEntries.length, stride = 2 * ni;
  // the inner rows' list made at the planner's estimate (bounded), not grown from empty: its
  // copies while growing were most of the join's allocation
  const expected = Math.max(0, Math.min(Math.ceil(plan.inner.est?.rows ?? 0), 1 << 16)) || 0;
  return (env, emit) => {
    // inner row r is the values and tuples of the inner entries' slots, in innerEntries
    // order, at slots[r * stride …] (one flat array: no array per row); a key's first row is
    // kept alone, only keys with several rows get a list (in `more`, after the first)
    const slots: unknown[] = expected ? new Array(expected * stride) : [];
    let nRows = 0;
    const table = new Map<unknown, number>();
    const ints = new IntKeys();
    const more = new Map<unknown, number[]>();
    const keepAll = type === 'right' || type === 'full';
    inner(env, f => {
      const k = innerKey(f, env);
      if (k === null && !keepAll) return;
      const r = nRows++;
      for (let i = 0, b = r * stride; i < ni; i++, b += 2) { const e = innerEntries[i]; slots[b] = f[2 * e]; slots[b + 1] = f[2 * e + 1]; }
      if (k === null) return;
      if (isIndex(k) && ints.room(k)) {
        if (ints.vals[k] === 0) { ints.vals[k] = r + 1; return; }
      } else if (!table.has(k)) { table.set(k, r); return; }
      const list = more.get(k);
      if (list) list.push(r); else more.set(k, [r]);
    });
    const put = (f: Frame, r: number) => {
      for (let i = 0, b = r * stride; i < ni; i++, b += 2) { const e = innerEntries[i]; f[2 * e] = slots[b]; f[2 * e + 1] = slots[b + 1]; }
    };
    const matched = keepAll ? new Uint8Array(nRows) : null;
    const ok = outer(env, of => {
      const k = outerKey(of, env);
      let first = -1;
      if (k !== null) {
        const vals = ints.vals;
        if (isIndex(k) && k < vals.length) first = vals[k] - 1;
        else { const x = table.get(k); if (x !== undefined) first = x; }
      }
      let any = false;
      if (first >= 0) {
        const rest = more.size ? more.get(k) : undefined;
        // the outer frame is filled in place: consumers copy what they keep
        for (let j = -1, n = rest ? rest.length : 0; j < n; j++) {
          const r = j < 0 ? first : rest![j];
          put(of, r);
          if (cond && cond(of, env) !== true) continue;
          any = true;
          if (matched) matched[r] = 1;
          if (emit(of) === false) return false;
        }
      }
      if (!any && (type === 'left' || type === 'full')) {
        nullSlots(of, innerEntries);
        if (emit(of) === false) return false;
      }
      return true;
    });
    if (!ok) return false;
    if (matched) {
      const f: Frame = new Array(width).fill(null);
      for (let r = 0; r < nRows; r++) {
        if (matched[r]) continue;
        put(f, r);
        nullSlots(f, outerEntries);
        if (emit(f) === false) return false;
      }
    }
    return true;
  };
}

/**
 * A hash semi or anti join (EXISTS / NOT EXISTS / IN turned into a join): the subquery runs
 * once, its key rows go into a hash set, and each outer row passes when its keys are in the
 * set (semi) or are not (anti; a NULL key matches nothing).
 */
export function compileSemiJoin(plan: Plan & { k: 'semijoin' }, width: number): Producer {
  const outer = compilePlan(plan.outer, width);
  const types = plan.outerKeys.map(k => k.type);
  const outerKey = exprKey(plan.outerKeys, types);
  const sub = plan.sub, anti = plan.anti;
  const build = keyBuilder(sub, types);
  return (env, emit) => {
    const set = new Set<unknown>();
    // small non-negative integer keys index a typed array instead (IntKeys)
    const ints = new IntKeys();
    build(env, k => { if (isIndex(k) && ints.room(k)) ints.vals[k] = 1; else set.add(k); });
    return outer(env, f => {
      const k = outerKey(f, env);
      if (k === null) return anti ? emit(f) : true;
      const vals = ints.vals;
      return (isIndex(k) && k < vals.length ? vals[k] === 1 : set.has(k)) !== anti ? emit(f) : true;
    });
  };
}

/**
 * Runs a semi join's subquery (uncorrelated; its targets are the keys) and hands over the
 * non-NULL key of each row. A plain subquery (what sublinks.ts makes: no grouping, sorting,
 * DISTINCT, LIMIT, set-returning or window functions) has its keys read straight off the
 * frames of its plan, as its projection would compute it, without its rows being made (one
 * key: with several, a NULL one would stop the others from being evaluated).
 */
function keyBuilder(sub: Query, types: number[]): (env: Env, add: (k: unknown) => void) => void {
  const q = pulledUp(sub);
  const exprs = q.targets.map(t => t.expr);
  const plain = !q.setOp && !q.ctes?.length && !q.grouped && !q.aggs.length && !q.groupingSets && !q.having
    && !q.rowMarks?.length && !q.lockRows && !q.limit && !q.offset && !q.distinct && !q.distinctOn
    && q.orderBy.length === 0 && exprs.length === 1 && types.length === 1 && !exprs.some(containsSrfCall) && !compileWindowStage(exprs, runSubquery);
  if (!plain) {
    // the subquery's rows are its key columns: read them as a frame of one entry
    const rowKey = compositeKey(types.map((_, i) => ((f: Frame) => (f[0] as unknown[])[i] ?? null) as Compiled), types);
    return (env, add) => {
      const g: Frame = [null, null];
      for (const r of runSubquery(sub, env)) {
        g[0] = r;
        const k = rowKey(g, env);
        if (k !== null) add(k);
      }
    };
  }
  const producer = compilePlan(planFrom(q), q.entries.length * 2);
  const key = exprKey(exprs, types);
  return (env, add) => {
    // as runSubquery: the subquery's scans start from a frame of their own
    const saved = (env as any).__frame;
    (env as any).__frame = undefined;
    try {
      producer(env, f => { const k = key(f, env); if (k !== null) add(k); });
    } finally { (env as any).__frame = saved; }
  };
}
