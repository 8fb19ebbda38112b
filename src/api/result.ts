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
  readTag(r.command, out);
  if (!r.fields) return out;
  const { defs, convert } = conversion(r.fields, format, types);
  // (copies: a caller may change its result's field descriptions)
  out.fields = defs.map(d => ({ ...d }));
  const rows = r.rows ?? [];
  const n = convert.length;
  const converted = new Array(rows.length);
  if (rowMode === 'array') {
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j], o = new Array(n);
      for (let i = 0; i < n; i++) { const v = row[i]; o[i] = v === null ? null : convert[i](v); }
      converted[j] = o;
    }
  } else {
    const names = r.fields.map(f => f.name);
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j];
      // a later column of the same name wins, as in node-postgres
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) o[names[i]] = row[i] === null ? null : convert[i](row[i]);
      converted[j] = o;
    }
  }
  out.rows = converted;
  return out;
}

function readTag(tag: string, out: QueryResult): void {
  // the usual tags ("INSERT 0 1", "SELECT 5", "BEGIN") read without the regular expression's match array
  const a = tag.indexOf(' ');
  if (a < 0) { if (WORD.test(tag)) out.command = tag; else readTagByRegex(tag, out); return; }
  const b = tag.indexOf(' ', a + 1);
  const first = tag.slice(0, a);
  if (!WORD.test(first)) { readTagByRegex(tag, out); return; }
  const n1 = b < 0 ? tag.slice(a + 1) : tag.slice(a + 1, b);
  const n2 = b < 0 ? '' : tag.slice(b + 1);
  if (!DIGITS.test(n1) || (b >= 0 && !DIGITS.test(n2))) { readTagByRegex(tag, out); return; }
  out.command = first;
  if (b >= 0) { out.oid = parseInt(n1, 10); out.rowCount = parseInt(n2, 10); } else out.rowCount = parseInt(n1, 10);
}

const WORD = /^[A-Za-z]+$/, DIGITS = /^\d+$/;

function readTagByRegex(tag: string, out: QueryResult): void {
  const m = TAG.exec(tag);
  if (!m) return;
  out.command = m[1];
  if (m[3]) { out.oid = parseInt(m[2], 10); out.rowCount = parseInt(m[3], 10); } else if (m[2]) out.rowCount = parseInt(m[2], 10);
}

interface Conversion { defs: FieldDef[]; convert: ((v: unknown) => unknown)[]; format: Formatter; types: TypeParsers }

// The session describes a cached statement's columns with the same Field[] on every run
// (session/describe.ts): their definitions and converters are made once per formatter and parsers.
const conversions = new WeakMap<Field[], Conversion>();

function conversion(fields: Field[], format: Formatter, types: TypeParsers): Conversion {
  let c = conversions.get(fields);
  if (!c || c.format !== format || c.types !== types) {
    c = { defs: fields.map(fieldDef), convert: fields.map(f => converter(f, format, types)), format, types };
    conversions.set(fields, c);
  }
  return c;
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
