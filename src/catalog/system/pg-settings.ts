// The pg_settings view: the configuration parameters of the session whose statement is
// running. Sessions share the catalog, so each one names itself as the source before a
// statement runs (statements run one at a time).
import { OID } from '../../types/oids.js';
import type { Catalog } from '../catalog.js';
import type { SystemRelationDef } from './relation.js';

const sources = new WeakMap<Catalog, () => unknown[][]>();

/** The rows pg_settings shows for statements run from now on. */
export function setSettingsSource(cat: Catalog, rows: () => unknown[][]): void {
  sources.set(cat, rows);
}

const { text, _text, int4, bool } = OID;

export const pgSettings: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_settings', oid: 12104, view: true,
  columns: [
    { name: 'name', type: text }, { name: 'setting', type: text }, { name: 'unit', type: text }, { name: 'category', type: text },
    { name: 'short_desc', type: text }, { name: 'extra_desc', type: text }, { name: 'context', type: text }, { name: 'vartype', type: text },
    { name: 'source', type: text }, { name: 'min_val', type: text }, { name: 'max_val', type: text }, { name: 'enumvals', type: _text },
    { name: 'boot_val', type: text }, { name: 'reset_val', type: text }, { name: 'sourcefile', type: text }, { name: 'sourceline', type: int4 },
    { name: 'pending_restart', type: bool },
  ],
  rows: cat => sources.get(cat)?.() ?? [],
};
