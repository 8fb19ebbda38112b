// Where set-returning functions may be called (PostgreSQL's check_srf_call_placement):
// the select list, ORDER BY, DISTINCT ON and functions in FROM (at top level only);
// anywhere else is an error naming the clause. CASE and COALESCE refuse them too, since
// they would evaluate them conditionally.
import { PgError } from '../errors/index.js';
import type { Scope } from './scope.js';

const pos = (loc: number) => (loc >= 0 ? { position: loc + 1 } : undefined);
const LATERAL_HINT = 'You might be able to move the set-returning function into a LATERAL FROM item.';

/** Clauses (by the scope's aggContext) where a set-returning call is an error. */
const REFUSED: Record<string, string> = {
  WHERE: 'WHERE', 'JOIN conditions': 'JOIN conditions', LIMIT: 'LIMIT', OFFSET: 'OFFSET', VALUES: 'VALUES',
  UPDATE: 'UPDATE', RETURNING: 'RETURNING', 'DEFAULT expressions': 'DEFAULT expressions',
  'check constraints': 'check constraints', 'partition key expressions': 'partition key expressions', 'partition bound': 'partition bound',
};

/**
 * Checks a set-returning call at `location`; `lastBefore` is the location of the last
 * set-returning call seen before its arguments were analyzed.
 */
export function checkSrfPlacement(scope: Scope, location: number, lastBefore: number, lastNow: number): void {
  const where = scope.aggContext;
  if (where === 'nested') {
    throw new PgError('42803', 'aggregate function calls cannot contain set-returning function calls', { ...pos(location), hint: LATERAL_HINT });
  }
  if (where === 'functions in FROM' && lastNow !== lastBefore) {
    throw new PgError('0A000', 'set-returning functions must appear at top level of FROM', pos(lastNow));
  }
  if (where === 'GROUP BY') throw new PgError('0A000', 'set-returning functions in GROUP BY are not supported', pos(location));
  const clause = where === null ? null : REFUSED[where];
  if (clause) throw new PgError('0A000', `set-returning functions are not allowed in ${clause}`, pos(location));
}

/** CASE, COALESCE and the like: an error if a set-returning call was analyzed inside. */
export function refuseSrfIn(construct: string, lastBefore: number, lastNow: number): void {
  if (lastNow !== lastBefore) {
    throw new PgError('0A000', `set-returning functions are not allowed in ${construct}`, { ...pos(lastNow), hint: LATERAL_HINT });
  }
}

/** A clause analyzed apart from the select list (HAVING): an error if a set-returning call was analyzed in it. */
export function refuseSrfInClause(clause: string, lastBefore: number, lastNow: number): void {
  if (lastNow !== lastBefore) throw new PgError('0A000', `set-returning functions are not allowed in ${clause}`, pos(lastNow));
}
