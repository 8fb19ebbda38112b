// The answers of the has_*_privilege functions (acl.c): the privilege text ("select, insert
// WITH GRANT OPTION") as a mask, and whether a role holds any of it on an object.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Relation, Table } from '../catalog/objects.js';
import { ACL, AclRoleError, AclSyntaxError, PRIVILEGE_BITS, parseAclItem, privilegeName } from '../catalog/acl.js';
import { OID } from '../types/oids.js';
import { registerFunction } from '../types/registry.js';
import { sharedOf } from '../catalog/shared.js';
import { columnObject, privilegesHeld, relationObject, type AclObject } from './check.js';

/** The privilege names each function accepts. */
const ACCEPTED: Record<string, string[]> = {
  table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'RULE'],
  column: ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'],
  sequence: ['USAGE', 'SELECT', 'UPDATE'],
  schema: ['CREATE', 'USAGE'],
  database: ['CREATE', 'CONNECT', 'TEMPORARY', 'TEMP'],
  function: ['EXECUTE'],
  type: ['USAGE'],
};

/** convert_any_priv_string: the privileges and grant options named (grant options shifted by 16). */
export function privilegeMask(kind: string, text: string): number {
  let mask = 0;
  for (const part of text.split(',')) {
    const p = part.trim().toUpperCase().replace(/\s+/g, ' ');
    const withOption = / WITH GRANT OPTION$/.test(p);
    const name = p.replace(/ WITH GRANT OPTION$/, '');
    if (!ACCEPTED[kind].includes(name)) throw new PgError('22023', `unrecognized privilege type: "${part.trim()}"`);
    if (name === 'RULE') continue; // no longer a privilege: never held
    const bit = PRIVILEGE_BITS[name];
    mask |= withOption ? bit << 16 : bit;
  }
  return mask;
}

/** Does the role hold any privilege of `mask` on the object? */
export function holdsAny(cat: Catalog, role: string, o: AclObject, mask: number): boolean {
  return mask !== 0 && privilegesHeld(cat, role, o, mask, true) !== 0;
}

/** has_table_privilege (and has_sequence_privilege): on the relation itself. */
export function tablePrivilege(cat: Catalog, role: string, r: Relation, text: string, kind: 'table' | 'sequence'): boolean {
  return holdsAny(cat, role, relationObject(r), privilegeMask(kind, text));
}

/** has_column_privilege: on the table, or else on the column. */
export function columnPrivilege(cat: Catalog, role: string, r: Relation, attnum: number, text: string): boolean {
  const mask = privilegeMask('column', text);
  if (holdsAny(cat, role, relationObject(r), mask)) return true;
  if (r.kind !== 'table') return false;
  const c = (r as Table).columns.find(x => x.attnum === attnum);
  return !!c && holdsAny(cat, role, columnObject(r, c), mask);
}

/** has_any_column_privilege: on the table, or on any of its columns. */
export function anyColumnPrivilege(cat: Catalog, role: string, r: Relation, text: string): boolean {
  const mask = privilegeMask('column', text);
  if (holdsAny(cat, role, relationObject(r), mask)) return true;
  if (r.kind !== 'table') return false;
  return (r as Table).columns.some(c => !c.dropped && holdsAny(cat, role, columnObject(r, c), mask));
}

/** The role named (a user's name) for the user-less forms. */
export function roleNameOf(cat: Catalog, oid: number): string | undefined {
  return sharedOf(cat).roleByOid(oid)?.name;
}

export { ACL };

/** aclexplode(acl): one row per privilege of each item — grantor, grantee (0: PUBLIC), privilege_type, is_grantable. */
export function aclExplode(cat: Catalog, items: string[]): unknown[][] {
  const shared = sharedOf(cat);
  const out: unknown[][] = [];
  for (const text of items) {
    if (text === null) continue;
    const a = parseAclItem(text, name => shared.roles.get(name)?.oid);
    for (let bit = 1; bit <= ACL.CONNECT; bit <<= 1) {
      if (a.privs & bit) out.push([a.grantor, a.grantee, privilegeName(bit), (a.goptions & bit) !== 0]);
    }
  }
  return out;
}

let registered = false;
/** Functions over ACLs themselves. */
export function registerAclFunctions(): void {
  if (registered) return;
  registered = true;
  registerFunction({ name: 'aclexplode', args: [OID._text], ret: OID.record, volatility: 's', strict: true, retSet: true,
    outCols: [{ name: 'grantor', type: OID.oid }, { name: 'grantee', type: OID.oid }, { name: 'privilege_type', type: OID.text },
      { name: 'is_grantable', type: OID.bool }],
    fn: ([acl], ctx) => {
      try {
        return aclExplode((ctx.session as { engine: { catalog: Catalog } }).engine.catalog, acl as string[]);
      } catch (e) {
        if (e instanceof AclRoleError) throw new PgError('42704', e.message);
        if (e instanceof AclSyntaxError) throw new PgError('22P02', e.message);
        throw e;
      }
    } });
}
