// information_schema.domains: each domain described by its base type (information_schema.sql).
import { OID } from '../../types/oids.js';
import { typeByOid } from '../../types/registry.js';
import { allUserTypes, userTypeByOid } from '../user-types.js';
import {
  charMaxLength, charOctetLength, datetimePrecision, numericPrecision, numericRadix, numericScale,
} from './information-schema.js';
import type { SystemRelationDef } from './relation.js';

const sqlIdentifier = OID.name, characterData = OID.varchar, cardinalNumber = OID.int4;

export function domainsView(database: string): SystemRelationDef {
  const cols: [string, number][] = [
    ['domain_catalog', sqlIdentifier], ['domain_schema', sqlIdentifier], ['domain_name', sqlIdentifier], ['data_type', characterData],
    ['character_maximum_length', cardinalNumber], ['character_octet_length', cardinalNumber], ['character_set_catalog', sqlIdentifier],
    ['character_set_schema', sqlIdentifier], ['character_set_name', sqlIdentifier], ['collation_catalog', sqlIdentifier],
    ['collation_schema', sqlIdentifier], ['collation_name', sqlIdentifier], ['numeric_precision', cardinalNumber],
    ['numeric_precision_radix', cardinalNumber], ['numeric_scale', cardinalNumber], ['datetime_precision', cardinalNumber],
    ['interval_type', characterData], ['interval_precision', cardinalNumber], ['domain_default', characterData],
    ['udt_catalog', sqlIdentifier], ['udt_schema', sqlIdentifier], ['udt_name', sqlIdentifier], ['scope_catalog', sqlIdentifier],
    ['scope_schema', sqlIdentifier], ['scope_name', sqlIdentifier], ['maximum_cardinality', cardinalNumber], ['dtd_identifier', sqlIdentifier],
  ];
  return {
    schema: 'information_schema', name: 'domains', oid: 13115, view: true, stable: true,
    columns: cols.map(([name, type]) => ({ name, type })),
    rows: cat => allUserTypes(cat).filter(ut => ut.typtype === 'd').map(ut => {
      const { typeOid: t, typmod: m } = ut.base!;
      const user = userTypeByOid(cat, t);
      const bt = typeByOid(t);
      // (unlike information_schema.columns, an array base type is named, not 'ARRAY')
      const dataType = user ? 'USER-DEFINED' : bt?.formatType(-1) ?? null;
      return [
        database, ut.schema.name, ut.name, t === OID.bpchar ? 'character' : dataType, charMaxLength(t, m), charOctetLength(t, m),
        null, null, null, null, null, null, numericPrecision(t, m), numericRadix(t), numericScale(t, m), datetimePrecision(t, m),
        null, null, ut.default?.text ?? null, database, user ? user.ut.schema.name : 'pg_catalog',
        user ? (user.array ? user.ut.arrayName : user.ut.name) : bt?.name ?? null, null, null, null, null, '1',
      ];
    }),
  };
}
