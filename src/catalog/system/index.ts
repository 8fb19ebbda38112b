// The system catalogs (pg_catalog.*) and information_schema views, installed into a
// catalog as read-only relations whose rows are generated from it at scan time.
import type { Catalog } from '../catalog.js';
import { informationSchemaViews } from './information-schema.js';
import { classCatalogs } from './pg-class.js';
import { constraintCatalogs } from './pg-constraint.js';
import { sequenceCatalogs } from './pg-sequence.js';
import { addSystemRelation } from './relation.js';
import { informationSchemaConstraintViews } from './information-schema-constraints.js';
import { pgAttrdef } from './stored-expr.js';

export { isSystemRelation, systemCatalogDenied, systemWriteError } from './relation.js';
export { indexDef } from './pg-constraint.js';
export { installStoredExprPrinter, parseAttrdefNodeTree, PG_NODE_TREE } from './stored-expr.js';

export function installSystemCatalogs(cat: Catalog, database: string): void {
  for (const def of [...classCatalogs, ...constraintCatalogs, ...sequenceCatalogs, ...informationSchemaViews(database),
    pgAttrdef, ...informationSchemaConstraintViews(database)]) {
    addSystemRelation(cat, def);
  }
}
