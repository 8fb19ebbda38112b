// Dispatch of utility statements (DDL, SET/SHOW, TRUNCATE, COMMENT, SET CONSTRAINTS).
import { PgError } from '../errors/index.js';
import type { Relation, Table } from '../catalog/objects.js';
import { chooseName, columnsNamePart } from '../catalog/names.js';
import { OID } from '../types/oids.js';
import type { CommandContext } from './context.js';
import { createTable, resolveCreationSchema } from './create-table.js';
import { createIndexStmt } from './create-index.js';
import { dropObjects } from './drop.js';
import { alterSequence, createSequence, restartSequence } from './sequence.js';
import { isSystemRelation, systemCatalogDenied } from '../catalog/system/index.js';
import { comment } from './comment.js';
import { alterTable } from './alter-table.js';
import { rename, setSchema } from './rename.js';
import { checkUniqueCoversKey, partitionedIndexCreated } from './partition-index.js';
import { checkDetachConcurrently } from './partition-attach.js';
import { constraintsToSet } from './set-constraints.js';
import { createView } from './view.js';
import { reindex, vacuum } from './vacuum.js';
import { dropTempObjects } from './temp.js';
import { createSchemaElements } from './schema-elements.js';
import { runAccessCommand, type AccessSession } from './access.js';
import { runTypeCommand } from './type-commands.js';
import { runFunctionCommand } from './function-commands.js';
import { createAggregate } from './aggregate.js';
import { runOperatorCommand } from './operator-commands.js';
import { createTrigger } from './trigger.js';
import { dropTrigger } from './trigger-alter.js';
import { fireTruncate } from '../triggers/fire.js';
import { dropMissing, dropSubscription } from './drop-missing.js';
import { runPrivilegeCommand } from './privilege-commands.js';
import { checkDropOwner, checkSchemaOwner, checkTruncate } from '../privileges/commands.js';

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
export interface SessionHooks extends AccessSession {
  searchPath: string[];
  gucs: Map<string, string>;
  inTransactionBlock: boolean;
  setConstraintsMode(all: boolean, cons: import('../catalog/objects.js').Constraint[], deferred: boolean): void;
  /** SET TRANSACTION / SET SESSION CHARACTERISTICS AS TRANSACTION: the DefElem options. */
  setTransaction(options: any[], session: boolean): void;
  /** transaction_isolation, transaction_read_only, default_transaction_…: the session's value. */
  transactionSetting(name: string): string | undefined;
  /** SET / RESET (the tag) and SHOW (columns and rows) of configuration parameters. */
  runSet(n: any): string;
  runShow(name: string): { columns: string[]; rows: string[][] };
  /** DISCARD SEQUENCES: forget this session's currval/lastval state and cached values. */
  discardSequences(): void;
}

export function runUtility(cx: CommandContext, kind: string, n: any, s: SessionHooks): StatementResult {
  const access = runAccessCommand(cx, kind, n, s); // databases and roles (access.ts)
  if (access) return access;
  const privilege = runPrivilegeCommand(cx, kind, n); // GRANT / REVOKE, policies (privilege-commands.ts)
  if (privilege) return privilege;
  const typeCommand = runTypeCommand(cx, kind, n); // enums, domains, composite types (type-commands.ts)
  if (typeCommand) return typeCommand;
  const functionCommand = runFunctionCommand(cx, kind, n, s); // functions, procedures, DO, CALL (function-commands.ts)
  if (functionCommand) return functionCommand;
  if (kind === 'DefineStmt' && n.kind === 'OBJECT_AGGREGATE') return tag(createAggregate(cx, n)); // aggregate.ts
  const operatorCommand = runOperatorCommand(cx, kind, n); // operators, operator classes and families (operator-commands.ts)
  if (operatorCommand) return operatorCommand;
  switch (kind) {
    case 'CreateStmt': return tag(createTable(cx, n));
    case 'CreateTrigStmt': return tag(createTrigger(cx, n));
    case 'ViewStmt': return tag(createView(cx, n));
    case 'CreateSeqStmt': return tag(createSequence(cx, n));
    case 'AlterSeqStmt': return tag(alterSequence(cx, n));
    case 'DiscardStmt': return discard(cx, n, s);
    case 'CreateSchemaStmt': {
      // CREATE SCHEMA AUTHORIZATION role: the schema is named for the role
      if (!n.schemaname) n = { ...n, schemaname: n.authrole?.rolename ?? cx.user };
      if (n.schemaname.startsWith('pg_')) {
        throw new PgError('42939', `unacceptable schema name "${n.schemaname}"`, { detail: 'The prefix "pg_" is reserved for system schemas.' });
      }
      if (cx.catalog.schemas.has(n.schemaname)) {
        if (n.if_not_exists) { cx.notice({ severity: 'NOTICE', code: '42P06', message: `schema "${n.schemaname}" already exists, skipping` }); return tag('CREATE SCHEMA'); }
        throw new PgError('42P06', `schema "${n.schemaname}" already exists`);
      }
      cx.catalog.createSchema(n.schemaname, cx.user);
      if (n.schemaElts?.length) createSchemaElements(cx, n.schemaname, n.schemaElts, (c, k, node) => runUtility(c, k, node, s));
      return tag('CREATE SCHEMA');
    }
    case 'DropStmt': if (n.removeType === 'OBJECT_TRIGGER') return tag(dropTrigger(cx, n)); return drop(cx, n);
    case 'DropSubscriptionStmt': return dropSubscription(cx, n);
    case 'IndexStmt': return createIndexStmt(cx, n, s.inTransactionBlock);
    case 'VariableSetStmt': return tag(s.runSet(n));
    case 'VariableShowStmt': {
      const r = s.runShow(n.name);
      return { command: 'SHOW', rowCount: r.rows.length, rows: r.rows, fields: r.columns.map(name => ({ name, typeOid: OID.text, typmod: -1, tableOid: 0, columnNumber: 0 })) };
    }
    case 'TruncateStmt': return truncate(cx, n);
    case 'VacuumStmt': return tag(vacuum(cx, n, s));
    case 'ReindexStmt': return tag(reindex(cx, n, s));
    case 'CheckPointStmt': return tag('CHECKPOINT');
    case 'CommentStmt': comment(cx, n); return tag('COMMENT');
    case 'AlterTableStmt': checkDetachConcurrently(n, s.inTransactionBlock); return tag(alterTable(cx, n));
    case 'RenameStmt': return tag(rename(cx, n));
    case 'AlterObjectSchemaStmt': return tag(setSchema(cx, n));
    case 'ConstraintsSetStmt': {
      if (!s.inTransactionBlock) {
        cx.notice({ severity: 'WARNING', code: '25P01', message: 'SET CONSTRAINTS can only be used in transaction blocks' });
        return tag('SET CONSTRAINTS');
      }
      const cons = constraintsToSet(cx, n.constraints ?? [], !!n.deferred);
      s.setConstraintsMode(!n.constraints?.length, cons, !!n.deferred);
      return tag('SET CONSTRAINTS');
    }
  }
  throw new PgError('0A000', `${kind.replace(/Stmt$/, '')} statements are not supported`);
}

function discard(cx: CommandContext, n: any, s: SessionHooks): StatementResult {
  const temp = () => { const schema = cx.temp?.schema; if (schema) dropTempObjects(cx, schema); };
  switch (n.target) {
    case 'DISCARD_SEQUENCES': s.discardSequences(); return tag('DISCARD SEQUENCES');
    case 'DISCARD_TEMP': temp(); return tag('DISCARD TEMP');
    // no cached plans are kept beyond the catalog version they were made for
    case 'DISCARD_PLANS': return tag('DISCARD PLANS');
  }
  // DISCARD ALL: RESET ALL, DISCARD SEQUENCES and TEMP (no portals, prepared statements or locks outlive it here)
  if (s.inTransactionBlock) throw new PgError('25001', 'DISCARD ALL cannot run inside a transaction block');
  s.runSet({ kind: 'VAR_RESET_ALL' });
  s.discardSequences();
  temp();
  return tag('DISCARD ALL');
}

function lookup(cx: CommandContext, names: any[]): Relation | undefined {
  const parts = names.map(str);
  return cx.catalog.findRelation(parts.length > 1 ? parts[parts.length - 2] : null, parts[parts.length - 1], cx.analyze.searchPath);
}

function drop(cx: CommandContext, n: any): StatementResult {
  const kinds: Record<string, [string, string]> = {
    OBJECT_TABLE: ['table', 'DROP TABLE'], OBJECT_INDEX: ['index', 'DROP INDEX'], OBJECT_SEQUENCE: ['sequence', 'DROP SEQUENCE'],
    OBJECT_VIEW: ['view', 'DROP VIEW'], OBJECT_SCHEMA: ['schema', 'DROP SCHEMA'],
    OBJECT_MATVIEW: ['materialized view', 'DROP MATERIALIZED VIEW'], OBJECT_FOREIGN_TABLE: ['foreign table', 'DROP FOREIGN TABLE'],
  };
  const k = kinds[n.removeType];
  if (!k) { const missing = dropMissing(cx, n); if (missing) return missing; } // kinds Relata cannot create (drop-missing.ts)
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
      checkSchemaOwner(cx.catalog, cx.user, sch);
      roots.push({ obj: sch, sub: 0 });
      continue;
    }
    const names = obj.List.items as any[];
    const display = names.map(str).join('.');
    if (names.length > 1 && n.missing_ok && !cx.catalog.schemas.has(str(names[names.length - 2]))) {
      cx.notice({ severity: 'NOTICE', code: '00000', message: `schema "${str(names[names.length - 2])}" does not exist, skipping` });
      continue;
    }
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
    checkDropOwner(cx.catalog, cx.user, rel);
    roots.push({ obj: rel, sub: 0 });
  }
  if (roots.length) dropObjects(cx, roots, cascade);
  return tag(command);
}

function truncate(cx: CommandContext, n: any): StatementResult {
  const tables: Table[] = [];
  for (const r of n.relations as any[]) {
    const rv = r.RangeVar;
    const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
    if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
    if (rel.kind !== 'table') throw new PgError('42809', `"${rv.relname}" is not a table`);
    if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
    checkTruncate(cx.catalog, cx.user, rel);
    if (!rv.inh && rel.partitionKey) {
      throw new PgError('42809', 'cannot truncate only a partitioned table', { hint: 'Do not specify the ONLY keyword, or use TRUNCATE ONLY on the partitions directly.' });
    }
    for (const t of rv.inh ? inheritance(rel) : [rel]) if (!tables.includes(t)) tables.push(t);
  }
  const cascade = n.behavior === 'DROP_CASCADE';
  // heap_truncate_find_FKs: the tables referencing any of `set` that are not being truncated, by oid
  const referencing = (set: Table[]) =>
    [...new Set(set.flatMap(t => t.referencedBy.map(fk => fk.table)))].filter(c => !tables.includes(c)).sort((a, b) => a.oid - b.oid);
  if (!cascade) {
    for (const t of tables) {
      const child = referencing([t])[0];
      if (child) {
        throw new PgError('0A000', 'cannot truncate a table referenced in a foreign key constraint', {
          detail: `Table "${child.name}" references "${t.name}".`,
          hint: `Truncate table "${child.name}" at the same time, or use TRUNCATE ... CASCADE.` });
      }
    }
  }
  for (let round = cascade ? referencing(tables) : []; round.length; round = referencing(tables)) {
    for (const child of round) {
      // a partitioned table's partitions hold clones of its foreign key: they are reached too
      const reached = child.partitionKey ? [child, ...inheritance(child).slice(1).sort((a, b) => a.oid - b.oid)] : [child];
      for (const t of reached) {
        if (tables.includes(t)) continue;
        cx.notice({ severity: 'NOTICE', code: '00000', message: `truncate cascades to table "${t.name}"` });
        tables.push(t);
      }
    }
  }
  const ctx = cx.evalContext?.();
  if (ctx) fireTruncate(cx.write, cx.view, ctx, tables, 'BEFORE');
  for (const t of tables) {
    // mark every row deleted by this transaction: MVCC keeps older snapshots and ROLLBACK right
    for (const tup of t.heap.tuples) if (tup.xmax === 0 || cx.tm.isAborted(tup.xmax)) t.heap.markDeleted(tup, cx.write.xid, cx.write.cid);
    // SERIALIZABLE: every reader of the table conflicts with the truncation (storage/ssi.ts)
    cx.write.ssi?.writeTable(t.oid, t.indexes);
  }
  if (n.restart_seqs) {
    for (const t of tables) for (const rel of t.schema.relations.values()) {
      if (rel.kind === 'sequence' && rel.ownedBy?.table === t) restartSequence(cx, rel);
    }
  }
  if (ctx) fireTruncate(cx.write, cx.view, ctx, tables, 'AFTER');
  return tag('TRUNCATE TABLE');
}

function inheritance(t: Table): Table[] {
  const out = [t];
  for (let i = 0; i < out.length; i++) for (const c of out[i].children) if (!out.includes(c)) out.push(c);
  return out;
}

export { resolveCreationSchema };
