// INSERT, UPDATE and DELETE to bound statements: the shared parts, UPDATE and DELETE
// (INSERT is in dml-insert.ts). Clauses are analyzed in PostgreSQL's order, so the
// first error reported is the same.
import { targetRowSecurity } from '../privileges/row-security.js';
import { dropSecurityQual, placeSecurityQuals } from './security-quals.js';
import { PgError } from '../errors/index.js';
import type { Index, Table } from '../catalog/objects.js';
import { analyzeWith } from './cte.js';
import { analyzeInsert } from './dml-insert.js';
import { analyzeSetList } from './dml-set.js';
import { emptyQuery, type CteDef, type Expr, type Query, type TargetEntry } from './query.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { isSystemRelation, systemWriteError } from '../catalog/system/relation.js';
import { addViewTarget, viewSetList, type ViewCheck } from './view-dml.js';
import { hasInsteadTrigger, insteadTarget } from './instead-of.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

/** DEFAULT in a VALUES row or SET. */
export const DEFAULT_MARK: Expr = { k: 'const', type: 0, typmod: -1, value: Symbol.for('DEFAULT') };

/**
 * One column assignment of UPDATE or ON CONFLICT DO UPDATE. With `multi`, the source is a
 * sub-SELECT computed once per row for several columns: `expr` reads its column `index`
 * (as a param placeholder) from that row.
 */
export interface SetItem { attnum: number; expr: Expr; multi?: { source: Expr } }

export interface OnConflict {
  action: 'nothing' | 'update';
  /** Unique indexes whose conflicts are handled; null: any unique index (DO NOTHING without a target). */
  arbiters: Index[] | null;
  sets: SetItem[];
  where: Expr | null;
  /** Entry 0 is the existing row, entry 1 EXCLUDED (the row proposed for insertion). */
  query: Query;
}

export interface InsertStmt {
  kind: 'insert';
  table: Table;
  /** attnums filled by the source, in source column order. */
  columns: number[];
  values: Expr[][] | null;
  select: Query | null;
  onConflict: OnConflict | null;
  returning: TargetEntry[];
  /** Query whose entry 0 is the new row (for RETURNING). */
  rowQuery: Query;
  overridingSystem: boolean;
  /** OVERRIDING USER VALUE: values given for identity columns are replaced by their defaults. */
  overridingUser: boolean;
  ctes: CteDef[];
  /** Through a view WITH CHECK OPTION: conditions each new row must meet. */
  checks?: ViewCheck[];
}

export interface UpdateStmt {
  kind: 'update';
  table: Table;
  query: Query;
  sets: SetItem[];
  returning: TargetEntry[];
  ctes: CteDef[];
  /** Through a view WITH CHECK OPTION: conditions each new row must meet. */
  checks?: ViewCheck[];
}

export interface DeleteStmt {
  kind: 'delete';
  table: Table;
  query: Query;
  returning: TargetEntry[];
  ctes: CteDef[];
}

export type DmlStatement = InsertStmt | UpdateStmt | DeleteStmt;

/** A raw { InsertStmt | UpdateStmt | DeleteStmt } node, with its WITH clause, to a statement. */
export function analyzeDmlStatement(sa: SelectAnalyzer, node: any): DmlStatement {
  const [kind, n] = Object.entries(node)[0] as [string, any];
  const savedCte = sa.cteScope;
  sa.depth++;
  try {
    const ctes = n.withClause ? analyzeWith(sa, n.withClause, null) : [];
    let s: DmlStatement;
    if (kind === 'InsertStmt') s = analyzeInsert(sa, n);
    else if (kind === 'UpdateStmt') s = analyzeUpdate(sa, n);
    else if (kind === 'DeleteStmt') s = analyzeDelete(sa, n);
    else throw new PgError('0A000', `${kind} is not supported here`);
    if (isSystemRelation(s.table)) throw systemWriteError(s.table, s.kind);
    s.ctes = ctes;
    return s;
  } finally {
    sa.cteScope = savedCte;
    sa.depth--;
  }
}

/**
 * The target table as entry 0 of a new query level, then FROM/USING items and WHERE. A view
 * stands for its base table (view-dml.ts): `view` says how its columns and WHERE read.
 */
export function targetQuery(sa: SelectAnalyzer, rv: any, from: any[] | undefined, where: any, q = emptyQuery(),
  verb: 'insert' | 'update' | 'delete' = 'update') {
  const scope = sa.newScope(q, null);
  const rel = sa.lookupRelation(rv);
  // a view with an INSTEAD OF trigger: read as it is, written through the trigger (instead-of.ts)
  const instead = rel.kind === 'view' && hasInsteadTrigger(rel, verb) ? insteadTarget(rel) : null;
  const view = rel.kind === 'view' && !instead ? addViewTarget(sa, rel, rv, scope, q, verb) : undefined;
  const table = instead ?? (view ? view.table : sa.lookupTable(rv));
  if (!view) sa.fromItem({ RangeVar: instead && verb === 'insert' ? { ...rv, inh: false } : rv }, scope, q);
  scope.items[0].dmlTarget = true;
  // the target's policies are the command's (targetRowSecurity), not SELECT's alone
  dropSecurityQual(q, 0);
  q.from = [{ k: 'entry', entry: 0 }];
  for (const item of from ?? []) q.from.push(sa.fromItem(item, scope, q));
  if (where) q.where = sa.ex.condition(where, { ...scope, aggContext: 'WHERE' }, 'WHERE');
  placeSecurityQuals(q);
  if (view?.quals) q.where = q.where ? { k: 'and', type: q.where.type, typmod: -1, args: [q.where, view.quals] } : view.quals;
  return { q, scope, table, view };
}

export function returning(sa: SelectAnalyzer, list: any[] | undefined, scope: Scope): TargetEntry[] {
  if (!list?.length) return [];
  return sa.targetList(list, { ...scope, aggContext: 'RETURNING' });
}

export function columnByName(table: Table, name: string, location: number) {
  const c = table.columns.find(c => !c.dropped && c.name === name);
  if (!c) throw new PgError('42703', `column "${name}" of relation "${table.name}" does not exist`, pos(location));
  return c;
}

export function analyzeUpdate(sa: SelectAnalyzer, n: any): UpdateStmt {
  const { q, scope, table, view } = targetQuery(sa, n.relation, n.fromClause, n.whereClause, emptyQuery(), 'update');
  const ret = returning(sa, n.returningList, scope);
  const sets = analyzeSetList(sa, table, view ? viewSetList(view, n.targetList) : n.targetList, { ...scope, aggContext: 'UPDATE' });
  const rls = targetRowSecurity(sa, scope, table, 'update', readsColumns(n));
  if (rls.where) q.where = q.where ? { k: 'and', type: q.where.type, typmod: -1, args: [q.where, rls.where] } : rls.where;
  const checks = [...(view?.checks ?? []), ...rls.checks];
  return { kind: 'update', table, query: q, sets, returning: ret, ctes: [], ...(checks.length ? { checks } : {}) };
}

export function analyzeDelete(sa: SelectAnalyzer, n: any): DeleteStmt {
  const { q, scope, table } = targetQuery(sa, n.relation, n.usingClause, n.whereClause, emptyQuery(), 'delete');
  const rls = targetRowSecurity(sa, scope, table, 'delete', readsColumns(n));
  if (rls.where) q.where = q.where ? { k: 'and', type: q.where.type, typmod: -1, args: [q.where, rls.where] } : rls.where;
  return { kind: 'delete', table, query: q, returning: returning(sa, n.returningList, scope), ctes: [] };
}

/** Does the statement read the target's columns (so SELECT's policies apply too)? An approximation of requiredPerms' SELECT. */
const readsColumns = (n: any): boolean => !!(n.whereClause || n.returningList?.length || JSON.stringify(n.targetList ?? []).includes('ColumnRef'));

export { str };
