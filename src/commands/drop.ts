// DROP with dependency tracking: normal dependents need CASCADE (RESTRICT fails with
// PostgreSQL's DETAIL and HINT); CASCADE removes them with its NOTICE.
import { PgError } from '../errors/index.js';
import { CLASS, type DepObject, type Relation, type Table } from '../catalog/objects.js';
import type { DepRef } from '../catalog/dependencies.js';
import type { CommandContext } from './context.js';
import { removeTrigger } from '../triggers/catalog.js';
import { deleteFunction, describeFunction } from './function-drop.js';
import { deleteType, describeTypeRef, ROWARRAY_SUB, ROWTYPE_SUB, syncTypeDependencies, typeDepOrder } from './type-drop.js';
import { deleteOperatorObject, describeOperatorDep } from './operator-commands.js';
import { forgetLooseMembers } from './opclass.js';

interface Target { ref: DepRef; normal: boolean; from: DepRef | null }

export function describe(cx: CommandContext, ref: DepRef): string {
  const o = ref.obj;
  const q = (r: Relation | Table) => (cx.analyze.searchPath.includes(r.schema.name) && cx.catalog.findRelation(null, r.name, cx.analyze.searchPath) === r ? r.name : `${r.schema.name}.${r.name}`);
  switch (o.kind) {
    case 'schema': return `schema ${o.name}`;
    case 'table': return ref.sub === ROWTYPE_SUB ? `type ${q(o)}` : ref.sub === ROWARRAY_SUB ? `type ${q(o)}[]` : ref.sub ? `column ${o.columns[ref.sub - 1].name} of table ${q(o)}` : `table ${q(o)}`;
    case 'index': return `index ${q(o)}`;
    case 'sequence': return `sequence ${q(o)}`;
    case 'view': return `view ${q(o)}`;
    case 'constraint': return `constraint ${o.name} on table ${q(o.table)}`;
    case 'default': return `default value for column ${o.table.columns[o.attnum - 1].name} of table ${q(o.table)}`;
    case 'type': return describeTypeRef(cx, o, ref.sub);
    case 'function': return describeFunction(o, cx.analyze.searchPath);
    case 'trigger': return `trigger ${o.name} on ${o.table.kind} ${q(o.table)}`;
    case 'operator': case 'opclass': case 'opfamily': return describeOperatorDep(cx, o);
  }
}

/** Drops objects and what depends on them, as PostgreSQL's performDeletion. */
export function dropObjects(cx: CommandContext, roots: DepRef[], cascade: boolean): void {
  syncTypeDependencies(cx.catalog);
  const order: Target[] = [];
  const seen = new Map<DepObject, Set<number>>();
  const isSeen = (r: DepRef) => { const s = seen.get(r.obj); return !!s && (s.has(0) || s.has(r.sub)); };
  const mark = (r: DepRef) => { let s = seen.get(r.obj); if (!s) seen.set(r.obj, s = new Set()); s.add(r.sub); };
  const visit = (ref: DepRef, normal: boolean, from: DepRef | null) => {
    if (isSeen(ref)) return;
    mark(ref);
    const deps = [...cx.catalog.deps.dependentsOf(ref.obj, ref.sub)]
      .sort((a, b) => typeDepOrder(b.referenced, oidOf(b.dependent.obj)) - typeDepOrder(a.referenced, oidOf(a.dependent.obj)));
    for (const d of deps) {
      if (d.dependent.obj === ref.obj) continue;
      // a partition's clone of an object cannot go alone: the object it was cloned from goes (with every clone);
      // what depends on a type's array type (or a table's row type) is reported as depending on it
      visit(d.type === 'n' ? owner(cx, d.dependent) : d.dependent, d.type === 'n', d.referenced.obj.kind === 'type' || d.referenced.sub < 0 ? d.referenced : ref);
    }
    // objects inside a schema or owned sequences found through the relation maps
    if (ref.obj.kind === 'schema') {
      const rels = [...ref.obj.relations.values()].sort((a, b) => b.oid - a.oid);
      for (const r of rels) if (r.kind === 'table' || r.kind === 'view' || (r.kind === 'sequence' && !r.ownedBy)) visit({ obj: r, sub: 0 }, true, ref);
    }
    order.push({ ref, normal, from });
  };
  for (const r of roots) {
    // nor can a partition's index attached to its parent's
    if (r.obj.kind === 'index' && r.obj.parent && !roots.some(x => x.obj === (r.obj as { parent?: unknown }).parent)) {
      const p = r.obj.parent;
      throw new PgError('2BP01', `cannot drop index ${r.obj.name} because index ${p.name} requires it`, { hint: `You can drop index ${p.name} instead.` });
    }
    // an index that implements a constraint cannot be dropped by itself
    if (r.obj.kind === 'index' && r.obj.constraint) {
      const c = r.obj.constraint;
      throw new PgError('2BP01', `cannot drop index ${r.obj.name} because constraint ${c.name} on table ${c.table.name} requires it`,
        { hint: `You can drop constraint ${c.name} on table ${c.table.name} instead.` });
    }
    // nor can an identity column's sequence
    const seq = r.obj.kind === 'sequence' ? r.obj : null;
    if (seq?.identity && seq.ownedBy && !roots.some(x => x.obj === seq.ownedBy!.table)) {
      const { table, attnum } = seq.ownedBy;
      const col = table.columns[attnum - 1].name;
      throw new PgError('2BP01', `cannot drop sequence ${seq.name} because column ${col} of table ${table.name} requires it`,
        { hint: `You can drop column ${col} of table ${table.name} instead.` });
    }
    visit(r, false, null);
  }
  // PostgreSQL reports only what goes because of a normal dependency: an object that is also
  // an auto or internal part of something being dropped (a foreign key of a table in the
  // list) goes with it silently
  const whole = new Set(order.filter(t => t.ref.sub === 0).map(t => t.ref.obj));
  const partOfDropped = (t: Target) => cx.catalog.deps.dependenciesOf(t.ref.obj)
    .some(d => d.type !== 'n' && d.referenced.obj !== t.from?.obj && whole.has(d.referenced.obj));
  const reported = order.slice().reverse().filter(t => t.normal && !roots.some(r => r.obj === t.ref.obj) && !partOfDropped(t));
  if (reported.length && !cascade) {
    // one object is named; several are "desired object(s)" (reportDependentObjects)
    const message = roots.length === 1 ? `cannot drop ${describe(cx, roots[0])} because other objects depend on it`
      : 'cannot drop desired object(s) because other objects depend on them';
    throw new PgError('2BP01', message, {
      detail: reported.map(t => `${describe(cx, t.ref)} depends on ${describe(cx, t.from!)}`).join('\n'),
      hint: 'Use DROP ... CASCADE to drop the dependent objects too.' });
  }
  if (reported.length === 1) cx.notice({ severity: 'NOTICE', code: '00000', message: `drop cascades to ${describe(cx, reported[0].ref)}` });
  else if (reported.length > 1) {
    cx.notice({ severity: 'NOTICE', code: '00000', message: `drop cascades to ${reported.length} other objects`,
      detail: reported.map(t => `drop cascades to ${describe(cx, t.ref)}`).join('\n') });
  }
  for (const t of order) deleteObject(cx, t.ref);
}

/** A partition's clone of an object is reported as the object it was cloned from (dependency 'P'). */
function owner(cx: CommandContext, ref: DepRef): DepRef {
  for (;;) {
    const up = cx.catalog.deps.dependenciesOf(ref.obj).find(d => d.type === 'P');
    if (!up) return ref;
    ref = up.referenced;
  }
}

function oidOf(o: DepObject): number {
  return (o as any).oid ?? 0;
}

function deleteObject(cx: CommandContext, ref: DepRef): void {
  const cat = cx.catalog;
  const o = ref.obj;
  cat.deps.removeFor(o, ref.sub);
  if (o.kind === 'type') { deleteType(cx, o, ref.sub); return; }
  if (o.kind === 'function') { deleteFunction(cx, o); forgetLooseMembers(cat, o); return; }
  if (o.kind === 'operator' || o.kind === 'opclass' || o.kind === 'opfamily') { deleteOperatorObject(cx, o); return; }
  if (o.kind === 'trigger') { cat.dropComments(CLASS.trigger, o.oid, 0); removeTrigger(cat, o); return; }
  const classOid = o.kind === 'schema' ? CLASS.namespace : o.kind === 'constraint' ? CLASS.constraint : o.kind === 'default' ? 0 : CLASS.relation;
  if (classOid) cat.dropComments(classOid, o.oid, ref.sub);
  switch (o.kind) {
    case 'schema': cat.removeSchema(o); return;
    case 'table':
      if (ref.sub) { cat.set(o.columns[ref.sub - 1], 'dropped', true); cat.set(o, 'version', o.version + 1); o.cache = undefined; return; }
      cat.removeRelation(o);
      for (const p of o.parents) cat.remove(p.children, o);
      return;
    case 'index':
      cat.removeRelation(o);
      cat.remove(o.table.indexes, o);
      cat.set(o.table, 'version', o.table.version + 1);
      o.table.cache = undefined;
      return;
    case 'sequence': case 'view': cat.removeRelation(o); return;
    case 'constraint':
      cat.remove(o.table.constraints, o);
      if (o.fk) cat.remove(o.fk.refTable.referencedBy, o);
      cat.set(o.table, 'version', o.table.version + 1);
      o.table.cache = undefined;
      return;
    case 'default': {
      const col = o.table.columns[o.attnum - 1];
      if (col.default) cat.set(col, 'default', null);
      cat.set(o.table, 'version', o.table.version + 1);
      o.table.cache = undefined;
      return;
    }
  }
}
