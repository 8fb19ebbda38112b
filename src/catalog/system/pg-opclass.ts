// pg_opclass: the default B-tree operator classes of the types Relata indexes (what an
// index column's pg_index.indclass names), with PostgreSQL 15's oids.
import { OID } from '../../types/oids.js';
import { typeByOid } from '../../types/registry.js';
import { PG_CATALOG_OID, SUPERUSER_OID } from './types.js';

const BTREE = 403;

/** [oid, name, family, input type] */
const OPCLASSES: [number, string, number, number][] = [
  [1978, 'int4_ops', 1976, OID.int4], [1979, 'int2_ops', 1976, OID.int2], [1981, 'oid_ops', 1989, OID.oid], [3122, 'date_ops', 434, OID.date],
  [3123, 'float8_ops', 1970, OID.float8], [3124, 'int8_ops', 1976, OID.int8], [3125, 'numeric_ops', 1988, OID.numeric],
  [3126, 'text_ops', 1994, OID.text], [3127, 'timestamptz_ops', 434, OID.timestamptz], [3128, 'timestamp_ops', 434, OID.timestamp],
  [10000, 'array_ops', 397, OID.anyarray], [10002, 'bit_ops', 423, OID.bit], [10003, 'bool_ops', 424, OID.bool],
  [10004, 'bpchar_ops', 426, OID.bpchar], [10006, 'bytea_ops', 428, OID.bytea], [10007, 'char_ops', 429, OID.char],
  [10012, 'float4_ops', 1970, OID.float4], [10022, 'interval_ops', 1982, OID.interval], [10028, 'name_ops', 1994, OID.name],
  [10032, 'oidvector_ops', 1991, OID.oidvector], [10034, 'record_ops', 2994, OID.record], [10038, 'time_ops', 1996, OID.time],
  [10041, 'timetz_ops', 2000, OID.timetz], [10043, 'varbit_ops', 2002, OID.varbit], [10047, 'money_ops', 2099, OID.money],
  [10050, 'tid_ops', 2789, OID.tid], [10065, 'uuid_ops', 2968, OID.uuid], [10088, 'jsonb_ops', 4033, OID.jsonb],
];

/** Types that index with another type's class (binary-coercible to it). */
const VIA: Record<number, number> = { [OID.varchar]: OID.text, [OID.regclass]: OID.oid, [OID.regtype]: OID.oid };

const byType = new Map(OPCLASSES.map(o => [o[3], o[0]]));

/** The default B-tree operator class of a column type (0 when it has none). */
export function defaultOpclass(typeOid: number): number {
  const t = typeByOid(typeOid);
  if (t?.category === 'A' && t.elem !== undefined && typeOid !== OID.int2vector && typeOid !== OID.oidvector) return byType.get(OID.anyarray)!;
  return byType.get(VIA[typeOid] ?? typeOid) ?? 0;
}

export const opclassRows = (): unknown[][] =>
  OPCLASSES.map(([oid, name, family, type]) => [oid, BTREE, name, PG_CATALOG_OID, SUPERUSER_OID, family, type, true, type === OID.name ? OID.cstring : 0]);
