// Transcendental and other numeric functions with numeric.c's result scales:
// sqrt, exp, ln, log, power. Computed in bigint fixed point with guard digits and
// rounded half away from zero to the scale PostgreSQL chooses.
import { PgError } from '../errors/index.js';
import {
  Numeric, NUMERIC_MAX_DISPLAY_SCALE, NUMERIC_MAX_RESULT_SCALE, NUMERIC_MIN_SIG_DIGITS, pow10,
} from './numeric.js';

const overflow = (): PgError => new PgError('22003', 'value overflows numeric format');
const clampScale = (r: number): number => Math.min(Math.max(r, 0), NUMERIC_MAX_DISPLAY_SCALE);

/** floor(sqrt(n)) for n >= 0. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  if (n < 4503599627370496n) return BigInt(Math.floor(Math.sqrt(Number(n))));
  const bits = n.toString(2).length;
  let x = 1n << BigInt((bits >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Fixed-point value of v at scale p (rounded). */
function fixed(v: Numeric, p: number): bigint {
  if (p >= v.scale) return v.coef * pow10(p - v.scale);
  const d = pow10(v.scale - p);
  const q = v.coef / d;
  const r = v.coef - q * d;
  if ((r < 0n ? -r : r) * 2n >= d) return v.coef < 0n ? q - 1n : q + 1n;
  return q;
}

/** Round a fixed-point value at scale p to a Numeric of scale s (s <= p). */
function fromFixed(x: bigint, p: number, s: number): Numeric {
  return new Numeric(x, p).round(s);
}

// ---- sqrt ----
export function numericSqrt(v: Numeric): Numeric {
  if (v.isSpecial) {
    if (v.isNaN || v.isPosInf) return v;
    throw new PgError('2201F', 'cannot take square root of a negative number');
  }
  if (v.coef < 0n) throw new PgError('2201F', 'cannot take square root of a negative number');
  const { weight } = v.nbase(1);
  const sweight = Math.trunc(((weight + 1) * 4) / 2) - 1;
  const rscale = clampScale(Math.max(NUMERIC_MIN_SIG_DIGITS - sweight, v.scale));
  // sqrt(c / 10^s) * 10^(rscale+1) = sqrt(c * 10^(2 rscale + 2 - s))
  const t = isqrt(v.coef * pow10(2 * rscale + 2 - v.scale));
  return new Numeric(t, rscale + 1).round(rscale);
}

// ---- exp ----
/** e^x at fixed scale p, for |x| small enough (x a fixed-point value at scale p). */
function expFixed(x: bigint, p: number, reductions: number): bigint {
  const one = pow10(p);
  let y = x >> BigInt(0); // copy
  if (reductions > 0) y = x / (1n << BigInt(reductions));
  // Taylor series
  let sum = one + y;
  let term = y;
  for (let n = 2n; ; n++) {
    term = (term * y) / one / n;
    if (term === 0n) break;
    sum += term;
  }
  for (let i = 0; i < reductions; i++) sum = (sum * sum) / one;
  return sum;
}

/** exp_var: e^v rounded to rscale. */
function expToScale(v: Numeric, rscale: number): Numeric {
  const val = v.toNumber();
  if (Math.abs(val) >= NUMERIC_MAX_RESULT_SCALE * 3) {
    if (val > 0) throw overflow();
    return new Numeric(0n, rscale);
  }
  const dweight = Math.trunc(val * 0.434294481903252);
  const absv = Math.abs(val);
  const reductions = absv > 0.01 ? Math.ceil(Math.log2(absv / 0.01)) : 0;
  const guard = 12 + Math.ceil(reductions * 0.30103);
  if (val >= 0) {
    const p = rscale + Math.max(dweight, 0) + guard;
    const r = expFixed(fixed(v, p), p, reductions);
    return fromFixed(r, p, rscale);
  }
  // e^-|x| = 1 / e^|x|: compute e^|x| with enough relative precision
  const p = rscale + guard + Math.max(-dweight, 0);
  const big = expFixed(fixed(v.neg(), p), p, reductions); // e^|x| * 10^p
  // result * 10^(rscale+1) = 10^(p + rscale + 1) / big
  const q = pow10(p + rscale + 1) / big;
  return new Numeric(q, rscale + 1).round(rscale);
}

export function numericExp(v: Numeric): Numeric {
  if (v.isSpecial) {
    if (v.isNaN || v.isPosInf) return v;
    return Numeric.ZERO;
  }
  let val = v.toNumber() * 0.434294481903252;
  val = Math.max(-NUMERIC_MAX_RESULT_SCALE, Math.min(NUMERIC_MAX_RESULT_SCALE, val));
  const rscale = clampScale(Math.max(NUMERIC_MIN_SIG_DIGITS - Math.trunc(val), v.scale));
  return expToScale(v, rscale);
}

// ---- ln ----
const LN10_CACHE = new Map<number, bigint>();

/** ln(m) at scale p for a positive fixed-point m (scale p), m in roughly [0.1, 10]. */
function lnFixedSmall(m: bigint, p: number): bigint {
  const one = pow10(p);
  let k = 0;
  const hi = one + one / 100n, lo = one - one / 100n;
  while (m > hi || m < lo) {
    m = isqrt(m * one);
    k++;
  }
  // ln(m) = 2 atanh(z), z = (m-1)/(m+1)
  const z = ((m - one) * one) / (m + one);
  const z2 = (z * z) / one;
  let term = z;
  let sum = z;
  for (let n = 3n; ; n += 2n) {
    term = (term * z2) / one;
    const t = term / n;
    if (t === 0n) break;
    sum += t;
  }
  return (sum * 2n) << BigInt(k);
}

function ln10(p: number): bigint {
  const c = LN10_CACHE.get(p);
  if (c !== undefined) return c;
  const v = lnFixedSmall(10n * pow10(p + 10), p + 10) / pow10(10);
  if (LN10_CACHE.size > 64) LN10_CACHE.clear();
  LN10_CACHE.set(p, v);
  return v;
}

/** ln(v) as a fixed-point bigint at scale p (v > 0, finite). */
function lnFixed(v: Numeric, p: number): bigint {
  // v = m * 10^e with m in [1, 10)
  const digits = (v.coef < 0n ? -v.coef : v.coef).toString().length;
  const e = digits - 1 - v.scale;
  const q = p + 8 + String(Math.abs(e)).length;
  // m at scale q: coef * 10^(q - (digits - 1))
  const shift = q - (digits - 1);
  const m = shift >= 0 ? v.coef * pow10(shift) : v.coef / pow10(-shift);
  let r = lnFixedSmall(m, q);
  if (e !== 0) r += BigInt(e) * ln10(q);
  const d = pow10(q - p);
  const t = r / d;
  const rem = r - t * d;
  return (rem < 0n ? -rem : rem) * 2n >= d ? (r < 0n ? t - 1n : t + 1n) : t;
}

/** estimate_ln_dweight (numeric.c). */
export function estimateLnDweight(v: Numeric): number {
  if (v.sign <= 0) return 0;
  const ZP9 = new Numeric(9n, 1), OP1 = new Numeric(11n, 1);
  if (v.compare(ZP9) >= 0 && v.compare(OP1) <= 0) {
    const x = v.sub(Numeric.ONE);
    const nb = x.nbase(1);
    if (nb.ndigits > 0) return nb.weight * 4 + Math.trunc(Math.log10(nb.digits[0]!));
    return 0;
  }
  const nb = v.nbase(2);
  if (nb.ndigits === 0) return 0;
  let digits = nb.digits[0]!;
  let dweight = nb.weight * 4;
  if (nb.ndigits > 1) {
    digits = digits * 10000 + nb.digits[1]!;
    dweight -= 4;
  }
  const lnv = Math.log(digits) + dweight * 2.302585092994046;
  return Math.trunc(Math.log10(Math.abs(lnv)));
}

function checkLogArg(v: Numeric): void {
  const s = v.sign;
  if (s === 0) throw new PgError('2201E', 'cannot take logarithm of zero');
  if (s < 0) throw new PgError('2201E', 'cannot take logarithm of a negative number');
}

export function numericLn(v: Numeric): Numeric {
  if (v.isSpecial) {
    if (v.isNegInf) throw new PgError('2201E', 'cannot take logarithm of a negative number');
    return v;
  }
  checkLogArg(v);
  const rscale = clampScale(Math.max(NUMERIC_MIN_SIG_DIGITS - estimateLnDweight(v), v.scale));
  const p = rscale + 10;
  return fromFixed(lnFixed(v, p), p, rscale);
}

/** log(base, num) (numeric_log / log_var). */
export function numericLog(base: Numeric, num: Numeric): Numeric {
  if (base.isSpecial || num.isSpecial) {
    if (base.isNaN || num.isNaN) return Numeric.NaN;
    if (base.isNegInf || num.isNegInf) throw new PgError('2201E', 'cannot take logarithm of a negative number');
    checkLogArg(base);
    checkLogArg(num);
    if (base.isPosInf) {
      if (num.isPosInf) return Numeric.NaN;
      return Numeric.ZERO; // log(Inf, x) = 0
    }
    // num is +Infinity
    const c = base.compare(Numeric.ONE);
    if (c === 0) throw new PgError('22012', 'division by zero');
    return c < 0 ? Numeric.NInf : Numeric.PInf;
  }
  checkLogArg(base);
  checkLogArg(num);
  const resultDweight = estimateLnDweight(num) - estimateLnDweight(base);
  const rscale = clampScale(Math.max(NUMERIC_MIN_SIG_DIGITS - resultDweight, base.scale, num.scale));
  const lnNumDw = estimateLnDweight(num), lnBaseDw = estimateLnDweight(base);
  const p = rscale + 12 + Math.max(0, -lnBaseDw) + Math.max(0, lnNumDw);
  const lb = lnFixed(base, p);
  if (lb === 0n) throw new PgError('22012', 'division by zero');
  const ln = lnFixed(num, p);
  // result * 10^(rscale+1) = ln / lb * 10^(rscale+1)
  const q = (ln * pow10(rscale + 1)) / lb;
  return new Numeric(q, rscale + 1).round(rscale);
}

// ---- power ----
function powerSpecial(a: Numeric, b: Numeric): Numeric {
  if (b.isInfinite) {
    if (a.isInfinite) return b.isPosInf ? Numeric.PInf : Numeric.ZERO;
    const c = a.abs().compare(Numeric.ONE);
    if (c === 0) return Numeric.ONE;
    if (b.isPosInf) return c > 0 ? Numeric.PInf : Numeric.ZERO;
    return c > 0 ? Numeric.ZERO : Numeric.PInf;
  }
  // a is ±Infinity, b finite
  const sb = b.sign;
  if (sb === 0) return Numeric.ONE;
  if (sb < 0) return Numeric.ZERO;
  if (a.isPosInf) return Numeric.PInf;
  // -Infinity ^ positive: odd integer → -Infinity
  return b.isInteger() && b.coef / pow10(b.scale) % 2n !== 0n ? Numeric.NInf : Numeric.PInf;
}

export function numericPower(a: Numeric, b: Numeric): Numeric {
  if (a.isNaN) return !b.isSpecial && b.isZero() ? Numeric.ONE : Numeric.NaN;
  if (b.isNaN) return !a.isSpecial && a.compare(Numeric.ONE) === 0 ? Numeric.ONE : Numeric.NaN;
  const s1 = a.sign, s2 = b.sign;
  if (s1 === 0 && s2 < 0) throw new PgError('2201F', 'zero raised to a negative power is undefined');
  if (s1 < 0 && !b.isSpecial && !b.isInteger()) {
    throw new PgError('2201F', 'a negative number raised to a non-integer power yields a complex result');
  }
  if (a.isSpecial || b.isSpecial) return powerSpecial(a, b);

  // integer exponent that fits in int32: power_var_int with rscale = max(16, base dscale)
  if (b.isInteger()) {
    const e = b.coef / pow10(b.scale);
    if (e >= -2147483648n && e <= 2147483647n) {
      const rscale = clampScale(Math.max(NUMERIC_MIN_SIG_DIGITS, a.scale));
      return powerInt(a, Number(e), rscale);
    }
  }
  // 0 ^ non-integer
  if (s1 === 0) return new Numeric(0n, NUMERIC_MIN_SIG_DIGITS);
  // a negative base with an integer exponent: |a| ^ b, negative when b is odd
  if (s1 < 0) {
    const r = numericPower(a.abs(), b);
    return b.coef / pow10(b.scale) % 2n !== 0n ? r.neg() : r;
  }

  const lnDweight = estimateLnDweight(a);
  let localRscale = Math.max(8 - lnDweight, 0);
  localRscale = Math.min(localRscale, NUMERIC_MAX_DISPLAY_SCALE);
  const lnBase = fromFixed(lnFixed(a, localRscale + 4), localRscale + 4, localRscale);
  const lnNum = lnBase.mul(b).round(localRscale);
  let val = lnNum.toNumber();
  // initial overflow / underflow test with fuzz factor: a result too small is zero
  if (Math.abs(val) > NUMERIC_MAX_RESULT_SCALE * 3.01) {
    if (val > 0) throw overflow();
    return new Numeric(0n, NUMERIC_MAX_DISPLAY_SCALE);
  }
  val *= 0.434294481903252;
  const rscale = clampScale(Math.max(NUMERIC_MIN_SIG_DIGITS - Math.trunc(val), a.scale, b.scale));
  const sigDigits = Math.max(rscale + Math.trunc(val), 0);
  // exp(b * ln(a)) with enough digits
  // guard digits for the multiplication by b: as many as b has before its decimal point
  const bDigits = (b.coef < 0n ? -b.coef : b.coef).toString().length - b.scale;
  const p = sigDigits - lnDweight + 8 + Math.max(0, bDigits) + 8;
  const x = new Numeric((lnFixed(a, p) * b.coef), p + b.scale);
  return expToScale(x, rscale);
}

function powerInt(base: Numeric, exp: number, rscale: number): Numeric {
  switch (exp) {
    case 0: return new Numeric(pow10(rscale), rscale);
    case 1: return base.round(rscale);
    case -1: return Numeric.ONE.divScale(base, rscale, true);
    case 2: return base.mul(base).round(rscale);
  }
  if (base.isZero()) {
    if (exp < 0) throw new PgError('22012', 'division by zero');
    return new Numeric(0n, rscale);
  }
  const nb = base.nbase(4);
  let f = nb.digits[0]!;
  let p = nb.weight * 4;
  for (let i = 1; i < nb.digits.length && i * 4 < 16; i++) {
    f = f * 10000 + nb.digits[i]!;
    p -= 4;
  }
  f = exp * (Math.log10(f) + p);
  if (f > 3 * 32767 * 4) throw overflow();
  if (f + 1 < -rscale || f + 1 < -NUMERIC_MAX_DISPLAY_SCALE) return new Numeric(0n, rscale);
  const absExp = Math.abs(exp);
  const exactDigits = (base.coef < 0n ? -base.coef : base.coef).toString().length * absExp;
  let r: Numeric;
  if (exactDigits <= 4000) {
    const c = base.coef ** BigInt(absExp);
    const exact = new Numeric(c, base.scale * absExp);
    if (exp > 0) return exact.round(rscale);
    return Numeric.ONE.divScale(exact, rscale, true);
  }
  // large: fixed point with guard digits
  const sig = 1 + rscale + Math.trunc(f) + Math.trunc(Math.log(absExp)) + 16;
  const work = Math.max(sig - Math.trunc(f), rscale + 16, 16);
  if (f > 131072) throw overflow();
  const one = pow10(work);
  let acc = one;
  let b = fixed(base, work);
  let m = absExp;
  while (m > 0) {
    if (m & 1) acc = (acc * b) / one;
    m = Math.floor(m / 2);
    if (m > 0) b = (b * b) / one;
  }
  r = new Numeric(acc, work);
  if (exp > 0) return r.round(rscale);
  return Numeric.ONE.divScale(r, rscale, true);
}

// ---- misc ----
/** numeric scale(): the display scale. */
export const numericScale = (v: Numeric): number => v.scale;

/** min_scale(): the minimum scale needed to represent the value exactly. */
export function numericMinScale(v: Numeric): number {
  let c = v.coef, s = v.scale;
  if (c === 0n) return 0;
  while (s > 0 && c % 10n === 0n) { c /= 10n; s--; }
  return s;
}
export function numericTrimScale(v: Numeric): Numeric {
  if (v.isSpecial) return v;
  let c = v.coef, s = v.scale;
  if (c === 0n) return Numeric.ZERO;
  while (s > 0 && c % 10n === 0n) { c /= 10n; s--; }
  return new Numeric(c, s);
}
