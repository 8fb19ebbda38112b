// The system catalogs (pg_catalog.*) and information_schema views, installed into a
// catalog as read-only relations whose rows are generated from it at scan time.
import type { Catalog } from '../catalog.js';
import { informationSchemaViews } from './information-schema.js';
import { classCatalogs } from './pg-class.js';
import { constraintCatalogs } from './pg-constraint.js';
import { dependCatalogs } from './pg-depend.js';
import { sequenceCatalogs } from './pg-sequence.js';
import { addSystemRelation } from './relation.js';
import { pgSettings } from './pg-settings.js';
import { informationSchemaConstraintViews } from './information-schema-constraints.js';
import { informationSchemaPrivilegeViews } from './information-schema-privileges.js';
import { pgAttrdef } from './stored-expr.js';
import { viewCatalogs } from './pg-views.js';
import { sharedCatalogs } from './pg-shared.js';
import { miscCatalogs } from './pg-misc.js';
import { attachShared, SharedCatalog } from '../shared.js';
import { setCatalogDatabase } from '../acl.js';

export { isSystemRelation, systemCatalogDenied, systemWriteError } from './relation.js';
export { indexDef, indexColumnDef } from './pg-constraint.js';
export { setSettingsSource } from './pg-settings.js';
export { installStoredExprPrinter, parseAttrdefNodeTree, parseConstraintNodeTree, PG_NODE_TREE } from './stored-expr.js';
export { installViewPrinter } from './pg-views.js';

export function installSystemCatalogs(cat: Catalog, database: string): void {
  setCatalogDatabase(cat, database);
  for (const def of [...classCatalogs, ...constraintCatalogs, ...sequenceCatalogs, ...informationSchemaViews(database),
    pgAttrdef, ...informationSchemaConstraintViews(database), ...dependCatalogs, pgSettings, ...viewCatalogs(database),
    ...informationSchemaPrivilegeViews(database)]) {
    addSystemRelation(cat, def);
  }
  // roles and databases: the engine's own until a server's cluster attaches its shared catalog
  attachShared(cat, SharedCatalog.standalone(database));
  for (const def of [...sharedCatalogs, ...miscCatalogs()]) if (!cat.schema('pg_catalog').relations.has(def.name)) addSystemRelation(cat, def);
}
