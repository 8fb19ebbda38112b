// Finding set-returning calls in a bound expression (subqueries are their own business).
import { forEachChild } from './walk.js';
import type { Expr } from './query.js';

export function containsSrfCall(e: Expr): boolean {
  if (e.k === 'func' && e.fn.retSet) return true;
  let found = false;
  forEachChild(e, c => { if (!found && containsSrfCall(c)) found = true; });
  return found;
}
