// pg_depend, generated from the catalog's dependency records (catalog/dependencies.ts):
// what pg_dump and clients read to order objects and find the sequences columns own.
import { OID } from '../../types/oids.js';
import type { Catalog } from '../catalog.js';
import { CLASS, type DepObject } from '../objects.js';
import type { SystemRelationDef } from './relation.js';

const { oid, int4, char } = OID;

/** The system catalog an object lives in (pg_depend.classid), or undefined for kinds it cannot name. */
function classOf(o: DepObject): number | undefined {
  switch (o.kind) {
    case 'schema': return CLASS.namespace;
    case 'constraint': return CLASS.constraint;
    case 'default': return CLASS.attrdef;
    case 'table': case 'index': case 'sequence': case 'view': return CLASS.relation;
    case 'type': return CLASS.type;
    case 'function': return CLASS.proc;
    case 'operator': return CLASS.operator;
    case 'opclass': return CLASS.opclass;
    case 'opfamily': return CLASS.opfamily;
    default: return undefined;
  }
}

const pgDepend: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_depend', oid: 2608, stable: true,
  columns: [
    { name: 'classid', type: oid, notNull: true }, { name: 'objid', type: oid, notNull: true }, { name: 'objsubid', type: int4, notNull: true },
    { name: 'refclassid', type: oid, notNull: true }, { name: 'refobjid', type: oid, notNull: true },
    { name: 'refobjsubid', type: int4, notNull: true }, { name: 'deptype', type: char, notNull: true },
  ],
  rows: (cat: Catalog) => {
    const out: unknown[][] = [];
    for (const d of cat.deps.all()) {
      const c = classOf(d.dependent.obj), rc = classOf(d.referenced.obj);
      if (c === undefined || rc === undefined) continue;
      out.push([c, d.dependent.obj.oid, d.dependent.sub, rc, d.referenced.obj.oid, d.referenced.sub, d.type]);
    }
    return out;
  },
};

export const dependCatalogs = [pgDepend];
