// information_schema.table_privileges, role_table_grants and column_privileges, after
// PostgreSQL's information_schema.sql: each privilege of each ACL item (aclexplode of the ACL
// or of the default one), the owner's grant options implicit. Rows are not filtered by the
// reading role's memberships (PostgreSQL shows only grants from or to enabled roles).
import { OID } from '../../types/oids.js';
import { ALL_RIGHTS, PUBLIC_OID, aclDefault, privilegeName, type Acl } from '../acl.js';
import type { Catalog } from '../catalog.js';
import type { Relation } from '../objects.js';
import { sharedOf } from '../shared.js';
import { allRelations } from './pg-class.js';
import type { SystemRelationDef } from './relation.js';

const { name: sqlIdentifier, varchar } = OID;
/** information_schema's privilege order: its definition lists them in this order. */
const TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

interface Grant { grantor: string; grantee: string; privilege: string; grantable: boolean }

/** aclexplode with names: one grant per privilege of each item. */
function explode(cat: Catalog, acl: Acl, owner: string, rights: number): Grant[] {
  const shared = sharedOf(cat);
  const name = (oid: number) => (oid === PUBLIC_OID ? 'PUBLIC' : shared.roleByOid(oid)?.name ?? String(oid));
  const ownerRole = shared.roles.get(owner);
  const out: Grant[] = [];
  for (const a of acl) {
    for (let bit = 1; bit <= rights; bit <<= 1) {
      if (!(a.privs & bit & rights)) continue;
      const grantee = shared.roleByOid(a.grantee);
      const viaOwner = !!grantee && !!ownerRole && shared.isMember(grantee, ownerRole, true);
      out.push({ grantor: name(a.grantor), grantee: name(a.grantee), privilege: privilegeName(bit), grantable: viaOwner || !!(a.goptions & bit) });
    }
  }
  return out.sort((x, y) => TABLE_PRIVILEGES.indexOf(x.privilege) - TABLE_PRIVILEGES.indexOf(y.privilege));
}

const tables = (cat: Catalog) => allRelations(cat).filter((r): r is Relation & { kind: 'table' | 'view' } => r.kind === 'table' || r.kind === 'view');

function relationAcl(cat: Catalog, r: Relation & { kind: 'table' | 'view' }): Acl {
  return r.acl ?? aclDefault('r', sharedOf(cat).roles.get(r.owner)?.oid ?? 10);
}

function tablePrivilegeRows(cat: Catalog, database: string): unknown[][] {
  const out: unknown[][] = [];
  for (const r of tables(cat)) {
    for (const g of explode(cat, relationAcl(cat, r), r.owner, ALL_RIGHTS.r)) {
      out.push([g.grantor, g.grantee, database, r.schema.name, r.name, g.privilege, g.grantable ? 'YES' : 'NO', g.privilege === 'SELECT' ? 'YES' : 'NO']);
    }
  }
  return out;
}

const tableColumns = [
  { name: 'grantor', type: sqlIdentifier }, { name: 'grantee', type: sqlIdentifier }, { name: 'table_catalog', type: sqlIdentifier },
  { name: 'table_schema', type: sqlIdentifier }, { name: 'table_name', type: sqlIdentifier }, { name: 'privilege_type', type: varchar },
  { name: 'is_grantable', type: varchar }, { name: 'with_hierarchy', type: varchar },
];

export function informationSchemaPrivilegeViews(database: string): SystemRelationDef[] {
  return [
    { schema: 'information_schema', name: 'table_privileges', oid: 13484, view: true, stable: true, columns: tableColumns,
      rows: cat => tablePrivilegeRows(cat, database) },
    { schema: 'information_schema', name: 'role_table_grants', oid: 13485, view: true, stable: true, columns: tableColumns,
      rows: cat => tablePrivilegeRows(cat, database) },
    { schema: 'information_schema', name: 'column_privileges', oid: 13486, view: true, stable: true,
      columns: [...tableColumns.slice(0, 5), { name: 'column_name', type: sqlIdentifier }, ...tableColumns.slice(5, 7)],
      rows: cat => {
        const out: unknown[][] = [];
        for (const r of tables(cat)) {
          const cols = r.kind === 'table' ? r.columns.filter(c => !c.dropped) : r.columns.map((c, i) => ({ ...c, attnum: i + 1, acl: null }));
          const tableGrants = explode(cat, relationAcl(cat, r), r.owner, ALL_RIGHTS.c);
          for (const c of cols) {
            const own = c.acl ? explode(cat, c.acl, r.owner, ALL_RIGHTS.c) : [];
            const seen = new Set<string>();
            for (const g of [...tableGrants, ...own]) {
              const key = `${g.grantor}\u0000${g.grantee}\u0000${g.privilege}`;
              if (seen.has(key)) continue;
              seen.add(key);
              out.push([g.grantor, g.grantee, database, r.schema.name, r.name, c.name, g.privilege, g.grantable ? 'YES' : 'NO']);
            }
          }
        }
        return out;
      } },
  ];
}
