// Chooses scans and joins for a query's FROM and WHERE, by PostgreSQL's cost model:
// conditions go to the lowest place they can be checked (equalities with a constant are
// spread over the columns they equate), each table gets its cheapest scan, and the join
// order and methods (nested loop, with an index scan inside when a join condition hits an
// index; hash join) are searched over every order of up to 10 FROM items. Outer joins whose
// nullable side WHERE rejects become inner joins; EXISTS / NOT EXISTS / IN (subquery)
// become hash semi / anti joins.
import type { Expr, FromNode, Query } from '../analyzer/query.js';
import { CPU_OPERATOR_COST, CPU_TUPLE_COST, limitCost, qualCost, sortCost } from './cost.js';
import { equivalences } from './equivalence.js';
import { cheapest, isWithin, joinMethods, joinSearch, readsLaterally, type Unit } from './join-search.js';
import { andOf, entriesOf, splitAnd, type Est, type JoinType, type Plan } from './plan.js';
import { columnsOf, entryListOf, planContext, restrictRows, widthOf, type PlanContext } from './rel-info.js';
import { bestScan, orderedScans } from './scan-paths.js';
import { orderedAppend } from './ordered-append.js';
import { clauseListSelectivity, isPseudoConstant } from './selectivity.js';
import { clampRows } from './stats.js';
import { semiJoin } from './semi-join.js';
import { sublinkAsJoin, type SemiJoinSpec } from './sublinks.js';
import { foldConstants, reduceOuterJoins } from './rewrite.js';
import { orderedUnion, pushedArms, unionAllArms } from './union-append.js';
import { hasWindowCall } from '../analyzer/window.js';

/** Rows a (sub)query is expected to return; set by the upper planner (upper.ts). */
let rowsOfQuery: (q: Query) => number = () => 1000;
export function setQueryRowEstimator(fn: (q: Query) => number): void { rowsOfQuery = fn; }
export const queryRows = (q: Query): number => rowsOfQuery(q);

const plans = new WeakMap<Query, Plan>();

/** The plan for a query's FROM and WHERE (computed once per analyzed query). */
export function planFrom(q: Query): Plan {
  let p = plans.get(q);
  if (!p) { p = buildPlan(q); plans.set(q, p); }
  return p;
}

function buildPlan(q: Query): Plan {
  const cx = planContext(q, rowsOfQuery);
  const where = splitAnd(q.where).map(foldConstants).flatMap(c => splitAnd(c)).filter(c => !(c.k === 'const' && c.value === true));
  // a condition that is never true: no row can come out (PostgreSQL's dummy relation)
  const never = where.find(c => c.k === 'const' && (c.value === false || c.value === null));
  if (never && q.from.length) {
    const result: Plan = { k: 'result', est: { startup: 0, total: 0, rows: 0, width: 0 } };
    return { k: 'filter', input: result, cond: { k: 'const', type: never.type, typmod: -1, value: false }, est: result.est };
  }
  if (q.from.length === 0) {
    const result: Plan = { k: 'result', est: { startup: 0, total: 0.01, rows: 1, width: 0 } };
    return where.length ? { k: 'filter', input: result, cond: andOf(where)!, est: result.est } : result;
  }
  const semis: SemiJoinSpec[] = [];
  const conds: Expr[] = [];
  for (const c of where) {
    const s = sublinkAsJoin(c);
    if (s) semis.push(s); else conds.push(c);
  }
  for (const sj of semis) for (const k of sj.outerKeys) columnsOf(k, cx.joinColumns);
  const from = q.from.map(n => reduceOuterJoins(n, conds));
  // pseudo-constant conditions (no column of this level) gate the whole result
  const gate = conds.filter(c => entriesOf(c).size === 0 && isPseudoConstant(c));
  const rest = conds.filter(c => !gate.includes(c));
  let plan = planJoinTree(cx, from, rest, true);
  plan = orderedAlternative(cx, q, plan, from, rest);
  for (const s of semis) plan = semiJoin(cx, plan, s);
  if (gate.length) plan = { k: 'filter', input: plan, cond: andOf(gate)!, est: plan.est };
  return plan;
}

/** Plans FROM items joined by inner joins (with `conds`), outer joins kept whole as units. */
function planJoinTree(cx: PlanContext, nodes: FromNode[], conds: Expr[], top: boolean): Plan {
  const units: Unit[] = [];
  const all = [...conds];
  const flatten = (n: FromNode): void => {
    if (n.k === 'join' && (n.type === 'inner' || n.type === 'cross')) {
      flatten(n.left);
      flatten(n.right);
      if (n.on) all.push(...splitAnd(n.on).map(foldConstants));
    } else units.push({ node: n, entries: new Set(entryListOf(n)), deps: lateralDeps(cx, n), plan: null });
  };
  nodes.forEach(flatten);
  // columns compared across FROM items are read by the scans (even when equivalences remove the comparison)
  for (const c of all) if (entriesOf(c).size > 1) columnsOf(c, cx.joinColumns);
  // equalities spread over equal columns (only among plain FROM items: not the nullable side of an outer join)
  const plain = new Set<number>();
  for (const u of units) if (u.node.k === 'entry') plain.add(u.node.entry);
  const list = top || units.length > 1 ? equivalences(all, plain) : all;
  // each unit with the conditions that read only it
  const used = new Set<Expr>();
  for (const u of units) {
    const own = list.filter(c => !used.has(c) && isWithin(c, u.entries));
    own.forEach(c => used.add(c));
    u.plan = planUnit(cx, u, own, list.filter(c => !own.includes(c)));
  }
  const joinConds = list.filter(c => !used.has(c));
  return joinSearch(cx, units, joinConds);
}

/** Entries of this level a FROM item reads (a LATERAL subquery's or a function's arguments). */
function lateralDeps(cx: PlanContext, n: FromNode): Set<number> {
  const out = new Set<number>();
  if (n.k === 'join') {
    // a join holding a LATERAL item that reads FROM items outside the join
    const own = new Set(entryListOf(n));
    for (const e of own) for (const d of lateralDeps(cx, { k: 'entry', entry: e })) if (!own.has(d)) out.add(d);
    // a join condition reading an item outside the join (a LATERAL subquery's join, pulled up)
    const ons = (j: FromNode): void => {
      if (j.k !== 'join') return;
      if (j.on) for (const d of entriesOf(j.on)) if (!own.has(d)) out.add(d);
      ons(j.left);
      ons(j.right);
    };
    ons(n);
    return out;
  }
  const en = cx.q.entries[n.entry];
  if (en.kind === 'function' && en.func) for (const e of entriesOf(en.func)) if (e !== n.entry) out.add(e);
  if (en.kind === 'subquery' && en.query?.lateral) {
    // its level-1 references are to this level
    const refs = new Set<number>();
    const visit = (e: Expr, depth: number) => {
      if (e.k === 'var' && e.levelsUp === depth + 1) refs.add(e.entry);
      entriesOfDeep(e, depth, visit);
    };
    visitAll(en.query, (x, extra) => visit(x, extra));
    for (const e of refs) if (e !== n.entry) out.add(e);
  }
  if (en.kind === 'values' && en.values) for (const r of en.values) for (const x of r) for (const e of entriesOf(x)) if (e !== n.entry) out.add(e);
  return out;
}

function entriesOfDeep(e: Expr, depth: number, visit: (e: Expr, depth: number) => void): void {
  if (e.k === 'sublink') { visitAll(e.query, (x, extra) => visit(x, depth + 1 + extra)); if (e.test) visit(e.test, depth); return; }
  const kids: Expr[] = [];
  const push = (x: Expr) => kids.push(x);
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': e.args.forEach(push); break;
    case 'distinct': case 'nullif': case 'scalararray': push(e.args[0]); push(e.args[1]); break;
    case 'array': e.elems.forEach(push); break;
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': push(e.arg); break;
    case 'case': for (const w of e.whens) { push(w.cond); push(w.result); } if (e.else) push(e.else); break;
    case 'rowcompare': e.left.forEach(push); e.right.forEach(push); break;
    case 'subscript': push(e.arg); break;
    default: break;
  }
  for (const k of kids) visit(k, depth);
}

/**
 * Every expression of q and its FROM subqueries, with how many levels below q each is (sublinks
 * recurse through fn): a plain subquery in FROM skips its containing level (it reads only the
 * levels above), so it counts as q's level; a LATERAL one is a level further in.
 */
function visitAll(q: Query, visit: (e: Expr, extra: number) => void, extra = 0): void {
  const fn = (e: Expr) => visit(e, extra);
  if (q.where) fn(q.where);
  if (q.having) fn(q.having);
  for (const t of q.targets) fn(t.expr);
  for (const g of q.groupBy) fn(g);
  for (const o of q.orderBy) fn(o.expr);
  for (const a of q.aggs) { for (const x of a.args) fn(x); if (a.filter) fn(a.filter); }
  for (const en of q.entries) {
    if (en.func) fn(en.func);
    if (en.values) for (const r of en.values) for (const x of r) fn(x);
    if (en.kind === 'subquery' && en.query) visitAll(en.query, visit, en.query.lateral ? extra + 1 : extra);
  }
  const visitFrom = (n: FromNode) => { if (n.k === 'join') { if (n.on) fn(n.on); visitFrom(n.left); visitFrom(n.right); } };
  q.from.forEach(visitFrom);
  // the arms of a UNION / INTERSECT / EXCEPT are at the same level as the set operation
  if (q.setOp) { visitAll(q.setOp.left, visit, extra); visitAll(q.setOp.right, visit, extra); }
  // a WITH query reads the levels above the query that owns it, as a plain subquery does
  for (const c of q.ctes ?? []) { if (c.query) visitAll(c.query, visit, extra); if (c.recursive) visitAll(c.recursive.term, visit, extra); }
}

/** A unit's plan: a scan, or an outer join planned as a whole. */
function planUnit(cx: PlanContext, u: Unit, own: Expr[], pending: Expr[]): Plan {
  const n = u.node;
  if (n.k === 'join') return planOuterJoin(cx, n, own, pending);
  return scanPlan(cx, n.entry, own, pending);
}

/** A scan of one FROM item with its own conditions. */
function scanPlan(cx: PlanContext, e: number, conds: Expr[], pending: Expr[]): Plan {
  const en = cx.q.entries[e];
  const rows = restrictRows(cx, e, conds);
  const rel = cx.rels.get(e)!;
  const width = widthOf(cx, [e], pending, true);
  const q = qualCost(conds);
  const simple = (k: 'subquery' | 'values' | 'function' | 'ctescan', perRow: number): Est => ({
    startup: q.startup, total: q.startup + (perRow + q.perTuple) * rel.tuples, rows, width,
  });
  const filter = andOf(conds);
  switch (en.kind) {
    case 'table': return bestScan(cx, { entry: e, table: en.table!, inh: !!en.inh, conds, pending })!;
    case 'subquery': {
      const p: Plan = { k: 'subquery', entry: e, query: en.query!, filter, est: simple('subquery', CPU_TUPLE_COST) };
      // a UNION ALL subquery is an append relation: its conditions go into each arm (pull_up_simple_union_all)
      const arms = !en.query!.lateral && conds.length ? unionAllArms(en.query!) : null;
      const pushed = arms && pushedArms(arms, e, conds);
      return pushed ? { ...p, unionArms: pushed } : p;
    }
    case 'values': return { k: 'values', entry: e, rows: en.values!, filter, est: simple('values', CPU_OPERATOR_COST * (en.columns.length || 1)) };
    case 'function': return { k: 'function', entry: e, func: en.func!, ordinality: !!en.funcOrdinality, filter, est: simple('function', CPU_OPERATOR_COST + CPU_TUPLE_COST) };
    case 'cte': return { k: 'ctescan', entry: e, cte: en.cte!, worktable: !!en.worktable, filter, est: simple('ctescan', CPU_TUPLE_COST) };
    default: throw new Error(`cannot plan entry kind ${en.kind}`);
  }
}

// ---- outer joins ------------------------------------------------------------------

function planOuterJoin(cx: PlanContext, n: FromNode & { k: 'join' }, where: Expr[], pending: Expr[]): Plan {
  // a RIGHT JOIN b is b LEFT JOIN a
  const type: JoinType = n.type === 'right' ? 'left' : (n.type as JoinType);
  const [outerNode, innerNode] = n.type === 'right' ? [n.right, n.left] : [n.left, n.right];
  const outerEntries = new Set(entryListOf(outerNode)), innerEntries = new Set(entryListOf(innerNode));
  const on = splitAnd(n.on).map(foldConstants);
  for (const c of on) if (entriesOf(c).size > 1) columnsOf(c, cx.joinColumns);
  const innerOnly = type === 'left' ? on.filter(c => isWithin(c, innerEntries)) : [];
  const joinConds = on.filter(c => !innerOnly.includes(c));
  // WHERE conditions on the preserved side go below the join; the others above it
  const outerWhere = type === 'left' ? where.filter(c => isWithin(c, outerEntries)) : [];
  const above = where.filter(c => !outerWhere.includes(c));
  const outer = planJoinTree(cx, [outerNode], outerWhere, false);
  const inner = planJoinTree(cx, [innerNode], innerOnly, false);
  const rows = joinRows(cx, type, outer.est!.rows, inner.est!.rows, joinConds);
  const width = widthOf(cx, [...outerEntries, ...innerEntries], [...above, ...pending]);
  const cands: Plan[] = [];
  // a LATERAL inner reading the outer row runs once per outer row: only a nested loop
  const lateral = readsLaterally(inner, outerEntries);
  cands.push(...joinMethods(cx, type, { plan: outer, entries: outerEntries }, { plan: inner, entries: innerEntries, node: innerNode }, joinConds, rows, width, false, lateral));
  if (type === 'left' && !lateral) {
    // the nullable side as the outer input: a Hash Right Join
    cands.push(...joinMethods(cx, 'right', { plan: inner, entries: innerEntries }, { plan: outer, entries: outerEntries }, joinConds, rows, width, true));
  } else if (type === 'full') {
    // FULL JOIN is symmetric: either side may be hashed
    cands.push(...joinMethods(cx, 'full', { plan: inner, entries: innerEntries }, { plan: outer, entries: outerEntries, node: outerNode }, joinConds, rows, width));
  }
  let best = cheapest(cands);
  if (above.length) best = { k: 'filter', input: best, cond: andOf(above)!, est: { ...best.est!, rows: clampRows(rows * clauseListSelectivity(above, cx.sel)) } };
  return best;
}

function joinRows(cx: PlanContext, type: JoinType, outerRows: number, innerRows: number, conds: Expr[]): number {
  const inner = clampRows(outerRows * innerRows * clauseListSelectivity(conds, cx.sel));
  if (type === 'left') return Math.max(inner, outerRows);
  if (type === 'right') return Math.max(inner, innerRows);
  if (type === 'full') return Math.max(inner, outerRows, innerRows);
  return inner;
}

/**
 * ORDER BY on one table: an index scan in the index's order (forward or backward) instead of
 * the cheapest scan and a Sort, when that is cheaper for the rows LIMIT needs.
 */
function orderedAlternative(cx: PlanContext, q: Query, plan: Plan, from: FromNode[], conds: Expr[]): Plan {
  if (!q.orderBy.length || q.grouped || q.distinct || q.setOp || from.length !== 1 || from[0].k !== 'entry') return plan;
  // window functions come between the scan and ORDER BY: a scan's order would not reach it
  if (q.targets.some(t => hasWindowCall(t.expr))) return plan;
  const e = from[0].entry;
  const en = q.entries[e];
  const limit = constNumber(q.limit);
  const offset = constNumber(q.offset) ?? 0;
  if (en.kind === 'subquery' && plan.k === 'subquery' && (!plan.filter || plan.unionArms) && !q.lockRows) {
    // a UNION ALL subquery: a Merge Append of its arms (pull_up_simple_union_all)
    const arms = plan.unionArms ?? unionAllArms(en.query!)?.map(a => ({ query: a, orig: a }));
    const order = arms && orderedUnion(arms, e, q.orderBy, limit, offset);
    return order ? { ...plan, unionOrder: order } : plan;
  }
  if (en.kind !== 'table' || !plan.est) return plan;
  if (plan.k === 'seqscan' && plan.members) {
    return orderedAppend(cx, q, plan, conds.filter(c => isWithin(c, new Set([e]))), limit, offset) ?? plan;
  }
  const need = (p: Plan): number => {
    const est = p.est!;
    return limit === null ? est.total : limitCost(est, offset, limit).total;
  };
  const sorted = sortCost(plan.est, limit !== null ? limit + offset : undefined);
  let best: Plan = plan;
  let bestCost = limit === null ? sorted.total : limitCost(sorted, offset, limit).total;
  if (orderedOk(q, plan)) return plan;
  const own = conds.filter(c => isWithin(c, new Set([e])));
  for (const p of orderedScans(cx, { entry: e, table: en.table!, inh: !!en.inh, conds: own, pending: [] }, q.orderBy[0].desc, true)) {
    if (!orderedOk(q, p)) continue;
    const c = need(p);
    if (c < bestCost) { best = p; bestCost = c; }
  }
  return best;
}

let orderedOk: (q: Query, p: Plan) => boolean = () => false;
/** Set by upper.ts: does a plan already deliver ORDER BY's order. */
export function setOrderCheck(fn: (q: Query, p: Plan) => boolean): void { orderedOk = fn; }

/** LIMIT / OFFSET as a number when it is a constant (after folding), else null. */
export function constNumber(e: Expr | null): number | null {
  if (!e) return null;
  const f = foldConstants(e);
  return f.k === 'const' && f.value !== null ? Number(f.value) : null;
}

