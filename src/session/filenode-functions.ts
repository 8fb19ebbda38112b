// pg_relation_filenode / pg_filenode_relation: a relation's storage file number (here the
// relation's oid, as pg_class.relfilenode shows it) and back; relations without storage
// have none, and temporary relations are not found by filenode (as in PostgreSQL).
import type { Catalog } from '../catalog/catalog.js';
import type { Relation } from '../catalog/objects.js';
import { relationByOid } from '../catalog/oid-index.js';
import { isSystemRelation } from '../catalog/system/index.js';
import { relkindOf } from '../catalog/system/pg-class.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';

const catalogOf = (ctx: EvalContext) => (ctx.session as { readonly engine: { catalog: Catalog } }).engine.catalog;

/** Relations with a storage file: tables, indexes, sequences (not views or partitioned ones). */
const hasStorage = (r: Relation) => ['r', 'i', 'S', 't', 'm'].includes(relkindOf(r)) && !isSystemRelation(r);

let registered = false;
export function registerFilenodeFunctions(): void {
  if (registered) return;
  registered = true;
  registerFunction({
    name: 'pg_relation_filenode', args: [OID.regclass], ret: OID.oid, volatility: 's',
    fn: ([oid], ctx) => { const r = relationByOid(catalogOf(ctx), oid as number); return r && hasStorage(r) ? r.oid : null; },
  });
  registerFunction({
    name: 'pg_filenode_relation', args: [OID.oid, OID.oid], ret: OID.regclass, volatility: 's',
    fn: ([, node], ctx) => {
      const r = node ? relationByOid(catalogOf(ctx), node as number) : undefined;
      return r && hasStorage(r) && !r.schema.name.startsWith('pg_temp_') ? r.oid : null;
    },
  });
}
