// Composite types: CREATE TYPE … AS (…), ALTER TYPE … ADD / DROP / ALTER / RENAME ATTRIBUTE,
// and CREATE TABLE … OF type (a typed table: its columns are the type's attributes, with the
// options written in the statement). Attributes are changed copy-on-write, so that undo
// restores the previous list whole.
import { PgError } from '../errors/index.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import type { Table, TypeAttribute, UserType } from '../catalog/objects.js';
import { findUserType, userTypeByOid } from '../catalog/user-types.js';
import { typeByOid } from '../types/registry.js';
import { OID } from '../types/oids.js';
import type { CommandContext } from './context.js';
import { newUserType, str, typeForCommand, typeText } from './type-common.js';

function resolveAttrType(tn: any): { oid: number; typmod: number } {
  try {
    return resolveTypeName(tn);
  } catch (e) {
    if (e instanceof PgError) e.position = undefined;
    throw e;
  }
}

/** Records that attribute `attnum` of a composite type uses a user type. */
function dependOnAttrType(cx: CommandContext, ut: UserType, attnum: number, typeOid: number): void {
  const f = userTypeByOid(cx.catalog, typeOid);
  if (f) cx.catalog.deps.add(ut, attnum, f.ut, f.array ? -1 : 0, 'n');
}

export function createCompositeType(cx: CommandContext, n: any): string {
  const rv = n.typevar;
  const schema = cx.catalog.schema(rv.schemaname ?? cx.creationSchema());
  const attrs: TypeAttribute[] = [];
  for (const el of (n.coldeflist ?? []) as any[]) {
    const cd = el.ColumnDef;
    if (attrs.some(a => a.name === cd.colname)) throw new PgError('42701', `column "${cd.colname}" specified more than once`);
    if (cd.constraints?.length) throw new PgError('0A000', 'constraints on composite type attributes are not supported');
    const t = resolveAttrType(cd.typeName);
    const pg = typeByOid(t.oid);
    if (pg?.category === 'P' || t.oid === OID.unknown) throw new PgError('42P16', `column "${cd.colname}" has pseudo-type ${pg?.formatType(-1) ?? 'unknown'}`);
    attrs.push({ name: cd.colname, typeOid: t.oid, typmod: t.typmod, dropped: false });
  }
  if (attrs.length > 1600) throw new PgError('54011', 'tables can have at most 1600 columns');
  const ut = newUserType(cx, schema, rv.relname, 'c');
  ut.attributes = attrs;
  ut.relOid = cx.catalog.allocOid();
  attrs.forEach((a, i) => dependOnAttrType(cx, ut, i + 1, a.typeOid));
  return 'CREATE TYPE';
}

/** The composite type ALTER TYPE … ATTRIBUTE names (pg_class's errors: it is a relation there too). */
function compositeTarget(cx: CommandContext, rv: any): UserType {
  let found;
  try {
    found = findUserType(cx.catalog, rv.schemaname ?? null, rv.relname, cx.analyze.searchPath);
  } catch (e) {
    if (e instanceof PgError && e.code === '3F000') throw new PgError('42P01', `relation "${rv.schemaname}.${rv.relname}" does not exist`);
    throw e;
  }
  if (!found || found.array) {
    const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
    if (rel) throw new PgError('42809', `"${rv.relname}" is not a composite type`);
    throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
  }
  if (found.ut.typtype !== 'c') throw new PgError('42809', `"${rv.relname}" is not a composite type`);
  return found.ut;
}

/** ALTER TYPE's refusals while tables store the type (find_composite_type_dependencies). */
function checkUnused(cx: CommandContext, ut: UserType, cmd: any, alteringType: boolean): void {
  const typed = cx.catalog.tables().filter(t => t.ofType === ut);
  if (typed.length) {
    if (cmd.behavior !== 'DROP_CASCADE') {
      throw new PgError('42809', `cannot alter type "${ut.name}" because it is the type of a typed table`,
        { hint: 'Use ALTER ... CASCADE to alter the typed tables too.' });
    }
    throw new PgError('0A000', 'ALTER TYPE … CASCADE to typed tables is not supported');
  }
  if (!alteringType) return;
  for (const t of cx.catalog.tables()) {
    const col = t.columns.find(c => !c.dropped && (c.typeOid === ut.oid || c.typeOid === ut.arrayOid));
    if (col) throw new PgError('0A000', `cannot alter type "${ut.name}" because column "${t.name}.${col.name}" uses it`);
  }
}

export function alterCompositeType(cx: CommandContext, n: any): string {
  const ut = compositeTarget(cx, n.relation);
  let attrs = [...(ut.attributes ?? [])];
  const live = (name: string) => attrs.findIndex(a => !a.dropped && a.name === name);
  for (const c of (n.cmds as any[]).map(x => x.AlterTableCmd)) {
    switch (c.subtype) {
      case 'AT_AddColumn': {
        checkUnused(cx, ut, c, false);
        const cd = c.def.ColumnDef;
        if (live(cd.colname) >= 0) throw new PgError('42701', `column "${cd.colname}" of relation "${ut.name}" already exists`);
        const t = resolveAttrType(cd.typeName);
        attrs.push({ name: cd.colname, typeOid: t.oid, typmod: t.typmod, dropped: false });
        dependOnAttrType(cx, ut, attrs.length, t.oid);
        break;
      }
      case 'AT_DropColumn': {
        checkUnused(cx, ut, c, false);
        const i = live(c.name);
        if (i < 0) {
          const msg = `column "${c.name}" of relation "${ut.name}" does not exist`;
          if (c.missing_ok) { cx.notice({ severity: 'NOTICE', code: '00000', message: `${msg}, skipping` }); break; }
          throw new PgError('42703', msg);
        }
        attrs = attrs.map((a, j) => (j === i ? { ...a, dropped: true } : a));
        cx.catalog.deps.removeFor(ut, i + 1);
        break;
      }
      case 'AT_AlterColumnType': {
        checkUnused(cx, ut, c, true);
        const i = live(c.name);
        if (i < 0) throw new PgError('42703', `column "${c.name}" of relation "${ut.name}" does not exist`);
        const t = resolveAttrType(c.def.ColumnDef.typeName);
        attrs = attrs.map((a, j) => (j === i ? { ...a, typeOid: t.oid, typmod: t.typmod } : a));
        cx.catalog.deps.removeFor(ut, i + 1);
        dependOnAttrType(cx, ut, i + 1, t.oid);
        break;
      }
      default: throw new PgError('0A000', `ALTER TYPE form ${String(c.subtype).replace('AT_', '')} is not supported`);
    }
  }
  cx.catalog.set(ut, 'attributes', attrs);
  return 'ALTER TYPE';
}

export function renameAttribute(cx: CommandContext, n: any): string {
  const ut = compositeTarget(cx, n.relation);
  checkUnused(cx, ut, n, false);
  const attrs = ut.attributes ?? [];
  const i = attrs.findIndex(a => !a.dropped && a.name === n.subname);
  if (i < 0) throw new PgError('42703', `column "${n.subname}" does not exist`);
  if (attrs.some(a => !a.dropped && a.name === n.newname)) throw new PgError('42701', `column "${n.newname}" of relation "${ut.name}" already exists`);
  cx.catalog.set(ut, 'attributes', attrs.map((a, j) => (j === i ? { ...a, name: n.newname } : a)));
  return 'ALTER TYPE';
}

/**
 * CREATE TABLE … OF type: the statement with the type's attributes as its first column
 * definitions (options written as `col WITH OPTIONS …` merged in), and what to do once the
 * table exists.
 */
/** The stand-alone composite type a typed table is OF (check_of_type): not a table's row type nor any other type. */
export function typedTableType(cx: CommandContext, typeName: any): UserType {
  const found = typeForCommand(cx, (typeName.names as any[]).map(str))!;
  if (!('user' in found) || found.user.typtype !== 'c') {
    throw new PgError('42809', `type ${typeText('user' in found ? found.user.oid : found.builtin)} is not a composite type`);
  }
  return found.user;
}

export function expandTableOf(cx: CommandContext, n: any): { stmt: any; after(t: Table): void } {
  const ut = typedTableType(cx, n.ofTypename);
  const elts = (n.tableElts ?? []) as any[];
  const options = new Map<string, any>();
  for (const el of elts) {
    const cd = el.ColumnDef;
    if (!cd) continue;
    if (cd.typeName) throw new PgError('0A000', 'columns with types in CREATE TABLE … OF are not supported');
    if (!(ut.attributes ?? []).some(a => !a.dropped && a.name === cd.colname)) throw new PgError('42703', `column "${cd.colname}" does not exist`);
    if (options.has(cd.colname)) throw new PgError('42701', `column "${cd.colname}" specified more than once`);
    options.set(cd.colname, cd);
  }
  const columns = (ut.attributes ?? []).filter(a => !a.dropped).map(a => ({
    ColumnDef: { colname: a.name, typeName: userTypeName(cx, a.typeOid, a.typmod), is_local: true,
      constraints: options.get(a.name)?.constraints ?? [], location: -1 },
  }));
  const stmt = { ...n, ofTypename: undefined, tableElts: [...columns, ...elts.filter(e => !e.ColumnDef)] };
  return {
    stmt,
    after(t: Table) {
      cx.catalog.set(t, 'ofType', ut);
      cx.catalog.deps.add(t, 0, ut, 0, 'n');
    },
  };
}

/** A TypeName for any type, user types by their qualified name. */
function userTypeName(cx: CommandContext, oid: number, typmod: number): any {
  const f = userTypeByOid(cx.catalog, oid);
  const names = f ? [f.ut.schema.name, f.array ? f.ut.arrayName : f.ut.name] : ['pg_catalog', typeByOid(oid)!.name];
  return { names: names.map(sval => ({ String: { sval } })), typemod: typmod, location: -1 };
}
