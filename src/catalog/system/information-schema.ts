// information_schema.columns and information_schema.tables, after PostgreSQL's
// information_schema.sql (the _pg_* helper functions inlined).
import { OID } from '../../types/oids.js';
import { typeByOid } from '../../types/registry.js';
import type { Catalog } from '../catalog.js';
import type { Column, Relation, Table } from '../objects.js';
import { userColumnType } from './pg-type-user.js';
import { allRelations, isView } from './pg-class.js';
import type { SystemRelationDef } from './relation.js';
import { columnDefaultText } from './stored-expr.js';
import { viewIsUpdatable } from './pg-views.js';
import { domainsView } from './information-schema-domains.js';

// the information_schema domains, as their base types
const sqlIdentifier = OID.name, characterData = OID.varchar, yesOrNo = OID.varchar, cardinalNumber = OID.int4;
const yesNo = (b: boolean) => (b ? 'YES' : 'NO');

const { int2, int4, int8, float4, float8, numeric, bpchar, varchar, text, date, time, timetz, timestamp, timestamptz, interval } = OID;

export function charMaxLength(t: number, typmod: number): number | null {
  return (t === bpchar || t === varchar) && typmod !== -1 ? typmod - 4 : null;
}

export function charOctetLength(t: number, typmod: number): number | null {
  if (t !== bpchar && t !== varchar && t !== text) return null;
  return typmod === -1 ? 1073741824 : (typmod - 4) * 4; // UTF8: at most 4 bytes a character
}

export function numericPrecision(t: number, typmod: number): number | null {
  switch (t) {
    case int2: return 16;
    case int4: return 32;
    case int8: return 64;
    case numeric: return typmod === -1 ? null : ((typmod - 4) >> 16) & 65535;
    case float4: return 24;
    case float8: return 53;
  }
  return null;
}

export function numericRadix(t: number): number | null {
  if (t === int2 || t === int4 || t === int8 || t === float4 || t === float8) return 2;
  return t === numeric ? 10 : null;
}

export function numericScale(t: number, typmod: number): number | null {
  if (t === int2 || t === int4 || t === int8) return 0;
  return t === numeric && typmod !== -1 ? (typmod - 4) & 65535 : null;
}

export function datetimePrecision(t: number, typmod: number): number | null {
  if (t === date) return 0;
  if (t === time || t === timetz || t === timestamp || t === timestamptz) return typmod < 0 ? 6 : typmod;
  if (t === interval) return typmod < 0 ? 6 : typmod & 65535;
  return null;
}

function dataType(c: Column): string {
  const t = typeByOid(c.typeOid);
  // a table's row type (its oid is the table's) is user-defined as a composite type is
  if (!t || t.category === 'C') return 'USER-DEFINED';
  if (t.category === 'A' && t.elem !== undefined && t.len === -1) return 'ARRAY';
  return t.oid === bpchar ? 'character' : t.formatType(-1); // format_type(oid, NULL)
}

function identitySequence(cat: Catalog, table: Table, attnum: number) {
  for (const r of table.schema.relations.values()) {
    if (r.kind === 'sequence' && r.identity && r.ownedBy?.table === table && r.ownedBy.attnum === attnum) return r;
  }
  for (const r of allRelations(cat)) {
    if (r.kind === 'sequence' && r.identity && r.ownedBy?.table === table && r.ownedBy.attnum === attnum) return r;
  }
  return undefined;
}

/** Tables and views with their columns (a user view's columns as plain columns). */
function tablesAndViews(cat: Catalog): { t: Table | null; rel: Relation; columns: Column[] }[] {
  const out: { t: Table | null; rel: Relation; columns: Column[] }[] = [];
  for (const r of allRelations(cat)) {
    if (r.kind === 'table') out.push({ t: r, rel: r, columns: r.columns });
    else if (r.kind === 'view') {
      out.push({ t: null, rel: r, columns: r.columns.map((c, i) => ({
        name: c.name, attnum: i + 1, typeOid: c.typeOid, typmod: c.typmod, notNull: false, default: null, identity: '' as const,
        inhCount: 0, isLocal: true, dropped: false, missing: null })) });
    }
  }
  return out;
}

function columnsView(database: string): SystemRelationDef {
  const cols: [string, number][] = [
    ['table_catalog', sqlIdentifier], ['table_schema', sqlIdentifier], ['table_name', sqlIdentifier], ['column_name', sqlIdentifier],
    ['ordinal_position', cardinalNumber], ['column_default', characterData], ['is_nullable', yesOrNo], ['data_type', characterData],
    ['character_maximum_length', cardinalNumber], ['character_octet_length', cardinalNumber], ['numeric_precision', cardinalNumber],
    ['numeric_precision_radix', cardinalNumber], ['numeric_scale', cardinalNumber], ['datetime_precision', cardinalNumber],
    ['interval_type', characterData], ['interval_precision', cardinalNumber], ['character_set_catalog', sqlIdentifier],
    ['character_set_schema', sqlIdentifier], ['character_set_name', sqlIdentifier], ['collation_catalog', sqlIdentifier],
    ['collation_schema', sqlIdentifier], ['collation_name', sqlIdentifier], ['domain_catalog', sqlIdentifier],
    ['domain_schema', sqlIdentifier], ['domain_name', sqlIdentifier], ['udt_catalog', sqlIdentifier], ['udt_schema', sqlIdentifier],
    ['udt_name', sqlIdentifier], ['scope_catalog', sqlIdentifier], ['scope_schema', sqlIdentifier], ['scope_name', sqlIdentifier],
    ['maximum_cardinality', cardinalNumber], ['dtd_identifier', sqlIdentifier], ['is_self_referencing', yesOrNo],
    ['is_identity', yesOrNo], ['identity_generation', characterData], ['identity_start', characterData],
    ['identity_increment', characterData], ['identity_maximum', characterData], ['identity_minimum', characterData],
    ['identity_cycle', yesOrNo], ['is_generated', characterData], ['generation_expression', characterData], ['is_updatable', yesOrNo],
  ];
  return {
    schema: 'information_schema', name: 'columns', oid: 13100, view: true,
    columns: cols.map(([name, type]) => ({ name, type })),
    rows: cat => {
      const out: unknown[][] = [];
      for (const { t, rel, columns } of tablesAndViews(cat)) {
        for (const c of columns) {
          if (c.dropped) continue;
          // a domain is described by its base type; enums and composite types are USER-DEFINED (pg-type-user.ts)
          const user = userColumnType(cat, c.typeOid, c.typmod);
          const ty = user?.type ?? c.typeOid, mod = user?.typmod ?? c.typmod;
          const seq = c.identity && t ? identitySequence(cat, t, c.attnum) : undefined;
          out.push([
            database, rel.schema.name, rel.name, c.name, c.attnum, t ? columnDefaultText(cat, t, c) : null, yesNo(!c.notNull),
            user?.dataType ?? dataType({ ...c, typeOid: ty }), charMaxLength(ty, mod), charOctetLength(ty, mod), numericPrecision(ty, mod),
            numericRadix(ty), numericScale(ty, mod), datetimePrecision(ty, mod), null, null, null, null, null, null, null, null,
            user?.domain ? database : null, user?.domain?.schema.name ?? null, user?.domain?.name ?? null,
            database, user ? user.udtSchema : 'pg_catalog', user ? user.udtName : typeByOid(ty)?.name ?? null, null, null, null, null, String(c.attnum), 'NO',
            yesNo(!!c.identity), c.identity === 'a' ? 'ALWAYS' : c.identity === 'd' ? 'BY DEFAULT' : null,
            seq ? String(seq.start) : null, seq ? String(seq.increment) : null, seq ? String(seq.max) : null, seq ? String(seq.min) : null,
            yesNo(!!seq?.cycle), 'NEVER', null, yesNo(!isView(rel)),
          ]);
        }
      }
      return out;
    },
  };
}

function tablesView(database: string): SystemRelationDef {
  const cols: [string, number][] = [
    ['table_catalog', sqlIdentifier], ['table_schema', sqlIdentifier], ['table_name', sqlIdentifier], ['table_type', characterData],
    ['self_referencing_column_name', sqlIdentifier], ['reference_generation', characterData], ['user_defined_type_catalog', sqlIdentifier],
    ['user_defined_type_schema', sqlIdentifier], ['user_defined_type_name', sqlIdentifier], ['is_insertable_into', yesOrNo],
    ['is_typed', yesOrNo], ['commit_action', characterData],
  ];
  return {
    schema: 'information_schema', name: 'tables', oid: 13101, view: true,
    columns: cols.map(([name, type]) => ({ name, type })),
    rows: cat => allRelations(cat).filter(r => r.kind === 'table' || r.kind === 'view').map(r => {
      const view = isView(r);
      const insertable = !view || (r.kind === 'view' && viewIsUpdatable(cat, r));
      return [database, r.schema.name, r.name, view ? 'VIEW' : 'BASE TABLE', null, null, null, null, null, yesNo(insertable), 'NO', null];
    }),
  };
}

function sequencesView(database: string): SystemRelationDef {
  const cols: [string, number][] = [
    ['sequence_catalog', sqlIdentifier], ['sequence_schema', sqlIdentifier], ['sequence_name', sqlIdentifier],
    ['data_type', characterData], ['numeric_precision', cardinalNumber], ['numeric_precision_radix', cardinalNumber],
    ['numeric_scale', cardinalNumber], ['start_value', characterData], ['minimum_value', characterData],
    ['maximum_value', characterData], ['increment', characterData], ['cycle_option', yesOrNo],
  ];
  return {
    schema: 'information_schema', name: 'sequences', oid: 13102, view: true,
    columns: cols.map(([name, type]) => ({ name, type })),
    // an identity column's sequence is internal to it and not listed
    rows: cat => allRelations(cat).flatMap(r => r.kind !== 'sequence' || r.identity ? [] : [[
      database, r.schema.name, r.name, typeByOid(r.typeOid)!.formatType(-1), numericPrecision(r.typeOid, -1), numericRadix(r.typeOid),
      numericScale(r.typeOid, -1), String(r.start), String(r.min), String(r.max), String(r.increment), yesNo(r.cycle),
    ]]),
  };
}

export const informationSchemaViews = (database: string): SystemRelationDef[] =>
  [columnsView(database), tablesView(database), sequencesView(database), domainsView(database)];
