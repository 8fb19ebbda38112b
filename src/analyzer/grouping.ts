// GROUP BY checks: expressions equal to a grouping expression, and ungrouped columns.
import { PgError } from '../errors/index.js';
import type { Expr, FromNode, Query } from './query.js';

/** Structural equality of two analyzed expressions (for GROUP BY / DISTINCT matching). */
export function sameExpr(a: Expr, b: Expr): boolean {
  if (a.k !== b.k || a.type !== b.type) return false;
  switch (a.k) {
    case 'var': return b.k === 'var' && a.entry === b.entry && a.att === b.att && a.levelsUp === b.levelsUp;
    case 'const': return b.k === 'const' && a.value === (b as any).value;
    case 'param': return (b as any).index === a.index;
    default: {
      const ka = Object.keys(a), kb = Object.keys(b);
      if (ka.length !== kb.length) return false;
      for (const k of ka) {
        const x = (a as any)[k], y = (b as any)[k];
        if (Array.isArray(x)) {
          if (!Array.isArray(y) || x.length !== y.length) return false;
          for (let i = 0; i < x.length; i++) {
            if (x[i] && typeof x[i] === 'object' && 'k' in x[i]) { if (!sameExpr(x[i], y[i])) return false; } else if (x[i] !== y[i]) return false;
          }
        } else if (x && typeof x === 'object' && 'k' in x) { if (!sameExpr(x, y)) return false; } else if (x !== y) return false;
      }
      return true;
    }
  }
}

/** Ungrouped columns used outside aggregates are an error (with PostgreSQL's functional-dependency exception for primary keys). */
export function checkGrouping(q: Query): void {
  const grouped = (e: Expr) => q.groupBy.some(g => sameExpr(g, e));
  const pkCovered = new Set<number>();
  q.entries.forEach((entry, i) => {
    const pk = entry.table?.constraints.find(c => c.type === 'p');
    if (pk && pk.columns.every(att => q.groupBy.some(g => g.k === 'var' && g.levelsUp === 0 && g.entry === i && entry.columns[g.att].attnum === att))) pkCovered.add(i);
  });
  const visit = (e: Expr, clause: string): void => {
    if (grouped(e)) return;
    if (e.k === 'var' && e.levelsUp === 0) {
      if (pkCovered.has(e.entry)) return;
      const entry = q.entries[e.entry];
      throw new PgError('42803', `column "${entry.alias}.${entry.columns[e.att].name}" must appear in the GROUP BY clause or be used in an aggregate function`,
        { ...(e.loc !== undefined && e.loc >= 0 ? { position: e.loc + 1 } : {}),
          ...(clause === 'direct' ? { detail: 'Direct arguments of an ordered-set aggregate must use only grouped columns.' } : {}) });
    }
    if (e.k === 'aggref') return;
    if (e.k === 'sublink') {
      if (e.test) visit(e.test, clause);
      checkSubquery(e.query, 1, q, pkCovered);
      return;
    }
    for (const v of Object.values(e)) {
      if (Array.isArray(v)) for (const x of v) { if (x && typeof x === 'object' && 'k' in x) visit(x, clause); else if (x && x.cond) { visit(x.cond, clause); visit(x.result, clause); } }
      else if (v && typeof v === 'object' && 'k' in v) visit(v as Expr, clause);
    }
  };
  for (const t of q.targets) visit(t.expr, 'SELECT');
  if (q.having) visit(q.having, 'HAVING');
  for (const o of q.orderBy) visit(o.expr, 'ORDER BY');
  for (const a of q.aggs) for (const d of a.direct ?? []) visit(d, 'direct');
}

/**
 * A subquery of grouped query `q` (at `depth` levels below it) may read q's columns only where
 * they are grouped (or their table's primary key is): PostgreSQL's check_ungrouped_columns
 * walks into sublinks comparing plain columns only (whole GROUP BY expressions are matched at
 * q's own level), and skips the arguments of q's own aggregates written inside the subquery.
 */
function checkSubquery(sq: Query, depth: number, q: Query, pkCovered: Set<number>): void {
  const visit = (e: Expr): void => {
    if (e.k === 'var') {
      if (e.levelsUp !== depth || pkCovered.has(e.entry)) return;
      if (q.groupBy.some(g => g.k === 'var' && g.levelsUp === 0 && g.entry === e.entry && g.att === e.att)) return;
      const entry = q.entries[e.entry];
      throw new PgError('42803', `subquery uses ungrouped column "${entry.alias}.${entry.columns[e.att].name}" from outer query`,
        e.loc !== undefined && e.loc >= 0 ? { position: e.loc + 1 } : {});
    }
    // an aggregate of q itself: its arguments are q's rows, not a group's value
    if (e.k === 'aggref' && (e.levelsUp ?? 0) === depth) return;
    if (e.k === 'sublink') {
      if (e.test) visit(e.test);
      checkSubquery(e.query, depth + 1, q, pkCovered);
      return;
    }
    for (const v of Object.values(e)) {
      if (Array.isArray(v)) for (const x of v) { if (x && typeof x === 'object' && 'k' in x) visit(x); else if (x && x.cond) { visit(x.cond); visit(x.result); } }
      else if (v && typeof v === 'object' && 'k' in v) visit(v as Expr);
    }
  };
  subqueryExprs(sq, depth, visit, (inner, d) => checkSubquery(inner, d, q, pkCovered));
}

/** The expressions of one query level (to `at`), and its nested levels (to `nested`, with their depth). */
function subqueryExprs(sq: Query, depth: number, at: (e: Expr) => void, nested: (inner: Query, depth: number) => void): void {
  // a set operation's branches were analyzed at the set operation's own level
  if (sq.setOp) {
    for (const b of [sq.setOp.left, sq.setOp.right]) {
      const wrapped = !b.setOp && b.entries.length === 1 && b.entries[0].alias === '*SELECT*' && b.entries[0].query;
      subqueryExprs(wrapped || b, depth, at, nested);
    }
  }
  if (sq.where) at(sq.where);
  if (sq.having) at(sq.having);
  for (const t of sq.targets) at(t.expr);
  for (const g of sq.groupBy) at(g);
  for (const o of sq.orderBy) at(o.expr);
  if (sq.limit) at(sq.limit);
  if (sq.offset) at(sq.offset);
  for (const a of sq.aggs) { for (const x of a.args) at(x); if (a.filter) at(a.filter); for (const o of a.orderBy) at(o.expr); for (const d of a.direct ?? []) at(d); }
  for (const en of sq.entries) {
    if (en.kind === 'cte' || en.kind === 'join') continue;
    // (a FROM subquery is analyzed beside its level, as a WITH query is, unless LATERAL)
    if (en.query) nested(en.query, en.query.lateral ? depth + 1 : depth);
    if (en.values) for (const r of en.values) for (const x of r) at(x);
    if (en.func) at(en.func);
  }
  const visitFrom = (n: FromNode) => { if (n.k === 'join') { if (n.on) at(n.on); visitFrom(n.left); visitFrom(n.right); } };
  sq.from.forEach(visitFrom);
  for (const c of sq.ctes ?? []) {
    if (c.query) nested(c.query, depth);
    if (c.recursive) nested(c.recursive.term, depth);
  }
}
