// The part of a plan above FROM/WHERE, as PostgreSQL's grouping_planner builds it:
// aggregation (plain, hashed or over sorted input), DISTINCT (hashed or Unique over a
// Sort), ORDER BY (a Sort unless an index scan already gives the order), FOR UPDATE
// (LockRows) and LIMIT, each with its estimate. EXPLAIN prints these steps; the executor
// reads `sortAvoided` to skip a sort the scan made unnecessary.
import type { Expr, Query, SortKey } from '../analyzer/query.js';
import { CPU_OPERATOR_COST, CPU_TUPLE_COST, DISABLE_COST, groupAggCost, limitCost, plainAggCost, qualCost, sortCost } from './cost.js';
import { type Est, type Plan } from './plan.js';
import { constNumber, planFrom, setOrderCheck, setQueryRowEstimator } from './planner.js';
import { planContext, type PlanContext } from './rel-info.js';
import { distinctOf, stripRelabel } from './selectivity.js';
import { clampRows, typeAvgWidth } from './stats.js';
import { OID } from '../types/oids.js';
import { typeHashable } from '../types/hashable.js';
import { minmaxAggs, type MinMaxAgg } from './minmax.js';
import { orderedUnion, setUnionEstimator, unionAllArms, type UnionOrder } from './union-append.js';
import { sortedBy, windowAggCost, windowsOf } from './window-steps.js';

export type UpperStep =
  /** minmax: each aggregate from an index scan's first row (planner/minmax.ts), shown as a Result with InitPlans. */
  | { k: 'agg'; strategy: 'plain' | 'hashed' | 'sorted' | 'mixed'; keys: Expr[]; having: Expr | null; est: Est; minmax?: MinMaxAgg[];
      /** GROUPING SETS / ROLLUP / CUBE: each set's keys (hashed; the empty set by the sorted path: MixedAggregate). */
      sets?: Expr[][] }
  | { k: 'sort'; keys: SortKey[]; est: Est }
  /** DISTINCT: hashed (HashAggregate) or Unique over sorted input; `on`: DISTINCT ON. */
  | { k: 'distinct'; hashed: boolean; keys: Expr[]; on: boolean; est: Est }
  /** WindowAgg: one window's functions over rows sorted by its keys (window-steps.ts). */
  | { k: 'window'; est: Est }
  | { k: 'lockrows'; est: Est }
  | { k: 'limit'; est: Est };

export interface UpperPlan {
  from: Plan;
  /** Bottom-up. */
  steps: UpperStep[];
  est: Est;
}

const uppers = new WeakMap<Query, UpperPlan>();

/** The steps above FROM/WHERE for a simple (not set-operation) query. */
export function planUpper(q: Query): UpperPlan {
  let u = uppers.get(q);
  if (!u) { u = buildUpper(q); uppers.set(q, u); }
  return u;
}

/** Does the scan deliver the rows in ORDER BY order (so the executor need not sort)? */
export function sortAvoided(q: Query): boolean {
  if (!q.orderBy.length || q.setOp) return false;
  // an ordered inheritance scan is ordered only as EXPLAIN shows it: the executor reads the tree unordered
  const from = planFrom(q);
  if ((from.k === 'seqscan' && from.order) || (from.k === 'subquery' && from.unionOrder)) return false;
  // (window functions reorder the rows they compute over: ORDER BY is then always sorted)
  return !planUpper(q).steps.some(s => s.k === 'sort' || s.k === 'window') && !q.grouped && !q.distinct;
}

function outputWidth(q: Query): number {
  let w = 0;
  for (const t of q.targets) if (!t.junk) w += typeAvgWidth(t.expr.type, t.expr.typmod);
  return w;
}

/** estimate_num_groups: the product of the keys' distinct values, at most the input rows. */
export function numGroups(cx: PlanContext, keys: Expr[], inputRows: number): number {
  let n = 1;
  for (const k of keys) {
    const v = stripRelabel(k);
    n *= v.k === 'var' && v.levelsUp === 0 ? distinctOf(v, cx.sel).nd : v.k === 'const' ? 1 : 200;
  }
  return clampRows(Math.min(n, inputRows));
}

function constLimit(e: Expr | null): number | null {
  if (!e) return null;
  // a parameter: PostgreSQL estimates 10% of the rows; a small number keeps the shape
  return constNumber(e) ?? 10;
}

function buildUpper(q: Query): UpperPlan {
  const from = planFrom(q);
  const cx = planContext(q, rowsOfQuery);
  const steps: UpperStep[] = [];
  let cur: Est = from.est ?? { startup: 0, total: 0, rows: 1, width: 0 };
  const width = outputWidth(q);
  const s = cx.settings;
  let ordered = orderedScan(from);
  if (q.grouped) {
    const nAggs = q.aggs.length;
    const finals = q.aggs.filter(hasFinalFunction).length;
    if (!q.groupBy.length) {
      const e = plainAggCost(cur, nAggs, width, finals);
      if (q.having) e.total += qualCost([q.having]).perTuple;
      const mm = minmaxAggs(q, rowsOfQuery, e.total, from);
      if (mm) {
        const total = mm.reduce((s, m) => s + m.est.total, 0);
        const est: Est = { startup: total, total: total + 0.01, rows: 1, width };
        steps.push({ k: 'agg', strategy: 'plain', keys: [], having: q.having, est, minmax: mm });
        cur = est;
      } else {
        steps.push({ k: 'agg', strategy: 'plain', keys: [], having: q.having, est: e });
        cur = e;
      }
    } else {
      const groups = numGroups(cx, q.groupBy, cur.rows);
      const hashed = groupAggCost(cur, q.groupBy.length, nAggs, groups, true, width, q.having, finals);
      const sorted = sortCost(cur);
      const sortedAgg = groupAggCost(sorted, q.groupBy.length, nAggs, groups, false, width, q.having, finals);
      if (!s.hashagg) hashed.total += DISABLE_COST;
      if (!s.sort) sortedAgg.total += DISABLE_COST;
      if (!q.groupBy.every(k => typeHashable(k.type))) hashed.total = Infinity; // money: no hash opclass
      const sets = q.groupingSets && q.groupingSets.length > 1 ? q.groupingSets.map(set => set.map(i => q.groupBy[i])) : null;
      if (sets && hashed.total < Infinity) {
        // several grouping sets, hashed (an empty set is computed on the side: MixedAggregate)
        const strategy = sets.some(x => !x.length) ? 'mixed' : 'hashed';
        steps.push({ k: 'agg', strategy, keys: q.groupBy, having: q.having, est: hashed, sets });
        cur = hashed;
      } else if (hashed.total <= sortedAgg.total) {
        steps.push({ k: 'agg', strategy: 'hashed', keys: q.groupBy, having: q.having, est: hashed });
        cur = hashed;
      } else {
        steps.push({ k: 'sort', keys: q.groupBy.map(asSortKey), est: sorted });
        steps.push({ k: 'agg', strategy: 'sorted', keys: q.groupBy, having: q.having, est: sortedAgg });
        cur = sortedAgg;
      }
    }
    ordered = null;
  }
  // window functions: a WindowAgg per window, a Sort below it unless the rows already come in
  // its order; the last one's order may serve ORDER BY (the executor still sorts then: sortAvoided)
  const windows = windowsOf(q);
  let windowOrder: SortKey[] = [];
  for (const w of windows) {
    if (w.keys.length && !sortedBy(windowOrder, w.keys)) {
      const e = sortCost(cur);
      if (!s.sort) { e.startup += DISABLE_COST; e.total += DISABLE_COST; }
      steps.push({ k: 'sort', keys: w.keys, est: e });
      cur = e;
      windowOrder = w.keys;
    }
    cur = windowAggCost(cur, w);
    steps.push({ k: 'window', est: cur });
  }
  if (windows.length) ordered = null;
  if (q.distinct) {
    const keys = q.distinctOn ?? q.targets.filter(t => !t.junk).map(t => t.expr);
    const groups = numGroups(cx, keys, cur.rows);
    if (q.distinctOn) {
      const sorted = sortCost(cur);
      steps.push({ k: 'sort', keys: q.orderBy.length ? q.orderBy : keys.map(asSortKey), est: sorted });
      const e = { ...sorted, total: sorted.total + CPU_OPERATOR_COST * keys.length * sorted.rows, rows: groups };
      steps.push({ k: 'distinct', hashed: false, keys, on: true, est: e });
      cur = e;
    } else {
      const hashed: Est = { startup: cur.total + CPU_OPERATOR_COST * keys.length * cur.rows, total: 0, rows: groups, width: cur.width };
      hashed.total = hashed.startup + CPU_TUPLE_COST * groups;
      const sorted = sortCost(cur);
      const uniq: Est = { ...sorted, total: sorted.total + CPU_OPERATOR_COST * keys.length * sorted.rows, rows: groups };
      if (!s.hashagg) hashed.total += DISABLE_COST;
      if (!keys.every(k => typeHashable(k.type))) hashed.total = Infinity;
      // with ORDER BY on the same keys, sorting first serves both
      const finalSortHashed = q.orderBy.length ? sortCost(hashed).total : hashed.total;
      if (finalSortHashed <= uniq.total) {
        steps.push({ k: 'distinct', hashed: true, keys, on: false, est: hashed });
        cur = hashed;
      } else {
        steps.push({ k: 'sort', keys: q.orderBy.length ? q.orderBy : keys.map(asSortKey), est: sorted });
        steps.push({ k: 'distinct', hashed: false, keys, on: false, est: uniq });
        cur = uniq;
      }
    }
    ordered = null;
  }
  const limit = constLimit(q.limit);
  const offset = q.offset ? (constLimit(q.offset) ?? 0) : 0;
  const sorted = steps.some(x => x.k === 'sort') && !steps.some(x => x.k === 'distinct' && x.hashed) && !steps.some(x => x.k === 'agg' && x.strategy === 'hashed');
  const appendOrdered = ((from.k === 'seqscan' && !!from.order) || (from.k === 'subquery' && !!from.unionOrder)) && !q.grouped && !q.distinct;
  const windowSorted = windows.length > 0 && !q.distinct && sortedBy(windowOrder, q.orderBy);
  if (q.orderBy.length && !(sorted && !q.grouped && q.distinct) && !(ordered && providesOrder(q, ordered)) && !appendOrdered && !windowSorted) {
    const bound = limit !== null ? limit + offset : undefined;
    const e = sortCost(cur, bound);
    if (!s.sort) { e.startup += DISABLE_COST; e.total += DISABLE_COST; }
    steps.push({ k: 'sort', keys: q.orderBy, est: e });
    cur = e;
  }
  if (q.lockRows) {
    cur = { ...cur, total: cur.total + CPU_TUPLE_COST * cur.rows };
    steps.push({ k: 'lockrows', est: cur });
  }
  if (q.limit || q.offset) {
    cur = limitCost(cur, offset, limit);
    steps.push({ k: 'limit', est: cur });
  }
  cur = { ...cur, width };
  return { from, steps, est: cur };
}

/** Aggregates whose state needs a final function (pg_aggregate.aggfinalfn), which costs an operator. */
function hasFinalFunction(a: Query['aggs'][number]): boolean {
  if (['avg', 'string_agg', 'array_agg', 'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg', 'stddev', 'variance',
    'stddev_samp', 'stddev_pop', 'var_samp', 'var_pop'].includes(a.name)) return true;
  return a.name === 'sum' && [OID.numeric, OID.int8].includes(a.args[0]?.type as 1700);
}

const asSortKey = (e: Expr): SortKey => ({ expr: e, desc: false, nullsFirst: false, cmp: () => 0 });

/** The index scan whose order a plan keeps (a nested loop keeps its outer side's order). */
export function orderedScan(p: Plan): (Plan & { k: 'indexscan' }) | null {
  switch (p.k) {
    case 'indexscan': return p.bitmap ? null : p;
    case 'nestloop': return orderedScan(p.outer);
    case 'filter': return p.input.k === 'result' ? null : orderedScan(p.input);
    case 'semijoin': return orderedScan(p.outer);
    default: return null;
  }
}

/**
 * Does an index scan return rows in ORDER BY order: each key a column of the scanned entry,
 * matching the index's columns after those fixed by equality, all ascending (NULLS LAST) or
 * all descending (NULLS FIRST, a backward scan)?
 */
export function providesOrder(q: Query, p: Plan & { k: 'indexscan' }): boolean {
  // = ANY probes its values in ascending order (backward: all reversed), so it keeps the index order
  if (p.bitmap || (p.inh && p.table.children.length)) return false;
  const cols = p.index.columns;
  let pos = p.keys.length;
  const backward = !!p.backward;
  for (const k of q.orderBy) {
    const v = stripRelabel(k.expr);
    if (v.k !== 'var' || v.levelsUp !== 0 || v.entry !== p.entry) return false;
    const attnum = q.entries[p.entry].columns[v.att]?.attnum;
    if (k.desc !== backward || k.nullsFirst !== backward) return false;
    // a column fixed by equality may appear anywhere in the ORDER BY
    const fixed = cols.slice(0, p.keys.length).includes(attnum!);
    if (fixed) continue;
    if (cols[pos] !== attnum) return false;
    // the tree is kept ascending, NULLs last: a DESC NULLS FIRST column reads backward, other mixes not at all
    const o = p.index.options?.[pos] ?? 0;
    if (o !== 0 && o !== 3) return false;
    pos++;
  }
  return true;
}

/** Rows a query returns (for the estimates of subqueries and WITH queries). */
export function rowsOfQuery(q: Query): number {
  if (q.setOp) return rowsOfQuery(q.setOp.left) + (q.setOp.op === 'union' ? rowsOfQuery(q.setOp.right) : 0);
  return planUpper(q).est.rows;
}

setQueryRowEstimator(rowsOfQuery);
setUnionEstimator(q => planUpper(q).est);

/** ORDER BY of a top-level UNION ALL as a Merge Append of its arms (flatten_simple_union_all), when cheaper than a Sort; else null. */
export function setOpOrder(q: Query): UnionOrder | null {
  if (!q.orderBy.length) return null;
  const arms = unionAllArms(q, true);
  if (!arms) return null;
  const limit = constLimit(q.limit);
  return orderedUnion(arms.map(a => ({ query: a, orig: a })), 0, q.orderBy, limit, q.offset ? (constLimit(q.offset) ?? 0) : 0);
}
setOrderCheck((q, p) => { const o = orderedScan(p); return (!!o && providesOrder(q, o)) || (p.k === 'seqscan' && !!p.order); });
