// INSERT, UPDATE and DELETE to bound statements.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import { coerceToColumn } from './coerce.js';
import { nodeLocation } from './expr.js';
import { emptyQuery, type Expr, type Query, type TargetEntry } from './query.js';
import type { SelectAnalyzer } from './select.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

/** DEFAULT in a VALUES row. */
export const DEFAULT_MARK: Expr = { k: 'const', type: 0, typmod: -1, value: Symbol.for('DEFAULT') };

export interface InsertStmt {
  kind: 'insert';
  table: Table;
  /** attnums filled by the source, in source column order. */
  columns: number[];
  values: Expr[][] | null;
  select: Query | null;
  onConflict: null | { action: 'nothing' | 'update'; arbiter: number[] | null; sets: { attnum: number; expr: Expr }[]; where: Expr | null; query: Query };
  returning: TargetEntry[];
  /** Query whose entry 0 is the new row (for RETURNING and ON CONFLICT). */
  rowQuery: Query;
  overridingSystem: boolean;
}

export interface UpdateStmt {
  kind: 'update';
  table: Table;
  query: Query;
  sets: { attnum: number; expr: Expr }[];
  returning: TargetEntry[];
}

export interface DeleteStmt {
  kind: 'delete';
  table: Table;
  query: Query;
  returning: TargetEntry[];
}

function targetQuery(sa: SelectAnalyzer, rv: any, from: any[] | undefined, where: any, q = emptyQuery()) {
  const scope = sa.newScope(q, null);
  const table = sa.lookupTable(rv);
  sa.fromItem({ RangeVar: rv }, scope, q);
  q.from = [{ k: 'entry', entry: 0 }];
  for (const item of from ?? []) q.from.push(sa.fromItem(item, scope, q));
  if (where) q.where = sa.ex.condition(where, { ...scope, aggContext: 'WHERE' }, 'WHERE');
  return { q, scope, table };
}

function returning(sa: SelectAnalyzer, list: any[] | undefined, scope: any): TargetEntry[] {
  if (!list?.length) return [];
  return sa.targetList(list, { ...scope, aggContext: 'RETURNING' });
}

function columnByName(table: Table, name: string, location: number) {
  const c = table.columns.find(c => !c.dropped && c.name === name);
  if (!c) throw new PgError('42703', `column "${name}" of relation "${table.name}" does not exist`, pos(location));
  return c;
}

export function analyzeInsert(sa: SelectAnalyzer, n: any): InsertStmt {
  const { q: rowQuery, scope, table } = targetQuery(sa, { ...n.relation, inh: false }, [], null);
  const cols = n.cols?.length
    ? (n.cols as any[]).map(c => columnByName(table, c.ResTarget.name, c.ResTarget.location))
    : table.columns.filter(c => !c.dropped);
  const seen = new Set<number>();
  for (const c of cols) {
    if (seen.has(c.attnum)) throw new PgError('42701', `column "${c.name}" specified more than once`, pos(n.cols?.find((x: any) => x.ResTarget.name === c.name)?.ResTarget.location));
    seen.add(c.attnum);
  }
  const overridingSystem = n.override === 'OVERRIDING_SYSTEM_VALUE';
  let values: Expr[][] | null = null, select: Query | null = null;
  const sel = n.selectStmt?.SelectStmt;
  if (sel && sel.valuesLists && !sel.sortClause && !sel.limitCount && !sel.withClause) {
    const vscope = sa.newScope(emptyQuery(), null);
    values = (sel.valuesLists as any[]).map(rowNode => {
      const items = rowNode.List.items as any[];
      if (items.length > cols.length) throw new PgError('42601', 'INSERT has more expressions than target columns', pos(nodeLocation(items[cols.length])));
      if (items.length < cols.length) throw new PgError('42601', 'INSERT has more target columns than expressions', pos(n.cols?.[items.length]?.ResTarget.location ?? nodeLocation(items[0])));
      return items.map((it, i) => {
        if (it.SetToDefault) return DEFAULT_MARK;
        const e = sa.ex.expr(it, { ...vscope, aggContext: 'VALUES' });
        return coerceToColumn(e, cols[i].typeOid, cols[i].typmod, cols[i].name, sa.ctx, nodeLocation(it));
      });
    });
  } else if (sel) {
    select = sa.select(sel, null);
    const vis = select.targets.filter(t => !t.junk);
    if (vis.length > cols.length) throw new PgError('42601', 'INSERT has more expressions than target columns', pos(nodeLocation(sel.targetList?.[cols.length])));
    if (vis.length < cols.length && n.cols?.length) throw new PgError('42601', 'INSERT has more target columns than expressions', pos(n.cols[vis.length].ResTarget.location));
    vis.forEach((t, i) => { t.expr = coerceToColumn(t.expr, cols[i].typeOid, cols[i].typmod, cols[i].name, sa.ctx); });
    cols.length = vis.length;
  } else {
    values = [[]]; // DEFAULT VALUES: every column takes its default
    cols.length = 0;
  }
  let onConflict: InsertStmt['onConflict'] = null;
  if (n.onConflictClause) {
    const oc = n.onConflictClause;
    const arbiter = oc.infer?.indexElems ? (oc.infer.indexElems as any[]).map(e => columnByName(table, e.IndexElem.name, oc.infer.location).attnum) : null;
    if (oc.infer?.conname) throw new PgError('0A000', 'ON CONFLICT ON CONSTRAINT is not supported');
    if (oc.action === 'ONCONFLICT_UPDATE' && !arbiter) {
      throw new PgError('42601', 'ON CONFLICT DO UPDATE requires inference specification or constraint name',
        { hint: 'For example, ON CONFLICT (column_name).', ...pos(oc.location) });
    }
    // ON CONFLICT DO UPDATE sees the existing row (entry 0) and EXCLUDED (entry 1)
    const cq = emptyQuery();
    const cscope = sa.newScope(cq, null);
    sa.fromItem({ RangeVar: { ...n.relation, inh: false } }, cscope, cq);
    const exIdx = cq.entries.length;
    cq.entries.push({ ...cq.entries[0], alias: 'excluded' });
    cscope.items.push({ alias: 'excluded', entry: exIdx, columns: cscope.items[0].columns.map(c => ({ name: c.name, make: (lv: number) => ({ ...(c.make(lv) as any), entry: exIdx }) })) });
    const sets = (oc.targetList ?? []).map((t: any) => {
      const rt = t.ResTarget;
      const col = columnByName(table, rt.name, rt.location);
      const e = rt.val.SetToDefault ? DEFAULT_MARK : coerceToColumn(sa.ex.expr(rt.val, { ...cscope, aggContext: 'UPDATE' }), col.typeOid, col.typmod, col.name, sa.ctx, nodeLocation(rt.val));
      return { attnum: col.attnum, expr: e };
    });
    const where = oc.whereClause ? sa.ex.condition(oc.whereClause, cscope, 'WHERE') : null;
    onConflict = { action: oc.action === 'ONCONFLICT_NOTHING' ? 'nothing' : 'update', arbiter, sets, where, query: cq };
  }
  return { kind: 'insert', table, columns: cols.map(c => c.attnum), values, select, onConflict,
    returning: returning(sa, n.returningList, scope), rowQuery, overridingSystem };
}

export function analyzeUpdate(sa: SelectAnalyzer, n: any): UpdateStmt {
  const { q, scope, table } = targetQuery(sa, n.relation, n.fromClause, n.whereClause);
  const sets: { attnum: number; expr: Expr }[] = [];
  for (const t of n.targetList as any[]) {
    const rt = t.ResTarget;
    if (rt.indirection?.length) throw new PgError('0A000', 'UPDATE of a field or subscript is not supported', pos(rt.location));
    const col = columnByName(table, rt.name, rt.location);
    if (sets.some(s => s.attnum === col.attnum)) throw new PgError('42601', `multiple assignments to same column "${col.name}"`, pos(rt.location));
    if (rt.val.MultiAssignRef) throw new PgError('0A000', 'UPDATE with multiple-column assignment is not supported', pos(rt.location));
    if (col.identity === 'a' && !rt.val.SetToDefault) {
      throw new PgError('428C9', `column "${col.name}" can only be updated to DEFAULT`, { detail: `Column "${col.name}" is an identity column defined as GENERATED ALWAYS.`, ...pos(rt.location) });
    }
    const e = rt.val.SetToDefault ? DEFAULT_MARK : coerceToColumn(sa.ex.expr(rt.val, { ...scope, aggContext: 'UPDATE' }), col.typeOid, col.typmod, col.name, sa.ctx, nodeLocation(rt.val));
    sets.push({ attnum: col.attnum, expr: e });
  }
  return { kind: 'update', table, query: q, sets, returning: returning(sa, n.returningList, scope) };
}

export function analyzeDelete(sa: SelectAnalyzer, n: any): DeleteStmt {
  const { q, scope, table } = targetQuery(sa, n.relation, n.usingClause, n.whereClause);
  return { kind: 'delete', table, query: q, returning: returning(sa, n.returningList, scope) };
}

export { str };
