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

/** A command tag read: the session gives the usual tags as the same strings each time (session/statement.ts). */
interface ReadTag { command: string | null; rowCount: number | null; oid: number | null }
const readTags = new Map<string, ReadTag>();

let lastTag = '', lastRead: ReadTag | null = null;

function tagOf(tag: string): ReadTag {
  // (the same tag as the last statement's, the usual case in a loop)
  if (tag === lastTag && lastRead) return lastRead;
  let t = readTags.get(tag);
  if (!t) {
    t = { command: null, rowCount: null, oid: null };
    readTag(tag, t as QueryResult);
    // (a bound on distinct tags: row counts vary)
    if (readTags.size >= 512) readTags.clear();
    readTags.set(tag, t);
  }
  lastTag = tag;
  lastRead = t;
  return t;
}

export function toQueryResult(r: StatementResult, format: Formatter, rowMode: RowMode, types: TypeParsers): QueryResult {
  const tag = tagOf(r.command);
  const out: QueryResult = { command: tag.command, rowCount: tag.rowCount, oid: tag.oid, rows: NO_ROWS, fields: NO_FIELDS };
  if (!r.fields) { out.rows = []; out.fields = []; return out; }
  const c = conversion(r.fields, format, types);
  const defs = c.defs;
  // (copies: a caller may change its result's field descriptions)
  const fields = new Array<FieldDef>(defs.length);
  for (let i = 0; i < defs.length; i++) fields[i] = copyDef(defs[i]);
  out.fields = fields;
  const rows = r.rows ?? [];
  // rows the session made for this result alone (a SELECT's) are handed over, their values converted in place
  out.rows = rowMode !== 'array' ? objectRows(rows, c) : r.owned ? convertInPlace(rows, c) : arrayRows(rows, c);
  return out;
}

function convertInPlace(rows: unknown[][], c: Conversion): unknown[][] {
  const { convert, same, todo } = c, n = convert.length, m = todo.length;
  for (let j = 0; j < rows.length; j++) {
    const row = rows[j];
    // (ORDER BY's columns not selected follow the selected ones)
    if (row.length !== n) row.length = n;
    // only the columns whose values may change are read (a value read is a load from the table's memory)
    for (let k = 0; k < m; k++) {
      const i = todo[k], v = row[i];
      // (a value that is already what pg-types gives stays, without a call)
      if (v !== null && typeof v !== same[i]) row[i] = convert[i](v);
    }
  }
  return rows;
}

function arrayRows(rows: unknown[][], c: Conversion): unknown[][] {
  const { convert, kept } = c, n = convert.length;
  const converted = new Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const row = rows[j], o = new Array(n);
    for (let i = 0; i < n; i++) { const v = row[i]; o[i] = v === null || kept[i] ? v : convert[i](v); }
    converted[j] = o;
  }
  return converted;
}

function objectRows(rows: unknown[][], c: Conversion): Record<string, unknown>[] {
  const { convert, kept, names } = c, n = convert.length;
  const converted = new Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const row = rows[j];
    // a later column of the same name wins, as in node-postgres
    const o: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) { const v = row[i]; o[names[i]] = v === null || kept[i] ? v : convert[i](v); }
    converted[j] = o;
  }
  return converted;
}

// (placeholders, replaced before the result is handed out)
const NO_ROWS: never[] = [], NO_FIELDS: FieldDef[] = [];

const copyDef = (d: FieldDef): FieldDef => ({
  name: d.name, tableID: d.tableID, columnID: d.columnID, dataTypeID: d.dataTypeID, dataTypeSize: d.dataTypeSize,
  dataTypeModifier: d.dataTypeModifier, format: d.format,
});

function readTag(tag: string, out: QueryResult): void {
  // the usual tags ("INSERT 0 1", "SELECT 5", "BEGIN") read without a regular expression or substrings
  const a = tag.indexOf(' ');
  if (a < 0) { if (isWord(tag, 0, tag.length)) out.command = tag; else readTagByRegex(tag, out); return; }
  if (!isWord(tag, 0, a)) { readTagByRegex(tag, out); return; }
  const b = tag.indexOf(' ', a + 1);
  const n1 = number(tag, a + 1, b < 0 ? tag.length : b);
  const n2 = b < 0 ? 0 : number(tag, b + 1, tag.length);
  if (n1 < 0 || n2 < 0) { readTagByRegex(tag, out); return; }
  out.command = a === 6 ? commonWord(tag) : tag.slice(0, a);
  if (b >= 0) { out.oid = n1; out.rowCount = n2; } else out.rowCount = n1;
}

/** The command word of a tag whose first word has six letters, without a substring for the usual ones. */
function commonWord(tag: string): string {
  switch (tag.charCodeAt(0)) {
    case 83: if (tag.startsWith('SELECT')) return 'SELECT'; break;
    case 73: if (tag.startsWith('INSERT')) return 'INSERT'; break;
    case 85: if (tag.startsWith('UPDATE')) return 'UPDATE'; break;
    case 68: if (tag.startsWith('DELETE')) return 'DELETE'; break;
  }
  return tag.slice(0, 6);
}

/** Letters only, at least one. */
function isWord(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

/** The decimal number of digits only, at least one; -1 otherwise (or beyond exact integers, left to parseInt). */
function number(s: string, from: number, to: number): number {
  if (from >= to || to - from > 15) return to - from > 15 && /^\d+$/.test(s.slice(from, to)) ? parseInt(s.slice(from, to), 10) : -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function readTagByRegex(tag: string, out: QueryResult): void {
  const m = TAG.exec(tag);
  if (!m) return;
  out.command = m[1];
  if (m[3]) { out.oid = parseInt(m[2], 10); out.rowCount = parseInt(m[3], 10); } else if (m[2]) out.rowCount = parseInt(m[2], 10);
}

interface Conversion {
  defs: FieldDef[]; convert: ((v: unknown) => unknown)[]; names: string[];
  /** Per column, the typeof of an internal value that is already the parsed one (SAME_VALUE), else '' (never a typeof). */
  same: string[];
  /** Per column, whether every value comes out as it is (keptAsIs): its converter is not called. */
  kept: boolean[];
  /** The columns not kept: those whose values may change. */
  todo: number[];
  format: Formatter; types: TypeParsers;
}

// The session describes a cached statement's columns with the same Field[] on every run
// (session/describe.ts): their definitions and converters are made once per formatter and parsers.
const conversions = new WeakMap<Field[], Conversion>();
/** The last statement's (a loop runs one statement again and again). */
let lastFields: Field[] | null = null, lastConversion: Conversion | null = null;

function conversion(fields: Field[], format: Formatter, types: TypeParsers): Conversion {
  let c = fields === lastFields ? lastConversion : conversions.get(fields);
  if (!c || c.format !== format || c.types !== types) {
    const kept = fields.map(f => keptAsIs(f, format, types));
    c = { defs: fields.map(fieldDef), convert: fields.map(f => converter(f, format, types)), names: fields.map(f => f.name),
      same: fields.map(f => sameType(f, types)), kept, todo: kept.flatMap((k, i) => (k ? [] : [i])), format, types };
    conversions.set(fields, c);
  }
  lastFields = fields;
  lastConversion = c;
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

/** Types whose values the session prints as they are (types/text.ts: a string is its own text). */
const PRINTED_AS_IS = [25, 1043];
/** Stands for a value of any kind: printing it gives it back only if the type prints every value as it is. */
const PROBE = Object.freeze({});

/**
 * Is every value of the column the same after conversion (printed, then parsed): a type printed
 * as it is (text, varchar) — checked on this formatter: it gives back what it is given —
 * and read by pg-types' default parser for it, the identity. Such a column's values are not
 * even read (a value read is a load from wherever the table's row keeps it).
 */
function keptAsIs(f: Field, format: Formatter, types: TypeParsers): boolean {
  const oid = f.typeOid;
  if (!PRINTED_AS_IS.includes(oid) || types.getTypeParser(oid, 'text') !== defaultTypes.getTypeParser(oid)) return false;
  const parse = defaultTypes.getTypeParser(oid);
  const same = (v: unknown) => format(v, oid) === v && parse(v as string) === v;
  try { return same(PROBE) && same(' x\\y ') && same(''); } catch { return false; }
}

/** The typeof of the column's internal values that pg-types' default parser would give back unchanged; '' when none. */
function sameType(f: Field, types: TypeParsers): string {
  const same = SAME_VALUE.get(f.typeOid);
  return same && types.getTypeParser(f.typeOid, 'text') === defaultTypes.getTypeParser(f.typeOid) ? same : '';
}

function converter(f: Field, format: Formatter, types: TypeParsers): (v: unknown) => unknown {
  const oid = f.typeOid;
  const parse: TypeParser = types.getTypeParser(oid, 'text');
  const same = sameType(f, types);
  if (same) return v => (typeof v === same ? v : parse(format(v, oid)));
  return v => parse(format(v, oid));
}
