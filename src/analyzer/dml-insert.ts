// INSERT (transformInsertStmt): target columns, VALUES or SELECT source, ON CONFLICT, RETURNING.
import { targetRowSecurity } from '../privileges/row-security.js';
import { PgError } from '../errors/index.js';
import type { Column, Index, Table } from '../catalog/objects.js';
import { coerceToColumn } from './coerce.js';
import { DEFAULT_MARK, columnByName, returning, targetQuery, type InsertStmt, type OnConflict } from './dml.js';
import { analyzeSetList } from './dml-set.js';
import { nodeLocation } from './expr.js';
import { emptyQuery, type Expr, type Query } from './query.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { insertColumnsCheck, viewInsertColumns } from './view-dml.js';
import { singleRowValuesAsSelect } from './srf-values.js';
import { assignmentIndirection, defaultInIndirection, type Assigner } from './assign-indirection.js';
import { coerce } from './coerce.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export function analyzeInsert(sa: SelectAnalyzer, n: any): InsertStmt {
  const rv = { ...n.relation, inh: false };
  const { q: rowQuery, scope, table, view } = targetQuery(sa, rv, [], null, emptyQuery(), 'insert');
  const explicit = !!n.cols?.length;
  const cols = view ? viewInsertColumns(view, n.cols) : targetColumns(table, n.cols);
  const assigners: (Assigner | null)[] = (n.cols ?? []).map((c: any, i: number) => (c.ResTarget.indirection?.length && !view
    ? assignmentIndirection(sa, cols[i], c.ResTarget.indirection, sa.newScope(emptyQuery(), null), c.ResTarget.location) : null));
  const overridingSystem = n.override === 'OVERRIDING_SYSTEM_VALUE';
  let values: Expr[][] | null = null, select: Query | null = null;
  // VALUES (srf(…)) of one row is a select list, where set-returning functions may stand (VALUES_SINGLE)
  const sel = singleRowValuesAsSelect(n.selectStmt?.SelectStmt);
  const tooMany = (loc: number) => new PgError('42601', 'INSERT has more expressions than target columns', pos(loc));
  const tooFew = (i: number) => new PgError('42601', 'INSERT has more target columns than expressions', pos(n.cols[i].ResTarget.location));
  if (sel && sel.valuesLists && !sel.sortClause && !sel.limitCount && !sel.limitOffset && !sel.withClause && !sel.lockingClause) {
    // the target is in the statement but not visible to VALUES (only to the hint of a missing column)
    const vscope: Scope = { ...sa.newScope(emptyQuery(), null), aggContext: 'VALUES', hintEntries: [rowQuery.entries[0]] };
    let width = -1;
    values = (sel.valuesLists as any[]).map(rowNode => {
      const items = rowNode.List.items as any[];
      const exprs = items.map(it => (it.SetToDefault ? null : sa.ex.expr(it, vscope)));
      if (width < 0) width = items.length;
      else if (items.length !== width) throw new PgError('42601', 'VALUES lists must all be the same length', pos(nodeLocation(items[0])));
      if (items.length > cols.length) throw tooMany(nodeLocation(items[cols.length]));
      if (explicit && items.length < cols.length) throw tooFew(items.length);
      return exprs.map((e, i) => {
        const a = assigners[i];
        if (e === null) { if (a) throw defaultInIndirection(a, n.cols[i].ResTarget.location); return DEFAULT_MARK; }
        return a ? a.coerceValue(e, nodeLocation(items[i])) : coerceToColumn(e, cols[i].typeOid, cols[i].typmod, cols[i].name, sa.ctx, nodeLocation(items[i]));
      });
    });
    cols.length = Math.min(cols.length, width);
    if (assigners.some(a => a)) {
      const merged = mergeAssignments(sa, cols, assigners);
      values = values.map(row => merged.exprs(i => row[i]));
      cols.splice(0, cols.length, ...merged.columns);
    }
  } else if (sel) {
    sa.keepUnknownOutputs = true;
    select = sa.select(sel, null);
    const vis = select.targets.filter(t => !t.junk);
    if (vis.length > cols.length) throw tooMany(nodeLocation(sel.targetList?.[cols.length]?.ResTarget?.val));
    if (explicit && vis.length < cols.length) throw tooFew(vis.length);
    vis.forEach((t, i) => {
      const loc = nodeLocation(sel.targetList?.[i]?.ResTarget?.val);
      const a = assigners[i];
      t.expr = a ? a.coerceValue(t.expr, loc) : coerceToColumn(t.expr, cols[i].typeOid, cols[i].typmod, cols[i].name, sa.ctx, loc);
    });
    cols.length = vis.length;
    if (assigners.some(a => a)) {
      // SELECT the merged assignments FROM (the source)
      const merged = mergeAssignments(sa, cols, assigners);
      const w = emptyQuery();
      w.entries.push({ alias: '*SELECT*', kind: 'subquery', query: select, columns: vis.map(t => ({ name: t.name, type: t.expr.type, typmod: t.expr.typmod })) });
      w.from.push({ k: 'entry', entry: 0 });
      w.targets = merged.exprs(i => ({ k: 'var', type: vis[i].expr.type, typmod: vis[i].expr.typmod, levelsUp: 0, entry: 0, att: i }))
        .map((expr, j) => ({ name: merged.columns[j].name, expr }));
      select = w;
      cols.splice(0, cols.length, ...merged.columns);
    }
  } else {
    values = [[]]; // DEFAULT VALUES: every column takes its default
    cols.length = 0;
  }
  if (view) {
    insertColumnsCheck(view, cols);
    if (n.onConflictClause) throw new PgError('0A000', 'INSERT … ON CONFLICT on a view is not supported');
  }
  const onConflict = n.onConflictClause ? analyzeOnConflict(sa, n, table) : null;
  const rls = targetRowSecurity(sa, scope, table, 'insert', !!n.returningList?.length);
  if (rls.checks.length && onConflict) throw new PgError('0A000', 'INSERT … ON CONFLICT under row-level security is not supported');
  const checks = [...(view?.checks ?? []), ...rls.checks];
  return { kind: 'insert', table, columns: cols.map(c => c.attnum), values, select, onConflict,
    returning: returning(sa, n.returningList, scope), rowQuery, overridingSystem,
    overridingUser: n.override === 'OVERRIDING_USER_VALUE', ctes: [], ...(checks.length ? { checks } : {}) };
}

/** The listed columns (each once), or every column in order. */
function targetColumns(table: Table, list: any[] | undefined): Column[] {
  if (!list?.length) return table.columns.filter(c => !c.dropped);
  const whole = new Set<number>(), partial = new Set<number>();
  return list.map(c => {
    const rt = c.ResTarget;
    const col = columnByName(table, rt.name, rt.location);
    // (col.a, col.b) assign parts of one column; a whole column is assigned once
    if (rt.indirection?.length) {
      if (whole.has(col.attnum)) throw new PgError('42701', `column "${col.name}" specified more than once`, pos(rt.location));
      partial.add(col.attnum);
    } else {
      if (whole.has(col.attnum) || partial.has(col.attnum)) throw new PgError('42701', `column "${col.name}" specified more than once`, pos(rt.location));
      whole.add(col.attnum);
    }
    return col;
  });
}

function analyzeOnConflict(sa: SelectAnalyzer, n: any, table: Table): OnConflict {
  const oc = n.onConflictClause;
  const action = oc.action === 'ONCONFLICT_NOTHING' ? 'nothing' : 'update';
  // DO UPDATE and the inference WHERE see the existing row (entry 0) and EXCLUDED (entry 1)
  const cq = emptyQuery();
  const cscope = sa.newScope(cq, null);
  sa.fromItem({ RangeVar: { ...n.relation, inh: false } }, cscope, cq);
  // the conflict target is read before EXCLUDED exists
  const arbiters = inferArbiters(sa, oc, table, cscope);
  // without a target every unique and exclusion index is an arbiter, and none may be deferrable
  if (!arbiters) table.indexes.filter(ix => ix.unique || ix.exclusion).forEach(checkNotDeferrable);
  const exIdx = cq.entries.length;
  cq.entries.push({ ...cq.entries[0], alias: 'excluded' });
  cscope.items.push({ alias: 'excluded', entry: exIdx,
    columns: cscope.items[0].columns.map(c => ({ name: c.name, make: (lv: number) => ({ ...(c.make(lv) as any), entry: exIdx }) })) });
  if (action === 'update' && !arbiters) {
    throw new PgError('42601', 'ON CONFLICT DO UPDATE requires inference specification or constraint name',
      { hint: 'For example, ON CONFLICT (column_name).', ...pos(oc.location) });
  }
  const sets = action === 'update' ? analyzeSetList(sa, table, oc.targetList ?? [], { ...cscope, aggContext: 'UPDATE' }) : [];
  const where = oc.whereClause ? sa.ex.condition(oc.whereClause, { ...cscope, aggContext: 'WHERE' }, 'WHERE') : null;
  return { action, arbiters, sets, where, query: cq };
}

/** ON CONFLICT (columns) [WHERE …] or ON CONFLICT ON CONSTRAINT name: the unique indexes it names. */
function inferArbiters(sa: SelectAnalyzer, oc: any, table: Table, scope: Scope): Index[] | null {
  const infer = oc.infer;
  if (!infer) return null;
  if (infer.conname) {
    const con = table.constraints.find(c => c.name === infer.conname);
    if (!con) throw new PgError('42704', `constraint "${infer.conname}" for table "${table.name}" does not exist`);
    if (!con.index) throw new PgError('42809', 'constraint in ON CONFLICT clause has no associated index');
    if (con.type === 'x' && oc.action === 'ONCONFLICT_UPDATE') throw new PgError('42809', 'ON CONFLICT DO UPDATE not supported with exclusion constraints');
    checkNotDeferrable(con.index);
    return [con.index];
  }
  const atts = (infer.indexElems as any[]).map(e => {
    const el = e.IndexElem;
    if (!el.name) throw new PgError('0A000', 'ON CONFLICT on an expression is not supported', pos(infer.location));
    const v = sa.ex.expr({ ColumnRef: { fields: [{ String: { sval: el.name } }], location: infer.location } }, scope);
    const col = table.columns.find(c => c.name === el.name && !c.dropped);
    if (v.k !== 'var' || !col) throw new PgError('0A000', 'ON CONFLICT on an expression is not supported', pos(infer.location));
    return col.attnum;
  });
  // the inference WHERE only matters for partial indexes, which unique indexes here never are
  if (infer.whereClause) sa.ex.condition(infer.whereClause, { ...scope, aggContext: 'WHERE' }, 'WHERE');
  const found = table.indexes.filter(ix => ix.unique && !ix.predicate && ix.columns.length === new Set(atts).size && ix.columns.every(a => atts.includes(a)));
  if (!found.length) throw new PgError('42P10', 'there is no unique or exclusion constraint matching the ON CONFLICT specification');
  found.forEach(checkNotDeferrable);
  return found;
}

function checkNotDeferrable(ix: Index): void {
  if (ix.constraint?.deferrable) {
    throw new PgError('55000', 'ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters', {
      schema: ix.table.schema.name, table: ix.table.name, constraint: ix.constraint.name,
    });
  }
}

/**
 * The target list as the rewriter leaves it (process_matched_tle): one value per column, the
 * assignments to parts of one column nested in order over NULL, its domain checked once.
 */
function mergeAssignments(sa: SelectAnalyzer, cols: Column[], assigners: (Assigner | null)[]) {
  const columns: Column[] = [];
  const parts: number[][] = [];
  cols.forEach((c, i) => {
    const k = columns.findIndex(x => x.attnum === c.attnum);
    if (k < 0) { columns.push(c); parts.push([i]); } else parts[k].push(i);
  });
  return {
    columns,
    exprs: (value: (i: number) => Expr): Expr[] => columns.map((c, k) => {
      if (!assigners[parts[k][0]]) return value(parts[k][0]);
      let e: Expr = { k: 'const', type: c.typeOid, typmod: c.typmod, value: null };
      for (const i of parts[k]) e = assigners[i]!.assign(e, value(i));
      return coerce(e, c.typeOid, c.typmod, 'a', sa.ctx);
    }),
  };
}
