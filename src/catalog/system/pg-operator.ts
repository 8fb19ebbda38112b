// pg_operator (the built-in operators Relata has, and user-defined ones), and the user-defined
// operator families and classes with their members: pg_opfamily, pg_opclass (appended to the
// built-in classes of pg-opclass.ts), pg_amop and pg_amproc.
import type { Catalog } from '../catalog.js';
import { allUserOpclasses, allUserOperators, allUserOpfamilies } from '../operators.js';
import { allOperators } from '../../types/registry.js';
import { sharedOf } from '../shared.js';
import { PG_CATALOG_OID, SUPERUSER_OID } from './types.js';

const AM_OID = { btree: 403, hash: 405 } as const;

const owner = (cat: Catalog, name: string): number => sharedOf(cat).roles.get(name)?.oid ?? SUPERUSER_OID;

export function operatorRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const o of allOperators()) {
    const ret = o.resolveRet ? o.resolveRet(o.left, o.right) : o.ret;
    out.push([o.oid, o.name, PG_CATALOG_OID, SUPERUSER_OID, o.left ? 'b' : 'l', false, false, o.left, o.right, ret, 0, 0, 0, 0, 0]);
  }
  for (const o of allUserOperators(cat)) {
    out.push([o.oid, o.name, o.schema.oid, owner(cat, o.owner), o.left ? 'b' : 'l', o.canMerge, o.canHash, o.left, o.right, o.result,
      o.commutator, o.negator, o.proc?.oid ?? 0, 0, 0]);
  }
  return out;
}

export const opfamilyRows = (cat: Catalog): unknown[][] =>
  allUserOpfamilies(cat).map(f => [f.oid, AM_OID[f.method], f.name, f.schema.oid, owner(cat, f.owner)]);

export const userOpclassRows = (cat: Catalog): unknown[][] =>
  allUserOpclasses(cat).map(c => [c.oid, AM_OID[c.method], c.name, c.schema.oid, owner(cat, c.owner), c.family.oid, c.inputType, c.isDefault, c.keyType]);

export function amopRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const f of allUserOpfamilies(cat)) {
    for (const m of f.operators) out.push([m.oid, f.oid, m.left, m.right, m.strategy, 's', m.op.oid, AM_OID[f.method], 0]);
  }
  return out;
}

export function amprocRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const f of allUserOpfamilies(cat)) for (const p of f.procs) out.push([p.oid, f.oid, p.left, p.right, p.num, p.proc.oid]);
  return out;
}

