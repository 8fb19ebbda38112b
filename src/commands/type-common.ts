// What the CREATE / ALTER / DROP commands of user-defined types share: finding a type by
// its qualified name, creating one in a schema's type name space, and naming it in messages.
import { PgError } from '../errors/index.js';
import type { Schema, UserType } from '../catalog/objects.js';
import { addUserType, arrayTypeName, findUserType, typeNameTaken } from '../catalog/user-types.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import { typeByOid } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { CommandContext } from './context.js';

export const str = (n: any): string => n.String?.sval ?? n.sval;
export const tag = (command: string) => ({ command, rowCount: null });

/** The schema a new type goes to: the one named, or the creation schema. */
export function creationSchema(cx: CommandContext, names: string[]): Schema {
  return cx.catalog.schema(names.length > 1 ? names[names.length - 2] : cx.creationSchema());
}

/** TypeCreate's checks, then a new type with its array type, owned by the current user. */
export function newUserType(cx: CommandContext, schema: Schema, name: string, typtype: UserType['typtype']): UserType {
  if (typeNameTaken(schema, name)) throw new PgError('42710', `type "${name}" already exists`);
  const oid = cx.catalog.allocOid();
  const arrayOid = cx.catalog.allocOid();
  const ut: UserType = { kind: 'type', typtype, oid, name, schema, owner: cx.user, arrayOid, arrayName: arrayTypeName(schema, name) };
  addUserType(cx.catalog, ut);
  cx.catalog.deps.add(ut, 0, schema, 0, 'n');
  return ut;
}

/** The user type a name (a list of String nodes) denotes, or undefined. */
export function lookupUserType(cx: CommandContext, names: string[]): UserType | undefined {
  const f = findUserType(cx.catalog, names.length > 1 ? names[names.length - 2] : null, names[names.length - 1], cx.analyze.searchPath);
  return f && !f.array ? f.ut : undefined;
}

/**
 * A type named in ALTER TYPE / ALTER DOMAIN / DROP: a user type, or the oid of the built-in
 * (or array) type the name denotes, or null when there is none and missingOk.
 */
export function typeForCommand(cx: CommandContext, names: string[], missingOk = false): { user: UserType } | { builtin: number } | null {
  const ut = lookupUserType(cx, names);
  if (ut) return { user: ut };
  try {
    return { builtin: resolveTypeName({ names: names.map(sval => ({ String: { sval } })), location: -1 }).oid };
  } catch (e) {
    if (!(e instanceof PgError) || e.code !== '42704' || !missingOk) {
      if (e instanceof PgError) e.position = undefined;
      throw e;
    }
    return null;
  }
}

/** format_type of any type. */
export const typeText = (oid: number): string => typeByOid(oid)?.formatType(-1) ?? String(oid);

/** The type's name as messages print it: qualified when its schema is not on the path. */
export function typeDisplay(cx: CommandContext, ut: UserType): string {
  const visible = findUserType(cx.catalog, null, ut.name, cx.analyze.searchPath)?.ut === ut;
  return visible ? quoteIdent(ut.name) : `${quoteIdent(ut.schema.name)}.${quoteIdent(ut.name)}`;
}
