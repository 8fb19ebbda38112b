// EXISTS, NOT EXISTS and IN (subquery) in WHERE as semi and anti joins (PostgreSQL's
// pull_up_sublinks): the subquery's equalities with the outer row become hash keys, the
// rest of it runs once, and each outer row is looked up in the hash of its keys, instead
// of running the subquery once per outer row.
import type { Expr, Query } from '../analyzer/query.js';
import { andOf, entriesOf, hasSublink, isCorrelated, mapExpr, readsOuter, splitAnd } from './plan.js';
import { stripRelabel } from './selectivity.js';
import { pulledUp } from './pullup.js';

export interface SemiJoinSpec {
  anti: boolean;
  /** The subquery without its correlated equalities; its targets are their inner sides. */
  sub: Query;
  outerKeys: Expr[];
  innerKeys: Expr[];
  /** The condition and the subquery it came from. */
  cond: Expr;
  source: Query;
}

/** Reads only the query level `up` levels out (and nothing of its own level): levelsUp ≥ 1 only. */
function onlyOuter(e: Expr, depth = 0): boolean {
  if (e.k === 'var' || e.k === 'tableoid') return e.levelsUp === depth + 1;
  if (e.k === 'sublink' || e.k === 'aggref') return false;
  let ok = true;
  const check = (x: Expr) => { if (ok && !onlyOuter(x, depth)) ok = false; };
  switch (e.k) {
    case 'op': case 'func': case 'coalesce': case 'minmax': case 'row': e.args.forEach(check); break;
    case 'cast': case 'field': check(e.arg); break;
    case 'const': break;
    case 'param': break;
    default: ok = false;
  }
  return ok;
}

/** Reads columns of its own level only (no outer reference, no subquery). */
function onlyInner(e: Expr): boolean {
  if (hasSublink(e)) return false;
  return !readsOuter(e) && entriesOf(e).size > 0;
}

/** An outer reference of the subquery as an expression of the outer query. */
function lift(e: Expr): Expr {
  return mapExpr(e, x => ((x.k === 'var' || x.k === 'tableoid') && x.levelsUp > 0 ? { ...x, levelsUp: x.levelsUp - 1 } : x));
}

/** Is this a subquery that can become the inner side of a semi/anti join? */
function simpleSubquery(q: Query): boolean {
  return !q.setOp && !q.grouped && !q.aggs.length && !q.having && !q.limit && !q.offset && !q.ctes?.length && !q.distinctOn
    && !q.lateral && !q.lockRows && q.from.length > 0 && !q.groupBy.length;
}

const hashableEq = (c: Expr): c is Expr & { k: 'op' } =>
  c.k === 'op' && c.op.name === '=' && !c.op.user && c.args.length === 2 && c.op.left === c.op.right && c.type === 16;

/** A WHERE condition of the outer query as a semi or anti join, or null. */
export function sublinkAsJoin(c: Expr): SemiJoinSpec | null {
  let anti = false;
  let e = c;
  if (e.k === 'not') { anti = true; e = e.arg; }
  if (e.k !== 'sublink') return null;
  // the subquery as planned (its own simple subqueries pulled up), as EXPLAIN names it
  const q = pulledUp(e.query);
  if (!simpleSubquery(q)) return null;
  const outerKeys: Expr[] = [], innerKeys: Expr[] = [];
  if (e.kind === 'any') {
    if (anti) return null; // NOT IN: NULLs make it no anti join
    const t = e.test;
    if (!t || !hashableEq(t) || q.targets.filter(x => !x.junk).length !== 1) return null;
    const p = stripRelabel(t.args[1]);
    if (p.k !== 'param' || p.index !== -1 || hasSublink(t.args[0]) || entriesOf(t.args[0]).size === 0) return null;
    const inner = q.targets[0].expr;
    if (inner.type !== t.op.right || !onlyInner(inner)) return null;
    outerKeys.push(t.args[0]);
    innerKeys.push(inner);
  } else if (e.kind !== 'exists') return null;
  const keep: Expr[] = [];
  for (const w of splitAnd(q.where)) {
    if (!readsOuter(w)) { keep.push(w); continue; }
    if (!hashableEq(w)) return null;
    const [a, b] = w.args;
    if (onlyInner(a) && onlyOuter(b)) { innerKeys.push(a); outerKeys.push(lift(b)); continue; }
    if (onlyInner(b) && onlyOuter(a)) { innerKeys.push(b); outerKeys.push(lift(a)); continue; }
    return null;
  }
  if (!outerKeys.length) return null;
  const sub: Query = { ...q, where: andOf(keep), targets: innerKeys.map((k, i) => ({ name: `key${i}`, expr: k })), orderBy: [], distinct: false };
  // anything else correlated (join conditions, the select list of IN) keeps it a subplan
  if (isCorrelated(sub)) return null;
  return { anti, sub, outerKeys, innerKeys, cond: c, source: q };
}
