// Physical plans for the FROM/WHERE part of a query: which scans, which joins,
// where each condition is applied.
import type { Index, Table } from '../catalog/objects.js';
import type { CteDef, Expr, FromNode, Query } from '../analyzer/query.js';

export type Plan =
  | { k: 'result' }
  | { k: 'seqscan'; entry: number; table: Table; inh: boolean; filter: Expr | null }
  /** keys: expressions for the index's leading columns (equality). */
  | { k: 'indexscan'; entry: number; table: Table; inh: boolean; index: Index; keys: Expr[]; filter: Expr | null }
  | { k: 'subquery'; entry: number; query: Query; filter: Expr | null }
  | { k: 'values'; entry: number; rows: Expr[][]; filter: Expr | null }
  | { k: 'function'; entry: number; func: Expr; ordinality: boolean; filter: Expr | null }
  | { k: 'ctescan'; entry: number; cte: CteDef; worktable: boolean; filter: Expr | null }
  | { k: 'nestloop'; type: JoinType; outer: Plan; inner: Plan; cond: Expr | null; innerEntries: number[]; outerEntries: number[] }
  | { k: 'hashjoin'; type: JoinType; outer: Plan; inner: Plan; outerKeys: Expr[]; innerKeys: Expr[]; cond: Expr | null;
      innerEntries: number[]; outerEntries: number[] }
  | { k: 'filter'; input: Plan; cond: Expr };

export type JoinType = 'inner' | 'left' | 'right' | 'full';

/** Entries (range-table indexes) an expression reads at level 0. */
export function entriesOf(e: Expr, out = new Set<number>(), depth = 0): Set<number> {
  if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp === depth) out.add(e.entry);
  if (e.k === 'sublink') {
    visitQueryExprs(e.query, x => entriesOf(x, out, depth + 1));
    if (e.test) entriesOf(e.test, out, depth);
    return out;
  }
  forEachChild(e, c => entriesOf(c, out, depth));
  return out;
}

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

/** Does a query read anything from outside itself (levelsUp beyond its own)? */
export function isCorrelated(q: Query): boolean {
  let found = false;
  const check = (e: Expr, depth: number): void => {
    if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp > depth) found = true;
    if (e.k === 'param' && e.index >= 0) { /* parameters are fixed per execution */ }
    if (e.k === 'sublink') { visitQueryExprs(e.query, x => check(x, depth + 1)); if (e.test) check(e.test, depth); return; }
    forEachChild(e, c => check(c, depth));
  };
  visitQueryExprs(q, e => check(e, 0));
  return found;
}

export function splitAnd(e: Expr | null): Expr[] {
  if (!e) return [];
  if (e.k === 'and') return e.args.flatMap(splitAnd);
  return [e];
}

export function andOf(list: Expr[]): Expr | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0];
  return { k: 'and', type: 16, typmod: -1, args: list };
}
