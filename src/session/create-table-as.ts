// CREATE TABLE … AS and SELECT … INTO: the query's result columns become a new table
// (unknown-typed literals as text, typmods kept), created as CREATE TABLE would with
// those columns, then filled with the query's rows unless WITH NO DATA.
import { checkQueryPrivileges } from '../privileges/requests.js';
import { PgError } from '../errors/index.js';
import type { SelectAnalyzer } from '../analyzer/select.js';
import type { Query } from '../analyzer/query.js';
import type { CommandContext } from '../commands/context.js';
import type { StatementResult } from '../commands/utility.js';
import { createTable, resolveCreationSchema } from '../commands/create-table.js';
import type { Table } from '../catalog/objects.js';
import { insertRow } from '../integrity/writer.js';
import type { Env } from '../executor/env.js';
import { runSubquery } from '../executor/query.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

/** SELECT … INTO t …: the same statement as CREATE TABLE t AS SELECT … */
export function selectIntoAsCreateTableAs(select: any): any {
  const { intoClause, ...rest } = select;
  return { query: { SelectStmt: rest }, into: intoClause, objtype: 'OBJECT_TABLE', is_select_into: true };
}

export function createTableAs(cx: CommandContext, n: any, env: Env, analyzer: () => SelectAnalyzer): StatementResult {
  if (n.objtype === 'OBJECT_MATVIEW') throw new PgError('0A000', 'materialized views are not supported');
  const into = n.into;
  const rv = into.rel;
  const schema = resolveCreationSchema(cx, rv);
  if (schema.relations.has(rv.relname)) {
    if (n.if_not_exists) {
      cx.notice({ severity: 'NOTICE', code: '42P07', message: `relation "${rv.relname}" already exists, skipping` });
      return { command: 'CREATE TABLE AS', rowCount: null };
    }
    throw new PgError('42P07', `relation "${rv.relname}" already exists`);
  }
  const stmt = n.query?.SelectStmt;
  if (!stmt) throw new PgError('0A000', `CREATE TABLE AS ${Object.keys(n.query ?? {})[0] ?? ''} is not supported`);
  const q: Query = analyzer().select(stmt, null);
  checkQueryPrivileges(cx.catalog, cx.user, q);
  const outputs = q.targets.filter(t => !t.junk);
  const names: string[] = (into.colNames ?? []).map(str);
  if (names.length > outputs.length) throw new PgError('42601', 'too many column names were specified');
  const columns = outputs.map((t, i) => {
    const type = t.expr.type === OID.unknown ? OID.text : t.expr.type;
    const pg = typeByOid(type);
    if (!pg || pg.category === 'P') throw new PgError('42P16', `column "${names[i] ?? t.name}" has pseudo-type ${pg?.name ?? type}`);
    return { name: names[i] ?? t.name, type, typmod: t.expr.type === OID.unknown ? -1 : t.expr.typmod };
  });
  const rows = into.skipData ? [] : runSubquery(q, env);
  createTable(cx, {
    relation: rv, options: into.options, oncommit: into.onCommit, tableSpaceName: into.tableSpaceName,
    tableElts: columns.map(c => ({ ColumnDef: { colname: c.name, is_local: true, location: -1,
      typeName: { names: [{ String: { sval: 'pg_catalog' } }, { String: { sval: typeByOid(c.type)!.name } }], typemod: c.typmod, location: -1 } } })),
  });
  const table = schema.relations.get(rv.relname) as Table;
  for (const r of rows) insertRow(cx.write, table, r.slice(0, columns.length));
  if (into.skipData && !n.is_select_into) return { command: 'CREATE TABLE AS', rowCount: null };
  return { command: `SELECT ${rows.length}`, rowCount: rows.length };
}
