// Numeric: PostgreSQL's arbitrary-precision decimal (numeric.c) as an immutable
// value = coef / 10^scale, where `scale` is PostgreSQL's display scale (dscale),
// plus NaN and ±Infinity. Arithmetic follows numeric.c's result-scale rules
// (select_div_scale, …) and rounds half away from zero.
//
// The coefficient is held as a number whenever it is a safe integer (|coef| <= 2^53 - 1), a
// bigint only beyond: a stored numeric(10,2) is one small object (a bigint beside it was two
// thirds of its bytes), and parse, typmod, compare, add, sub, mul and output work on numbers,
// each falling back to bigints where a step would leave the safe range (exactness: a product
// or sum of safe integers whose exact value is safe is computed exactly, one whose exact value
// is not rounds to at least 2^53, so checking the result against 2^53 - 1 decides).
import { PgError } from '../errors/index.js';
import {
  MAX_SAFE, NUMERIC_DSCALE_MAX, NUMERIC_WEIGHT_MAX, P10, digitCount, digitCountSafe, pow10, roundDiv, roundDiv10,
} from './numeric-coef.js';
import { parseNumeric } from './numeric-input.js';
import { nbaseView, selectDivScale, type NBaseView } from './numeric-nbase.js';

export {
  pow10, NUMERIC_MAX_PRECISION, NUMERIC_MAX_DISPLAY_SCALE, NUMERIC_MIN_SIG_DIGITS, NUMERIC_MAX_RESULT_SCALE,
  NUMERIC_DSCALE_MAX, NUMERIC_WEIGHT_MAX,
} from './numeric-coef.js';
export { selectDivScale, type NBaseView } from './numeric-nbase.js';
export {
  parseNumeric, numericTypmod, typmodPrecision, typmodScale, applyNumericTypmod,
} from './numeric-input.js';

export const enum Kind { Finite = 0, NaN = 1, PInf = 2, NInf = 3 }

const overflowFormat = (): PgError => new PgError('22003', 'value overflows numeric format');

/** "." and the fraction, zero-padded, for scales 1..3 (made on first use): output without slicing. */
const FRACTIONS: (string[] | undefined)[] = [];
function fractions(scale: number): string[] {
  let t = FRACTIONS[scale];
  if (!t) {
    t = [];
    const p = P10[scale]!;
    for (let f = 0; f < p; f++) t.push('.' + String(p + f).slice(1));
    FRACTIONS[scale] = t;
  }
  return t;
}

export class Numeric {
  /**
   * The coefficient: a number when it is a safe integer (always then), else a bigint; NaN,
   * Infinity or -Infinity for the special values (their scale is 0). A tagged field (a class
   * field starts undefined): a small integer lies in the object itself.
   */
  readonly c: number | bigint;
  /** Display scale (>= 0). */
  readonly scale: number;

  /** `coef` a bigint or a safe integer (a number beyond that would not be exact). */
  constructor(coef: bigint | number, scale: number, kind: Kind = Kind.Finite) {
    if (kind !== Kind.Finite) this.c = kind === Kind.NaN ? NaN : kind === Kind.PInf ? Infinity : -Infinity;
    // + 0 turns -0 (a product or remainder of a negative) into 0
    else if (typeof coef === 'number') this.c = coef + 0;
    else this.c = coef <= 9007199254740991n && coef >= -9007199254740991n ? Number(coef) : coef;
    this.scale = scale;
  }

  static readonly NaN = new Numeric(0n, 0, Kind.NaN);
  static readonly PInf = new Numeric(0n, 0, Kind.PInf);
  static readonly NInf = new Numeric(0n, 0, Kind.NInf);
  static readonly ZERO = new Numeric(0, 0);
  static readonly ONE = new Numeric(1, 0);

  static fromInt(v: number | bigint): Numeric {
    return new Numeric(v, 0);
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

  /** The signed coefficient as a bigint (0n for NaN/Infinity); value = coef / 10^scale. */
  get coef(): bigint {
    const c = this.c;
    return typeof c === 'bigint' ? c : c - c === 0 ? BigInt(c) : 0n;
  }
  get kind(): Kind {
    const c = this.c;
    if (typeof c === 'bigint' || c - c === 0) return Kind.Finite;
    return c !== c ? Kind.NaN : c > 0 ? Kind.PInf : Kind.NInf;
  }
  get isNaN(): boolean { return this.c !== this.c; }
  get isFinite(): boolean { const c = this.c; return typeof c === 'bigint' || c - c === 0; }
  get isInfinite(): boolean { return this.c === Infinity || this.c === -Infinity; }
  get isSpecial(): boolean { return !this.isFinite; }
  get isPosInf(): boolean { return this.c === Infinity; }
  get isNegInf(): boolean { return this.c === -Infinity; }
  /** -1, 0, 1 (NaN: 0; infinities ±1). */
  get sign(): number {
    const c = this.c;
    return c < 0 ? -1 : c > 0 ? 1 : 0; // bigint and number compare with 0 alike; NaN: neither
  }
  isZero(): boolean { return this.c === 0; }
  isInteger(): boolean {
    const c = this.c;
    if (typeof c === 'number') {
      if (c - c !== 0) return false;
      return this.scale === 0 || (this.scale < P10.length ? c % P10[this.scale]! === 0 : c === 0);
    }
    return this.scale === 0 || c % pow10(this.scale) === 0n;
  }

  toString(): string {
    const c = this.c, sc = this.scale;
    if (typeof c === 'number') {
      if (c - c !== 0) return c !== c ? 'NaN' : c > 0 ? 'Infinity' : '-Infinity';
      if (sc === 0) return String(c);
      if (sc < P10.length) {
        const a = c < 0 ? -c : c, p = P10[sc]!;
        const f = a % p, ip = (a - f) / p; // exact: fmod, then an exact multiple of p
        const frac = sc <= 3 ? fractions(sc)[f]! : '.' + String(p + f).slice(1);
        return c < 0 ? '-' + ip + frac : ip + frac;
      }
    }
    const b = this.coef;
    if (sc === 0) return b.toString();
    let digits = (b < 0n ? -b : b).toString();
    if (digits.length <= sc) digits = '0'.repeat(sc - digits.length + 1) + digits;
    const p = digits.length - sc;
    return (b < 0n ? '-' : '') + digits.slice(0, p) + '.' + digits.slice(p);
  }

  /** The value with trailing fractional zeros removed (for hashing / equality). */
  normalizedKey(): string {
    let c = this.c, s = this.scale;
    if (typeof c === 'number') {
      if (c - c !== 0) return this.toString();
      if (c === 0) return '0';
      while (s > 0 && c % 10 === 0) { c /= 10; s--; }
      return s === 0 ? String(c) : `${c}e-${s}`;
    }
    while (s > 0 && c % 10n === 0n) { c /= 10n; s--; }
    return s === 0 ? c.toString() : `${c}e-${s}`;
  }

  toNumber(): number {
    const c = this.c;
    if (typeof c === 'number') {
      // NaN and ±Infinity are themselves; c and 10^scale exact, so the quotient is c/10^scale
      // correctly rounded, as strtod of the text would give
      return this.scale === 0 || c - c !== 0 ? c : this.scale < P10.length ? c / P10[this.scale]! : Number(this.toString());
    }
    return Number(this.toString());
  }

  /** Coefficient rescaled to `s` digits (s >= this.scale), as a bigint. */
  private at(s: number): bigint {
    return s === this.scale ? this.coef : this.coef * pow10(s - this.scale);
  }

  // ---- comparison (btree order: -Inf < finite < +Inf < NaN) ----
  compare(o: Numeric): number {
    const a = this.c, b = o.c;
    if (typeof a === 'number' && typeof b === 'number') {
      // NaN fails every test below; an infinity fails the range checks
      const d = this.scale - o.scale;
      if (d === 0) {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a === b) return 0;
      } else if (d > 0 && d < P10.length) {
        const m = b * P10[d]!;
        if (m <= MAX_SAFE && m >= -MAX_SAFE && a - a === 0) return a < m ? -1 : a > m ? 1 : 0;
      } else if (d < 0 && -d < P10.length) {
        const m = a * P10[-d]!;
        if (m <= MAX_SAFE && m >= -MAX_SAFE && b - b === 0) return m < b ? -1 : m > b ? 1 : 0;
      }
    }
    const ka = this.kind, kb = o.kind;
    if (ka !== Kind.Finite || kb !== Kind.Finite) return rankOf(ka) - rankOf(kb);
    const s = this.scale > o.scale ? this.scale : o.scale;
    const x = this.at(s), y = o.at(s);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  equals(o: Numeric): boolean { return this.compare(o) === 0; }

  // ---- arithmetic ----
  add(o: Numeric): Numeric {
    const r = addNumbers(this, o, 1);
    if (r !== null) return r;
    if (!this.isFinite || !o.isFinite) return addSpecial(this, o, false);
    const s = this.scale > o.scale ? this.scale : o.scale;
    return new Numeric(this.at(s) + o.at(s), s);
  }
  sub(o: Numeric): Numeric {
    const r = addNumbers(this, o, -1);
    if (r !== null) return r;
    if (!this.isFinite || !o.isFinite) return addSpecial(this, o, true);
    const s = this.scale > o.scale ? this.scale : o.scale;
    return new Numeric(this.at(s) - o.at(s), s);
  }
  mul(o: Numeric): Numeric {
    const a = this.c, b = o.c;
    let s = this.scale + o.scale;
    if (typeof a === 'number' && typeof b === 'number' && s <= NUMERIC_DSCALE_MAX) {
      const r = a * b; // an infinity or NaN fails the range check
      if (r <= MAX_SAFE && r >= -MAX_SAFE) return new Numeric(r, s);
    }
    if (!this.isFinite || !o.isFinite) {
      if (this.isNaN || o.isNaN) return Numeric.NaN;
      const sa = this.sign, sb = o.sign;
      if (sa === 0 || sb === 0) return Numeric.NaN;
      return sa * sb > 0 ? Numeric.PInf : Numeric.NInf;
    }
    let c = this.coef * o.coef;
    if (s > NUMERIC_DSCALE_MAX) { c = roundDiv10(c, s - NUMERIC_DSCALE_MAX); s = NUMERIC_DSCALE_MAX; }
    return checkWeight(new Numeric(c, s));
  }
  /** numeric_div: result scale from select_div_scale, rounded. */
  div(o: Numeric): Numeric {
    if (!this.isFinite || !o.isFinite) return divSpecial(this, o);
    if (o.c === 0) throw new PgError('22012', 'division by zero');
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
    if (!this.isFinite || !o.isFinite) return divSpecial(this, o);
    if (o.c === 0) throw new PgError('22012', 'division by zero');
    return this.divScale(o, 0, false);
  }
  /** numeric_mod: a - trunc(a/b)*b; scale max of the inputs. */
  mod(o: Numeric): Numeric {
    if (!this.isFinite || !o.isFinite) {
      if (this.isNaN || o.isNaN) return Numeric.NaN;
      if (!this.isFinite) {
        if (o.sign === 0) throw new PgError('22012', 'division by zero');
        return Numeric.NaN;
      }
      return this;
    }
    if (o.c === 0) throw new PgError('22012', 'division by zero');
    const s = this.scale > o.scale ? this.scale : o.scale;
    return new Numeric(this.at(s) % o.at(s), s);
  }
  neg(): Numeric {
    const c = this.c;
    if (typeof c === 'number') return c === 0 || c !== c ? this : new Numeric(-c, this.scale);
    return new Numeric(-c, this.scale);
  }
  abs(): Numeric {
    return this.c < 0 ? this.neg() : this;
  }

  /** round_var: round half away from zero to `s` fractional digits (s may be negative); dscale = max(s, 0). */
  round(s: number): Numeric {
    const c = this.c;
    if (typeof c === 'number') {
      if (c - c !== 0) return this;
      if (s === this.scale) return this;
      const d = this.scale - s;
      if (d < 0 && -d < P10.length && s <= NUMERIC_DSCALE_MAX) {
        const m = c * P10[-d]!;
        if (m <= MAX_SAFE && m >= -MAX_SAFE) return new Numeric(m, s);
      } else if (d > 0 && d < P10.length && s >= 0) {
        const p = P10[d]!, a = c < 0 ? -c : c;
        const r = a % p, q = (a - r) / p + (r * 2 >= p ? 1 : 0);
        return new Numeric(c < 0 ? -q : q, s);
      }
    }
    // numeric_round's limits: whole digits only as far as the format goes, at most NUMERIC_DSCALE_MAX decimals
    s = Math.min(Math.max(s, -(NUMERIC_WEIGHT_MAX + 1) * 4 - 1), NUMERIC_DSCALE_MAX);
    if (s >= this.scale) return new Numeric(this.at(s), s);
    const q = roundDiv10(this.coef, this.scale - s);
    return checkWeight(s >= 0 ? new Numeric(q, s) : new Numeric(q * pow10(-s), 0));
  }
  /** trunc_var: truncate toward zero to `s` fractional digits. */
  trunc(s: number): Numeric {
    if (!this.isFinite) return this;
    s = Math.min(Math.max(s, -(NUMERIC_WEIGHT_MAX + 1) * 4), NUMERIC_DSCALE_MAX);
    if (s >= this.scale) return new Numeric(this.at(s), s);
    const q = this.coef / pow10(this.scale - s);
    return s >= 0 ? new Numeric(q, s) : new Numeric(q * pow10(-s), 0);
  }
  ceil(): Numeric {
    if (!this.isFinite || this.scale === 0) return this;
    const p = pow10(this.scale), c = this.coef;
    let q = c / p;
    if (c > 0n && q * p !== c) q += 1n;
    return new Numeric(q, 0);
  }
  floor(): Numeric {
    if (!this.isFinite || this.scale === 0) return this;
    const p = pow10(this.scale), c = this.coef;
    let q = c / p;
    if (c < 0n && q * p !== c) q -= 1n;
    return new Numeric(q, 0);
  }
  /** The value rounded half away from zero to an integer bigint (finite only). */
  toBigIntRounded(): bigint {
    return this.scale === 0 ? this.coef : roundDiv10(this.coef, this.scale);
  }
  /** Same value with display scale `s` (s >= current scale: pads zeros). */
  withScale(s: number): Numeric {
    if (!this.isFinite || s === this.scale) return this;
    return s > this.scale ? new Numeric(this.at(s), s) : this.round(s);
  }

  /** PostgreSQL's base-10000 view: weight and first `want` digits (after stripping). */
  nbase(want = 2): NBaseView {
    return nbaseView(this, want);
  }
}

/** a + sign·b on numbers when both are finite safe integers and the result is one; else null. */
function addNumbers(x: Numeric, y: Numeric, sign: 1 | -1): Numeric | null {
  const a = x.c, b0 = y.c;
  if (typeof a !== 'number' || typeof b0 !== 'number') return null;
  const b = sign * b0;
  // an infinity or NaN makes every sum below fail its range check
  const sa = x.scale, sb = y.scale;
  if (sa === sb) {
    const r = a + b;
    return r <= MAX_SAFE && r >= -MAX_SAFE ? new Numeric(r, sa) : null;
  }
  if (sa < sb) {
    if (sb - sa >= P10.length) return null;
    const m = a * P10[sb - sa]!, r = m + b;
    return m <= MAX_SAFE && m >= -MAX_SAFE && r <= MAX_SAFE && r >= -MAX_SAFE ? new Numeric(r, sb) : null;
  }
  if (sa - sb >= P10.length) return null;
  const m = b * P10[sa - sb]!, r = a + m;
  return m <= MAX_SAFE && m >= -MAX_SAFE && r <= MAX_SAFE && r >= -MAX_SAFE ? new Numeric(r, sa) : null;
}

const rankOf = (k: Kind): number => (k === Kind.NInf ? 0 : k === Kind.Finite ? 1 : k === Kind.PInf ? 2 : 3);

/** n, or 22003 when its weight is beyond PostgreSQL's format. */
export function checkWeight(n: Numeric): Numeric {
  const c = n.c;
  if (typeof c === 'number') return n; // at most 16 digits before the point
  // weight > NUMERIC_WEIGHT_MAX ⇔ more than 4*(32767+1) digits before the point
  const bits = c < 0n ? (-c).toString(16).length : c.toString(16).length;
  if (bits * 4 * 0.30103 - n.scale < 4 * (NUMERIC_WEIGHT_MAX + 1) - 8) return n;
  if (digitCount(c) - n.scale > 4 * (NUMERIC_WEIGHT_MAX + 1)) throw overflowFormat();
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

/** Digits before the decimal point of a finite nonzero value (may be <= 0). */
export function integerDigits(n: Numeric): number {
  const c = n.c;
  return (typeof c === 'number' ? digitCountSafe(c < 0 ? -c : c) : digitCount(c)) - n.scale;
}
