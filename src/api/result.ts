// The session's StatementResult turned into node-postgres's result shape: command name,
// rowCount and oid read from the command tag, fields as RowDescription describes them, rows
// as objects keyed by column name (or arrays with rowMode 'array') of pg-types values.
import type { Field, StatementResult } from '../session/result.js';
import { typeByOid } from '../types/registry.js';
import { defaultTypes, type TypeParser, type TypeParsers } from './values.js';

export interface FieldDef {
  name: string;
  /** Oid of the table the column comes from, else 0. */
  tableID: number;
  /** The column's attribute number in that table, else 0. */
  columnID: number;
  dataTypeID: number;
  /** pg_type.typlen: 4 for int4, -1 for text and other variable-length types. */
  dataTypeSize: number;
  dataTypeModifier: number;
  format: 'text';
}

export interface QueryResult<R = any> {
  /** The command name, the tag's first word: 'SELECT', 'INSERT', 'CREATE', … (null for an empty query). */
  command: string | null;
  /** The number in the tag (rows returned or affected), null when the tag has none. */
  rowCount: number | null;
  /** The oid in an INSERT tag (always 0), else null. */
  oid: number | null;
  rows: R[];
  fields: FieldDef[];
}

export type RowMode = 'array' | 'object';

/** Formats an internal value as PostgreSQL prints it (the session's type output). */
export type Formatter = (v: unknown, typeOid: number) => string;

// node-postgres's reading of a command tag: COMMAND [OID] [ROWS]
const TAG = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

export function emptyResult(): QueryResult {
  return { command: null, rowCount: null, oid: null, rows: [], fields: [] };
}

export function toQueryResult(r: StatementResult, format: Formatter, rowMode: RowMode, types: TypeParsers): QueryResult {
  const out = emptyResult();
  const m = TAG.exec(r.command);
  if (m) {
    out.command = m[1];
    if (m[3]) { out.oid = parseInt(m[2], 10); out.rowCount = parseInt(m[3], 10); }
    else if (m[2]) out.rowCount = parseInt(m[2], 10);
  }
  if (!r.fields) return out;
  out.fields = r.fields.map(fieldDef);
  const convert = r.fields.map(f => converter(f, format, types));
  const rows = r.rows ?? [];
  if (rowMode === 'array') {
    out.rows = rows.map(row => row.map((v, i) => (v === null ? null : convert[i](v))));
  } else {
    const names = r.fields.map(f => f.name);
    out.rows = rows.map(row => {
      // a later column of the same name wins, as in node-postgres
      const o: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) o[names[i]] = row[i] === null ? null : convert[i](row[i]);
      return o;
    });
  }
  return out;
}

function fieldDef(f: Field): FieldDef {
  return {
    name: f.name, tableID: f.tableOid, columnID: f.columnNumber, dataTypeID: f.typeOid,
    dataTypeSize: typeByOid(f.typeOid)?.len ?? -1, dataTypeModifier: f.typmod, format: 'text',
  };
}

// Types whose internal value already is what pg-types returns: no need to print and reread.
const SAME_VALUE = new Map<number, string>([[21, 'number'], [23, 'number'], [26, 'number'], [16, 'boolean'], [25, 'string'], [1043, 'string']]);

function converter(f: Field, format: Formatter, types: TypeParsers): (v: unknown) => unknown {
  const oid = f.typeOid;
  const parse: TypeParser = types.getTypeParser(oid, 'text');
  const same = SAME_VALUE.get(oid);
  if (same && parse === defaultTypes.getTypeParser(oid)) return v => (typeof v === same ? v : parse(format(v, oid)));
  return v => parse(format(v, oid));
}
