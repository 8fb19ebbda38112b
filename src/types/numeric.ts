// Numeric: PostgreSQL's arbitrary-precision decimal (numeric.c) as an immutable
// value = coef / 10^scale, where `scale` is PostgreSQL's display scale (dscale),
// plus NaN and ±Infinity. Arithmetic follows numeric.c's result-scale rules
// (select_div_scale, …) and rounds half away from zero.
import { PgError } from '../errors/index.js';
import { isSpaceCode } from './base.js';

const enum Kind { Finite = 0, NaN = 1, PInf = 2, NInf = 3 }

export const NUMERIC_MAX_PRECISION = 1000;
export const NUMERIC_MAX_DISPLAY_SCALE = 1000;
export const NUMERIC_MIN_SIG_DIGITS = 16;
export const NUMERIC_MAX_RESULT_SCALE = 2000;
const NUMERIC_DSCALE_MAX = 16383;
const NUMERIC_WEIGHT_MAX = 32767;

const POW10: bigint[] = [1n];
/** 10^n as a bigint (cached). */
export function pow10(n: number): bigint {
  if (n < POW10.length) return POW10[n]!;
  if (n > 4096) return 10n ** BigInt(n);
  for (let i = POW10.length; i <= n; i++) POW10[i] = POW10[i - 1]! * 10n;
  return POW10[n]!;
}

const absBig = (v: bigint): bigint => (v < 0n ? -v : v);

/** c / 10^drop rounded half away from zero. */
function roundDiv10(c: bigint, drop: number): bigint {
  if (drop <= 0) return c * pow10(-drop);
  const p = pow10(drop);
  const q = c / p;
  const r = c - q * p;
  if (r === 0n) return q;
  const r2 = (r < 0n ? -r : r) * 2n;
  if (r2 >= p) return c < 0n ? q - 1n : q + 1n;
  return q;
}

/** a / b rounded half away from zero (b != 0). */
function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a - q * b;
  if (r === 0n) return q;
  if (absBig(r) * 2n >= absBig(b)) return (a < 0n) !== (b < 0n) ? q - 1n : q + 1n;
  return q;
}

const overflowFormat = (): PgError => new PgError('22003', 'value overflows numeric format');

/** Number of decimal digits of |c| (c != 0). */
function digitCount(c: bigint): number {
  const a = c < 0n ? -c : c;
  if (a < 9007199254740992n) {
    const n = Number(a);
    let d = 1;
    let t = 10;
    while (t <= n) { d++; t *= 10; }
    return d;
  }
  return a.toString().length;
}

/** PostgreSQL's NBASE (10000) view of a finite value: weight, leading digits, ndigits. */
export interface NBaseView { weight: number; digits: number[]; ndigits: number }

export class Numeric {
  /** Signed coefficient; value = coef / 10^scale. Zero for NaN/Infinity. */
  readonly coef: bigint;
  /** Display scale (>= 0). */
  readonly scale: number;
  readonly kind: Kind;
  /**
   * coef as a number when |coef| < 2^30 (a small integer, kept in the object itself), else
   * null: a sum over stored values reads it without touching the bigint, a separate object
   * (types/numeric-sum.ts; on a large table that memory access was most of a row's cost).
   */
  readonly small: number | null;

  constructor(coef: bigint, scale: number, kind: Kind = Kind.Finite) {
    this.coef = coef;
    this.small = coef <= 1073741823n && coef >= -1073741823n ? Number(coef) : null;
    this.scale = scale;
    this.kind = kind;
  }

  static readonly NaN = new Numeric(0n, 0, Kind.NaN);
  static readonly PInf = new Numeric(0n, 0, Kind.PInf);
  static readonly NInf = new Numeric(0n, 0, Kind.NInf);
  static readonly ZERO = new Numeric(0n, 0);
  static readonly ONE = new Numeric(1n, 0);

  static fromInt(v: number | bigint): Numeric {
    return new Numeric(typeof v === 'bigint' ? v : BigInt(v), 0);
  }

  /** float8 → numeric as PostgreSQL does it: "%.15g" (or "%.6g" for float4), then numeric_in. */
  static fromFloat(v: number, digits = 15): Numeric {
    if (Number.isNaN(v)) return Numeric.NaN;
    if (v === Infinity) return Numeric.PInf;
    if (v === -Infinity) return Numeric.NInf;
    if (v === 0) return Numeric.ZERO;
    let s = v.toExponential(digits - 1); // d.ddddde±x, rounded like printf
    const e = s.indexOf('e');
    let mant = s.slice(0, e);
    if (mant.indexOf('.') >= 0) {
      let end = mant.length;
      while (mant.charCodeAt(end - 1) === 48) end--;
      if (mant.charCodeAt(end - 1) === 46) end--;
      mant = mant.slice(0, end);
    }
    s = mant + s.slice(e);
    return Numeric.parse(s);
  }

  /** numeric_in (without typmod). Throws 22P02 for bad syntax. */
  static parse(str: string): Numeric {
    const r = parseNumeric(str);
    if (r === undefined) throw new PgError('22P02', `invalid input syntax for type numeric: "${str}"`);
    return r;
  }

  get isNaN(): boolean { return this.kind === Kind.NaN; }
  get isFinite(): boolean { return this.kind === Kind.Finite; }
  get isInfinite(): boolean { return this.kind === Kind.PInf || this.kind === Kind.NInf; }
  get isSpecial(): boolean { return this.kind !== Kind.Finite; }
  get isPosInf(): boolean { return this.kind === Kind.PInf; }
  get isNegInf(): boolean { return this.kind === Kind.NInf; }
  /** -1, 0, 1 (NaN: 0; infinities ±1). */
  get sign(): number {
    switch (this.kind) {
      case Kind.Finite: return this.coef < 0n ? -1 : this.coef > 0n ? 1 : 0;
      case Kind.PInf: return 1;
      case Kind.NInf: return -1;
      default: return 0;
    }
  }
  isZero(): boolean { return this.kind === Kind.Finite && this.coef === 0n; }
  isInteger(): boolean {
    if (this.kind !== Kind.Finite) return false;
    return this.scale === 0 || this.coef % pow10(this.scale) === 0n;
  }

  toString(): string {
    switch (this.kind) {
      case Kind.NaN: return 'NaN';
      case Kind.PInf: return 'Infinity';
      case Kind.NInf: return '-Infinity';
    }
    const c = this.coef;
    const sc = this.scale;
    if (sc === 0) return c.toString();
    let digits = (c < 0n ? -c : c).toString();
    if (digits.length <= sc) digits = '0'.repeat(sc - digits.length + 1) + digits;
    const p = digits.length - sc;
    return (c < 0n ? '-' : '') + digits.slice(0, p) + '.' + digits.slice(p);
  }

  /** The value with trailing fractional zeros removed (for hashing / equality). */
  normalizedKey(): string {
    if (this.kind !== Kind.Finite) return this.toString();
    let c = this.coef, s = this.scale;
    if (c === 0n) return '0';
    while (s > 0 && c % 10n === 0n) { c /= 10n; s--; }
    return s === 0 ? c.toString() : `${c}e-${s}`;
  }

  toNumber(): number {
    switch (this.kind) {
      case Kind.NaN: return NaN;
      case Kind.PInf: return Infinity;
      case Kind.NInf: return -Infinity;
    }
    if (this.scale === 0 && this.coef >= -9007199254740991n && this.coef <= 9007199254740991n) return Number(this.coef);
    return Number(this.toString());
  }

  /** Coefficient rescaled to `s` digits (s >= this.scale). */
  private at(s: number): bigint {
    return s === this.scale ? this.coef : this.coef * pow10(s - this.scale);
  }

  // ---- comparison (btree order: -Inf < finite < +Inf < NaN) ----
  compare(o: Numeric): number {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      const ra = rankOf(this.kind), rb = rankOf(o.kind);
      if (ra !== rb || ra !== 1) return ra - rb;
    }
    if (this.scale === o.scale) return this.coef < o.coef ? -1 : this.coef > o.coef ? 1 : 0;
    const s = this.scale > o.scale ? this.scale : o.scale;
    const a = this.at(s), b = o.at(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  equals(o: Numeric): boolean { return this.compare(o) === 0; }

  // ---- arithmetic ----
  add(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) return addSpecial(this, o, false);
    if (this.scale === o.scale) return new Numeric(this.coef + o.coef, this.scale);
    const s = this.scale > o.scale ? this.scale : o.scale;
    return new Numeric(this.at(s) + o.at(s), s);
  }
  sub(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) return addSpecial(this, o, true);
    if (this.scale === o.scale) return new Numeric(this.coef - o.coef, this.scale);
    const s = this.scale > o.scale ? this.scale : o.scale;
    return new Numeric(this.at(s) - o.at(s), s);
  }
  mul(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      if (this.kind === Kind.NaN || o.kind === Kind.NaN) return Numeric.NaN;
      const sa = this.sign, sb = o.sign;
      if (sa === 0 || sb === 0) return Numeric.NaN;
      return sa * sb > 0 ? Numeric.PInf : Numeric.NInf;
    }
    let s = this.scale + o.scale;
    let c = this.coef * o.coef;
    if (s > NUMERIC_DSCALE_MAX) { c = roundDiv10(c, s - NUMERIC_DSCALE_MAX); s = NUMERIC_DSCALE_MAX; }
    return checkWeight(new Numeric(c, s));
  }
  /** numeric_div: result scale from select_div_scale, rounded. */
  div(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) return divSpecial(this, o);
    if (o.coef === 0n) throw new PgError('22012', 'division by zero');
    return this.divScale(o, selectDivScale(this, o), true);
  }
  /** Quotient to exactly `rscale` digits, rounded (or truncated). Both finite, o != 0. */
  divScale(o: Numeric, rscale: number, round: boolean): Numeric {
    // value = (a/10^sa) / (b/10^sb) ; want q * 10^-rscale
    const shift = rscale + o.scale - this.scale;
    let num = this.coef, den = o.coef;
    if (shift >= 0) num *= pow10(shift); else den *= pow10(-shift);
    const q = round ? roundDiv(num, den) : num / den;
    return checkWeight(new Numeric(q, rscale < 0 ? 0 : rscale));
  }
  /** numeric_div_trunc: div(a, b), truncated to an integer. */
  divTrunc(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      const r = divSpecial(this, o);
      return r;
    }
    if (o.coef === 0n) throw new PgError('22012', 'division by zero');
    return this.divScale(o, 0, false);
  }
  /** numeric_mod: a - trunc(a/b)*b; scale max of the inputs. */
  mod(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      if (this.kind === Kind.NaN || o.kind === Kind.NaN) return Numeric.NaN;
      if (this.kind !== Kind.Finite) {
        if (o.sign === 0) throw new PgError('22012', 'division by zero');
        return Numeric.NaN;
      }
      return this;
    }
    if (o.coef === 0n) throw new PgError('22012', 'division by zero');
    const s = this.scale > o.scale ? this.scale : o.scale;
    return new Numeric(this.at(s) % o.at(s), s);
  }
  neg(): Numeric {
    switch (this.kind) {
      case Kind.NaN: return this;
      case Kind.PInf: return Numeric.NInf;
      case Kind.NInf: return Numeric.PInf;
    }
    return this.coef === 0n ? this : new Numeric(-this.coef, this.scale);
  }
  abs(): Numeric {
    if (this.kind === Kind.NInf) return Numeric.PInf;
    return this.coef < 0n ? new Numeric(-this.coef, this.scale) : this;
  }

  /** round_var: round half away from zero to `s` fractional digits (s may be negative); dscale = max(s, 0). */
  round(s: number): Numeric {
    if (this.kind !== Kind.Finite) return this;
    // numeric_round's limits: whole digits only as far as the format goes, at most NUMERIC_DSCALE_MAX decimals
    s = Math.min(Math.max(s, -(NUMERIC_WEIGHT_MAX + 1) * 4 - 1), NUMERIC_DSCALE_MAX);
    if (s >= this.scale) return new Numeric(this.at(s), s);
    const q = roundDiv10(this.coef, this.scale - s);
    return checkWeight(s >= 0 ? new Numeric(q, s) : new Numeric(q * pow10(-s), 0));
  }
  /** trunc_var: truncate toward zero to `s` fractional digits. */
  trunc(s: number): Numeric {
    if (this.kind !== Kind.Finite) return this;
    s = Math.min(Math.max(s, -(NUMERIC_WEIGHT_MAX + 1) * 4), NUMERIC_DSCALE_MAX);
    if (s >= this.scale) return new Numeric(this.at(s), s);
    const q = this.coef / pow10(this.scale - s);
    return s >= 0 ? new Numeric(q, s) : new Numeric(q * pow10(-s), 0);
  }
  ceil(): Numeric {
    if (this.kind !== Kind.Finite) return this;
    if (this.scale === 0) return this;
    const p = pow10(this.scale);
    let q = this.coef / p;
    if (this.coef > 0n && q * p !== this.coef) q += 1n;
    return new Numeric(q, 0);
  }
  floor(): Numeric {
    if (this.kind !== Kind.Finite) return this;
    if (this.scale === 0) return this;
    const p = pow10(this.scale);
    let q = this.coef / p;
    if (this.coef < 0n && q * p !== this.coef) q -= 1n;
    return new Numeric(q, 0);
  }
  /** The value rounded half away from zero to an integer bigint (finite only). */
  toBigIntRounded(): bigint {
    return this.scale === 0 ? this.coef : roundDiv10(this.coef, this.scale);
  }
  /** Same value with display scale `s` (s >= current scale: pads zeros). */
  withScale(s: number): Numeric {
    if (this.kind !== Kind.Finite || s === this.scale) return this;
    return s > this.scale ? new Numeric(this.at(s), s) : this.round(s);
  }

  /** PostgreSQL's base-10000 view: weight and first `want` digits (after stripping). */
  nbase(want = 2): NBaseView {
    if (this.kind !== Kind.Finite || this.coef === 0n) return { weight: 0, digits: [], ndigits: 0 };
    let d = absBig(this.coef).toString();
    let s = this.scale;
    let end = d.length;
    while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
    s -= d.length - end;
    d = d.slice(0, end);
    const e10 = d.length - 1 - s;
    const weight = Math.floor(e10 / 4);
    const k = e10 - 4 * weight + 1;
    let padded = '0'.repeat(4 - k) + d;
    const rem = padded.length % 4;
    if (rem) padded += '0'.repeat(4 - rem);
    const ndigits = padded.length / 4;
    const digits: number[] = [];
    for (let i = 0; i < want && i < ndigits; i++) digits.push(Number(padded.slice(i * 4, i * 4 + 4)));
    return { weight, digits, ndigits };
  }
}

const rankOf = (k: Kind): number => (k === Kind.NInf ? 0 : k === Kind.Finite ? 1 : k === Kind.PInf ? 2 : 3);

function checkWeight(n: Numeric): Numeric {
  // weight > NUMERIC_WEIGHT_MAX ⇔ more than 4*(32767+1) digits before the point
  const bits = n.coef < 0n ? (-n.coef).toString(16).length : n.coef.toString(16).length;
  if (bits * 4 * 0.30103 - n.scale < 4 * (NUMERIC_WEIGHT_MAX + 1) - 8) return n;
  if (digitCount(n.coef) - n.scale > 4 * (NUMERIC_WEIGHT_MAX + 1)) throw overflowFormat();
  return n;
}

function addSpecial(a: Numeric, b: Numeric, subtract: boolean): Numeric {
  if (a.isNaN || b.isNaN) return Numeric.NaN;
  const sb = subtract ? -b.sign : b.sign;
  if (a.isInfinite) {
    if (b.isInfinite && a.sign !== sb) return Numeric.NaN;
    return a;
  }
  return sb > 0 ? Numeric.PInf : Numeric.NInf;
}

function divSpecial(a: Numeric, b: Numeric): Numeric {
  if (a.isNaN || b.isNaN) return Numeric.NaN;
  if (a.isInfinite) {
    if (b.isSpecial) return Numeric.NaN;
    const s = b.sign;
    if (s === 0) throw new PgError('22012', 'division by zero');
    return s * a.sign > 0 ? Numeric.PInf : Numeric.NInf;
  }
  return Numeric.ZERO; // finite / ±Infinity
}

/** select_div_scale (numeric.c). */
export function selectDivScale(a: Numeric, b: Numeric): number {
  const va = a.nbase(1), vb = b.nbase(1);
  const w1 = va.ndigits ? va.weight : 0, f1 = va.ndigits ? va.digits[0]! : 0;
  const w2 = vb.ndigits ? vb.weight : 0, f2 = vb.ndigits ? vb.digits[0]! : 0;
  let qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  let rscale = NUMERIC_MIN_SIG_DIGITS - qweight * 4;
  rscale = Math.max(rscale, a.scale, b.scale, 0);
  return Math.min(rscale, NUMERIC_MAX_DISPLAY_SCALE);
}

/** numeric_in's syntax; undefined when invalid. */
export function parseNumeric(str: string): Numeric | undefined {
  const n = str.length;
  let i = 0;
  while (i < n && isSpaceCode(str.charCodeAt(i))) i++;
  let end = n;
  while (end > i && isSpaceCode(str.charCodeAt(end - 1))) end--;
  if (i === end) return undefined;
  const c0 = str.charCodeAt(i);
  // special values
  if (!(c0 >= 48 && c0 <= 57) && c0 !== 46) {
    const word = str.slice(i, end).toLowerCase();
    switch (word) {
      case 'nan': return Numeric.NaN;
      case 'infinity': case '+infinity': case 'inf': case '+inf': return Numeric.PInf;
      case '-infinity': case '-inf': return Numeric.NInf;
    }
  }
  let neg = false;
  if (c0 === 45) { neg = true; i++; } else if (c0 === 43) i++;
  const intStart = i;
  while (i < end && isDigit(str.charCodeAt(i))) i++;
  const intDigits = str.slice(intStart, i);
  let fracDigits = '';
  if (i < end && str.charCodeAt(i) === 46) {
    i++;
    const fs = i;
    while (i < end && isDigit(str.charCodeAt(i))) i++;
    fracDigits = str.slice(fs, i);
  }
  if (intDigits.length === 0 && fracDigits.length === 0) return undefined;
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
  let scale = fracDigits.length - exponent;
  let coef = BigInt(intDigits + fracDigits);
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
  if (v.isSpecial) {
    if (v.isNaN) return v;
    throw new PgError('22003', 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
    });
  }
  const r = v.round(scale);
  const maxdigits = precision - scale;
  if (r.coef !== 0n) {
    const intDigits = digitCount(r.coef) - r.scale; // digits before the decimal point (may be <= 0)
    if (intDigits > maxdigits) {
      throw new PgError('22003', 'numeric field overflow', {
        detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${maxdigits ? '10^' + maxdigits : '1'}.`,
      });
    }
  }
  return r;
}
