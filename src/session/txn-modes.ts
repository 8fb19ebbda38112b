// Transaction characteristics (isolation level, READ ONLY / READ WRITE, DEFERRABLE) as
// PostgreSQL's check hooks for them enforce (variable.c: check_XactIsoLevel,
// check_transaction_read_only, check_transaction_deferrable), and the command name a
// read-only transaction's error gives for a statement (its command tag).
import { PgError } from '../errors/index.js';

export type Isolation = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

/** What SET TRANSACTION changes, and what it must know of the transaction. */
export interface TxnModes {
  isolation: Isolation;
  readOnly: boolean;
  deferrable: boolean;
  /** Has a statement other than SET/SHOW run yet (a snapshot was taken). */
  queried: boolean;
}

/**
 * Applies SET TRANSACTION / BEGIN options; `inSub` is true inside a savepoint, `probe` for
 * SET SESSION CHARACTERISTICS (no checks: no transaction is concerned).
 */
export function applyTransactionOptions(t: TxnModes, options: any[], inSub: boolean, probe = false): void {
  for (const o of options) {
    const d = o.DefElem;
    const v = d.arg?.A_Const;
    if (d.defname === 'transaction_isolation') {
      const level = v.sval.sval as Isolation;
      if (!probe && t.isolation !== level) {
        if (t.queried) throw new PgError('25001', 'SET TRANSACTION ISOLATION LEVEL must be called before any query');
        if (inSub) throw new PgError('25001', 'SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction');
      }
      t.isolation = level;
    } else if (d.defname === 'transaction_read_only') {
      const ro = !!(v.ival?.ival ?? v.boolval?.boolval);
      // going to read-write from read-only: not inside a savepoint, not after the first query
      if (!probe && !ro && t.readOnly) {
        if (inSub) throw new PgError('25001', 'cannot set transaction read-write mode inside a read-only transaction');
        if (t.queried) throw new PgError('25001', 'transaction read-write mode must be set before any query');
      }
      t.readOnly = ro;
    } else if (d.defname === 'transaction_deferrable') {
      const def = !!(v.ival?.ival ?? v.boolval?.boolval);
      if (!probe) { // checked even when the value does not change (check_transaction_deferrable)
        if (inSub) throw new PgError('25001', 'SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction');
        if (t.queried) throw new PgError('25001', 'SET TRANSACTION [NOT] DEFERRABLE must be called before any query');
      }
      t.deferrable = def;
    } else {
      throw new PgError('0A000', `transaction option ${d.defname} is not supported`);
    }
  }
}

/** transaction_isolation / _read_only / _deferrable and their default_ forms, as SHOW reads them. */
export function transactionSetting(t: TxnModes | null, defaults: TxnModes, name: string): string | undefined {
  const onOff = (b: boolean) => b ? 'on' : 'off';
  switch (name) {
    case 'transaction_isolation': return (t ?? defaults).isolation;
    case 'transaction_read_only': return onOff((t ?? defaults).readOnly);
    case 'transaction_deferrable': return onOff((t ?? defaults).deferrable);
    case 'default_transaction_deferrable': return onOff(defaults.deferrable);
    case 'default_transaction_isolation': return defaults.isolation;
    case 'default_transaction_read_only': return onOff(defaults.readOnly);
  }
  return undefined;
}

const DROP_TAGS: Record<string, string> = {
  OBJECT_TABLE: 'DROP TABLE', OBJECT_INDEX: 'DROP INDEX', OBJECT_SEQUENCE: 'DROP SEQUENCE', OBJECT_VIEW: 'DROP VIEW',
  OBJECT_SCHEMA: 'DROP SCHEMA', OBJECT_TYPE: 'DROP TYPE', OBJECT_DOMAIN: 'DROP DOMAIN', OBJECT_FUNCTION: 'DROP FUNCTION',
  OBJECT_MATVIEW: 'DROP MATERIALIZED VIEW', OBJECT_TRIGGER: 'DROP TRIGGER', OBJECT_AGGREGATE: 'DROP AGGREGATE',
  OBJECT_PROCEDURE: 'DROP PROCEDURE', OBJECT_OPERATOR: 'DROP OPERATOR', OBJECT_RULE: 'DROP RULE', OBJECT_COLLATION: 'DROP COLLATION',
};

const UTILITY_TAGS: Record<string, string> = {
  CreateStmt: 'CREATE TABLE', IndexStmt: 'CREATE INDEX', AlterTableStmt: 'ALTER TABLE', CreateSchemaStmt: 'CREATE SCHEMA',
  CreateSeqStmt: 'CREATE SEQUENCE', AlterSeqStmt: 'ALTER SEQUENCE', CommentStmt: 'COMMENT', ViewStmt: 'CREATE VIEW',
  CreateTableAsStmt: 'CREATE TABLE AS', TruncateStmt: 'TRUNCATE TABLE', CreateFunctionStmt: 'CREATE FUNCTION',
  CreateTrigStmt: 'CREATE TRIGGER', CreateDomainStmt: 'CREATE DOMAIN', CreateEnumStmt: 'CREATE TYPE', CompositeTypeStmt: 'CREATE TYPE',
  DefineStmt: 'CREATE', GrantStmt: 'GRANT', CreateRoleStmt: 'CREATE ROLE', AlterRoleStmt: 'ALTER ROLE', DropRoleStmt: 'DROP ROLE',
  RenameStmt: 'ALTER', AlterObjectSchemaStmt: 'ALTER', AlterOwnerStmt: 'ALTER', ReindexStmt: 'REINDEX', VacuumStmt: 'VACUUM',
  ClusterStmt: 'CLUSTER', CreatedbStmt: 'CREATE DATABASE', DropdbStmt: 'DROP DATABASE', AlterEnumStmt: 'ALTER TYPE',
  AlterDomainStmt: 'ALTER DOMAIN', RuleStmt: 'CREATE RULE', LockStmt: 'LOCK TABLE', MergeStmt: 'MERGE',
};

/** Utility statements a read-only transaction refuses (PostgreSQL's ClassifyUtilityCommandAsReadOnly). */
const NOT_READ_ONLY = /^(Create|Alter|Drop|Rename|Comment|Index|Grant|Truncate|Define|Reindex|Cluster|Rule|View|CompositeType|SecLabel|Refresh|Import)/;

/** The command a read-only transaction cannot run, named as its error does; null when it may run. */
export function readOnlyRefusal(kind: string, node: any): string | null {
  if (kind === 'SelectStmt' && node.intoClause) return 'SELECT INTO';
  if (kind === 'RenameStmt' || kind === 'AlterObjectSchemaStmt') {
    const t: string = (kind === 'RenameStmt' ? node.renameType : node.objectType) ?? '';
    const rel = ['OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_TRIGGER', 'OBJECT_RULE', 'OBJECT_POLICY'].includes(t);
    return `ALTER ${(rel ? 'TABLE' : t.replace('OBJECT_', '').replace('_', ' ')).replace('MATVIEW', 'MATERIALIZED VIEW')}`;
  }
  if (kind === 'SelectStmt' || kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt') return null; // by target (executor)
  if (kind === 'VariableSetStmt' || kind === 'VariableShowStmt' || kind === 'ExplainStmt') return null;
  if (kind === 'DropStmt') return DROP_TAGS[node.removeType] ?? 'DROP';
  if (kind === 'AlterTableStmt' && node.objtype === 'OBJECT_INDEX') return 'ALTER INDEX';
  if (kind === 'AlterTableStmt' && node.objtype === 'OBJECT_SEQUENCE') return 'ALTER SEQUENCE';
  if (kind === 'AlterTableStmt' && node.objtype === 'OBJECT_VIEW') return 'ALTER VIEW';
  if (kind === 'CreateStmt' || kind === 'CreateTableAsStmt' || NOT_READ_ONLY.test(kind) || kind === 'IndexStmt') {
    return UTILITY_TAGS[kind] ?? kind.replace(/Stmt$/, '').toUpperCase();
  }
  return null;
}

/** The command tag of a SELECT locking rows, by the first lock's strength. */
export function selectForName(mode: string): string {
  return { update: 'SELECT FOR UPDATE', nokeyupdate: 'SELECT FOR NO KEY UPDATE', share: 'SELECT FOR SHARE', keyshare: 'SELECT FOR KEY SHARE' }[mode] ?? 'SELECT FOR UPDATE';
}
