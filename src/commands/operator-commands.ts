// The utility statements of operators, operator classes and families: CREATE, ALTER (SET
// SCHEMA, OWNER TO, RENAME, SET (…), ADD / DROP members), DROP and COMMENT ON; null for
// other statements (utility.ts asks here first).
import { PgError } from '../errors/index.js';
import { CLASS, type Schema } from '../catalog/objects.js';
import type { UserOpclass, UserOperator, UserOpfamily } from '../catalog/operator-objects.js';
import { describeOperatorObject, findOpclass, findUserOperator, lookupPath, moveToSchema, removeFromSchema } from '../catalog/operators.js';
import type { DepRef } from '../catalog/dependencies.js';
import type { CommandContext } from './context.js';
import { dropObjects } from './drop.js';
import { reportMissingDrop } from './drop-missing.js';
import { alterOperatorSet, createOperator, unlinkOperator } from './operator.js';
import { accessMethod, alterOpfamily, createOpclass, createOpfamily, forgetLooseMembers, lookupOpfamily } from './opclass.js';
import { splitName, str, typeOid } from './operator-lookup.js';
import { getRoleSpec } from './role-options.js';
import { sharedOf } from '../catalog/shared.js';

type OpObject = UserOperator | UserOpclass | UserOpfamily;
const KINDS = new Set(['OBJECT_OPERATOR', 'OBJECT_OPCLASS', 'OBJECT_OPFAMILY']);
const tag = (command: string) => ({ command, rowCount: null });

export function runOperatorCommand(cx: CommandContext, kind: string, n: any): { command: string; rowCount: null } | null {
  switch (kind) {
    case 'DefineStmt': return n.kind === 'OBJECT_OPERATOR' ? tag(createOperator(cx, n)) : null;
    case 'CreateOpClassStmt': return tag(createOpclass(cx, n));
    case 'CreateOpFamilyStmt': return tag(createOpfamily(cx, n));
    case 'AlterOpFamilyStmt': return tag(alterOpfamily(cx, n));
    case 'AlterOperatorStmt': {
      const op = operatorTarget(cx, n.opername, false)!;
      alterOperatorSet(cx, op, n.options ?? []);
      return tag('ALTER OPERATOR');
    }
    case 'DropStmt': return KINDS.has(n.removeType) ? drop(cx, n) : null;
    case 'AlterObjectSchemaStmt': return KINDS.has(n.objectType) ? tag(setSchema(cx, n)) : null;
    case 'AlterOwnerStmt': {
      if (!KINDS.has(n.objectType)) return null;
      const o = target(cx, n.objectType, n.object, false)!;
      const role = getRoleSpec(sharedOf(cx.catalog), n.newowner, cx.user).name;
      cx.catalog.set(o, 'owner', role);
      return tag(TAGS[n.objectType]);
    }
    case 'RenameStmt': {
      if (n.renameType !== 'OBJECT_OPCLASS' && n.renameType !== 'OBJECT_OPFAMILY') return null;
      const o = target(cx, n.renameType, n.object, false) as UserOpclass | UserOpfamily;
      const list: { name: string; method: string }[] = (o.kind === 'opclass' ? o.schema.opclasses : o.schema.opfamilies) ?? [];
      if (list.some(x => x.name === n.newname && x.method === o.method)) {
        throw new PgError('42710', `operator ${o.kind === 'opclass' ? 'class' : 'family'} "${n.newname}" for access method "${o.method}" already exists in schema "${o.schema.name}"`);
      }
      cx.catalog.set(o, 'name', n.newname);
      return tag(TAGS[n.renameType]);
    }
    case 'CommentStmt': {
      if (!KINDS.has(n.objtype)) return null;
      const o = target(cx, n.objtype, n.object, false)!;
      const cls = o.kind === 'operator' ? CLASS.operator : o.kind === 'opclass' ? CLASS.opclass : CLASS.opfamily;
      cx.catalog.setComment(`${cls}:${o.oid}:0`, n.comment ? n.comment : null);
      return tag('COMMENT');
    }
  }
  return null;
}

const TAGS: Record<string, string> = { OBJECT_OPERATOR: 'ALTER OPERATOR', OBJECT_OPCLASS: 'ALTER OPERATOR CLASS', OBJECT_OPFAMILY: 'ALTER OPERATOR FAMILY' };

/** The operator an ObjectWithArgs names (null: missing and missingOk; the caller reports it). */
function operatorTarget(cx: CommandContext, owa: any, missingOk: boolean): UserOperator | null {
  const args = (owa.objargs ?? []) as any[];
  if (args.length !== 2) throw new PgError('42601', 'missing argument', { hint: 'Use NONE to denote the missing argument of a unary operator.' });
  let schema: string | null, name: string, left: number, right: number;
  try {
    ({ schema, name } = splitName(cx, owa.objname));
    [left, right] = args.map(a => (a?.TypeName ? typeOid(a) : 0));
  } catch (e) {
    // a missing schema or type: drop-missing.ts reports it (or skips with IF EXISTS)
    if (e instanceof PgError && (e.code === '3F000' || e.code === '42704')) return null;
    throw e;
  }
  const op = findUserOperator(cx.catalog, schema, name, left, right, schema !== null ? [] : lookupPath(cx.analyze.searchPath));
  if (op || missingOk) return op ?? null;
  return null;
}

/** The object an ALTER / COMMENT names; a missing one raises drop-missing.ts's error. */
function target(cx: CommandContext, objtype: string, object: any, missingOk: boolean): OpObject | null {
  const found = objtype === 'OBJECT_OPERATOR' ? operatorTarget(cx, object.ObjectWithArgs, true) : classOrFamily(cx, objtype, object.List.items);
  if (found) return found;
  reportMissingDrop(cx, objtype, object, missingOk);
  return null;
}

function classOrFamily(cx: CommandContext, objtype: string, items: any[]): UserOpclass | UserOpfamily | undefined {
  const method = accessMethod(str(items[0]));
  const names = items.slice(1);
  const parts = names.map(str);
  const schema = parts.length > 1 ? parts[parts.length - 2] : null;
  if (schema !== null && !cx.catalog.schemas.has(schema)) return undefined;
  const path = schema !== null ? [] : lookupPath(cx.analyze.searchPath);
  if (objtype === 'OBJECT_OPCLASS') return findOpclass(cx.catalog, schema, parts[parts.length - 1], method, path);
  try { return lookupOpfamily(cx, names, method); } catch { return undefined; }
}

function drop(cx: CommandContext, n: any) {
  const roots: DepRef[] = [];
  for (const obj of n.objects as any[]) {
    const o = target(cx, n.removeType, obj, !!n.missing_ok);
    if (o) roots.push({ obj: o, sub: 0 });
  }
  if (roots.length) dropObjects(cx, roots, n.behavior === 'DROP_CASCADE');
  return tag(n.removeType === 'OBJECT_OPERATOR' ? 'DROP OPERATOR' : n.removeType === 'OBJECT_OPCLASS' ? 'DROP OPERATOR CLASS' : 'DROP OPERATOR FAMILY');
}

function setSchema(cx: CommandContext, n: any): string {
  const o = target(cx, n.objectType, n.object, !!n.missing_ok);
  if (!o) return TAGS[n.objectType];
  const to = cx.catalog.schema(n.newschema);
  const from = o.schema;
  if (to === from) return TAGS[n.objectType];
  const clash = o.kind === 'operator' ? to.operators?.some(x => x.name === o.name && x.left === o.left && x.right === o.right)
    : (o.kind === 'opclass' ? to.opclasses : to.opfamilies)?.some(x => x.name === o.name && x.method === o.method);
  if (clash) {
    const what = o.kind === 'operator' ? `operator ${o.name}` : `operator ${o.kind === 'opclass' ? 'class' : 'family'} "${o.name}" for access method "${o.method}"`;
    throw new PgError('42710', `${what} already exists in schema "${to.name}"`);
  }
  moveToSchema(cx.catalog, o, to);
  moveSchemaDependency(cx, o, from, to);
  return TAGS[n.objectType];
}

function moveSchemaDependency(cx: CommandContext, o: OpObject, from: Schema, to: Schema): void {
  const deps = cx.catalog.deps;
  for (const d of deps.dependenciesOf(o).filter(d => d.referenced.obj === from)) {
    deps.remove(d);
    deps.add(o, 0, to, 0, d.type);
  }
}

/** drop.ts's description of one of these objects. */
export function describeOperatorDep(cx: CommandContext, o: OpObject): string {
  return describeOperatorObject(cx.catalog, o, cx.analyze.searchPath);
}

/** drop.ts's deletion of one of these objects (its dependencies are already gone). */
export function deleteOperatorObject(cx: CommandContext, o: OpObject): void {
  const cat = cx.catalog;
  const cls = o.kind === 'operator' ? CLASS.operator : o.kind === 'opclass' ? CLASS.opclass : CLASS.opfamily;
  cat.dropComments(cls, o.oid, 0);
  if (o.kind === 'operator') { unlinkOperator(cx, o); forgetLooseMembers(cat, o); }
  if (o.kind === 'opclass') {
    // the members the class brought into its family go with it
    for (const m of o.family.operators.filter(x => x.opclass === o)) cat.remove(o.family.operators, m);
    for (const m of o.family.procs.filter(x => x.opclass === o)) cat.remove(o.family.procs, m);
  }
  removeFromSchema(cat, o);
}
