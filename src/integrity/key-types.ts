// Foreign keys whose columns differ in type from the key they reference (an integer column
// referencing a numeric key, as PostgreSQL allows when the type casts implicitly): values are
// carried over to the other side's type before they are looked up or compared.
import type { Constraint } from '../catalog/objects.js';
import { findCast, typeByOid, type EvalContext } from '../types/registry.js';
import { defaultFormatSettings } from '../types/type.js';

const CTX: EvalContext = { settings: defaultFormatSettings, txnTimestamp: 0, stmtTimestamp: 0 };

/** Types that hold their values in another JavaScript form (numeric's decimal objects). */
const needsCast = (from: number, to: number) => from !== to && (typeByOid(from)?.category === 'N') && (typeByOid(to)?.category === 'N') &&
  (typeByOid(from)?.name === 'numeric' || typeByOid(to)?.name === 'numeric');

/**
 * The referencing row's key values in the referenced columns' types: `key` itself when no value
 * needs converting (the usual case: both sides of one type), else a converted copy.
 */
export function toParentKey(c: Constraint, key: unknown[]): unknown[] {
  const fk = c.fk!;
  let out: unknown[] | null = null;
  for (let i = 0; i < key.length; i++) {
    const v = key[i];
    if (v === null) continue;
    const from = c.table.columns[c.columns[i] - 1].typeOid, to = fk.refTable.columns[fk.refColumns[i] - 1].typeOid;
    const cast = needsCast(from, to) ? findCast(from, to)?.fn : undefined;
    if (cast) (out ??= key.slice())[i] = cast(v, CTX);
  }
  return out ?? key;
}

/**
 * The referenced key's values in the referencing columns' types, or null when a value has no
 * equal in that type (1.5 has no integer equal: no row can reference it).
 */
export function toChildKey(c: Constraint, key: unknown[]): unknown[] | null {
  const fk = c.fk!;
  let out: unknown[] | null = null;
  for (let i = 0; i < key.length; i++) {
    const v = key[i];
    const to = c.table.columns[c.columns[i] - 1].typeOid, from = fk.refTable.columns[fk.refColumns[i] - 1].typeOid;
    if (v === null || !needsCast(from, to)) continue;
    let w: unknown;
    try {
      w = findCast(from, to)!.fn!(v, CTX);
    } catch {
      return null; // out of the column type's range
    }
    const back = findCast(to, from)?.fn?.(w, CTX);
    if (back === undefined || typeByOid(from)!.compare(back, v) !== 0) return null;
    (out ??= key.slice())[i] = w;
  }
  return out ?? key;
}
