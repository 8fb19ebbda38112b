// SQL values of any type to JSON (json.c / jsonb.c datum_to_json, datum_to_jsonb):
// to_json, to_jsonb, json[b]_build_object, json[b]_build_array. The conversion depends
// on the argument's type, so the analyzer binds the types when it builds the call.
import { isSubArray } from './record-mark.js';
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { typeByOid } from './registry.js';
import type { FormatSettings } from './type.js';
import { escapeJson, JSON_NULL, jsonbOut, makeObject, parseJsonb, type JsonbValue } from './json.js';
import { Numeric } from './numeric.js';
import { fieldNamesOf, fieldTypesOf } from './record-mark.js';

type Kind = 'bool' | 'number' | 'json' | 'jsonb' | 'array' | 'datetime' | 'record' | 'other';

const NUMBER_TYPES = new Set<number>([OID.int2, OID.int4, OID.int8, OID.float4, OID.float8, OID.numeric]);
const DATETIME_TYPES = new Set<number>([OID.date, OID.timestamp, OID.timestamptz]);
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

function kindOf(type: number): Kind {
  if (type === OID.bool) return 'bool';
  if (NUMBER_TYPES.has(type)) return 'number';
  if (type === OID.json) return 'json';
  if (type === OID.jsonb) return 'jsonb';
  if (DATETIME_TYPES.has(type)) return 'datetime';
  if (typeByOid(type)?.category === 'A') return 'array';
  if (type === OID.record || typeByOid(type)?.category === 'C') return 'record';
  return 'other';
}

/** A row value's column names and types: its composite type's, else those the value carries (f1, f2, … by default). */
function recordFields(v: unknown, type: number): { names: string[]; types: number[] } | null {
  if (!Array.isArray(v)) return null;
  const fields = type !== OID.record ? typeByOid(type)?.fields?.() : undefined;
  if (fields) {
    const live = fields.length === v.length ? fields : fields.filter(f => f);
    if (live.length === v.length) return { names: live.map((f, i) => f?.name ?? `f${i + 1}`), types: live.map(f => f?.type ?? OID.text) };
  }
  const types = fieldTypesOf(v);
  if (!types) return null;
  return { names: fieldNamesOf(v) ?? v.map((_x, i) => `f${i + 1}`), types };
}

const ISO: Partial<FormatSettings> = { dateStyle: 'ISO' };

/** JsonEncodeDateTime: ISO 8601 with a "T" and a ±HH:MM offset. */
function isoDateTime(v: unknown, type: number, s: FormatSettings): string {
  const text = typeByOid(type)!.output(v, { ...s, ...ISO });
  if (type === OID.date || !/^\d/.test(text)) return text;
  let out = text.replace(' ', 'T');
  if (type === OID.timestamptz) out = out.replace(/([+-]\d\d)$/, '$1:00');
  return out;
}

function textOf(v: unknown, type: number, s: FormatSettings): string {
  if (type === OID.unknown) return String(v);
  return typeByOid(type)!.output(v, s);
}

/** datum_to_jsonb */
export function toJsonb(v: unknown, type: number, s: FormatSettings): JsonbValue {
  if (v === null || v === undefined) return JSON_NULL;
  switch (kindOf(type)) {
    case 'bool': return v as boolean;
    case 'number': {
      const t = textOf(v, type, s);
      return JSON_NUMBER.test(t) ? Numeric.parse(t) : t;
    }
    case 'jsonb': return v as JsonbValue;
    case 'json': return parseJsonb(v as string);
    case 'datetime': return isoDateTime(v, type, s);
    case 'array': {
      const elem = typeByOid(type)!.elem!;
      const walk = (a: unknown[]): JsonbValue[] => a.map(x => (isSubArray(x) && kindOf(elem) !== 'jsonb' ? walk(x) : toJsonb(x, elem, s)));
      return walk(v as unknown[]);
    }
    case 'record': {
      const f = recordFields(v, type);
      if (!f) return textOf(v, type, s);
      return makeObject(f.names, (v as unknown[]).map((x, i) => toJsonb(x, f.types[i], s)));
    }
    default: return textOf(v, type, s);
  }
}

/** datum_to_json: JSON text; arrays without spaces after commas, as array_to_json. */
export function toJsonText(v: unknown, type: number, s: FormatSettings): string {
  if (v === null || v === undefined) return 'null';
  switch (kindOf(type)) {
    case 'bool': return v ? 'true' : 'false';
    case 'number': {
      const t = textOf(v, type, s);
      return JSON_NUMBER.test(t) ? t : escapeJson(t);
    }
    case 'json': return v as string;
    case 'jsonb': return jsonbOut(v as JsonbValue);
    case 'datetime': return escapeJson(isoDateTime(v, type, s));
    case 'array': {
      const elem = typeByOid(type)!.elem!;
      const walk = (a: unknown[]): string => '[' + a.map(x => (isSubArray(x) && kindOf(elem) !== 'jsonb' ? walk(x) : toJsonText(x, elem, s))).join(',') + ']';
      return walk(v as unknown[]);
    }
    case 'record': {
      const f = recordFields(v, type);
      return f ? rowToJson(v as unknown[], f.names, f.types, s) : escapeJson(textOf(v, type, s));
    }
    default: return escapeJson(textOf(v, type, s));
  }
}

/** An object key: scalars only, as text. */
function keyText(v: unknown, type: number, s: FormatSettings, i: number, jsonb: boolean): string {
  if (v === null || v === undefined) {
    if (jsonb) throw new PgError('22004', `argument ${i + 1}: key must not be null`);
    throw new PgError('22004', `argument ${i + 1} cannot be null`, { hint: 'Object keys should be text.' });
  }
  const k = kindOf(type);
  if (k === 'array' || k === 'json' || k === 'jsonb') {
    throw new PgError('22023', 'key value must be scalar, not array, composite, or json');
  }
  if (k === 'datetime') return isoDateTime(v, type, s);
  if (k === 'bool') return v ? 'true' : 'false';
  return textOf(v, type, s);
}

function checkPairs(n: number, name: string): void {
  if (n % 2 !== 0) {
    throw new PgError('22023', 'argument list must have even number of elements',
      { hint: `The arguments of ${name} must consist of alternating keys and values.` });
  }
}

export function jsonbBuildObject(vals: unknown[], types: number[], s: FormatSettings): JsonbValue {
  checkPairs(vals.length, 'jsonb_build_object()');
  const keys: string[] = [], out: JsonbValue[] = [];
  for (let i = 0; i < vals.length; i += 2) {
    keys.push(keyText(vals[i], types[i], s, i, true));
    out.push(toJsonb(vals[i + 1], types[i + 1], s));
  }
  return makeObject(keys, out);
}

export function jsonBuildObject(vals: unknown[], types: number[], s: FormatSettings): string {
  checkPairs(vals.length, 'json_build_object()');
  const parts: string[] = [];
  for (let i = 0; i < vals.length; i += 2) {
    parts.push(escapeJson(keyText(vals[i], types[i], s, i, false)) + ' : ' + toJsonText(vals[i + 1], types[i + 1], s));
  }
  return '{' + parts.join(', ') + '}';
}

export const jsonbBuildArray = (vals: unknown[], types: number[], s: FormatSettings): JsonbValue =>
  vals.map((v, i) => toJsonb(v, types[i], s));

export const jsonBuildArray = (vals: unknown[], types: number[], s: FormatSettings): string =>
  '[' + vals.map((v, i) => toJsonText(v, types[i], s)).join(', ') + ']';

/** row_to_json of a row whose column names and types are known. */
export function rowToJson(vals: unknown[], names: string[], types: number[], s: FormatSettings): string {
  return '{' + vals.map((v, i) => escapeJson(names[i]) + ':' + toJsonText(v, types[i], s)).join(',') + '}';
}
