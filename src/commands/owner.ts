// ALTER SCHEMA … OWNER TO and ALTER TABLE / SEQUENCE / VIEW … OWNER TO (AlterSchemaOwner and
// ATExecChangeOwner): the role must exist, a non-superuser must own the object and be a
// member of the new owner; a table's owned sequences follow it, an owned sequence cannot be
// given away on its own, and an index keeps its table's owner (with PostgreSQL's warning).
import { sharedOf } from '../catalog/shared.js';
import type { AclItem, Relation, Schema, Sequence, Table } from '../catalog/objects.js';
import { aclNewOwner } from '../catalog/acl.js';
import { PgError } from '../errors/index.js';
import type { CommandContext } from './context.js';
import { getRole, getRoleSpec } from './role-options.js';

/** Checks that the current user may give `owner`'s object to `newOwner` (object named for the error). */
function checkMayGive(cx: CommandContext, owner: string, newOwner: string, what: string): void {
  const shared = sharedOf(cx.catalog);
  const cur = getRole(shared, cx.user);
  if (cur.superuser) return;
  const current = shared.roles.get(owner);
  if (!current || !shared.isMember(cur, current, true)) throw new PgError('42501', `must be owner of ${what}`);
  if (!shared.isMember(cur, getRole(shared, newOwner))) throw new PgError('42501', `must be member of role "${newOwner}"`);
}

export function alterSchemaOwner(cx: CommandContext, n: any): string {
  const name: string = n.object.String.sval;
  const schema: Schema | undefined = cx.catalog.schemas.get(name);
  if (!schema) throw new PgError('3F000', `schema "${name}" does not exist`);
  const role = getRoleSpec(sharedOf(cx.catalog), n.newowner, cx.user);
  if (schema.owner !== role.name) {
    checkMayGive(cx, schema.owner, role.name, `schema ${schema.name}`);
    changeAclOwner(cx, schema, schema.owner, role.name);
    cx.catalog.set(schema, 'owner', role.name);
  }
  return 'ALTER SCHEMA';
}

const KIND: Record<string, string> = { table: 'table', sequence: 'sequence', view: 'view', index: 'index' };

/** ALTER TABLE … OWNER TO on any relation ALTER TABLE may name (ALTER SEQUENCE / VIEW for theirs). */
export function alterRelationOwner(cx: CommandContext, rel: Relation, spec: any): void {
  const role = getRoleSpec(sharedOf(cx.catalog), spec, cx.user);
  if (rel.kind === 'index') {
    cx.notice({ severity: 'WARNING', code: '42809', message: `cannot change owner of index "${rel.name}"`,
      hint: "Change the ownership of the index's table, instead." });
    return;
  }
  if (rel.owner === role.name) return;
  if (rel.kind === 'sequence' && rel.ownedBy) {
    throw new PgError('0A000', `cannot change owner of sequence "${rel.name}"`,
      { detail: `Sequence "${rel.name}" is linked to table "${rel.ownedBy.table.name}".` });
  }
  checkMayGive(cx, rel.owner, role.name, `${KIND[rel.kind]} ${rel.name}`);
  changeAclOwner(cx, rel, rel.owner, role.name);
  if (rel.kind === 'table') for (const c of rel.columns) changeAclOwner(cx, c, rel.owner, role.name);
  cx.catalog.set(rel as Table, 'owner', role.name);
  if (rel.kind === 'table') {
    // change_owner_recurse_to_sequences: serial and identity sequences go with their table
    for (const sch of cx.catalog.schemas.values()) {
      for (const s of sch.relations.values()) {
        if (s.kind !== 'sequence' || s.ownedBy?.table !== rel) continue;
        changeAclOwner(cx, s, s.owner, role.name);
        cx.catalog.set(s as Sequence, 'owner', role.name);
      }
    }
  }
}

/** The object's ACL (if it has one) with the old owner replaced by the new one (aclnewowner). */
export function changeAclOwner(cx: CommandContext, holder: { acl?: AclItem[] | null }, oldOwner: string, newOwner: string): void {
  if (!holder.acl) return;
  const shared = sharedOf(cx.catalog);
  const from = shared.roles.get(oldOwner), to = shared.roles.get(newOwner);
  if (from && to) cx.catalog.set(holder, 'acl', aclNewOwner(holder.acl, from.oid, to.oid));
}
