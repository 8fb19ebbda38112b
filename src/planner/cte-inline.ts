// WITH queries inlined as subqueries (PostgreSQL 12+'s inline_cte, plan/subselect.c): a
// non-recursive, side-effect-free WITH query that is read once (or any number of times when
// NOT MATERIALIZED) becomes a subquery in FROM where it is read, so that it can be pulled up
// and planned with the rest. Only references from the query that owns the WITH are
// inlined (a WITH query reads the levels above its owner, as a subquery in the owner's FROM).
import type { CteDef, Expr, FromNode, Query, RangeEntry } from '../analyzer/query.js';
import { forEachChild } from '../analyzer/walk.js';

/** The query with its inlinable WITH queries read as subqueries, unread ones dropped (the same query when there are none). */
export function inlineCtes(q: Query, gone: (entry: number) => boolean = () => false): Query {
  if (!q.ctes?.length) return q;
  const inlined = new Set<CteDef>();
  for (const def of q.ctes) {
    // a SELECT nobody reads is not planned at all
    if (!def.dml && countRefs(q, def, gone) === 0) { inlined.add(def); continue; }
    if (!def.query || def.recursive || def.dml || def.materialized === 'always') continue;
    const sub = def.query;
    if (sub.lockRows || sub.rowMarks?.length || sub.targets.some(t => t.junk) || readsVolatile(sub)) continue;
    const direct = q.entries.filter(en => en.kind === 'cte' && en.cte === def && !en.worktable).length;
    const total = countRefs(q, def, gone);
    // a reference holding a copy of the definition (WITH RECURSIVE) is found by the executor by that copy: left alone
    if (countRefs(q, def, gone, true) !== total) continue;
    if (direct === 0 || direct !== total || (total > 1 && def.materialized !== 'never')) continue;
    inlined.add(def);
  }
  if (!inlined.size) return q;
  const entries: RangeEntry[] = q.entries.map(en => (en.kind === 'cte' && en.cte && inlined.has(en.cte)
    ? { alias: en.alias, kind: 'subquery', query: en.cte.query!, columns: en.columns } : en));
  return { ...q, entries, ctes: q.ctes.filter(d => !inlined.has(d)) };
}

/** The same WITH query (a reference may hold a copy of its definition: the query is the same). */
const sameCte = (a: CteDef, b: CteDef): boolean => a === b || (a.query !== null && a.query === b.query);

/** Every query level of q, q first (FROM subqueries, WITH queries, set operation arms, sublinks). */
function forEachQuery(q: Query, fn: (x: Query) => void): void {
  fn(q);
  const exprs: Expr[] = [];
  const add = (e: Expr | null | undefined) => { if (e) exprs.push(e); };
  add(q.where); add(q.having); add(q.limit); add(q.offset);
  q.targets.forEach(t => add(t.expr));
  q.groupBy.forEach(add);
  q.orderBy.forEach(k => add(k.expr));
  q.distinctOn?.forEach(add);
  for (const a of q.aggs) { a.args.forEach(add); add(a.filter); a.orderBy.forEach(k => add(k.expr)); a.direct?.forEach(add); }
  for (const en of q.entries) {
    if (en.query) forEachQuery(en.query, fn);
    add(en.func);
    en.values?.forEach(r => r.forEach(add));
  }
  const ons = (n: FromNode): void => { if (n.k === 'join') { add(n.on); ons(n.left); ons(n.right); } };
  q.from.forEach(ons);
  if (q.setOp) { forEachQuery(q.setOp.left, fn); forEachQuery(q.setOp.right, fn); }
  for (const c of q.ctes ?? []) { if (c.query) forEachQuery(c.query, fn); if (c.recursive) forEachQuery(c.recursive.term, fn); }
  const sublinks = (e: Expr): void => {
    if (e.k === 'sublink') { forEachQuery(e.query, fn); if (e.test) sublinks(e.test); return; }
    forEachChild(e, sublinks);
  };
  exprs.forEach(sublinks);
}

/** References to `def` in q (its entries `gone`, subqueries already pulled up, not counted); `exact`: to that very object. */
function countRefs(q: Query, def: CteDef, gone: (entry: number) => boolean, exact = false): number {
  let n = 0;
  const top = { ...q, entries: q.entries.map((en, i) => (gone(i) ? { ...en, query: undefined, kind: 'values' as const, values: [] } : en)) };
  forEachQuery(top, x => { for (const en of x.entries) if (en.kind === 'cte' && en.cte && (exact ? en.cte === def : sameCte(en.cte, def))) n++; });
  return n;
}

/** Does any level of the query call a volatile function? */
function readsVolatile(q: Query): boolean {
  let found = false;
  const walk = (e: Expr): void => {
    if (found) return;
    if (e.k === 'func' && e.fn.volatility === 'v') { found = true; return; }
    if (e.k === 'sublink') { if (e.test) walk(e.test); return; }
    forEachChild(e, walk);
  };
  forEachQuery(q, x => {
    const list: Expr[] = [];
    if (x.where) list.push(x.where);
    if (x.having) list.push(x.having);
    x.targets.forEach(t => list.push(t.expr));
    for (const en of x.entries) { if (en.func) list.push(en.func); en.values?.forEach(r => list.push(...r)); }
    const ons = (n: FromNode): void => { if (n.k === 'join') { if (n.on) list.push(n.on); ons(n.left); ons(n.right); } };
    x.from.forEach(ons);
    list.forEach(walk);
  });
  return found;
}
