// numeric_in and numeric's typmod (apply_typmod): text to Numeric, and a value fitted to
// numeric(p,s). Split from numeric.ts (which re-exports these); they import the class only to
// call it, so the two modules' cycle is harmless.
import { PgError } from '../errors/index.js';
import { isSpaceCode } from './base.js';
import { MAX_SAFE, NUMERIC_DSCALE_MAX, P10, pow10, roundDiv10 } from './numeric-coef.js';
import { Numeric, checkWeight, integerDigits } from './numeric.js';

const overflowFormat = (): PgError => new PgError('22003', 'value overflows numeric format');

/** numeric_in's syntax; undefined when invalid. */
export function parseNumeric(str: string): Numeric | undefined {
  const n = str.length;
  let i = 0;
  while (i < n && isSpaceCode(str.charCodeAt(i))) i++;
  let end = n;
  while (end > i && isSpaceCode(str.charCodeAt(end - 1))) end--;
  if (i === end) return undefined;
  const start = i;
  const c0 = str.charCodeAt(i);
  let neg = false;
  if (c0 === 45) { neg = true; i++; } else if (c0 === 43) i++;
  const c1 = i < end ? str.charCodeAt(i) : -1;
  if (!(c1 >= 48 && c1 <= 57) && c1 !== 46) {
    // special values (NaN without a sign); anything else without a digit is invalid
    switch (str.slice(start, end).toLowerCase()) {
      case 'nan': return Numeric.NaN;
      case 'infinity': case '+infinity': case 'inf': case '+inf': return Numeric.PInf;
      case '-infinity': case '-inf': return Numeric.NInf;
    }
    return undefined;
  }
  // the digits' value is accumulated as they are read: exact while it stays a safe integer
  // (a partial value never exceeds the whole), and at least 2^53 once it is not
  let v = 0;
  const intStart = i;
  for (let d: number; i < end && (d = str.charCodeAt(i) - 48) >= 0 && d <= 9; i++) v = v * 10 + d;
  const intEnd = i;
  let fracStart = i, fracEnd = i;
  if (i < end && str.charCodeAt(i) === 46) {
    fracStart = ++i;
    for (let d: number; i < end && (d = str.charCodeAt(i) - 48) >= 0 && d <= 9; i++) v = v * 10 + d;
    fracEnd = i;
  }
  if (intEnd === intStart && fracEnd === fracStart) return undefined;
  let exponent = 0;
  if (i < end && (str.charCodeAt(i) | 32) === 101) {
    i++;
    let eneg = false;
    if (i < end && (str.charCodeAt(i) === 45 || str.charCodeAt(i) === 43)) { eneg = str.charCodeAt(i) === 45; i++; }
    const es = i;
    while (i < end && isDigit(str.charCodeAt(i))) i++;
    if (i === es) return undefined;
    const ev = Number(str.slice(es, i));
    if (ev >= 1073741823) throw overflowFormat();
    exponent = eneg ? -ev : ev;
  }
  if (i !== end) return undefined;
  let scale = fracEnd - fracStart - exponent;
  if (v <= MAX_SAFE) {
    if (scale >= 0 && scale <= NUMERIC_DSCALE_MAX) return new Numeric(neg ? -v : v, scale);
    if (scale < 0 && -scale < P10.length) {
      const m = v * P10[-scale]!;
      if (m <= MAX_SAFE) return new Numeric(neg ? -m : m, 0);
    }
  }
  let coef = BigInt(str.slice(intStart, intEnd) + str.slice(fracStart, fracEnd));
  if (scale < 0) { coef *= pow10(-scale); scale = 0; }
  if (scale > NUMERIC_DSCALE_MAX) {
    coef = roundDiv10(coef, scale - NUMERIC_DSCALE_MAX);
    scale = NUMERIC_DSCALE_MAX;
  }
  return checkWeight(new Numeric(neg ? -coef : coef, scale));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// ---- typmod ----

/** numeric(p,s) typmod: ((p << 16) | (s & 0x7ff)) + 4. */
export function numericTypmod(precision: number, scale: number): number {
  return ((precision << 16) | (scale & 0x7ff)) + 4;
}
export const typmodPrecision = (typmod: number): number => ((typmod - 4) >> 16) & 0xffff;
export const typmodScale = (typmod: number): number => (((typmod - 4) & 0x7ff) ^ 1024) - 1024;

/** apply_typmod / apply_typmod_special. */
export function applyNumericTypmod(v: Numeric, typmod: number): Numeric {
  if (typmod < 4) return v;
  const precision = typmodPrecision(typmod);
  const scale = typmodScale(typmod);
  if (!v.isFinite) {
    if (v.isNaN) return v;
    throw new PgError('22003', 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
    });
  }
  const r = v.round(scale); // the value itself when its scale is already `scale`
  const maxdigits = precision - scale;
  // digits before the decimal point (may be <= 0)
  if (r.c !== 0 && integerDigits(r) > maxdigits) {
    throw new PgError('22003', 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${maxdigits ? '10^' + maxdigits : '1'}.`,
    });
  }
  return r;
}
