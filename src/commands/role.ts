// CREATE / ALTER / DROP ROLE (and USER, GROUP), GRANT / REVOKE role membership and
// ALTER ROLE … RENAME, on the cluster's shared catalog. Every change records its undo in
// the transaction, so ROLLBACK undoes role DDL as PostgreSQL's does.
import { aclDependents } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { relationIsVisible } from '../catalog/oid-index.js';
import { BOOTSTRAP_SUPERUSER, sharedOf, type Membership, type Role, type SharedCatalog } from '../catalog/shared.js';
import { timestamptzIn } from '../types/timestamp.js';
import type { CommandContext } from './context.js';
import {
  checkReservedRoleName, defBoolean, defInt, defString, getRole, getRoleSpec, optionMap, position, roleSpecName, type DefElem,
} from './role-options.js';
import { encryptPassword } from './role-password.js';

/** What role commands need from the session and the server. */
export interface RoleHooks {
  /** The session's database. */
  database: string;
  /** The role the session logged in as (SESSION_USER). */
  sessionUser?: string;
  /** The catalogs of every database of the cluster (the session's own when none is given). */
  catalogs?(): { name: string; catalog: Catalog }[];
}

const BOOL_OPTIONS: Record<string, keyof Role> = {
  superuser: 'superuser', inherit: 'inherit', createrole: 'createrole', createdb: 'createdb', canlogin: 'canlogin',
  isreplication: 'replication', bypassrls: 'bypassrls',
};

const FIRST_NORMAL_OID = 16384;

function currentRole(cx: CommandContext): Role {
  return getRole(sharedOf(cx.catalog), cx.user);
}

/** Applies a change to a role and records how to undo it. */
function change(cx: CommandContext, apply: () => void, undo: () => void): void {
  apply();
  cx.catalog.record(undo);
}

export function createRole(cx: CommandContext, n: any): string {
  const shared = sharedOf(cx.catalog);
  const cur = currentRole(cx);
  const name: string = n.role;
  const o = optionMap(n.options);
  const role: Role = {
    oid: 0, name, superuser: false, inherit: true, createrole: false, createdb: false, canlogin: n.stmt_type === 'ROLESTMT_USER',
    replication: false, bypassrls: false, connlimit: -1, password: null, validUntil: null,
  };
  readAttributes(cx, role, o);
  if (o.has('sysid')) cx.notice({ severity: 'NOTICE', code: '00000', message: 'SYSID can no longer be specified' });
  if (role.superuser && !cur.superuser) throw new PgError('42501', 'must be superuser to create superusers');
  if (role.replication && !cur.superuser) throw new PgError('42501', 'must be superuser to create replication users');
  if (role.bypassrls && !cur.superuser) throw new PgError('42501', 'must be superuser to create bypassrls users');
  if (!cur.superuser && !cur.createrole) throw new PgError('42501', 'permission denied to create role');
  checkReservedRoleName(name);
  if (shared.roles.has(name)) throw new PgError('42710', `role "${name}" already exists`);
  const addTo = roleList(shared, o.get('addroleto'), cx.user);
  const members = roleList(shared, o.get('rolemembers'), cx.user);
  const admins = roleList(shared, o.get('adminmembers'), cx.user);
  role.oid = shared.allocOid();
  change(cx, () => shared.roles.set(name, role), () => shared.roles.delete(name));
  for (const r of addTo) addMember(cx, shared, r, role, cur, false);
  for (const m of admins) addMember(cx, shared, role, m, cur, true);
  for (const m of members) addMember(cx, shared, role, m, cur, false);
  return 'CREATE ROLE';
}

/** The attributes CREATE and ALTER ROLE set: flags, CONNECTION LIMIT, PASSWORD, VALID UNTIL. */
function readAttributes(cx: CommandContext, role: Role, o: Map<string, DefElem>): void {
  for (const [opt, field] of Object.entries(BOOL_OPTIONS)) {
    const d = o.get(opt);
    if (d) (role as unknown as Record<string, boolean>)[field] = defBoolean(d);
  }
  const limit = o.get('connectionlimit');
  if (limit) {
    const v = defInt(limit);
    if (v < -1) throw new PgError('22023', `invalid connection limit: ${v}`);
    role.connlimit = v;
  }
  const password = o.get('password');
  if (password) {
    const text = password.arg ? defString(password) : null;
    if (text === '') {
      cx.notice({ severity: 'NOTICE', code: '00000', message: 'empty string is not a valid password, clearing password' });
      role.password = null;
    } else {
      role.password = text === null ? null : encryptPassword(text);
    }
  }
  const until = o.get('validUntil');
  if (until) role.validUntil = timestamptzIn(defString(until), -1, cx.analyze.settings);
}

function roleList(shared: SharedCatalog, d: DefElem | undefined, currentUser: string): Role[] {
  return ((d?.arg?.List?.items ?? []) as any[]).map(i => getRoleSpec(shared, i.RoleSpec, currentUser));
}

/** AddRoleMems for one pair: `member` becomes a member of `role`. */
function addMember(cx: CommandContext, shared: SharedCatalog, role: Role, member: Role, grantor: Role, admin: boolean): void {
  checkAdmin(shared, role, grantor);
  if (member === role || shared.isMember(role, member)) {
    throw new PgError('0LP01', `role "${role.name}" is a member of role "${member.name}"`);
  }
  const existing = shared.memberships.find(m => m.role === role && m.member === member);
  if (existing) {
    if (!admin || existing.admin) {
      cx.notice({ severity: 'NOTICE', code: '00000', message: `role "${member.name}" is already a member of role "${role.name}"` });
      return;
    }
    change(cx, () => { existing.admin = true; }, () => { existing.admin = false; });
    return;
  }
  const m: Membership = { role, member, grantor, admin };
  change(cx, () => shared.memberships.push(m), () => { shared.memberships = shared.memberships.filter(x => x !== m); });
}

/** Who may grant or revoke membership in `role`: a superuser, a CREATEROLE role (for non-superusers), or an admin of it. */
function checkAdmin(shared: SharedCatalog, role: Role, grantor: Role): void {
  if (grantor.superuser) return;
  if (role.superuser) throw new PgError('42501', 'must be superuser to alter superusers');
  if (grantor.createrole) return;
  const admin = shared.memberships.some(m => m.role === role && m.admin && shared.isMember(grantor, m.member));
  if (!admin) throw new PgError('42501', `must have admin option on role "${role.name}"`);
}

export function alterRole(cx: CommandContext, n: any): string {
  const shared = sharedOf(cx.catalog);
  const cur = currentRole(cx);
  const role = getRoleSpec(shared, n.role, cx.user);
  const o = optionMap(n.options);
  const members = o.get('rolemembers');
  o.delete('rolemembers');
  const changed = { ...role };
  readAttributes(cx, changed, o);
  if (!cur.superuser) {
    if (role.superuser || changed.superuser !== role.superuser) {
      throw new PgError('42501', 'must be superuser to alter superuser roles or change superuser attribute');
    }
    if (changed.replication !== role.replication) throw new PgError('42501', 'must be superuser to alter replication roles or change replication attribute');
    if (changed.bypassrls !== role.bypassrls) throw new PgError('42501', 'must be superuser to change bypassrls attribute');
    const ownPassword = role === cur && [...o.keys()].every(k => k === 'password');
    if (!cur.createrole && !ownPassword) throw new PgError('42501', 'permission denied');
  }
  if (role.oid === BOOTSTRAP_SUPERUSER && !changed.superuser) {
    throw new PgError('42501', 'permission denied: bootstrap user must be superuser');
  }
  const before = { ...role };
  change(cx, () => Object.assign(role, changed), () => Object.assign(role, before));
  if (members) {
    for (const m of roleList(shared, members, cx.user)) {
      if (n.action === -1) dropMember(cx, shared, role, m, cur, false); else addMember(cx, shared, role, m, cur, false);
    }
  }
  return 'ALTER ROLE';
}

function dropMember(cx: CommandContext, shared: SharedCatalog, role: Role, member: Role, grantor: Role, adminOnly: boolean): void {
  checkAdmin(shared, role, grantor);
  const m = shared.memberships.find(x => x.role === role && x.member === member);
  if (!m) {
    cx.notice({ severity: 'WARNING', code: '01000', message: `role "${member.name}" is not a member of role "${role.name}"` });
    return;
  }
  if (adminOnly) { change(cx, () => { m.admin = false; }, () => { m.admin = true; }); return; }
  const i = shared.memberships.indexOf(m);
  change(cx, () => shared.memberships.splice(i, 1), () => shared.memberships.splice(i, 0, m));
}

export function grantRole(cx: CommandContext, n: any): string {
  const shared = sharedOf(cx.catalog);
  const cur = currentRole(cx);
  if (n.grantor) {
    const g = getRoleSpec(shared, n.grantor, cx.user);
    if (g !== cur) throw new PgError('0A000', 'grantor must be current user');
  }
  const granted = (n.granted_roles as any[]).map(p => getRole(shared, p.AccessPriv.priv_name));
  const grantees = (n.grantee_roles as any[]).map(s => getRoleSpec(shared, s.RoleSpec ?? s, cx.user));
  for (const role of granted) {
    for (const member of grantees) {
      if (n.is_grant) addMember(cx, shared, role, member, cur, !!n.admin_opt);
      else dropMember(cx, shared, role, member, cur, !!n.admin_opt);
    }
  }
  return n.is_grant ? 'GRANT ROLE' : 'REVOKE ROLE';
}

export function dropRole(cx: CommandContext, n: any, hooks: RoleHooks): string {
  const shared = sharedOf(cx.catalog);
  const cur = currentRole(cx);
  const victims: Role[] = [];
  for (const spec of n.roles as any[]) {
    const name = roleSpecName(spec.RoleSpec, cx.user);
    if (name === null) throw new PgError('0LP01', 'cannot use special role specifier in DROP ROLE');
    const role = shared.roles.get(name);
    if (!role) {
      if (n.missing_ok) { cx.notice({ severity: 'NOTICE', code: '00000', message: `role "${name}" does not exist, skipping` }); continue; }
      throw new PgError('42704', `role "${name}" does not exist`);
    }
    if (role === cur) throw new PgError('55006', 'current user cannot be dropped');
    if (name === (hooks.sessionUser ?? cx.user)) throw new PgError('55006', 'session user cannot be dropped');
    if (role.superuser && !cur.superuser) throw new PgError('42501', 'must be superuser to drop superusers');
    if (!cur.superuser && !cur.createrole) throw new PgError('42501', 'permission denied to drop role');
    if (role.oid < FIRST_NORMAL_OID) throw new PgError('2BP01', `cannot drop role ${name} because it is required by the database system`);
    const owned = ownedObjects(cx, role, hooks);
    if (owned.length) {
      throw new PgError('2BP01', `role "${name}" cannot be dropped because some objects depend on it`, { detail: owned.join('\n') });
    }
    victims.push(role);
  }
  for (const role of victims) {
    change(cx, () => shared.roles.delete(role.name), () => shared.roles.set(role.name, role));
    const memberships = shared.memberships;
    const settings = shared.settings;
    change(cx, () => {
      shared.memberships = memberships.filter(m => m.role !== role && m.member !== role);
      shared.settings = settings.filter(s => s.role !== role.oid);
    }, () => { shared.memberships = memberships; shared.settings = settings; });
  }
  return 'DROP ROLE';
}

/** The DETAIL lines of "cannot be dropped because some objects depend on it": this database's objects, then other databases', then shared ones. */
function ownedObjects(cx: CommandContext, role: Role, hooks: RoleHooks): string[] {
  const shared = sharedOf(cx.catalog);
  const out: string[] = [];
  const path = cx.analyze.searchPath;
  const mine: { oid: number; text: string }[] = [];
  for (const s of cx.catalog.schemas.values()) {
    if (s.owner === role.name) mine.push({ oid: s.oid, text: `owner of schema ${s.name}` });
    for (const r of s.relations.values()) {
      if (r.kind === 'index' || r.owner !== role.name) continue;
      const name = relationIsVisible(cx.catalog, r, path) ? r.name : `${s.name}.${r.name}`;
      mine.push({ oid: r.oid, text: `owner of ${r.kind} ${name}` });
    }
  }
  mine.push(...aclDependents(cx.catalog, role, r => relationIsVisible(cx.catalog, r, path)));
  out.push(...mine.sort((a, b) => a.oid - b.oid).map(m => m.text));
  for (const { name, catalog: cat } of hooks.catalogs?.() ?? []) {
    if (cat === cx.catalog) continue;
    let count = 0;
    for (const s of cat.schemas.values()) {
      if (s.owner === role.name) count++;
      for (const r of s.relations.values()) if (r.kind !== 'index' && r.owner === role.name) count++;
    }
    if (count) out.push(`${count} object${count === 1 ? '' : 's'} in database ${name}`);
  }
  for (const d of shared.databases.values()) if (d.owner === role) out.push(`owner of database ${d.name}`);
  return out;
}

export function renameRole(cx: CommandContext, n: any, hooks: RoleHooks): string {
  const shared = sharedOf(cx.catalog);
  const cur = currentRole(cx);
  const from: string = n.subname, to: string = n.newname;
  const role = getRole(shared, from);
  if (from === (hooks.sessionUser ?? cx.user)) throw new PgError('0A000', 'session user cannot be renamed');
  if (role === cur) throw new PgError('0A000', 'current user cannot be renamed');
  checkReservedRoleName(from);
  checkReservedRoleName(to);
  if (shared.roles.has(to)) throw new PgError('42710', `role "${to}" already exists`);
  if (role.superuser && !cur.superuser) throw new PgError('42501', 'must be superuser to rename superusers');
  if (!cur.superuser && !cur.createrole) throw new PgError('42501', 'permission denied to rename role');
  const catalogs = hooks.catalogs?.().map(c => c.catalog) ?? [cx.catalog];
  const rename = (a: string, b: string) => {
    shared.roles.delete(a);
    role.name = b;
    shared.roles.set(b, role);
    // objects name their owner: follow the new name in every database
    for (const cat of catalogs) {
      for (const s of cat.schemas.values()) {
        if (s.owner === a) s.owner = b;
        for (const r of s.relations.values()) if (r.kind !== 'index' && r.owner === a) r.owner = b;
      }
    }
  };
  change(cx, () => rename(from, to), () => rename(to, from));
  if (role.password?.startsWith('md5')) {
    const old = role.password;
    change(cx, () => { role.password = null; }, () => { role.password = old; });
    cx.notice({ severity: 'NOTICE', code: '00000', message: 'MD5 password cleared because of role rename' });
  }
  return 'ALTER ROLE';
}
