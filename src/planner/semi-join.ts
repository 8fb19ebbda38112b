// EXISTS / NOT EXISTS / IN (subquery) planned as joins (sublinks.ts found them): a hash semi
// or anti join, or for EXISTS / IN a plain hash join with the subquery's distinct keys (made
// distinct by a HashAggregate unless a unique index already makes them so), whichever costs
// less, as PostgreSQL chooses.
import type { Expr, Query } from '../analyzer/query.js';
import { CPU_OPERATOR_COST, CPU_TUPLE_COST, hashJoinCost } from './cost.js';
import { bucketFracOf } from './join-search.js';
import type { Est, Plan } from './plan.js';
import { planFrom, queryRows } from './planner.js';
import { planContext, widthOf, type PlanContext } from './rel-info.js';
import { distinctOf, semiJoinSelectivity, stripRelabel } from './selectivity.js';
import { clampRows } from './stats.js';
import type { SemiJoinSpec } from './sublinks.js';

export function semiJoin(cx: PlanContext, outer: Plan, s: SemiJoinSpec): Plan {
  const subPlan = planFrom(s.sub);
  const subCx = planContext(s.sub, queryRows);
  // the subquery's scans were estimated on its own context: read its row counts from its plan
  for (const [e, rel] of subCx.rels) { const r = findRows(subPlan, e); if (r !== undefined) rel.rows = r; }
  const o = outer.est!, i = subPlan.est ?? { startup: 0, total: 1000, rows: 1000, width: 4 };
  const sel = semiJoinSelectivity(s.outerKeys, cx.sel, s.innerKeys, subCx.sel, i.rows);
  const rows = clampRows(o.rows * (s.anti ? 1 - sel : sel));
  const width = widthOf(cx, entriesBelow(outer), []);
  const nk = s.outerKeys.length;
  // inner-join selectivity of the keys: 1 / the larger distinct count
  let nsel = 1;
  s.outerKeys.forEach((k, j) => {
    const a = stripRelabel(k), b = stripRelabel(s.innerKeys[j]);
    const nd1 = a.k === 'var' ? distinctOf(a, cx.sel).nd : 200, nd2 = b.k === 'var' ? distinctOf(b, subCx.sel).nd : 200;
    nsel /= Math.max(nd1, nd2);
  });
  const matchCount = sel > 0 ? Math.max(1, nsel * i.rows / sel) : 1;
  const hashEst = (x: Est): Est => ({ startup: x.total, total: x.total, rows: x.rows, width: x.width });
  const base = { k: 'semijoin' as const, anti: s.anti, outer, sub: s.sub, subPlan, outerKeys: s.outerKeys, innerKeys: s.innerKeys,
    cond: s.cond, source: s.source };
  const semi: Plan = { ...base, strategy: 'semi', hashEst: hashEst(i),
    est: hashJoinCost({ outer: o, inner: i, nClauses: nk, other: [], bucketFrac: bucketFracOf(subCx, s.innerKeys, i), hashTuples: rows,
      semi: { anti: s.anti, matchFrac: sel, matchCount }, rows, width }) };
  if (s.anti) return semi;
  // EXISTS / IN as a plain join with the subquery's distinct keys (already distinct when a unique index says so)
  const unique = uniqueKeys(s.sub, s.innerKeys);
  const groups = clampRows(Math.min(i.rows, s.innerKeys.reduce((n, k) => {
    const v = stripRelabel(k);
    return n * (v.k === 'var' ? distinctOf(v, subCx.sel).nd : 200);
  }, 1)));
  const aggEst: Est = unique ? i : { startup: i.total + CPU_OPERATOR_COST * nk * i.rows, total: 0, rows: groups, width: i.width };
  if (!unique) aggEst.total = aggEst.startup + CPU_TUPLE_COST * groups;
  // the inner side is unique: costed as PostgreSQL costs a join with a unique inner (like a semi join)
  const viaJoin: Plan = { ...base, strategy: unique ? 'unique' : 'uniqueAgg', aggEst: unique ? undefined : aggEst, hashEst: hashEst(aggEst),
    est: hashJoinCost({ outer: o, inner: aggEst, nClauses: nk, other: [], bucketFrac: unique ? bucketFracOf(subCx, s.innerKeys, aggEst) : 1 / Math.max(groups, 1),
      hashTuples: rows, semi: { anti: false, matchFrac: sel, matchCount }, rows, width }) };
  return viaJoin.est!.total < semi.est!.total || unique ? viaJoin : semi;
}

/** Are the subquery's key columns unique (one table, a unique index on exactly those columns)? */
function uniqueKeys(q: Query, keys: Expr[]): boolean {
  // one table in FROM (entries a pulled-up subquery or a removed join left behind are not read)
  const only = q.from.length === 1 && q.from[0].k === 'entry' ? q.from[0].entry : -1;
  const en = q.entries[only];
  if (!en || en.kind !== 'table') return false;
  const atts = new Set<number>();
  for (const k of keys) {
    const v = stripRelabel(k);
    if (v.k !== 'var' || v.levelsUp !== 0 || v.entry !== only) return false;
    const a = en.columns[v.att]?.attnum;
    if (a) atts.add(a);
  }
  return en.table!.indexes.some(ix => ix.unique && ix.columns.every(c => atts.has(c)));
}

function findRows(p: Plan, entry: number): number | undefined {
  switch (p.k) {
    case 'seqscan': case 'indexscan': case 'subquery': case 'values': case 'function': case 'ctescan':
      return p.entry === entry ? p.est?.rows : undefined;
    case 'nestloop': case 'hashjoin': return findRows(p.outer, entry) ?? findRows(p.inner, entry);
    case 'filter': return findRows(p.input, entry);
    case 'semijoin': return findRows(p.outer, entry);
    default: return undefined;
  }
}

/** The range entries a plan reads. */
function entriesBelow(p: Plan, out: number[] = []): number[] {
  switch (p.k) {
    case 'seqscan': case 'indexscan': case 'subquery': case 'values': case 'function': case 'ctescan': out.push(p.entry); break;
    case 'nestloop': case 'hashjoin': entriesBelow(p.outer, out); entriesBelow(p.inner, out); break;
    case 'filter': case 'material': entriesBelow(p.input, out); break;
    case 'semijoin': entriesBelow(p.outer, out); break;
    default: break;
  }
  return out;
}

