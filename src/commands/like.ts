// CREATE TABLE … (LIKE source [INCLUDING | EXCLUDING …]) as parse_utilcmd.c's
// transformTableLikeClause and expandTableLikeClause do it: the source's columns become
// column definitions where the LIKE stands (type, NOT NULL; DEFAULT and IDENTITY when
// included); CHECK constraints, indexes and comments follow once the table exists, with the
// names PostgreSQL chooses for them.
import { copyExclusion } from './exclusion.js';
import { indexColumns } from '../catalog/index-keys.js';
import { PgError } from '../errors/index.js';
import { CLASS, type Sequence, type Table } from '../catalog/objects.js';
import { chooseName, columnsNamePart } from '../catalog/names.js';
import { typeByOid } from '../types/registry.js';
import type { CommandContext } from './context.js';
import { addConstraint, createIndex } from './constraints.js';

// TableLikeOption bits (nodes/parsenodes.h)
const COMMENTS = 1 << 0, CONSTRAINTS = 1 << 2, DEFAULTS = 1 << 3, IDENTITY = 1 << 5, INDEXES = 1 << 6;

interface Copy { source: Table; options: number }

/**
 * The CREATE TABLE with its LIKE clauses made column definitions, and what to add once the
 * table exists; null when it has no LIKE.
 */
export function expandTableLike(cx: CommandContext, n: any): { stmt: any; after: (table: Table) => void } | null {
  const elts = (n.tableElts ?? []) as any[];
  if (!elts.some(e => e.TableLikeClause)) return null;
  const copies: Copy[] = [];
  const tableElts: any[] = [];
  for (const el of elts) {
    if (!el.TableLikeClause) { tableElts.push(el); continue; }
    const { relation: rv, options } = el.TableLikeClause;
    const at = rv.location >= 0 ? { position: rv.location + 1 } : {};
    const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
    if (!rel) throw new PgError('42P01', `relation "${rv.schemaname ? rv.schemaname + '.' : ''}${rv.relname}" does not exist`, at);
    if (rel.kind !== 'table') {
      const what = rel.kind === 'sequence' ? 'sequences' : rel.kind === 'index' ? 'indexes' : `${rel.kind}s`;
      throw new PgError('42809', `relation "${rel.name}" is invalid in LIKE clause`, { ...at, detail: `This operation is not supported for ${what}.` });
    }
    copies.push({ source: rel, options: options ?? 0 });
    for (const c of rel.columns) if (!c.dropped) tableElts.push({ ColumnDef: columnDef(rel, c.attnum, options ?? 0) });
  }
  return { stmt: { ...n, tableElts }, after: table => { for (const c of copies) expandAfter(cx, table, c); } };
}

/** The definition of one column of the source, as makeTypeNameFromOid and the included options make it. */
function columnDef(source: Table, attnum: number, options: number): any {
  const col = source.columns[attnum - 1];
  const constraints: any[] = [];
  if (col.notNull) constraints.push({ Constraint: { contype: 'CONSTR_NOTNULL', location: -1 } });
  if (options & DEFAULTS && col.default && !col.identity) {
    constraints.push({ Constraint: { contype: 'CONSTR_DEFAULT', raw_expr: col.default.expr, location: -1 } });
  }
  if (options & IDENTITY && col.identity) {
    const seq = identitySequence(source, attnum);
    constraints.push({ Constraint: { contype: 'CONSTR_IDENTITY', generated_when: col.identity, options: seq ? sequenceOptions(seq) : [], location: -1 } });
  }
  const typname = typeByOid(col.typeOid)?.name ?? String(col.typeOid);
  return {
    colname: col.name, is_local: true, location: -1, constraints,
    typeName: { names: [{ String: { sval: 'pg_catalog' } }, { String: { sval: typname } }], typemod: col.typmod, location: -1 },
  };
}

function identitySequence(t: Table, attnum: number): Sequence | undefined {
  for (const r of t.schema.relations.values()) {
    if (r.kind === 'sequence' && r.identity && r.ownedBy?.table === t && r.ownedBy.attnum === attnum) return r;
  }
  return undefined;
}

/** The identity sequence's options, copied to the new column's sequence. */
function sequenceOptions(s: Sequence): any[] {
  const num = (defname: string, v: bigint) => ({ DefElem: { defname, arg: { Float: { fval: String(v) } }, location: -1 } });
  return [num('start', s.start), num('increment', s.increment), num('minvalue', s.min), num('maxvalue', s.max), num('cache', s.cache),
    { DefElem: { defname: 'cycle', arg: { Boolean: { boolval: s.cycle } }, location: -1 } }];
}

/** expandTableLikeClause: CHECK constraints, then indexes, then comments. */
function expandAfter(cx: CommandContext, table: Table, { source, options }: Copy): void {
  const attnumOf = (srcAttnum: number) => table.columns.find(c => !c.dropped && c.name === source.columns[srcAttnum - 1].name)!.attnum;
  if (options & CONSTRAINTS) {
    for (const c of source.constraints) {
      if (c.type !== 'c') continue;
      addConstraint(cx, table, { kind: 'check', name: c.name, expr: c.check!.expr, text: c.check!.text, noInherit: c.noInherit }, []);
    }
  }
  if (options & INDEXES) {
    for (const ix of source.indexes) {
      const names = indexColumns(ix).map(c => c.name);
      if (ix.exclusion) copyExclusion(cx, table, ix);
      else if (ix.constraint) {
        const kind = ix.primary ? 'primary' : 'unique';
        addConstraint(cx, table, { kind, columns: names, nullsNotDistinct: ix.nullsNotDistinct } as any, []);
      } else {
        const name = chooseName(table.name, columnsNamePart(names), 'idx', x => table.schema.relations.has(x));
        createIndex(cx, table, name, ix.columns.map(a => (a ? attnumOf(a) : 0)), ix.unique, false, ix.nullsNotDistinct, null,
          { exprs: ix.exprs, predicate: ix.predicate, options: ix.options, include: ix.include?.map(attnumOf), method: ix.method });
      }
    }
  }
  if (options & COMMENTS) {
    for (const c of source.columns) {
      if (c.dropped) continue;
      const text = cx.catalog.comments.get(`${CLASS.relation}:${source.oid}:${c.attnum}`);
      if (text !== undefined) cx.catalog.setComment(`${CLASS.relation}:${table.oid}:${attnumOf(c.attnum)}`, text);
    }
  }
}
