// The query level an aggregate call belongs to (PostgreSQL's agglevelsup): the lowest
// level of the columns its arguments read. A call reading only outer columns is an
// aggregate of the outer query; that is not supported yet, and says so rather than
// computing a per-row result.
import { PgError } from '../errors/index.js';
import { forEachChild, visitQueryExprs } from './walk.js';
import type { Expr } from './query.js';

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
