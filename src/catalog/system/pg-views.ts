// pg_views and information_schema.views. A view's definition is its query printed back
// (ruleutils, a higher layer), so the session installs a printer per catalog, as for
// stored expressions.
import { OID } from '../../types/oids.js';
import type { Catalog } from '../catalog.js';
import type { View } from '../objects.js';
import type { SystemRelationDef } from './relation.js';

export interface ViewPrinter {
  /** pg_get_viewdef(view): the query as PostgreSQL prints it, with its semicolon. */
  definition(v: View): string | null;
  /** Is the view automatically updatable? */
  updatable(v: View): boolean;
}

const printers = new WeakMap<Catalog, ViewPrinter>();

export function installViewPrinter(cat: Catalog, p: ViewPrinter): void {
  printers.set(cat, p);
}

function views(cat: Catalog): View[] {
  const out: View[] = [];
  for (const s of cat.schemas.values()) for (const r of s.relations.values()) if (r.kind === 'view') out.push(r);
  return out;
}

const definition = (cat: Catalog, v: View): string | null => printers.get(cat)?.definition(v) ?? null;

/** Can INSERT / UPDATE / DELETE go through the view (information_schema's is_insertable_into, is_updatable)? */
export const viewIsUpdatable = (cat: Catalog, v: View): boolean => printers.get(cat)?.updatable(v) ?? false;

const { name, text, varchar } = OID;

export function viewCatalogs(database: string): SystemRelationDef[] {
  const pgViews: SystemRelationDef = {
    schema: 'pg_catalog', name: 'pg_views', oid: 12028, view: true,
    columns: [{ name: 'schemaname', type: name }, { name: 'viewname', type: name }, { name: 'viewowner', type: name }, { name: 'definition', type: text }],
    rows: cat => views(cat).map(v => [v.schema.name, v.name, v.owner, definition(cat, v)]),
  };
  const yesNo = (b: boolean) => (b ? 'YES' : 'NO');
  const isViews: SystemRelationDef = {
    schema: 'information_schema', name: 'views', oid: 13483, view: true,
    columns: ['table_catalog', 'table_schema', 'table_name'].map(n => ({ name: n, type: name as number }))
      .concat(['view_definition', 'check_option', 'is_updatable', 'is_insertable_into', 'is_trigger_updatable',
        'is_trigger_deletable', 'is_trigger_insertable_into'].map(n => ({ name: n, type: varchar as number }))),
    rows: cat => views(cat).map(v => {
      const up = viewIsUpdatable(cat, v);
      return [database, v.schema.name, v.name, definition(cat, v), (v.checkOption ?? 'none').toUpperCase(), yesNo(up), yesNo(up), 'NO', 'NO', 'NO'];
    }),
  };
  return [pgViews, isViews];
}
