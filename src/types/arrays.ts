// Array types for every element type (_int4, _text, …): JS arrays, nested for more
// dimensions, NULL elements as null. Lower bounds are always 1. Text I/O as
// array_in/array_out.
import { PgError, notSupported } from '../errors/index.js';
import { OID } from './oids.js';
import type { FormatSettings, PgType } from './type.js';
import { allTypes, registerType, typeByOid, type EvalContext } from './registry.js';
import { compareText } from './base.js';
import { Numeric } from './numeric.js';
import { compareBytea } from './bytea.js';
import { isRecordValue, isSubArray } from './record-mark.js';
import { compareRecords } from './record.js';

export type PgArray = unknown[];

const isArrSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

function malformed(text: string, detail: string): PgError {
  return new PgError('22P02', `malformed array literal: "${text}"`, { detail });
}

/** array_in: parse text into (nested) JS arrays, elements through elem.input. */
export function parseArray(text: string, elem: PgType, typmod: number, s: FormatSettings, delim = ','): PgArray {
  const n = text.length;
  let i = 0;
  const ws = (): void => { while (i < n && isArrSpace(text.charCodeAt(i))) i++; };
  ws();
  if (text[i] === '[') {
    // dimension decoration: accept only lower bounds of 1
    const m = /^(\s*\[\s*(-?\d+)\s*(?::\s*(-?\d+)\s*)?\])+\s*=/.exec(text.slice(i));
    if (!m) throw malformed(text, 'Array value must start with "{" or dimension information.');
    const dims = [...m[0].matchAll(/\[\s*(-?\d+)\s*(?::\s*(-?\d+)\s*)?\]/g)];
    for (const d of dims) if (d[2] !== undefined && Number(d[1]) !== 1) throw notSupported('array lower bounds other than 1');
    i += m[0].length;
    ws();
  }
  if (text[i] !== '{') throw malformed(text, 'Array value must start with "{" or dimension information.');
  const shape: number[] = []; // expected length per depth
  const parseLevel = (depth: number): PgArray => {
    i++; // '{'
    const out: PgArray = [];
    let sawElem = false, sawSub = false;
    ws();
    if (text[i] === '}') {
      i++;
      if (depth > 0) throw malformed(text, 'Unexpected "}" character.');
      return out;
    }
    for (;;) {
      ws();
      if (i >= n) throw malformed(text, 'Unexpected end of input.');
      const c = text[i]!;
      if (c === '{') {
        if (sawElem) throw malformed(text, 'Unexpected "{" character.');
        sawSub = true;
        out.push(parseLevel(depth + 1));
      } else if (c === '}' || c === delim) {
        throw malformed(text, `Unexpected "${c}" character.`);
      } else {
        if (sawSub) throw malformed(text, 'Unexpected array element.');
        sawElem = true;
        let v = '';
        let quotedOrEscaped = false;
        if (c === '"') {
          quotedOrEscaped = true;
          i++;
          for (;;) {
            if (i >= n) throw malformed(text, 'Unexpected end of input.');
            const d = text[i]!;
            if (d === '"') { i++; break; }
            if (d === '\\') { i++; if (i >= n) throw malformed(text, 'Unexpected end of input.'); }
            v += text[i++];
          }
          ws();
          if (i < n && text[i] !== delim && text[i] !== '}') throw malformed(text, 'Unexpected array element.');
        } else {
          let lastSignificant = 0; // length of v up to the last non-space or escaped char
          for (;;) {
            if (i >= n) throw malformed(text, 'Unexpected end of input.');
            const d = text[i]!;
            if (d === delim || d === '}') break;
            if (d === '"' || d === '{') throw malformed(text, 'Unexpected array element.');
            if (d === '\\') {
              i++;
              if (i >= n) throw malformed(text, 'Unexpected end of input.');
              quotedOrEscaped = true;
              v += text[i++];
              lastSignificant = v.length;
              continue;
            }
            v += d;
            i++;
            if (!isArrSpace(d.charCodeAt(0))) lastSignificant = v.length;
          }
          v = v.slice(0, lastSignificant);
        }
        out.push(!quotedOrEscaped && v.length === 4 && v.toLowerCase() === 'null' ? null : elem.input(v, typmod, s));
      }
      ws();
      if (i >= n) throw malformed(text, 'Unexpected end of input.');
      if (text[i] === delim) {
        i++;
        ws();
        if (text[i] === '}') throw malformed(text, 'Unexpected "}" character.');
        continue;
      }
      if (text[i] === '}') { i++; break; }
      throw malformed(text, 'Unexpected array element.');
    }
    if (shape[depth] === undefined) shape[depth] = out.length;
    else if (shape[depth] !== out.length) {
      throw malformed(text, 'Multidimensional arrays must have sub-arrays with matching dimensions.');
    }
    if (sawSub && shape.length > depth + 2) { /* deeper shape is checked by the children */ }
    return out;
  };
  const result = parseLevel(0);
  ws();
  if (i < n) throw malformed(text, 'Junk after closing right brace.');
  checkRectangular(result, text);
  return result;
}

function checkRectangular(a: PgArray, text: string): void {
  // all leaves must be at the same depth
  const depthOf = (x: PgArray): number => (x.length > 0 && isSubArray(x[0]) ? 1 + depthOf(x[0] as PgArray) : 1);
  const d = depthOf(a);
  const walk = (x: PgArray, level: number): void => {
    for (const e of x) {
      const isArr = isSubArray(e);
      if (level < d && !isArr) throw malformed(text, 'Multidimensional arrays must have sub-arrays with matching dimensions.');
      if (level === d && isArr) throw malformed(text, 'Multidimensional arrays must have sub-arrays with matching dimensions.');
      if (isArr) walk(e as PgArray, level + 1);
    }
  };
  if (a.length) walk(a, 1);
}

function needsQuote(s: string, delim: string): boolean {
  if (s.length === 0) return true;
  if (s.length === 4 && s.toLowerCase() === 'null') return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92 || c === 123 || c === 125 || isArrSpace(c) || s[i] === delim) return true;
  }
  return false;
}

/** array_out */
export function formatArray(v: PgArray, elem: PgType, s: FormatSettings, delim = ','): string {
  let out = '{';
  for (let k = 0; k < v.length; k++) {
    if (k) out += delim;
    const e = v[k];
    if (e === null || e === undefined) out += 'NULL';
    else if (isSubArray(e)) out += formatArray(e, elem, s, delim);
    else {
      const t = elem.output(e, s);
      out += needsQuote(t, delim) ? '"' + t.replace(/["\\]/g, '\\$&') + '"' : t;
    }
  }
  return out + '}';
}

/** Flattened elements in row-major order. */
export function flatten(v: PgArray): unknown[] {
  if (v.length === 0 || !isSubArray(v[0])) return v;
  const out: unknown[] = [];
  const walk = (x: PgArray): void => { for (const e of x) if (isSubArray(e)) walk(e); else out.push(e); };
  walk(v);
  return out;
}
/** Dimension lengths ([] for an empty array). */
export function dims(v: PgArray): number[] {
  if (v.length === 0) return [];
  const d: number[] = [];
  let x: unknown = v;
  while (isSubArray(x)) { d.push(x.length); x = x[0]; }
  return d;
}

/** array_cmp with an element comparator: NULL elements sort last. */
export function compareArrays(a: PgArray, b: PgArray, cmp: (x: unknown, y: unknown) => number): number {
  const fa = flatten(a), fb = flatten(b);
  const n = Math.min(fa.length, fb.length);
  for (let i = 0; i < n; i++) {
    const x = fa[i], y = fb[i];
    const xn = x === null || x === undefined, yn = y === null || y === undefined;
    if (xn || yn) {
      if (xn && yn) continue;
      return xn ? 1 : -1;
    }
    const c = cmp(x, y);
    if (c) return c;
  }
  if (fa.length !== fb.length) return fa.length < fb.length ? -1 : 1;
  const da = dims(a), db = dims(b);
  if (da.length !== db.length) return da.length - db.length;
  for (let i = 0; i < da.length; i++) if (da[i] !== db[i]) return da[i]! - db[i]!;
  return 0;
}

/** Compare two non-null values without knowing their type (for polymorphic functions). */
export function genericCompare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return a !== a ? (b !== b ? 0 : 1) : -1;
  }
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Numeric && b instanceof Numeric) return a.compare(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytea(a, b);
  if (isRecordValue(a) && isRecordValue(b)) return compareRecords(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return compareArrays(a, b, genericCompare);
  if (typeof a === 'object' && a !== null && typeof (a as { compare?: unknown }).compare === 'function') {
    return (a as { compare(o: unknown): number }).compare(b);
  }
  const sa = String(a), sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function hashKeyOf(v: PgArray, elem: PgType): string {
  let s = '{';
  for (const e of v) {
    if (e === null || e === undefined) s += '\u0000N';
    else if (isSubArray(e)) s += hashKeyOf(e, elem);
    else {
      const k = elem.hashKey ? elem.hashKey(e) : e;
      s += typeof k === 'string' ? JSON.stringify(k) : String(k);
    }
    s += '\u0001';
  }
  return s + '}';
}

function applyArrayTypmod(v: PgArray, elem: PgType, typmod: number, explicit: boolean): PgArray {
  if (!elem.applyTypmod || typmod < 0) return v;
  return v.map((e) => (e === null ? null : isSubArray(e) ? applyArrayTypmod(e, elem, typmod, explicit) : elem.applyTypmod!(e, typmod, explicit)));
}

/** Register the array type of `elem` (pg_type.typarray); replaces an earlier registration. */
export function registerArrayType(elem: PgType): PgType | undefined {
  if (elem.array === undefined || elem.category === 'A') return undefined;
  return registerType(makeArrayType(elem));
}

/** The array type of `elem` (oid elem.array), unregistered (user types' arrays live in their catalog). */
export function makeArrayType(elem: PgType): PgType {
  const cmp = (x: unknown, y: unknown): number => elem.compare(x, y);
  return {
    oid: elem.array!, name: '_' + elem.name, category: 'A', preferred: false, len: -1, elem: elem.oid,
    input: (text, typmod, s) => parseArray(text, elem, typmod, s),
    output: (v, s) => formatArray(v as PgArray, elem, s),
    compare: (a, b) => compareArrays(a as PgArray, b as PgArray, cmp),
    hashKey: (v) => hashKeyOf(v as PgArray, elem),
    applyTypmod: (v, typmod, explicit) => applyArrayTypmod(v as PgArray, elem, typmod, explicit),
    typmodIn: elem.typmodIn,
    formatType: (typmod) => elem.formatType(typmod) + '[]',
  };
}

/** Register array types for every registered element type (idempotent). */
export function registerAllArrayTypes(): void {
  for (const t of [...allTypes()]) {
    if (t.category === 'A' || t.array === undefined) continue;
    const existing = typeByOid(t.array);
    if (existing && (existing as { generic?: boolean }).generic) continue;
    const at = registerArrayType(t);
    if (at) (at as { generic?: boolean }).generic = true;
  }
}

/**
 * `left op ANY/ALL (array)` (ScalarArrayOpExpr) with SQL three-valued logic.
 * `fn` is the chosen operator's implementation; returns true/false/null.
 */
export function scalarArrayOp(left: unknown, arr: PgArray | null, fn: (a: unknown, b: unknown, ctx: EvalContext) => unknown,
  useOr: boolean, ctx: EvalContext): boolean | null {
  if (arr === null || arr === undefined) return null;
  const items = flatten(arr);
  if (items.length === 0) return !useOr;
  if (left === null || left === undefined) return null;
  let sawNull = false;
  for (const e of items) {
    if (e === null || e === undefined) { sawNull = true; continue; }
    const r = fn(left, e, ctx);
    if (r === null || r === undefined) { sawNull = true; continue; }
    if (useOr) { if (r) return true; } else if (!r) return false;
  }
  return sawNull ? null : !useOr;
}

export { OID };
