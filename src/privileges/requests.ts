// The privileges a statement needs (the RTE's requiredPerms, selectedCols, insertedCols and
// updatedCols of PostgreSQL), read off the analyzed tree, and their check
// (ExecCheckRTPerms): each relation needs its privileges as a whole, or else on every column
// the statement reads or writes (any column when it reads none). Relations a view reads are
// checked as the view's owner. Done once per analysis: the analyzed statement is cached per
// user and catalog version, so a statement run again is not checked again.
import type { Catalog } from '../catalog/catalog.js';
import type { Relation, Table, UserFunction, View } from '../catalog/objects.js';
import type { DmlStatement } from '../analyzer/dml.js';
import type { CteDef, Expr, Query, TargetEntry } from '../analyzer/query.js';
import { forEachChild } from '../analyzer/walk.js';
import { ACL } from '../catalog/acl.js';
import { checkSelectRowSecurity } from './row-security.js';
import { checkExecute } from './commands.js';
import { columnObject, isSuperuserName, permissionDenied, privilegesHeld, relationObject } from './check.js';

interface Need {
  rel: Relation;
  /** The role the check is made as (a view's owner for what the view reads). */
  user: string;
  perms: number;
  selected: Set<number>;
  inserted: Set<number>;
  updated: Set<number>;
}

class Needs {
  list: Need[] = [];
  /** WITH queries some entry reads (one nobody reads is never run, so never checked). */
  ctes = new Set<CteDef>();
  constructor(readonly cat: Catalog, readonly user: string) {}

  add(rel: Relation, user: string, perms: number): Need {
    const n: Need = { rel, user, perms, selected: new Set(), inserted: new Set(), updated: new Set() };
    this.list.push(n);
    return n;
  }
}

/** Per query level being walked: each entry's need (null: none to record). */
interface Level { q: Query; skip: boolean; needs: (Need | null)[] }

/** Walks a query, recording which columns of which relations it reads, as `user`. */
function walkQuery(needs: Needs, q: Query, user: string, stack: Level[], skip: boolean, target?: Need): void {
  const level: Level = { q, skip, needs: [] };
  q.entries.forEach((en, i) => {
    if (i === 0 && target) { level.needs.push(target); return; }
    if (en.kind === 'table' && en.table) {
      checkSelectRowSecurity(needs.cat, user, en.table, !!en.rowSecurity);
      level.needs.push(needs.add(en.table, user, ACL.SELECT));
    }
    else if (en.view) level.needs.push(needs.add(en.view, user, ACL.SELECT));
    else level.needs.push(null);
  });
  stack.push(level);
  const expr = (e: Expr) => walkExpr(needs, e, user, stack);
  for (const en of q.entries) {
    if (en.kind === 'cte' && en.cte) needs.ctes.add(en.cte);
    // a view's own query reads its relations with the privileges of the view's owner
    if (en.view && en.query) walkQuery(needs, en.query, en.view.owner, stack, true);
    else if (en.query) walkQuery(needs, en.query, user, stack, !en.query.lateral);
    for (const r of en.values ?? []) r.forEach(expr);
    if (en.func) expr(en.func);
  }
  if (q.setOp) { walkQuery(needs, q.setOp.left, user, stack, true); walkQuery(needs, q.setOp.right, user, stack, true); }
  for (const t of q.targets) expr(t.expr);
  if (q.where) expr(q.where);
  if (q.having) expr(q.having);
  q.groupBy.forEach(expr);
  q.orderBy.forEach(k => expr(k.expr));
  q.distinctOn?.forEach(expr);
  for (const a of q.aggs) { a.args.forEach(expr); if (a.filter) expr(a.filter); a.orderBy.forEach(k => expr(k.expr)); }
  const from = (n: Query['from'][number]): void => { if (n.k === 'join') { if (n.on) expr(n.on); from(n.left); from(n.right); } };
  q.from.forEach(from);
  if (q.limit) expr(q.limit);
  if (q.offset) expr(q.offset);
  walkCtes(needs, q.ctes ?? [], user, stack);
  stack.pop();
}

/** The WITH queries read (also by one another) and the data-modifying ones, which always run. */
function walkCtes(needs: Needs, ctes: CteDef[], user: string, stack: Level[]): void {
  const done = new Set<CteDef>();
  for (let more = true; more;) {
    more = false;
    for (const c of ctes) {
      if (done.has(c) || !(c.dml || needs.ctes.has(c))) continue;
      done.add(c);
      more = true;
      if (c.query) walkQuery(needs, c.query, user, stack, true);
      if (c.recursive) walkQuery(needs, c.recursive.term, user, stack, true);
      if (c.dml) walkDml(needs, c.dml, user, stack);
    }
  }
}

function walkExpr(needs: Needs, e: Expr, user: string, stack: Level[]): void {
  if (e.k === 'var') {
    let i = stack.length - 1;
    for (let k = 0; k < e.levelsUp; k++) i -= stack[i].skip ? 2 : 1;
    const level = stack[i];
    const need = level?.needs[e.entry];
    if (need) {
      const en = level.q.entries[e.entry];
      need.selected.add(en.kind === 'table' ? (en.columns[e.att]?.attnum ?? e.att + 1) : e.att + 1);
    }
    return;
  }
  if (e.k === 'sublink') { walkQuery(needs, e.query, user, stack, false); if (e.test) walkExpr(needs, e.test, user, stack); return; }
  // a user-defined function needs EXECUTE (PUBLIC has it until revoked)
  const called = e.k === 'func' ? (e.fn as unknown as { user?: UserFunction }).user : undefined;
  if (called) checkExecute(needs.cat, user, called);
  forEachChild(e, c => walkExpr(needs, c, user, stack));
}

/** INSERT / UPDATE / DELETE: the target's own privilege, and what every clause reads. */
function walkDml(needs: Needs, s: DmlStatement, user: string, stack: Level[]): void {
  const view = (s.kind === 'insert' ? s.rowQuery : s.query).entries[0]?.dmlView as View | undefined;
  const perm = s.kind === 'insert' ? ACL.INSERT : s.kind === 'update' ? ACL.UPDATE : ACL.DELETE;
  // through a view: the view needs the privilege of the user, its table that of the view's owner
  const viewNeed = view ? needs.add(view, user, perm) : null;
  const target = needs.add(s.table, view ? view.owner : user, perm);
  const exprs = (list: Expr[], q: Query) => { stack.push({ q, skip: false, needs: [target] }); list.forEach(e => walkExpr(needs, e, user, stack)); stack.pop(); };
  const returning = (r: TargetEntry[], q: Query) => exprs(r.map(t => t.expr), q);
  if (s.kind === 'insert') {
    s.columns.forEach(a => target.inserted.add(a));
    viewNeed && s.columns.forEach(a => viewNeed.inserted.add(a));
    if (s.select) walkQuery(needs, s.select, user, stack, true);
    for (const row of s.values ?? []) row.forEach(e => walkExpr(needs, e, user, stack));
    if (s.onConflict?.action === 'update') {
      target.perms |= ACL.UPDATE;
      s.onConflict.sets.forEach(x => target.updated.add(x.attnum));
    }
    if (s.onConflict) {
      const oc = s.onConflict;
      const list = [...oc.sets.map(x => x.expr), ...(oc.where ? [oc.where] : [])];
      stack.push({ q: oc.query, skip: false, needs: [target, null] });
      list.forEach(e => walkExpr(needs, e, user, stack));
      stack.pop();
    }
    if (s.returning.length) returning(s.returning, s.rowQuery);
  } else {
    walkQuery(needs, s.query, user, stack, false, target);
    if (s.kind === 'update') {
      s.sets.forEach(x => { target.updated.add(x.attnum); viewNeed?.updated.add(x.attnum); });
      exprs(s.sets.map(x => x.multi?.source ?? x.expr), s.query);
    }
    if (s.returning.length) returning(s.returning, s.query);
  }
  stack.push({ q: s.kind === 'insert' ? s.rowQuery : s.query, skip: false, needs: [] });
  walkCtes(needs, s.ctes, user, stack);
  stack.pop();
  if (target.selected.size) target.perms |= ACL.SELECT;
  if (viewNeed && target.selected.size) { viewNeed.perms |= ACL.SELECT; target.selected.forEach(a => viewNeed.selected.add(a)); }
}

/** ExecCheckRTEPerms for one relation: the privileges on it, or column by column. */
function checkNeed(cat: Catalog, n: Need): boolean {
  if (isSuperuserName(cat, n.user)) return true;
  const rel = relationObject(n.rel);
  const held = privilegesHeld(cat, n.user, rel, n.perms);
  let missing = n.perms & ~held;
  if (!missing) return true;
  if (n.rel.kind !== 'table') return false;
  // what the table does not grant, its columns may
  const table = n.rel as Table;
  const colCheck = (bit: number, cols: Set<number>): boolean => {
    if (!(missing & bit)) return true;
    const columns = table.columns.filter(c => !c.dropped);
    if (cols.size === 0) return columns.some(c => privilegesHeld(cat, n.user, columnObject(table, c), bit) === bit);
    for (const a of cols) {
      if (a <= 0) continue;
      const c = table.columns.find(x => x.attnum === a);
      if (!c || privilegesHeld(cat, n.user, columnObject(table, c), bit) !== bit) return false;
    }
    return true;
  };
  if (!colCheck(ACL.SELECT, n.selected) || !colCheck(ACL.INSERT, n.inserted) || !colCheck(ACL.UPDATE, n.updated)) return false;
  missing &= ~(ACL.SELECT | ACL.INSERT | ACL.UPDATE);
  return missing === 0;
}

/** Checks what a SELECT needs (throws PostgreSQL's permission error). */
export function checkQueryPrivileges(cat: Catalog, user: string, q: Query): void {
  const needs = new Needs(cat, user);
  walkQuery(needs, q, user, [], false);
  check(cat, needs);
}

/** Checks what an INSERT / UPDATE / DELETE needs. */
export function checkDmlPrivileges(cat: Catalog, user: string, s: DmlStatement): void {
  const needs = new Needs(cat, user);
  walkDml(needs, s, user, []);
  check(cat, needs);
}

function check(cat: Catalog, needs: Needs): void {
  for (const n of needs.list) if (!checkNeed(cat, n)) throw permissionDenied(relationObject(n.rel));
}
