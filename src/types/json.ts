// json (the text as given, validated) and jsonb (a normalized value: objects with
// keys in PostgreSQL's order — shorter first, then bytewise — duplicate keys last-wins,
// numbers as exact Numeric). SQL NULL is `null`; JSON null is JSON_NULL.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { compareText, defineType, utf8Length } from './base.js';
import { cast, comparisonOps, fn, op } from './define.js';
import { parseJson, validateSink, type JsonSink } from './json-parse.js';
import { Numeric } from './numeric.js';

const { json, jsonb, text, int4, bool, numeric, float8, int2, int8, float4 } = OID;

/** The JSON null value (distinct from SQL NULL). */
export const JSON_NULL: unique symbol = Symbol('json null');

export class JsonbObject {
  constructor(readonly keys: string[], readonly vals: JsonbValue[]) {}
  get(key: string): JsonbValue | undefined {
    // keys are sorted by (utf8 length, bytes): binary search
    let lo = 0, hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareKeys(this.keys[mid]!, key);
      if (c === 0) return this.vals[mid];
      if (c < 0) lo = mid + 1; else hi = mid - 1;
    }
    return undefined;
  }
}
export type JsonbValue = typeof JSON_NULL | boolean | string | Numeric | JsonbValue[] | JsonbObject;

/** PostgreSQL's jsonb key order: shorter (in bytes) first, then bytewise. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const la = utf8Length(a), lb = utf8Length(b);
  if (la !== lb) return la - lb;
  return compareText(a, b);
}

export function makeObject(keys: string[], vals: JsonbValue[]): JsonbObject {
  const idx = keys.map((_, i) => i);
  idx.sort((x, y) => compareKeys(keys[x]!, keys[y]!) || x - y);
  const k: string[] = [], v: JsonbValue[] = [];
  for (const i of idx) {
    if (k.length && k[k.length - 1] === keys[i]) v[v.length - 1] = vals[i]!; // last wins
    else { k.push(keys[i]!); v.push(vals[i]!); }
  }
  return new JsonbObject(k, v);
}

const jsonbSink: JsonSink<JsonbValue> = {
  str: (s) => s,
  num: (t) => Numeric.parse(t),
  bool: (b) => b,
  nul: () => JSON_NULL,
  arr: (items) => items,
  obj: (keys, vals) => makeObject(keys, vals),
};

export const parseJsonb = (t: string): JsonbValue => parseJson(t, jsonbSink, 'json', true);
export function validateJson(t: string): string {
  parseJson(t, validateSink, 'json', false);
  return t;
}

/** escape_json */
export function escapeJson(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) continue;
    out += s.slice(start, i);
    start = i + 1;
    switch (c) {
      case 8: out += '\\b'; break;
      case 12: out += '\\f'; break;
      case 10: out += '\\n'; break;
      case 13: out += '\\r'; break;
      case 9: out += '\\t'; break;
      case 34: out += '\\"'; break;
      case 92: out += '\\\\'; break;
      default: out += '\\u' + c.toString(16).padStart(4, '0');
    }
  }
  return out + s.slice(start) + '"';
}

export function jsonbOut(v: JsonbValue): string {
  if (v === JSON_NULL) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return escapeJson(v);
  if (v instanceof Numeric) return v.toString();
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ', ' : '') + jsonbOut(v[i]!);
    return s + ']';
  }
  let s = '{';
  for (let i = 0; i < v.keys.length; i++) s += (i ? ', ' : '') + escapeJson(v.keys[i]!) + ': ' + jsonbOut(v.vals[i]!);
  return s + '}';
}

const rank = (v: JsonbValue): number =>
  v === JSON_NULL ? 0 : typeof v === 'string' ? 1 : v instanceof Numeric ? 2 : typeof v === 'boolean' ? 3 : Array.isArray(v) ? 4 : 5;

/** jsonb btree order (compareJsonbContainers); `top` marks raw top-level scalars, which sort below arrays. */
export function compareJsonb(a: JsonbValue, b: JsonbValue, top = true): number {
  const ra = rank(a), rb = rank(b);
  if (top && ra !== rb && (ra >= 4 || rb >= 4) && ra < 5 && rb < 5) {
    // raw scalar vs array: scalar first
    return ra === 4 ? 1 : -1;
  }
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0: return 0;
    case 1: return compareText(a as string, b as string);
    case 2: return (a as Numeric).compare(b as Numeric);
    case 3: return a === b ? 0 : a ? 1 : -1;
    case 4: {
      const x = a as JsonbValue[], y = b as JsonbValue[];
      if (x.length !== y.length) return x.length - y.length;
      for (let i = 0; i < x.length; i++) {
        const c = compareJsonb(x[i]!, y[i]!, false);
        if (c) return c;
      }
      return 0;
    }
    default: {
      const x = a as JsonbObject, y = b as JsonbObject;
      if (x.keys.length !== y.keys.length) return x.keys.length - y.keys.length;
      for (let i = 0; i < x.keys.length; i++) {
        let c = compareText(x.keys[i]!, y.keys[i]!);
        if (c) return c;
        c = compareJsonb(x.vals[i]!, y.vals[i]!, false);
        if (c) return c;
      }
      return 0;
    }
  }
}

export const jsonType = defineType({
  oid: json, name: 'json', category: 'U', preferred: false, len: -1, array: OID._json,
  input: (t) => validateJson(t),
  output: (v) => v as string,
  // json has no btree/hash opclass in PostgreSQL (no =, no ORDER BY); text order is only a fallback
  compare: (a, b) => compareText(a as string, b as string),
});

export const jsonbType = defineType({
  oid: jsonb, name: 'jsonb', category: 'U', preferred: false, len: -1, array: OID._jsonb,
  input: (t) => parseJsonb(t),
  output: (v) => jsonbOut(v as JsonbValue),
  compare: (a, b) => compareJsonb(a as JsonbValue, b as JsonbValue),
  hashKey: (v) => jsonbOut(v as JsonbValue),
});

comparisonOps(jsonb, jsonb, compareJsonb, bool);
cast(json, jsonb, 'a', (v: string) => parseJsonb(v));
cast(jsonb, json, 'a', (v: JsonbValue) => jsonbOut(v));

// ---- access operators ----
export function jsonbField(v: JsonbValue, key: string): JsonbValue | null {
  return v instanceof JsonbObject ? v.get(key) ?? null : null;
}
export function jsonbElement(v: JsonbValue, i: number): JsonbValue | null {
  if (!Array.isArray(v)) return null;
  const k = i < 0 ? v.length + i : i;
  return k >= 0 && k < v.length ? v[k]! : null;
}
/** ->> result: strings unquoted, JSON null → SQL NULL, others as jsonb text. */
export function jsonbAsText(v: JsonbValue | null): string | null {
  if (v === null || v === JSON_NULL) return null;
  if (typeof v === 'string') return v;
  return jsonbOut(v);
}
op('->', jsonb, text, jsonb, (v: JsonbValue, k: string) => jsonbField(v, k));
op('->', jsonb, int4, jsonb, (v: JsonbValue, i: number) => jsonbElement(v, i));
op('->>', jsonb, text, text, (v: JsonbValue, k: string) => jsonbAsText(jsonbField(v, k)));
op('->>', jsonb, int4, text, (v: JsonbValue, i: number) => jsonbAsText(jsonbElement(v, i)));
// json: parse on access (key order and duplicates as written; first match… PG returns the last)
op('->', json, text, json, (v: string, k: string) => { const r = jsonbField(parseJsonb(v), k); return r === null ? null : jsonbOut(r); });
op('->', json, int4, json, (v: string, i: number) => { const r = jsonbElement(parseJsonb(v), i); return r === null ? null : jsonbOut(r); });
op('->>', json, text, text, (v: string, k: string) => jsonbAsText(jsonbField(parseJsonb(v), k)));
op('->>', json, int4, text, (v: string, i: number) => jsonbAsText(jsonbElement(parseJsonb(v), i)));

/** jsonb @> (containment) */
export function jsonbContains(a: JsonbValue, b: JsonbValue): boolean {
  if (a instanceof JsonbObject) {
    if (!(b instanceof JsonbObject)) return false;
    for (let i = 0; i < b.keys.length; i++) {
      const av = a.get(b.keys[i]!);
      if (av === undefined) return false;
      const bv = b.vals[i]!;
      if ((av instanceof JsonbObject || Array.isArray(av)) ? !jsonbContains(av, bv) : compareJsonb(av, bv, false) !== 0) return false;
    }
    return true;
  }
  if (Array.isArray(a)) {
    const items = Array.isArray(b) ? b : b instanceof JsonbObject ? null : [b];
    if (items === null) return false;
    for (const bv of items) {
      let found = false;
      for (const av of a) {
        if (Array.isArray(bv) || bv instanceof JsonbObject) {
          if ((Array.isArray(av) && Array.isArray(bv)) || (av instanceof JsonbObject && bv instanceof JsonbObject)) {
            if (jsonbContains(av, bv)) { found = true; break; }
          }
        } else if (!(Array.isArray(av) || av instanceof JsonbObject) && compareJsonb(av as JsonbValue, bv as JsonbValue, false) === 0) { found = true; break; }
      }
      if (!found) return false;
    }
    return true;
  }
  return !(Array.isArray(b) || b instanceof JsonbObject) && compareJsonb(a, b, false) === 0;
}
op('@>', jsonb, jsonb, bool, (a: JsonbValue, b: JsonbValue) => jsonbContains(a, b));
op('<@', jsonb, jsonb, bool, (a: JsonbValue, b: JsonbValue) => jsonbContains(b, a));
op('?', jsonb, text, bool, (v: JsonbValue, k: string) =>
  v instanceof JsonbObject ? v.get(k) !== undefined : Array.isArray(v) ? v.includes(k) : v === k);

// ---- functions ----
export function jsonbTypeof(v: JsonbValue): string {
  switch (rank(v)) {
    case 0: return 'null';
    case 1: return 'string';
    case 2: return 'number';
    case 3: return 'boolean';
    case 4: return 'array';
    default: return 'object';
  }
}
fn('jsonb_typeof', [jsonb], text, ([v]) => jsonbTypeof(v));
fn('json_typeof', [json], text, ([v]) => jsonbTypeof(parseJsonb(v)));
const arrayLength = (v: JsonbValue, what: string): number => {
  if (Array.isArray(v)) return v.length;
  void what;
  throw new PgError('22023', v instanceof JsonbObject ? 'cannot get array length of a non-array' : 'cannot get array length of a scalar');
};
fn('jsonb_array_length', [jsonb], int4, ([v]) => arrayLength(v, 'jsonb'));
fn('json_array_length', [json], int4, ([v]) => arrayLength(parseJsonb(v), 'json'));
fn('jsonb_object_keys', [jsonb], text, ([v]) => {
  if (v instanceof JsonbObject) return v.keys.slice();
  throw new PgError('22023', `cannot call jsonb_object_keys on ${Array.isArray(v) ? 'an array' : 'a scalar'}`);
}, { retSet: true });
fn('jsonb_array_elements', [jsonb], jsonb, ([v]) => {
  if (Array.isArray(v)) return v.slice();
  throw new PgError('22023', `cannot extract elements from ${v instanceof JsonbObject ? 'an object' : 'a scalar'}`);
}, { retSet: true });
fn('jsonb_array_elements_text', [jsonb], text, ([v]) => {
  if (Array.isArray(v)) return v.map(jsonbAsText);
  throw new PgError('22023', `cannot extract elements from ${v instanceof JsonbObject ? 'an object' : 'a scalar'}`);
}, { retSet: true });

// jsonb → scalar casts (explicit)
function scalarCastError(v: JsonbValue, target: string): PgError {
  return new PgError('22023', `cannot cast jsonb ${jsonbTypeof(v)} to type ${target}`);
}
function jsonbNumeric(v: JsonbValue, target: string): Numeric {
  if (Array.isArray(v) && v.length === 1 && v[0] instanceof Numeric) v = v[0];
  if (v instanceof Numeric) return v;
  throw scalarCastError(v, target);
}
cast(jsonb, numeric, 'e', (v: JsonbValue) => jsonbNumeric(v, 'numeric'));
cast(jsonb, bool, 'e', (v: JsonbValue) => {
  if (typeof v === 'boolean') return v;
  throw scalarCastError(v, 'boolean');
});
cast(jsonb, float8, 'e', (v: JsonbValue) => Number(jsonbNumeric(v, 'double precision').toString()));
cast(jsonb, float4, 'e', (v: JsonbValue) => Math.fround(Number(jsonbNumeric(v, 'real').toString())));
const toIntRounded = (v: Numeric, lo: bigint, hi: bigint, what: string): bigint => {
  if (v.isSpecial) throw new PgError('0A000', `cannot convert ${v.isNaN ? 'NaN' : 'infinity'} to ${what}`);
  const r = v.toBigIntRounded();
  if (r < lo || r > hi) throw new PgError('22003', `${what} out of range`);
  return r;
};
cast(jsonb, int2, 'e', (v: JsonbValue) => Number(toIntRounded(jsonbNumeric(v, 'smallint'), -32768n, 32767n, 'smallint')));
cast(jsonb, int4, 'e', (v: JsonbValue) => Number(toIntRounded(jsonbNumeric(v, 'integer'), -2147483648n, 2147483647n, 'integer')));
cast(jsonb, int8, 'e', (v: JsonbValue) => toIntRounded(jsonbNumeric(v, 'bigint'), -9223372036854775808n, 9223372036854775807n, 'bigint'));
