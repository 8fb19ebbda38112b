// DROP TYPE / DROP DOMAIN and the dependencies that make them need CASCADE: columns of
// the type (or of its array type), domains over it, attributes of composite types. Column
// dependencies are derived from the columns themselves before any DROP (syncTypeDependencies),
// so every way a column gets its type (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE, LIKE,
// inheritance …) counts without each recording it.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { DepRef } from '../catalog/dependencies.js';
import { CLASS, type Relation, type UserType } from '../catalog/objects.js';
import { allUserTypes, removeUserType, ROW_ARRAY_OID_BASE, userTypeByOid } from '../catalog/user-types.js';
import { relationByOid } from '../catalog/oid-index.js';
import type { CommandContext } from './context.js';
import { inPartitionKey } from './partition-alter.js';
import { dropObjects } from './drop.js';
import { str, tag, typeDisplay, typeForCommand, typeText } from './type-common.js';

/** The dependency of a column on a type's array type refers to the type with this sub-id. */
export const ARRAY_SUB = -1;
/** The dependency of a column on a relation's row type refers to the relation with this sub-id. */
export const ROWTYPE_SUB = -2;
/** … and on the array type of a relation's row type (t[]) with this one. */
export const ROWARRAY_SUB = -3;

export function dropTypes(cx: CommandContext, n: any): { command: string; rowCount: null } {
  const domain = n.removeType === 'OBJECT_DOMAIN';
  const command = domain ? 'DROP DOMAIN' : 'DROP TYPE';
  const roots: DepRef[] = [];
  for (const obj of n.objects as any[]) {
    const tn = obj.TypeName;
    const names = (tn.names as any[]).map(str);
    let found: ReturnType<typeof typeForCommand>;
    try {
      found = typeForCommand(cx, names, true);
    } catch (e) {
      // DROP … IF EXISTS of a type in a schema that does not exist
      if (n.missing_ok && e instanceof PgError && e.code === '3F000') {
        cx.notice({ severity: 'NOTICE', code: '00000', message: `${e.message}, skipping` });
        continue;
      }
      throw e;
    }
    // a relation's row type is a type too, which goes only with its relation
    const rel = found && 'user' in found ? null : rowTypeOf(cx, names);
    if (rel) {
      if (domain) throw new PgError('42809', `"${rel.name}" is not a domain`);
      throw new PgError('2BP01', `cannot drop type ${rel.name} because ${rel.kind} ${rel.name} requires it`, { hint: `You can drop ${rel.kind} ${rel.name} instead.` });
    }
    if (!found) {
      if (!n.missing_ok) throw new PgError('42704', `type "${names.join('.')}" does not exist`);
      cx.notice({ severity: 'NOTICE', code: '00000', message: `type "${names.join('.')}" does not exist, skipping` });
      continue;
    }
    if (!('user' in found)) {
      if (domain) throw new PgError('42809', `"${names[names.length - 1]}" is not a domain`);
      throw new PgError('2BP01', `cannot drop type ${typeText(found.builtin)} because it is required by the database system`);
    }
    const ut = found.user;
    // DROP TYPE drops a domain too; DROP DOMAIN only a domain
    if (domain && ut.typtype !== 'd') throw new PgError('42809', `"${ut.name}" is not a domain`);
    roots.push({ obj: ut, sub: 0 });
  }
  if (roots.length) dropObjects(cx, roots, n.behavior === 'DROP_CASCADE');
  return tag(command);
}

/** How DROP's messages name a type or one of its parts (getObjectDescription). */
export function describeTypeRef(cx: CommandContext, ut: UserType, sub: number): string {
  const name = typeDisplay(cx, ut);
  if (sub === ARRAY_SUB) return `type ${name}[]`;
  if (sub > 0) return `column ${ut.attributes?.[sub - 1]?.name} of composite type ${name}`;
  return `type ${name}`;
}

/** Removes a type (or drops one attribute of a composite type) as DROP's deletion step. */
export function deleteType(cx: CommandContext, ut: UserType, sub: number): void {
  if (sub > 0) {
    const a = ut.attributes?.[sub - 1];
    if (a) cx.catalog.set(a, 'dropped', true);
    return;
  }
  if (sub === ARRAY_SUB) return;
  cx.catalog.dropComments(CLASS.type, ut.oid, 0);
  for (const c of ut.constraints ?? []) cx.catalog.dropComments(CLASS.constraint, c.oid, 0);
  removeUserType(cx.catalog, ut);
}

/** DROP reports dependents newest first; a column of the array type counts as of the array type's age. */
export function typeDepOrder(referenced: DepRef, dependentOid: number): number {
  // the array type of a table's row type is as old as the table
  if (referenced.sub === ROWARRAY_SUB) return referenced.obj.oid;
  return referenced.obj.kind === 'type' && referenced.sub === ARRAY_SUB ? referenced.obj.arrayOid : dependentOid;
}

/** Brings the dependencies of table columns on user types up to date with the columns. */
export function syncTypeDependencies(cat: Catalog): void {
  const tables = cat.tables();
  // nothing to do unless some column is of a user type or a row type
  if (!allUserTypes(cat).length && !tables.some(t => t.columns.some(c => !c.dropped && (c.typeOid >= ROW_ARRAY_OID_BASE || relationByOid(cat, c.typeOid))))) return;
  for (const t of tables) {
    // a partition key column makes the whole table depend on its type (it cannot lose the column)
    // (columns a key expression uses included)
    const keyCols = new Set(t.columns.filter(c => !c.dropped && inPartitionKey(t, c.name)).map(c => c.attnum));
    const want = new Map<string, { sub: number; ref: DepRef }>();
    const wish = (attnum: number, ref: DepRef) => {
      const sub = keyCols.has(attnum) ? 0 : attnum;
      want.set(`${sub}:${ref.sub}`, { sub, ref });
    };
    for (const c of t.columns) {
      if (c.dropped || c.typeOid < 16384) continue;
      const f = userTypeByOid(cat, c.typeOid);
      if (f) { wish(c.attnum, { obj: f.ut, sub: f.array ? ARRAY_SUB : 0 }); continue; }
      const array = c.typeOid >= ROW_ARRAY_OID_BASE;
      const rel = relationByOid(cat, array ? c.typeOid - ROW_ARRAY_OID_BASE : c.typeOid);
      if (rel && rel !== t) wish(c.attnum, { obj: rel, sub: array ? ROWARRAY_SUB : ROWTYPE_SUB });
    }
    const have = cat.deps.dependenciesOf(t).filter(d => (d.referenced.obj.kind === 'type' || d.referenced.sub === ROWTYPE_SUB || d.referenced.sub === ROWARRAY_SUB)
      && !(d.dependent.sub === 0 && d.referenced.obj === t.ofType));
    for (const d of have) {
      const key = `${d.dependent.sub}:${d.referenced.sub}`;
      const w = want.get(key);
      if (w && w.ref.obj === d.referenced.obj) want.delete(key);
      else cat.deps.remove(d);
    }
    for (const { sub, ref } of want.values()) cat.deps.add(t, sub, ref.obj, ref.sub, 'n');
  }
}

/** The table or view a type name denotes as its row type, if any. */
export function rowTypeOf(cx: CommandContext, names: string[]): Relation | null {
  const r = cx.catalog.findRelation(names.length > 1 ? names[names.length - 2] : null, names[names.length - 1], cx.analyze.searchPath);
  return r && (r.kind === 'table' || r.kind === 'view' || r.kind === 'sequence') ? r : null;
}
