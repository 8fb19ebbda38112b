// COMMENT ON: descriptions of tables, columns, schemas, sequences, indexes, views and
// constraints, kept in the catalog as pg_description keeps them (classoid, objoid, objsubid).
import { PgError } from '../errors/index.js';
import { CLASS, type Relation, type UserType } from '../catalog/objects.js';
import { ownsObject } from '../privileges/check.js';
import { findCompositeEntry } from '../catalog/oid-index.js';
import type { CommandContext } from './context.js';
import { triggerForComment } from './trigger-alter.js';
import { checkRelationOwner, checkSchemaOwner } from '../privileges/commands.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

const RELATION_KINDS: Record<string, [Relation['kind'], string]> = {
  OBJECT_TABLE: ['table', 'a table'], OBJECT_SEQUENCE: ['sequence', 'a sequence'],
  OBJECT_INDEX: ['index', 'an index'], OBJECT_VIEW: ['view', 'a view'],
};

/** COMMENT ON …: sets (or with NULL or '' removes) the description. */
export function comment(cx: CommandContext, n: any): void {
  const text = n.comment ? n.comment : null;
  const set = (classOid: number, oid: number, sub: number) => cx.catalog.setComment(`${classOid}:${oid}:${sub}`, text);
  const rk = RELATION_KINDS[n.objtype];
  if (rk) {
    const rel = relation(cx, n.object.List.items);
    if (rel.kind !== rk[0]) throw new PgError('42809', `"${rel.name}" is not ${rk[1]}`);
    checkRelationOwner(cx.catalog, cx.user, rel);
    return set(CLASS.relation, rel.oid, 0);
  }
  switch (n.objtype) {
    case 'OBJECT_COLUMN': {
      const items = n.object.List.items as any[];
      const name = str(items[items.length - 1]);
      const ct = compositeType(cx, items.slice(0, -1));
      if (ct) return set(CLASS.relation, ct.relOid!, compositeAttnum(cx, ct, name));
      const rel = relation(cx, items.slice(0, -1));
      // tables and views have columns to comment on (CheckAttributeType's relkind check)
      if (rel.kind !== 'table' && rel.kind !== 'view') {
        throw new PgError('42809', `cannot set comment on relation "${rel.name}"`,
          { detail: `This operation is not supported for ${rel.kind === 'index' ? 'indexes' : 'sequences'}.` });
      }
      const cols: { name: string; dropped?: boolean; attnum?: number }[] = rel.columns;
      const i = cols.findIndex(c => !c.dropped && c.name === name);
      if (i < 0) throw new PgError('42703', `column "${name}" of relation "${rel.name}" does not exist`);
      checkRelationOwner(cx.catalog, cx.user, rel, 'relation');
      return set(CLASS.relation, rel.oid, cols[i].attnum ?? i + 1);
    }
    case 'OBJECT_SCHEMA': {
      const name = str(n.object);
      const schema = cx.catalog.schemas.get(name);
      if (!schema) throw new PgError('3F000', `schema "${name}" does not exist`);
      checkSchemaOwner(cx.catalog, cx.user, schema);
      return set(CLASS.namespace, schema.oid, 0);
    }
    case 'OBJECT_TRIGGER': return set(CLASS.trigger, triggerForComment(cx, n.object.List.items).oid, 0);
    case 'OBJECT_TABCONSTRAINT': {
      const items = n.object.List.items as any[];
      const name = str(items[items.length - 1]);
      const rel = relation(cx, items.slice(0, -1));
      const con = rel.kind === 'table' ? rel.constraints.find(c => c.name === name) : undefined;
      if (!con) throw new PgError('42704', `constraint "${name}" for table "${rel.name}" does not exist`);
      checkRelationOwner(cx.catalog, cx.user, rel, 'relation');
      return set(CLASS.constraint, con.oid, 0);
    }
  }
  throw new PgError('0A000', `COMMENT ON ${String(n.objtype).replace('OBJECT_', '')} is not supported`);
}

/** A composite type named where a relation is expected: its pg_class entry takes comments on its attributes. */
function compositeType(cx: CommandContext, names: any[]): UserType | undefined {
  const parts = names.map(str);
  return findCompositeEntry(cx.catalog, parts.length > 1 ? parts[parts.length - 2] : null, parts[parts.length - 1], cx.analyze.searchPath);
}

function compositeAttnum(cx: CommandContext, t: UserType, name: string): number {
  const i = (t.attributes ?? []).findIndex(a => !a.dropped && a.name === name);
  if (i < 0) throw new PgError('42703', `column "${name}" of relation "${t.name}" does not exist`);
  if (!ownsObject(cx.catalog, cx.user, t.owner)) throw new PgError('42501', `must be owner of relation ${t.name}`);
  return i + 1;
}

function relation(cx: CommandContext, names: any[]): Relation {
  const parts = names.map(str);
  const rel = cx.catalog.findRelation(parts.length > 1 ? parts[parts.length - 2] : null, parts[parts.length - 1], cx.analyze.searchPath);
  if (!rel) throw new PgError('42P01', `relation "${parts.join('.')}" does not exist`);
  return rel;
}
