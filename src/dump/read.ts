// Reads what a dump needs from the system catalogs with plain queries that PostgreSQL 15
// and Relata both answer (pg_class, pg_attribute, pg_constraint with pg_get_constraintdef,
// pg_get_indexdef, pg_get_expr, format_type, pg_sequence, pg_description, pg_depend …),
// into a model of the user's schemas. System schemas are left out.
import { ROW_ARRAY_OID_BASE } from '../catalog/user-types.js';
import type { DumpSource, Row } from './source.js';
import { readFunctions, type FunctionDef } from './functions.js';
import { readAggregates, type AggregateDef } from './aggregates.js';
import { readPolicies, type PolicyDef } from './policies.js';

export interface Namespace { oid: string; name: string; owner: string }

export interface Column {
  attnum: number; name: string; type: string; notNull: boolean; hasDef: boolean;
  /** '' none, 'a' always, 'd' by default */
  identity: string;
  /** '' or 's' (stored generated column) */
  generated: string;
  dropped: boolean; isLocal: boolean;
  /** attstattarget (-1: the default), and attstorage where it differs from the type's typstorage ('' otherwise). */
  statTarget: number; storage: string;
  /** The table (or view) whose row type, or its array, the column is of: written before this one. */
  rowTypeOf: string | null;
}

export interface Relation {
  oid: string; name: string; ns: Namespace; relkind: string; owner: string;
  columns: Column[];
  /** A view's query (pg_get_viewdef, without its semicolon) and WITH … CHECK OPTION ('LOCAL', 'CASCADED' or ''). */
  view?: { query: string; checkOption: string };
  /** A partitioned table's PARTITION BY (pg_get_partkeydef). */
  partitionKey?: string;
  /** A partition's FOR VALUES … (pg_get_expr of relpartbound). */
  partitionBound?: string;
  /** relrowsecurity, relforcerowsecurity (dump/policies.ts). */
  rowSecurity?: boolean;
  forceRowSecurity?: boolean;
}

export interface AttrDef { oid: string; relid: string; attnum: number; expr: string }

export interface Constraint {
  oid: string; name: string; relid: string; type: string; indid: string; validated: boolean; isLocal: boolean; def: string;
  /** The partitioned table's constraint this one was cloned from ('0' for none). */
  parentid: string;
}

export interface IndexDef {
  oid: string; relid: string; def: string;
  /** Expression columns with a statistics target of their own (ALTER INDEX … SET STATISTICS). */
  statTargets: { attnum: number; target: number }[];
  /** ALTER TABLE … CLUSTER ON this index (indisclustered). */
  clustered: boolean;
}

export interface SequenceDef {
  oid: string; type: string; start: string; increment: string; max: string; min: string; cache: string; cycle: boolean;
}

/** A user-defined type: an enum (its labels in order), a domain, or a composite type (its pg_class entry). */
export interface TypeDef {
  oid: string; name: string; ns: Namespace; owner: string;
  /** 'e' enum, 'd' domain, 'c' composite */
  kind: string;
  labels: string[];
  /** A domain: format_type of its base type, NOT NULL, its DEFAULT's text, its CHECK constraints (by name). */
  base: string; notNull: boolean; default: string | null;
  checks: { oid: string; name: string; def: string; validated: boolean }[];
  /** A composite type: its pg_class entry, whose columns are the attributes. */
  relid: string;
}

export interface Comment { objoid: string; classoid: string; subid: number; text: string }

export interface Depend { classid: string; objid: string; objsubid: number; refclassid: string; refobjid: string; refobjsubid: number; deptype: string }

export interface SchemaModel {
  serverVersion: string;
  namespaces: Namespace[];
  relations: Relation[];
  attrdefs: AttrDef[];
  constraints: Constraint[];
  indexes: IndexDef[];
  sequences: SequenceDef[];
  /** Enums, domains, composite types (absent: none). */
  types?: TypeDef[];
  /** The ON SELECT rule of each view (pg_rewrite oid → view oid): pg_depend names a view's dependencies through it. */
  viewRules: Map<string, string>;
  /** Per child table oid, its parents in inhseqno order. */
  inherits: Map<string, string[]>;
  comments: Comment[];
  depends: Depend[];
  /** User triggers (not a partition's clones of its parent's): CREATE TRIGGER text and enable state (absent: none). */
  triggers?: TriggerDef[];
  /** Functions and procedures (dump/functions.ts; absent: none). */
  functions?: FunctionDef[];
  /** Aggregates (dump/aggregates.ts; absent: none). */
  aggregates?: AggregateDef[];
  /** Row-level security policies (dump/policies.ts; absent: none). */
  policies?: PolicyDef[];
}

export interface TriggerDef { oid: string; relid: string; name: string; def: string; enabled: string }

/** pg_dump leaves these out: the system's own schemas. */
export const isSystemSchema = (name: string): boolean =>
  name === 'pg_catalog' || name === 'information_schema' || /^pg_(toast|temp_\d+|toast_temp_\d+)$/.test(name);

const bool = (v: string | null): boolean => v === 't';
const str = (v: string | null): string => v ?? '';

export async function readSchema(src: DumpSource): Promise<SchemaModel> {
  const q = (sql: string): Promise<Row[]> => src.query(sql);
  const [[version]] = await q('SHOW server_version');
  const roles = new Map((await q('SELECT oid, rolname FROM pg_catalog.pg_roles')).map(([oid, name]) => [str(oid), str(name)]));
  const owner = (oid: string | null) => roles.get(str(oid)) ?? '';

  const namespaces = new Map<string, Namespace>();
  for (const [oid, name, own] of await q('SELECT oid, nspname, nspowner FROM pg_catalog.pg_namespace')) {
    if (!isSystemSchema(str(name))) namespaces.set(str(oid), { oid: str(oid), name: str(name), owner: owner(own) });
  }

  // user-defined operators, operator classes and families are not written yet: no dump rather than one that fails to load
  for (const [kind, name, nsp] of await q(`SELECT 'operator', oprname, oprnamespace FROM pg_catalog.pg_operator
      UNION ALL SELECT 'operator family', opfname, opfnamespace FROM pg_catalog.pg_opfamily`)) {
    const ns = namespaces.get(str(nsp));
    if (ns) throw new Error(`cannot dump ${str(kind)} "${ns.name}.${str(name)}": not supported yet`);
  }

  const relations = new Map<string, Relation>();
  for (const [oid, name, nsp, relkind, own] of await q('SELECT oid, relname, relnamespace, relkind, relowner FROM pg_catalog.pg_class')) {
    const ns = namespaces.get(str(nsp));
    if (ns) relations.set(str(oid), { oid: str(oid), name: str(name), ns, relkind: str(relkind), owner: owner(own), columns: [] });
  }
  const mine = <T extends { relid: string }>(rows: T[]) => rows.filter(r => relations.has(r.relid));

  // row types of tables and views, and their arrays, by type oid (PostgreSQL's pg_type rows;
  // Relata has none: the row type's oid is the relation's, its array's ROW_ARRAY_OID_BASE + it)
  const rowTypes = new Map<string, string>();
  for (const [t, arr, rel] of await q(`SELECT t.oid, t.typarray, t.typrelid FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_class c ON c.oid = t.typrelid WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')`)) {
    rowTypes.set(str(t), str(rel));
    if (str(arr) !== '0') rowTypes.set(str(arr), str(rel));
  }
  const rowTypeRelation = (typeOid: string): string | null => {
    const t = Number(typeOid);
    const rel = rowTypes.get(typeOid) ?? String(t >= ROW_ARRAY_OID_BASE ? t - ROW_ARRAY_OID_BASE : t);
    return relations.has(rel) ? rel : null;
  };
  for (const r of await q(`SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef,
      a.attidentity, a.attgenerated, a.attisdropped, a.attislocal, a.attstattarget,
      CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage ELSE '' END, a.atttypid
      FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid WHERE a.attnum > 0 AND a.attrelid >= 16384`)) {
    const rel = relations.get(str(r[0]));
    if (!rel) continue;
    rel.columns.push({
      attnum: Number(r[1]), name: str(r[2]), type: str(r[3]), notNull: bool(r[4]), hasDef: bool(r[5]), identity: str(r[6]),
      generated: str(r[7]), dropped: bool(r[8]), isLocal: bool(r[9]), statTarget: Number(r[10]), storage: str(r[11] ?? ''), rowTypeOf: rowTypeRelation(str(r[12])),
    });
  }
  for (const rel of relations.values()) rel.columns.sort((a, b) => a.attnum - b.attnum);

  const attrdefs = mine((await q('SELECT oid, adrelid, adnum, pg_catalog.pg_get_expr(adbin, adrelid) FROM pg_catalog.pg_attrdef WHERE adrelid >= 16384'))
    .map(([oid, relid, attnum, expr]) => ({ oid: str(oid), relid: str(relid), attnum: Number(attnum), expr: str(expr) })));

  const constraints = mine((await q(`SELECT oid, conname, conrelid, contype, conindid, convalidated, conislocal,
      pg_catalog.pg_get_constraintdef(oid), conparentid FROM pg_catalog.pg_constraint WHERE conrelid >= 16384 AND contype <> 't'`))
    .map(([oid, name, relid, type, indid, validated, isLocal, def, parentid]) => ({
      oid: str(oid), name: str(name), relid: str(relid), type: str(type), indid: str(indid), validated: bool(validated),
      isLocal: bool(isLocal), def: str(def), parentid: str(parentid),
    })));
  for (const [oid, key] of await q(`SELECT oid, pg_catalog.pg_get_partkeydef(oid) FROM pg_catalog.pg_class WHERE relkind = 'p' AND oid >= 16384`)) {
    const rel = relations.get(str(oid));
    if (rel) rel.partitionKey = str(key);
  }
  for (const [oid, bound] of await q(`SELECT oid, pg_catalog.pg_get_expr(relpartbound, oid) FROM pg_catalog.pg_class
      WHERE relispartition AND relkind IN ('r', 'p') AND oid >= 16384`)) {
    const rel = relations.get(str(oid));
    if (rel) rel.partitionBound = str(bound);
  }

  const indexes = mine((await q('SELECT indexrelid, indrelid, pg_catalog.pg_get_indexdef(indexrelid), indisclustered FROM pg_catalog.pg_index WHERE indrelid >= 16384'))
    .map(([oid, relid, def, clustered]) => ({ oid: str(oid), relid: str(relid), def: str(def), statTargets: [] as IndexDef['statTargets'], clustered: bool(clustered) })));
  const indexById = new Map(indexes.map(ix => [ix.oid, ix]));
  for (const [relid, attnum, target] of await q(`SELECT attrelid, attnum, attstattarget FROM pg_catalog.pg_attribute
      WHERE attstattarget >= 0 AND attrelid >= 16384 AND attrelid IN (SELECT indexrelid FROM pg_catalog.pg_index) ORDER BY 1, 2`)) {
    indexById.get(str(relid))?.statTargets.push({ attnum: Number(attnum), target: Number(target) });
  }

  const sequences = (await q(`SELECT seqrelid, pg_catalog.format_type(seqtypid, NULL), seqstart, seqincrement, seqmax, seqmin, seqcache,
      seqcycle FROM pg_catalog.pg_sequence`))
    .filter(([oid]) => relations.has(str(oid)))
    .map(([oid, type, start, increment, max, min, cache, cycle]) => ({
      oid: str(oid), type: str(type), start: str(start), increment: str(increment), max: str(max), min: str(min), cache: str(cache),
      cycle: bool(cycle),
    }));

  for (const [oid, def] of await q(`SELECT oid, pg_catalog.pg_get_viewdef(oid) FROM pg_catalog.pg_class WHERE relkind = 'v' AND oid >= 16384`)) {
    const rel = relations.get(str(oid));
    if (rel) rel.view = { query: str(def).replace(/;$/, ''), checkOption: '' };
  }
  for (const [schema, name, option] of await q(`SELECT table_schema, table_name, check_option FROM information_schema.views
      WHERE check_option <> 'NONE'`)) {
    const rel = [...relations.values()].find(r => r.view && r.ns.name === schema && r.name === name);
    if (rel) rel.view!.checkOption = str(option);
  }
  const viewRules = new Map((await q(`SELECT oid, ev_class FROM pg_catalog.pg_rewrite WHERE ev_type = '1' AND is_instead`))
    .filter(([, view]) => relations.has(str(view))).map(([oid, view]) => [str(oid), str(view)]));

  const inherits = new Map<string, string[]>();
  const inh = (await q('SELECT inhrelid, inhparent, inhseqno FROM pg_catalog.pg_inherits'))
    .filter(([child]) => relations.has(str(child)))
    .sort((a, b) => Number(a[2]) - Number(b[2]));
  for (const [child, parent] of inh) {
    const list = inherits.get(str(child)) ?? [];
    list.push(str(parent));
    inherits.set(str(child), list);
  }

  const comments = (await q(`SELECT objoid, classoid, objsubid, description FROM pg_catalog.pg_description
      WHERE objoid >= 16384 OR classoid = 2615`))
    .map(([objoid, classoid, subid, text]) => ({ objoid: str(objoid), classoid: str(classoid), subid: Number(subid), text: str(text) }));

  const depends = (await q(`SELECT classid, objid, objsubid, refclassid, refobjid, refobjsubid, deptype FROM pg_catalog.pg_depend
      WHERE deptype <> 'p' AND deptype <> 'e' AND objid >= 16384`))
    .map(([classid, objid, objsubid, refclassid, refobjid, refobjsubid, deptype]) => ({
      classid: str(classid), objid: str(objid), objsubid: Number(objsubid), refclassid: str(refclassid), refobjid: str(refobjid),
      refobjsubid: Number(refobjsubid), deptype: str(deptype),
    }))
    // pg_dump reads them ordered by classid, objid
    .sort((a, b) => Number(a.classid) - Number(b.classid) || Number(a.objid) - Number(b.objid));

  const types = await readTypes(q, namespaces, relations, owner);
  // pg_dump's getTriggers: a constraint trigger's pg_constraint entry comes with it
  const triggers = mine((await q(`SELECT oid, tgrelid, tgname, pg_catalog.pg_get_triggerdef(oid, false), tgenabled FROM pg_catalog.pg_trigger
      WHERE NOT tgisinternal AND tgparentid = 0 AND tgrelid >= 16384`))
    .map(([oid, relid, name, def, enabled]) => ({ oid: str(oid), relid: str(relid), name: str(name), def: str(def), enabled: str(enabled) })));

  const functions = await readFunctions(q, namespaces, owner);
  const aggregates = await readAggregates(q, namespaces, owner);
  const policies = await readPolicies(q, relations);

  return {
    serverVersion: str(version), namespaces: [...namespaces.values()], relations: [...relations.values()], attrdefs, constraints, indexes,
    sequences, types, viewRules, inherits, comments, depends, triggers, functions, aggregates, policies,
  };
}

/** Enums, domains and composite types of the dumped schemas (a table's row type is not one of them). */
async function readTypes(q: (sql: string) => Promise<Row[]>, namespaces: Map<string, Namespace>, relations: Map<string, Relation>,
  owner: (oid: string | null) => string): Promise<TypeDef[]> {
  const types = new Map<string, TypeDef>();
  for (const [oid, name, nsp, own, kind, base, notNull, def, relid] of await q(`SELECT oid, typname, typnamespace, typowner, typtype,
      pg_catalog.format_type(typbasetype, typtypmod), typnotnull, typdefault, typrelid FROM pg_catalog.pg_type
      WHERE typtype IN ('e', 'd', 'c') AND oid >= 16384`)) {
    const ns = namespaces.get(str(nsp));
    if (!ns || (str(kind) === 'c' && relations.get(str(relid))?.relkind !== 'c')) continue;
    types.set(str(oid), { oid: str(oid), name: str(name), ns, owner: owner(own), kind: str(kind), labels: [], base: str(base), notNull: bool(notNull),
      default: def, checks: [], relid: str(relid) });
  }
  for (const [typid, label] of await q('SELECT enumtypid, enumlabel FROM pg_catalog.pg_enum ORDER BY enumtypid, enumsortorder')) {
    types.get(str(typid))?.labels.push(str(label));
  }
  for (const [typid, name, def, validated, oid] of await q(`SELECT contypid, conname, pg_catalog.pg_get_constraintdef(oid), convalidated, oid
      FROM pg_catalog.pg_constraint WHERE contypid >= 16384 ORDER BY conname`)) {
    types.get(str(typid))?.checks.push({ oid: str(oid), name: str(name), def: str(def), validated: bool(validated) });
  }
  return [...types.values()];
}

