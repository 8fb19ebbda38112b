// Adding columns' properties and constraints to a table (shared by CREATE TABLE and ALTER TABLE).
import { checkReferences } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import { checkForeignKeyPersistence } from './temp.js';
import { analyzeCheck } from '../analyzer/stored-expr.js';
import { chooseName, columnsNamePart, type Constraint, type Index, type Sequence, type Table } from '../catalog/index.js';
import { recordSize } from '../planner/stats.js';
import { BTree } from '../storage/btree.js';
import { isLive } from '../storage/visibility.js';
import { indexColumns, indexHolds, prepareIndex } from '../catalog/index-keys.js';
import { exprKeyText, indexKey } from '../integrity/writer.js';
import { checkExistingRows } from '../integrity/referential.js';
import { OID } from '../types/oids.js';
import { numberOrdered } from '../types/number-order.js';
import { typeByOid } from '../types/registry.js';
import type { CommandContext } from './context.js';
import { deparse } from './deparse.js';
import { createColumnSequence } from './sequence.js';
import { setColumnDefault } from './column-default.js';
import { quoteIdent } from '../types/string-functions.js';
import { checkUniqueCoversKey, partitionedIndexCreated, partitionsOf } from './partition-index.js';
import { cloneFkToPartition, cloneFkToReferencedPartitions } from './partition-fk.js';
import { addExclusion } from './exclusion.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

interface Base { name?: string; location?: number; deferrable?: boolean; initiallyDeferred?: boolean; notValid?: boolean }
export type ConstraintSpec =
  | (Base & { kind: 'serial'; column: string; serialType: 'int2' | 'int4' | 'int8' })
  | (Base & { kind: 'notnull' | 'null'; column: string })
  | (Base & { kind: 'default'; column: string; expr: any })
  | (Base & { kind: 'identity'; column: string; always: boolean; options?: any[] })
  | (Base & { kind: 'primary'; columns: string[] })
  | (Base & { kind: 'unique'; columns: string[]; nullsNotDistinct: boolean })
  | (Base & { kind: 'check'; expr: any; text: string; noInherit?: boolean; inherited?: boolean })
  | (Base & { kind: 'foreign'; columns: string[]; refTable: any; refColumns: string[]; match: 's' | 'f' | 'p';
      onUpdate: 'a' | 'r' | 'c' | 'n' | 'd'; onDelete: 'a' | 'r' | 'c' | 'n' | 'd'; setColumns: string[] | null })
  | (Base & { kind: 'exclusion'; raw: any });

function column(table: Table, name: string, location?: number) {
  const c = table.columns.find(c => !c.dropped && c.name === name);
  if (!c) throw new PgError('42703', `column "${name}" named in key does not exist`, pos(location));
  return c;
}

const relationNameTaken = (cx: CommandContext, table: Table) => (n: string) => table.schema.relations.has(n) || cx.catalog.constraintNameUsed(table.schema, n);

/**
 * Adds one column property or constraint. With `pending` (ALTER TABLE), new CHECK and FOREIGN KEY
 * constraints are not checked against existing rows here but listed there, to be checked once
 * the rows are rewritten.
 */
/** The defaults serial columns get (they have no position in the statement text). */
const serialDefaults = new WeakSet<object>();

export function addConstraint(cx: CommandContext, table: Table, s: ConstraintSpec, chosen: string[], pending?: Constraint[]): Constraint | null {
  const cat = cx.catalog;
  switch (s.kind) {
    case 'serial': {
      const col = column(table, s.column);
      const seq = createSequenceFor(cx, table, col.attnum, OID[s.serialType], false);
      const def = { expr: nextvalCall(seq), text: nextvalText(seq) };
      serialDefaults.add(def);
      setColumnDefault(cx, table, col, def);
      return null;
    }
    case 'notnull': cat.set(column(table, s.column), 'notNull', true); return null;
    case 'null': {
      const c = column(table, s.column);
      if (c.notNull && !c.inhCount) throw new PgError('42601', `conflicting NULL/NOT NULL declarations for column "${c.name}" of table "${table.name}"`, pos(s.location));
      return null;
    }
    case 'default': {
      const c = column(table, s.column);
      if (c.identity) throw new PgError('42601', `both default and identity specified for column "${c.name}" of table "${table.name}"`, pos(s.location));
      if (c.default && c.inhCount === 0) throw new PgError('42601', `multiple default values specified for column "${c.name}" of table "${table.name}"`, pos(s.location));
      checkDefault(cx, c, s.expr);
      setColumnDefault(cx, table, c, { expr: s.expr, text: deparse(s.expr) });
      return null;
    }
    case 'identity': {
      const c = column(table, s.column);
      if (c.identity) throw new PgError('42601', `multiple identity specifications for column "${c.name}" of table "${table.name}"`, pos(s.location));
      if (c.default && c.inhCount === 0) {
        // PostgreSQL points at the column's last constraint, which for serial is its unwritten DEFAULT
        throw new PgError('42601', `both default and identity specified for column "${c.name}" of table "${table.name}"`,
          pos(serialDefaults.has(c.default) ? undefined : s.location));
      }
      const seq = createSequenceFor(cx, table, c.attnum, c.typeOid, true, s.options);
      cat.set(c, 'identity', s.always ? 'a' : 'd');
      cat.set(c, 'notNull', true);
      // the identity's values come from its sequence; catalogs show no default for it
      cat.set(c, 'default', { expr: nextvalCall(seq), text: nextvalText(seq) });
      return null;
    }
    case 'exclusion': return addExclusion(cx, table, s, chosen);
    case 'primary': case 'unique': {
      const cols = s.columns.map(n => column(table, n, s.location));
      if (s.kind === 'primary') {
        if (table.constraints.some(c => c.type === 'p')) {
          throw new PgError('42P16', `multiple primary keys for table "${table.name}" are not allowed`, pos(s.location));
        }
        for (const c of cols) cat.set(c, 'notNull', true);
      } else if (!s.name && table.constraints.some(c => c.type === 'u' && sameCols(c.columns, cols.map(c => c.attnum)))) {
        return null; // a duplicate unnamed UNIQUE collapses into the existing one
      }
      if (table.partitionKey) checkUniqueCoversKey(table, cols, s.kind === 'primary' ? 'PRIMARY KEY' : 'UNIQUE');
      const name = s.name ?? chooseName(table.name, s.kind === 'primary' ? null : columnsNamePart(cols.map(c => c.name)),
        s.kind === 'primary' ? 'pkey' : 'key', n => relationNameTaken(cx, table)(n) || chosen.includes(n));
      if (table.schema.relations.has(name)) throw new PgError('42P07', `relation "${name}" already exists`);
      chosen.push(name);
      const con = newConstraint(cx, table, name, s.kind === 'primary' ? 'p' : 'u', cols.map(c => c.attnum), s);
      const index = createIndex(cx, table, name, con.columns, true, s.kind === 'primary', s.kind === 'unique' && s.nullsNotDistinct, con);
      con.index = index;
      if (table.partitionKey) partitionedIndexCreated(cx, table, index);
      return con;
    }
    case 'check': {
      if (s.noInherit && table.partitionKey) {
        throw new PgError('42P16', `cannot add NO INHERIT constraint to partitioned table "${table.name}"`);
      }
      const name = s.name ?? chooseName(table.name, singleColumn(table, s.expr), 'check', n => cat.constraintNameUsed(table.schema, n) || chosen.includes(n));
      const clash = table.constraints.find(c => c.name === name);
      if (clash && !s.inherited && clash.type === 'c' && !clash.isLocal && clash.inhCount > 0 && !chosen.includes(name)
        && clash.check!.text === (s.text || deparse(s.expr))) {
        // a table's own definition of a CHECK it inherits merges into it (MergeWithExistingConstraint)
        if (s.noInherit) throw new PgError('42P17', `constraint "${name}" conflicts with inherited constraint on relation "${table.name}"`);
        cx.notice({ severity: 'NOTICE', code: '00000', message: `merging constraint "${name}" with inherited definition` });
        if (!table.partitionBound) cat.set(clash, 'isLocal', true);
        chosen.push(name);
        return clash;
      }
      if (clash) {
        // two new CHECKs of one name, or a name already taken (AddRelationNewConstraints)
        if (clash.type === 'c' && chosen.includes(name)) throw new PgError('42710', `check constraint "${name}" already exists`);
        throw new PgError('42710', `constraint "${name}" for relation "${table.name}" already exists`);
      }
      analyzeCheck(cx.analyze, table, s.expr);
      chosen.push(name);
      const con = newConstraint(cx, table, name, 'c', referencedColumns(table, s.expr), s);
      con.check = { expr: s.expr, text: s.text || deparse(s.expr) };
      con.noInherit = !!s.noInherit;
      if (s.inherited) { con.inhCount = 1; con.isLocal = false; }
      if (s.notValid) con.validated = false;
      else if (pending) pending.push(con);
      else cx.checkExisting(table, con);
      // children get the constraint too
      if (!s.noInherit) for (const child of table.children) {
        const existing = child.constraints.find(c => c.name === name);
        if (existing) mergeCheck(cx, child, existing, con);
        else addConstraint(cx, child, { ...s, name, inherited: true }, [], pending);
      }
      return con;
    }
    case 'foreign': return addForeignKey(cx, table, s, chosen, pending);
  }
}

/** A child's own CHECK constraint of the same name takes the inherited one's place (MergeWithExistingConstraint). */
function mergeCheck(cx: CommandContext, child: Table, existing: Constraint, con: Constraint): void {
  if (existing.type !== 'c' || existing.check!.text !== con.check!.text) {
    throw new PgError('42710', `constraint "${con.name}" for relation "${child.name}" already exists`);
  }
  if (existing.noInherit) {
    throw new PgError('42P17', `constraint "${con.name}" conflicts with non-inherited constraint on relation "${child.name}"`);
  }
  if (!existing.validated && con.validated) {
    throw new PgError('42P17', `constraint "${con.name}" conflicts with NOT VALID constraint on relation "${child.name}"`);
  }
  cx.notice({ severity: 'NOTICE', code: '00000', message: `merging constraint "${con.name}" with inherited definition` });
  cx.catalog.set(existing, 'inhCount', existing.inhCount + 1);
  // a partition's constraint has one parent and is never its own once inherited
  if (child.partitionBound) { cx.catalog.set(existing, 'inhCount', 1); cx.catalog.set(existing, 'isLocal', false); }
}

function sameCols(a: number[], b: number[]) { return a.length === b.length && a.every((x, i) => x === b[i]); }

export function newConstraint(cx: CommandContext, table: Table, name: string, type: Constraint['type'], columns: number[], s: Base): Constraint {
  const con: Constraint = {
    kind: 'constraint', oid: cx.catalog.allocOid(), name, type, table, columns, index: null, check: null, fk: null,
    deferrable: !!s.deferrable, initiallyDeferred: !!s.initiallyDeferred, validated: true, noInherit: false, inhCount: 0, isLocal: true,
  };
  if (s.initiallyDeferred && !s.deferrable && s.deferrable !== undefined) con.deferrable = true;
  cx.catalog.push(table.constraints, con);
  for (const att of columns) cx.catalog.deps.add(con, 0, table, att, 'a');
  if (columns.length === 0) cx.catalog.deps.add(con, 0, table, 0, 'a');
  bump(cx, table);
  return con;
}

export function bump(cx: CommandContext, table: Table): void {
  cx.catalog.set(table, 'version', table.version + 1);
  table.cache = undefined;
  // closures compiled after the change must not outlive its ROLLBACK either
  cx.catalog.record(() => { table.cache = undefined; });
}

export function createIndex(cx: CommandContext, table: Table, name: string, columns: number[], unique: boolean, primary: boolean,
  nullsNotDistinct: boolean, con: Constraint | null, extra?: IndexExtras): Index {
  for (const a of columns) {
    if (a === 0) continue;
    const t = typeByOid(table.columns[a - 1].typeOid);
    if (t?.noBtree && !extra?.exclusion) {
      throw new PgError('42704', `data type ${t.formatType(-1)} has no default operator class for access method "btree"`,
        { hint: 'You must specify an operator class for the index or define a default operator class for the data type.' });
    }
  }
  const index: Index = {
    kind: 'index', relkind: 'i', oid: cx.catalog.allocOid(), name, schema: table.schema, table, columns, unique, primary,
    nullsNotDistinct, tree: null as unknown as BTree, constraint: con, ...extra,
  };
  prepareIndex(cx.catalog, index);
  index.tree = buildTree(cx, index);
  cx.catalog.addRelation(index);
  cx.catalog.push(table.indexes, index);
  if (con) cx.catalog.deps.add(index, 0, con, 0, 'i');
  else for (const att of new Set([...columns, ...(extra?.include ?? []), ...(extra?.exprColumns ?? [])])) if (att) cx.catalog.deps.add(index, 0, table, att, 'a');
  delete (index as { exprColumns?: number[] }).exprColumns;
  bump(cx, table);
  // building an index counts the table's rows, which the planner then knows (index_update_stats)
  let live = 0;
  for (const t of table.heap.tuples) if (isLive(t, cx.tm, cx.write.top)) live++;
  recordSize(table, live, false);
  return index;
}

/** Rebuilds an index from the table's rows (ALTER TABLE rewrote them or changed a key column's type). */
export function rebuildIndex(cx: CommandContext, index: Index): void {
  prepareIndex(cx.catalog, index);
  cx.catalog.set(index, 'tree', buildTree(cx, index));
}

/** Index options beyond plain key columns (create-index.ts); exprColumns: columns the expressions and predicate read (dependencies). */
export type IndexExtras = Pick<Index, 'exprs' | 'predicate' | 'options' | 'include' | 'method' | 'exclusion'> & { exprColumns?: number[] };

function buildTree(cx: CommandContext, ix: Index): BTree {
  // an exclusion constraint's index keeps no entries (integrity/exclusion.ts scans the table)
  if (ix.exclusion) return new BTree([]);
  const { table, name, unique, nullsNotDistinct } = ix;
  const cols = indexColumns(ix).filter(c => c.key);
  const cmps = cols.map(c => { const t = typeByOid(c.typeOid)!; return t.compare.bind(t); });
  const index = { tree: new BTree(cmps, cols.length === 1 && numberOrdered(cols[0].typeOid)) };
  // fill from existing rows, checking uniqueness among live ones through the tree being built
  for (const t of table.heap.tuples) {
    if (ix.predicate && !indexHolds(ix, t.data)) continue;
    const key = indexKey(ix, t.data);
    if (unique && isLive(t, cx.tm, cx.write.top) && (nullsNotDistinct || !key.some(v => v === null))) {
      let dup = false;
      index.tree.scanEqual(key, other => { if (isLive(other, cx.tm, cx.write.top)) { dup = true; return false; } });
      if (dup) {
        const text = ix.exprs?.length ? exprKeyText(cx.write, ix, key)
          : `Key (${cols.map(c => c.name).join(', ')})=(${key.map((v, i) => (v === null ? 'null' : cx.write.formatValue(v, cols[i].typeOid))).join(', ')})`;
        throw new PgError('23505', `could not create unique index "${name}"`, {
          detail: `${text} is duplicated.`, table: table.name, schema: table.schema.name, constraint: name });
      }
    }
    index.tree.insert(key, t);
  }
  return index.tree;
}

/** cookDefault: the expression must make sense without a row and be assignable to the column. */
function checkDefault(cx: CommandContext, c: Table['columns'][number], expr: any): void {
  const compiled = cx.compileExpr(null, expr, 'DEFAULT expressions', c.typeOid, c.typmod);
  if (!compiled.fn) {
    throw new PgError('42804', `column "${c.name}" is of type ${typeByOid(c.typeOid)!.formatType(c.typmod)} but default expression is of type ${typeByOid(compiled.type)?.formatType(-1) ?? compiled.type}`,
      { hint: 'You will need to rewrite or cast the expression.' });
  }
}

/** The sequence of a serial or identity column, owned by it (sequence.ts). */
export function createSequenceFor(cx: CommandContext, table: Table, attnum: number, typeOid: number, identity: boolean,
  options?: any[]): Sequence {
  return createColumnSequence(cx, table, attnum, typeOid, identity, options);
}

/**
 * The parse tree of a serial default, nextval(<oid>::regclass): by oid, as PostgreSQL
 * stores it, so that renaming the sequence keeps the default working.
 */
export function nextvalCall(seq: Sequence): any {
  // 'oid'::regclass reads as a regclass constant (stays bound to the sequence; prints as its name)
  const arg = { TypeCast: { arg: { A_Const: { sval: { sval: String(seq.oid) }, location: -1 } },
    typeName: { names: [{ String: { sval: 'pg_catalog' } }, { String: { sval: 'regclass' } }], typemod: -1, location: -1 }, location: -1 } };
  return { FuncCall: { funcname: [{ String: { sval: 'nextval' } }], args: [arg], location: -1, funcformat: 'COERCE_EXPLICIT_CALL' } };
}

/** How the serial default reads back (pg_get_expr): nextval('seq'::regclass). */
export function nextvalText(seq: Sequence): string {
  const name = seq.schema.name === 'public' ? quoteIdent(seq.name) : `${quoteIdent(seq.schema.name)}.${quoteIdent(seq.name)}`;
  return `nextval('${name.replace(/'/g, "''")}'::regclass)`;
}

/** Names of table columns an expression mentions. */
function columnNames(table: Table, expr: any, out = new Set<string>()): Set<string> {
  if (!expr || typeof expr !== 'object') return out;
  if (Array.isArray(expr)) { for (const x of expr) columnNames(table, x, out); return out; }
  if (expr.ColumnRef) {
    const f = expr.ColumnRef.fields;
    const last = f[f.length - 1]?.String?.sval;
    if (last && table.columns.some(c => !c.dropped && c.name === last)) out.add(last);
    return out;
  }
  if (expr.SubLink) return out;
  for (const v of Object.values(expr)) columnNames(table, v, out);
  return out;
}

function singleColumn(table: Table, expr: any): string | null {
  const names = [...columnNames(table, expr)];
  return names.length === 1 ? names[0] : null;
}

function referencedColumns(table: Table, expr: any): number[] {
  const names = columnNames(table, expr);
  return table.columns.filter(c => names.has(c.name)).map(c => c.attnum);
}

function addForeignKey(cx: CommandContext, table: Table, s: ConstraintSpec & { kind: 'foreign' }, chosen: string[], pending?: Constraint[]): Constraint {
  const cat = cx.catalog;
  const rv = s.refTable;
  const ref = rv.relname === table.name && (!rv.schemaname || rv.schemaname === table.schema.name) ? table
    : cat.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!ref) throw new PgError('42P01', `relation "${rv.schemaname ? rv.schemaname + '.' : ''}${rv.relname}" does not exist`);
  if (ref.kind !== 'table') throw new PgError('42809', `referenced relation "${rv.relname}" is not a table`);
  checkForeignKeyPersistence(table, ref);
  const cols = s.columns.map(n => {
    if (SYSTEM_COLUMNS.has(n)) throw new PgError('42830', 'system columns cannot be used in foreign keys');
    const c = table.columns.find(c => !c.dropped && c.name === n);
    if (!c) throw new PgError('42703', `column "${n}" referenced in foreign key constraint does not exist`);
    return c;
  });
  const setColumns = s.setColumns?.map(n => {
    const c = table.columns.find(c => !c.dropped && c.name === n);
    if (!c) throw new PgError('42703', `column "${n}" referenced in foreign key constraint does not exist`);
    if (!cols.includes(c)) throw new PgError('42P10', `column "${n}" referenced in ON DELETE SET action must be part of foreign key`);
    return c.attnum;
  }).filter((a, i, all) => all.indexOf(a) === i) ?? null; // a column named twice is set once

  let refCols;
  let refIndex: Index | undefined;
  if (s.refColumns.length) {
    refCols = s.refColumns.map(n => {
      if (SYSTEM_COLUMNS.has(n)) throw new PgError('42830', 'system columns cannot be used in foreign keys');
      const c = ref.columns.find(c => !c.dropped && c.name === n);
      if (!c) throw new PgError('42703', `column "${n}" referenced in foreign key constraint does not exist`);
      return c;
    });
    const want = refCols.map(c => c.attnum);
    refIndex = ref.indexes.find(ix => ix.unique && ix.constraint && ix.columns.length === want.length && want.every(a => ix.columns.includes(a)));
    if (!refIndex) throw new PgError('42830', `there is no unique constraint matching given keys for referenced table "${ref.name}"`);
    if (refIndex.constraint?.deferrable) throw new PgError('55000', `cannot use a deferrable unique constraint for referenced table "${ref.name}"`);
  } else {
    refIndex = ref.indexes.find(ix => ix.primary);
    if (!refIndex) throw new PgError('42704', `there is no primary key for referenced table "${ref.name}"`);
    if (refIndex.constraint?.deferrable) throw new PgError('55000', `cannot use a deferrable primary key for referenced table "${ref.name}"`);
    refCols = refIndex.columns.map(a => ref.columns[a - 1]);
  }
  checkReferences(cat, cx.user, ref, refCols.map(c => c.attnum));
  if (refCols.length !== cols.length) {
    throw new PgError('42830', 'number of referencing and referenced columns for foreign key disagree');
  }
  for (let i = 0; i < cols.length; i++) {
    const a = cols[i], b = refCols[i];
    if (!compatible(a.typeOid, b.typeOid)) {
      throw new PgError('42804', `foreign key constraint "${s.name ?? chooseName(table.name, columnsNamePart(cols.map(c => c.name)), 'fkey', () => false)}" cannot be implemented`,
        { detail: `Key columns "${a.name}" and "${b.name}" are of incompatible types: ${typeByOid(a.typeOid)!.formatType(-1)} and ${typeByOid(b.typeOid)!.formatType(-1)}.` });
    }
  }
  if (table.partitionKey && s.notValid) {
    throw new PgError('42809', `cannot add NOT VALID foreign key on partitioned table "${table.name}" referencing relation "${ref.name}"`,
      { detail: 'This feature is not yet supported on partitioned tables.' });
  }
  const name = s.name ?? chooseName(table.name, columnsNamePart(cols.map(c => c.name)), 'fkey', n => cat.constraintNameUsed(table.schema, n) || chosen.includes(n));
  if (table.constraints.some(c => c.name === name)) throw new PgError('42710', `constraint "${name}" for relation "${table.name}" already exists`);
  chosen.push(name);
  const con = newConstraint(cx, table, name, 'f', cols.map(c => c.attnum), s);
  con.fk = {
    refTable: ref, refColumns: refCols.map(c => c.attnum), match: s.match, onUpdate: s.onUpdate, onDelete: s.onDelete, refIndex,
    setColumns,
  };
  cat.push(ref.referencedBy, con);
  for (const c of refCols) cat.deps.add(con, 0, ref, c.attnum, 'n');
  cat.deps.add(con, 0, refIndex, 0, 'n');
  if (s.notValid) con.validated = false;
  else if (pending) pending.push(con);
  else checkExistingRows(cx.write, con);
  // partitioned tables on either side: clones per partition (partition-fk.ts)
  if (table.partitionKey) for (const part of partitionsOf(table)) cloneFkToPartition(cx, con, part, pending);
  if (ref.partitionKey) cloneFkToReferencedPartitions(cx, con);
  return con;
}

const INTS = new Set<number>([OID.int2, OID.int4, OID.int8]);
const STRS = new Set<number>([OID.text, OID.varchar, OID.bpchar]);
/** Can a foreign key compare these key column types (PostgreSQL finds an equality operator)? */
/**
 * Can a foreign key column of type `fk` reference a key of type `pk` (ATAddForeignKeyConstraint)?
 * Yes when both are in one operator family (the integers, the floats, the strings, inet and cidr), or when
 * `fk` casts implicitly to `pk` (an integer to numeric or to a float).
 */
export function compatible(fk: number, pk: number): boolean {
  if (fk === pk || (STRS.has(fk) && STRS.has(pk)) || (NETS.has(fk) && NETS.has(pk))) return true;
  if (INTS.has(fk)) return INTS.has(pk) || pk === OID.numeric || FLOATS.has(pk);
  return FLOATS.has(fk) && FLOATS.has(pk);
}
const FLOATS = new Set<number>([OID.float4, OID.float8]);
const NETS = new Set<number>([OID.inet, OID.cidr]);
const SYSTEM_COLUMNS = new Set(['tableoid', 'ctid', 'xmin', 'xmax', 'cmin', 'cmax']);

