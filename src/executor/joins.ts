// Nested-loop and hash joins (inner, left, right, full) over frames of range entries.
import type { Plan } from '../planner/index.js';
import type { Tuple } from '../storage/tuple.js';
import { compile } from './compile.js';
import type { Compiled, Env, Frame } from './env.js';
import { compilePlan, hashFn, runSubquery, type Producer } from './query.js';

function nullSlots(f: Frame, entries: number[]): void {
  for (const e of entries) { f[2 * e] = null; f[2 * e + 1] = null; }
}

export function compileNestLoop(plan: Plan & { k: 'nestloop' }, width: number): Producer {
  const outer = compilePlan(plan.outer, width);
  const inner = compilePlan(plan.inner, width);
  const cond = plan.cond ? compile(plan.cond, runSubquery) : null;
  const type = plan.type;
  const innerEntries = plan.innerEntries, outerEntries = plan.outerEntries;
  return (env, emit) => {
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

export function compileHashJoin(plan: Plan & { k: 'hashjoin' }, width: number): Producer {
  const outer = compilePlan(plan.outer, width);
  const inner = compilePlan(plan.inner, width);
  const okeys = plan.outerKeys.map(k => compile(k, runSubquery));
  const ikeys = plan.innerKeys.map(k => compile(k, runSubquery));
  const hashes = plan.innerKeys.map((k, i) => hashFn(k.type === plan.outerKeys[i].type ? k.type : k.type));
  const cond = plan.cond ? compile(plan.cond, runSubquery) : null;
  const type = plan.type;
  const innerEntries = plan.innerEntries, outerEntries = plan.outerEntries;
  const keyOf = (f: Frame, env: Env, ks: Compiled[]): string | null => {
    let k = '';
    for (let i = 0; i < ks.length; i++) {
      const v = ks[i](f, env);
      if (v === null) return null;
      k += hashes[i](v) + '\u0001';
    }
    return k;
  };
  return (env, emit) => {
    const table = new Map<string, Frame[]>();
    const allInner: Frame[] = [];
    inner(env, f => {
      const copy = f.slice();
      allInner.push(copy);
      const k = keyOf(copy, env, ikeys);
      if (k === null) return;
      const list = table.get(k);
      if (list) list.push(copy); else table.set(k, [copy]);
    });
    const matched = type === 'right' || type === 'full' ? new Set<Frame>() : null;
    const ok = outer(env, of => {
      const k = keyOf(of, env, okeys);
      const list = k === null ? undefined : table.get(k);
      let any = false;
      if (list) {
        for (const inf of list) {
          const f = of.slice();
          for (const e of innerEntries) { f[2 * e] = inf[2 * e]; f[2 * e + 1] = inf[2 * e + 1]; }
          if (cond && cond(f, env) !== true) continue;
          any = true;
          matched?.add(inf);
          if (emit(f) === false) return false;
        }
      }
      if (!any && (type === 'left' || type === 'full')) {
        const f = of.slice();
        nullSlots(f, innerEntries);
        if (emit(f) === false) return false;
      }
      return true;
    });
    if (!ok) return false;
    if (matched) {
      for (const inf of allInner) {
        if (matched.has(inf)) continue;
        const f = inf.slice();
        nullSlots(f, outerEntries);
        if (emit(f) === false) return false;
      }
    }
    return true;
  };
}
