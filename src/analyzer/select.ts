// SELECT (and VALUES, set operations) to a Query (PostgreSQL's analyze.c / parse_clause.c).
import { checkSchemaLookup, usableSearchPath } from '../privileges/check.js';
import { PgError } from '../errors/index.js';
import { resolveSchemaName } from '../catalog/catalog.js';
import type { Relation, Table } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { coerce, commonType } from './coerce.js';
import type { AnalyzeContext } from './context.js';
import { ExprAnalyzer, missingFromEntry, nodeLocation } from './expr.js';
import { emptyQuery, type Expr, type FromNode, type Query, type RangeEntry, type TargetEntry } from './query.js';
import type { NsColumn, NsItem, Scope } from './scope.js';
import { typeDisplayName } from './typenames.js';
import { analyzeWith, cteReference, futureCte, type CteScope } from './cte.js';
import { figureColname } from './colname.js';
import { checkGrouping, sameExpr } from './grouping.js';
import { indirection, rowFields } from './indirection.js';
import { analyzeRangeFunction } from './srf-from.js';
import { analyzeRangeSubselect, checkLateralJoinType } from './lateral.js';
import { refuseSrfInClause } from './srf-check.js';
import { analyzeRowMarks } from './row-marks.js';
import { placeSecurityQuals, queueSecurityQual } from './security-quals.js';
import { readSecurityQual } from '../privileges/row-security.js';
import { expandViewReference } from './view.js';
import { namedWindows, refuseLockingWithWindows } from './window.js';
import { expandGroupingSets, hasGroupingSets, resolveGrouping } from './grouping-sets.js';

export { figureColname, sameExpr };

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

export class SelectAnalyzer {
  readonly ex: ExprAnalyzer;
  /** WITH queries visible where analysis is. */
  cteScope: CteScope | null = null;
  /** Statement nesting: 1 while the top-level statement is analyzed. */
  depth = 0;
  /** Set by INSERT for its SELECT: untyped literals in the output stay unknown (the column types them). */
  keepUnknownOutputs = false;

  constructor(readonly ctx: AnalyzeContext) {
    this.ex = new ExprAnalyzer(ctx, (stmt, parent) => this.select(stmt, parent));
  }

  newScope(query: Query, parent: Scope | null): Scope {
    return { query, items: [], parent, aggContext: 'ok', correlatedRefs: { count: 0 } };
  }

  /** A SelectStmt node (the inner object) to a Query. */
  select(n: any, parent: Scope | null): Query {
    const savedCte = this.cteScope;
    const keepUnknown = this.keepUnknownOutputs;
    this.keepUnknownOutputs = false;
    this.depth++;
    try {
      const ctes = n.withClause ? analyzeWith(this, n.withClause, parent) : null;
      let q: Query;
      if (n.op && n.op !== 'SETOP_NONE') { q = this.setOperation(n, parent); if (n.lockingClause) analyzeRowMarks(n.lockingClause, q); }
      else if (n.valuesLists) q = this.values(n, parent);
      else q = this.simpleSelect(n, parent, keepUnknown);
      if (ctes?.length) q.ctes = ctes;
      return q;
    } finally {
      this.cteScope = savedCte;
      this.depth--;
    }
  }

  private simpleSelect(n: any, parent: Scope | null, keepUnknown = false): Query {
    const q = emptyQuery();
    const scope = this.newScope(q, parent);
    if (n.windowClause) scope.windowDefs = namedWindows(n.windowClause);
    for (const item of (n.fromClause ?? []) as any[]) q.from.push(this.fromItem(item, scope, q));
    // transformSelectStmt's order: the select list before WHERE (its errors come first)
    q.targets = this.targetList(n.targetList ?? [], scope, keepUnknown);
    if (n.whereClause) q.where = this.ex.condition(n.whereClause, { ...scope, aggContext: 'WHERE' }, 'WHERE');
    placeSecurityQuals(q);
    if (hasGroupingSets(n.groupClause)) {
      const gs = expandGroupingSets(n.groupClause, !!n.groupDistinct, g => this.groupItem(g, { ...scope, winContext: 'GROUP BY' }, q.targets));
      q.groupBy = gs.exprs;
      q.groupingSets = gs.sets;
    } else if (n.groupClause) {
      for (const g of n.groupClause as any[]) q.groupBy.push(this.groupItem(g, { ...scope, winContext: 'GROUP BY' }, q.targets));
    }
    if (n.havingClause) {
      const srfBefore = this.ex.lastSrf;
      q.having = this.ex.condition(n.havingClause, { ...scope, winContext: 'HAVING' }, 'HAVING');
      refuseSrfInClause('HAVING', srfBefore, this.ex.lastSrf);
    }
    if (n.distinctClause) {
      if (n.distinctClause.length === 1 && Object.keys(n.distinctClause[0]).length === 0) {
        q.distinct = true;
        // a type without equality (the geometric ones) cannot be made distinct
        q.targets.forEach((t, i) => {
          const type = typeByOid(t.expr.type);
          if (type?.noBtree) {
            throw new PgError('42883', `could not identify an equality operator for type ${type.formatType(-1)}`, pos(nodeLocation(n.targetList[i]?.ResTarget?.val)));
          }
        });
      } else {
        q.distinct = true;
        q.distinctOn = (n.distinctClause as any[]).map(d => this.groupItem(d, scope, q.targets));
      }
    }
    this.orderLimit(n, q, scope);
    q.grouped = q.aggs.length > 0 || q.groupBy.length > 0 || q.having !== null || !!q.groupingSets;
    resolveGrouping(q);
    if (q.grouped) checkGrouping(q);
    if (n.lockingClause) refuseLockingWithWindows(n.lockingClause, [...q.targets.map(t => t.expr), ...q.orderBy.map(k => k.expr)]);
    if (n.lockingClause) { q.lockRows = true; analyzeRowMarks(n.lockingClause, q); }
    if (n.intoClause) throw new PgError('0A000', 'SELECT INTO is not supported', pos(n.location));
    return q;
  }

  private orderLimit(n: any, q: Query, scope: Scope): void {
    for (const s of (n.sortClause ?? []) as any[]) {
      const sb = s.SortBy;
      const expr = this.outputReference(sb.node, q.targets, scope);
      q.orderBy.push(this.ex.sortKey(sb, scope, expr ?? undefined));
    }
    if (q.distinct && !q.distinctOn) {
      // ORDER BY expressions must appear in the select list
      for (const k of q.orderBy) {
        if (!q.targets.some(t => !t.junk && sameExpr(t.expr, k.expr))) {
          throw new PgError('42P10', 'for SELECT DISTINCT, ORDER BY expressions must appear in select list', pos(nodeLocation(n.sortClause[q.orderBy.indexOf(k)].SortBy.node)));
        }
      }
    }
    if (q.distinctOn && q.orderBy.length) distinctOnOrderCheck(q.distinctOn, q.orderBy.map(k => k.expr), (n.distinctClause as any[]).map(nodeLocation));
    const noAgg = { ...scope, aggContext: 'LIMIT' };
    if (n.limitCount && !(n.limitCount.A_Const?.isnull)) q.limit = coerce(this.ex.expr(n.limitCount, noAgg), OID.int8, -1, 'a', this.ctx, nodeLocation(n.limitCount));
    if (n.limitOffset) q.offset = coerce(this.ex.expr(n.limitOffset, { ...scope, aggContext: 'OFFSET' }), OID.int8, -1, 'a', this.ctx, nodeLocation(n.limitOffset));
    if (n.limitOption === 'LIMIT_OPTION_WITH_TIES') q.limitWithTies = true;
  }

  /** ORDER BY / GROUP BY item that names an output column or gives its ordinal. */
  private outputReference(node: any, targets: TargetEntry[], scope: Scope): Expr | null {
    const visible = targets.filter(t => !t.junk);
    const c = node.A_Const;
    if (c?.ival !== undefined || (c && Object.keys(c).length === 1 && 'location' in c)) {
      const i = c.ival?.ival ?? 0;
      if (i < 1 || i > visible.length) throw new PgError('42P10', `ORDER BY position ${i} is not in select list`, pos(c.location));
      return visible[i - 1].expr;
    }
    const ref = node.ColumnRef;
    if (ref && ref.fields.length === 1 && ref.fields[0].String) {
      const name = str(ref.fields[0]);
      const matches = visible.filter(t => t.name === name);
      if (matches.length === 1) {
        // an input column of that name wins only if it is not also an output name (SQL92 rule: output first)
        return matches[0].expr;
      }
      if (matches.length > 1 && !matches.every(m => sameExpr(m.expr, matches[0].expr))) {
        throw new PgError('42702', `ORDER BY "${name}" is ambiguous`, pos(ref.location));
      }
      if (matches.length > 1) return matches[0].expr;
    }
    void scope;
    return null;
  }

  private groupItem(node: any, scope: Scope, targets: TargetEntry[]): Expr {
    if (node.GroupingSet) throw new PgError('0A000', 'GROUPING SETS, ROLLUP and CUBE are not supported', pos(node.GroupingSet.location));
    // GROUP BY prefers input columns over output names (the reverse of ORDER BY)
    const ref = node.ColumnRef;
    if (ref && ref.fields.length === 1 && ref.fields[0].String) {
      try { return this.ex.expr(node, { ...scope, aggContext: 'GROUP BY' }); } catch (e) {
        if (!(e instanceof PgError) || e.code !== '42703') throw e;
      }
    }
    const out = this.outputReference(node, targets, scope);
    if (out) return out;
    return this.ex.expr(node, { ...scope, aggContext: 'GROUP BY' });
  }

  private values(n: any, parent: Scope | null): Query {
    const q = emptyQuery();
    const scope = this.newScope(q, parent);
    const rows = (n.valuesLists as any[]).map(r => (r.List.items as any[]).map(e => this.ex.expr(e, { ...scope, aggContext: 'VALUES' })));
    const width = rows[0].length;
    for (const r of rows) if (r.length !== width) throw new PgError('42601', 'VALUES lists must all be the same length', pos(nodeLocation(n.valuesLists[rows.indexOf(r)].List.items[0])));
    const types = Array.from({ length: width }, (_, i) => commonType(rows.map(r => r[i].type), 'VALUES'));
    const entry: RangeEntry = { alias: '*VALUES*', kind: 'values', columns: types.map((t, i) => ({ name: `column${i + 1}`, type: t, typmod: -1 })),
      values: rows.map(r => r.map((e, i) => coerce(e, types[i], -1, 'i', this.ctx))) };
    q.entries.push(entry);
    q.from.push({ k: 'entry', entry: 0 });
    q.targets = entry.columns.map((c, i) => ({ name: c.name, expr: { k: 'var', type: c.type, typmod: -1, levelsUp: 0, entry: 0, att: i } }));
    scope.items.push({ alias: '*VALUES*', entry: 0, columns: [] });
    this.orderLimit(n, q, scope);
    return q;
  }

  private setOperation(n: any, parent: Scope | null): Query {
    // a plain SELECT leaf leaves its untyped literals unknown: the set operation's column type decides them
    const leaf = (s: any): Query => {
      this.keepUnknownOutputs = (!s.op || s.op === 'SETOP_NONE') && !s.valuesLists && !s.distinctClause && !s.sortClause && !s.groupClause;
      return this.select(s, parent);
    };
    const left = leaf(n.larg);
    const right = leaf(n.rarg);
    const lt = left.targets.filter(t => !t.junk), rt = right.targets.filter(t => !t.junk);
    const opName = n.op === 'SETOP_UNION' ? 'UNION' : n.op === 'SETOP_INTERSECT' ? 'INTERSECT' : 'EXCEPT';
    if (lt.length !== rt.length) throw new PgError('42601', `each ${opName} query must have the same number of columns`, pos(nodeLocation(n.rarg.targetList?.[0])));
    const colLoc = (s: any, i: number): number => (s.targetList ? nodeLocation(s.targetList[i]?.ResTarget?.val) : -1);
    const types = lt.map((t, i) => commonType([t.expr.type, rt[i].expr.type], opName, [colLoc(n.larg, i), colLoc(n.rarg, i)]));
    const wrap = (sub: Query): Query => {
      const vis = sub.targets.filter(t => !t.junk);
      // an unknown literal is read as the column type right there (its input error points at it)
      vis.forEach((t, i) => { if (t.expr.type === OID.unknown && t.expr.k === 'const') t.expr = coerce(t.expr, types[i], -1, 'i', this.ctx); });
      if (vis.every((t, i) => t.expr.type === types[i])) return sub;
      const w = emptyQuery();
      w.entries.push({ alias: '*SELECT*', kind: 'subquery', query: sub, columns: vis.map(t => ({ name: t.name, type: t.expr.type, typmod: t.expr.typmod })) });
      w.from.push({ k: 'entry', entry: 0 });
      w.targets = vis.map((t, i) => ({ name: t.name, expr: coerce({ k: 'var', type: t.expr.type, typmod: t.expr.typmod, levelsUp: 0, entry: 0, att: i }, types[i], -1, 'i', this.ctx) }));
      return w;
    };
    const q = emptyQuery();
    q.setOp = { op: n.op === 'SETOP_UNION' ? 'union' : n.op === 'SETOP_INTERSECT' ? 'intersect' : 'except', all: !!n.all, left: wrap(left), right: wrap(right) };
    q.targets = lt.map((t, i) => ({ name: t.name, expr: { k: 'var', type: types[i], typmod: -1, levelsUp: 0, entry: 0, att: i } }));
    q.entries.push({ alias: '*SELECT*', kind: 'subquery', columns: q.targets.map(t => ({ name: t.name, type: t.expr.type, typmod: -1 })) });
    const scope = this.newScope(q, parent);
    scope.items.push({ alias: null, entry: 0, columns: q.targets.map((t, i) => ({ name: t.name, make: lv => ({ k: 'var', type: t.expr.type, typmod: -1, levelsUp: lv, entry: 0, att: i }) })) });
    this.orderLimit(n, q, scope);
    return q;
  }

  // ---- FROM -------------------------------------------------------------------

  fromItem(node: any, scope: Scope, q: Query): FromNode {
    const before = scope.items.length;
    const out = this.fromItemInner(node, scope, q);
    checkNameConflicts(scope.items.slice(0, before), scope.items.slice(before));
    return out;
  }

  private fromItemInner(node: any, scope: Scope, q: Query): FromNode {
    if (node.RangeVar) return this.rangeVar(node.RangeVar, scope, q);
    if (node.JoinExpr) return this.join(node.JoinExpr, scope, q);
    if (node.RangeSubselect) return analyzeRangeSubselect(this, node.RangeSubselect, scope, q);
    if (node.RangeFunction) return analyzeRangeFunction(this, node.RangeFunction, scope, q);
    throw new PgError('0A000', `FROM item ${Object.keys(node)[0]} is not supported`);
  }

  addSubqueryEntry(sub: Query, alias: any, scope: Scope, q: Query): FromNode {
    const vis = sub.targets.filter(t => !t.junk);
    const colAliases: string[] = (alias.colnames ?? []).map(str);
    const columns = vis.map((t, i) => ({ name: colAliases[i] ?? t.name, type: t.expr.type, typmod: t.expr.typmod }));
    const idx = q.entries.length;
    q.entries.push({ alias: alias.aliasname, kind: 'subquery', query: sub, columns });
    scope.items.push(this.itemFor(alias.aliasname, idx, columns));
    return { k: 'entry', entry: idx };
  }

  itemFor(alias: string, entry: number, columns: { name: string; type: number; typmod: number; dropped?: boolean }[], schema?: string): NsItem {
    const cols: NsColumn[] = [];
    columns.forEach((c, att) => {
      if (c.dropped) return;
      cols.push({ name: c.name, make: levelsUp => ({ k: 'var', type: c.type, typmod: c.typmod, levelsUp, entry, att }) });
    });
    return { alias, entry, columns: cols, schema };
  }

  private rangeVar(rv: any, scope: Scope, q: Query): FromNode {
    const enr = !rv.schemaname ? this.ctx.ephemeral?.(rv.relname) : undefined;
    const cte = cteReference(this, rv) ?? (enr ? { def: enr, worktable: false } : null);
    if (cte) {
      const colAliases: string[] = (rv.alias?.colnames ?? []).map(str);
      const columns = cte.def.columns.map((c, i) => ({ ...c, name: colAliases[i] ?? c.name }));
      const alias = rv.alias?.aliasname ?? rv.relname;
      const idx = q.entries.length;
      q.entries.push({ alias, kind: 'cte', cte: cte.def, worktable: cte.worktable, columns });
      const item = this.itemFor(alias, idx, columns);
      if (cte.worktable && cte.def.addedColumns) item.columns.slice(-cte.def.addedColumns).forEach(c => { c.noStar = true; });
      scope.items.push(item);
      return { k: 'entry', entry: idx };
    }
    const rel = this.lookupRelation(rv);
    const alias = rv.alias?.aliasname ?? rv.relname;
    if (rel.kind === 'view') return expandViewReference(this, rel, rv, scope, q);
    if (rel.kind !== 'table') {
      if (rel.kind === 'sequence') return this.sequenceEntry(rel, alias, scope, q);
      throw new PgError('42809', `"${rel.name}" is an index`, pos(rv.location));
    }
    const idx = q.entries.length;
    const colAliases: string[] = (rv.alias?.colnames ?? []).map(str);
    let k = 0;
    const columns = rel.columns.map(c => ({ name: c.dropped ? c.name : (colAliases[k++] ?? c.name), type: c.typeOid, typmod: c.typmod, dropped: c.dropped, attnum: c.attnum }));
    q.entries.push({ alias, kind: 'table', table: rel, inh: !!rv.inh, columns });
    const rls = readSecurityQual(this, rel, idx, q);
    if (rls) queueSecurityQual(q, idx, rls);
    const item = this.itemFor(alias, idx, columns, rel.schema.name);
    if (!rv.alias) item.unaliasedRelid = rel.oid;
    scope.items.push(item);
    return { k: 'entry', entry: idx };
  }

  private sequenceEntry(rel: Relation & { kind: 'sequence' }, alias: string, scope: Scope, q: Query): FromNode {
    const columns = [
      { name: 'last_value', type: OID.int8, typmod: -1 }, { name: 'log_cnt', type: OID.int8, typmod: -1 }, { name: 'is_called', type: OID.bool, typmod: -1 },
    ];
    const idx = q.entries.length;
    const seq = rel;
    q.entries.push({ alias, kind: 'values', columns, values: [[
      { k: 'special', type: OID.int8, typmod: -1, fn: () => seq.lastValue },
      { k: 'special', type: OID.int8, typmod: -1, fn: () => seq.logCnt ?? 0n },
      { k: 'special', type: OID.bool, typmod: -1, fn: () => seq.isCalled },
    ]] });
    scope.items.push(this.itemFor(alias, idx, columns));
    return { k: 'entry', entry: idx };
  }

  lookupRelation(rv: any): Relation {
    if (rv.catalogname) {
      throw new PgError('0A000', `cross-database references are not implemented: "${rv.catalogname}.${rv.schemaname}.${rv.relname}"`, pos(rv.location));
    }
    // a query names relations "missing ok": an unknown schema is an unknown relation
    const user = this.ctx.lookupUser;
    if (user && rv.schemaname) {
      try { checkSchemaLookup(this.ctx.catalog, user, rv.schemaname); } catch (e) { throw Object.assign(e as PgError, pos(rv.location)); }
    }
    const path = user ? usableSearchPath(this.ctx.catalog, user, this.ctx.searchPath) : this.ctx.searchPath;
    const rel = rv.schemaname && !this.ctx.catalog.schemas.has(resolveSchemaName(rv.schemaname, this.ctx.searchPath))
      ? undefined : this.ctx.catalog.findRelation(rv.schemaname, rv.relname, path);
    if (!rel) {
      const name = rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname;
      if (!rv.schemaname && futureCte(this.cteScope, rv.relname)) {
        throw new PgError('42P01', `relation "${name}" does not exist`, { ...pos(rv.location),
          detail: `There is a WITH item named "${rv.relname}", but it cannot be referenced from this part of the query.`,
          hint: 'Use WITH RECURSIVE, or re-order the WITH items to remove forward references.' });
      }
      throw new PgError('42P01', `relation "${name}" does not exist`, pos(rv.location));
    }
    return rel;
  }

  lookupTable(rv: any): Table {
    const rel = this.lookupRelation(rv);
    if (rel.kind !== 'table') throw new PgError('42809', `"${rel.name}" is not a table`, pos(rv.location));
    return rel;
  }

  private join(j: any, scope: Scope, q: Query): FromNode {
    const firstEntry = q.entries.length;
    const itemsBefore = scope.items.length;
    // names may repeat across nesting levels (an aliased join hides its items): conflicts are
    // checked between the two sides, as checkNameSpaceConflicts does
    const left = this.fromItemInner(j.larg, scope, q);
    const leftItems = scope.items.slice(itemsBefore);
    const mid = scope.items.length;
    const right = this.fromItemInner(j.rarg, scope, q);
    const rightItems = scope.items.slice(mid);
    checkNameConflicts(leftItems, rightItems);
    const entries = Array.from({ length: q.entries.length - firstEntry }, (_, i) => firstEntry + i);
    const type = ({ JOIN_INNER: 'inner', JOIN_LEFT: 'left', JOIN_RIGHT: 'right', JOIN_FULL: 'full' } as const)[j.jointype as string];
    if (!type) throw new PgError('0A000', `join type ${j.jointype} is not supported`);
    checkLateralJoinType(q, type, entries.filter(e => entriesOfNode(left).includes(e)), entries.filter(e => !entriesOfNode(left).includes(e)));
    let on: Expr | null = null;
    let usingNames: string[] | null = j.usingClause ? (j.usingClause as any[]).map(str) : null;
    if (j.isNatural) {
      const lnames = leftItems.flatMap(i => i.columns.filter(c => !c.hiddenUnqualified).map(c => c.name));
      const rnames = new Set(rightItems.flatMap(i => i.columns.filter(c => !c.hiddenUnqualified).map(c => c.name)));
      usingNames = lnames.filter(n => rnames.has(n));
    }
    if (usingNames) {
      const merged: NsColumn[] = [];
      const conds: Expr[] = [];
      for (const name of usingNames) {
        const l = findIn(leftItems, name, 'left', j.location), r = findIn(rightItems, name, 'right', j.location);
        const le = l.make(0), re = r.make(0);
        conds.push(this.ex.operator('=', le, re, j.location));
        hideMerged(leftItems, l);
        hideMerged(rightItems, r);
        const t = le.type === re.type ? le.type : commonType([le.type, re.type], 'JOIN/USING');
        merged.push({ name, make: lv => {
          const a = l.make(lv), b = r.make(lv);
          if (type === 'full') return { k: 'coalesce', type: t, typmod: -1, args: [coerce(a, t, -1, 'i', this.ctx), coerce(b, t, -1, 'i', this.ctx)] };
          return type === 'right' ? b : a;
        } });
      }
      on = conds.length === 0 ? null : conds.length === 1 ? conds[0] : { k: 'and', type: OID.bool, typmod: -1, args: conds };
      scope.items.splice(itemsBefore, 0, { alias: null, columns: merged });
      if (j.join_using_alias) {
        // JOIN … USING (…) AS x: x names the merged columns only, and only qualified
        const usingItem: NsItem = { alias: j.join_using_alias.aliasname, columns: merged.map(c => ({ ...c, hiddenUnqualified: true })) };
        checkNameConflicts(scope.items.slice(itemsBefore), [usingItem]);
        scope.items.push(usingItem);
      }
    } else if (j.quals) {
      on = this.ex.condition(j.quals, { ...scope, aggContext: 'JOIN conditions' }, 'JOIN/ON');
    }
    if (j.alias) aliasJoin(j.alias, scope, itemsBefore);
    return { k: 'join', type: !j.quals && !usingNames && type === 'inner' ? 'cross' : type, left, right, on, entries,
      ...(usingNames ? { using: usingNames } : {}), ...(j.alias ? { alias: j.alias.aliasname } : {}),
      ...(j.join_using_alias ? { usingAlias: j.join_using_alias.aliasname } : {}) };
  }

  // ---- target list ------------------------------------------------------------

  targetList(list: any[], scope: Scope, keepUnknown = false): TargetEntry[] {
    const out: TargetEntry[] = [];
    for (const rt of list) {
      const t = rt.ResTarget;
      const val = t.val;
      if (val.ColumnRef && val.ColumnRef.fields[val.ColumnRef.fields.length - 1].A_Star) {
        out.push(...this.expandStar(val.ColumnRef, scope));
        continue;
      }
      const ind = val.A_Indirection;
      if (ind && ind.indirection[ind.indirection.length - 1].A_Star) {
        // (row).*: one output column per field
        const loc = nodeLocation(ind.arg);
        const base = indirection(this.ex, this.ex.expr(ind.arg, scope), ind.indirection.slice(0, -1), scope, loc);
        for (const [name, expr] of rowFields(base, loc)) out.push({ name, expr });
        continue;
      }
      let expr: Expr;
      if (val.ColumnRef && val.ColumnRef.fields.length === 1 && str(val.ColumnRef.fields[0]) === 'tableoid') {
        const item = this.ex.systemColumn(scope, 'tableoid');
        expr = item && !scope.items.some(i => i.columns.some(c => c.name === 'tableoid'))
          ? { k: 'tableoid', type: OID.oid, typmod: -1, levelsUp: 0, entry: item.entry! } : this.ex.expr(val, scope);
      } else expr = this.ex.expr(val, scope);
      if (expr.type === OID.unknown && expr.k === 'const' && !keepUnknown) expr = coerce(expr, OID.text, -1, 'i', this.ctx);
      const entry: TargetEntry = { name: t.name ?? figureColname(val), expr };
      if (expr.k === 'var' && expr.levelsUp === 0) {
        const e = scope.query.entries[expr.entry];
        if (e.kind === 'table' && e.table) { entry.table = e.table; entry.attnum = e.columns[expr.att].attnum; }
      }
      out.push(entry);
    }
    return out;
  }

  private expandStar(ref: any, scope: Scope): TargetEntry[] {
    const fields = ref.fields as any[];
    let items: NsItem[];
    if (fields.length === 1) {
      items = scope.items.filter(i => !i.lateralOnly);
      if (items.length === 0) throw new PgError('42601', 'SELECT * with no tables specified is not valid', pos(ref.location));
      const out: TargetEntry[] = [];
      for (const item of items) for (const c of item.columns) {
        if ((c.hiddenUnqualified && item.alias !== null) || c.noStar) continue;
        out.push(this.starTarget(c, scope));
      }
      return out;
    }
    const qual = str(fields[fields.length - 2]);
    const item = scope.items.find(i => i.alias === qual);
    if (!item) {
      // an item of an outer level (a LATERAL subquery's `outer.*`): its columns as outer references
      let up = 1;
      for (let s = scope.parent; s; s = s.parent, up++) {
        const outer = s.items.find(i => i.alias === qual);
        if (!outer) continue;
        for (let x: Scope | null = scope; x && x !== s; x = x.parent) x.correlatedRefs.count++;
        return outer.columns.map(c => ({ name: c.name, expr: c.make(up) }));
      }
      throw missingFromEntry(scope, qual, ref.location);
    }
    return item.columns.filter(c => !c.noStar).map(c => this.starTarget(c, scope));
  }

  private starTarget(c: NsColumn, scope: Scope): TargetEntry {
    const expr = c.make(0);
    const t: TargetEntry = { name: c.name, expr };
    if (expr.k === 'var') {
      const e = scope.query.entries[expr.entry];
      if (e.kind === 'table' && e.table) { t.table = e.table; t.attnum = e.columns[expr.att].attnum; }
    }
    return t;
  }
}

/** Two FROM items of one level may not share a name, unless both are different tables named without alias. */
function checkNameConflicts(old: NsItem[], added: NsItem[]): void {
  for (const a of added) {
    if (a.alias === null) continue;
    for (const b of old) {
      if (b.alias !== a.alias) continue;
      if (a.unaliasedRelid !== undefined && b.unaliasedRelid !== undefined && a.unaliasedRelid !== b.unaliasedRelid) continue;
      throw new PgError('42712', `table name "${a.alias}" specified more than once`);
    }
  }
}

/**
 * A column merged by an upper JOIN USING: an unaliased join's merged column is replaced by
 * the upper one; a table's column stays reachable qualified only.
 */
function hideMerged(items: NsItem[], c: NsColumn): void {
  const owner = items.find(i => i.alias === null && i.columns.includes(c));
  if (owner) owner.columns = owner.columns.filter(x => x !== c);
  else c.hiddenUnqualified = true;
}

/**
 * (a JOIN b …) AS x [(cols)]: the join becomes one item named x whose columns are the join's
 * output columns; the items inside are hidden from the rest of the query (a reference to them
 * is an invalid reference to a FROM-clause entry).
 */
function aliasJoin(alias: any, scope: Scope, itemsBefore: number): void {
  const cols: NsColumn[] = [];
  for (const item of scope.items.slice(itemsBefore)) for (const c of item.columns) {
    if ((c.hiddenUnqualified && item.alias !== null) || c.noStar) continue;
    cols.push(c);
  }
  const names: string[] = (alias.colnames ?? []).map(str);
  if (names.length > cols.length) {
    throw new PgError('42P10', `join expression "${alias.aliasname}" has ${cols.length} columns available but ${names.length} columns specified`);
  }
  const columns = cols.map((c, i) => ({ name: names[i] ?? c.name, make: c.make }));
  scope.items.splice(itemsBefore, scope.items.length - itemsBefore, { alias: alias.aliasname, columns });
}

function findIn(items: NsItem[], name: string, side: string, location: number): NsColumn {
  const found = items.flatMap(i => i.columns.filter(c => c.name === name && !(c.hiddenUnqualified && i.alias !== null)));
  if (found.length === 0) throw new PgError('42703', `column "${name}" specified in USING clause does not exist in ${side} table`, pos(location));
  if (found.length > 1) throw new PgError('42702', `common column name "${name}" appears more than once in ${side} table`, pos(location));
  return found[0];
}

export { typeDisplayName, typeByOid };

/** The range entries under a FROM node. */
function entriesOfNode(n: FromNode): number[] {
  return n.k === 'entry' ? [n.entry] : n.entries;
}

/**
 * transformDistinctOnClause: DISTINCT ON expressions must lead ORDER BY — one that comes after
 * (or is missing once) an ORDER BY item that is not among them is an error.
 */
function distinctOnOrderCheck(on: Expr[], order: Expr[], locs: number[]): void {
  const err = (i: number) => new PgError('42P10', 'SELECT DISTINCT ON expressions must match initial ORDER BY expressions', pos(locs[i]));
  let skipped = false;
  for (const o of order) {
    const i = on.findIndex(d => sameExpr(d, o));
    if (i < 0) skipped = true;
    else if (skipped) throw err(i);
  }
  on.forEach((d, i) => { if (skipped && !order.some(o => sameExpr(o, d))) throw err(i); });
}
