// float4 (real) and float8 (double precision): JS numbers (float4 values are
// always Math.fround'ed). Text I/O as PostgreSQL 15: shortest round-trip output
// when extra_float_digits > 0 (the default), %.Ng otherwise.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType, invalidInput, isSpaceCode } from './base.js';

const outOfRangeInput = (text: string, label: string): PgError =>
  new PgError('22003', `"${text}" is out of range for type ${label}`);

/** True when s[a..b) is strtod decimal/hex syntax (sign already allowed). */
function validFloatSyntax(s: string, a: number, b: number): boolean {
  let i = a;
  if (i < b && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
  if (i + 1 < b && s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120) {
    // hexadecimal integer (strtod also allows hex fractions/exponents; rare)
    let j = i + 2;
    while (j < b && /[0-9a-fA-F]/.test(s[j]!)) j++;
    return j > i + 2 && j === b;
  }
  let digits = 0;
  while (i < b && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) { i++; digits++; }
  if (i < b && s.charCodeAt(i) === 46) {
    i++;
    while (i < b && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) { i++; digits++; }
  }
  if (digits === 0) return false;
  if (i < b && (s.charCodeAt(i) | 32) === 101) {
    let j = i + 1;
    if (j < b && (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45)) j++;
    const es = j;
    while (j < b && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j > es) i = j; // otherwise strtod stops before the 'e' → trailing garbage
  }
  return i === b;
}

function hasNonZeroDigit(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 101 || c === 69) return false;
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

function parseFloatText(text: string, label: string, single: boolean): number {
  let a = 0, b = text.length;
  while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
  if (a === b) throw invalidInput(label, text);
  const c = text.charCodeAt(a);
  if (!(c >= 48 && c <= 57) && c !== 46) {
    switch (text.slice(a, b).toLowerCase()) {
      case 'nan': case '+nan': case '-nan': return NaN;
      case 'infinity': case '+infinity': case 'inf': case '+inf': return Infinity;
      case '-infinity': case '-inf': return -Infinity;
    }
  }
  if (!validFloatSyntax(text, a, b)) throw invalidInput(label, text);
  const body = text.slice(a, b);
  let v = Number(body);
  if (Number.isNaN(v)) {
    // hex with sign: Number() rejects "-0x10"
    const neg = body.charCodeAt(0) === 45;
    v = Number(body.replace(/^[+-]/, ''));
    if (neg) v = -v;
  }
  if (single) v = Math.fround(v);
  if (v === Infinity || v === -Infinity) throw outOfRangeInput(text, label);
  if (v === 0 && hasNonZeroDigit(text, a, b)) throw outOfRangeInput(text, label);
  if (single && v !== 0 && Math.abs(v) < 1.401298464324817e-45) throw outOfRangeInput(text, label);
  return v;
}

export const parseFloat8 = (t: string): number => parseFloatText(t, 'double precision', false);
export const parseFloat4 = (t: string): number => parseFloatText(t, 'real', true);

/** Format shortest digits `digits` (no dot) with decimal exponent `exp` as PostgreSQL's ryu output. */
function formatShortest(neg: boolean, digits: string, exp: number, fixedMax: number): string {
  let out: string;
  if (exp >= -4 && exp < fixedMax) {
    if (exp >= 0) {
      if (digits.length <= exp + 1) out = digits + '0'.repeat(exp + 1 - digits.length);
      else out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
    } else {
      out = '0.' + '0'.repeat(-exp - 1) + digits;
    }
  } else {
    out = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const ae = exp < 0 ? -exp : exp;
    out += (exp < 0 ? 'e-' : 'e+') + (ae < 10 ? '0' + ae : String(ae));
  }
  return neg ? '-' + out : out;
}

/** Split JS toExponential() output into digits and exponent. */
function splitExp(s: string): [string, number] {
  const e = s.indexOf('e');
  const m = s.slice(0, e);
  const digits = m.length > 1 ? m[0] + m.slice(2) : m;
  return [digits, Number(s.slice(e + 1))];
}

/** printf("%.*g", precision, v) for finite v. */
export function formatG(v: number, precision: number): string {
  if (precision < 1) precision = 1;
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0;
  const [digits0, exp] = splitExp(Math.abs(v).toExponential(precision - 1));
  let digits = digits0.replace(/0+$/, '');
  if (digits === '') digits = '0';
  let out: string;
  if (exp >= -4 && exp < precision) {
    if (exp >= 0) {
      out = digits.length <= exp + 1 ? digits + '0'.repeat(exp + 1 - digits.length)
        : digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
    } else out = '0.' + '0'.repeat(-exp - 1) + digits;
  } else {
    out = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const ae = Math.abs(exp);
    out += (exp < 0 ? 'e-' : 'e+') + (ae < 10 ? '0' + ae : String(ae));
  }
  return neg ? '-' + out : out;
}

function special(v: number): string | undefined {
  if (v !== v) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  return undefined;
}

/** float8out */
export function float8Out(v: number, extraFloatDigits = 1): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  if (extraFloatDigits > 0) {
    const neg = v < 0;
    const [digits, exp] = splitExp((neg ? -v : v).toExponential());
    return formatShortest(neg, digits, exp, 15);
  }
  return formatG(v, 15 + extraFloatDigits);
}

/** float4out */
export function float4Out(v: number, extraFloatDigits = 1): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  const neg = v < 0;
  const a = neg ? -v : v;
  if (extraFloatDigits > 0) {
    let s = '';
    for (let p = 1; p <= 9; p++) {
      s = a.toPrecision(p);
      if (Math.fround(Number(s)) === a) break;
    }
    const [digits, exp] = splitExp(Number(s).toExponential());
    return formatShortest(neg, digits, exp, 6);
  }
  return formatG(v, 6 + extraFloatDigits);
}

/** NaN-aware total order: NaN equals NaN and sorts above everything. -0 = 0. */
export function compareFloat(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = a !== a, bn = b !== b;
  return an ? (bn ? 0 : 1) : -1;
}

export const float4Type = defineType({
  oid: OID.float4, name: 'float4', category: 'N', preferred: false, len: 4, array: OID._float4,
  input: (t) => parseFloat4(t),
  output: (v, s) => float4Out(v as number, s.extraFloatDigits),
  compare: (a, b) => compareFloat(a as number, b as number),
}, 'real');

export const float8Type = defineType({
  oid: OID.float8, name: 'float8', category: 'N', preferred: true, len: 8, array: OID._float8,
  input: (t) => parseFloat8(t),
  output: (v, s) => float8Out(v as number, s.extraFloatDigits),
  compare: (a, b) => compareFloat(a as number, b as number),
}, 'double precision');
