// ALTER DATABASE … SET / RESET and ALTER ROLE [IN DATABASE …] SET / RESET: settings
// kept in pg_db_role_setting and applied when a session starts (server/login.ts).
import { PgError } from '../errors/index.js';
import { sharedOf, type RoleSetting } from '../catalog/shared.js';
import type { CommandContext } from './context.js';
import { getRole, getRoleSpec, settingEntry } from './role-options.js';

/** Validates a setting's name and value (null: RESET) as SET would, without applying it; returns the parameter's canonical name. */
export type SettingCheck = (name: string, value: string | null) => string;

/** Settings a session may not take from pg_db_role_setting (PostgreSQL's non-USERSET ones it refuses there too). */
const NOT_SETTABLE = new Set(['server_version', 'server_encoding', 'is_superuser', 'session_authorization']);

function update(cx: CommandContext, database: number, role: number, setstmt: any, check?: SettingCheck): void {
  const shared = sharedOf(cx.catalog);
  const entry = settingEntry(setstmt);
  const value = entry.value;
  if (entry.name && NOT_SETTABLE.has(entry.name)) throw new PgError('55P02', `parameter "${entry.name}" cannot be changed now`);
  const name = entry.name && check ? check(entry.name, value) : entry.name;
  const before = shared.settings;
  const old = shared.setting(database, role);
  let config = old ? [...old.config] : [];
  if (!name) config = [];
  else {
    config = config.filter(e => e.slice(0, e.indexOf('=')).toLowerCase() !== name.toLowerCase());
    if (value !== null) config.push(`${name}=${value}`);
  }
  const others = before.filter(s => s !== old);
  const row: RoleSetting = { database, role, config };
  shared.settings = config.length ? [...others, row] : others;
  cx.catalog.record(() => { shared.settings = before; });
}

export function alterDatabaseSet(cx: CommandContext, n: any, check?: SettingCheck): string {
  const shared = sharedOf(cx.catalog);
  const d = shared.databases.get(n.dbname);
  if (!d) throw new PgError('3D000', `database "${n.dbname}" does not exist`);
  const cur = getRole(shared, cx.user);
  if (!cur.superuser && !shared.isMember(cur, d.owner, true)) throw new PgError('42501', `must be owner of database ${d.name}`);
  update(cx, d.oid, 0, n.setstmt, check);
  return 'ALTER DATABASE';
}

export function alterRoleSet(cx: CommandContext, n: any, check?: SettingCheck): string {
  const shared = sharedOf(cx.catalog);
  const cur = getRole(shared, cx.user);
  const role = n.role ? getRoleSpec(shared, n.role, cx.user) : null;
  let database = 0;
  if (n.database) {
    const d = shared.databases.get(n.database);
    if (!d) throw new PgError('3D000', `database "${n.database}" does not exist`);
    database = d.oid;
  }
  if (!role) {
    if (!cur.superuser) throw new PgError('42501', 'must be superuser to alter settings globally');
  } else if (role.superuser && !cur.superuser) {
    throw new PgError('42501', 'must be superuser to alter superusers');
  } else if (!cur.superuser && !cur.createrole && role !== cur) {
    throw new PgError('42501', 'permission denied');
  }
  update(cx, database, role?.oid ?? 0, n.setstmt, check);
  return 'ALTER ROLE';
}
