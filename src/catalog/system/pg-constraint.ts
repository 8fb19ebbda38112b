// pg_constraint, pg_index, pg_description and the views pg_tables, pg_indexes.
import { indexColumns, type IndexColumnInfo } from '../index-keys.js';
import { OID } from '../../types/oids.js';
import { constraintNodeTree } from './stored-expr.js';
import { quoteIdent } from '../../types/string-functions.js';
import type { Catalog } from '../catalog.js';
import type { Index, Table } from '../objects.js';
import { allRelations, isView } from './pg-class.js';
import { isSystemRelation, type SystemRelationDef } from './relation.js';
import { operatorsNamed, typeByOid } from '../../types/registry.js';
import { defaultOpclass } from './pg-opclass.js';
import { typCollation } from './types.js';
import { domainConstraintRows } from './pg-type-user.js';

/** pg_node_tree (registered by stored-expr.ts, which imports this module's neighbours). */
const PG_NODE_TREE_OID = 194;

const { oid, name, char, bool, int2, int4, text, _int2, int2vector } = OID;

function tables(cat: Catalog): Table[] {
  return allRelations(cat).filter((r): r is Table => r.kind === 'table');
}

const pgConstraint: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_constraint', oid: 2606, stable: true,
  columns: [
    { name: 'oid', type: oid }, { name: 'conname', type: name }, { name: 'connamespace', type: oid }, { name: 'contype', type: char },
    { name: 'condeferrable', type: bool }, { name: 'condeferred', type: bool }, { name: 'convalidated', type: bool },
    { name: 'conrelid', type: oid }, { name: 'contypid', type: oid }, { name: 'conindid', type: oid }, { name: 'conparentid', type: oid },
    { name: 'confrelid', type: oid }, { name: 'confupdtype', type: char }, { name: 'confdeltype', type: char },
    { name: 'confmatchtype', type: char }, { name: 'conislocal', type: bool }, { name: 'coninhcount', type: int4 },
    { name: 'connoinherit', type: bool }, { name: 'conkey', type: _int2 }, { name: 'confkey', type: _int2 },
    { name: 'confdelsetcols', type: _int2 }, { name: 'conexclop', type: OID._oid }, { name: 'conbin', type: PG_NODE_TREE_OID },
  ],
  rows: cat => {
    const out: unknown[][] = [];
    for (const t of tables(cat)) {
      for (const c of t.constraints) {
        const fk = c.fk;
        const indid = c.index?.oid ?? fk?.refIndex.oid ?? 0;
        out.push([
          c.oid, c.name, t.schema.oid, c.type, c.deferrable, c.initiallyDeferred, c.validated, t.oid, 0, indid, c.parent?.oid ?? 0,
          fk ? fk.refTable.oid : 0, fk ? fk.onUpdate : ' ', fk ? fk.onDelete : ' ', fk ? fk.match : ' ', c.isLocal, c.inhCount,
          c.type === 'c' ? c.noInherit : true, c.columns.length ? [...c.columns] : null, fk ? [...fk.refColumns] : null,
          fk?.setColumns ? [...fk.setColumns] : null, c.type === 'c' ? constraintNodeTree(c) : null,
        ]);
      }
    }
    out.push(...domainConstraintRows(cat));
    // CREATE CONSTRAINT TRIGGER: its entry (contype t)
    for (const t of tables(cat)) for (const tr of t.triggers ?? []) {
      if (!tr.constraintOid) continue;
      out.push([tr.constraintOid, tr.name, t.schema.oid, 't', tr.deferrable, tr.initiallyDeferred, true, t.oid, 0, 0, 0,
        tr.constrRel?.oid ?? 0, ' ', ' ', 's', true, 0, true, null, null, null, null]);
    }
    // conexclop sits before conbin: filled for exclusion constraints, null for the rest (domain and trigger rows too)
    const exclop = new Map<number, number[]>();
    for (const t of tables(cat)) for (const c of t.constraints) if (c.type === 'x') exclop.set(c.oid, exclusionOperatorOids(c.index!));
    return out.map(r => [...r.slice(0, r.length - 1), exclop.get(r[0] as number) ?? null, r[r.length - 1]]);
  },
};

/** pg_constraint.conexclop: the operators' oids. */
function exclusionOperatorOids(ix: Index): number[] {
  const cols = indexColumns(ix).filter(c => c.key);
  return ix.exclusion!.map((name, i) => (operatorsNamed(name) ?? []).find(o => o.left === cols[i].typeOid && o.right === cols[i].typeOid)?.oid ?? 0);
}

function indexes(cat: Catalog): Index[] {
  return allRelations(cat).filter((r): r is Index => r.kind === 'index');
}

const pgIndex: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_index', oid: 2610, stable: true,
  columns: [
    { name: 'indexrelid', type: oid }, { name: 'indrelid', type: oid }, { name: 'indnatts', type: int2 }, { name: 'indnkeyatts', type: int2 },
    { name: 'indisunique', type: bool }, { name: 'indnullsnotdistinct', type: bool }, { name: 'indisprimary', type: bool },
    { name: 'indisexclusion', type: bool }, { name: 'indimmediate', type: bool }, { name: 'indisclustered', type: bool },
    { name: 'indisvalid', type: bool }, { name: 'indcheckxmin', type: bool }, { name: 'indisready', type: bool },
    { name: 'indislive', type: bool }, { name: 'indisreplident', type: bool }, { name: 'indkey', type: int2vector },
    { name: 'indcollation', type: OID.oidvector }, { name: 'indclass', type: OID.oidvector }, { name: 'indoption', type: int2vector },
    { name: 'indexprs', type: PG_NODE_TREE_OID }, { name: 'indpred', type: PG_NODE_TREE_OID },
  ],
  rows: cat => indexes(cat).map(ix => {
    const cols = indexColumns(ix);
    const types = cols.map(c => c.typeOid);
    const nkeys = ix.columns.length;
    return [
      ix.oid, ix.table.oid, cols.length, nkeys, ix.unique, ix.nullsNotDistinct, ix.primary, !!ix.exclusion,
      !ix.constraint?.deferrable, !!ix.clustered, true, false, true, true, false, cols.map(c => c.attnum),
      types.map(t => typCollation(typeByOid(t))), types.slice(0, nkeys).map(t => (ix.method === 'hash' ? hashOpclass(t) : defaultOpclass(t))),
      ix.columns.map((_, i) => ix.options?.[i] ?? 0),
      ix.exprs?.length ? `{INDEXPRS :indexrelid ${ix.oid}}` : null,
      ix.predicate ? `{INDPRED :indexrelid ${ix.oid}}` : null,
    ];
  }),
};

const pgDescription: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_description', oid: 2609, stable: true,
  columns: [{ name: 'objoid', type: oid }, { name: 'classoid', type: oid }, { name: 'objsubid', type: int4 }, { name: 'description', type: text }],
  rows: cat => [...cat.comments].map(([key, d]) => {
    const [classOid, objOid, sub] = key.split(':').map(Number);
    return [objOid, classOid, sub, d];
  }),
};

/** pg_get_indexdef: CREATE [UNIQUE] INDEX name ON schema.table USING method (keys) [INCLUDE (cols)] [NULLS NOT DISTINCT] [WHERE pred]. */
export function indexDef(ix: Index, pretty = false): string {
  const cols = indexColumns(ix);
  const keys = cols.filter(c => c.key).map((c, i) => indexColumnDef(ix, c, pretty) + optionText(ix.options?.[i] ?? 0)).join(', ');
  const inc = cols.filter(c => !c.key).map(c => quoteIdent(c.name));
  const on = pretty && ix.table.schema.name === 'public' ? quoteIdent(ix.table.name) : `${quoteIdent(ix.table.schema.name)}.${quoteIdent(ix.table.name)}`;
  const pred = ix.predicate ? ` WHERE ${pretty ? ix.predicate.pretty : ix.predicate.text}` : '';
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${ix.relkind === 'I' ? 'ONLY ' : ''}${on} ` +
    `USING ${ix.method ?? 'btree'} (${keys})${inc.length ? ` INCLUDE (${inc.join(', ')})` : ''}${ix.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}${pred}`;
}

/** One column of pg_get_indexdef: a column name, a function-like expression, or a parenthesized one. */
export function indexColumnDef(ix: Index, c: IndexColumnInfo, pretty: boolean): string {
  if (!c.expr) return quoteIdent(c.name);
  const text = pretty ? c.expr.pretty : c.expr.text;
  return c.expr.funcLike ? text : `(${text})`;
}

/** indoption as pg_get_indexdef prints it: DESC, and NULLS FIRST/LAST where not the direction's default. */
function optionText(o: number): string {
  const desc = (o & 1) !== 0, nullsFirst = (o & 2) !== 0;
  return (desc ? ' DESC' : '') + (desc && !nullsFirst ? ' NULLS LAST' : !desc && nullsFirst ? ' NULLS FIRST' : '');
}

/** The hash operator class of a type (int4_ops 1978 … text_ops 1995), else the btree one. */
function hashOpclass(t: number): number {
  const HASH: Record<number, number> = { 23: 1979, 20: 1980, 21: 1978, 25: 1995, 1043: 1995, 1042: 1990 };
  return HASH[t] ?? defaultOpclass(t);
}

const pgIndexes: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_indexes', oid: 12043, view: true, stable: true,
  columns: [
    { name: 'schemaname', type: name }, { name: 'tablename', type: name }, { name: 'indexname', type: name },
    { name: 'tablespace', type: name }, { name: 'indexdef', type: text },
  ],
  rows: cat => indexes(cat).map(ix => [ix.table.schema.name, ix.table.name, ix.name, null, indexDef(ix)]),
};

const pgTables: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_tables', oid: 12033, view: true, stable: true,
  columns: [
    { name: 'schemaname', type: name }, { name: 'tablename', type: name }, { name: 'tableowner', type: name },
    { name: 'tablespace', type: name }, { name: 'hasindexes', type: bool }, { name: 'hasrules', type: bool },
    { name: 'hastriggers', type: bool }, { name: 'rowsecurity', type: bool },
  ],
  rows: cat => tables(cat).filter(t => !isView(t)).map(t => [
    t.schema.name, t.name, t.owner, null, t.indexes.length > 0 || (isSystemRelation(t) && t.schema.name === 'pg_catalog'), false,
    t.referencedBy.length > 0 || t.constraints.some(c => c.type === 'f'), false,
  ]),
};

export const constraintCatalogs = [pgConstraint, pgIndex, pgDescription, pgIndexes, pgTables];
