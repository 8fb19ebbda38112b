// Views in queries: a view named in FROM is its stored query, analyzed where it is used
// (names resolved with the search path it was created under) and read like a subquery
// in FROM whose columns are the view's. Also what a view's query reads, for pg_depend.
import { userOperatorOf } from './operator-candidates.js';
import { PgError } from '../errors/index.js';
import type { DepObject, Table, View } from '../catalog/objects.js';
import type { AnalyzeContext } from './context.js';
import type { Expr, FromNode, Query } from './query.js';
import type { Scope } from './scope.js';
import { SelectAnalyzer } from './select.js';
import { forEachChild } from './walk.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

/** Views being expanded right now (a view that reads itself is refused, as PostgreSQL's rewriter does). */
const expanding = new Set<View>();

/** The view's query, analyzed: its visible outputs are the view's columns. */
export function analyzeViewQuery(ctx: AnalyzeContext, view: View): Query {
  if (expanding.has(view)) throw new PgError('42P17', `infinite recursion detected in rules for relation "${view.name}"`);
  expanding.add(view);
  try {
    let q: Query;
    try {
      q = new SelectAnalyzer({ ...ctx, searchPath: view.searchPath ?? ctx.searchPath, lookupUser: undefined, rlsUser: view.owner }).select(view.query, null);
    } catch (e) {
      // a position would point into the view's text, not into the statement being run
      if (e instanceof PgError) e.position = undefined;
      throw e;
    }
    const outs = q.targets.filter(t => !t.junk);
    if (outs.length < view.columns.length) throw new PgError('XX000', `view "${view.name}" has lost some of its columns`);
    return q;
  } finally {
    expanding.delete(view);
  }
}

/** A view named in FROM: a subquery entry over its query, named by the alias or the view. */
export function expandViewReference(sa: SelectAnalyzer, view: View, rv: any, scope: Scope, q: Query): FromNode {
  const sub = analyzeViewQuery(sa.ctx, view);
  const alias: string = rv.alias?.aliasname ?? view.name;
  const colAliases: string[] = (rv.alias?.colnames ?? []).map(str);
  if (colAliases.length > view.columns.length) {
    throw new PgError('42P10', `table "${alias}" has ${view.columns.length} columns available but ${colAliases.length} columns specified`);
  }
  const columns = view.columns.map((c, i) => ({ name: colAliases[i] ?? c.name, type: c.typeOid, typmod: c.typmod }));
  const idx = q.entries.length;
  q.entries.push({ alias, kind: 'subquery', query: sub, columns, view });
  const item = sa.itemFor(alias, idx, columns, view.schema.name);
  if (!rv.alias) item.unaliasedRelid = view.oid;
  scope.items.push(item);
  return { k: 'entry', entry: idx };
}

/** What a view's query reads: relations (sub 0) and their columns (sub attnum), each once. */
export function viewReferences(q: Query): { obj: DepObject; sub: number }[] {
  const out = new Map<string, { obj: DepObject; sub: number }>();
  const add = (obj: Table | View, sub: number) => { const k = `${obj.oid}:${sub}`; if (!out.has(k)) out.set(k, { obj, sub }); };
  const stack: { q: Query; skip: boolean }[] = [];
  const levelAt = (up: number) => {
    let i = stack.length - 1;
    for (let k = 0; k < up; k++) i -= stack[i].skip ? 2 : 1;
    return stack[i]?.q;
  };
  const expr = (e: Expr): void => {
    if (e.k === 'var') {
      const entry = levelAt(e.levelsUp)?.entries[e.entry];
      if (entry?.kind === 'table' && entry.table) add(entry.table, entry.columns[e.att].attnum ?? e.att + 1);
      else if (entry?.view) add(entry.view, e.att + 1);
    }
    if (e.k === 'sublink') { query(e.query, false); if (e.test) expr(e.test); return; }
    // a user-defined operator the view calls (operator-candidates.ts): DROP OPERATOR needs CASCADE
    const u = userOperatorOf(e);
    if (u && !out.has(`op:${u.oid}`)) out.set(`op:${u.oid}`, { obj: u, sub: 0 });
    forEachChild(e, expr);
  };
  const query = (x: Query, skip: boolean): void => {
    stack.push({ q: x, skip });
    for (const c of x.ctes ?? []) {
      if (c.query) query(c.query, true);
      if (c.recursive) query(c.recursive.term, true);
    }
    for (const en of x.entries) {
      if (en.kind === 'table' && en.table) add(en.table, 0);
      else if (en.view) add(en.view, 0);
      else if (en.query) query(en.query, !en.query.lateral);
      for (const r of en.values ?? []) r.forEach(expr);
      if (en.func) expr(en.func);
    }
    if (x.setOp) { query(x.setOp.left, true); query(x.setOp.right, true); }
    for (const t of x.targets) expr(t.expr);
    if (x.where) expr(x.where);
    if (x.having) expr(x.having);
    x.groupBy.forEach(expr);
    x.orderBy.forEach(k => expr(k.expr));
    x.distinctOn?.forEach(expr);
    for (const a of x.aggs) { a.args.forEach(expr); if (a.filter) expr(a.filter); a.orderBy.forEach(k => expr(k.expr)); }
    const from = (n: FromNode): void => { if (n.k === 'join') { if (n.on) expr(n.on); from(n.left); from(n.right); } };
    x.from.forEach(from);
    if (x.limit) expr(x.limit);
    if (x.offset) expr(x.offset);
    stack.pop();
  };
  query(q, false);
  return [...out.values()];
}
