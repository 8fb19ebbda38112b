// json / jsonb path and modification operators and functions (jsonfuncs.c, jsonb_op.c):
// #> #>> ?| ?& - #- ||, jsonb_set, jsonb_set_lax, jsonb_insert, jsonb_strip_nulls,
// jsonb_pretty, json[b]_object, array_to_json.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn, op } from './define.js';
import { compareJsonb, escapeJson, JSON_NULL, jsonbAsText, jsonbOut, JsonbObject, makeObject, parseJsonb, type JsonbValue } from './json.js';
import { toJsonText } from './json-build.js';
import { typeByOid, type EvalContext } from './registry.js';

const { json, jsonb, text, int4, bool, _text } = OID;
type Path = (string | null)[];

const isContainer = (v: JsonbValue): boolean => Array.isArray(v) || v instanceof JsonbObject;

/** An array subscript written as text: an integer (negative counts from the end), else null. */
function arrayIndex(s: string | null, len: number): number | null {
  if (s === null || !/^\s*[+-]?\d+\s*$/.test(s)) return null;
  const i = parseInt(s, 10);
  return i < 0 ? len + i : i;
}

/** jsonb_extract_path / #>: the value at a path, or SQL NULL. */
export function extractPath(v: JsonbValue, path: Path): JsonbValue | null {
  let cur: JsonbValue = v;
  for (const p of path) {
    if (p === null) return null;
    if (cur instanceof JsonbObject) { const next = cur.get(p); if (next === undefined) return null; cur = next; }
    else if (Array.isArray(cur)) { const i = arrayIndex(p, cur.length); if (i === null || i < 0 || i >= cur.length) return null; cur = cur[i]!; }
    else return null;
  }
  return cur;
}

op('#>', jsonb, _text, jsonb, (v: JsonbValue, p: Path) => extractPath(v, p));
op('#>>', jsonb, _text, text, (v: JsonbValue, p: Path) => (p.length === 0 ? jsonbOut(v) : jsonbAsText(extractPath(v, p))));
op('#>', json, _text, json, (v: string, p: Path) => { const r = extractPath(parseJsonb(v), p); return r === null ? null : p.length === 0 ? v : jsonbOut(r); });
op('#>>', json, _text, text, (v: string, p: Path) => (p.length === 0 ? v : jsonbAsText(extractPath(parseJsonb(v), p))));
fn('jsonb_extract_path', [jsonb, _text], jsonb, ([v, p]) => extractPath(v, p as Path), { variadic: text });
fn('jsonb_extract_path_text', [jsonb, _text], text, ([v, p]) => jsonbAsText(extractPath(v, p as Path)), { variadic: text });

/** Does key k exist at the top level (an object's key, an array's string element, the string itself)? */
function hasKey(v: JsonbValue, k: string): boolean {
  return v instanceof JsonbObject ? v.get(k) !== undefined : Array.isArray(v) ? v.includes(k) : v === k;
}
op('?|', jsonb, _text, bool, (v: JsonbValue, keys: (string | null)[]) => keys.some(k => k !== null && hasKey(v, k)));
op('?&', jsonb, _text, bool, (v: JsonbValue, keys: (string | null)[]) => keys.every(k => k === null || hasKey(v, k)));

// ---- deletion and concatenation ----
function deleteKeys(v: JsonbValue, keys: Set<string>): JsonbValue {
  if (v instanceof JsonbObject) {
    const k: string[] = [], vals: JsonbValue[] = [];
    v.keys.forEach((key, i) => { if (!keys.has(key)) { k.push(key); vals.push(v.vals[i]!); } });
    return new JsonbObject(k, vals);
  }
  if (Array.isArray(v)) return v.filter(x => !(typeof x === 'string' && keys.has(x)));
  throw new PgError('22023', 'cannot delete from scalar');
}
op('-', jsonb, text, jsonb, (v: JsonbValue, k: string) => deleteKeys(v, new Set([k])));
op('-', jsonb, _text, jsonb, (v: JsonbValue, ks: (string | null)[]) => deleteKeys(v, new Set(ks.filter((k): k is string => k !== null))));
op('-', jsonb, int4, jsonb, (v: JsonbValue, i: number) => {
  if (v instanceof JsonbObject) throw new PgError('22023', 'cannot delete from object using integer index');
  if (!Array.isArray(v)) throw new PgError('22023', 'cannot delete from scalar');
  const k = i < 0 ? v.length + i : i;
  return k < 0 || k >= v.length ? v : v.filter((_x, j) => j !== k);
});
op('||', jsonb, jsonb, jsonb, (a: JsonbValue, b: JsonbValue) => {
  if (a instanceof JsonbObject && b instanceof JsonbObject) return makeObject([...a.keys, ...b.keys], [...a.vals, ...b.vals]);
  const la = Array.isArray(a) ? a : [a], lb = Array.isArray(b) ? b : [b];
  return [...la, ...lb];
});

// ---- setPath (jsonb_set, jsonb_insert, #-) ----
type Mode = 'set' | 'create' | 'insertBefore' | 'insertAfter' | 'delete';

function notInteger(path: Path, level: number): PgError {
  return new PgError('22P02', `path element at position ${level + 1} is not an integer: "${path[level]}"`);
}

function setPath(v: JsonbValue, path: Path, level: number, value: JsonbValue | null, mode: Mode): JsonbValue {
  const last = level === path.length - 1;
  const key = path[level];
  if (key === null) throw new PgError('22004', `path element at position ${level + 1} is null`);
  if (v instanceof JsonbObject) {
    const i = v.keys.indexOf(key);
    if (i >= 0) {
      if (!last) return withVal(v, i, isContainer(v.vals[i]!) ? setPath(v.vals[i]!, path, level + 1, value, mode) : v.vals[i]!);
      if (mode === 'delete') return new JsonbObject(v.keys.filter((_k, j) => j !== i), v.vals.filter((_x, j) => j !== i));
      if (mode === 'insertBefore' || mode === 'insertAfter') {
        throw new PgError('22023', 'cannot replace existing key', { hint: 'Try using the function jsonb_set to replace key value.' });
      }
      return withVal(v, i, value!);
    }
    if (last && mode !== 'set' && mode !== 'delete') return makeObject([...v.keys, key], [...v.vals, value!]);
    return v;
  }
  if (Array.isArray(v)) {
    if (!/^\s*[+-]?\d+\s*$/.test(key)) throw notInteger(path, level);
    let i = parseInt(key, 10);
    if (i < 0) i = v.length + i;
    if (i >= 0 && i < v.length) {
      if (!last) return v.map((x, j) => (j === i && isContainer(x) ? setPath(x, path, level + 1, value, mode) : x));
      switch (mode) {
        case 'delete': return v.filter((_x, j) => j !== i);
        case 'insertBefore': return [...v.slice(0, i), value!, ...v.slice(i)];
        case 'insertAfter': return [...v.slice(0, i + 1), value!, ...v.slice(i + 1)];
        default: return v.map((x, j) => (j === i ? value! : x));
      }
    }
    if (!last || mode === 'set' || mode === 'delete') return v;
    return i < 0 ? [value!, ...v] : [...v, value!];
  }
  return v;
}

function withVal(o: JsonbObject, i: number, val: JsonbValue): JsonbObject {
  return new JsonbObject(o.keys, o.vals.map((x, j) => (j === i ? val : x)));
}

function scalarCheck(v: JsonbValue, what: string): void {
  if (!isContainer(v)) throw new PgError('22023', `cannot ${what} path in scalar`);
}

function jsonbSet(v: JsonbValue, path: Path, value: JsonbValue, create: boolean): JsonbValue {
  scalarCheck(v, 'set');
  return path.length ? setPath(v, path, 0, value, create ? 'create' : 'set') : v;
}
fn('jsonb_set', [jsonb, _text, jsonb], jsonb, ([v, p, n]) => jsonbSet(v, p as Path, n, true));
fn('jsonb_set', [jsonb, _text, jsonb, bool], jsonb, ([v, p, n, c]) => jsonbSet(v, p as Path, n, c as boolean));

function jsonbSetLax(args: unknown[]): unknown {
  const [v, p, n, c, t] = args as [JsonbValue | null, Path | null, JsonbValue | null, boolean | null, string | null];
  if (t === null || t === undefined) throw new PgError('22023', 'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"');
  if (v === null || p === null || c === null) return null;
  if (n !== null) return jsonbSet(v, p, n, c ?? true);
  switch (t) {
    case 'raise_exception': throw new PgError('22023', 'JSON value must not be null',
      { detail: 'Exception was raised because null_value_treatment is "raise_exception".', hint: 'To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.' });
    case 'use_json_null': return jsonbSet(v, p, JSON_NULL, c ?? true);
    case 'delete_key': scalarCheck(v, 'delete'); return p.length ? setPath(v, p, 0, null, 'delete') : v;
    case 'return_target': return v;
    default: throw new PgError('22023', 'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"');
  }
}
fn('jsonb_set_lax', [jsonb, _text, jsonb], jsonb, ([v, p, n]) => jsonbSetLax([v, p, n, true, 'use_json_null']), { strict: false });
fn('jsonb_set_lax', [jsonb, _text, jsonb, bool], jsonb, ([v, p, n, c]) => jsonbSetLax([v, p, n, c, 'use_json_null']), { strict: false });
fn('jsonb_set_lax', [jsonb, _text, jsonb, bool, text], jsonb, (a) => jsonbSetLax(a), { strict: false });

function jsonbInsert(v: JsonbValue, path: Path, value: JsonbValue, after: boolean): JsonbValue {
  scalarCheck(v, 'set');
  return path.length ? setPath(v, path, 0, value, after ? 'insertAfter' : 'insertBefore') : v;
}
fn('jsonb_insert', [jsonb, _text, jsonb], jsonb, ([v, p, n]) => jsonbInsert(v, p as Path, n, false));
fn('jsonb_insert', [jsonb, _text, jsonb, bool], jsonb, ([v, p, n, a]) => jsonbInsert(v, p as Path, n, a as boolean));
op('#-', jsonb, _text, jsonb, (v: JsonbValue, p: Path) => {
  scalarCheck(v, 'delete');
  return p.length ? setPath(v, p, 0, null, 'delete') : v;
});

// ---- strip nulls, pretty ----
function stripNulls(v: JsonbValue): JsonbValue {
  if (v instanceof JsonbObject) {
    const k: string[] = [], vals: JsonbValue[] = [];
    v.keys.forEach((key, i) => { if (v.vals[i] !== JSON_NULL) { k.push(key); vals.push(stripNulls(v.vals[i]!)); } });
    return new JsonbObject(k, vals);
  }
  return Array.isArray(v) ? v.map(stripNulls) : v;
}
fn('jsonb_strip_nulls', [jsonb], jsonb, ([v]) => stripNulls(v));

/** jsonb_pretty: four spaces per level, empty containers opened and closed on two lines. */
function pretty(v: JsonbValue, indent: string): string {
  const inner = indent + '    ';
  if (Array.isArray(v)) return '[\n' + v.map(x => inner + pretty(x, inner)).join(',\n') + (v.length ? '\n' : '') + indent + ']';
  if (v instanceof JsonbObject) {
    return '{\n' + v.keys.map((k, i) => `${inner}${escapeJson(k)}: ${pretty(v.vals[i]!, inner)}`).join(',\n') + (v.keys.length ? '\n' : '') + indent + '}';
  }
  return jsonbOut(v);
}
fn('jsonb_pretty', [jsonb], text, ([v]) => pretty(v, ''));

// ---- json_object / jsonb_object from text arrays ----
function pairsOf(keys: unknown[], vals?: unknown[]): [string, string | null][] {
  if (vals !== undefined) {
    if (keys.some(Array.isArray) || vals.some(Array.isArray)) throw new PgError('2202E', 'wrong number of array subscripts');
    if (keys.length !== vals.length) throw new PgError('2202E', 'mismatched array dimensions');
    return keys.map((k, i) => {
      if (k === null) throw new PgError('22004', 'null value not allowed for object key');
      return [k as string, vals[i] as string | null];
    });
  }
  if (keys.length && Array.isArray(keys[0])) {
    return (keys as unknown[][]).map(pair => {
      if (pair.length !== 2) throw new PgError('2202E', 'array must have two columns');
      if (pair[0] === null) throw new PgError('22004', 'null value not allowed for object key');
      return [pair[0] as string, pair[1] as string | null];
    });
  }
  if (keys.length % 2) throw new PgError('2202E', 'array must have even number of elements');
  const out: [string, string | null][] = [];
  for (let i = 0; i < keys.length; i += 2) {
    if (keys[i] === null) throw new PgError('22004', 'null value not allowed for object key');
    out.push([keys[i] as string, keys[i + 1] as string | null]);
  }
  return out;
}
const jsonObject = (p: [string, string | null][]) => '{' + p.map(([k, v]) => `${escapeJson(k)} : ${v === null ? 'null' : escapeJson(v)}`).join(', ') + '}';
const jsonbObject = (p: [string, string | null][]) => makeObject(p.map(x => x[0]), p.map(x => (x[1] === null ? JSON_NULL : x[1])));
fn('json_object', [_text], json, ([k]) => jsonObject(pairsOf(k as unknown[])));
fn('json_object', [_text, _text], json, ([k, v]) => jsonObject(pairsOf(k as unknown[], v as unknown[])));
fn('jsonb_object', [_text], jsonb, ([k]) => jsonbObject(pairsOf(k as unknown[])));
fn('jsonb_object', [_text, _text], jsonb, ([k, v]) => jsonbObject(pairsOf(k as unknown[], v as unknown[])));

// ---- array_to_json (pretty: a newline after each top-level element) ----
function arrayToJson(a: unknown[], type: number, prettyPrint: boolean, s: Parameters<typeof toJsonText>[2]): string {
  if (!prettyPrint) return toJsonText(a, type, s);
  const elem = typeByOid(type)?.elem ?? OID.text;
  return '[' + a.map(x => (Array.isArray(x) && typeByOid(elem)?.category !== 'C' && x !== null ? toJsonText(x, type, s) : toJsonText(x, elem, s))).join(',\n ') + ']';
}
fn('array_to_json', [OID.anyarray], json, () => null, { bind: (types) => ([a], c) => arrayToJson(a as unknown[], types[0], false, c.settings) });
fn('array_to_json', [OID.anyarray, bool], json, () => null,
  { bind: (types) => ([a, p], c) => arrayToJson(a as unknown[], types[0], p as boolean, c.settings) });

void compareJsonb;

// ---- json[b]_to_record[set]: the result's columns come from the query's column definition list ----
function objectToColumns(name: string) {
  return (v: unknown, cols: { name: string; type: number; typmod: number }[], ctx: EvalContext): unknown[] => {
    const o = v as JsonbValue;
    if (!(o instanceof JsonbObject)) throw new PgError('22023', `cannot call ${name} on a non-object`);
    return cols.map(c => {
      const x = o.get(c.name);
      if (x === undefined || x === JSON_NULL) return null;
      if (c.type === jsonb) return x;
      if (c.type === json) return jsonbOut(x);
      const t = typeByOid(c.type);
      return t ? t.input(jsonbAsText(x) ?? '', c.typmod, ctx.settings) : jsonbAsText(x);
    });
  };
}
function elementsOf(name: string, v: JsonbValue): JsonbValue[] {
  if (!Array.isArray(v)) throw new PgError('22023', `cannot call ${name} on a non-array`);
  return v;
}
fn('jsonb_to_record', [jsonb], OID.record, ([v]) => v, { withColumns: objectToColumns('jsonb_to_record') } as any);
fn('json_to_record', [json], OID.record, ([v]) => parseJsonb(v as string), { withColumns: objectToColumns('json_to_record') } as any);
fn('jsonb_to_recordset', [jsonb], OID.record, ([v]) => elementsOf('jsonb_to_recordset', v), { retSet: true, withColumns: objectToColumns('jsonb_to_recordset') } as any);
fn('json_to_recordset', [json], OID.record, ([v]) => elementsOf('json_to_recordset', parseJsonb(v as string)),
  { retSet: true, withColumns: objectToColumns('json_to_recordset') } as any);
