// CREATE INDEX (DefineIndex): key columns or expressions, ASC/DESC and NULLS FIRST/LAST,
// INCLUDE columns, a WHERE predicate (a partial index), USING btree or hash. The other
// access methods (gin, gist, brin, spgist) are refused rather than silently built as btree.
import { checkRelationOwner } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import type { Column, IndexExpr, Table } from '../catalog/objects.js';
import { chooseName, columnsNamePart } from '../catalog/names.js';
import { isSystemRelation, systemCatalogDenied } from '../catalog/system/index.js';
import type { Expr } from '../analyzer/query.js';
import { emptyQuery } from '../analyzer/query.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { figureColname } from '../analyzer/colname.js';
import { isImmutableExpr } from '../analyzer/partition-key.js';
import { deparseExpr } from '../analyzer/ruleutils.js';
import { quoteIdent } from '../types/string-functions.js';
import { typeByOid } from '../types/registry.js';
import type { CommandContext } from './context.js';
import { refuseUserOpclass } from './opclass.js';
import { createIndex, type IndexExtras } from './constraints.js';
import { checkUniqueCoversKey, partitionedIndexCreated } from './partition-index.js';
import type { StatementResult } from './utility.js';

const tag = (command: string): StatementResult => ({ command, rowCount: null });

const KNOWN_METHODS = new Set(['btree', 'hash', 'gist', 'gin', 'spgist', 'brin']);

/** An analyzed key expression or predicate of the index, over its table. */
export function analyze(cx: CommandContext, table: Table, raw: any, what: 'index expressions' | 'index predicates', predicate: boolean): Expr {
  const sa = new SelectAnalyzer(cx.analyze);
  const q = emptyQuery();
  const scope = sa.newScope(q, null);
  sa.fromItem({ RangeVar: { relname: table.name, schemaname: table.schema.name, inh: false, location: -1 } }, scope, q);
  const e = predicate ? sa.ex.condition(raw, { ...scope, aggContext: what }, 'WHERE') : sa.ex.expr(raw, { ...scope, aggContext: what });
  if (!isImmutableExpr(e)) {
    throw new PgError('42P17', `functions in ${predicate ? 'index predicate' : 'index expression'} must be marked IMMUTABLE`);
  }
  return e;
}

/** The analyzed tree as PostgreSQL stores it, printed plain and pretty. */
export function texts(cx: CommandContext, table: Table, raw: any, predicate: boolean): { text: string; pretty: string } {
  const dctx = { ...cx.analyze, paramTypes: [], deparse: true };
  const sa = new SelectAnalyzer(dctx);
  const q = emptyQuery();
  const scope = sa.newScope(q, null);
  sa.fromItem({ RangeVar: { relname: table.name, schemaname: table.schema.name, inh: false, location: -1 } }, scope, q);
  const e = predicate ? sa.ex.condition(raw, { ...scope, aggContext: 'index predicates' }, 'WHERE') : sa.ex.expr(raw, { ...scope, aggContext: 'index expressions' });
  const varName = (_l: number, _e: number, att: number) => quoteIdent(table.columns[att].name);
  return { text: deparseExpr(e, { settings: cx.analyze.settings, varName }), pretty: deparseExpr(e, { settings: cx.analyze.settings, pretty: true, varName }) };
}

/** Columns (attnums) an expression reads. */
export function columnsRead(e: Expr, q: { entries: { columns: { attnum?: number }[] }[] }, out: Set<number>): void {
  const visit = (x: any) => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) { x.forEach(visit); return; }
    if (x.k === 'var' && x.levelsUp === 0) { out.add(x.att + 1); return; }
    for (const [k, v] of Object.entries(x)) if (typeof v === 'object' && !['fn', 'op', 'eq', 'ops', 'eqs', 'query', 'agg', 'cmp'].includes(k)) visit(v);
  };
  visit(e);
  void q;
}

/** looks_like_function: printed without the extra parentheses of other expressions. */
export function funcLike(e: Expr): boolean {
  return e.k === 'func' || e.k === 'coalesce' || e.k === 'minmax' || e.k === 'nullif';
}

export function createIndexStmt(cx: CommandContext, n: any, inTransactionBlock = false): StatementResult {
  if (n.concurrent && inTransactionBlock) throw new PgError('25001', 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
  const rv = n.relation;
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
  if (rel.kind !== 'table') throw new PgError('42809', `"${rv.relname}" is not a table`);
  if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
  checkRelationOwner(cx.catalog, cx.user, rel);
  const table = rel as Table;
  const method = String(n.accessMethod ?? 'btree');
  if (!KNOWN_METHODS.has(method)) throw new PgError('42704', `access method "${method}" does not exist`);
  if (method !== 'btree' && method !== 'hash') throw new PgError('0A000', `index access method "${method}" is not supported`);
  const params = (n.indexParams as any[]).map(p => p.IndexElem);
  const includes = ((n.indexIncludingParams ?? []) as any[]).map(p => p.IndexElem);
  if (method === 'hash') {
    if (n.unique) throw new PgError('0A000', 'access method "hash" does not support unique indexes');
    if (params.length > 1) throw new PgError('0A000', 'access method "hash" does not support multicolumn indexes');
    if (includes.length) throw new PgError('0A000', 'access method "hash" does not support included columns');
  }
  const findColumn = (name: string, included: boolean): Column => {
    const c = table.columns.find(c => !c.dropped && c.name === name);
    if (!c) throw new PgError('42703', `column "${name}" does not exist`);
    return c;
  };
  const columns: number[] = [];
  const exprs: IndexExpr[] = [];
  const options: number[] = [];
  const names: string[] = [];
  const exprColumns = new Set<number>();
  for (const e of params) {
    if (e.opclass?.length) refuseUserOpclass(cx, e.opclass, method); // opclass.ts
    const desc = e.ordering === 'SORTBY_DESC';
    if (e.ordering === 'SORTBY_USING') throw new PgError('0A000', 'index column ordering USING is not supported');
    const nullsFirst = e.nulls_ordering === 'SORTBY_NULLS_FIRST' || (desc && e.nulls_ordering !== 'SORTBY_NULLS_LAST');
    if (method === 'hash' && (e.ordering && e.ordering !== 'SORTBY_DEFAULT' || e.nulls_ordering && e.nulls_ordering !== 'SORTBY_NULLS_DEFAULT')) {
      throw new PgError('0A000', 'access method "hash" does not support ASC/DESC options');
    }
    options.push((desc ? 1 : 0) | (nullsFirst ? 2 : 0));
    // an expression that is just a column is that column (DefineIndex's transformIndexStmt)
    const raw = e.expr;
    const colName = e.name ?? (raw?.ColumnRef && raw.ColumnRef.fields.length === 1 && raw.ColumnRef.fields[0].String ? raw.ColumnRef.fields[0].String.sval : null);
    if (colName) {
      const c = findColumn(colName, false);
      columns.push(c.attnum);
      names.push(c.name);
      continue;
    }
    const analyzed = analyze(cx, table, raw, 'index expressions', false);
    columnsRead(analyzed, { entries: [] }, exprColumns);
    let name = figureColname(raw);
    if (name === '?column?') name = 'expr';
    if (analyzed.type === 2249) throw new PgError('42P16', `column "${name}" has pseudo-type record`);
    const t = typeByOid(analyzed.type);
    if (t?.noBtree) {
      throw new PgError('42704', `data type ${t.formatType(-1)} has no default operator class for access method "${method}"`,
        { hint: 'You must specify an operator class for the index or define a default operator class for the data type.' });
    }
    exprs.push({ expr: raw, ...texts(cx, table, raw, false), funcLike: funcLike(analyzed), name, typeOid: analyzed.type, typmod: analyzed.typmod ?? -1 });
    columns.push(0);
    names.push(name);
  }
  const include = includes.map(e => {
    if (!e.name) throw new PgError('0A000', 'expressions are not supported in included columns');
    return findColumn(e.name, true).attnum;
  });
  let predicate: IndexExtras['predicate'] = null;
  if (n.whereClause) {
    const analyzed = analyze(cx, table, n.whereClause, 'index predicates', true);
    columnsRead(analyzed, { entries: [] }, exprColumns);
    predicate = { expr: n.whereClause, ...texts(cx, table, n.whereClause, true) };
  }
  const allNames = [...names, ...include.map(a => table.columns[a - 1].name)];
  const name = n.idxname ?? chooseName(table.name, columnsNamePart(allNames), 'idx', x => table.schema.relations.has(x));
  if (table.schema.relations.has(name)) {
    if (n.if_not_exists) { cx.notice({ severity: 'NOTICE', code: '42P07', message: `relation "${name}" already exists, skipping` }); return tag('CREATE INDEX'); }
    throw new PgError('42P07', `relation "${name}" already exists`);
  }
  if (table.partitionKey && n.unique) {
    if (columns.includes(0)) {
      throw new PgError('0A000', 'unsupported UNIQUE constraint with partition key definition',
        { detail: 'UNIQUE constraints cannot be used when partition keys include expressions.' });
    }
    checkUniqueCoversKey(table, columns.map(a => table.columns[a - 1]), 'UNIQUE');
  }
  const extras: IndexExtras = { exprColumns: [...exprColumns] };
  if (exprs.length) extras.exprs = exprs;
  if (predicate) extras.predicate = predicate;
  if (options.some(o => o !== 0)) extras.options = options;
  if (include.length) extras.include = include;
  if (method !== 'btree') extras.method = 'hash';
  const ix = createIndex(cx, table, name, columns, !!n.unique, false, !!n.nulls_not_distinct, null, extras);
  // a partitioned table's index: its partitions get theirs, unless ON ONLY (they are attached later)
  if (table.partitionKey) {
    if (rv.inh) partitionedIndexCreated(cx, table, ix);
    else cx.catalog.set(ix, 'relkind', 'I');
  }
  return tag('CREATE INDEX');
}
