// ALTER … RENAME (tables, indexes, sequences, views, columns, constraints, schemas) and
// ALTER TABLE/SEQUENCE … SET SCHEMA. Stored CHECK expressions refer to columns by name, so a
// column rename rewrites them; serial defaults refer to their sequence by oid and only
// their displayed text follows a sequence's new name.
import { renameTrigger } from './trigger-alter.js';
import { PgError } from '../errors/index.js';
import type { Constraint, Relation, Schema, Sequence, Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { bump, nextvalText } from './constraints.js';
import { deparse } from './deparse.js';
import { renameViewColumn } from './view.js';
import { followColumnRename, followRelationRename } from './view-rename.js';
import { alterTarget } from './alter-table.js';
import { SYSTEM_COLUMNS, inheritors, liveColumn } from './alter-state.js';

const TAGS: Record<string, string> = {
  OBJECT_TABLE: 'ALTER TABLE', OBJECT_INDEX: 'ALTER INDEX', OBJECT_SEQUENCE: 'ALTER SEQUENCE', OBJECT_VIEW: 'ALTER VIEW',
};
const KIND_PLURAL: Record<string, string> = { index: 'indexes', sequence: 'sequences', view: 'views' };

export function rename(cx: CommandContext, n: any): string {
  switch (n.renameType) {
    case 'OBJECT_TABLE': case 'OBJECT_INDEX': case 'OBJECT_SEQUENCE': case 'OBJECT_VIEW': {
      const rel = alterTarget(cx, n.relation, n.renameType, !!n.missing_ok, true);
      if (rel) renameRelation(cx, rel, n.newname);
      return TAGS[n.renameType];
    }
    case 'OBJECT_COLUMN': {
      const tag = TAGS[n.relationType] ?? 'ALTER TABLE';
      const rel = alterTarget(cx, n.relation, n.relationType, !!n.missing_ok, true);
      if (!rel) return tag;
      if (rel.kind === 'view') { renameViewColumn(cx, rel, n.subname, n.newname); return tag; }
      if (rel.kind === 'index') throw new PgError('0A000', `renaming columns of ${KIND_PLURAL[rel.kind]} is not supported`);
      if (rel.kind !== 'table') {
        throw new PgError('42809', `cannot rename columns of relation "${rel.name}"`, { detail: `This operation is not supported for ${KIND_PLURAL[rel.kind]}.` });
      }
      renameColumn(cx, rel, n.subname, n.newname, !!n.relation.inh, 0);
      return tag;
    }
    case 'OBJECT_TABCONSTRAINT': {
      const rel = alterTarget(cx, n.relation, 'OBJECT_TABLE', !!n.missing_ok, true);
      if (!rel) return 'ALTER TABLE';
      if (rel.kind !== 'table') throw new PgError('42704', `constraint "${n.subname}" for table "${rel.name}" does not exist`);
      renameConstraint(cx, rel, n.subname, n.newname, !!n.relation.inh, 0);
      return 'ALTER TABLE';
    }
    case 'OBJECT_SCHEMA': renameSchema(cx, n.subname, n.newname); return 'ALTER SCHEMA';
    case 'OBJECT_TRIGGER': return renameTrigger(cx, n);
  }
  throw new PgError('0A000', `ALTER ${String(n.renameType).replace('OBJECT_', '')} ... RENAME is not supported`);
}

/** RenameRelationInternal: an index that implements a constraint renames the constraint too. */
function renameRelation(cx: CommandContext, rel: Relation, name: string): void {
  if (rel.schema.relations.has(name)) throw new PgError('42P07', `relation "${name}" already exists`);
  const old = rel.name;
  cx.catalog.renameRelation(rel, name);
  if (rel.kind === 'table' || rel.kind === 'view') followRelationRename(cx, rel, old);
  if (rel.kind === 'index') {
    if (rel.constraint) renameConstraintObject(cx, rel.constraint, name);
    bump(cx, rel.table);
  } else if (rel.kind === 'table') {
    // CHECK expressions may qualify columns with the table's name
    rewriteChecks(cx, rel, f => (f.length > 1 && f[f.length - 2] === old ? [...f.slice(0, -2), name, f[f.length - 1]] : null));
    bump(cx, rel);
  } else if (rel.kind === 'sequence') refreshDefaults(cx, [rel]);
}

function renameConstraintObject(cx: CommandContext, con: Constraint, name: string): void {
  if (con.table.constraints.some(c => c.name === name)) {
    throw new PgError('42710', `constraint "${name}" for relation "${con.table.name}" already exists`);
  }
  cx.catalog.set(con, 'name', name);
  bump(cx, con.table);
}

/** For each table inheriting from t, how many of its parents are within the hierarchy (find_all_inheritors' numparents). */
function descendants(t: Table): [Table, number][] {
  const all = inheritors(t);
  return all.slice(1).map(d => [d, d.parents.filter(p => all.includes(p)).length]);
}

/** renameatt_internal: children first, then the table; inherited columns only along with their parents. */
function renameColumn(cx: CommandContext, t: Table, from: string, to: string, recurse: boolean, expectedParents: number): void {
  if (recurse) for (const [d, parents] of descendants(t)) renameColumn(cx, d, from, to, false, parents);
  else if (expectedParents === 0 && t.children.length) {
    throw new PgError('42P16', `inherited column "${from}" must be renamed in child tables too`);
  }
  if (expectedParents === 0 && t.ofType) throw new PgError('42809', 'cannot rename column of typed table');
  if (SYSTEM_COLUMNS.has(from)) throw new PgError('0A000', `cannot rename system column "${from}"`);
  const col = liveColumn(t, from);
  if (!col) throw new PgError('42703', `column "${from}" does not exist`);
  if (col.inhCount > expectedParents) throw new PgError('42P16', `cannot rename inherited column "${from}"`);
  if (SYSTEM_COLUMNS.has(to)) throw new PgError('42701', `column name "${to}" conflicts with a system column name`);
  if (liveColumn(t, to)) throw new PgError('42701', `column "${to}" of relation "${t.name}" already exists`);
  cx.catalog.set(col, 'name', to);
  followColumnRename(cx, t, col.attnum, from, to);
  rewriteChecks(cx, t, f => (f[f.length - 1] === from && (f.length === 1 || f[f.length - 2] === t.name) ? [...f.slice(0, -1), to] : null));
  bump(cx, t);
}

/** Stored CHECK expressions name columns: `rename` gives a column reference's new names (null: unchanged). */
function rewriteChecks(cx: CommandContext, t: Table, rename: (fields: string[]) => string[] | null): void {
  for (const con of t.constraints) {
    if (!con.check) continue;
    const expr = mapColumnRefs(con.check.expr, rename);
    if (expr !== con.check.expr) cx.catalog.set(con, 'check', { expr, text: deparse(expr) });
  }
}

/** schema.table.column references in the table's CHECK expressions follow it to another schema name. */
function requalifyChecks(cx: CommandContext, t: Table, from: string, to: string): void {
  rewriteChecks(cx, t, f => (f.length > 2 && f[f.length - 3] === from && f[f.length - 2] === t.name ? [...f.slice(0, -3), to, ...f.slice(-2)] : null));
}

/** A copy of a raw expression with its column references renamed (the same object when none is). */
function mapColumnRefs(expr: any, rename: (fields: string[]) => string[] | null): any {
  if (!expr || typeof expr !== 'object') return expr;
  if (Array.isArray(expr)) {
    const out = expr.map(x => mapColumnRefs(x, rename));
    return out.some((x, i) => x !== expr[i]) ? out : expr;
  }
  if (expr.ColumnRef) {
    const f = expr.ColumnRef.fields as any[];
    if (!f.every(x => x.String)) return expr;
    const names = rename(f.map(x => x.String.sval as string));
    return names ? { ColumnRef: { ...expr.ColumnRef, fields: names.map(sval => ({ String: { sval } })) } } : expr;
  }
  let changed = false;
  const out: any = {};
  for (const [k, v] of Object.entries(expr)) {
    out[k] = mapColumnRefs(v, rename);
    if (out[k] !== v) changed = true;
  }
  return changed ? out : expr;
}

/** rename_constraint_internal: inheritable CHECK constraints are renamed down the hierarchy too. */
function renameConstraint(cx: CommandContext, t: Table, from: string, to: string, recurse: boolean, expectedParents: number): void {
  const con = t.constraints.find(c => c.name === from);
  if (!con) throw new PgError('42704', `constraint "${from}" for table "${t.name}" does not exist`);
  if (con.type === 'c' && !con.noInherit) {
    if (recurse) for (const [d, parents] of descendants(t)) renameConstraint(cx, d, from, to, false, parents);
    else if (expectedParents === 0 && t.children.length) {
      throw new PgError('42P16', `inherited constraint "${from}" must be renamed in child tables too`);
    }
    if (con.inhCount > expectedParents) throw new PgError('42P16', `cannot rename inherited constraint "${from}"`);
  }
  if (con.index && (con.type === 'p' || con.type === 'u' || con.type === 'x')) renameRelation(cx, con.index, to);
  else renameConstraintObject(cx, con, to);
}

function renameSchema(cx: CommandContext, from: string, to: string): void {
  const s = cx.catalog.schemas.get(from);
  if (!s) throw new PgError('3F000', `schema "${from}" does not exist`);
  if (cx.catalog.schemas.has(to)) throw new PgError('42P06', `schema "${to}" already exists`);
  if (to.startsWith('pg_')) {
    throw new PgError('42939', `unacceptable schema name "${to}"`, { detail: 'The prefix "pg_" is reserved for system schemas.' });
  }
  cx.catalog.renameSchema(s, to);
  for (const r of s.relations.values()) if (r.kind === 'table') requalifyChecks(cx, r, from, to);
  refreshDefaults(cx, [...s.relations.values()].filter((r): r is Sequence => r.kind === 'sequence'));
}

/** ALTER TABLE/SEQUENCE/VIEW … SET SCHEMA: a table takes its indexes and owned sequences along. */
export function setSchema(cx: CommandContext, n: any): string {
  const tag = TAGS[n.objectType];
  if (!tag) throw new PgError('0A000', `ALTER ${String(n.objectType).replace('OBJECT_', '')} ... SET SCHEMA is not supported`);
  const rel = alterTarget(cx, n.relation, n.objectType, !!n.missing_ok, false);
  if (!rel) return tag;
  if (rel.kind === 'sequence' && rel.ownedBy) {
    throw new PgError('0A000', 'cannot move an owned sequence into another schema',
      { detail: `Sequence "${rel.name}" is linked to table "${rel.ownedBy.table.name}".` });
  }
  const to = cx.catalog.schema(n.newschema);
  const from = rel.schema;
  if (to === from) return tag;
  const moving: Relation[] = [rel];
  if (rel.kind === 'table') {
    moving.push(...rel.indexes);
    for (const r of from.relations.values()) if (r.kind === 'sequence' && r.ownedBy?.table === rel) moving.push(r);
  }
  for (const r of moving) {
    if (to.relations.has(r.name)) throw new PgError('42P07', `relation "${r.name}" already exists in schema "${to.name}"`);
    cx.catalog.moveRelation(r, to);
    moveSchemaDependency(cx, r, from, to);
  }
  if (rel.kind === 'table') {
    requalifyChecks(cx, rel, from.name, to.name);
    bump(cx, rel);
  }
  refreshDefaults(cx, moving.filter((r): r is Sequence => r.kind === 'sequence'));
  return tag;
}

function moveSchemaDependency(cx: CommandContext, r: Relation, from: Schema, to: Schema): void {
  const deps = cx.catalog.deps;
  for (const d of deps.dependenciesOf(r).filter(d => d.referenced.obj === from)) {
    deps.remove(d);
    deps.add(r, 0, to, 0, d.type);
  }
}

/** Serial and identity defaults show their sequence's current name. */
function refreshDefaults(cx: CommandContext, seqs: Sequence[]): void {
  if (!seqs.length) return;
  for (const t of cx.catalog.tables()) {
    for (const col of t.columns) {
      const seq = col.default && seqs.find(s => nextvalOid(col.default!.expr) === s.oid);
      if (seq) cx.catalog.set(col, 'default', { expr: col.default!.expr, text: nextvalText(seq) });
    }
  }
}

/** The sequence oid of a default written as nextval(<oid>::regclass) (constraints.ts nextvalCall). */
function nextvalOid(expr: any): number | undefined {
  const f = expr?.FuncCall;
  if (!f || f.funcname?.[f.funcname.length - 1]?.String?.sval !== 'nextval') return undefined;
  return f.args?.[0]?.TypeCast?.arg?.A_Const?.ival?.ival;
}
