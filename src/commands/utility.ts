// Dispatch of utility statements (DDL, SET/SHOW, TRUNCATE, COMMENT, SET CONSTRAINTS).
import { PgError } from '../errors/index.js';
import type { Relation, Table } from '../catalog/objects.js';
import { chooseName, columnsNamePart } from '../catalog/names.js';
import { OID } from '../types/oids.js';
import type { CommandContext } from './context.js';
import { createTable, resolveCreationSchema } from './create-table.js';
import { createIndex } from './constraints.js';
import { dropObjects } from './drop.js';
import { alterSequence, createSequence, restartSequence } from './sequence.js';
import { isSystemRelation, systemCatalogDenied } from '../catalog/system/index.js';
import { comment } from './comment.js';
import { alterTable } from './alter-table.js';
import { rename, setSchema } from './rename.js';

const str = (n: any): string => n.String?.sval ?? n.sval;
/** A command's outcome, shaped like the session's StatementResult (commands sit below the session). */
export interface StatementResult {
  command: string;
  rowCount: number | null;
  rows?: unknown[][];
  fields?: { name: string; typeOid: number; typmod: number; tableOid: number; columnNumber: number }[];
}

const tag = (command: string): StatementResult => ({ command, rowCount: null });

/** What commands need from the session beyond the CommandContext. */
export interface SessionHooks {
  searchPath: string[];
  gucs: Map<string, string>;
  inTransactionBlock: boolean;
  setConstraintsMode(all: boolean, cons: import('../catalog/objects.js').Constraint[], deferred: boolean): void;
  /** SET TRANSACTION / SET SESSION CHARACTERISTICS AS TRANSACTION: the DefElem options. */
  setTransaction(options: any[], session: boolean): void;
  /** transaction_isolation, transaction_read_only, default_transaction_…: the session's value. */
  transactionSetting(name: string): string | undefined;
  /** DISCARD SEQUENCES: forget this session's currval/lastval state and cached values. */
  discardSequences(): void;
}

export function runUtility(cx: CommandContext, kind: string, n: any, s: SessionHooks): StatementResult {
  switch (kind) {
    case 'CreateStmt': return tag(createTable(cx, n));
    case 'CreateSeqStmt': return tag(createSequence(cx, n));
    case 'AlterSeqStmt': return tag(alterSequence(cx, n));
    case 'DiscardStmt': return discard(n, s);
    case 'CreateSchemaStmt': {
      if (n.schemaname.startsWith('pg_')) {
        throw new PgError('42939', `unacceptable schema name "${n.schemaname}"`, { detail: 'The prefix "pg_" is reserved for system schemas.' });
      }
      if (cx.catalog.schemas.has(n.schemaname)) {
        if (n.if_not_exists) { cx.notice({ severity: 'NOTICE', code: '42P06', message: `schema "${n.schemaname}" already exists, skipping` }); return tag('CREATE SCHEMA'); }
        throw new PgError('42P06', `schema "${n.schemaname}" already exists`);
      }
      if (n.schemaElts?.length) throw new PgError('0A000', 'CREATE SCHEMA with elements is not supported');
      cx.catalog.createSchema(n.schemaname, cx.user);
      return tag('CREATE SCHEMA');
    }
    case 'DropStmt': return drop(cx, n);
    case 'IndexStmt': return index(cx, n);
    case 'VariableSetStmt': return set(cx, n, s);
    case 'VariableShowStmt': {
      const name = n.name.toLowerCase();
      const value = name === 'search_path' ? s.searchPath.join(', ') : s.gucs.get(name) ?? s.transactionSetting(name) ?? showDefault(name, cx);
      return { command: 'SHOW', rowCount: 1, rows: [[value]], fields: [{ name, typeOid: OID.text, typmod: -1, tableOid: 0, columnNumber: 0 }] };
    }
    case 'TruncateStmt': return truncate(cx, n);
    case 'CommentStmt': comment(cx, n); return tag('COMMENT');
    case 'AlterTableStmt': return tag(alterTable(cx, n));
    case 'RenameStmt': return tag(rename(cx, n));
    case 'AlterObjectSchemaStmt': return tag(setSchema(cx, n));
    case 'ConstraintsSetStmt': {
      if (!s.inTransactionBlock) {
        cx.notice({ severity: 'WARNING', code: '25P01', message: 'SET CONSTRAINTS can only be used in transaction blocks' });
        return tag('SET CONSTRAINTS');
      }
      const cons = ((n.constraints ?? []) as any[]).map(c => {
        const rv = c.RangeVar;
        for (const t of cx.catalog.tables()) {
          const con = t.constraints.find(k => k.name === rv.relname && (!rv.schemaname || t.schema.name === rv.schemaname));
          if (con) {
            if (!con.deferrable) throw new PgError('42809', `constraint "${con.name}" is not deferrable`);
            return con;
          }
        }
        throw new PgError('42704', `constraint "${rv.relname}" does not exist`);
      });
      s.setConstraintsMode(!n.constraints?.length, cons, !!n.deferred);
      return tag('SET CONSTRAINTS');
    }
  }
  throw new PgError('0A000', `${kind.replace(/Stmt$/, '')} statements are not supported`);
}

function discard(n: any, s: SessionHooks): StatementResult {
  switch (n.target) {
    case 'DISCARD_SEQUENCES': s.discardSequences(); return tag('DISCARD SEQUENCES');
    // no temporary tables and no cached plans exist to be discarded
    case 'DISCARD_TEMP': return tag('DISCARD TEMP');
    case 'DISCARD_PLANS': return tag('DISCARD PLANS');
  }
  throw new PgError('0A000', 'DISCARD ALL is not supported');
}

function showDefault(name: string, cx: CommandContext): string {
  switch (name) {
    case 'timezone': return cx.analyze.settings.timeZone;
    case 'datestyle': return `${cx.analyze.settings.dateStyle}, ${cx.analyze.settings.dateOrder}`;
    case 'server_version': return '15.18';
    case 'intervalstyle': return cx.analyze.settings.intervalStyle;
    case 'bytea_output': return cx.analyze.settings.byteaOutput;
    case 'standard_conforming_strings': return 'on';
    case 'client_encoding': case 'server_encoding': return 'UTF8';
  }
  throw new PgError('42704', `unrecognized configuration parameter "${name}"`);
}

function set(cx: CommandContext, n: any, s: SessionHooks): StatementResult {
  const name = (n.name ?? '').toLowerCase();
  const values: string[] = ((n.args ?? []) as any[]).map(a => {
    const c = a.A_Const;
    if (c?.sval) return c.sval.sval;
    if (c?.ival) return String(c.ival.ival);
    if (c?.fval) return c.fval.fval;
    return '';
  });
  if (n.kind === 'VAR_SET_MULTI' && (name === 'transaction' || name === 'session characteristics')) {
    s.setTransaction(n.args ?? [], name !== 'transaction');
    return tag('SET');
  }
  if (n.kind === 'VAR_SET_MULTI' || n.kind === 'VAR_SET_CURRENT') throw new PgError('0A000', 'this form of SET is not supported');
  const reset = n.kind === 'VAR_RESET' || n.kind === 'VAR_SET_DEFAULT';
  switch (name) {
    case 'search_path':
      s.searchPath.length = 0;
      s.searchPath.push(...(reset ? ['"$user"', 'public'] : values.map(v => (v === '$user' ? '"$user"' : v))));
      return tag(reset ? 'RESET' : 'SET');
    case 'timezone':
      cx.analyze.settings.timeZone = reset ? 'UTC' : values[0];
      return tag(reset ? 'RESET' : 'SET');
    case 'datestyle': {
      for (const part of values.join(',').split(',').map(p => p.trim().toUpperCase())) {
        if (part === 'ISO') cx.analyze.settings.dateStyle = 'ISO';
        else if (part === 'POSTGRES') cx.analyze.settings.dateStyle = 'Postgres';
        else if (part === 'SQL') cx.analyze.settings.dateStyle = 'SQL';
        else if (part === 'GERMAN') cx.analyze.settings.dateStyle = 'German';
        else if (part === 'MDY' || part === 'DMY' || part === 'YMD') cx.analyze.settings.dateOrder = part;
      }
      return tag('SET');
    }
    case 'client_min_messages': case 'application_name': case 'statement_timeout': case 'lock_timeout':
    case 'client_encoding': case 'standard_conforming_strings': case 'extra_float_digits':
      if (name === 'extra_float_digits') cx.analyze.settings.extraFloatDigits = Number(values[0] ?? 1);
      if (reset) s.gucs.delete(name); else s.gucs.set(name, values.join(', '));
      return tag(reset ? 'RESET' : 'SET');
    case 'bytea_output': case 'intervalstyle': {
      const choices = name === 'bytea_output' ? ['escape', 'hex'] : ['postgres', 'postgres_verbose', 'sql_standard', 'iso_8601'];
      const v = reset ? choices[name === 'bytea_output' ? 1 : 0] : values[0].toLowerCase();
      if (!choices.includes(v)) {
        throw new PgError('22023', `invalid value for parameter "${name === 'intervalstyle' ? 'IntervalStyle' : name}": "${values[0]}"`, { hint: `Available values: ${choices.join(', ')}.` });
      }
      if (name === 'bytea_output') cx.analyze.settings.byteaOutput = v as 'hex' | 'escape';
      else cx.analyze.settings.intervalStyle = v as typeof cx.analyze.settings.intervalStyle;
      return tag(reset ? 'RESET' : 'SET');
    }
  }
  throw new PgError('42704', `unrecognized configuration parameter "${name}"`);
}

function lookup(cx: CommandContext, names: any[]): Relation | undefined {
  const parts = names.map(str);
  return cx.catalog.findRelation(parts.length > 1 ? parts[parts.length - 2] : null, parts[parts.length - 1], cx.analyze.searchPath);
}

function drop(cx: CommandContext, n: any): StatementResult {
  const kinds: Record<string, [string, string]> = {
    OBJECT_TABLE: ['table', 'DROP TABLE'], OBJECT_INDEX: ['index', 'DROP INDEX'], OBJECT_SEQUENCE: ['sequence', 'DROP SEQUENCE'],
    OBJECT_VIEW: ['view', 'DROP VIEW'], OBJECT_SCHEMA: ['schema', 'DROP SCHEMA'],
  };
  const k = kinds[n.removeType];
  if (!k) throw new PgError('0A000', `DROP ${n.removeType.replace('OBJECT_', '')} is not supported`);
  const [what, command] = k;
  const cascade = n.behavior === 'DROP_CASCADE';
  const roots: import('../catalog/dependencies.js').DepRef[] = [];
  for (const obj of n.objects as any[]) {
    if (what === 'schema') {
      const name = str(obj);
      const sch = cx.catalog.schemas.get(name);
      if (!sch) {
        if (n.missing_ok) { cx.notice({ severity: 'NOTICE', code: '00000', message: `schema "${name}" does not exist, skipping` }); continue; }
        throw new PgError('3F000', `schema "${name}" does not exist`);
      }
      roots.push({ obj: sch, sub: 0 });
      continue;
    }
    const names = obj.List.items as any[];
    const display = names.map(str).join('.');
    const rel = lookup(cx, names);
    if (!rel) {
      if (n.missing_ok) { cx.notice({ severity: 'NOTICE', code: '00000', message: `${what} "${display}" does not exist, skipping` }); continue; }
      throw new PgError('42P01', `${what} "${display}" does not exist`);
    }
    if (rel.kind !== what) {
      const article = (k: string) => (k === 'index' ? 'an' : 'a');
      throw new PgError('42809', `"${rel.name}" is not ${article(what)} ${what}`, { hint: `Use DROP ${rel.kind.toUpperCase()} to remove ${article(rel.kind)} ${rel.kind}.` });
    }
    if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
    roots.push({ obj: rel, sub: 0 });
  }
  if (roots.length) dropObjects(cx, roots, cascade);
  return tag(command);
}

function index(cx: CommandContext, n: any): StatementResult {
  const rv = n.relation;
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
  if (rel.kind !== 'table') throw new PgError('42809', `"${rv.relname}" is not a table`);
  if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
  const table = rel as Table;
  const cols = (n.indexParams as any[]).map(p => {
    const e = p.IndexElem;
    if (!e.name) throw new PgError('0A000', 'expression indexes are not supported');
    const c = table.columns.find(c => !c.dropped && c.name === e.name);
    if (!c) throw new PgError('42703', `column "${e.name}" does not exist`);
    if (e.ordering && e.ordering !== 'SORTBY_DEFAULT') throw new PgError('0A000', 'index column ordering is not supported');
    return c;
  });
  if (n.whereClause) throw new PgError('0A000', 'partial indexes are not supported');
  const name = n.idxname ?? chooseName(table.name, columnsNamePart(cols.map(c => c.name)), 'idx', x => table.schema.relations.has(x));
  if (table.schema.relations.has(name)) {
    if (n.if_not_exists) { cx.notice({ severity: 'NOTICE', code: '42P07', message: `relation "${name}" already exists, skipping` }); return tag('CREATE INDEX'); }
    throw new PgError('42P07', `relation "${name}" already exists`);
  }
  createIndex(cx, table, name, cols.map(c => c.attnum), !!n.unique, false, !!n.nulls_not_distinct, null);
  return tag('CREATE INDEX');
}

function truncate(cx: CommandContext, n: any): StatementResult {
  const tables: Table[] = [];
  for (const r of n.relations as any[]) {
    const rv = r.RangeVar;
    const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
    if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
    if (rel.kind !== 'table') throw new PgError('42809', `"${rv.relname}" is not a table`);
    if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
    for (const t of rv.inh ? inheritance(rel) : [rel]) if (!tables.includes(t)) tables.push(t);
  }
  const cascade = n.behavior === 'DROP_CASCADE';
  for (let i = 0; i < tables.length; i++) {
    for (const fk of tables[i].referencedBy) {
      const child = fk.table;
      if (tables.includes(child)) continue;
      if (!cascade) {
        throw new PgError('0A000', 'cannot truncate a table referenced in a foreign key constraint', {
          detail: `Table "${child.name}" references "${tables[i].name}".`,
          hint: `Truncate table "${child.name}" at the same time, or use TRUNCATE ... CASCADE.` });
      }
      cx.notice({ severity: 'NOTICE', code: '00000', message: `truncate cascades to table "${child.name}"` });
      tables.push(child);
    }
  }
  for (const t of tables) {
    // mark every row deleted by this transaction: MVCC keeps older snapshots and ROLLBACK right
    for (const tup of t.heap.tuples) if (tup.xmax === 0 || cx.tm.isAborted(tup.xmax)) t.heap.markDeleted(tup, cx.write.xid, cx.write.cid);
  }
  if (n.restart_seqs) {
    for (const t of tables) for (const rel of t.schema.relations.values()) {
      if (rel.kind === 'sequence' && rel.ownedBy?.table === t) restartSequence(cx, rel);
    }
  }
  return tag('TRUNCATE TABLE');
}

function inheritance(t: Table): Table[] {
  const out = [t];
  for (let i = 0; i < out.length; i++) for (const c of out[i].children) if (!out.includes(c)) out.push(c);
  return out;
}

export { resolveCreationSchema };
