// pg_class, pg_namespace, pg_attribute, pg_type and pg_inherits, generated from the catalog.
import { indexColumns } from '../index-keys.js';
import { OID } from '../../types/oids.js';
import { allTypes, typeByOid } from '../../types/registry.js';
import type { Catalog } from '../catalog.js';
import { sharedOf } from '../shared.js';
import { aclColumn, builtinSchemaAcl } from '../acl.js';
import type { Relation, Table } from '../objects.js';
import { isSystemRelation, systemRelationDef, type SystemRelationDef } from './relation.js';
/** pg_node_tree (stored-expr.ts defines the type; a literal here, as that module imports this one). */
const PG_NODE_TREE = 194;
import { compositeAttributeRows, compositeClassRows, userTypeRows } from './pg-type-user.js';
import { PG_CATALOG_OID, SUPERUSER_OID, typAlign, typByVal, typCollation, typLen, typStorage, typType } from './types.js';

const { oid, name, char, bool, int2, int4, float4 } = OID;

export function allRelations(cat: Catalog): Relation[] {
  const out: Relation[] = [];
  for (const s of cat.schemas.values()) for (const r of s.relations.values()) out.push(r);
  return out;
}

/** A partition, or the index of a partition attached to its parent's index. */
const isPartition = (r: Relation): boolean => (r.kind === 'table' ? !!r.partitionBound : r.kind === 'index' && !!r.parent);

/** relpartbound's text: which partition's bound it is (pg_get_expr prints it). */
export const partboundNodeTree = (t: Table): string => `{PARTITIONBOUNDSPEC :relid ${t.oid}}`;

export const isView = (r: Relation): boolean => r.kind === 'view' || !!systemRelationDef(r)?.view;
export const relkindOf = (r: Relation): string => (isView(r) ? 'v' : r.relkind);

/** Tables with a foreign key on either side carry RI triggers. */
const hasTriggers = (t: Table): boolean => t.referencedBy.length > 0 || t.constraints.some(c => c.type === 'f') || !!t.triggers?.length;

function relnatts(r: Relation): number {
  switch (r.kind) {
    case 'table': return r.columns.length;
    case 'index': return r.columns.length + (r.include?.length ?? 0);
    case 'sequence': return 3;
    case 'view': return r.columns.length;
  }
}

const pgClass: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_class', oid: 1259, stable: true,
  columns: [
    { name: 'oid', type: oid }, { name: 'relname', type: name }, { name: 'relnamespace', type: oid }, { name: 'reltype', type: oid },
    { name: 'reloftype', type: oid }, { name: 'relowner', type: oid }, { name: 'relam', type: oid }, { name: 'relfilenode', type: oid },
    { name: 'reltablespace', type: oid }, { name: 'relpages', type: int4 }, { name: 'reltuples', type: float4 },
    { name: 'relallvisible', type: int4 }, { name: 'reltoastrelid', type: oid }, { name: 'relhasindex', type: bool },
    { name: 'relisshared', type: bool }, { name: 'relpersistence', type: char }, { name: 'relkind', type: char },
    { name: 'relnatts', type: int2 }, { name: 'relchecks', type: int2 }, { name: 'relhasrules', type: bool },
    { name: 'relhastriggers', type: bool }, { name: 'relhassubclass', type: bool }, { name: 'relrowsecurity', type: bool },
    { name: 'relforcerowsecurity', type: bool }, { name: 'relispopulated', type: bool }, { name: 'relreplident', type: char },
    { name: 'relispartition', type: bool }, { name: 'relrewrite', type: oid },
    { name: 'relfrozenxid', type: OID.xid }, { name: 'relminmxid', type: OID.xid }, { name: 'relacl', type: OID._text },
    { name: 'reloptions', type: OID._text }, { name: 'relpartbound', type: PG_NODE_TREE },
  ],
  rows: cat => [...allRelations(cat).map(r => {
    const t = r.kind === 'table' ? r : null;
    const view = isView(r);
    const system = isSystemRelation(r);
    // partitioned tables have no storage, so no access method (PostgreSQL 15)
    const relam = r.kind === 'index' ? (r.method === 'hash' ? 405 : r.method === 'gist' ? 783 : 403) : t && !view && t.relkind !== 'p' ? 2 : 0;
    const reltuples = r.kind === 'index' ? 0 : r.kind === 'sequence' ? 1 : -1;
    return [
      r.oid, r.name, r.schema.oid, 0, t?.ofType?.oid ?? 0, ownerOid(cat, r.kind === 'index' ? r.table.owner : r.owner), relam, view || system ? 0 : r.oid, 0, 0, reltuples, 0, 0,
      !!t && !view && (t.indexes.length > 0 || system), false, persistenceOf(r), relkindOf(r), relnatts(r),
      t ? t.constraints.filter(c => c.type === 'c').length : 0, view, (!!t && hasTriggers(t)) || (r.kind === 'view' && !!r.triggers?.length), !!t && t.children.length > 0,
      !!t?.rowSecurity, !!t?.forceRowSecurity, true, t && !view && !system ? 'd' : 'n', isPartition(r), 0, t && !view && !system ? 716 : 0,
      t && !view && !system ? 1 : 0, aclColumn(sharedOf(cat), r.kind === 'index' ? null : r.acl),
      r.kind === 'table' && r.reloptions?.length ? [...r.reloptions] : null,
      t?.partitionBound ? partboundNodeTree(t) : null,
    ];
  }), ...compositeClassRows(cat)],
};

/** relowner / nspowner: the owning role's oid. */
const ownerOid = (cat: Catalog, role: string): number => sharedOf(cat).roles.get(role)?.oid ?? SUPERUSER_OID;

const pgNamespace: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_namespace', oid: 2615, stable: true,
  columns: [{ name: 'oid', type: oid }, { name: 'nspname', type: name }, { name: 'nspowner', type: oid }, { name: 'nspacl', type: OID._text }],
  rows: cat => [...cat.schemas.values()].map(s => [s.oid, s.name, ownerOid(cat, s.owner),
    aclColumn(sharedOf(cat), s.acl ?? builtinSchemaAcl(s.name, SUPERUSER_OID))]),
};

/** The system columns every table (and sequence) has, with their negative attnums. */
const SYSTEM_COLUMNS: [string, number, number][] = [
  ['tableoid', -6, OID.oid], ['cmax', -5, OID.cid], ['xmax', -4, OID.xid], ['cmin', -3, OID.cid], ['xmin', -2, OID.xid], ['ctid', -1, OID.tid],
];
const SYSTEM_COLUMN_LEN: Record<number, [number, string]> = { [OID.oid]: [4, 'i'], [OID.cid]: [4, 'i'], [OID.xid]: [4, 'i'], [OID.tid]: [6, 's'] };
const SEQUENCE_COLUMNS: [string, number][] = [['last_value', OID.int8], ['log_cnt', OID.int8], ['is_called', OID.bool]];

interface Att {
  name: string; attnum: number; type: number; typmod: number; notNull: boolean; hasDef: boolean; identity: string;
  dropped: boolean; isLocal: boolean; inhCount: number;
  /** Column privileges (attacl). */
  acl?: import('../objects.js').AclItem[] | null;
  statTarget?: number;
  storage?: string;
}

function attributes(r: Relation): Att[] {
  const att = (name: string, attnum: number, type: number, notNull = false): Att =>
    ({ name, attnum, type, typmod: -1, notNull, hasDef: false, identity: '', dropped: false, isLocal: true, inhCount: 0 });
  const sys = SYSTEM_COLUMNS.map(([n, num, t]) => att(n, num, t, true));
  switch (r.kind) {
    case 'table': {
      const cols = r.columns.map(c => c.dropped
        ? { ...att(`........pg.dropped.${c.attnum}........`, c.attnum, 0), dropped: true, isLocal: c.isLocal, inhCount: c.inhCount }
        : { name: c.name, attnum: c.attnum, type: c.typeOid, typmod: c.typmod, notNull: c.notNull, hasDef: !!c.default && !c.identity,
          identity: c.identity, dropped: false, isLocal: c.isLocal, inhCount: c.inhCount, acl: c.acl, statTarget: c.statTarget, storage: c.storage });
      return isView(r) ? cols : [...cols, ...sys];
    }
    case 'sequence': return [...SEQUENCE_COLUMNS.map(([n, t], i) => att(n, i + 1, t, true)), ...sys];
    case 'index': return indexColumns(r).map((c, i) => ({ ...att(c.name, i + 1, c.typeOid), typmod: c.typmod, statTarget: c.expr?.statTarget,
      // a plain key column stores its values as the table column does (SET STORAGE changes both)
      storage: c.attnum > 0 ? r.table.columns[c.attnum - 1].storage : undefined }));
    case 'view': return r.columns.map((c, i) => ({ ...att(c.name, i + 1, c.typeOid), typmod: c.typmod }));
  }
}

const pgAttribute: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_attribute', oid: 1249, stable: true,
  columns: [
    { name: 'attrelid', type: oid }, { name: 'attname', type: name }, { name: 'atttypid', type: oid }, { name: 'attstattarget', type: int4 },
    { name: 'attlen', type: int2 }, { name: 'attnum', type: int2 }, { name: 'attndims', type: int4 }, { name: 'attcacheoff', type: int4 },
    { name: 'atttypmod', type: int4 }, { name: 'attbyval', type: bool }, { name: 'attalign', type: char }, { name: 'attstorage', type: char },
    { name: 'attcompression', type: char }, { name: 'attnotnull', type: bool }, { name: 'atthasdef', type: bool },
    { name: 'atthasmissing', type: bool }, { name: 'attidentity', type: char }, { name: 'attgenerated', type: char },
    { name: 'attisdropped', type: bool }, { name: 'attislocal', type: bool }, { name: 'attinhcount', type: int4 },
    { name: 'attcollation', type: oid }, { name: 'attacl', type: OID._text },
  ],
  rows: cat => {
    const out: unknown[][] = [];
    for (const r of allRelations(cat)) {
      for (const a of attributes(r)) {
        const t = typeByOid(a.type);
        const [len, align] = a.attnum < 0 ? SYSTEM_COLUMN_LEN[a.type] : [typLen(t), typAlign(t)];
        out.push([
          r.oid, a.name, a.type, a.statTarget ?? -1, len, a.attnum, t?.category === 'A' ? 1 : 0, -1, a.typmod, a.attnum < 0 ? a.type !== OID.tid : typByVal(t),
          align, a.attnum < 0 ? 'p' : a.storage ?? typStorage(t), '', a.notNull, a.hasDef, false, a.identity, '', a.dropped, a.isLocal, a.inhCount,
          a.attnum < 0 ? 0 : typCollation(t), aclColumn(sharedOf(cat), a.acl),
        ]);
      }
    }
    out.push(...compositeAttributeRows(cat).map(row => [...row, null]));
    return out;
  },
};

const pgType: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_type', oid: 1247, stable: true,
  columns: [
    { name: 'oid', type: oid }, { name: 'typname', type: name }, { name: 'typnamespace', type: oid }, { name: 'typowner', type: oid },
    { name: 'typlen', type: int2 }, { name: 'typbyval', type: bool }, { name: 'typtype', type: char }, { name: 'typcategory', type: char },
    { name: 'typispreferred', type: bool }, { name: 'typisdefined', type: bool }, { name: 'typdelim', type: char },
    { name: 'typrelid', type: oid }, { name: 'typsubscript', type: OID.regproc }, { name: 'typelem', type: oid }, { name: 'typarray', type: oid },
    { name: 'typinput', type: OID.regproc }, { name: 'typoutput', type: OID.regproc }, { name: 'typreceive', type: OID.regproc },
    { name: 'typsend', type: OID.regproc }, { name: 'typmodin', type: OID.regproc }, { name: 'typmodout', type: OID.regproc },
    { name: 'typanalyze', type: OID.regproc }, { name: 'typalign', type: char }, { name: 'typstorage', type: char },
    { name: 'typnotnull', type: bool }, { name: 'typbasetype', type: oid }, { name: 'typtypmod', type: int4 }, { name: 'typndims', type: int4 },
    { name: 'typcollation', type: oid }, { name: 'typdefaultbin', type: PG_NODE_TREE }, { name: 'typdefault', type: OID.text },
    { name: 'typacl', type: OID._text },
  ],
  rows: cat => [...[...allTypes()].sort((a, b) => a.oid - b.oid).map(t => [
    t.oid, t.name, PG_CATALOG_OID, SUPERUSER_OID, typLen(t), typByVal(t), typType(t), t.category, t.preferred, true, ',',
    0, 0, t.elem ?? 0, t.array ?? 0, 0, 0, 0, 0, 0, 0, 0, typAlign(t), typStorage(t), false, 0, -1, 0, typCollation(t), null, null, null,
  ]), ...userTypeRows(cat)],
};

const pgInherits: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_inherits', oid: 2611, stable: true,
  columns: [{ name: 'inhrelid', type: oid }, { name: 'inhparent', type: oid }, { name: 'inhseqno', type: int4 }, { name: 'inhdetachpending', type: bool }],
  rows: cat => {
    const out: unknown[][] = [];
    for (const r of allRelations(cat)) {
      if (r.kind === 'table') r.parents.forEach((p, i) => out.push([r.oid, p.oid, i + 1, false]));
      else if (r.kind === 'index' && r.parent) out.push([r.oid, r.parent.oid, 1, false]);
    }
    return out;
  },
};

const pgPartitionedTable: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_partitioned_table', oid: 3350, stable: true,
  columns: [
    { name: 'partrelid', type: oid }, { name: 'partstrat', type: char }, { name: 'partnatts', type: int2 }, { name: 'partdefid', type: oid },
    { name: 'partattrs', type: OID.int2vector }, { name: 'partclass', type: OID.oidvector }, { name: 'partcollation', type: OID.oidvector },
    { name: 'partexprs', type: PG_NODE_TREE },
  ],
  rows: cat => {
    const out: unknown[][] = [];
    for (const r of allRelations(cat)) {
      if (r.kind !== 'table' || !r.partitionKey) continue;
      const k = r.partitionKey;
      const def = r.children.find(c => c.partitionBound?.isDefault && c.parents[0] === r);
      out.push([r.oid, k.strategy, k.attnums.length, def?.oid ?? 0, k.attnums.slice(), k.types.map(() => 1978),
        k.types.map(t => typCollation(typeByOid(t))), k.exprs.length ? `{PARTKEYEXPRS :relid ${r.oid}}` : null]);
    }
    return out;
  },
};

export const classCatalogs = [pgClass, pgNamespace, pgAttribute, pgType, pgInherits, pgPartitionedTable];

/** pg_class.relpersistence: temporary by schema; an index, or a sequence its table owns, as the table. */
function persistenceOf(r: Relation): 't' | 'u' | 'p' {
  if (r.schema.name.startsWith('pg_temp_')) return 't';
  const unlogged = r.kind === 'table' ? r.unlogged : r.kind === 'index' ? r.table.unlogged
    : r.kind === 'sequence' ? (r.unlogged ?? r.ownedBy?.table.unlogged) : false;
  return unlogged ? 'u' : 'p';
}
