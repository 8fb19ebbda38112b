// CREATE / DROP / ALTER DATABASE on the cluster's shared catalog; the databases
// themselves (engines and their storage) belong to the host, a server's Cluster.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { sharedOf, type DatabaseInfo, type Role, type SharedCatalog } from '../catalog/shared.js';
import type { CommandContext } from './context.js';
import { defBoolean, defInt, defString, getRole, getRoleSpec, optionMap, position, type DefElem } from './role-options.js';
import type { RoleHooks } from './role.js';

/** What the commands need from the server's cluster of databases. */
export interface DatabaseHost {
  /** Sessions connected to the database other than `self`. */
  otherSessions(database: string, self: unknown): number;
  /** Ends every other session on the database (DROP DATABASE … WITH (FORCE)). */
  terminateOthers(database: string, self: unknown): void;
  /** Makes the engine of a new database, a copy of the template's. */
  createDatabase(name: string, template: string): void;
  dropDatabase(name: string): void;
  renameDatabase(from: string, to: string): void;
  /** Every database's catalog (for roles: the objects they own). */
  catalogs(): { name: string; catalog: Catalog }[];
}

export interface DatabaseHooks extends RoleHooks {
  /** The session running the command (not one of the "other sessions"). */
  self: unknown;
  inTransactionBlock: boolean;
  cluster?: DatabaseHost | null;
}

/** The encodings a CREATE DATABASE may name: only UTF8 exists here. */
const ENCODINGS: Record<string, number> = { UTF8: 6, UNICODE: 6, 'UTF-8': 6 };
const KNOWN_ENCODINGS = ['SQL_ASCII', 'EUC_JP', 'EUC_CN', 'EUC_KR', 'EUC_TW', 'EUC_JIS_2004', 'MULE_INTERNAL', 'LATIN1', 'LATIN2', 'LATIN3',
  'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8', 'LATIN9', 'LATIN10', 'WIN1256', 'WIN1258', 'WIN866', 'WIN874', 'KOI8R', 'WIN1251',
  'WIN1252', 'ISO_8859_5', 'ISO_8859_6', 'ISO_8859_7', 'ISO_8859_8', 'WIN1250', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1257', 'KOI8U',
  'SJIS', 'BIG5', 'GBK', 'UHC', 'GB18030', 'JOHAB', 'SHIFT_JIS_2004'];

const CREATE_OPTIONS = new Set(['owner', 'template', 'encoding', 'locale', 'lc_collate', 'lc_ctype', 'icu_locale', 'locale_provider',
  'collation_version', 'tablespace', 'allow_connections', 'connection_limit', 'is_template', 'strategy', 'oid']);

function noTransactionBlock(hooks: DatabaseHooks, what: string): void {
  if (hooks.inTransactionBlock) throw new PgError('25001', `${what} cannot run inside a transaction block`);
}

function host(hooks: DatabaseHooks, what: string): DatabaseHost {
  if (!hooks.cluster) throw new PgError('0A000', `${what} is not supported in an embedded database (serve it with relata serve)`);
  return hooks.cluster;
}

const currentRole = (cx: CommandContext): Role => getRole(sharedOf(cx.catalog), cx.user);

function getDatabase(shared: SharedCatalog, name: string): DatabaseInfo {
  const d = shared.databases.get(name);
  if (!d) throw new PgError('3D000', `database "${name}" does not exist`);
  return d;
}

function checkOwner(cx: CommandContext, d: DatabaseInfo): void {
  const cur = currentRole(cx);
  if (!cur.superuser && !sharedOf(cx.catalog).isMember(cur, d.owner, true)) throw new PgError('42501', `must be owner of database ${d.name}`);
}

/** "There is 1 other session using the database." */
function othersDetail(n: number): string {
  return n === 1 ? 'There is 1 other session using the database.' : `There are ${n} other sessions using the database.`;
}

export function createDatabase(cx: CommandContext, n: any, hooks: DatabaseHooks): string {
  const shared = sharedOf(cx.catalog);
  const o = optionMap(n.options);
  for (const [name, d] of o) if (!CREATE_OPTIONS.has(name)) throw new PgError('42601', `option "${name}" not recognized`, position(d.location));
  const cur = currentRole(cx);
  const owner = o.get('owner')?.arg ? getRole(shared, defString(o.get('owner')!)) : cur;
  if (!cur.superuser && !cur.createdb) throw new PgError('42501', 'permission denied to create database');
  if (owner !== cur && !cur.superuser && !shared.isMember(cur, owner)) throw new PgError('42501', `must be member of role "${owner.name}"`);
  const templateName = o.get('template')?.arg ? defString(o.get('template')!) : 'template1';
  const template = shared.databases.get(templateName);
  if (!template) throw new PgError('3D000', `template database "${templateName}" does not exist`);
  if (!template.isTemplate && !cur.superuser && template.owner !== cur) {
    throw new PgError('42501', `permission denied to copy database "${templateName}"`);
  }
  checkEncoding(o.get('encoding'), templateName);
  for (const key of ['locale', 'lc_collate', 'lc_ctype']) checkLocale(o.get(key));
  const provider = o.get('locale_provider');
  if (provider && defString(provider).toLowerCase() !== 'libc') throw new PgError('0A000', 'ICU locales are not supported');
  const tablespace = o.get('tablespace');
  if (tablespace && defString(tablespace) !== 'pg_default') throw new PgError('42704', `tablespace "${defString(tablespace)}" does not exist`);
  const strategy = o.get('strategy');
  if (strategy && !['wal_log', 'file_copy'].includes(defString(strategy).toLowerCase())) {
    throw new PgError('22023', `invalid create database strategy "${defString(strategy)}"`, { hint: 'Valid strategies are "wal_log" and "file_copy".' });
  }
  const limit = o.get('connection_limit') ? defInt(o.get('connection_limit')!) : -1;
  if (limit < -1) throw new PgError('22023', `invalid connection limit: ${limit}`);
  const isTemplate = o.get('is_template') ? defBoolean(o.get('is_template')!) : false;
  const allowConn = o.get('allow_connections') ? defBoolean(o.get('allow_connections')!) : true;
  noTransactionBlock(hooks, 'CREATE DATABASE');
  const h = host(hooks, 'CREATE DATABASE');
  if (shared.databases.has(n.dbname)) throw new PgError('42P04', `database "${n.dbname}" already exists`);
  const others = h.otherSessions(templateName, hooks.self);
  if (others) throw new PgError('55006', `source database "${templateName}" is being accessed by other users`, { detail: othersDetail(others) });
  h.createDatabase(n.dbname, templateName);
  shared.addDatabase(n.dbname, undefined, { owner, isTemplate, allowConn, connLimit: limit });
  return 'CREATE DATABASE';
}

function checkEncoding(d: DefElem | undefined, template: string): void {
  if (!d?.arg) return;
  const given = d.arg.Integer ? d.arg.Integer.ival ?? 0 : defString(d);
  if (typeof given === 'number') {
    if (given === 6) return;
    throw new PgError('22023', `${given} is not a valid encoding code`, position(d.location));
  }
  const upper = given.toUpperCase();
  if (ENCODINGS[upper] || upper.replace(/[-_]/g, '') === 'UTF8') return;
  if (!KNOWN_ENCODINGS.includes(upper)) throw new PgError('42704', `${given} is not a valid encoding name`, position(d.location));
  if (template !== 'template0') {
    throw new PgError('22023', `new encoding (${upper}) is incompatible with the encoding of the template database (UTF8)`,
      { hint: 'Use the same encoding as in the template database, or use template0 as template.' });
  }
  throw new PgError('0A000', `encoding ${upper} is not supported`, { hint: 'Relata stores text as UTF8 only.' });
}

function checkLocale(d: DefElem | undefined): void {
  if (!d?.arg) return;
  const v = defString(d);
  if (['c', 'posix', 'c.utf8', 'c.utf-8'].includes(v.toLowerCase())) return;
  throw new PgError('0A000', `locale "${v}" is not supported`, { hint: 'Relata compares text as the C locale does.' });
}

export function dropDatabase(cx: CommandContext, n: any, hooks: DatabaseHooks): string {
  const shared = sharedOf(cx.catalog);
  const force = ((n.options ?? []) as any[]).some(o => o.DefElem.defname === 'force');
  for (const o of n.options ?? []) {
    if (o.DefElem.defname !== 'force') throw new PgError('42601', `unrecognized DROP DATABASE option "${o.DefElem.defname}"`, position(o.DefElem.location));
  }
  noTransactionBlock(hooks, 'DROP DATABASE');
  const d = shared.databases.get(n.dbname);
  if (!d) {
    if (n.missing_ok) {
      cx.notice({ severity: 'NOTICE', code: '00000', message: `database "${n.dbname}" does not exist, skipping` });
      return 'DROP DATABASE';
    }
    throw new PgError('3D000', `database "${n.dbname}" does not exist`);
  }
  checkOwner(cx, d);
  if (d.isTemplate) throw new PgError('42809', 'cannot drop a template database');
  if (d.name === hooks.database) throw new PgError('55006', 'cannot drop the currently open database');
  const h = host(hooks, 'DROP DATABASE');
  if (force) h.terminateOthers(d.name, hooks.self);
  const others = h.otherSessions(d.name, hooks.self);
  if (others) throw new PgError('55006', `database "${d.name}" is being accessed by other users`, { detail: othersDetail(others) });
  h.dropDatabase(d.name);
  shared.databases.delete(d.name);
  shared.settings = shared.settings.filter(s => s.database !== d.oid);
  return 'DROP DATABASE';
}

export function renameDatabase(cx: CommandContext, n: any, hooks: DatabaseHooks): string {
  const shared = sharedOf(cx.catalog);
  const d = getDatabase(shared, n.subname);
  const to: string = n.newname;
  if (shared.databases.has(to)) throw new PgError('42P04', `database "${to}" already exists`);
  if (d.name === hooks.database) throw new PgError('0A000', 'current database cannot be renamed');
  checkOwner(cx, d);
  const cur = currentRole(cx);
  if (!cur.superuser && !cur.createdb) throw new PgError('42501', 'permission denied to rename database');
  const h = host(hooks, 'ALTER DATABASE RENAME');
  const others = h.otherSessions(d.name, hooks.self);
  if (others) throw new PgError('55006', `database "${d.name}" is being accessed by other users`, { detail: othersDetail(others) });
  const rename = (a: string, b: string) => {
    h.renameDatabase(a, b);
    shared.databases.delete(a);
    d.name = b;
    shared.databases.set(b, d);
  };
  rename(d.name, to);
  cx.catalog.record(() => rename(to, n.subname));
  return 'ALTER DATABASE';
}

/** ALTER DATABASE … [WITH] CONNECTION LIMIT / IS_TEMPLATE / ALLOW_CONNECTIONS / TABLESPACE. */
export function alterDatabase(cx: CommandContext, n: any, hooks: DatabaseHooks): string {
  const shared = sharedOf(cx.catalog);
  const d = getDatabase(shared, n.dbname);
  const o = optionMap(n.options);
  checkOwner(cx, d);
  const next = { ...d };
  for (const [name, e] of o) {
    switch (name) {
      case 'connection_limit': {
        const v = defInt(e);
        if (v < -1) throw new PgError('22023', `invalid connection limit: ${v}`);
        next.connLimit = v;
        break;
      }
      case 'is_template': next.isTemplate = defBoolean(e); break;
      case 'allow_connections':
        next.allowConn = defBoolean(e);
        if (!next.allowConn && d.name === hooks.database) throw new PgError('22023', 'cannot disallow connections for current database');
        break;
      case 'tablespace': throw new PgError('0A000', 'ALTER DATABASE SET TABLESPACE is not supported');
      default: throw new PgError('42601', `option "${name}" not recognized`, position(e.location));
    }
  }
  const before = { ...d };
  Object.assign(d, next);
  cx.catalog.record(() => Object.assign(d, before));
  return 'ALTER DATABASE';
}

export function alterDatabaseOwner(cx: CommandContext, n: any): string {
  const shared = sharedOf(cx.catalog);
  const d = getDatabase(shared, n.object.String.sval);
  const owner = getRoleSpec(shared, n.newowner, cx.user);
  if (owner === d.owner) return 'ALTER DATABASE';
  checkOwner(cx, d);
  const cur = currentRole(cx);
  if (!cur.superuser) {
    if (!shared.isMember(cur, owner)) throw new PgError('42501', `must be member of role "${owner.name}"`);
    if (!cur.createdb) throw new PgError('42501', 'permission denied to change owner of database');
  }
  const before = d.owner;
  d.owner = owner;
  cx.catalog.record(() => { d.owner = before; });
  return 'ALTER DATABASE';
}
