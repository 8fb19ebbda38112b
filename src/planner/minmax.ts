// MIN/MAX from an index (planagg.c): a query whose aggregates are all min() / max() of one
// table, with no GROUP BY, can take each from the first row of an index scan in the
// argument's order — "SELECT arg … WHERE arg IS NOT NULL ORDER BY arg LIMIT 1" as an
// InitPlan — when that is cheaper than aggregating every row. Over an inheritance tree or
// partitioned table the members' ordered scans are merged (Merge Append). EXPLAIN shows it;
// the executor aggregates (same result).
import type { Expr, Query } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { limitCost } from './cost.js';
import { asMember, memberContext } from './append.js';
import type { Est, Plan } from './plan.js';
import { planContext, type PlanContext, type RowsOf } from './rel-info.js';
import { columnKey, indexColumnKeys, orderedScans } from './scan-paths.js';
import { andOf, hasSublink, splitAnd } from './plan.js';
import { foldConstants } from './rewrite.js';
import { toArm, unionAllArms } from './union-append.js';
import { pulledUp } from './pullup.js';
import { readsOuter } from './plan.js';

export interface MinMaxAgg {
  /** Indexes into q.aggs: the aggregate and its identical repetitions (computed once). */
  aggs: number[];
  /** The index scan giving the first row (indexCond holds "arg IS NOT NULL" where PostgreSQL shows it). */
  plan: Plan & { k: 'indexscan' };
  /** An inheritance scan: one ordered scan per member table, merged (plan is the first of them). */
  members?: Plan[];
  /** A UNION ALL subquery (an append relation): each arm's first-row scan, merged; `arg` is the first arm's. */
  unionArms?: { query: Query; plan: Plan }[];
  arg: Expr;
  desc: boolean;
  est: Est;
}

const SORTOP: Record<string, 'asc' | 'desc'> = { min: 'asc', max: 'desc' };

/** The cheapest index scan of one table giving `arg` in order with "arg IS NOT NULL" (shown as an index condition unless a partial index implies it). */
function firstRowScan(cx: PlanContext, entry: number, t: Table, conds: Expr[], arg: Expr, key: string, desc: boolean): { plan: Plan & { k: 'indexscan' }; est: Est } | null {
  const notNull: Expr = { k: 'nulltest', type: 16, typmod: -1, arg, isNull: false, row: false };
  let best: { plan: Plan & { k: 'indexscan' }; est: Est } | null = null;
  for (const p of orderedScans(cx, { entry, table: t, inh: false, conds: [notNull, ...conds], pending: [] }, desc)) {
    if (p.k !== 'indexscan') continue;
    const cols = indexColumnKeys(p.index);
    // the argument must be the first index column after those fixed by equality
    if (cols[p.keys.length] !== key) continue;
    const o = p.index.options?.[p.keys.length] ?? 0;
    if (o !== 0 && o !== 3) continue;
    const est = limitCost(p.est!, 0, 1);
    if (best && est.total >= best.est.total) continue;
    const filter = splitAnd(p.filter);
    const used = [...(p.indexCond ?? [])];
    if (filter.includes(notNull)) used.splice(p.keys.length, 0, notNull);
    best = { plan: { ...p, indexCond: used, filter: andOf(filter.filter(c => c !== notNull)) }, est };
  }
  return best;
}

/** The min/max subplans for q when eligible and cheaper than `aggTotal`, else null. */
export function minmaxAggs(q: Query, rowsOf: RowsOf, aggTotal: number, from: Plan): MinMaxAgg[] | null {
  if (!q.aggs.length || q.groupBy.length || q.ctes?.length || q.setOp) return null;
  if (q.from.length !== 1 || q.from[0].k !== 'entry') return null;
  const entry = q.from[0].entry;
  const en = q.entries[entry];
  if (en.kind === 'subquery' && en.query) return unionMinmax(q, entry, en.query, rowsOf, aggTotal);
  if (en.kind !== 'table' || !en.table) return null;
  const inherited = !!en.inh && (en.table.children.length > 0 || !!en.table.partitionKey);
  if (inherited && !(from.k === 'seqscan' && from.entry === entry && from.members?.length)) return null;
  if (q.where && hasSublink(q.where)) return null;
  for (const a of q.aggs) {
    if (!SORTOP[a.name] || a.args.length !== 1 || a.filter || a.orderBy.length || a.star) return null;
  }
  const cx = planContext(q, rowsOf);
  const conds = splitAnd(q.where).map(foldConstants);
  const out: MinMaxAgg[] = [];
  let total = 0;
  const seen = new Map<string, MinMaxAgg>();
  for (let i = 0; i < q.aggs.length; i++) {
    const arg = q.aggs[i].args[0];
    const key = columnKey(cx, entry, arg);
    if (!key) return null;
    const same = seen.get(`${q.aggs[i].name}:${key}`);
    if (same) { same.aggs.push(i); continue; }
    const desc = SORTOP[q.aggs[i].name] === 'desc';
    let mm: MinMaxAgg;
    if (inherited) {
      const members: Plan[] = [];
      let startup = 0, sum = 0;
      for (const m of (from as Plan & { k: 'seqscan' }).members!) {
        const t = (m as { table: Table }).table;
        const s = firstRowScan(memberContext(cx, entry, t, conds), entry, t, conds, arg, key, desc);
        if (!s) return null;
        members.push(asMember(s.plan, t));
        startup += s.est.startup;
        sum += s.est.total;
      }
      mm = { aggs: [i], plan: members[0] as Plan & { k: 'indexscan' }, members, arg, desc, est: { startup, total: sum, rows: 1, width: 0 } };
    } else {
      const s = firstRowScan(cx, entry, en.table, conds, arg, key, desc);
      if (!s) return null;
      mm = { aggs: [i], plan: s.plan, arg, desc, est: s.est };
    }
    seen.set(`${q.aggs[i].name}:${key}`, mm);
    out.push(mm);
    total += mm.est.total;
  }
  return total < aggTotal ? out : null;
}

/**
 * min/max over a UNION ALL subquery read as an append relation: each arm a single table
 * (pulled up) giving the argument from an ordered index scan; the arms' scans are merged.
 */
function unionMinmax(q: Query, entry: number, sub: Query, rowsOf: RowsOf, aggTotal: number): MinMaxAgg[] | null {
  const arms = unionAllArms(sub);
  if (!arms || q.where) return null;
  for (const a of q.aggs) {
    if (!SORTOP[a.name] || a.args.length !== 1 || a.filter || a.orderBy.length || a.star || readsOuter(a.args[0]) || hasSublink(a.args[0])) return null;
  }
  const out: MinMaxAgg[] = [];
  let total = 0;
  for (let i = 0; i < q.aggs.length; i++) {
    const arg = q.aggs[i].args[0];
    const desc = SORTOP[q.aggs[i].name] === 'desc';
    const members: { query: Query; plan: Plan }[] = [];
    let startup = 0, sum = 0;
    for (const arm of arms) {
      const a = pulledUp(arm);
      if (a !== arm || a.from.length !== 1 || a.from[0].k !== 'entry' || a.grouped || a.aggs.length || a.distinct || a.orderBy.length || a.limit || a.offset) return null;
      const ae = a.from[0].entry;
      const aen = a.entries[ae];
      if (aen.kind !== 'table' || !aen.table || (aen.inh && (aen.table.children.length || aen.table.partitionKey))) return null;
      if (a.where && hasSublink(a.where)) return null;
      const armArg = toArm(arg, arm, entry);
      const cx = planContext(a, rowsOf);
      const key = columnKey(cx, ae, armArg);
      if (!key) return null;
      const s = firstRowScan(cx, ae, aen.table, splitAnd(a.where).map(foldConstants), armArg, key, desc);
      if (!s) return null;
      members.push({ query: a, plan: s.plan });
      startup += s.est.startup;
      sum += s.est.total;
    }
    const mm: MinMaxAgg = { aggs: [i], plan: members[0].plan as Plan & { k: 'indexscan' }, unionArms: members, arg, desc, est: { startup, total: sum, rows: 1, width: 0 } };
    out.push(mm);
    total += mm.est.total;
  }
  return total < aggTotal ? out : null;
}
