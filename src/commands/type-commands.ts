// The statements about user-defined types: CREATE TYPE (enum, composite), CREATE DOMAIN,
// ALTER TYPE / ALTER DOMAIN in all their forms, DROP TYPE / DOMAIN, and the RENAME, SET
// SCHEMA and OWNER TO forms for types. utility.ts hands each statement here first.
import { changeAclOwner } from './owner.js';
import { notOwner, ownsObject } from '../privileges/check.js';
import { PgError } from '../errors/index.js';
import { sharedOf } from '../catalog/shared.js';
import { CLASS, type UserType } from '../catalog/objects.js';
import { moveUserType, typeNameTaken } from '../catalog/user-types.js';
import type { CommandContext } from './context.js';
import { getRoleSpec } from './role-options.js';
import { alterDomain, createDomain, renameDomainConstraint } from './domain.js';
import { alterEnum, createEnum } from './type-enum.js';
import { alterCompositeType, createCompositeType, renameAttribute } from './type-composite.js';
import { dropTypes, rowTypeOf } from './type-drop.js';
import { str, tag, typeForCommand, typeText } from './type-common.js';

type Result = { command: string; rowCount: null };

/** Runs the statement if it is about a user-defined type, else returns null. */
export function runTypeCommand(cx: CommandContext, kind: string, n: any): Result | null {
  switch (kind) {
    case 'CreateEnumStmt': return tag(createEnum(cx, n));
    case 'AlterEnumStmt': return tag(alterEnum(cx, n));
    case 'CompositeTypeStmt': return tag(createCompositeType(cx, n));
    case 'CreateDomainStmt': return tag(createDomain(cx, n));
    case 'AlterDomainStmt': return tag(alterDomain(cx, n));
    case 'DropStmt':
      return n.removeType === 'OBJECT_TYPE' || n.removeType === 'OBJECT_DOMAIN' ? dropTypes(cx, n) : null;
    case 'AlterTableStmt':
      return n.objtype === 'OBJECT_TYPE' ? tag(alterCompositeType(cx, n)) : null;
    case 'RenameStmt':
      switch (n.renameType) {
        case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': return tag(renameType(cx, n));
        case 'OBJECT_ATTRIBUTE': return tag(renameAttribute(cx, n));
        case 'OBJECT_DOMCONSTRAINT': return tag(renameDomainConstraint(cx, n));
      }
      return null;
    case 'AlterObjectSchemaStmt':
      return n.objectType === 'OBJECT_TYPE' || n.objectType === 'OBJECT_DOMAIN' ? tag(setTypeSchema(cx, n)) : null;
    case 'AlterOwnerStmt':
      return n.objectType === 'OBJECT_TYPE' || n.objectType === 'OBJECT_DOMAIN' ? tag(alterTypeOwner(cx, n)) : null;
    case 'CommentStmt':
      return n.objtype === 'OBJECT_TYPE' || n.objtype === 'OBJECT_DOMAIN' || n.objtype === 'OBJECT_DOMCONSTRAINT' ? tag(commentOnType(cx, n)) : null;
  }
  return null;
}

/** COMMENT ON TYPE / DOMAIN / CONSTRAINT … ON DOMAIN. */
function commentOnType(cx: CommandContext, n: any): string {
  const text: string | null = n.comment ?? null;
  if (n.objtype === 'OBJECT_DOMCONSTRAINT') {
    const [tn, con] = n.object.List.items;
    const ut = alterTarget(cx, (tn.TypeName.names as any[]).map(str), true);
    const c = (ut.constraints ?? []).find(x => x.name === str(con));
    if (!c) throw new PgError('42704', `constraint "${str(con)}" for domain ${typeText(ut.oid)} does not exist`);
    cx.catalog.setComment(`${CLASS.constraint}:${c.oid}:0`, text);
    return 'COMMENT';
  }
  const ut = alterTarget(cx, (n.object.TypeName.names as any[]).map(str), false);
  if (n.objtype === 'OBJECT_DOMAIN' && ut.typtype !== 'd') throw new PgError('42809', `"${ut.name}" is not a domain`);
  cx.catalog.setComment(`${CLASS.type}:${ut.oid}:0`, text);
  return 'COMMENT';
}

const domainStmt = (objectType: string) => objectType === 'OBJECT_DOMAIN';
const objectNames = (n: any): string[] => (n.object.List?.items ?? [n.object]).map(str);

/** The user type an ALTER TYPE / ALTER DOMAIN … RENAME / SET SCHEMA / OWNER names. */
function alterTarget(cx: CommandContext, names: string[], domain: boolean): UserType {
  const found = typeForCommand(cx, names, true);
  const rel = found && 'user' in found ? null : rowTypeOf(cx, names);
  if (rel && !domain) throw new PgError('42809', `${rel.name} is a table's row type`, { hint: 'Use ALTER TABLE instead.' });
  if (!found) throw new PgError('42704', `type "${names.join('.')}" does not exist`);
  if (!('user' in found)) throw new PgError('42809', `${typeText(found.builtin)} is not a ${domain ? 'domain' : 'user-defined type'}`);
  if (domain && found.user.typtype !== 'd') throw new PgError('42809', `${typeText(found.user.oid)} is not a domain`);
  if (!ownsObject(cx.catalog, cx.user, found.user.owner)) throw notOwner('type', typeText(found.user.oid));
  return found.user;
}

function renameType(cx: CommandContext, n: any): string {
  const domain = domainStmt(n.renameType);
  const ut = alterTarget(cx, objectNames(n), domain);
  const to: string = n.newname;
  if (typeNameTaken(ut.schema, to)) throw new PgError('42710', `type "${to}" already exists`);
  moveUserType(cx.catalog, ut, to, ut.schema);
  return domain ? 'ALTER DOMAIN' : 'ALTER TYPE';
}

function setTypeSchema(cx: CommandContext, n: any): string {
  const domain = domainStmt(n.objectType);
  const ut = alterTarget(cx, objectNames(n), domain);
  const to = cx.catalog.schema(n.newschema);
  const command = domain ? 'ALTER DOMAIN' : 'ALTER TYPE';
  if (to === ut.schema) return command;
  if (typeNameTaken(to, ut.name)) throw new PgError('42710', `type "${ut.name}" already exists in schema "${to.name}"`);
  const from = ut.schema;
  moveUserType(cx.catalog, ut, ut.name, to);
  for (const d of cx.catalog.deps.dependenciesOf(ut).filter(d => d.referenced.obj === from)) {
    cx.catalog.deps.remove(d);
    cx.catalog.deps.add(ut, 0, to, 0, d.type);
  }
  return command;
}

function alterTypeOwner(cx: CommandContext, n: any): string {
  const domain = domainStmt(n.objectType);
  const ut = alterTarget(cx, objectNames(n), domain);
  const role = getRoleSpec(sharedOf(cx.catalog), n.newowner, cx.user);
  if (ut.owner !== role.name) { changeAclOwner(cx, ut, ut.owner, role.name); cx.catalog.set(ut, 'owner', role.name); }
  return domain ? 'ALTER DOMAIN' : 'ALTER TYPE';
}
