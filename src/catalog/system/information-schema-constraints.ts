// information_schema's constraint views: table_constraints, check_constraints,
// key_column_usage, referential_constraints, constraint_column_usage (PostgreSQL 15's
// information_schema.sql, over the live catalog). NOT NULL columns show as CHECK
// constraints named <schema oid>_<table oid>_<attnum>_not_null, as PostgreSQL 15 does.
import { OID } from '../../types/oids.js';
import type { Catalog } from '../catalog.js';
import type { Column, Constraint, Table } from '../objects.js';
import { allRelations, isView } from './pg-class.js';
import type { SystemRelationDef } from './relation.js';
import { storedExprPrinter } from './stored-expr.js';

const sqlIdentifier = OID.name, characterData = OID.varchar, yesOrNo = OID.varchar, cardinalNumber = OID.int4;
const yesNo = (b: boolean) => (b ? 'YES' : 'NO');

const CONSTRAINT_TYPE: Record<Constraint['type'], string> = { c: 'CHECK', f: 'FOREIGN KEY', p: 'PRIMARY KEY', u: 'UNIQUE', x: 'EXCLUDE' };
const RULE: Record<string, string> = { c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT', r: 'RESTRICT', a: 'NO ACTION' };
const MATCH: Record<string, string> = { f: 'FULL', p: 'PARTIAL', s: 'NONE' };

/** Base tables (relkind 'r'), system catalogs included as PostgreSQL's views include them. */
function baseTables(cat: Catalog): Table[] {
  return allRelations(cat).filter((r): r is Table => r.kind === 'table' && !isView(r));
}

const liveColumns = (t: Table): Column[] => t.columns.filter(c => !c.dropped);
const notNullName = (t: Table, c: Column) => `${t.schema.oid}_${t.oid}_${c.attnum}_not_null`;
const colName = (t: Table, attnum: number) => t.columns[attnum - 1].name;

function view(name: string, oid: number, cols: [string, number][], rows: (cat: Catalog) => unknown[][]): SystemRelationDef {
  return { schema: 'information_schema', name, oid, view: true, columns: cols.map(([n, type]) => ({ name: n, type })), rows };
}

function tableConstraints(database: string): SystemRelationDef {
  return view('table_constraints', 13110, [
    ['constraint_catalog', sqlIdentifier], ['constraint_schema', sqlIdentifier], ['constraint_name', sqlIdentifier],
    ['table_catalog', sqlIdentifier], ['table_schema', sqlIdentifier], ['table_name', sqlIdentifier], ['constraint_type', characterData],
    ['is_deferrable', yesOrNo], ['initially_deferred', yesOrNo], ['enforced', yesOrNo], ['nulls_distinct', yesOrNo],
  ], cat => {
    const out: unknown[][] = [];
    const tables = baseTables(cat);
    for (const t of tables) {
      for (const c of t.constraints) {
        if (c.type === 'x') continue; // the standard has no exclusion constraints (table_constraints lists c, f, p, u)
        out.push([database, t.schema.name, c.name, database, t.schema.name, t.name, CONSTRAINT_TYPE[c.type], yesNo(c.deferrable),
          yesNo(c.initiallyDeferred), 'YES', c.type === 'u' ? yesNo(!c.index?.nullsNotDistinct) : null]);
      }
    }
    for (const t of tables) {
      for (const c of liveColumns(t)) {
        if (c.notNull) out.push([database, t.schema.name, notNullName(t, c), database, t.schema.name, t.name, 'CHECK', 'NO', 'NO', 'YES', null]);
      }
    }
    return out;
  });
}

function checkConstraints(database: string): SystemRelationDef {
  return view('check_constraints', 13111, [
    ['constraint_catalog', sqlIdentifier], ['constraint_schema', sqlIdentifier], ['constraint_name', sqlIdentifier], ['check_clause', characterData],
  ], cat => {
    const out: unknown[][] = [];
    const printer = storedExprPrinter(cat);
    const tables = baseTables(cat);
    for (const t of tables) {
      for (const c of t.constraints) {
        if (c.type !== 'c') continue;
        // substring(pg_get_constraintdef(oid) from 7): the definition without "CHECK "
        const def = printer ? printer.constraintDef(c) : `CHECK ((${c.check?.text ?? ''}))`;
        out.push([database, t.schema.name, c.name, def.slice(6)]);
      }
    }
    for (const t of tables) {
      for (const c of liveColumns(t)) if (c.notNull) out.push([database, t.schema.name, notNullName(t, c), `${c.name} IS NOT NULL`]);
    }
    return out;
  });
}

function keyColumnUsage(database: string): SystemRelationDef {
  return view('key_column_usage', 13112, [
    ['constraint_catalog', sqlIdentifier], ['constraint_schema', sqlIdentifier], ['constraint_name', sqlIdentifier],
    ['table_catalog', sqlIdentifier], ['table_schema', sqlIdentifier], ['table_name', sqlIdentifier], ['column_name', sqlIdentifier],
    ['ordinal_position', cardinalNumber], ['position_in_unique_constraint', cardinalNumber],
  ], cat => {
    const out: unknown[][] = [];
    for (const t of baseTables(cat)) {
      for (const c of t.constraints) {
        if (c.type === 'c' || c.type === 'x') continue;
        c.columns.forEach((attnum, i) => {
          // for a foreign key: where its referenced column sits in the referenced unique key
          const inUnique = c.fk ? c.fk.refIndex.columns.indexOf(c.fk.refColumns[i]) + 1 || null : null;
          out.push([database, t.schema.name, c.name, database, t.schema.name, t.name, colName(t, attnum), i + 1, inUnique]);
        });
      }
    }
    return out;
  });
}

function referentialConstraints(database: string): SystemRelationDef {
  return view('referential_constraints', 13113, [
    ['constraint_catalog', sqlIdentifier], ['constraint_schema', sqlIdentifier], ['constraint_name', sqlIdentifier],
    ['unique_constraint_catalog', sqlIdentifier], ['unique_constraint_schema', sqlIdentifier], ['unique_constraint_name', sqlIdentifier],
    ['match_option', characterData], ['update_rule', characterData], ['delete_rule', characterData],
  ], cat => {
    const out: unknown[][] = [];
    for (const t of baseTables(cat)) {
      for (const c of t.constraints) {
        if (!c.fk) continue;
        const uc = c.fk.refIndex.constraint;
        out.push([database, t.schema.name, c.name, uc ? database : null, uc ? uc.table.schema.name : null, uc ? uc.name : null,
          MATCH[c.fk.match] ?? null, RULE[c.fk.onUpdate] ?? null, RULE[c.fk.onDelete] ?? null]);
      }
    }
    return out;
  });
}

/** The columns a CHECK expression names (pg_depend's column dependencies of the constraint). */
function checkColumns(t: Table, c: Constraint): Column[] {
  const names = new Set<string>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) { n.forEach(walk); return; }
    const ref = (n as { ColumnRef?: { fields: { String?: { sval: string } }[] } }).ColumnRef;
    if (ref) {
      const last = ref.fields[ref.fields.length - 1]?.String?.sval;
      if (last !== undefined) names.add(last);
      return;
    }
    Object.values(n).forEach(walk);
  };
  walk(c.check?.expr);
  return liveColumns(t).filter(col => names.has(col.name));
}

function constraintColumnUsage(database: string): SystemRelationDef {
  return view('constraint_column_usage', 13114, [
    ['table_catalog', sqlIdentifier], ['table_schema', sqlIdentifier], ['table_name', sqlIdentifier], ['column_name', sqlIdentifier],
    ['constraint_catalog', sqlIdentifier], ['constraint_schema', sqlIdentifier], ['constraint_name', sqlIdentifier],
  ], cat => {
    const out: unknown[][] = [];
    const row = (t: Table, column: string, c: Constraint) =>
      out.push([database, t.schema.name, t.name, column, database, c.table.schema.name, c.name]);
    for (const t of baseTables(cat)) {
      for (const c of t.constraints) {
        if (c.type === 'c') for (const col of checkColumns(t, c)) row(t, col.name, c);
        else if (c.fk) for (const a of c.fk.refColumns) row(c.fk.refTable, colName(c.fk.refTable, a), c);
        else for (const a of c.columns) row(t, colName(t, a), c);
      }
    }
    return out;
  });
}

export const informationSchemaConstraintViews = (database: string): SystemRelationDef[] => [
  tableConstraints(database), checkConstraints(database), keyColumnUsage(database), referentialConstraints(database),
  constraintColumnUsage(database),
];
