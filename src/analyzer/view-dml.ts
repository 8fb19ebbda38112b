// INSERT, UPDATE and DELETE through an automatically updatable view (PostgreSQL's
// rewriteTargetView): the statement acts on the view's one base table, found through any
// chain of such views. The view's columns read as its expressions over the base row, its
// WHERE joins the statement's, a column is assignable only when it is a plain column of
// the base table, and WITH CHECK OPTION conditions are checked on every new row.
import { PgError } from '../errors/index.js';
import type { Column, Table, View } from '../catalog/objects.js';
import type { Expr, Query } from './query.js';
import type { NsColumn, Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { analyzeViewQuery } from './view.js';
import { updatabilityError } from './view-updatable.js';

type Verb = 'insert' | 'update' | 'delete';

/** A view condition a new row must satisfy (WITH CHECK OPTION), over entry 0 = the base row. */
export interface ViewCheck {
  view: string;
  cond: Expr;
  /** A row-level security check of table `view` (privileges/row-security.ts): the restrictive policy's name, or null for the permissive ones. */
  rls?: { policy: string | null };
}

export interface ViewTarget {
  view: View;
  table: Table;
  /** The base relation read with its inheritance children (UPDATE/DELETE). */
  inh: boolean;
  /** Per view column: the base column it is, or null when it is computed. */
  columns: (Column | null)[];
  /** Per view column: its value over the base row (entry 0). */
  exprs: Expr[];
  /** The WHERE of the views, over the base row. */
  quals: Expr | null;
  checks: ViewCheck[];
}

const VERBS: Record<Verb, [string, string, string]> = {
  insert: ['cannot insert into view', 'inserting into', 'INSERT'],
  update: ['cannot update view', 'updating', 'UPDATE'],
  delete: ['cannot delete from view', 'deleting from', 'DELETE'],
};

function notUpdatable(view: View, verb: Verb, detail: string): PgError {
  const [what, ing, kw] = VERBS[verb];
  return new PgError('55000', `${what} "${view.name}"`, { detail,
    hint: `To enable ${ing} the view, provide an INSTEAD OF ${kw} trigger or an unconditional ON ${kw} DO INSTEAD rule.` });
}

/** The base table of an updatable view and how the view's columns and conditions read over its rows. */
export function resolveViewTarget(sa: SelectAnalyzer, view: View, verb: Verb, cascade = false): ViewTarget {
  const q = analyzeViewQuery(sa.ctx, view);
  const why = updatabilityError(q);
  if (why) throw notUpdatable(view, verb, why);
  const outs = q.targets.filter(t => !t.junk).slice(0, view.columns.length);
  if (outs.some(t => hasSublink(t.expr)) || (q.where && hasSublink(q.where))) {
    throw new PgError('0A000', `${VERBS[verb][0]} "${view.name}" with subqueries in its definition is not supported`);
  }
  const e = q.entries[(q.from[0] as { entry: number }).entry];
  const own = view.checkOption ?? (cascade ? 'cascaded' : null);
  let t: ViewTarget;
  /** This view's own WHERE over the base row. */
  let ownQuals: Expr | null = q.where;
  if (e.kind === 'table') {
    const table = e.table!;
    t = { view, table, inh: e.inh !== false, quals: q.where, checks: [],
      exprs: outs.map(o => o.expr),
      columns: outs.map(o => (o.expr.k === 'var' && o.expr.levelsUp === 0 ? table.columns[e.columns[o.expr.att].attnum! - 1] : null)) };
  } else {
    // a view over an updatable view: its expressions are over the inner view's columns
    const inner = resolveViewTarget(sa, e.view!, verb, own === 'cascaded');
    const sub = (x: Expr) => substitute(x, inner.exprs);
    const quals = ownQuals = q.where ? sub(q.where) : null;
    t = { view, table: inner.table, inh: inner.inh, checks: inner.checks,
      quals: quals && inner.quals ? { k: 'and', type: quals.type, typmod: -1, args: [quals, inner.quals] } : quals ?? inner.quals,
      exprs: outs.map(o => sub(o.expr)),
      columns: outs.map(o => (o.expr.k === 'var' && o.expr.levelsUp === 0 ? inner.columns[o.expr.att] : null)) };
  }
  if (verb !== 'delete' && !t.columns.some(c => c)) {
    throw notUpdatable(view, verb, 'Views that have no updatable columns are not automatically updatable.');
  }
  // this view's own condition is checked after those of the views it reads
  if (own && ownQuals) t.checks = [...t.checks, { view: view.name, cond: ownQuals }];
  return t;
}

/** Replaces references to the view's one FROM item (entry 0) by the expressions of its columns. */
function substitute(e: Expr, exprs: Expr[]): Expr {
  if (e.k === 'var' && e.levelsUp === 0) return exprs[e.att];
  const out: any = { ...e };
  for (const [k, v] of Object.entries(e)) {
    if (k === 'fn' || k === 'op' || k === 'eq' || k === 'ops' || k === 'eqs' || k === 'cmp') continue;
    if (Array.isArray(v)) out[k] = v.map(x => (isExpr(x) ? substitute(x, exprs) : isWhen(x) ? { cond: substitute(x.cond, exprs), result: substitute(x.result, exprs) } : x));
    else if (isExpr(v)) out[k] = substitute(v, exprs);
  }
  return out as Expr;
}

const isExpr = (x: unknown): x is Expr => !!x && typeof x === 'object' && typeof (x as Expr).k === 'string' && 'type' in (x as object);
const isWhen = (x: unknown): x is { cond: Expr; result: Expr } => !!x && typeof x === 'object' && 'cond' in (x as object) && 'result' in (x as object);

function hasSublink(e: Expr): boolean {
  let found = false;
  const walk = (x: Expr): void => {
    if (x.k === 'sublink') { found = true; return; }
    for (const v of Object.values(x)) {
      if (Array.isArray(v)) v.forEach(y => { if (isExpr(y)) walk(y); else if (isWhen(y)) { walk(y.cond); walk(y.result); } });
      else if (isExpr(v)) walk(v);
    }
  };
  walk(e);
  return found;
}

/** The view as the statement's target: entry 0 is the base table, named and read as the view. */
export function addViewTarget(sa: SelectAnalyzer, view: View, rv: any, scope: Scope, q: Query, verb: Verb): ViewTarget {
  const t = resolveViewTarget(sa, view, verb);
  const alias: string = rv.alias?.aliasname ?? view.name;
  q.entries.push({ alias, kind: 'table', table: t.table, inh: verb === 'insert' ? false : t.inh, dmlView: view,
    columns: t.table.columns.map(c => ({ name: c.name, type: c.typeOid, typmod: c.typmod, dropped: c.dropped, attnum: c.attnum })) });
  const columns: NsColumn[] = view.columns.map((c, i) => ({ name: c.name, make: (lv: number) => shiftLevels(t.exprs[i], lv) }));
  scope.items.push({ alias, entry: 0, columns, schema: view.schema.name, ...(rv.alias ? {} : { unaliasedRelid: view.oid }) });
  return t;
}

/** An expression over entry 0, read from `lv` levels further in. */
function shiftLevels(e: Expr, lv: number): Expr {
  if (lv === 0) return e;
  if (e.k === 'var' || e.k === 'tableoid') return { ...e, levelsUp: e.levelsUp + lv };
  const out: any = { ...e };
  for (const [k, v] of Object.entries(e)) {
    if (Array.isArray(v)) out[k] = v.map(x => (isExpr(x) ? shiftLevels(x, lv) : isWhen(x) ? { cond: shiftLevels(x.cond, lv), result: shiftLevels(x.result, lv) } : x));
    else if (isExpr(v)) out[k] = shiftLevels(v, lv);
  }
  return out as Expr;
}

function viewColumnIndex(t: ViewTarget, name: string, location: number): number {
  const i = t.view.columns.findIndex(c => c.name === name);
  if (i < 0) throw new PgError('42703', `column "${name}" of relation "${t.view.name}" does not exist`, location >= 0 ? { position: location + 1 } : undefined);
  return i;
}

function notAssignable(t: ViewTarget, name: string, verb: 'insert into' | 'update'): PgError {
  return new PgError('0A000', `cannot ${verb} column "${name}" of view "${t.view.name}"`,
    { detail: 'View columns that are not columns of their base relation are not updatable.' });
}

/** UPDATE … SET view_column = …: the SET list naming the base columns. */
export function viewSetList(t: ViewTarget, list: any[]): any[] {
  return list.map(item => {
    const rt = item.ResTarget;
    const i = viewColumnIndex(t, rt.name, rt.location);
    const col = t.columns[i];
    if (!col) throw notAssignable(t, rt.name, 'update');
    return { ResTarget: { ...rt, name: col.name } };
  });
}

/**
 * INSERT INTO view [(columns)]: the base columns they are. A computed view column is kept
 * as a stand-in (attnum 0) so that values can be matched to columns first; insertColumnsCheck
 * refuses it once the statement's width is known.
 */
export function viewInsertColumns(t: ViewTarget, list: any[] | undefined): Column[] {
  const stand = (i: number): Column => ({ ...t.table.columns[0], name: t.view.columns[i].name, attnum: 0,
    typeOid: t.view.columns[i].typeOid, typmod: t.view.columns[i].typmod, dropped: false });
  if (!list?.length) return t.view.columns.map((_, i) => t.columns[i] ?? stand(i));
  const seen = new Set<number>();
  return list.map(item => {
    const rt = item.ResTarget;
    const i = viewColumnIndex(t, rt.name, rt.location);
    if (seen.has(i)) throw new PgError('42701', `column "${rt.name}" specified more than once`, rt.location >= 0 ? { position: rt.location + 1 } : undefined);
    seen.add(i);
    return t.columns[i] ?? stand(i);
  });
}

export function insertColumnsCheck(t: ViewTarget, cols: Column[]): void {
  const bad = cols.find(c => c.attnum === 0);
  if (bad) throw notAssignable(t, bad.name, 'insert into');
  const seen = new Set<number>();
  for (const c of cols) {
    if (seen.has(c.attnum)) throw new PgError('42601', `multiple assignments to same column "${c.name}"`);
    seen.add(c.attnum);
  }
}
