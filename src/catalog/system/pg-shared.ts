// The shared catalogs of a cluster: pg_database, pg_authid, pg_auth_members,
// pg_db_role_setting, the views pg_roles, pg_user, pg_shadow, pg_group, and the
// sessions of pg_stat_activity, generated from the SharedCatalog (catalog/shared.ts).
import { OID } from '../../types/oids.js';
import type { Catalog } from '../catalog.js';
import { sharedOf, TEMPLATE0_OID, TEMPLATE1_OID, type Role, type SharedCatalog } from '../shared.js';
import type { SystemRelationDef } from './relation.js';
import { aclColumn } from '../acl.js';

const { oid, name, bool, int4, int8, char, text, xid, timestamptz, _text, _oid } = OID;
const PASSWORD_MASK = '********';

/** rolconfig / useconfig: the settings of the role in every database, null when none. */
const roleConfig = (s: SharedCatalog, r: Role): string[] | null => s.setting(0, r.oid)?.config ?? null;

const roles = (cat: Catalog): [SharedCatalog, Role[]] => {
  const s = sharedOf(cat);
  return [s, [...s.roles.values()]];
};

const pgDatabase: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_database', oid: 1262,
  columns: [
    { name: 'oid', type: oid, notNull: true }, { name: 'datname', type: name, notNull: true }, { name: 'datdba', type: oid, notNull: true },
    { name: 'encoding', type: int4, notNull: true }, { name: 'datlocprovider', type: char, notNull: true },
    { name: 'datistemplate', type: bool, notNull: true }, { name: 'datallowconn', type: bool, notNull: true },
    { name: 'datconnlimit', type: int4, notNull: true }, { name: 'datfrozenxid', type: xid, notNull: true },
    { name: 'datminmxid', type: xid, notNull: true }, { name: 'dattablespace', type: oid, notNull: true },
    { name: 'datcollate', type: text, notNull: true }, { name: 'datctype', type: text, notNull: true },
    { name: 'daticulocale', type: text }, { name: 'datcollversion', type: text },
    // aclitem[] in PostgreSQL, text[] here: the templates' privileges as initdb sets them, NULL (the defaults) elsewhere
    { name: 'datacl', type: _text },
  ],
  rows: cat => [...sharedOf(cat).databases.values()].map(d => [
    d.oid, d.name, d.owner.oid, 6, 'c', d.isTemplate, d.allowConn, d.connLimit, 716, 1, 1663, 'C', 'C', null, null,
    d.acl ? aclColumn(sharedOf(cat), d.acl)
      : d.oid === TEMPLATE1_OID || d.oid === TEMPLATE0_OID ? [`=c/${d.owner.name}`, `${d.owner.name}=CTc/${d.owner.name}`] : null,
  ]),
};

const pgAuthid: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_authid', oid: 1260,
  columns: [
    { name: 'oid', type: oid, notNull: true }, { name: 'rolname', type: name, notNull: true }, { name: 'rolsuper', type: bool, notNull: true },
    { name: 'rolinherit', type: bool, notNull: true }, { name: 'rolcreaterole', type: bool, notNull: true },
    { name: 'rolcreatedb', type: bool, notNull: true }, { name: 'rolcanlogin', type: bool, notNull: true },
    { name: 'rolreplication', type: bool, notNull: true }, { name: 'rolbypassrls', type: bool, notNull: true },
    { name: 'rolconnlimit', type: int4, notNull: true }, { name: 'rolpassword', type: text }, { name: 'rolvaliduntil', type: timestamptz },
  ],
  rows: cat => roles(cat)[1].map(r => [
    r.oid, r.name, r.superuser, r.inherit, r.createrole, r.createdb, r.canlogin, r.replication, r.bypassrls, r.connlimit, r.password, r.validUntil,
  ]),
};

const pgRoles: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_roles', oid: 12000, view: true,
  columns: [
    { name: 'rolname', type: name }, { name: 'rolsuper', type: bool }, { name: 'rolinherit', type: bool }, { name: 'rolcreaterole', type: bool },
    { name: 'rolcreatedb', type: bool }, { name: 'rolcanlogin', type: bool }, { name: 'rolreplication', type: bool },
    { name: 'rolconnlimit', type: int4 }, { name: 'rolpassword', type: text }, { name: 'rolvaliduntil', type: timestamptz },
    { name: 'rolbypassrls', type: bool }, { name: 'rolconfig', type: _text }, { name: 'oid', type: oid },
  ],
  rows: cat => {
    const [s, rs] = roles(cat);
    return rs.map(r => [
      r.name, r.superuser, r.inherit, r.createrole, r.createdb, r.canlogin, r.replication, r.connlimit, PASSWORD_MASK, r.validUntil,
      r.bypassrls, roleConfig(s, r), r.oid,
    ]);
  },
};

const userColumns = [
  { name: 'usename', type: name }, { name: 'usesysid', type: oid }, { name: 'usecreatedb', type: bool }, { name: 'usesuper', type: bool },
  { name: 'userepl', type: bool }, { name: 'usebypassrls', type: bool }, { name: 'passwd', type: text }, { name: 'valuntil', type: timestamptz },
  { name: 'useconfig', type: _text },
];

function users(cat: Catalog, password: (r: Role) => string | null): unknown[][] {
  const [s, rs] = roles(cat);
  return rs.filter(r => r.canlogin).map(r => [
    r.name, r.oid, r.createdb, r.superuser, r.replication, r.bypassrls, password(r), r.validUntil, roleConfig(s, r),
  ]);
}

const pgUser: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_user', oid: 12014, view: true, columns: userColumns, rows: cat => users(cat, () => PASSWORD_MASK),
};

const pgShadow: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_shadow', oid: 12005, view: true, columns: userColumns, rows: cat => users(cat, r => r.password),
};

const pgGroup: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_group', oid: 12010, view: true,
  columns: [{ name: 'groname', type: name }, { name: 'grosysid', type: oid }, { name: 'grolist', type: _oid }],
  rows: cat => {
    const [s, rs] = roles(cat);
    return rs.filter(r => !r.canlogin).map(r => [r.name, r.oid, s.memberships.filter(m => m.role === r).map(m => m.member.oid)]);
  },
};

const pgAuthMembers: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_auth_members', oid: 1261,
  columns: [
    { name: 'roleid', type: oid, notNull: true }, { name: 'member', type: oid, notNull: true }, { name: 'grantor', type: oid, notNull: true },
    { name: 'admin_option', type: bool, notNull: true },
  ],
  rows: cat => sharedOf(cat).memberships.map(m => [m.role.oid, m.member.oid, m.grantor.oid, m.admin]),
};

const pgDbRoleSetting: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_db_role_setting', oid: 2964,
  columns: [{ name: 'setdatabase', type: oid, notNull: true }, { name: 'setrole', type: oid, notNull: true }, { name: 'setconfig', type: _text }],
  rows: cat => sharedOf(cat).settings.map(s => [s.database, s.role, s.config]),
};

const pgStatActivity: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_stat_activity', oid: 12222, view: true,
  columns: [
    { name: 'datid', type: oid }, { name: 'datname', type: name }, { name: 'pid', type: int4 }, { name: 'leader_pid', type: int4 },
    { name: 'usesysid', type: oid }, { name: 'usename', type: name }, { name: 'application_name', type: text },
    // inet in PostgreSQL
    { name: 'client_addr', type: text }, { name: 'client_hostname', type: text }, { name: 'client_port', type: int4 },
    { name: 'backend_start', type: timestamptz }, { name: 'xact_start', type: timestamptz }, { name: 'query_start', type: timestamptz },
    { name: 'state_change', type: timestamptz }, { name: 'wait_event_type', type: text }, { name: 'wait_event', type: text },
    { name: 'state', type: text }, { name: 'backend_xid', type: xid }, { name: 'backend_xmin', type: xid }, { name: 'query_id', type: int8 },
    { name: 'query', type: text }, { name: 'backend_type', type: text },
  ],
  rows: cat => sharedOf(cat).activity().map(a => [
    a.database?.oid ?? null, a.database?.name ?? null, a.pid, null, a.role?.oid ?? null, a.role?.name ?? null, a.applicationName,
    a.clientAddr, null, a.clientPort, a.backendStart, a.xactStart, a.queryStart, a.stateChange, null, null, a.state, null, null, null,
    a.query, 'client backend',
  ]),
};

export const sharedCatalogs: SystemRelationDef[] = [
  pgDatabase, pgAuthid, pgRoles, pgUser, pgShadow, pgGroup, pgAuthMembers, pgDbRoleSetting, pgStatActivity,
];
