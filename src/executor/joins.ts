// Nested-loop and hash joins (inner, left, right, full) over frames of range entries.
import type { Plan } from '../planner/index.js';
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

const isIndex = (k: unknown): k is number => typeof k === 'number' && k >= 0 && k < 0x40000000 && Math.floor(k) === k;

export function compileHashJoin(plan: Plan & { k: 'hashjoin' }, width: number): Producer {
  const outer = compilePlan(plan.outer, width);
  const inner = compilePlan(plan.inner, width);
  const types = plan.innerKeys.map(k => k.type);
  const outerKey = compositeKey(plan.outerKeys.map(k => compile(k, runSubquery)), types);
  const innerKey = compositeKey(plan.innerKeys.map(k => compile(k, runSubquery)), types);
  const cond = plan.cond ? compile(plan.cond, runSubquery) : null;
  const type = plan.type;
  const innerEntries = plan.innerEntries, outerEntries = plan.outerEntries;
  const ni = innerEntries.length;
  // an inner row: the values and tuples of the inner entries' slots, in innerEntries order
  const put = (f: Frame, r: unknown[]) => { for (let i = 0; i < ni; i++) { const e = innerEntries[i]; f[2 * e] = r[2 * i]; f[2 * e + 1] = r[2 * i + 1]; } };
  return (env, emit) => {
    // a key's first inner row is kept alone; only keys with several rows get a list (in `more`,
    // after the first): most joined keys are unique, and a list per row was most of the build
    const table = new Map<unknown, unknown[]>();
    // keys that are small non-negative integers (serial and integer ids) index an array: a
    // quarter of the cost of a Map (SameValueZero equality holds: 1 and 1.0 are one key)
    const byIndex: unknown[][] = [];
    const more = new Map<unknown, unknown[][]>();
    const allInner: unknown[][] = [];
    const keepAll = type === 'right' || type === 'full';
    inner(env, f => {
      const k = innerKey(f, env);
      if (k === null && !keepAll) return;
      const r = new Array(2 * ni);
      for (let i = 0; i < ni; i++) { const e = innerEntries[i]; r[2 * i] = f[2 * e]; r[2 * i + 1] = f[2 * e + 1]; }
      if (keepAll) allInner.push(r);
      if (k === null) return;
      if (isIndex(k)) {
        if (byIndex[k] === undefined) { byIndex[k] = r; return; }
      } else if (!table.has(k)) { table.set(k, r); return; }
      const list = more.get(k);
      if (list) list.push(r); else more.set(k, [r]);
    });
    const matched = keepAll ? new Set<unknown[]>() : null;
    const ok = outer(env, of => {
      const k = outerKey(of, env);
      const first = k === null ? undefined : isIndex(k) ? byIndex[k] : table.get(k);
      let any = false;
      if (first) {
        const rest = more.size ? more.get(k) : undefined;
        // the outer frame is filled in place: consumers copy what they keep
        for (let j = -1, n = rest ? rest.length : 0; j < n; j++) {
          const r = j < 0 ? first : rest![j];
          put(of, r);
          if (cond && cond(of, env) !== true) continue;
          any = true;
          matched?.add(r);
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
      for (const r of allInner) {
        if (matched.has(r)) continue;
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
  const outerKey = compositeKey(plan.outerKeys.map(k => compile(k, runSubquery)), types);
  // the subquery's rows are its key columns: read them as a frame of one entry
  const rowKey = compositeKey(types.map((_, i) => ((f: Frame) => (f[0] as unknown[])[i] ?? null) as Compiled), types);
  const sub = plan.sub, anti = plan.anti;
  return (env, emit) => {
    const set = new Set<unknown>();
    // small non-negative integer keys index an array instead (as in compileHashJoin)
    const byIndex: boolean[] = [];
    const g: Frame = [null, null];
    for (const r of runSubquery(sub, env)) {
      g[0] = r;
      const k = rowKey(g, env);
      if (k === null) continue;
      if (isIndex(k)) byIndex[k] = true; else set.add(k);
    }
    return outer(env, f => {
      const k = outerKey(f, env);
      if (k === null) return anti ? emit(f) : true;
      return (isIndex(k) ? byIndex[k] === true : set.has(k)) !== anti ? emit(f) : true;
    });
  };
}
