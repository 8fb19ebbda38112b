// CheckAttributeType's containment rule: a composite type may not contain itself, directly,
// through an array or a domain over one, or through another composite type's attribute.
import { PgError } from '../errors/index.js';
import { typeByOid } from './registry.js';

/** Throws 42P16 when `type` is or contains the composite type `self` (named `selfName`). */
export function checkNotMemberOfItself(type: number, self: number, selfName: string): void {
  const seen = new Set<number>();
  const walk = (oid: number): void => {
    if (oid === self) throw new PgError('42P16', `composite type ${selfName} cannot be made a member of itself`);
    if (seen.has(oid)) return;
    seen.add(oid);
    const t = typeByOid(oid);
    if (!t) return;
    if (t.domain) walk(t.domain.base);
    else if (t.category === 'A' && t.elem !== undefined) walk(t.elem);
    else if (t.fields) for (const f of t.fields()) if (f) walk(f.type);
  };
  walk(type);
}
