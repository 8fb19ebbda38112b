// Types whose values are JavaScript numbers ordered exactly by < (their compare is cmpNum, and
// no value is NaN): an index on one such column compares its keys inline (storage/btree.ts's
// natural order) instead of calling the type's comparator. A domain over one of them is not
// listed (its index keeps the comparator call: same answers, a little slower).
import { OID } from './oids.js';

const NUMBER_ORDERED = new Set<number>([OID.int2, OID.int4, OID.oid, OID.date, OID.time, OID.timestamp, OID.timestamptz]);

/** The type's values are numbers (never NaN) and its order is <'s. */
export function numberOrdered(typeOid: number): boolean {
  return NUMBER_ORDERED.has(typeOid);
}
