// pg_proc rows of user-defined functions and procedures (Schema.functions).
import { aclColumn } from '../acl.js';
import type { Catalog } from '../catalog.js';
import type { UserFunction } from '../objects.js';
import { sharedOf } from '../shared.js';
import { SUPERUSER_OID } from './types.js';
import { typeByOid } from '../../types/registry.js';

/** pg_language oids. */
export const LANGUAGE_OIDS: Record<string, number> = { internal: 12, c: 13, sql: 14, plpgsql: 13563 };

export function userProcRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const s of cat.schemas.values()) {
    if (!s.functions) continue;
    for (const list of s.functions.values()) for (const f of list) out.push(procRow(cat, f));
  }
  return out;
}

function procRow(cat: Catalog, f: UserFunction): unknown[] {
  const ins = f.params.filter(p => p.mode === 'i' || p.mode === 'b' || p.mode === 'v');
  const plain = f.params.every(p => p.mode === 'i');
  const named = f.params.some(p => p.name);
  const variadic = f.params.find(p => p.mode === 'v');
  return [
    f.oid, f.name, f.schema.oid, sharedOf(cat).roles.get(f.owner)?.oid ?? SUPERUSER_OID, LANGUAGE_OIDS[f.language] ?? 14, f.cost, f.rows,
    variadic ? typeByOid(variadic.type)?.elem ?? 0 : 0, 0, f.prokind, f.securityDefiner, f.leakproof, f.strict, f.retSet, f.volatility, f.parallel,
    ins.length, f.defaults.length, f.retType, ins.map(p => p.type),
    plain ? null : f.params.map(p => p.type), plain ? null : f.params.map(p => p.mode), named ? f.params.map(p => p.name) : null,
    f.defaults.length ? '({CONST})' : null, null, f.sqlBody ? '' : f.src, null, f.sqlBody ? '({QUERY})' : null, f.config ? [...f.config] : null,
    aclColumn(sharedOf(cat), f.acl),
  ];
}
