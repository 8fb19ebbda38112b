// Nested-loop joins (inner, left, right, full) over frames of range entries; hash joins in
// hash-join.ts, semi and anti joins in semi-join.ts.
import type { Plan } from '../planner/index.js';
import type { Tuple } from '../storage/tuple.js';
import { compile } from './compile.js';
import { checkDeadline } from './deadline.js';
import type { Frame } from './env.js';
import { compilePlan, runSubquery, type Producer } from './query.js';

// hash joins and semi joins have files of their own
export { compileHashJoin } from './hash-join.js';
export { compileSemiJoin } from './semi-join.js';

function nullSlots(f: Frame, entries: number[]): void {
  for (const e of entries) { f[2 * e] = null; f[2 * e + 1] = null; }
}

/**
 * A producer that runs `input` once, on its first call, and replays the inner entries' slots
 * of what it produced on every call (a nested loop's Materialize).
 */
function materialized(input: Producer, entries: number[], width: number): Producer {
  // row r: the entries' values and tuples at slots[2 * r * entries.length …] (one flat list,
  // no arrays per row)
  let slots: unknown[] | null = null, nRows = 0;
  const ne = entries.length;
  return (env, emit) => {
    if (!slots) {
      const got: unknown[] = [];
      nRows = 0;
      input(env, inf => { nRows++; for (let i = 0; i < ne; i++) { const e = entries[i]; got.push(inf[2 * e], inf[2 * e + 1]); } });
      slots = got;
    }
    const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
    for (let r = 0, b = 0; r < nRows; r++, b += 2 * ne) {
      checkDeadline();
      for (let i = 0; i < ne; i++) { const e = entries[i]; f[2 * e] = slots[b + 2 * i]; f[2 * e + 1] = slots[b + 2 * i + 1]; }
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

