// What the API returns for each column type: node-postgres's defaults (pg-types 2.2.0 text
// parsers), so code moves between Relata and a PostgreSQL server unchanged. A value is first
// printed exactly as PostgreSQL prints it (the session's type output), then read like pg-types.
import { parseArray, type ElementParser } from './pg-array.js';
import { parseDate } from './pg-date.js';
import { PostgresInterval } from './pg-interval.js';

/** Reads one column value from PostgreSQL's text form. */
export type TypeParser = (text: string) => unknown;

/** node-postgres's `types` option: a source of parsers by type oid. */
export interface TypeParsers {
  getTypeParser(oid: number, format?: 'text' | 'binary'): TypeParser;
}

const identity: TypeParser = s => s;
const parseInteger: TypeParser = s => parseInt(s, 10);
// int8 stays a string: a JavaScript number cannot hold every int8 exactly
const parseBigInteger = (s: string) => s;
const parseBool: TypeParser = s => s === 'TRUE' || s === 't' || s === 'true' || s === 'y' || s === 'yes' || s === 'on' || s === '1';

/** bytea text (hex, or the escape format) to bytes: a Buffer where Node's Buffer exists. */
export function parseBytea(text: string): Uint8Array {
  let bytes: Uint8Array;
  if (text.startsWith('\\x')) {
    const hex = text.substring(2);
    bytes = new Uint8Array(hex.length >> 1);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
  } else {
    const out: number[] = [];
    for (let i = 0; i < text.length;) {
      if (text[i] !== '\\') { out.push(text.charCodeAt(i) & 0xff); i++; continue; }
      if (/^[0-7]{3}$/.test(text.substr(i + 1, 3))) { out.push(parseInt(text.substr(i + 1, 3), 8)); i += 4; continue; }
      let slashes = 1;
      while (i + slashes < text.length && text[i + slashes] === '\\') slashes++;
      for (let k = 0; k < Math.floor(slashes / 2); k++) out.push(0x5c);
      i += Math.floor(slashes / 2) * 2;
    }
    bytes = Uint8Array.from(out);
  }
  const B = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, l: number): Uint8Array } }).Buffer;
  return B ? B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

function parsePoint(text: string): { x: number; y: number } | null {
  if (text[0] !== '(') return null;
  const [x, y] = text.substring(1, text.length - 1).split(',');
  return { x: parseFloat(x), y: parseFloat(y) };
}

function parseCircle(text: string): { x: number; y: number; radius: number } | null {
  const m = /^<(\([^)]*\)),(.*)>$/.exec(text);
  const p = m && parsePoint(m[1]);
  return p ? { ...p, radius: parseFloat(m![2]) } : null;
}

const arrayOf = (element?: ElementParser): TypeParser => s => parseArray(s, element);

const PARSERS = new Map<number, TypeParser>([
  [20, parseBigInteger], [21, parseInteger], [23, parseInteger], [26, parseInteger],
  [700, parseFloat], [701, parseFloat], [16, parseBool],
  [1082, parseDate], [1114, parseDate], [1184, parseDate],
  [600, parsePoint], [718, parseCircle],
  [1186, s => new PostgresInterval(s)], [17, parseBytea],
  [114, s => JSON.parse(s)], [3802, s => JSON.parse(s)],
  [1000, arrayOf(parseBool)], [1001, arrayOf(parseBytea)],
  [1005, arrayOf(parseInteger)], [1007, arrayOf(parseInteger)], [1028, arrayOf(parseInteger)],
  [1016, arrayOf(s => s.trim())], [1017, arrayOf(parsePoint)],
  // numeric[] as floats is node-postgres's default too (numeric alone stays a string)
  [1021, arrayOf(parseFloat)], [1022, arrayOf(parseFloat)], [1231, arrayOf(parseFloat)],
  [1115, arrayOf(parseDate)], [1182, arrayOf(parseDate)], [1185, arrayOf(parseDate)],
  [1187, arrayOf(s => new PostgresInterval(s))],
  [199, arrayOf(s => JSON.parse(s))], [3807, arrayOf(s => JSON.parse(s))],
  ...[651, 1014, 1015, 1008, 1009, 1040, 1041, 3907, 2951, 791, 1183, 1270].map(oid => [oid, arrayOf()] as [number, TypeParser]),
]);

/** node-postgres's default parser for a type: anything not listed stays a string. */
export const defaultTypes: TypeParsers = {
  getTypeParser: (oid: number) => PARSERS.get(oid) ?? identity,
};
