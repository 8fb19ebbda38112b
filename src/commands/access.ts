// Dispatch of the statements on the cluster's shared objects: databases and roles.
import { PgError } from '../errors/index.js';
import type { CommandContext } from './context.js';
import {
  alterDatabase, alterDatabaseOwner, createDatabase, dropDatabase, renameDatabase, type DatabaseHooks, type DatabaseHost,
} from './database.js';
import { alterSchemaOwner } from './owner.js';
import { alterRole, createRole, dropRole, grantRole, renameRole } from './role.js';
import { alterDatabaseSet, alterRoleSet, type SettingCheck } from './role-settings.js';

/** What the session offers these commands (all optional: an embedded session has no cluster). */
export interface AccessSession {
  database?: string;
  /** SET SESSION AUTHORIZATION's role, else the one that logged in (null: the current user). */
  sessionUser?: string | null;
  authenticatedUser?: string | null;
  inTransactionBlock: boolean;
  cluster?: DatabaseHost | null;
  /** The session's configuration parameters (session/gucs.ts), to validate ALTER … SET. */
  config?: {
    find(name: string): { name: string } | null;
    validate(d: { name: string }, userName: string, value: string): string;
  };
}

/** A SettingCheck on the session's parameters: known names (or custom dotted ones) and valid values. */
function settingCheck(s: AccessSession): SettingCheck | undefined {
  const config = s.config;
  if (!config) return undefined;
  return (name, value) => {
    const d = config.find(name);
    if (!d) {
      if (name.includes('.')) return name;
      throw new PgError('42704', `unrecognized configuration parameter "${name}"`);
    }
    if (value !== null) config.validate(d, name, value);
    return d.name;
  };
}

const tag = (command: string) => ({ command, rowCount: null });

/** Runs the statement if it is one of these, else returns null. */
export function runAccessCommand(cx: CommandContext, kind: string, n: any, s: AccessSession): { command: string; rowCount: null } | null {
  const cluster = s.cluster ?? null;
  const hooks: DatabaseHooks = {
    self: s, database: s.database ?? '', sessionUser: s.sessionUser ?? s.authenticatedUser ?? undefined, inTransactionBlock: s.inTransactionBlock, cluster,
    catalogs: cluster ? () => cluster.catalogs() : undefined,
  };
  const check = settingCheck(s);
  switch (kind) {
    case 'CreatedbStmt': return tag(createDatabase(cx, n, hooks));
    case 'DropdbStmt': return tag(dropDatabase(cx, n, hooks));
    case 'AlterDatabaseStmt': return tag(alterDatabase(cx, n, hooks));
    case 'AlterDatabaseSetStmt': return tag(alterDatabaseSet(cx, n, check));
    case 'AlterDatabaseRefreshCollStmt': return tag('ALTER DATABASE');
    case 'CreateRoleStmt': return tag(createRole(cx, n));
    case 'AlterRoleStmt': return tag(alterRole(cx, n));
    case 'AlterRoleSetStmt': return tag(alterRoleSet(cx, n, check));
    case 'DropRoleStmt': return tag(dropRole(cx, n, hooks));
    case 'GrantRoleStmt': return tag(grantRole(cx, n));
    case 'RenameStmt':
      if (n.renameType === 'OBJECT_DATABASE') return tag(renameDatabase(cx, n, hooks));
      if (n.renameType === 'OBJECT_ROLE') return tag(renameRole(cx, n, hooks));
      return null;
    case 'AlterOwnerStmt':
      if (n.objectType === 'OBJECT_DATABASE') return tag(alterDatabaseOwner(cx, n));
      if (n.objectType === 'OBJECT_SCHEMA') return tag(alterSchemaOwner(cx, n));
      return null;
  }
  return null;
}
