// Array operators and functions: = <> < > <= >= @> <@ && ||, array_length,
// array_upper/lower, cardinality, array_ndims/dims, array_append/prepend/cat,
// array_position(s), array_remove/replace, array_to_string, string_to_array, unnest.
// Element comparisons use genericCompare (values carry no type); the engine may use
// typeByOid(arrayOid).compare when it knows the type.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { ANYARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYELEMENT, typeByOid, type EvalContext } from './registry.js';
import { fn, op } from './define.js';
import { isSubArray, markComposite } from './record-mark.js';
import { compareArrays, dims, flatten, genericCompare, registerAllArrayTypes, type PgArray } from './arrays.js';

const { int4, bool, text } = OID;
const _int4 = OID._int4, _text = OID._text;

registerAllArrayTypes();

const acmp = (a: PgArray, b: PgArray): number => compareArrays(a, b, genericCompare);
op('=', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => acmp(a, b) === 0);
op('<>', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => acmp(a, b) !== 0);
op('<', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => acmp(a, b) < 0);
op('>', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => acmp(a, b) > 0);
op('<=', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => acmp(a, b) <= 0);
op('>=', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => acmp(a, b) >= 0);

const has = (items: unknown[], x: unknown): boolean => {
  if (x === null) return false;
  for (const e of items) if (e !== null && genericCompare(e, x) === 0) return true;
  return false;
};
export const arrayContains = (a: PgArray, b: PgArray): boolean => {
  const fa = flatten(a);
  return flatten(b).every((x) => has(fa, x));
};
op('@>', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => arrayContains(a, b));
op('<@', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => arrayContains(b, a));
op('&&', ANYARRAY, ANYARRAY, bool, (a: PgArray, b: PgArray) => {
  const fa = flatten(a);
  return flatten(b).some((x) => has(fa, x));
});

const elemOf = (arrOid: number): number => typeByOid(arrOid)?.elem ?? ANYELEMENT;
const arrOf = (elemOid: number): number => typeByOid(elemOid)?.array ?? ANYARRAY;
const sameArray = (t: number[]): number => (t.find((x) => typeByOid(x)?.category === 'A') ?? ANYARRAY);

export function arrayAppend(a: PgArray | null, x: unknown): PgArray {
  if (a === null) return [x];
  if (a.length && isSubArray(a[0])) throw new PgError('22000', 'argument must be empty or one-dimensional array');
  return [...a, x];
}
export function arrayPrepend(x: unknown, a: PgArray | null): PgArray {
  if (a === null) return [x];
  if (a.length && isSubArray(a[0])) throw new PgError('22000', 'argument must be empty or one-dimensional array');
  return [x, ...a];
}
export function arrayCat(a: PgArray | null, b: PgArray | null): PgArray | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const da = dims(a), db = dims(b);
  if (da.length === db.length) {
    if (da.length > 1 && da.slice(1).join() !== db.slice(1).join()) {
      throw new PgError('2202E', 'cannot concatenate incompatible arrays',
        { detail: 'Arrays with differing element dimensions are not compatible for concatenation.' });
    }
    return [...a, ...b];
  }
  if (da.length === db.length + 1) {
    if (da.slice(1).join() !== db.join()) {
      throw new PgError('2202E', 'cannot concatenate incompatible arrays',
        { detail: 'Arrays with differing dimensions are not compatible for concatenation.' });
    }
    return [...a, b];
  }
  if (db.length === da.length + 1) {
    if (db.slice(1).join() !== da.join()) {
      throw new PgError('2202E', 'cannot concatenate incompatible arrays',
        { detail: 'Arrays with differing dimensions are not compatible for concatenation.' });
    }
    return [a, ...b];
  }
  throw new PgError('2202E', 'cannot concatenate incompatible arrays',
    { detail: `Arrays of ${da.length} and ${db.length} dimensions are not compatible for concatenation.` });
}

/** The element as an array element: a composite value is marked as a record (never a sub-array). */
function asElement(elemType: number): (x: unknown) => unknown {
  const fields = typeByOid(elemType)?.fields;
  return fields ? (x) => markComposite(x, fields) : (x) => x;
}

const ns = { strict: false } as const;
fn('array_append', [ANYCOMPATIBLEARRAY, ANYCOMPATIBLE], ANYCOMPATIBLEARRAY, ([a, x]) => arrayAppend(a, x),
  { ...ns, resolveRet: (t) => (typeByOid(t[0]!)?.category === 'A' ? t[0]! : arrOf(t[1]!)),
    bind: (t) => { const el = asElement(t[1]!); return ([a, x]) => arrayAppend(a as PgArray | null, el(x)); } });
fn('array_prepend', [ANYCOMPATIBLE, ANYCOMPATIBLEARRAY], ANYCOMPATIBLEARRAY, ([x, a]) => arrayPrepend(x, a),
  { ...ns, resolveRet: (t) => (typeByOid(t[1]!)?.category === 'A' ? t[1]! : arrOf(t[0]!)),
    bind: (t) => { const el = asElement(t[0]!); return ([x, a]) => arrayPrepend(el(x), a as PgArray | null); } });
fn('array_cat', [ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY], ANYCOMPATIBLEARRAY, ([a, b]) => arrayCat(a, b),
  { ...ns, resolveRet: sameArray });
op('||', ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY, (a, b) => arrayCat(a, b),
  { strict: false, resolveRet: (l, r) => sameArray([l, r]) });
op('||', ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, (a, x) => arrayAppend(a, x),
  { strict: false, resolveRet: (l) => l, bind: (_l, r) => { const el = asElement(r); return (a, x) => arrayAppend(a as PgArray | null, el(x)); } });
op('||', ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY, (x, a) => arrayPrepend(x, a),
  { strict: false, resolveRet: (_l, r) => r, bind: (l) => { const el = asElement(l); return (x, a) => arrayPrepend(el(x), a as PgArray | null); } });

fn('array_length', [ANYARRAY, int4], int4, ([a, d]) => dims(a)[d - 1] ?? null);
fn('array_upper', [ANYARRAY, int4], int4, ([a, d]) => dims(a)[d - 1] ?? null);
fn('array_lower', [ANYARRAY, int4], int4, ([a, d]) => (dims(a)[d - 1] !== undefined ? 1 : null));
fn('cardinality', [ANYARRAY], int4, ([a]) => flatten(a).length);
fn('array_ndims', [ANYARRAY], int4, ([a]) => (a.length ? dims(a).length : null));
fn('array_dims', [ANYARRAY], text, ([a]) => (a.length ? dims(a).map((n) => `[1:${n}]`).join('') : null));

const notDistinct = (e: unknown, x: unknown): boolean =>
  (e === null || e === undefined) ? (x === null || x === undefined) : x !== null && x !== undefined && genericCompare(e, x) === 0;
function oneDim(a: PgArray): void {
  if (a.length && isSubArray(a[0])) {
    throw new PgError('0A000', 'searching for elements in multidimensional arrays is not supported');
  }
}
function arrayPosition(a: PgArray | null, x: unknown, start = 1): number | null {
  if (a === null) return null;
  oneDim(a);
  for (let i = Math.max(start, 1) - 1; i < a.length; i++) if (notDistinct(a[i], x)) return i + 1;
  return null;
}
fn('array_position', [ANYCOMPATIBLEARRAY, ANYCOMPATIBLE], int4, ([a, x]) => arrayPosition(a, x), ns);
fn('array_position', [ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, int4], int4, ([a, x, s]) => {
  if (s === null) throw new PgError('22004', 'initial position must not be null');
  return arrayPosition(a, x, s);
}, ns);
fn('array_positions', [ANYCOMPATIBLEARRAY, ANYCOMPATIBLE], _int4, ([a, x]) => {
  if (a === null) return null;
  oneDim(a);
  const out: number[] = [];
  (a as PgArray).forEach((e, i) => { if (notDistinct(e, x)) out.push(i + 1); });
  return out;
}, ns);
fn('array_remove', [ANYCOMPATIBLEARRAY, ANYCOMPATIBLE], ANYCOMPATIBLEARRAY, ([a, x]) => {
  if (a === null) return null;
  if (a.length && isSubArray(a[0])) throw new PgError('0A000', 'removing elements from multidimensional arrays is not supported');
  return (a as PgArray).filter((e) => !notDistinct(e, x));
}, { ...ns, resolveRet: (t) => t[0]! });
fn('array_replace', [ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, ANYCOMPATIBLE], ANYCOMPATIBLEARRAY, ([a, x, y]) => {
  if (a === null) return null;
  const rep = (v: PgArray): PgArray => v.map((e) => (isSubArray(e) ? rep(e) : notDistinct(e, x) ? y : e));
  return rep(a);
}, { ...ns, resolveRet: (t) => t[0]! });

/** Text of an element for array_to_string (strings as is; objects by toString()). */
function elemText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v);
}
function arrayToString(a: PgArray, sep: string, nullStr: string | null, text: (v: unknown) => string = elemText): string {
  const parts: string[] = [];
  for (const e of flatten(a)) {
    if (e === null || e === undefined) { if (nullStr !== null) parts.push(nullStr); } else parts.push(text(e));
  }
  return parts.join(sep);
}
/** array_to_string reads each element through its type's output function. */
const elemOutput = (arrType: number) => {
  const t = typeByOid(typeByOid(arrType)?.elem ?? 0);
  return t ? (v: unknown, ctx: EvalContext) => t.output(v, ctx.settings) : (v: unknown) => elemText(v);
};
fn('array_to_string', [ANYARRAY, text], text, ([a, s]) => arrayToString(a, s, null), { volatility: 's',
  bind: (t) => { const out = elemOutput(t[0]!); return ([a, s], ctx) => arrayToString(a as PgArray, s as string, null, v => out(v, ctx)); } });
fn('array_to_string', [ANYARRAY, text, text], text, ([a, s, n]) => {
  if (a === null || s === null) return null;
  return arrayToString(a, s, n);
}, { strict: false, volatility: 's', bind: (t) => {
  const out = elemOutput(t[0]!);
  return ([a, s, n], ctx) => (a === null || s === null ? null : arrayToString(a as PgArray, s as string, n as string | null, v => out(v, ctx)));
} });
function stringToArray(s: string | null, d: string | null, nullStr: string | null): (string | null)[] | null {
  if (s === null) return null;
  if (s === '') return [];
  let parts: string[];
  if (d === null) parts = Array.from(s);
  else if (d === '') parts = [s];
  else parts = s.split(d);
  return parts.map((p) => (nullStr !== null && p === nullStr ? null : p));
}
fn('string_to_array', [text, text], _text, ([s, d]) => stringToArray(s, d, null), { strict: false });
fn('string_to_array', [text, text, text], _text, ([s, d, n]) => stringToArray(s, d, n), { strict: false });
fn('string_to_table', [text, text], text, ([s, d]) => stringToArray(s, d, null) ?? [], { strict: false, retSet: true });

/** unnest(anyarray): one row per element (flattened). */
fn('unnest', [ANYARRAY], ANYELEMENT, ([a]) => flatten(a), { retSet: true, resolveRet: (t) => elemOf(t[0]!) });
