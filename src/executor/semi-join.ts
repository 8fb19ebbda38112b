// Hash semi and anti joins (EXISTS / NOT EXISTS / IN turned into a join). A sequential scan
// as the outer side, or as the plain subquery's one scan, runs inline here (seq-scan.ts's
// SeqCursor): no closure call per row, a key that is a column read straight off the row.
import type { Query } from '../analyzer/query.js';
import { containsSrfCall } from '../analyzer/srf-walk.js';
import { planFrom, pulledUp, type Plan } from '../planner/index.js';
import type { Compiled, Env, Frame } from './env.js';
import { compositeKey, exprKey, IntsSpare, isIndex, KeySet, varKeyAtt } from './hash-keys.js';
import { compilePlan, hashFn, runSubquery, type Producer } from './query.js';
import { inlineScan, scanFrame, SeqCursor, type InlineScan } from './seq-scan.js';
import { compileWindowStage } from './window.js';

/**
 * The subquery runs once, its non-NULL keys go into a KeySet, and each outer row passes when
 * its keys are in the set (semi) or are not (anti; a NULL key matches nothing).
 */
export function compileSemiJoin(plan: Plan & { k: 'semijoin' }, width: number): Producer {
  const types = plan.outerKeys.map(k => k.type);
  const anti = plan.anti;
  // (the outer side compiled first, as before: of two unsupported features, its is reported)
  const scan = inlineScan(plan.outer);
  const outer = scan ? null : compilePlan(plan.outer, width);
  const outerKey = exprKey(plan.outerKeys, types);
  const build = keyBuilder(plan.sub, types);
  // the subquery's rows as the planner expects them (bounded)
  const expected = Math.min(Math.ceil(plan.subPlan.est?.rows ?? 0), 1 << 16) || 0;
  const att = scan ? varKeyAtt(plan.outerKeys, types, (plan.outer as { entry: number }).entry) : -1;
  const h = hashFn(types[0]);
  const ints = new IntsSpare();
  return (env, emit) => {
    const keys = new KeySet(expected, ints.take());
    try {
      return run(env, emit, keys);
    } finally { ints.give(keys.ints); }
  };

  function run(env: Env, emit: (f: Frame) => boolean | void, keys: KeySet): boolean {
    build(env, keys);
    if (!scan) {
      return outer!(env, f => {
        const k = outerKey(f, env);
        return (k !== null && keys.has(k)) !== anti ? emit(f) : true;
      });
    }
    const cur = new SeqCursor(scan.table, scan.inh, env.view, att, types[0], h);
    const f = scanFrame(env, width);
    const filter = scan.filter, slot = scan.slot, datas = cur.datas, tups = cur.tups, bkeys = cur.keys;
    const vals = keys.ints.vals, set = keys.set;
    for (let m = cur.fill(); m > 0; m = cur.fill()) {
      for (let j = 0; j < m; j++) {
        f[slot] = datas[j]; f[slot + 1] = tups[j];
        if (filter && filter(f, env) !== true) continue;
        const k = att >= 0 ? bkeys[j] : outerKey(f, env);
        // keys.has(k), inline
        const hit = k !== null && (isIndex(k) && k < vals.length ? vals[k] === 1 : set.has(k));
        if (hit !== anti && emit(f) === false) return false;
      }
    }
    return true;
  }
}

/**
 * Runs a semi join's subquery (uncorrelated; its targets are the keys) and adds the non-NULL
 * key of each row. A plain subquery (what sublinks.ts makes: no grouping, sorting, DISTINCT,
 * LIMIT, set-returning or window functions) has its keys read straight off the frames of its
 * plan, as its projection would compute it, without its rows being made (one key: with
 * several, a NULL one would stop the others from being evaluated); when that plan is a
 * sequential scan, off its rows.
 */
function keyBuilder(sub: Query, types: number[]): (env: Env, keys: KeySet) => void {
  const q = pulledUp(sub);
  const exprs = q.targets.map(t => t.expr);
  const plain = !q.setOp && !q.ctes?.length && !q.grouped && !q.aggs.length && !q.groupingSets && !q.having
    && !q.rowMarks?.length && !q.lockRows && !q.limit && !q.offset && !q.distinct && !q.distinctOn
    && q.orderBy.length === 0 && exprs.length === 1 && types.length === 1 && !exprs.some(containsSrfCall) && !compileWindowStage(exprs, runSubquery);
  if (!plain) {
    // the subquery's rows are its key columns: read them as a frame of one entry
    const rowKey = compositeKey(types.map((_, i) => ((f: Frame) => (f[0] as unknown[])[i] ?? null) as Compiled), types);
    return (env, keys) => {
      const g: Frame = [null, null];
      for (const r of runSubquery(sub, env)) {
        g[0] = r;
        const k = rowKey(g, env);
        if (k !== null) keys.add(k);
      }
    };
  }
  const plan = planFrom(q), width = q.entries.length * 2;
  const key = exprKey(exprs, types);
  const scan = inlineScan(plan);
  const producer = scan ? null : compilePlan(plan, width);
  const att = scan ? varKeyAtt(exprs, types, (plan as { entry: number }).entry) : -1;
  const h = hashFn(types[0]);
  return (env, keys) => {
    // as runSubquery: the subquery's scans start from a frame of their own
    const saved = (env as any).__frame;
    (env as any).__frame = undefined;
    try {
      if (scan) scanKeys(scan, att, types[0], h, key, width, env, keys);
      else producer!(env, f => { const k = key(f, env); if (k !== null) keys.add(k); });
    } finally { (env as any).__frame = saved; }
  };
}

/** Adds the keys of a sequential scan's rows (past its filter), the scan run inline. */
function scanKeys(scan: InlineScan, att: number, type: number, h: (v: unknown) => string, key: Compiled, width: number, env: Env, keys: KeySet): void {
  const cur = new SeqCursor(scan.table, scan.inh, env.view, att, type, h);
  const filter = scan.filter, slot = scan.slot, datas = cur.datas, tups = cur.tups, bkeys = cur.keys;
  const f: Frame | null = filter || att < 0 ? new Array(width).fill(null) : null;
  for (let m = cur.fill(); m > 0; m = cur.fill()) {
    if (!f) {
      for (let j = 0; j < m; j++) { const k = bkeys[j]; if (k !== null) keys.add(k); }
      continue;
    }
    for (let j = 0; j < m; j++) {
      f[slot] = datas[j]; f[slot + 1] = tups[j];
      if (filter && filter(f, env) !== true) continue;
      const k = att >= 0 ? bkeys[j] : key(f, env);
      if (k !== null) keys.add(k);
    }
  }
}
