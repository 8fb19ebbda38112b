// int2 (smallint), int4 (integer), int8 (bigint) and oid: text I/O and types.
// int2/int4/oid are JS numbers, int8 is a bigint.
import { OID } from './oids.js';
import { cmpBig, cmpNum, defineType, invalidInput, isSpaceCode, valueOutOfRange } from './base.js';

export const INT2_MIN = -32768, INT2_MAX = 32767;
export const INT4_MIN = -2147483648, INT4_MAX = 2147483647;
export const INT8_MIN = -9223372036854775808n, INT8_MAX = 9223372036854775807n;

/**
 * pg_strtoint16/32 (PG15): optional leading/trailing whitespace, a sign, decimal digits.
 * Returns the value; throws 22P02 or 22003 naming `label`.
 */
function parseInt32(s: string, min: number, max: number, label: string): number {
  const n = s.length;
  let i = 0;
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  let neg = false;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c === 45) { neg = true; i++; } else if (c === 43) i++;
  }
  const start = i;
  let v = 0;
  let overflow = false;
  while (i < n) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    if (v > 2147483648) overflow = true; // keep scanning to validate syntax first
    i++;
  }
  if (i === start) throw invalidInput(label, s);
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  if (i !== n) throw invalidInput(label, s);
  if (neg) v = -v;
  if (overflow || v < min || v > max) throw valueOutOfRange(label, s);
  return v === 0 ? 0 : v; // no -0
}

export const parseInt2 = (s: string): number => parseInt32(s, INT2_MIN, INT2_MAX, 'smallint');
export const parseInt4 = (s: string): number => parseInt32(s, INT4_MIN, INT4_MAX, 'integer');

export function parseInt8(s: string): bigint {
  const n = s.length;
  let i = 0;
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  let neg = false;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c === 45) { neg = true; i++; } else if (c === 43) i++;
  }
  const start = i;
  while (i < n) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    i++;
  }
  const end = i;
  if (end === start) throw invalidInput('bigint', s);
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  if (i !== n) throw invalidInput('bigint', s);
  let v: bigint;
  if (end - start <= 15) {
    const x = Number(s.slice(start, end));
    v = BigInt(neg ? -x : x);
  } else {
    v = BigInt(s.slice(start, end));
    if (neg) v = -v;
  }
  if (v < INT8_MIN || v > INT8_MAX) throw valueOutOfRange('bigint', s);
  return v;
}

/** oidin: strtoul semantics (a negative number wraps), 0..4294967295. */
export function parseOid(s: string): number {
  const n = s.length;
  let i = 0;
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  let neg = false;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c === 45) { neg = true; i++; } else if (c === 43) i++;
  }
  const start = i;
  let v = 0;
  while (i < n) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    i++;
  }
  if (i === start) throw invalidInput('oid', s);
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  if (i !== n) throw invalidInput('oid', s);
  if (v > 4294967295) throw valueOutOfRange('oid', s);
  if (neg) {
    if (v > 2147483648) throw valueOutOfRange('oid', s);
    v = v === 0 ? 0 : 4294967296 - v;
  }
  return v;
}

const numOut = (v: unknown): string => String(v as number);
const cmpN = (a: unknown, b: unknown): number => cmpNum(a as number, b as number);

export const int2Type = defineType({
  oid: OID.int2, name: 'int2', category: 'N', preferred: false, len: 2, array: OID._int2,
  input: (t) => parseInt2(t), output: numOut, compare: cmpN,
}, 'smallint');

export const int4Type = defineType({
  oid: OID.int4, name: 'int4', category: 'N', preferred: false, len: 4, array: OID._int4,
  input: (t) => parseInt4(t), output: numOut, compare: cmpN,
}, 'integer');

export const int8Type = defineType({
  oid: OID.int8, name: 'int8', category: 'N', preferred: false, len: 8, array: OID._int8,
  input: (t) => parseInt8(t), output: (v) => (v as bigint).toString(),
  compare: (a, b) => cmpBig(a as bigint, b as bigint),
}, 'bigint');

export const oidType = defineType({
  oid: OID.oid, name: 'oid', category: 'N', preferred: true, len: 4, array: OID._oid,
  input: (t) => parseOid(t), output: numOut, compare: cmpN,
});

// regrole reads and prints a numeric oid; the reg* types that read and print names are in
// oid-types.ts.
for (const [name, oid, arr] of [
  ['regrole', OID.regrole, OID._regrole],
] as const) {
  defineType({
    oid, name, category: 'N', preferred: false, len: 4, array: arr,
    input: (t) => parseOid(t), output: numOut, compare: cmpN,
  });
}
