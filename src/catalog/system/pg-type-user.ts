// The rows user-defined types add to pg_type (each type and its array type), pg_enum
// (enum labels) and pg_constraint (domains' CHECK constraints).
import { aclColumn } from '../acl.js';
import { typeByOid } from '../../types/registry.js';
import type { Catalog } from '../catalog.js';
import type { DomainConstraint, UserType } from '../objects.js';
import { sharedOf } from '../shared.js';
import { allUserTypes, userTypeByOid } from '../user-types.js';
import { SUPERUSER_OID, typAlign, typByVal, typCollation, typLen, typStorage } from './types.js';

const ownerOid = (cat: Catalog, role: string): number => sharedOf(cat).roles.get(role)?.oid ?? SUPERUSER_OID;

/** typlen, typbyval, typalign, typstorage of the type itself. */
function storage(ut: UserType): [number, boolean, string, string] {
  if (ut.typtype === 'e') return [4, true, 'i', 'p'];
  if (ut.typtype === 'c') return [-1, false, 'd', 'x'];
  const b = typeByOid(ut.base!.typeOid);
  return [typLen(b), typByVal(b), typAlign(b), typStorage(b)];
}

/** pg_type rows of every user type, in the column order of pg-class.ts's pg_type. */
export function userTypeRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const ut of allUserTypes(cat)) {
    const [len, byval, align, store] = storage(ut);
    const owner = ownerOid(cat, ut.owner);
    const base = ut.typtype === 'd' ? typeByOid(ut.base!.typeOid) : undefined;
    const category = ut.typtype === 'e' ? 'E' : ut.typtype === 'c' ? 'C' : base?.category ?? 'U';
    const collation = ut.typtype === 'd' ? typCollation(base) : 0;
    const ndims = base?.category === 'A' ? 1 : 0;
    out.push([
      ut.oid, ut.name, ut.schema.oid, owner, len, byval, ut.typtype, category, false, true, ',',
      ut.relOid ?? 0, 0, 0, ut.arrayOid, 0, 0, 0, 0, 0, 0, 0, align, store,
      !!ut.notNull, ut.typtype === 'd' ? ut.base!.typeOid : 0, ut.typtype === 'd' ? ut.base!.typmod : -1, ndims, collation,
      null, ut.typtype === 'd' && ut.default ? ut.default.text : null, aclColumn(sharedOf(cat), ut.acl),
    ]);
    out.push([
      ut.arrayOid, ut.arrayName, ut.schema.oid, owner, -1, false, 'b', 'A', false, true, ',',
      0, 0, ut.oid, 0, 0, 0, 0, 0, 0, 0, 0, align === 'd' ? 'd' : 'i', 'x',
      false, 0, -1, 0, collation, null, null, aclColumn(sharedOf(cat), ut.acl),
    ]);
  }
  return out;
}

/** pg_enum: oid, enumtypid, enumsortorder, enumlabel. */
export function enumRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const ut of allUserTypes(cat)) {
    if (ut.typtype !== 'e') continue;
    for (const l of ut.labels ?? []) out.push([l.oid, ut.oid, l.sortOrder, l.label]);
  }
  return out;
}

/** pg_constraint rows of domains' CHECK constraints (contypid set, conrelid 0), in pg-constraint.ts's column order. */
export function domainConstraintRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const ut of allUserTypes(cat)) {
    if (ut.typtype !== 'd') continue;
    for (const c of ut.constraints ?? []) {
      out.push([c.oid, c.name, ut.schema.oid, 'c', false, false, c.validated, 0, ut.oid, 0, 0, 0, ' ', ' ', ' ', true, 0, false,
        null, null, null, `{CHECK :conoid ${c.oid}}`]);
    }
  }
  return out;
}

/** A domain's CHECK constraint by its oid, with its domain. */
export function domainConstraintByOid(cat: Catalog, oid: number): { domain: UserType; constraint: DomainConstraint } | undefined {
  for (const ut of allUserTypes(cat)) {
    const c = ut.constraints?.find(x => x.oid === oid);
    if (c) return { domain: ut, constraint: c };
  }
  return undefined;
}

/** pg_class rows of composite types (relkind 'c'), in pg-class.ts's column order. */
export function compositeClassRows(cat: Catalog): unknown[][] {
  return allUserTypes(cat).filter(ut => ut.typtype === 'c').map(ut => [
    ut.relOid ?? 0, ut.name, ut.schema.oid, ut.oid, 0, ownerOid(cat, ut.owner), 0, 0, 0, 0, -1, 0, 0, false, false, 'p', 'c',
    (ut.attributes ?? []).length, 0, false, false, false, false, false, true, 'n', false, 0, 0, 0, null, null, null,
  ]);
}

/** pg_attribute rows of composite types' attributes, in pg-class.ts's column order. */
export function compositeAttributeRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const ut of allUserTypes(cat)) {
    if (ut.typtype !== 'c') continue;
    (ut.attributes ?? []).forEach((a, i) => {
      const t = a.dropped ? undefined : typeByOid(a.typeOid);
      out.push([
        ut.relOid ?? 0, a.dropped ? `........pg.dropped.${i + 1}........` : a.name, a.dropped ? 0 : a.typeOid, -1, typLen(t), i + 1,
        t?.category === 'A' ? 1 : 0, -1, a.typmod, typByVal(t), typAlign(t), typStorage(t), '', false, false, false, '', '', a.dropped,
        true, 0, typCollation(t),
      ]);
    });
  }
  return out;
}

/**
 * What information_schema.columns says of a column of a user-defined type (null for a built-in
 * one): a domain is described by its base type (_pg_truetypid) and named in domain_*; enums and
 * composite types are USER-DEFINED, their arrays ARRAY; udt_* name the type itself.
 */
export function userColumnType(cat: Catalog, typeOid: number, typmod: number):
  { type: number; typmod: number; dataType: string | null; domain: UserType | null; udtSchema: string; udtName: string } | null {
  const f = userTypeByOid(cat, typeOid);
  if (!f) return null;
  if (f.ut.typtype === 'd' && !f.array) {
    const base = f.ut.base!;
    const b = userTypeByOid(cat, base.typeOid);
    const bt = typeByOid(base.typeOid);
    const dataType = bt?.category === 'A' ? 'ARRAY' : b ? 'USER-DEFINED' : null;
    return { type: base.typeOid, typmod: base.typmod, dataType, domain: f.ut, udtSchema: b ? b.ut.schema.name : 'pg_catalog',
      udtName: b ? (b.array ? b.ut.arrayName : b.ut.name) : bt?.name ?? '' };
  }
  return { type: typeOid, typmod, dataType: f.array ? 'ARRAY' : 'USER-DEFINED', domain: null, udtSchema: f.ut.schema.name,
    udtName: f.array ? f.ut.arrayName : f.ut.name };
}
