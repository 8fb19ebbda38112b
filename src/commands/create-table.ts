// CREATE TABLE: columns, defaults, serial and identity columns, inheritance, and every
// constraint form, with the names PostgreSQL would choose.
import { checkCreateIn } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import { resolveTypeName, type ResolvedType } from '../analyzer/typenames.js';
import { chooseName, columnsNamePart, type Column, type Schema, type Table } from '../catalog/index.js';
import { Heap } from '../storage/heap.js';
import { OID } from '../types/oids.js';
import type { CommandContext } from './context.js';
import { checkInheritPersistence, setOnCommit, tempCreationSchema } from './temp.js';
import { expandTableLike } from './like.js';
import { tableReloptions } from './reloptions.js';
import { addConstraint, createSequenceFor, type ConstraintSpec } from './constraints.js';
import { expandTableOf } from './type-composite.js';
import { checkRowTypeName } from '../catalog/user-types.js';
import { checkParentKind, checkPartitionedCreate, finishPartition, installPartition, partitionColumnOptions, preparePartitionBound, setPartitionKey } from './partition-create.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

export function resolveCreationSchema(cx: CommandContext, rv: any, positionDenied = false): Schema {
  let schema: Schema;
  try {
    const temp = tempCreationSchema(cx, rv);
    if (temp) return temp;
    schema = cx.catalog.schema(rv.schemaname ?? cx.creationSchema());
    // CREATE in the schema: only CREATE TABLE's refusal points at the name (as PostgreSQL's)
    if (positionDenied) checkCreateIn(cx.catalog, cx.user, schema);
  } catch (e) {
    if (e instanceof PgError && e.position === undefined && rv.location >= 0) e.position = rv.location + 1;
    throw e;
  }
  if (!positionDenied) checkCreateIn(cx.catalog, cx.user, schema);
  return schema;
}

export function createTable(cx: CommandContext, n: any): string {
  const rv = n.relation;
  const schema = resolveCreationSchema(cx, rv, true);
  checkPartitionedCreate(n);
  if (schema.relations.has(rv.relname)) {
    if (n.if_not_exists) {
      cx.notice({ severity: 'NOTICE', code: '42P07', message: `relation "${rv.relname}" already exists, skipping` });
      return 'CREATE TABLE';
    }
    throw new PgError('42P07', `relation "${rv.relname}" already exists`);
  }
  checkRowTypeName(schema, rv.relname);
  // OF type: the type's attributes become the first column definitions (type-composite.ts)
  const typed = n.ofTypename ? expandTableOf(cx, n) : null;
  if (typed) n = typed.stmt;
  // LIKE clauses become column definitions here; their constraints and indexes come last
  const like = expandTableLike(cx, n);
  if (like) n = like.stmt;
  // MergeAttributes: the columns written here (and by LIKE) are checked for duplicates before any merging
  const written = ((n.tableElts ?? []) as any[]).filter(e => e.ColumnDef?.typeName).map(e => e.ColumnDef.colname as string);
  const twice = written.find((c, i) => written.indexOf(c) !== i);
  if (twice !== undefined) throw new PgError('42701', `column "${twice}" specified more than once`);
  const table: Table = {
    kind: 'table', relkind: 'r', oid: cx.catalog.allocOid(), name: rv.relname, schema, owner: cx.user, columns: [],
    heap: null as any, indexes: [], constraints: [], parents: [], children: [], referencedBy: [], version: 0,
  };
  table.heap = new Heap(table.oid);
  const specs: ConstraintSpec[] = [];
  const conflictingDefaults = new Set<string>();
  // inherited columns come first, merged by name
  for (const p of (n.inhRelations ?? []) as any[]) {
    const prv = p.RangeVar;
    const parent = cx.catalog.findRelation(prv.schemaname, prv.relname, cx.analyze.searchPath);
    if (!parent) throw new PgError('42P01', `relation "${prv.relname}" does not exist`);
    if (parent.kind !== 'table') throw new PgError('42809', `inherited relation "${prv.relname}" is not a table`);
    checkParentKind(parent, !!n.partbound, schema);
    checkInheritPersistence(schema, parent, cx.temp, !!n.partbound);
    if (table.parents.includes(parent)) throw new PgError('42P07', `relation "${parent.name}" would be inherited from more than once`);
    table.parents.push(parent);
    for (const pc of parent.columns) {
      if (pc.dropped) continue;
      const existing = table.columns.find(c => c.name === pc.name);
      if (existing) {
        cx.notice({ severity: 'NOTICE', code: '00000', message: `merging multiple inherited definitions of column "${pc.name}"` });
        if (existing.typeOid !== pc.typeOid || existing.typmod !== pc.typmod) {
          throw new PgError('42804', `inherited column "${pc.name}" has a type conflict`,
            { detail: `${typeName(existing.typeOid, existing.typmod)} versus ${typeName(pc.typeOid, pc.typmod)}` });
        }
        existing.inhCount++;
        existing.notNull ||= pc.notNull;
        // parents' defaults must agree unless the new table gives its own (MergeAttributes)
        const inherited = pc.identity ? null : pc.default;
        if (inherited && !existing.default) existing.default = inherited;
        else if (inherited && existing.default!.text !== inherited.text) conflictingDefaults.add(pc.name);
        continue;
      }
      // identity is not inherited, and neither is the sequence default that implements it
      table.columns.push({ ...pc, attnum: table.columns.length + 1, inhCount: 1, isLocal: false, identity: '', missing: null,
        default: pc.identity ? null : pc.default, statTarget: undefined, acl: null });
    }
  }
  const elts = (n.tableElts ?? []) as any[];
  let position = 0;
  const optioned = new Set<string>();
  for (const el of elts) {
    if (!el.ColumnDef) continue;
    const cd = el.ColumnDef;
    // PARTITION OF (col WITH OPTIONS …): options of an inherited column
    if (!cd.typeName && n.partbound) { specs.push(...partitionColumnOptions(cd, table, optioned)); continue; }
    position++;
    const t = resolveTypeName(cd.typeName);
    const inherited = table.columns.find(c => c.name === cd.colname);
    let col: Column;
    if (inherited && table.parents.length) {
      // the column keeps the inherited position; PostgreSQL says so when the user listed it elsewhere
      if (inherited.attnum === position) cx.notice({ severity: 'NOTICE', code: '00000', message: `merging column "${cd.colname}" with inherited definition` });
      else {
        cx.notice({ severity: 'NOTICE', code: '00000', message: `moving and merging column "${cd.colname}" with inherited definition`,
          detail: 'User-specified column moved to the position of the inherited column.' });
      }
      if (inherited.typeOid !== t.oid) {
        throw new PgError('42804', `column "${cd.colname}" has a type conflict`, { detail: `${typeName(inherited.typeOid, inherited.typmod)} versus ${typeName(t.oid, t.typmod)}` });
      }
      inherited.isLocal = true;
      col = inherited;
    } else {
      if (table.columns.some(c => c.name === cd.colname)) throw new PgError('42701', `column "${cd.colname}" specified more than once`);
      col = newColumn(cd.colname, table.columns.length + 1, t);
      table.columns.push(col);
    }
    specs.push(...columnSpecs(cd, col, t, table.name));
  }
  // CheckAttributeType: no column of a pseudo-type
  for (const c of table.columns) {
    const t = typeByOid(c.typeOid);
    if (c.typeOid === OID.unknown || t?.category === 'P') throw new PgError('42P16', `column "${c.name}" has pseudo-type ${t?.formatType(-1) ?? c.typeOid}`);
  }
  for (const name of conflictingDefaults) {
    if (!specs.some(sp => sp.kind === 'default' && sp.column === name)) {
      throw new PgError('42611', `column "${name}" inherits conflicting default values`, { hint: 'To resolve the conflict, specify a default explicitly.' });
    }
  }
  for (const el of elts) {
    if (el.Constraint) specs.push(tableConstraint(el.Constraint));
    else if (el.TableLikeClause) throw new PgError('0A000', 'CREATE TABLE … LIKE is not supported');
  }
  if (table.columns.length > 1600) throw new PgError('54011', 'tables can have at most 1600 columns');
  const partitionOf = n.partbound ? table.parents[0] : null;
  const bound = partitionOf ? preparePartitionBound(cx, partitionOf, n, table.name) : null;
  setOnCommit(table, n.oncommit);
  if (rv.relpersistence === 'u') table.unlogged = true;
  const reloptions = tableReloptions(n.options);
  if (reloptions.length) table.reloptions = reloptions;
  cx.catalog.addRelation(table);
  typed?.after(table);
  for (const p of table.parents) {
    cx.catalog.push(p.children, table);
    // a partition goes with its parent (DROP needs no CASCADE)
    cx.catalog.deps.add(table, 0, p, 0, partitionOf ? 'a' : 'n');
  }
  if (n.partspec) setPartitionKey(cx, table, n.partspec);
  if (partitionOf) installPartition(cx, partitionOf, table, bound!);
  cx.catalog.deps.add(table, 0, schema, 0, 'n');
  // inherited CHECK constraints
  for (const p of table.parents) {
    for (const pc of p.constraints) {
      if (pc.type !== 'c' || pc.noInherit) continue;
      const existing = table.constraints.find(c => c.name === pc.name);
      if (existing) { existing.inhCount++; continue; }
      addConstraint(cx, table, { kind: 'check', name: pc.name, expr: pc.check!.expr, text: pc.check!.text, inherited: true }, []);
    }
  }
  const chosen: string[] = [];
  // a new table has no rows: its constraints are valid whatever NOT VALID says (transformCheckConstraints)
  for (const s of sortSpecs(specs)) addConstraint(cx, table, { ...s, notValid: false }, chosen);
  if (partitionOf) finishPartition(cx, partitionOf, table);
  like?.after(table);
  return 'CREATE TABLE';
}

/** A column as a ColumnDef declares it (CREATE TABLE, ALTER TABLE ADD COLUMN). */
export function newColumn(name: string, attnum: number, t: ResolvedType): Column {
  return { name, attnum, typeOid: t.oid, typmod: t.typmod, notNull: false, default: null,
    identity: '', inhCount: 0, isLocal: true, dropped: false, missing: null };
}

/** What a ColumnDef says beyond its type: serial, then the constraints written on the column. */
export function columnSpecs(cd: any, col: Column, t: ResolvedType, table: string): ConstraintSpec[] {
  const specs: ConstraintSpec[] = [];
  if (t.serial) {
    col.notNull = true;
    specs.push({ kind: 'serial', column: col.name, serialType: t.serial });
  }
  specs.push(...columnConstraints((cd.constraints ?? []).map((c: any) => c.Constraint), col.name, table));
  return specs;
}

/** PostgreSQL creates the key indexes (primary key first), then checks and defaults, then foreign keys. */
export function sortSpecs(specs: ConstraintSpec[]): ConstraintSpec[] {
  const order = (s: ConstraintSpec) => (s.kind === 'serial' ? 0 : s.kind === 'default' || s.kind === 'notnull' || s.kind === 'null' || s.kind === 'identity' ? 1 : s.kind === 'primary' ? 2 : s.kind === 'unique' ? 3 : s.kind === 'check' ? 4 : 5);
  return specs.map((s, i) => ({ s, i })).sort((a, b) => order(a.s) - order(b.s) || a.i - b.i).map(x => x.s);
}

function typeName(oid: number, typmod: number): string {
  return resolveDisplay(oid, typmod);
}
import { typeByOid } from '../types/registry.js';
function resolveDisplay(oid: number, typmod: number): string {
  return typeByOid(oid)?.formatType(typmod) ?? String(oid);
}

function fkAction(a: string): 'a' | 'r' | 'c' | 'n' | 'd' {
  return (a as any) || 'a';
}

/**
 * A column's constraint list, where DEFERRABLE / INITIALLY … arrive as items of their own that
 * apply to the constraint before them (transformConstraintAttrs).
 */
export function columnConstraints(list: any[], column: string, table: string): ConstraintSpec[] {
  const out: ConstraintSpec[] = [];
  let last: ConstraintSpec | null = null;
  let sawDeferrability = false, sawInitially = false;
  let nullable: 'null' | 'notnull' | null = null;
  for (const c of list) {
    if (c.contype === 'CONSTR_NULL' || c.contype === 'CONSTR_NOTNULL') {
      const kind = c.contype === 'CONSTR_NULL' ? 'null' : 'notnull';
      if (nullable && nullable !== kind) {
        throw new PgError('42601', `conflicting NULL/NOT NULL declarations for column "${column}" of table "${table}"`, pos(c.location));
      }
      nullable = kind;
    }
    if (!c.contype.startsWith('CONSTR_ATTR_')) {
      last = columnConstraint(c, column);
      out.push(last);
      sawDeferrability = sawInitially = false;
      continue;
    }
    const clause = c.contype.replace('CONSTR_ATTR_', '').replace('NOT_DEFERRABLE', 'NOT DEFERRABLE')
      .replace('IMMEDIATE', 'INITIALLY IMMEDIATE').replace(/^DEFERRED$/, 'INITIALLY DEFERRED');
    if (!last || !['primary', 'unique', 'foreign'].includes(last.kind)) throw new PgError('42601', `misplaced ${clause} clause`, pos(c.location));
    const spec = last as ConstraintSpec & { deferrable?: boolean; initiallyDeferred?: boolean };
    const mustBeDeferrable = () => new PgError('42601', 'constraint declared INITIALLY DEFERRED must be DEFERRABLE', pos(c.location));
    if (clause.endsWith('DEFERRABLE')) {
      if (sawDeferrability) throw new PgError('42601', 'multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed', pos(c.location));
      sawDeferrability = true;
      spec.deferrable = clause === 'DEFERRABLE';
      if (!spec.deferrable && sawInitially && spec.initiallyDeferred) throw mustBeDeferrable();
    } else {
      if (sawInitially) throw new PgError('42601', 'multiple INITIALLY IMMEDIATE/DEFERRED clauses not allowed', pos(c.location));
      sawInitially = true;
      spec.initiallyDeferred = clause === 'INITIALLY DEFERRED';
      if (spec.initiallyDeferred) {
        if (!sawDeferrability) spec.deferrable = true;
        else if (!spec.deferrable) throw mustBeDeferrable();
      }
    }
  }
  return out;
}

export function columnConstraint(c: any, column: string): ConstraintSpec {
  const base = { name: c.conname as string | undefined, location: c.location as number };
  switch (c.contype) {
    case 'CONSTR_NOTNULL': return { kind: 'notnull', column, ...base };
    case 'CONSTR_NULL': return { kind: 'null', column, ...base };
    case 'CONSTR_DEFAULT': return { kind: 'default', column, expr: c.raw_expr, ...base };
    case 'CONSTR_IDENTITY': return { kind: 'identity', column, always: c.generated_when === 'a', options: c.options, ...base };
    case 'CONSTR_GENERATED': throw new PgError('0A000', 'generated columns are not supported', pos(c.location));
    default: return tableConstraint(c, [column]);
  }
}

export function tableConstraint(c: any, columns?: string[]): ConstraintSpec {
  const base = { name: c.conname as string | undefined, location: c.location as number,
    deferrable: !!c.deferrable, initiallyDeferred: !!c.initdeferred, notValid: c.skip_validation === true || c.initially_valid === false };
  const keys = columns ?? ((c.keys ?? []) as any[]).map(str);
  switch (c.contype) {
    case 'CONSTR_PRIMARY': return { kind: 'primary', columns: keys, ...base };
    case 'CONSTR_UNIQUE': return { kind: 'unique', columns: keys, nullsNotDistinct: !!c.nulls_not_distinct, ...base };
    case 'CONSTR_CHECK': return { kind: 'check', expr: c.raw_expr, text: '', noInherit: !!c.is_no_inherit, ...base };
    case 'CONSTR_FOREIGN': return {
      kind: 'foreign', columns: columns ?? ((c.fk_attrs ?? []) as any[]).map(str), refTable: c.pktable,
      refColumns: ((c.pk_attrs ?? []) as any[]).map(str), match: (c.fk_matchtype || 's') as 's' | 'f' | 'p',
      onUpdate: fkAction(c.fk_upd_action), onDelete: fkAction(c.fk_del_action),
      setColumns: c.fk_del_set_cols?.length ? (c.fk_del_set_cols as any[]).map(str) : null, ...base,
    };
    case 'CONSTR_EXCLUSION': return { kind: 'exclusion', raw: c, ...base };
    default: throw new PgError('0A000', `constraint type ${c.contype} is not supported`, pos(c.location));
  }
}

export { chooseName, columnsNamePart, createSequenceFor, OID };
