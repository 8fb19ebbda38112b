// The dumpable objects of a schema model, with the dependencies pg_dump gives them: those of
// pg_depend, plus its own (a table after the defaults and CHECKs written inside it, data
// after its table, a partition's ATTACH after both tables, everything in its section
// between the pre-data and post-data boundaries).
import type { AttrDef, Constraint, IndexDef, Namespace, Relation, SchemaModel, SequenceDef, TriggerDef, TypeDef } from './read.js';
import { strcmp, type SortObject } from './sort.js';
import type { FunctionDef } from './functions.js';
import type { AggregateDef } from './aggregates.js';
import type { PolicyDef } from './policies.js';

/** pg_class, pg_namespace, pg_constraint, pg_attrdef, pg_rewrite: the catalogs pg_depend names objects by. */
export const CLASS = { relation: '1259', namespace: '2615', constraint: '2606', attrdef: '2604', rewrite: '2618', type: '1247', trigger: '2620', proc: '1255' } as const;

type IndexObject = SortObject & { type: 'index'; rel: Relation; index: IndexDef; con: Constraint | null };

export type DumpObject = SortObject & (
  | { type: 'namespace'; ns: Namespace }
  | { type: 'type'; typ: TypeDef }
  | { type: 'function'; fn: FunctionDef }
  | { type: 'aggregate'; agg: AggregateDef }
  | { type: 'table'; rel: Relation; sequence?: SequenceDef }
  | { type: 'tableAttach'; rel: Relation; parent: Relation }
  | { type: 'attrdef'; rel: Relation; def: AttrDef | null; expr: string }
  | { type: 'constraint'; rel: Relation; con: Constraint }
  | { type: 'fkConstraint'; rel: Relation; con: Constraint }
  | { type: 'trigger'; rel: Relation; trigger: TriggerDef }
  /** A policy, or (policy null) the table's ENABLE ROW LEVEL SECURITY. */
  | { type: 'policy'; rel: Relation; policy: PolicyDef | null }
  | { type: 'index'; rel: Relation; index: IndexDef; con: Constraint | null }
  | { type: 'indexAttach'; index: IndexObject; parent: IndexObject }
  | { type: 'tableData' | 'sequenceSet'; rel: Relation }
  | { type: 'preData' | 'postData' }
);

export interface DumpObjects {
  objects: DumpObject[];
  postDataId: number;
  /** Per table oid, its default objects by attnum (inline ones included). */
  attrdefs: Map<string, Map<number, DumpObject & { type: 'attrdef' }>>;
  /** Per table oid, its CHECK constraint objects, by name. */
  checks: Map<string, (DumpObject & { type: 'constraint' })[]>;
  /** Per sequence oid, the column that owns it, and whether it is an identity's. */
  owned: Map<string, { table: Relation; attnum: number; identity: boolean }>;
}

type NewObject<T> = T extends unknown ? Omit<T, 'id' | 'deps'> : never;

/** pg_dump's shouldPrintColumn: the column is written in its table's CREATE TABLE (a partition writes all). */
export const shouldPrintColumn = (rel: Relation, i: number): boolean =>
  !rel.columns[i].dropped && (rel.columns[i].isLocal || rel.partitionBound !== undefined);

const isTable = (r: Relation) => r.relkind === 'r' || r.relkind === 'p';
const byOid = (a: { oid: string }, b: { oid: string }) => Number(a.oid) - Number(b.oid);

const KINDS: Record<string, string> = { m: 'materialized view', f: 'foreign table' };

export function buildObjects(m: SchemaModel): DumpObjects {
  for (const r of m.relations) {
    if (KINDS[r.relkind]) throw new Error(`cannot dump ${KINDS[r.relkind]} "${r.ns.name}.${r.name}": not supported yet`);
  }
  for (const con of m.constraints) {
    if (!['c', 'f', 'p', 'u', 'x'].includes(con.type)) throw new Error(`constraint "${con.name}" of type "${con.type}" cannot be dumped yet`);
  }
  const objects: DumpObject[] = [];
  const byCatalogId = new Map<string, DumpObject>();
  const add = <T extends DumpObject>(o: NewObject<T>, classid?: string): T => {
    const obj = { ...o, id: objects.length + 1, deps: [] } as unknown as T;
    objects.push(obj);
    if (classid) byCatalogId.set(`${classid}:${obj.oid}`, obj);
    return obj;
  };
  const rels = new Map(m.relations.map(r => [r.oid, r]));
  const tables = m.relations.filter(isTable).sort(byOid);
  const sequences = new Map(m.sequences.map(s => [s.oid, s]));
  const parentsOf = (r: Relation) => (m.inherits.get(r.oid) ?? []).map(p => rels.get(p)).filter((p): p is Relation => !!p);

  for (const ns of [...m.namespaces].sort(byOid)) {
    add({ type: 'namespace', namespace: null, name: ns.name, oid: Number(ns.oid), ns }, CLASS.namespace);
  }
  // enums, domains and composite types (a composite type's pg_class entry is part of it)
  for (const typ of [...(m.types ?? [])].sort(byOid)) {
    if (typ.checks.some(c => !c.validated)) throw new Error(`cannot dump the NOT VALID constraint of domain "${typ.ns.name}.${typ.name}": not supported yet`);
    const o = add({ type: 'type', namespace: typ.ns.name, name: typ.name, oid: Number(typ.oid), typ }, CLASS.type);
    if (typ.kind === 'c') byCatalogId.set(`${CLASS.relation}:${typ.relid}`, o);
  }
  // functions and procedures (getFuncs: in oid order)
  for (const fn of [...(m.functions ?? [])].sort(byOid)) {
    add({ type: 'function', namespace: fn.ns.name, name: fn.name, oid: Number(fn.oid), fn }, CLASS.proc);
  }
  for (const agg of [...(m.aggregates ?? [])].sort(byOid)) {
    add({ type: 'aggregate', namespace: agg.ns.name, name: agg.name, oid: Number(agg.oid), agg }, CLASS.proc);
  }
  const tableObj = new Map<string, DumpObject>();
  for (const rel of m.relations.filter(r => isTable(r) || r.relkind === 'S' || r.relkind === 'v').sort(byOid)) {
    tableObj.set(rel.oid, add({ type: 'table', namespace: rel.ns.name, name: rel.name, oid: Number(rel.oid), rel, sequence: sequences.get(rel.oid) },
      CLASS.relation));
  }
  // a partition is created as a table and attached to its parent afterwards (flagInhTables)
  for (const rel of tables) {
    const [parent] = parentsOf(rel);
    if (rel.partitionBound === undefined || !parent) continue;
    const o = add({ type: 'tableAttach', namespace: rel.ns.name, name: rel.name, oid: 0, rel, parent });
    o.deps.push(tableObj.get(rel.oid)!.id, tableObj.get(parent.oid)!.id);
  }

  // column defaults, and the DEFAULT NULL a child needs where a parent has a default and it has none (flagInhAttrs)
  const attrdefs = new Map<string, Map<number, DumpObject & { type: 'attrdef' }>>();
  const checks = new Map<string, (DumpObject & { type: 'constraint' })[]>();
  for (const rel of tables) {
    const t = tableObj.get(rel.oid)!;
    const defs = new Map<number, DumpObject & { type: 'attrdef' }>();
    for (const d of m.attrdefs.filter(x => x.relid === rel.oid).sort((a, b) => a.attnum - b.attnum)) {
      const i = rel.columns.findIndex(c => c.attnum === d.attnum);
      if (i < 0 || rel.columns[i].dropped) continue;
      const separate = !shouldPrintColumn(rel, i);
      const o = add<DumpObject & { type: 'attrdef' }>({
        type: 'attrdef', namespace: rel.ns.name, name: rel.name, oid: Number(d.oid), adnum: d.attnum, owningTable: t, separate, rel, def: d, expr: d.expr,
      }, CLASS.attrdef);
      // a default written inside CREATE TABLE must exist before it (loops are repaired while sorting)
      if (!separate) t.deps.push(o.id);
      defs.set(d.attnum, o);
    }
    const parents = parentsOf(rel);
    rel.columns.forEach((c, i) => {
      if (c.dropped || defs.has(c.attnum)) return;
      const parentDefault = parents.some(p => {
        const pc = p.columns.find(x => !x.dropped && x.name === c.name);
        return pc && pc.hasDef && !pc.generated;
      });
      if (!parentDefault) return;
      const separate = !shouldPrintColumn(rel, i);
      const o = add<DumpObject & { type: 'attrdef' }>({
        type: 'attrdef', namespace: rel.ns.name, name: rel.name, oid: 0, adnum: c.attnum, owningTable: t, separate, rel, def: null, expr: 'NULL',
      });
      if (separate) o.deps.push(t.id);
      defs.set(c.attnum, o);
    });
    attrdefs.set(rel.oid, defs);

    // CHECK constraints: inside CREATE TABLE unless NOT VALID (then after the data)
    const list: (DumpObject & { type: 'constraint' })[] = [];
    for (const con of m.constraints.filter(c => c.relid === rel.oid && c.type === 'c').sort((a, b) => strcmp(a.name, b.name))) {
      const o = add<DumpObject & { type: 'constraint' }>({
        type: 'constraint', namespace: rel.ns.name, name: con.name, oid: Number(con.oid), contype: 'c', owningTable: t, separate: !con.validated, rel, con,
      }, CLASS.constraint);
      if (!o.separate) t.deps.push(o.id);
      list.push(o);
    }
    checks.set(rel.oid, list);
  }

  // indexes, and the PRIMARY KEY / UNIQUE constraints some of them implement (getIndexes)
  const indexObj = new Map<string, IndexObject>();
  for (const ix of [...m.indexes].sort(byOid)) {
    const rel = rels.get(ix.relid);
    const ixRel = rels.get(ix.oid);
    if (!rel || !ixRel || !isTable(rel)) continue;
    const con = m.constraints.find(c => c.indid === ix.oid && c.relid === rel.oid && (c.type === 'p' || c.type === 'u' || c.type === 'x')) ?? null;
    indexObj.set(ix.oid, add<IndexObject>({ type: 'index', namespace: rel.ns.name, name: ixRel.name, oid: Number(ix.oid), rel, index: ix, con }, CLASS.relation));
    if (con) {
      add({ type: 'constraint', namespace: rel.ns.name, name: ixRel.name, oid: Number(con.oid), contype: con.type, separate: true, rel, con }, CLASS.constraint);
    }
  }
  // foreign keys; a partition's copies of its parent's come with the parent's (conparentid)
  for (const con of m.constraints.filter(c => c.type === 'f' && c.parentid === '0').sort(byOid)) {
    const rel = rels.get(con.relid)!;
    add({ type: 'fkConstraint', namespace: rel.ns.name, name: con.name, oid: Number(con.oid), separate: true, rel, con }, CLASS.constraint);
  }
  // triggers (dumpTrigger), after their table
  for (const tr of (m.triggers ?? []).slice().sort(byOid)) {
    const rel = rels.get(tr.relid);
    if (!rel) continue;
    const o = add({ type: 'trigger', namespace: rel.ns.name, name: `${rel.name} ${tr.name}`, oid: Number(tr.oid), rel, trigger: tr }, CLASS.trigger);
    o.deps.push(tableObj.get(rel.oid)!.id);
  }
  // getPolicies: each table's ENABLE ROW LEVEL SECURITY (named as the table), then the policies
  for (const rel of tables) {
    if (!rel.rowSecurity) continue;
    const o = add({ type: 'policy', namespace: rel.ns.name, name: rel.name, oid: Number(rel.oid), rel, policy: null });
    o.deps.push(tableObj.get(rel.oid)!.id);
  }
  for (const p of (m.policies ?? []).slice().sort(byOid)) {
    const rel = rels.get(p.relid);
    if (!rel) continue;
    const o = add({ type: 'policy', namespace: rel.ns.name, name: p.name, oid: Number(p.oid), rel, policy: p });
    o.deps.push(tableObj.get(rel.oid)!.id);
  }
  // a partition's index is attached to its parent's index (flagInhIndexes)
  for (const ix of [...indexObj.values()]) {
    const parent = indexObj.get(m.inherits.get(ix.index.oid)?.[0] ?? '');
    if (!parent || ix.rel.partitionBound === undefined) continue;
    const o = add({ type: 'indexAttach', namespace: ix.rel.ns.name, name: ix.name, oid: 0, index: ix, parent });
    o.deps.push(ix.id, parent.id, tableObj.get(ix.rel.oid)!.id, tableObj.get(parent.rel.oid)!.id);
  }

  // a column of another table's row type, or of its array, needs that table first (pg_dump
  // follows pg_depend through the row type, which is no object of its own here)
  for (const rel of m.relations) {
    const o = tableObj.get(rel.oid);
    for (const c of o ? rel.columns : []) {
      const ref = c.rowTypeOf ? tableObj.get(c.rowTypeOf) : undefined;
      if (ref && ref !== o) o!.deps.push(ref.id);
    }
  }
  // pg_depend, as pg_dump reads it (sub-object numbers do not matter to it)
  const owned = new Map<string, { table: Relation; attnum: number; identity: boolean }>();
  for (const d of m.depends) {
    // a view's ON SELECT rule is written inside CREATE VIEW: what the rule depends on, the view does
    const rule = d.classid === CLASS.rewrite ? m.viewRules.get(d.objid) : undefined;
    if (rule === d.refobjid && d.refclassid === CLASS.relation) continue;
    const dobj = rule ? byCatalogId.get(`${CLASS.relation}:${rule}`) : byCatalogId.get(`${d.classid}:${d.objid}`);
    const ref = byCatalogId.get(`${d.refclassid}:${d.refobjid}`);
    // (a composite type and its pg_class entry are one object here)
    if (!dobj || !ref || dobj === ref) continue;
    dobj.deps.push(ref.id);
    if (dobj.type === 'table' && dobj.rel.relkind === 'S' && ref.type === 'table' && d.objsubid === 0 && d.refobjsubid > 0 &&
      (d.deptype === 'a' || d.deptype === 'i')) {
      owned.set(dobj.rel.oid, { table: ref.rel, attnum: d.refobjsubid, identity: d.deptype === 'i' });
    }
  }

  // data of every table that stores rows, and the values of the sequences (makeTableDataInfo)
  for (const rel of m.relations.filter(r => r.relkind === 'r' || r.relkind === 'S').sort(byOid)) {
    const o = add({ type: rel.relkind === 'S' ? 'sequenceSet' : 'tableData', namespace: rel.ns.name, name: rel.name, oid: Number(rel.oid), rel });
    o.deps.push(tableObj.get(rel.oid)!.id);
  }

  // the section boundaries (addBoundaryDependencies)
  const pre = add({ type: 'preData', namespace: null, name: 'PRE-DATA BOUNDARY', oid: 0 });
  const post = add({ type: 'postData', namespace: null, name: 'POST-DATA BOUNDARY', oid: 0 });
  for (const o of objects) {
    switch (o.type) {
      case 'namespace': case 'type': case 'function': case 'aggregate': case 'table': case 'tableAttach': case 'attrdef': pre.deps.push(o.id); break;
      case 'tableData': case 'sequenceSet': o.deps.push(pre.id); post.deps.push(o.id); break;
      case 'index': case 'indexAttach': case 'trigger': case 'policy': o.deps.push(post.id); break;
      case 'constraint': case 'fkConstraint': if (o.separate) o.deps.push(post.id); break;
      case 'postData': o.deps.push(pre.id); break;
      case 'preData': break;
    }
  }
  return { objects, postDataId: post.id, attrdefs, checks, owned };
}
