// Walks over the analyzer's expression trees: the direct children of an expression, and every
// expression of a query level. Used by the analyzer (views, LATERAL, SRFs, aggregate levels),
// the deparser, the planner and EXPLAIN.
import type { Expr, FromNode, Query } from './query.js';

/** Calls fn on each direct sub-expression of e (sublinks and leaves have none here). */
export function forEachChild(e: Expr, fn: (c: Expr) => void): void {
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': for (const a of e.args) fn(a); break;
    case 'distinct': case 'nullif': case 'scalararray': fn(e.args[0]); fn(e.args[1]); break;
    case 'array': for (const a of e.elems) fn(a); break;
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': fn(e.arg); break;
    case 'rowcompare': for (const a of e.left) fn(a); for (const a of e.right) fn(a); break;
    case 'subscript': fn(e.arg); for (const a of e.upper) if (a) fn(a); for (const a of e.lower ?? []) if (a) fn(a); break;
    case 'case': for (const w of e.whens) { fn(w.cond); fn(w.result); } if (e.else) fn(e.else); break;
    default: break;
  }
}

/** Every expression of a query (for correlation analysis). */
export function visitQueryExprs(q: Query, fn: (e: Expr) => void): void {
  if (q.where) fn(q.where);
  if (q.having) fn(q.having);
  for (const t of q.targets) fn(t.expr);
  for (const g of q.groupBy) fn(g);
  for (const o of q.orderBy) fn(o.expr);
  for (const a of q.aggs) { for (const x of a.args) fn(x); if (a.filter) fn(a.filter); }
  for (const en of q.entries) {
    if (en.query) visitQueryExprs(en.query, fn);
    if (en.values) for (const r of en.values) for (const x of r) fn(x);
    if (en.func) fn(en.func);
  }
  const visitFrom = (n: FromNode) => { if (n.k === 'join') { if (n.on) fn(n.on); visitFrom(n.left); visitFrom(n.right); } };
  q.from.forEach(visitFrom);
  if (q.setOp) { visitQueryExprs(q.setOp.left, fn); visitQueryExprs(q.setOp.right, fn); }
  // a WITH query's outer references count from the level that owns it
  for (const c of q.ctes ?? []) {
    if (c.query) visitQueryExprs(c.query, fn);
    if (c.recursive) visitQueryExprs(c.recursive.term, fn);
  }
}
