// Functions that read the catalog through the session: obj_description, col_description.
import type { Catalog } from '../catalog/catalog.js';
import { CLASS } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';

const catalogOf = (ctx: EvalContext) => (ctx.session as { engine: { catalog: Catalog } }).engine.catalog;

/** The system catalogs whose rows can carry descriptions, by name. */
const CLASS_BY_NAME: Record<string, number> = { pg_class: CLASS.relation, pg_namespace: CLASS.namespace, pg_constraint: CLASS.constraint, pg_type: CLASS.type, pg_trigger: CLASS.trigger, pg_proc: CLASS.proc,
  pg_operator: CLASS.operator, pg_opclass: CLASS.opclass, pg_opfamily: CLASS.opfamily };

let registered = false;
export function registerCatalogFunctions(): void {
  if (registered) return;
  registered = true;
  registerFunction({ name: 'obj_description', args: [OID.oid, OID.name], ret: OID.text, volatility: 's', strict: true, fn: ([oid, cls], ctx) => {
    const classOid = CLASS_BY_NAME[cls as string];
    return classOid === undefined ? null : catalogOf(ctx).comments.get(`${classOid}:${oid}:0`) ?? null;
  } });
  // the one-argument form (deprecated in PostgreSQL) takes the first description of any catalog
  registerFunction({ name: 'obj_description', args: [OID.oid], ret: OID.text, volatility: 's', strict: true, fn: ([oid], ctx) => {
    for (const [key, text] of catalogOf(ctx).comments) {
      const [, objOid, sub] = key.split(':');
      if (Number(objOid) === Number(oid) && sub === '0') return text;
    }
    return null;
  } });
  registerFunction({ name: 'col_description', args: [OID.oid, OID.int4], ret: OID.text, volatility: 's', strict: true, fn: ([oid, attnum], ctx) =>
    catalogOf(ctx).comments.get(`${CLASS.relation}:${oid}:${attnum}`) ?? null });
}
