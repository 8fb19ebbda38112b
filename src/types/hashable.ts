// Whether a type has a default hash operator class (typcache's TYPECACHE_HASH_PROC): hashed
// grouping, DISTINCT and recursive UNION need one. money and the geometric types have none;
// an array or a named composite type is hashable when its elements or fields are.
import { typeByOid } from './registry.js';
import { OID } from './oids.js';

export function typeHashable(oid: number, depth = 0): boolean {
  const t = typeByOid(oid);
  if (!t || depth > 32) return true;
  if (t.noHash || t.noBtree) return false;
  if (t.domain) return typeHashable(t.domain.base, depth + 1);
  if (t.category === 'A' && t.elem !== undefined) return typeHashable(t.elem, depth + 1);
  // an anonymous record is reported hashable (its fields are checked only when hashing)
  if (t.fields && oid !== OID.record) return t.fields().every(f => !f || typeHashable(f.type, depth + 1));
  return true;
}
