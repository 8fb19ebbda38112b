// EXCLUDE [USING method] (elem WITH op, …) [INCLUDE (…)] [WITH (…)] [WHERE (pred)] in CREATE TABLE
// and ALTER TABLE ADD CONSTRAINT (DefineIndex with exclusion operators): the constraint, its
// index (named table_cols_excl, entries not kept: integrity/exclusion.ts scans the table) and
// the check of the rows already there.
import { PgError } from '../errors/index.js';
import type { Constraint, Index, IndexExpr, Table } from '../catalog/objects.js';
import { chooseName, columnsNamePart } from '../catalog/names.js';
import { figureColname } from '../analyzer/colname.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { typeByOid } from '../types/registry.js';
import { checkExistingExclusion, exclusionOperator } from '../integrity/exclusion.js';
import type { CommandContext } from './context.js';
import { analyze, columnsRead, funcLike, texts } from './create-index.js';
import { createIndex, newConstraint, type ConstraintSpec, type IndexExtras } from './constraints.js';

const KNOWN_METHODS = new Set(['btree', 'hash', 'gist', 'gin', 'spgist', 'brin']);
/** Operators that are their own commutator (only those can exclude). */
const COMMUTATIVE = new Set(['=', '<>', '&&', '~=', '-|-', '?#', '?||', '?-|']);
/** The types with a default gist operator class in core PostgreSQL (no btree_gist). */
const GIST_TYPES = new Set(['box', 'circle', 'point', 'polygon', 'inet', 'cidr', 'tsvector', 'tsquery']);

const isGistType = (typeOid: number) => {
  const t = typeByOid(typeOid);
  const name = t?.formatType(-1) ?? '';
  return GIST_TYPES.has(name) || name.endsWith('range');
};

/** The operator family name PostgreSQL reports for a type's default btree/hash operator class. */
function familyName(typeOid: number): string {
  const name = typeByOid(typeOid)?.formatType(-1) ?? '';
  if (['smallint', 'integer', 'bigint'].includes(name)) return 'integer_ops';
  if (['real', 'double precision'].includes(name)) return 'float_ops';
  if (['text', 'character varying', 'name'].includes(name)) return 'text_ops';
  return `${name.replace(/ /g, '_')}_ops`;
}

/** ChooseIndexColumnNames: a repeated name gets a number (b, b1, …). */
function indexColumnNames(names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    let name = n;
    for (let i = 1; out.includes(name); i++) name = `${n}${i}`;
    out.push(name);
  }
  return out;
}

export function addExclusion(cx: CommandContext, table: Table, s: ConstraintSpec & { kind: 'exclusion' }, chosen: string[]): Constraint {
  const raw = s.raw;
  const method = String(raw.access_method ?? 'btree');
  if (!KNOWN_METHODS.has(method)) throw new PgError('42704', `access method "${method}" does not exist`);
  if (method === 'gin' || method === 'brin') throw new PgError('0A000', `access method "${method}" does not support exclusion constraints`);
  if (method === 'spgist') throw new PgError('0A000', `index access method "${method}" is not supported`);
  const elems = (raw.exclusions as any[]).map(l => l.List.items as any[]);
  if (method === 'hash' && elems.length > 1) throw new PgError('0A000', 'access method "hash" does not support multicolumn indexes');
  const findColumn = (name: string) => {
    const c = table.columns.find(c => !c.dropped && c.name === name);
    if (!c) throw new PgError('42703', `column "${name}" named in key does not exist`);
    return c;
  };
  const columns: number[] = [], exprs: IndexExpr[] = [], names: string[] = [], ops: string[] = [];
  const exprColumns = new Set<number>();
  for (const [elem, opList] of elems) {
    const e = elem.IndexElem;
    if (e.ordering === 'SORTBY_USING') throw new PgError('0A000', 'index column ordering USING is not supported');
    if (e.opclass?.length) throw new PgError('0A000', 'operator classes are not supported');
    const raw = e.expr;
    const colName = e.name ?? (raw?.ColumnRef && raw.ColumnRef.fields.length === 1 && raw.ColumnRef.fields[0].String ? raw.ColumnRef.fields[0].String.sval : null);
    let typeOid: number;
    if (colName) {
      const c = findColumn(colName);
      columns.push(c.attnum);
      names.push(c.name);
      typeOid = c.typeOid;
    } else {
      const analyzed = analyze(cx, table, raw, 'index expressions', false);
      columnsRead(analyzed, { entries: [] }, exprColumns);
      let name = figureColname(raw);
      if (name === '?column?') name = 'expr';
      exprs.push({ expr: raw, ...texts(cx, table, raw, false), funcLike: funcLike(analyzed), name, typeOid: analyzed.type, typmod: analyzed.typmod ?? -1 });
      columns.push(0);
      names.push(name);
      typeOid = analyzed.type;
    }
    const t = typeByOid(typeOid);
    if (method === 'gist' ? !isGistType(typeOid) : t?.noBtree) {
      throw new PgError('42704', `data type ${typeDisplayName(typeOid)} has no default operator class for access method "${method}"`,
        { hint: 'You must specify an operator class for the index or define a default operator class for the data type.' });
    }
    const opItems = (opList.List.items as any[]).map(i => i.String.sval as string);
    const op = opItems[opItems.length - 1];
    const tn = typeDisplayName(typeOid);
    if (!exclusionOperator(op, typeOid)) {
      throw new PgError('42883', `operator does not exist: ${tn} ${op} ${tn}`,
        { hint: 'No operator matches the given name and argument types. You might need to add explicit type casts.' });
    }
    if (!COMMUTATIVE.has(op)) {
      throw new PgError('42809', `operator ${op}(${tn},${tn}) is not commutative`, { detail: 'Only commutative operators can be used in exclusion constraints.' });
    }
    if (method !== 'gist' && op !== '=') {
      throw new PgError('42809', `operator ${op}(${tn},${tn}) is not a member of operator family "${familyName(typeOid)}"`,
        { detail: 'The exclusion operator must be related to the index operator class for the constraint.' });
    }
    ops.push(op);
  }
  const include = ((raw.including ?? []) as any[]).map(i => findColumn(i.String.sval).attnum);
  let predicate: IndexExtras['predicate'] = null;
  if (raw.where_clause) {
    const analyzed = analyze(cx, table, raw.where_clause, 'index predicates', true);
    columnsRead(analyzed, { entries: [] }, exprColumns);
    predicate = { expr: raw.where_clause, ...texts(cx, table, raw.where_clause, true) };
  }
  const taken = (n: string) => table.schema.relations.has(n) || cx.catalog.constraintNameUsed(table.schema, n) || chosen.includes(n);
  const name = s.name ?? chooseName(table.name, columnsNamePart(indexColumnNames([...names, ...include.map(a => table.columns[a - 1].name)])), 'excl', taken);
  if (table.schema.relations.has(name)) throw new PgError('42P07', `relation "${name}" already exists`);
  if (table.constraints.some(c => c.name === name)) throw new PgError('42710', `constraint "${name}" for relation "${table.name}" already exists`);
  chosen.push(name);
  const con = newConstraint(cx, table, name, 'x', columns, s);
  for (const att of exprColumns) if (!columns.includes(att)) cx.catalog.deps.add(con, 0, table, att, 'a');
  const extras: IndexExtras = { exprColumns: [...exprColumns], exclusion: ops };
  if (exprs.length) extras.exprs = exprs;
  if (predicate) extras.predicate = predicate;
  if (include.length) extras.include = include;
  if (method !== 'btree') extras.method = method as 'hash' | 'gist';
  con.index = createIndex(cx, table, name, columns, false, false, false, con, extras);
  checkExistingExclusion(cx.write, con.index);
  return con;
}

/** CREATE TABLE … (LIKE source INCLUDING INDEXES): the source's exclusion constraint, named for the new table. */
export function copyExclusion(cx: CommandContext, table: Table, ix: Index): void {
  let x = 0;
  const exclusions = ix.columns.map((a, i) => ({ List: { items: [
    { IndexElem: a ? { name: ix.table.columns[a - 1].name } : { expr: ix.exprs![x++].expr } },
    { List: { items: [{ String: { sval: ix.exclusion![i] } }] } },
  ] } }));
  const raw = {
    contype: 'CONSTR_EXCLUSION', access_method: ix.method ?? 'btree', exclusions, where_clause: ix.predicate?.expr,
    including: (ix.include ?? []).map(a => ({ String: { sval: ix.table.columns[a - 1].name } })),
  };
  const con = ix.constraint;
  addExclusion(cx, table, { kind: 'exclusion', raw, deferrable: con?.deferrable, initiallyDeferred: con?.initiallyDeferred }, []);
}
