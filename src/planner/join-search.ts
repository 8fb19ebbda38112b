// The join search: every order of up to 10 FROM items by dynamic programming (the FROM order
// beyond), each join a hash join, a nested loop over an index scan keyed by the outer row, or
// a nested loop over the inner kept in memory (Materialize), the cheapest by the cost model.
import type { Expr, FromNode } from '../analyzer/query.js';
import { bucketFraction, CPU_OPERATOR_COST, CPU_TUPLE_COST, DISABLE_COST, hashBuckets, hashJoinCost, materialCost, qualCost } from './cost.js';
import { andOf, entriesOf, splitAnd, type Est, type JoinType, type Plan } from './plan.js';
import { widthOf, type PlanContext } from './rel-info.js';
import { bestScan } from './scan-paths.js';
import { paramAppend } from './append.js';
import { clauseListSelectivity, distinctOf, stripRelabel } from './selectivity.js';
import { clampRows } from './stats.js';

/** A FROM item of a join search: a range entry or an outer join planned as a whole. */
export interface Unit {
  node: FromNode;
  entries: Set<number>;
  /** Entries the unit reads from others (LATERAL): it must come after them, inside a nested loop. */
  deps: Set<number>;
  plan: Plan | null;
}

/** Does a condition read only `entries` (and at least one of them)? */
export const isWithin = (c: Expr, entries: Set<number>): boolean => {
  const es = entriesOf(c);
  if (es.size === 0) return false;
  for (const e of es) if (!entries.has(e)) return false;
  return true;
};


export const cheapest = (plans: Plan[]): Plan => plans.reduce((a, b) => (b.est!.total < a.est!.total ? b : a));

// ---- join search ------------------------------------------------------------------

export interface Side { plan: Plan; entries: Set<number>; node?: FromNode }

/** Dynamic programming over sets of units (up to 10; beyond that, the FROM order). */
export function joinSearch(cx: PlanContext, units: Unit[], conds: Expr[]): Plan {
  if (units.length === 1) {
    const p = units[0].plan!;
    return conds.length ? withFilter(cx, p, conds) : p;
  }
  const n = units.length;
  const hasLateral = units.some(u => u.deps.size > 0);
  if (n > 10) return leftDeep(cx, units, conds);
  const full = (1 << n) - 1;
  const best = new Map<number, { plan: Plan; entries: Set<number> }>();
  const entriesOfMask = (m: number): Set<number> => {
    const s = new Set<number>();
    for (let i = 0; i < n; i++) if (m & (1 << i)) for (const e of units[i].entries) s.add(e);
    return s;
  };
  for (let i = 0; i < n; i++) if (!units[i].deps.size) best.set(1 << i, { plan: units[i].plan!, entries: units[i].entries });
  const rowsMemo = new Map<number, number>();
  const connected = (a: Set<number>, b: Set<number>) => conds.some(c => {
    const es = entriesOf(c);
    let inA = false, inB = false;
    for (const e of es) { if (a.has(e)) inA = true; else if (b.has(e)) inB = true; else return false; }
    return inA && inB;
  });
  for (let size = 2; size <= n; size++) {
    for (let mask = 1; mask <= full; mask++) {
      if (popcount(mask) !== size) continue;
      const entries = entriesOfMask(mask);
      const cands: Plan[] = [];
      const pairs: [number, number][] = [];
      for (let i = n - 1; i >= 0; i--) {
        const bit = 1 << i;
        if (!(mask & bit)) continue;
        const rest = mask & ~bit;
        const r = best.get(rest);
        if (!r) continue;
        const u = units[i];
        if ([...u.deps].some(d => !r.entries.has(d))) continue;
        pairs.push([rest, i]);
      }
      // prefer joins along conditions; cartesian products only when nothing connects
      const linked = pairs.filter(([rest, i]) => connected(best.get(rest)!.entries, units[i].entries) || units[i].deps.size > 0);
      for (const [rest, i] of linked.length ? linked : pairs) {
        const r = best.get(rest)!;
        const u = units[i];
        const jc = conds.filter(c => isWithin(c, entries) && !isWithin(c, r.entries) && !isWithin(c, u.entries));
        let rows = rowsMemo.get(mask);
        if (rows === undefined) {
          rows = clampRows(r.plan.est!.rows * u.plan!.est!.rows * clauseListSelectivity(jc, cx.sel));
          rowsMemo.set(mask, rows);
        }
        const pending = conds.filter(c => !isWithin(c, entries) && [...entriesOf(c)].some(e => entries.has(e)));
        const width = widthOf(cx, entries, pending);
        const uSide: Side = { plan: u.plan!, entries: u.entries, node: u.node };
        const rSide: Side = { plan: r.plan, entries: r.entries };
        cands.push(...joinMethods(cx, 'inner', rSide, uSide, jc, rows, width, false, u.deps.size > 0));
        if (!u.deps.size && !hasLateralIn(units, rest)) cands.push(...joinMethods(cx, 'inner', uSide, rSide, jc, rows, width));
      }
      if (cands.length) best.set(mask, { plan: cheapest(cands), entries });
    }
  }
  const top = best.get(full);
  if (!top || hasLateral && !top) return leftDeep(cx, units, conds);
  const leftover = conds.filter(c => !isWithin(c, top.entries));
  return leftover.length ? withFilter(cx, top.plan, leftover) : top.plan;
}

function hasLateralIn(units: Unit[], mask: number): boolean {
  for (let i = 0; i < units.length; i++) if (mask & (1 << i) && units[i].deps.size) return true;
  return false;
}

function popcount(m: number): number {
  let c = 0;
  while (m) { m &= m - 1; c++; }
  return c;
}

/** Many FROM items: joined in the order written. */
function leftDeep(cx: PlanContext, units: Unit[], conds: Expr[]): Plan {
  let cur: Side = { plan: units[0].plan!, entries: new Set(units[0].entries) };
  let left = [...conds];
  for (let i = 1; i < units.length; i++) {
    const u = units[i];
    const entries = new Set([...cur.entries, ...u.entries]);
    const jc = left.filter(c => isWithin(c, entries));
    left = left.filter(c => !jc.includes(c));
    const rows = clampRows(cur.plan.est!.rows * u.plan!.est!.rows * clauseListSelectivity(jc, cx.sel));
    const width = widthOf(cx, entries, left);
    cur = { plan: cheapest(joinMethods(cx, 'inner', cur, { plan: u.plan!, entries: u.entries, node: u.node }, jc, rows, width, false, u.deps.size > 0)), entries };
  }
  return left.length ? withFilter(cx, cur.plan, left) : cur.plan;
}

export function withFilter(cx: PlanContext, p: Plan, conds: Expr[]): Plan {
  const q = qualCost(conds);
  const e = p.est!;
  return { k: 'filter', input: p, cond: andOf(conds)!, est: { ...e, total: e.total + q.perTuple * e.rows, rows: clampRows(e.rows * clauseListSelectivity(conds, cx.sel)) } };
}

/** Hashable equalities between the two sides: [outer key, inner key, condition]. */
function hashClauses(conds: Expr[], outer: Set<number>, inner: Set<number>): { outerKeys: Expr[]; innerKeys: Expr[]; used: Expr[] } {
  const outerKeys: Expr[] = [], innerKeys: Expr[] = [], used: Expr[] = [];
  const within = (s: Set<number>, x: Set<number>) => x.size > 0 && [...x].every(e => s.has(e));
  for (const c of conds) {
    if (c.k !== 'op' || c.op.name !== '=' || c.op.user || c.args.length !== 2 || c.op.left !== c.op.right) continue;
    const a = entriesOf(c.args[0]), b = entriesOf(c.args[1]);
    if (within(outer, a) && within(inner, b)) { outerKeys.push(c.args[0]); innerKeys.push(c.args[1]); used.push(c); }
    else if (within(inner, a) && within(outer, b)) { outerKeys.push(c.args[1]); innerKeys.push(c.args[0]); used.push(c); }
  }
  return { outerKeys, innerKeys, used };
}

/**
 * The ways to join `outer` to `inner` with conditions `conds`: a hash join, a nested loop
 * over an index scan keyed by the outer row, a nested loop over the (materialized) inner.
 */
export function joinMethods(cx: PlanContext, type: JoinType, outer: Side, inner: Side, conds: Expr[], rows: number, width: number,
  swapped = false, lateral = false): Plan[] {
  const s = cx.settings;
  const out: Plan[] = [];
  const o = outer.plan.est!, i = inner.plan.est!;
  const innerEntries = [...inner.entries], outerEntries = [...outer.entries];
  const execType: JoinType = swapped ? 'right' : type;
  // hash join
  const hc = hashClauses(conds, outer.entries, inner.entries);
  if (hc.used.length && !lateral) {
    const other = conds.filter(c => !hc.used.includes(c));
    const e = hashJoinCost({ outer: o, inner: i, nClauses: hc.used.length, other, bucketFrac: bucketFracOf(cx, hc.innerKeys, i),
      hashTuples: clampRows(o.rows * i.rows * clauseListSelectivity(hc.used, cx.sel)), rows, width });
    if (!s.hashjoin) { e.startup += DISABLE_COST; e.total += DISABLE_COST; }
    out.push({ k: 'hashjoin', type: execType, outer: outer.plan, inner: inner.plan, outerKeys: hc.outerKeys, innerKeys: hc.innerKeys,
      cond: andOf(other), innerEntries, outerEntries, est: e,
      hashEst: { startup: i.total, total: i.total, rows: i.rows, width: i.width } });
  }
  if (type === 'full' || swapped) return out.length ? out : [nestLoop(cx, execType, outer, inner, conds, rows, width, inner.plan, lateral)];
  // a LATERAL scan runs once per outer row anyway: an inner join's conditions filter it there
  // (the clauses of PostgreSQL's parameterized path)
  const lp = inner.plan;
  if (lateral && type === 'inner' && conds.length && (lp.k === 'function' || lp.k === 'values' || lp.k === 'subquery')) {
    const filtered = { ...lp, filter: andOf([...splitAnd(lp.filter), ...conds]) } as Plan;
    out.push(nestLoop(cx, type, outer, { ...inner, plan: filtered }, [], rows, width, filtered, lateral));
    return out;
  }
  // nested loop over an index scan of the inner keyed by the outer row
  const innerEntry = inner.node?.k === 'entry' ? inner.node.entry : -1;
  const en = innerEntry >= 0 ? cx.q.entries[innerEntry] : null;
  if (en?.kind === 'table' && conds.length) {
    const own = splitAnd((inner.plan as { filter?: Expr | null }).filter ?? null);
    const ownConds = inner.plan.k === 'indexscan' ? [...(inner.plan.indexCond ?? []), ...own] : own;
    const param = bestScan(cx, { entry: innerEntry, table: en.table!, inh: !!en.inh, conds: ownConds, joinConds: conds,
      outer: outer.entries, loops: o.rows, pending: [] });
    if (param && param.k === 'indexscan') {
      const rest = conds.filter(c => !(param.indexCond ?? []).includes(c));
      out.push(nestLoop(cx, type, outer, { ...inner, plan: param }, rest, rows, width, param, lateral));
    }
    // an inheritance tree: its members' index scans keyed by the outer row, under an Append
    if (inner.plan.k === 'seqscan' && inner.plan.members && type === 'inner') {
      const pa = paramAppend(cx, inner.plan, conds, outer.entries, o.rows, bestScan);
      if (pa) out.push(nestLoop(cx, type, outer, { ...inner, plan: pa }, conds, rows, width, pa, lateral));
    }
  }
  out.push(nestLoop(cx, type, outer, inner, conds, rows, width, inner.plan, lateral));
  return out;
}

function nestLoop(cx: PlanContext, type: JoinType, outer: Side, inner: Side, filter: Expr[], rows: number, width: number,
  innerPlan: Plan, lateral: boolean): Plan {
  const o = outer.plan.est!;
  let i = innerPlan.est!;
  // an inner that reads the outer row (LATERAL) runs again for each: it is not kept in a Materialize
  const parameterized = lateral || innerPlan !== inner.plan || readsEntries(innerPlan, outer.entries) || readsLaterally(innerPlan, outer.entries);
  let inPlan = innerPlan;
  let rescan = i.total - i.startup;
  if (!parameterized && o.rows > 1 && isRescannedScan(innerPlan)) {
    // the inner is read once and kept (Materialize), each rescan reading it from memory
    const m = materialCost(i);
    inPlan = { k: 'material', input: innerPlan, est: m };
    i = m;
    rescan = CPU_OPERATOR_COST * i.rows;
  }
  const q = qualCost(filter);
  const innerRowsPerLoop = parameterized ? i.rows : i.rows;
  const startup = o.startup + i.startup;
  const run = (o.total - o.startup) + (i.total - i.startup) + Math.max(o.rows - 1, 0) * rescan
    + (CPU_TUPLE_COST + q.perTuple) * o.rows * innerRowsPerLoop;
  const dis = cx.settings.nestloop ? 0 : DISABLE_COST;
  return { k: 'nestloop', type, outer: outer.plan, inner: inPlan, cond: andOf(filter), innerEntries: [...inner.entries],
    outerEntries: [...outer.entries], est: { startup: startup + dis, total: startup + run + dis, rows, width } };
}

function isRescannedScan(p: Plan): boolean {
  return p.k === 'seqscan' || p.k === 'subquery' || p.k === 'values' || p.k === 'function' || p.k === 'ctescan';
}

/** Does a plan hold a LATERAL item (a function, a subquery) that reads the outer row? It must run again for each. */
export function readsLaterally(p: Plan, entries: Set<number>): boolean {
  if (p.k === 'function') return [...entriesOf(p.func)].some(e => entries.has(e));
  if (p.k === 'subquery') return !!p.query.lateral;
  if (p.k === 'values') return p.rows.some(r => r.some(x => [...entriesOf(x)].some(e => entries.has(e))));
  return Object.values(p).some(v => !!v && typeof v === 'object' && typeof (v as Plan).k === 'string' && 'est' in (v as object) && readsLaterally(v as Plan, entries));
}

function readsEntries(p: Plan, entries: Set<number>): boolean {
  if (p.k !== 'indexscan') return false;
  return [...p.keys, ...(p.anyKey ? [p.anyKey] : []), ...(p.lower ?? []).map(b => b.value), ...(p.upper ?? []).map(b => b.value)]
    .some(k => [...entriesOf(k)].some(e => entries.has(e)));
}

/** The smallest bucket fraction over the inner hash keys (estimate_hash_bucket_stats). */
export function bucketFracOf(cx: PlanContext, keys: Expr[], inner: Est): number {
  const buckets = hashBuckets(inner.rows);
  let best = 1;
  for (const k of keys) {
    const v = stripRelabel(k);
    let f = Math.max(0.1, 1 / buckets);
    if (v.k === 'var' && v.levelsUp === 0) {
      const d = distinctOf(v, cx.sel);
      const rel = cx.rels.get(v.entry);
      f = bucketFraction(d.nd, d.isDefault, rel?.rows ?? inner.rows, rel?.tuples ?? inner.rows, buckets);
    }
    best = Math.min(best, f);
  }
  return best;
}
