// (The ACL model lives in catalog/ so that the system catalogs can print ACLs; privileges/ checks them.)
// PostgreSQL's access control lists (utils/adt/acl.c): an object's ACL is a list of aclitems
// "grantee=privileges/grantor", privileges as bits with a grant-option bit each. Roles are
// held by oid (0 is PUBLIC) so that renaming a role renames it in every ACL. An object whose
// ACL was never changed has none (null): acldefault says what it then grants.

import type { AclItem } from './objects.js';

/** One aclitem: the privileges `grantor` gave `grantee`, and which of them with grant option. */
export type { AclItem };

export type Acl = AclItem[];

export const PUBLIC_OID = 0;

/** The privilege bits (ACL_INSERT …), in the order their letters print ("arwdDxtXUCTcsA"). */
export const ACL = {
  INSERT: 1 << 0, SELECT: 1 << 1, UPDATE: 1 << 2, DELETE: 1 << 3, TRUNCATE: 1 << 4, REFERENCES: 1 << 5, TRIGGER: 1 << 6,
  EXECUTE: 1 << 7, USAGE: 1 << 8, CREATE: 1 << 9, TEMPORARY: 1 << 10, CONNECT: 1 << 11,
} as const;
export const ACL_LETTERS = 'arwdDxtXUCTcsA';

/** The kinds of object with an ACL, by the letter acldefault takes. */
export type AclKind = 'r' | 's' | 'n' | 'd' | 'f' | 'T' | 'c';

/** Every privilege each kind of object has (ACL_ALL_RIGHTS_*); 'c' is a column. */
export const ALL_RIGHTS: Record<AclKind, number> = {
  r: ACL.INSERT | ACL.SELECT | ACL.UPDATE | ACL.DELETE | ACL.TRUNCATE | ACL.REFERENCES | ACL.TRIGGER,
  c: ACL.INSERT | ACL.SELECT | ACL.UPDATE | ACL.REFERENCES,
  s: ACL.USAGE | ACL.SELECT | ACL.UPDATE,
  n: ACL.USAGE | ACL.CREATE,
  d: ACL.CREATE | ACL.TEMPORARY | ACL.CONNECT,
  f: ACL.EXECUTE,
  T: ACL.USAGE,
};

/** Privilege names as GRANT and the has_*_privilege functions spell them. */
export const PRIVILEGE_BITS: Record<string, number> = {
  INSERT: ACL.INSERT, SELECT: ACL.SELECT, UPDATE: ACL.UPDATE, DELETE: ACL.DELETE, TRUNCATE: ACL.TRUNCATE,
  REFERENCES: ACL.REFERENCES, TRIGGER: ACL.TRIGGER, EXECUTE: ACL.EXECUTE, USAGE: ACL.USAGE, CREATE: ACL.CREATE,
  TEMPORARY: ACL.TEMPORARY, TEMP: ACL.TEMPORARY, CONNECT: ACL.CONNECT,
};

/** The name of one privilege bit (information_schema, aclexplode). */
export function privilegeName(bit: number): string {
  for (const [k, v] of Object.entries(PRIVILEGE_BITS)) if (v === bit) return k;
  return 'UNKNOWN';
}

/** acldefault(kind, owner): what an object grants while its ACL is null. */
export function aclDefault(kind: AclKind, owner: number): Acl {
  const out: Acl = [];
  // PUBLIC may use types and functions and connect to databases (and create temporary tables there)
  if (kind === 'f') out.push({ grantee: PUBLIC_OID, grantor: owner, privs: ACL.EXECUTE, goptions: 0 });
  if (kind === 'T') out.push({ grantee: PUBLIC_OID, grantor: owner, privs: ACL.USAGE, goptions: 0 });
  if (kind === 'd') out.push({ grantee: PUBLIC_OID, grantor: owner, privs: ACL.TEMPORARY | ACL.CONNECT, goptions: 0 });
  if (kind !== 'c') out.push({ grantee: owner, grantor: owner, privs: ALL_RIGHTS[kind], goptions: 0 });
  return out;
}

/** How a role is named in an aclitem's text: quoted when it has characters other than letters, digits and _. */
export function aclRoleName(name: string): string {
  if (/^[A-Za-z0-9_]*$/.test(name) && name !== '') return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** aclitemout: "grantee=arw*\/grantor" form (empty grantee for PUBLIC). */
export function aclItemText(a: AclItem, nameOf: (oid: number) => string | undefined): string {
  let s = a.grantee === PUBLIC_OID ? '' : aclRoleName(nameOf(a.grantee) ?? String(a.grantee));
  s += '=';
  for (let i = 0; i < ACL_LETTERS.length; i++) {
    if (a.privs & (1 << i)) s += ACL_LETTERS[i];
    if (a.goptions & (1 << i)) s += '*';
  }
  return `${s}/${aclRoleName(nameOf(a.grantor) ?? String(a.grantor))}`;
}

export function aclText(acl: Acl, nameOf: (oid: number) => string | undefined): string[] {
  return acl.map(a => aclItemText(a, nameOf));
}

/** Reads one role name of an aclitem's text (aclparse's getid): quoted or bare. */
function readName(s: string, i: number): [string, number] {
  if (s[i] !== '"') {
    let j = i;
    while (j < s.length && /[A-Za-z0-9_]/.test(s[j])) j++;
    return [s.slice(i, j), j];
  }
  let out = '';
  let j = i + 1;
  for (;;) {
    if (j >= s.length) throw new Error('unterminated name');
    if (s[j] === '"') {
      if (s[j + 1] === '"') { out += '"'; j += 2; continue; }
      return [out, j + 1];
    }
    out += s[j++];
  }
}

/** aclitemin's parse: names and the letters, or an error message (PostgreSQL's). */
export function parseAclItem(text: string, oidOf: (name: string) => number | undefined): AclItem {
  const t = text.trim();
  let [grantee, i] = readName(t, 0);
  if (t[i] !== '=') throw new AclSyntaxError(grantee === '' && i === 0 ? 'missing "=" sign' : 'missing "=" sign');
  i++;
  let privs = 0, goptions = 0;
  while (i < t.length && t[i] !== '/') {
    const c = t[i];
    if (c === '*') { goptions |= 1 << (ACL_LETTERS.indexOf(t[i - 1])); i++; continue; }
    const k = ACL_LETTERS.indexOf(c);
    if (k < 0) throw new AclSyntaxError(`invalid mode character: must be one of "${ACL_LETTERS}"`);
    privs |= 1 << k;
    i++;
  }
  let grantor: number;
  if (t[i] === '/') {
    const [g, j] = readName(t, i + 1);
    if (g === '') throw new AclSyntaxError('a name must follow the "/" sign');
    if (j !== t.length) throw new AclSyntaxError('extra garbage at the end of the ACL specification');
    const o = oidOf(g);
    if (o === undefined) throw new AclRoleError(g);
    grantor = o;
  } else {
    grantor = 10; // BOOTSTRAP_SUPERUSERID, as aclitemin defaults it
  }
  let granteeOid = PUBLIC_OID;
  if (grantee !== '') {
    const o = oidOf(grantee);
    if (o === undefined) throw new AclRoleError(grantee);
    granteeOid = o;
  }
  return { grantee: granteeOid, grantor, privs, goptions };
}

export class AclSyntaxError extends Error {}
export class AclRoleError extends Error {
  constructor(readonly role: string) { super(`role "${role}" does not exist`); }
}

/**
 * aclmask: the privileges of `mask` that `roles` (the role and every role whose privileges
 * it has) hold through `acl`; the owner (or a member of it) has every grant option.
 */
export function aclMask(acl: Acl, roles: Set<number>, isOwner: boolean, mask: number, any = false): number {
  let result = 0;
  const want = mask & ~0; // privileges and grant options are asked separately (grant options shifted by 16)
  const gmask = want >>> 16;
  if (gmask && isOwner) result |= gmask << 16;
  for (const a of acl) {
    if (a.grantee !== PUBLIC_OID && !roles.has(a.grantee)) continue;
    result |= a.privs & want;
    result |= ((a.goptions & gmask) << 16);
    if (any ? (result & want) !== 0 : (result & want) === want) return result & want;
  }
  return result & want;
}

/** The grant-option bits of a privilege mask, as aclMask asks for them. */
export const grantOption = (privs: number): number => privs << 16;

/** An ACL as the system catalogs show it (relacl, nspacl …): text of each item, or null for none. */
export function aclColumn(shared: { roleByOid(oid: number): { name: string } | undefined }, acl: Acl | null | undefined): string[] | null {
  if (!acl) return null;
  return aclText(acl, oid => shared.roleByOid(oid)?.name);
}

/** The privileges initdb gives the built-in schemas (their ACL until changed); null for other schemas. */
export function builtinSchemaAcl(name: string, superuser: number): Acl | null {
  const usage = (owner: number): Acl => [
    { grantee: owner, grantor: owner, privs: ALL_RIGHTS.n, goptions: 0 },
    { grantee: PUBLIC_OID, grantor: owner, privs: ACL.USAGE, goptions: 0 },
  ];
  if (name === 'pg_catalog' || name === 'information_schema') return usage(superuser);
  if (name === 'public') return usage(PG_DATABASE_OWNER_OID);
  return null;
}

export const PG_DATABASE_OWNER_OID = 6171;

/** aclnewowner: an ACL after its object changed owner (the old owner replaced as grantee and grantor, duplicates merged). */
export function aclNewOwner(acl: Acl, oldOwner: number, newOwner: number): Acl {
  const out: Acl = [];
  for (const a of acl) {
    const item = { ...a, grantee: a.grantee === oldOwner ? newOwner : a.grantee, grantor: a.grantor === oldOwner ? newOwner : a.grantor };
    const same = out.find(x => x.grantee === item.grantee && x.grantor === item.grantor);
    if (same) { same.privs |= item.privs; same.goptions |= item.goptions; } else out.push(item);
  }
  return out;
}

const databaseNames = new WeakMap<object, string>();
/** Which database a catalog is (for pg_database_owner: the owner of the current database). */
export function setCatalogDatabase(cat: object, name: string): void { databaseNames.set(cat, name); }
export const catalogDatabase = (cat: object): string | undefined => databaseNames.get(cat);
