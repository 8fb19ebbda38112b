// Storage properties of types as pg_type / pg_attribute report them (typlen, typbyval,
// typalign, typstorage, typcollation), derived from the registered types.
import { OID } from '../../types/oids.js';
import { typeByOid } from '../../types/registry.js';
import type { PgType } from '../../types/type.js';

/** The bootstrap superuser's oid (relowner, nspowner, typowner). */
export const SUPERUSER_OID = 10;
export const PG_CATALOG_OID = 11;
export const DEFAULT_COLLATION = 100, C_COLLATION = 950;

const ALIGN: Record<number, string> = { [OID.uuid]: 'c', [OID.interval]: 'd', [OID.name]: 'c', [OID.timetz]: 'd' };

export function typLen(t: PgType | undefined): number {
  return t?.len ?? -1;
}

export function typByVal(t: PgType | undefined): boolean {
  const l = typLen(t);
  return l === 1 || l === 2 || l === 4 || l === 8;
}

export function typAlign(t: PgType | undefined): string {
  if (!t) return 'i';
  if (ALIGN[t.oid]) return ALIGN[t.oid];
  if (t.category === 'A' && t.elem !== undefined) {
    const e = typeByOid(t.elem);
    return e && typAlign(e) === 'd' ? 'd' : 'i';
  }
  switch (t.len) {
    case 1: return 'c';
    case 2: return 's';
    case 8: return 'd';
    default: return 'i';
  }
}

export function typStorage(t: PgType | undefined): string {
  if (!t || t.len > 0) return 'p';
  return t.oid === OID.numeric ? 'm' : 'x';
}

const COLLATABLE = new Set<number>([OID.text, OID.varchar, OID.bpchar]);

export function typCollation(t: PgType | undefined): number {
  if (!t) return 0;
  const base = t.category === 'A' && t.elem !== undefined ? t.elem : t.oid;
  if (COLLATABLE.has(base)) return DEFAULT_COLLATION;
  return base === OID.name ? C_COLLATION : 0;
}

/** pg_type.typtype: 'p' for pseudo-types, 'b' for base types. */
export const typType = (t: PgType): string => (t.category === 'P' ? 'p' : 'b');
