// Subqueries in FROM, LATERAL or not. A LATERAL subquery sees the FROM items to its
// left as the next level up (their columns are level-1 references, like a correlated
// subquery's); the executor runs it once per row of those items. A plain one sees only
// the levels above the query that contains it.
import { PgError } from '../errors/index.js';
import { missingColumnHint } from './column-hint.js';
import { nodeLocation } from './expr.js';
import { visitQueryExprs, forEachChild } from './walk.js';
import type { Expr, FromNode, Query } from './query.js';
import type { NsItem, Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export function analyzeRangeSubselect(sa: SelectAnalyzer, rs: any, scope: Scope, q: Query): FromNode {
  const stmt = rs.subquery.SelectStmt;
  if (!rs.alias) {
    throw new PgError('42601', 'subquery in FROM must have an alias', { hint: 'For example, FROM (SELECT ...) [AS] foo.', ...pos(nodeLocation(rs.subquery)) });
  }
  let sub: Query;
  if (rs.lateral) {
    // the items so far, as they are now: later items are not visible, nor is the target of UPDATE / DELETE
    const parent: Scope = { ...scope, items: scope.items.filter(i => !i.dmlTarget), aggContext: 'FROM clause of their own query level' };
    try {
      sub = sa.select(stmt, parent);
    } catch (e) {
      throw outOfReach(e, scope.items.filter(i => i.dmlTarget));
    }
    sub.lateral = true;
  } else {
    try {
      sub = sa.select(stmt, scope.parent);
    } catch (e) {
      // a column of an item of this level: PostgreSQL says it exists but is out of reach
      if (e instanceof PgError && e.code === '42703') {
        const m = /^column (?:"([^"]+)"|\S+\.(\S+)) does not exist$/.exec(e.message);
        const name = m?.[1] ?? m?.[2];
        if (name) {
          const hint = missingColumnHint({ query: q, items: [], parent: null, aggContext: null, correlatedRefs: { count: 0 } }, null, name);
          if (hint?.includes('cannot be referenced')) e.hint = hint;
        }
      }
      // a FROM item of this level named by a qualifier: it exists, but is out of reach
      const missing = e instanceof PgError && e.code === '42P01' ? /^missing FROM-clause entry for table "(.*)"$/.exec(e.message) : null;
      if (missing && q.entries.some(en => en.alias === missing[1])) {
        throw new PgError('42P01', `invalid reference to FROM-clause entry for table "${missing[1]}"`, {
          hint: `There is an entry for table "${missing[1]}", but it cannot be referenced from this part of the query.`,
          ...(e.position !== undefined ? { position: e.position } : {}) });
      }
      throw e;
    }
  }
  return sa.addSubqueryEntry(sub, rs.alias, scope, q);
}

/** Does a LATERAL subquery read the FROM items of the level that contains it? */
export function readsLateralItems(sub: Query): boolean {
  let found = false;
  const check = (e: Expr, depth: number): void => {
    if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp === depth + 1) found = true;
    if (e.k === 'sublink') { visitQueryExprs(e.query, x => check(x, depth + 1)); if (e.test) check(e.test, depth); return; }
    forEachChild(e, c => check(c, depth));
  };
  visitQueryExprs(sub, e => check(e, 0));
  return found;
}

/**
 * A LATERAL item on the right of a FULL or RIGHT join cannot read the left side: the
 * join would have to produce left rows the lateral item never saw.
 */
export function checkLateralJoinType(q: Query, type: string, leftEntries: number[], rightEntries: number[]): void {
  if (type !== 'full' && type !== 'right') return;
  const left = new Set(leftEntries);
  let found: { entry: number; loc?: number } | null = null;
  const look = (e: Expr, depth: number): void => {
    if (found) return;
    if (e.k === 'var' && e.levelsUp === depth && left.has(e.entry)) { found = { entry: e.entry, loc: e.loc }; return; }
    if (e.k === 'sublink') { visitQueryExprs(e.query, x => look(x, depth + 1)); if (e.test) look(e.test, depth); return; }
    forEachChild(e, c => look(c, depth));
  };
  for (const i of rightEntries) {
    const en = q.entries[i];
    if (en.kind === 'function' && en.func) look(en.func, 0);
    else if (en.query?.lateral) visitQueryExprs(en.query, x => look(x, 1));
  }
  if (!found) return;
  const f = found as { entry: number; loc?: number };
  throw new PgError('42P10', `invalid reference to FROM-clause entry for table "${q.entries[f.entry].alias}"`, {
    detail: 'The combining JOIN type must be INNER or LEFT for a LATERAL reference.', ...pos(f.loc) });
}

/** An unknown name that is a column (or the name) of an item the subquery may not read: PostgreSQL's error for it. */
function outOfReach(e: unknown, hidden: NsItem[]): unknown {
  if (!(e instanceof PgError) || !hidden.length) return e;
  const col = e.code === '42703' ? /^column "([^"]+)" does not exist$/.exec(e.message)?.[1] : undefined;
  const rel = e.code === '42P01' ? /^missing FROM-clause entry for table "(.*)"$/.exec(e.message)?.[1] : undefined;
  const item = hidden.find(i => (col !== undefined && i.columns.some(c => c.name === col)) || (rel !== undefined && i.alias === rel));
  if (!item?.alias) return e;
  return new PgError('42P01', `invalid reference to FROM-clause entry for table "${item.alias}"`, {
    hint: `There is an entry for table "${item.alias}", but it cannot be referenced from this part of the query.`,
    ...(e.position !== undefined ? { position: e.position } : {}) });
}
