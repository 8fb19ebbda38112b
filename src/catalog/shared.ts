// What a cluster shares between its databases, as PostgreSQL's shared catalogs do:
// roles (pg_authid), role memberships (pg_auth_members), databases (pg_database) and
// the per-database / per-role settings (pg_db_role_setting). One SharedCatalog serves
// every database of a server; an engine on its own gets one of its own.
import type { Catalog } from './catalog.js';

export interface Role {
  oid: number;
  name: string;
  superuser: boolean;
  inherit: boolean;
  createrole: boolean;
  createdb: boolean;
  canlogin: boolean;
  replication: boolean;
  bypassrls: boolean;
  connlimit: number;
  /** The SCRAM-SHA-256 verifier (or an MD5 hash given as such), as rolpassword holds it. */
  password: string | null;
  /** timestamptz (µs since 2000-01-01 UTC), or null for no limit. */
  validUntil: number | null;
}

export interface Membership {
  role: Role;
  member: Role;
  grantor: Role;
  admin: boolean;
}

export interface DatabaseInfo {
  oid: number;
  name: string;
  owner: Role;
  isTemplate: boolean;
  allowConn: boolean;
  connLimit: number;
  /** GRANT / REVOKE on the database: datacl (null or absent: the default). */
  acl?: import('./objects.js').AclItem[] | null;
}

/** ALTER DATABASE / ALTER ROLE … SET: one row of pg_db_role_setting (0 = any). */
export interface RoleSetting {
  database: number;
  role: number;
  /** "name=value" entries, in the order they were set. */
  config: string[];
}

/** Oids PostgreSQL gives its bootstrap objects. */
export const BOOTSTRAP_SUPERUSER = 10;
export const TEMPLATE1_OID = 1, TEMPLATE0_OID = 4, POSTGRES_DB_OID = 5;
/** PostgreSQL 15's predefined roles, in pg_authid's order. */
const PREDEFINED_ROLES: [string, number][] = [
  ['pg_database_owner', 6171], ['pg_read_all_data', 6181], ['pg_write_all_data', 6182], ['pg_monitor', 3373],
  ['pg_read_all_settings', 3374], ['pg_read_all_stats', 3375], ['pg_stat_scan_tables', 3377], ['pg_read_server_files', 4569],
  ['pg_write_server_files', 4570], ['pg_execute_server_program', 4571], ['pg_signal_backend', 4200], ['pg_checkpoint', 4544],
];
/** Oids of shared objects created later, above the range of built-in ones. */
const FIRST_SHARED_OID = 16384;

export class SharedCatalog {
  readonly roles = new Map<string, Role>();
  readonly databases = new Map<string, DatabaseInfo>();
  memberships: Membership[] = [];
  settings: RoleSetting[] = [];
  /** The sessions of a server, for pg_stat_activity (none for an engine on its own). */
  activity: () => ActivityRow[] = () => [];
  /** The next oid allocOid gives (kept in the cluster state file). */
  nextOid = FIRST_SHARED_OID;

  constructor(superuser = 'postgres') {
    this.roles.set(superuser, {
      oid: BOOTSTRAP_SUPERUSER, name: superuser, superuser: true, inherit: true, createrole: true, createdb: true, canlogin: true,
      replication: true, bypassrls: true, connlimit: -1, password: null, validUntil: null,
    });
    for (const [name, oid] of PREDEFINED_ROLES) {
      this.roles.set(name, {
        oid, name, superuser: false, inherit: true, createrole: false, createdb: false, canlogin: false, replication: false,
        bypassrls: false, connlimit: -1, password: null, validUntil: null,
      });
    }
    const monitor = this.roles.get('pg_monitor')!;
    for (const r of ['pg_read_all_settings', 'pg_read_all_stats', 'pg_stat_scan_tables']) {
      this.memberships.push({ role: this.roles.get(r)!, member: monitor, grantor: this.superuser, admin: false });
    }
  }

  /** A cluster's start: template1, template0 and postgres, as initdb leaves them. */
  static initial(superuser = 'postgres'): SharedCatalog {
    const s = new SharedCatalog(superuser);
    s.addDatabase('template1', TEMPLATE1_OID, { isTemplate: true });
    s.addDatabase('template0', TEMPLATE0_OID, { isTemplate: true, allowConn: false });
    s.addDatabase('postgres', POSTGRES_DB_OID);
    return s;
  }

  /** The catalog of one engine on its own: its database is the only one. */
  static standalone(database: string): SharedCatalog {
    const s = new SharedCatalog();
    s.addDatabase(database, POSTGRES_DB_OID);
    return s;
  }

  allocOid(): number {
    return this.nextOid++;
  }

  get superuser(): Role {
    for (const r of this.roles.values()) if (r.oid === BOOTSTRAP_SUPERUSER) return r;
    throw new Error('the bootstrap superuser is missing');
  }

  addDatabase(name: string, oid = this.allocOid(), o: Partial<DatabaseInfo> = {}): DatabaseInfo {
    const d: DatabaseInfo = { oid, name, owner: this.superuser, isTemplate: false, allowConn: true, connLimit: -1, ...o };
    this.databases.set(name, d);
    return d;
  }

  roleByOid(oid: number): Role | undefined {
    for (const r of this.roles.values()) if (r.oid === oid) return r;
    return undefined;
  }

  databaseByOid(oid: number): DatabaseInfo | undefined {
    for (const d of this.databases.values()) if (d.oid === oid) return d;
    return undefined;
  }

  /**
   * Is `member` a member of `role`, directly or through other roles (every role is a member of
   * itself)? With `inheriting`, only through roles that inherit (has the privileges of).
   */
  isMember(member: Role, role: Role, inheriting = false): boolean {
    const seen = new Set<Role>([member]);
    const todo = [member];
    while (todo.length) {
      const m = todo.pop()!;
      if (m === role) return true;
      if (inheriting && !m.inherit) continue;
      for (const x of this.memberships) if (x.member === m && !seen.has(x.role)) { seen.add(x.role); todo.push(x.role); }
    }
    return false;
  }

  setting(database: number, role: number): RoleSetting | undefined {
    return this.settings.find(s => s.database === database && s.role === role);
  }

  /**
   * The settings a connection of `role` to `database` starts with, in PostgreSQL's order of
   * precedence (database, role, role in database: later ones win).
   */
  connectionSettings(database: DatabaseInfo, role: Role): [string, string][] {
    const out: [string, string][] = [];
    for (const [d, r] of [[database.oid, 0], [0, role.oid], [database.oid, role.oid]]) {
      for (const entry of this.setting(d, r)?.config ?? []) {
        const eq = entry.indexOf('=');
        out.push([entry.slice(0, eq), entry.slice(eq + 1)]);
      }
    }
    return out;
  }
}

/** One session as pg_stat_activity shows it. */
export interface ActivityRow {
  database: DatabaseInfo | undefined;
  pid: number;
  role: Role | undefined;
  applicationName: string;
  clientAddr: string | null;
  clientPort: number | null;
  backendStart: number;
  xactStart: number | null;
  queryStart: number | null;
  stateChange: number | null;
  state: string;
  query: string;
}

const sharedByCatalog = new WeakMap<Catalog, SharedCatalog>();

/** The shared catalog a database's catalog belongs to. */
export function sharedOf(cat: Catalog): SharedCatalog {
  let s = sharedByCatalog.get(cat);
  if (!s) { s = SharedCatalog.standalone('relata'); sharedByCatalog.set(cat, s); }
  return s;
}

export function attachShared(cat: Catalog, shared: SharedCatalog): void {
  sharedByCatalog.set(cat, shared);
}
