// GRANT and REVOKE on objects (aclchk.c's ExecuteGrantStmt and ExecGrant_*): the objects
// named are found first, then the privileges are checked against the object kind; for each
// object the best grantor is chosen (the owner when the current user has its privileges,
// else a role of the user holding grant options), the privileges are restricted to the
// grant options available (with PostgreSQL's warnings), and the ACL is merged.
import { PgError } from '../errors/index.js';
import type { Column, Relation, Table } from '../catalog/objects.js';
import { sharedOf } from '../catalog/shared.js';
import { ACL, ALL_RIGHTS, PRIVILEGE_BITS, PUBLIC_OID, aclMask, grantOption, type Acl } from '../privileges/acl.js';
import { effectiveAcl, ownsObject, privilegeRoles, type AclObject } from '../privileges/check.js';
import { mergeAclGrant, type Behavior } from '../privileges/merge.js';
import type { CommandContext } from './context.js';
import { getRole, roleSpecName } from './role-options.js';
import { grantTargets, type GrantTarget } from './grant-targets.js';

/** What one GRANT / REVOKE asks, once parsed. */
export interface GrantRequest {
  isGrant: boolean;
  /** null: ALL [PRIVILEGES]. */
  privileges: number | null;
  /** Column privileges: bits per column name, in the order written. */
  columns: Map<string, number>;
  grantees: number[];
  grantOption: boolean;
  behavior: Behavior;
}

const KIND_WORD: Record<string, string> = {
  OBJECT_TABLE: 'relation', OBJECT_SEQUENCE: 'sequence', OBJECT_DATABASE: 'database', OBJECT_SCHEMA: 'schema',
  OBJECT_FUNCTION: 'function', OBJECT_PROCEDURE: 'procedure', OBJECT_ROUTINE: 'routine', OBJECT_TYPE: 'type', OBJECT_DOMAIN: 'domain',
};
const KIND_RIGHTS: Record<string, number> = {
  OBJECT_TABLE: ALL_RIGHTS.r | ALL_RIGHTS.s, OBJECT_SEQUENCE: ALL_RIGHTS.s, OBJECT_DATABASE: ALL_RIGHTS.d, OBJECT_SCHEMA: ALL_RIGHTS.n,
  OBJECT_FUNCTION: ALL_RIGHTS.f, OBJECT_PROCEDURE: ALL_RIGHTS.f, OBJECT_ROUTINE: ALL_RIGHTS.f, OBJECT_TYPE: ALL_RIGHTS.T, OBJECT_DOMAIN: ALL_RIGHTS.T,
};

export function privilegeBit(name: string): number {
  const bit = PRIVILEGE_BITS[name.toUpperCase()];
  if (bit === undefined) throw new PgError('42601', `unrecognized privilege type "${name}"`);
  return bit;
}

/** The first privilege of `bits` by its name (privilege_to_string). */
function firstName(bits: number): string {
  for (const [k, v] of Object.entries(PRIVILEGE_BITS)) if (bits & v) return k;
  return '?';
}

export function runGrant(cx: CommandContext, n: any): string {
  const shared = sharedOf(cx.catalog);
  const objtype: string = n.objtype;
  if (!(objtype in KIND_WORD)) throw new PgError('0A000', `GRANT on ${objtype.replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ')} is not supported`);
  if (n.grantor) {
    const g = getRole(shared, roleSpecName(n.grantor, cx.user) ?? 'public');
    if (g.name !== cx.user) throw new PgError('0A000', 'grantor must be current user');
  }
  const grantees = (n.grantees as any[]).map(s => {
    const name = roleSpecName(s.RoleSpec ?? s, cx.user);
    return name === null ? PUBLIC_OID : getRole(shared, name).oid;
  });
  const targets = grantTargets(cx, n);
  const req: GrantRequest = {
    isGrant: !!n.is_grant, privileges: null, columns: new Map(), grantees, grantOption: !!n.grant_option,
    behavior: n.behavior === 'DROP_CASCADE' ? 'cascade' : 'restrict',
  };
  if (n.privileges?.length) {
    let privs = 0;
    for (const p of n.privileges as any[]) {
      const ap = p.AccessPriv;
      if (!ap.priv_name) { req.privileges = null; break; }
      const bit = privilegeBit(ap.priv_name);
      if (ap.cols?.length) {
        if (objtype !== 'OBJECT_TABLE') throw new PgError('0LP01', 'column privileges are only valid for relations');
        for (const c of ap.cols as any[]) {
          const name = c.String.sval;
          req.columns.set(name, (req.columns.get(name) ?? 0) | bit);
        }
      } else {
        privs |= bit;
      }
    }
    const all = KIND_RIGHTS[objtype];
    const colBits = [...req.columns.values()].reduce((a, b) => a | b, 0);
    if ((privs | colBits) & ~all) throw new PgError('0LP01', `invalid privilege type ${firstName((privs | colBits) & ~all)} for ${KIND_WORD[objtype]}`);
    req.privileges = privs;
  }
  for (const t of targets) grantOn(cx, t, req, objtype);
  return n.is_grant ? 'GRANT' : 'REVOKE';
}

/** Applies the request to one object (and its columns). */
function grantOn(cx: CommandContext, t: GrantTarget, req: GrantRequest, objtype: string): void {
  let privs = req.privileges;
  const allPrivs = privs === null;
  let kindRights = ALL_RIGHTS[t.obj.kind];
  if (t.rel) {
    if (t.rel.kind === 'sequence') {
      if (objtype === 'OBJECT_TABLE' && privs !== null && (privs & ~ALL_RIGHTS.s)) {
        // sequences only support USAGE, SELECT and UPDATE (the rest is dropped with a warning)
        cx.notice({ severity: 'WARNING', code: '01007', message: `sequence "${t.rel.name}" only supports USAGE, SELECT, and UPDATE privileges` });
        privs &= ALL_RIGHTS.s;
      }
      kindRights = ALL_RIGHTS.s;
    } else {
      if (objtype === 'OBJECT_SEQUENCE') throw new PgError('42809', `"${t.rel.name}" is not a sequence`);
      if (privs !== null && (privs & ~ALL_RIGHTS.r)) throw new PgError('0LP01', `invalid privilege type ${firstName(privs & ~ALL_RIGHTS.r)} for table`);
      kindRights = ALL_RIGHTS.r;
    }
  }
  if (privs === null) privs = req.columns.size ? 0 : kindRights;
  // the table's ACL before the change is what its columns' grantor is chosen from
  const oldTableAcl = t.rel?.kind === 'table' ? effectiveAcl(cx.catalog, t.obj) : undefined;
  // nothing to change on the object itself (only column privileges, or a sequence's unsupported ones) skips it
  if (privs) apply(cx, t.obj, t.obj.holder.acl ?? null, privs, req, allPrivs, undefined);
  // REVOKE on a table takes the same privileges from every column too, system ones included (expand_all_col_privileges)
  if (t.rel?.kind === 'table' && !req.isGrant && (privs & ALL_RIGHTS.c)) {
    for (const name of SYSTEM_COLUMNS) applyColumn(cx, t.rel, { name, acl: null } as Column, privs & ALL_RIGHTS.c, req, allPrivs, oldTableAcl!);
    for (const c of t.rel.columns) if (!c.dropped) applyColumn(cx, t.rel, c, privs & ALL_RIGHTS.c, req, allPrivs, oldTableAcl!);
  }
  if (req.columns.size) {
    const table = t.rel as Table;
    for (const [name, bits] of req.columns) {
      const c = table.kind === 'table' ? table.columns.find(x => !x.dropped && x.name === name) : undefined;
      if (!c) throw new PgError('42703', `column "${name}" of relation "${table.name}" does not exist`);
      applyColumn(cx, table, c, bits, req, false, oldTableAcl ?? effectiveAcl(cx.catalog, t.obj));
    }
  }
}

/** The system columns, in attnum order (-6 … -1), as column privileges reach them. */
const SYSTEM_COLUMNS = ['tableoid', 'cmax', 'xmax', 'cmin', 'xmin', 'ctid'];

function applyColumn(cx: CommandContext, table: Relation, c: Column, bits: number, req: GrantRequest, allPrivs: boolean, tableAcl: Acl): void {
  const obj: AclObject = { kind: 'c', holder: c, owner: (table as Table).owner, what: 'column', name: c.name, relation: table.name };
  apply(cx, obj, c.acl ?? null, bits, req, allPrivs, tableAcl);
}

/** select_best_grantor, restrict_and_check_grant and merge_acl_grant for one object. */
function apply(cx: CommandContext, o: AclObject, current: Acl | null, privs: number, req: GrantRequest, allPrivs: boolean,
  extraAcl: Acl | undefined): void {
  const shared = sharedOf(cx.catalog);
  const user = getRole(shared, cx.user);
  const owner = shared.roles.get(o.owner) ?? shared.superuser;
  const old = current ?? effectiveAcl(cx.catalog, o);
  const lookupAcl = extraAcl ? [...extraAcl, ...old] : old;
  let grantor = user.oid;
  let avail = 0;
  if (user.superuser || ownsObject(cx.catalog, cx.user, owner.name)) {
    grantor = owner.oid;
    avail = privs;
  } else {
    // the role of the user that holds the most of the grant options needed (the user itself first)
    const roles = [...privilegeRoles(shared, user, cx.catalog)];
    let best = -1;
    for (const r of roles) {
      const got = aclMask(lookupAcl, new Set([r]), false, grantOption(privs), true) >>> 16;
      const count = bitCount(got);
      if (count > best) { best = count; grantor = r; avail = got; }
      if (got === privs) break;
    }
  }
  const whole = ALL_RIGHTS[o.kind];
  if (avail === 0 && !user.superuser) {
    const any = aclMask(lookupAcl, privilegeRoles(shared, user, cx.catalog), false, whole | grantOption(whole), true);
    if (!any) throw o.kind === 'c'
      ? new PgError('42501', `permission denied for column ${o.name} of relation ${o.relation}`)
      : new PgError('42501', `permission denied for ${o.what} ${o.name}`);
  }
  const granted = privs & avail;
  {
    const label = o.kind === 'c' ? `column "${o.name}" of relation "${o.relation}"` : `"${o.name}"`;
    if (req.isGrant) {
      if (granted === 0) cx.notice({ severity: 'WARNING', code: '01007', message: `no privileges were granted for ${label}` });
      else if (!allPrivs && granted !== privs) cx.notice({ severity: 'WARNING', code: '01007', message: `not all privileges were granted for ${label}` });
    } else if (granted === 0) {
      cx.notice({ severity: 'WARNING', code: '01006', message: `no privileges could be revoked for ${label}` });
    } else if (!allPrivs && granted !== privs) {
      cx.notice({ severity: 'WARNING', code: '01006', message: `not all privileges could be revoked for ${label}` });
    }
  }
  const next = mergeAclGrant(old, req.isGrant, req.grantOption, req.behavior, req.grantees, granted, grantor, owner.oid);
  // a column whose ACL ends up empty has none (attacl NULL), as PostgreSQL stores it
  const value = o.kind === 'c' && next.length === 0 ? null : next;
  if (o.kind === 'c' && !current && !value) return; // a column that had no ACL and still has none
  if (o.kind === 'd') (o.holder as { acl?: Acl | null }).acl = value;
  else cx.catalog.set(o.holder as { acl?: Acl | null }, 'acl', value);
}

function bitCount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

export { ACL };
