// Privilege checks (aclchk.c): does a role hold privileges on an object, through its ACL
// (or the default one), as a member of roles it inherits from, or as a superuser; and the
// errors PostgreSQL reports when it does not (aclcheck_error).
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Column, Relation, Schema, Table, UserType } from '../catalog/objects.js';
import { sharedOf, type DatabaseInfo, type Role, type SharedCatalog } from '../catalog/shared.js';
import { ACL, PG_DATABASE_OWNER_OID, aclDefault, aclMask, builtinSchemaAcl, catalogDatabase, grantOption, type Acl, type AclKind } from './acl.js';

/** An object that has an ACL, with what its checks need. */
export interface AclObject {
  kind: AclKind;
  /** The holder of the acl field (a relation, schema, column, database …). */
  holder: { acl?: Acl | null };
  owner: string;
  /** How errors name it: "table t", "schema s" (objtype word and name). */
  what: string;
  name: string;
  /** A column: its relation's name, for "column c of relation t". */
  relation?: string;
  /** A system catalog or information_schema view: PUBLIC may read it (initdb grants SELECT). */
  system?: boolean;
}

const REL_WORD: Record<string, string> = { table: 'table', view: 'view', sequence: 'sequence', index: 'index' };

export function relationObject(r: Relation): AclObject {
  const owner = r.kind === 'index' ? r.table.owner : r.owner;
  const word = r.kind === 'table' && r.relkind === 'p' ? 'table' : REL_WORD[r.kind];
  const system = r.schema.name === 'pg_catalog' || r.schema.name === 'information_schema';
  return { kind: r.kind === 'sequence' ? 's' : 'r', holder: r as { acl?: Acl | null }, owner, what: word, name: r.name, ...(system ? { system } : {}) };
}

export function columnObject(t: Table | Relation, c: Column): AclObject {
  return { kind: 'c', holder: c, owner: (t as Table).owner, what: 'column', name: c.name, relation: t.name };
}

export const schemaObject = (s: Schema): AclObject => ({ kind: 'n', holder: s, owner: s.owner, what: 'schema', name: s.name });
export const typeObject = (t: UserType): AclObject => ({ kind: 'T', holder: t, owner: t.owner, what: 'type', name: t.name });
export const databaseObject = (d: DatabaseInfo): AclObject => ({ kind: 'd', holder: d, owner: d.owner.name, what: 'database', name: d.name });

/**
 * The oids of the roles whose privileges `role` has (itself, and what it inherits); with the
 * catalog, pg_database_owner too when the role has the privileges of the database's owner.
 */
export function privilegeRoles(shared: SharedCatalog, role: Role, cat?: Catalog): Set<number> {
  const out = new Set<number>([role.oid]);
  const db = cat ? shared.databases.get(catalogDatabase(cat) ?? '') : undefined;
  if (db && role.inherit && shared.isMember(role, db.owner, true)) out.add(PG_DATABASE_OWNER_OID);
  const todo = [role];
  while (todo.length) {
    const m = todo.pop()!;
    if (!m.inherit) continue;
    for (const x of shared.memberships) if (x.member === m && !out.has(x.role.oid)) { out.add(x.role.oid); todo.push(x.role); }
  }
  return out;
}

/** The role named, or null (a dropped role holds nothing). */
export function roleNamed(cat: Catalog, name: string): Role | null {
  return sharedOf(cat).roles.get(name) ?? null;
}

/** Does `user` own the object (or have the privileges of its owner), or is it a superuser? */
export function ownsObject(cat: Catalog, user: string, owner: string): boolean {
  const shared = sharedOf(cat);
  const u = shared.roles.get(user);
  if (!u || u.superuser) return true;
  const o = shared.roles.get(owner);
  if (o?.oid === PG_DATABASE_OWNER_OID) return privilegeRoles(shared, u, cat).has(PG_DATABASE_OWNER_OID);
  return !!o && shared.isMember(u, o, true);
}

/** The object's ACL, or the default one it has while none was set. */
export function effectiveAcl(cat: Catalog, o: AclObject): Acl {
  if (o.holder.acl) return o.holder.acl;
  if (o.kind === 'c') return [];
  if (o.kind === 'n') {
    const builtin = builtinSchemaAcl(o.name, sharedOf(cat).superuser.oid);
    if (builtin) return builtin;
  }
  const owner = sharedOf(cat).roles.get(o.owner);
  const acl = aclDefault(o.kind, owner?.oid ?? 10);
  return o.system ? [...acl, { grantee: 0, grantor: owner?.oid ?? 10, privs: ACL.SELECT, goptions: 0 }] : acl;
}

/** The bits of `mask` `user` holds on the object (grant options asked as grantOption(bits)). */
export function privilegesHeld(cat: Catalog, user: string, o: AclObject, mask: number, any = false): number {
  const shared = sharedOf(cat);
  const u = shared.roles.get(user);
  if (!u) return 0;
  if (u.superuser) return mask;
  const owner = shared.roles.get(o.owner);
  const isOwner = !!owner && (owner.oid === PG_DATABASE_OWNER_OID ? ownsObject(cat, user, o.owner) : shared.isMember(u, owner, true));
  return aclMask(effectiveAcl(cat, o), privilegeRoles(shared, u, cat), isOwner, mask, any);
}

export function hasPrivileges(cat: Catalog, user: string, o: AclObject, mask: number): boolean {
  return privilegesHeld(cat, user, o, mask) === mask;
}

/** Is the user a superuser (every check passes)? Unknown users are treated as the engine's own. */
export function isSuperuserName(cat: Catalog, user: string): boolean {
  return sharedOf(cat).roles.get(user)?.superuser ?? true;
}

/** aclcheck_error(ACLCHECK_NO_PRIV): "permission denied for table t". */
export function permissionDenied(o: AclObject): PgError {
  if (o.kind === 'c') return new PgError('42501', `permission denied for column ${o.name} of relation ${o.relation}`);
  return new PgError('42501', `permission denied for ${o.what} ${o.name}`);
}

/** aclcheck_error(ACLCHECK_NOT_OWNER): "must be owner of table t". */
export function notOwner(what: string, name: string): PgError {
  return new PgError('42501', `must be owner of ${what} ${name}`);
}

/** Throws unless `user` holds every privilege of `mask` on the object. */
export function requirePrivileges(cat: Catalog, user: string, o: AclObject, mask: number): void {
  if (!hasPrivileges(cat, user, o, mask)) throw permissionDenied(o);
}

/** Throws "must be owner of …" unless `user` owns the relation (indexes: their table). */
export function requireRelationOwner(cat: Catalog, user: string, r: Relation, word?: string): void {
  const owner = r.kind === 'index' ? r.table.owner : r.owner;
  if (!ownsObject(cat, user, owner)) throw notOwner(word ?? relationObject(r).what, r.name);
}

/** USAGE on a schema, to look names up in it (pg_namespace_aclcheck on lookup). */
export function requireSchemaUsage(cat: Catalog, user: string, s: Schema): void {
  if (!hasPrivileges(cat, user, schemaObject(s), ACL.USAGE)) throw permissionDenied(schemaObject(s));
}

/** CREATE on a schema, to create objects in it. */
export function requireSchemaCreate(cat: Catalog, user: string, s: Schema): void {
  if (!hasPrivileges(cat, user, schemaObject(s), ACL.CREATE)) throw permissionDenied(schemaObject(s));
}

export { grantOption };

/**
 * Name lookup as `user`: a schema named explicitly needs USAGE ("permission denied for schema
 * s"), and the search path skips schemas without it (their relations "do not exist").
 */
export function checkSchemaLookup(cat: Catalog, user: string, schemaName: string): void {
  const s = cat.schemas.get(schemaName);
  if (!s || isSuperuserName(cat, user)) return;
  if (!hasPrivileges(cat, user, schemaObject(s), ACL.USAGE)) throw permissionDenied(schemaObject(s));
}

export function usableSearchPath(cat: Catalog, user: string, path: string[]): string[] {
  if (isSuperuserName(cat, user)) return path;
  return path.filter(name => {
    const s = cat.schemas.get(name);
    return !s || name.startsWith('pg_temp') || hasPrivileges(cat, user, schemaObject(s), ACL.USAGE);
  });
}
