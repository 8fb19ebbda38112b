// A view with an INSTEAD OF trigger for the statement's event is written through the trigger
// (PostgreSQL's rewriter leaves such a view alone): the view reads as a subquery (entry 0,
// the OLD row of UPDATE and DELETE), and the statement targets a stand-in table with the
// view's columns and defaults, marked insteadOf, that the executor hands to the trigger.
import type { Column, Table, View } from '../catalog/objects.js';

const INSTEAD = 64;
const EVENT = { insert: 4, delete: 8, update: 16 } as const;

export function hasInsteadTrigger(view: View, verb: 'insert' | 'update' | 'delete'): boolean {
  return !!view.triggers?.some(t => (t.type & INSTEAD) !== 0 && (t.type & EVENT[verb]) !== 0 && t.enabled !== 'D' && t.enabled !== 'R');
}

const standIns = new WeakMap<View, { key: unknown; table: Table & { insteadOf: View } }>();

/** The view as a write target (one object per view definition, so compiled defaults are reused). */
export function insteadTarget(view: View): Table & { insteadOf: View } {
  const hit = standIns.get(view);
  if (hit && hit.key === view.columns && hit.table.triggers === view.triggers) return hit.table;
  const columns: Column[] = view.columns.map((c, i) => ({
    name: c.name, attnum: i + 1, typeOid: c.typeOid, typmod: c.typmod, notNull: false, default: view.defaults?.[i] ?? null, identity: '',
    inhCount: 0, isLocal: true, dropped: false, missing: null,
  }));
  const table = {
    kind: 'table', relkind: 'r', oid: view.oid, name: view.name, schema: view.schema, owner: view.owner, columns,
    heap: null as unknown as Table['heap'], indexes: [], constraints: [], parents: [], children: [], referencedBy: [], version: 0,
    triggers: view.triggers, insteadOf: view,
  } as Table & { insteadOf: View };
  standIns.set(view, { key: view.columns, table });
  return table;
}
