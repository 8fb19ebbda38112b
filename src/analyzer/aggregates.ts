// Result types of the built-in aggregates (pg_aggregate), chosen by argument type.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { typeDisplayName } from './typenames.js';
import { STAT_AGGREGATES } from './stat-aggregates.js';
import { JSON_AGGREGATES, jsonAggregateType } from './json-aggregates.js';

export const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg', ...STAT_AGGREGATES, ...JSON_AGGREGATES]);

/** The result type of aggregate `name` over arguments of these types. */
export function aggResultType(name: string, argTypes: number[], location: number): number {
  const t = argTypes[0];
  const json = jsonAggregateType(name);
  if (json !== null) return json;
  const bad = () => new PgError('42883', `function ${name}(${argTypes.map(a => typeDisplayName(a)).join(', ')}) does not exist`,
    { hint: 'No function matches the given name and argument types. You might need to add explicit type casts.', position: location + 1 });
  switch (name) {
    case 'count': return OID.int8;
    case 'sum':
      if (t === OID.int2 || t === OID.int4) return OID.int8;
      if (t === OID.int8 || t === OID.numeric) return OID.numeric;
      if (t === OID.float4 || t === OID.float8 || t === OID.interval || t === OID.money) return t;
      throw bad();
    case 'avg':
      if (t === OID.int2 || t === OID.int4 || t === OID.int8 || t === OID.numeric) return OID.numeric;
      if (t === OID.float4 || t === OID.float8) return OID.float8;
      if (t === OID.interval) return t;
      throw bad();
    case 'min': case 'max':
      if (t === OID.unknown) return OID.text;
      if (typeByOid(t)?.category === 'B' || t === OID.json || t === OID.jsonb) throw bad();
      return t;
    case 'bool_and': case 'bool_or': case 'every':
      if (t !== OID.bool && t !== OID.unknown) throw bad();
      return OID.bool;
    case 'string_agg': {
      // string_agg(text, text) and string_agg(bytea, bytea): the value must be a string (or unknown)
      const d = argTypes[1];
      if (t === OID.bytea && (d === OID.bytea || d === OID.unknown)) return OID.bytea;
      const str = (x: number) => x === OID.unknown || typeByOid(x)?.category === 'S';
      if (argTypes.length === 2 && str(t) && str(d)) return OID.text;
      throw bad();
    }
    case 'array_agg': {
      const arr = typeByOid(t === OID.unknown ? OID.text : t)?.array;
      if (!arr) throw bad();
      return arr;
    }
  }
  throw bad();
}
