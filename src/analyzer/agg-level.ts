// The query level an aggregate call belongs to (PostgreSQL's agglevelsup): the lowest
// level of the columns its arguments read. A call reading only outer columns is an
// aggregate of the outer query: it is computed there, per group of the outer query, and
// the subquery reads its result (aggref with levelsUp).
import { PgError } from '../errors/index.js';
import { forEachChild, visitQueryExprs } from './walk.js';
import type { Expr, Query } from './query.js';
import type { Scope } from './scope.js';

/** The lowest level (0 = this one) of the columns read, or null when none is. */
export function lowestLevel(exprs: Expr[]): number | null {
  let min: number | null = null;
  const walk = (e: Expr, depth: number): void => {
    if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp >= depth) {
      const l = e.levelsUp - depth;
      if (min === null || l < min) min = l;
    }
    if (e.k === 'sublink') { visitQueryExprs(e.query, x => walk(x, depth + 1)); if (e.test) walk(e.test, depth); return; }
    forEachChild(e, c => walk(c, depth));
  };
  for (const e of exprs) walk(e, 0);
  return min;
}

export function refuseOuterLevelAggregate(exprs: Expr[], location: number): void {
  const level = lowestLevel(exprs);
  if (level !== null && level > 0) {
    throw new PgError('0A000', 'aggregate functions whose arguments read only outer query columns are not supported',
      location >= 0 ? { position: location + 1 } : undefined);
  }
}

/**
 * The scope an aggregate call belongs to (PostgreSQL's agglevelsup): `levels` up from `scope`,
 * where aggregates must be allowed (a call inside an aggregate of that level is nested).
 */
export function aggregateScope(scope: Scope, levels: number, location: number): Scope {
  let s: Scope = scope;
  for (let i = 0; i < levels && s.parent; i++) s = s.parent;
  if (s.aggContext !== 'ok') {
    if (s.aggContext === 'nested') throw new PgError('42803', 'aggregate function calls cannot be nested', pos(location));
    throw new PgError('42803', `aggregate functions are not allowed in ${s.aggContext ?? 'this context'}`, pos(location));
  }
  for (let x: Scope | null = scope; x && x !== s; x = x.parent) x.correlatedRefs.count++;
  return s;
}

/**
 * Re-bases an outer-level aggregate's argument expressions on the level it belongs to
 * (levelsUp reduced by `levels`), in place: they were built for this call alone.
 */
export function rebaseLevels(exprs: Expr[], levels: number): void {
  const seen = new Set<Expr>();
  const walk = (e: Expr, depth: number): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp >= depth + levels) (e as { levelsUp: number }).levelsUp -= levels;
    if (e.k === 'aggref' && (e.levelsUp ?? 0) >= depth + levels) e.levelsUp = (e.levelsUp ?? 0) - levels;
    if (e.k === 'sublink') { visitQueryExprs(e.query, x => walk(x, depth + 1)); if (e.test) walk(e.test, depth); return; }
    forEachChild(e, c => walk(c, depth));
  };
  for (const e of exprs) walk(e, 0);
}

const pos = (loc: number) => (loc >= 0 ? { position: loc + 1 } : undefined);

/** An aggregate of the same level inside the arguments, FILTER or ORDER BY of an aggregate call (check_agg_arguments). */
export function nestedAggregateCheck(exprs: Expr[], levels: number, owner: Query): void {
  const walk = (e: Expr, depth: number): void => {
    if (e.k === 'aggref' && (e.levelsUp ?? 0) === levels + depth) {
      const loc = owner.aggs[e.index]?.loc ?? -1;
      throw new PgError('42803', 'aggregate function calls cannot be nested', pos(loc));
    }
    if (e.k === 'sublink') { visitQueryExprs(e.query, x => walk(x, depth + 1)); if (e.test) walk(e.test, depth); return; }
    forEachChild(e, c => walk(c, depth));
  };
  for (const e of exprs) walk(e, 0);
}
