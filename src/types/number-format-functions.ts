// to_char(numeric | int4 | int8 | float4 | float8, text) and to_number(text, text):
// each number type seen through NumberLike (its text rounded as its output function
// would print it, its scientific form as printf or numeric_out_sci gives it).
import { OID } from './oids.js';
import { fn } from './define.js';
import { Numeric, pow10 } from './numeric.js';
import { numericPower } from './numeric-math.js';
import { typeByOid } from './registry.js';
import { numberToChar, type NumberLike } from './number-format.js';
import { numberFromChar } from './number-input.js';

const INT32_MAX = 2147483647;

/** A finite double as m * 2^e exactly. */
function decompose(x: number): { neg: boolean; m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return { neg: bits >> 63n === 1n, m: exp === 0 ? frac : frac | (1n << 52n), e: exp === 0 ? -1074 : exp - 1075 };
}

/** round-half-even(m * 2^e * 10^p) for p of either sign: C's printf rounds the exact binary value so. */
function scaledInt(m: bigint, e: number, p: number): bigint {
  let num = m, den = 1n;
  if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
  if (p >= 0) num *= pow10(p); else den *= pow10(-p);
  let q = num / den;
  const r = num % den;
  if (2n * r > den || (2n * r === den && q % 2n === 1n)) q++;
  return q;
}

/** printf("%.*f"). */
function fixedExact(x: number, scale: number): string {
  const { neg, m, e } = decompose(x);
  let digits = scaledInt(m, e, scale).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return (neg ? '-' : '') + digits;
}

/** printf("%.*e") without the '+' of positive values: d.ddde±XX. */
function sciExact(x: number, digits: number): string {
  const { neg, m, e } = decompose(x);
  let e10 = m === 0n ? 0 : Math.floor(Math.log10(Math.abs(x)));
  let q = scaledInt(m, e, digits - e10);
  if (m !== 0n) {
    // log10 can be off by one near powers of ten; rounding can also carry into a new digit
    if (q >= pow10(digits + 1)) q = scaledInt(m, e, digits - ++e10);
    else if (q < pow10(digits)) q = scaledInt(m, e, digits - --e10);
    if (q >= pow10(digits + 1)) q = scaledInt(m, e, digits - ++e10);
  }
  const s = q.toString().padStart(digits + 1, '0');
  const sig = digits > 0 ? `${s[0]}.${s.slice(1)}` : s;
  return `${neg ? '-' : ''}${sig}e${e10 < 0 ? '-' : '+'}${String(Math.abs(e10)).padStart(2, '0')}`;
}

const fromNumeric = (v: Numeric): NumberLike => ({
  special: v.isSpecial,
  fixed: s => (v.isSpecial ? v.toString() : v.round(s).toString()),
  sci: d => numericSci(v, d),
  shift: n => fromNumeric(v.mul(Numeric.fromInt(pow10(n)))),
  roman: () => {
    if (v.isSpecial) return INT32_MAX;
    const r = v.round(0).toNumber();
    return r > INT32_MAX || r < -INT32_MAX - 1 ? INT32_MAX : r;
  },
});

/** numeric_out_sci: the exponent of the first significant digit, the significand rounded (10.00e+… stays). */
function numericSci(v: Numeric, digits: number): string {
  if (v.isZero()) return `${new Numeric(0n, digits).toString()}e+00`;
  const abs = v.coef < 0n ? -v.coef : v.coef;
  const exponent = abs.toString().length - 1 - v.scale;
  const denom = exponent >= 0 ? Numeric.fromInt(pow10(exponent)) : new Numeric(1n, -exponent);
  const sig = v.divScale(denom, digits, true).toString();
  return `${sig}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

const fromInt = (v: number | bigint): NumberLike => ({
  special: false,
  fixed: () => String(v),
  sci: d => numericSci(Numeric.fromInt(v), d),
  shift: n => fromInt(typeof v === 'bigint' ? v * pow10(n) : v * 10 ** n),
  roman: () => (v > INT32_MAX || v < -INT32_MAX - 1 ? INT32_MAX : Number(v)),
});

const fromFloat = (v: number): NumberLike => ({
  special: !Number.isFinite(v),
  fixed: s => (Number.isFinite(v) ? fixedExact(v, s) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'),
  sci: d => sciExact(v, d),
  shift: n => fromFloat(v * 10 ** n),
  roman: () => {
    if (!Number.isFinite(v)) return INT32_MAX;
    const r = Math.round(v) - (Math.abs(v % 1) === 0.5 && Math.round(v) % 2 !== 0 ? 1 : 0);
    return r > INT32_MAX || r < -INT32_MAX - 1 ? INT32_MAX : r;
  },
});

const { text, numeric, int4, int8, float4, float8 } = OID;
fn('to_char', [numeric, text], text, ([v, f]) => numberToChar(fromNumeric(v), f, 'numeric'), { volatility: 's' });
fn('to_char', [int4, text], text, ([v, f]) => numberToChar(fromInt(v), f, 'int'), { volatility: 's' });
fn('to_char', [int8, text], text, ([v, f]) => numberToChar(fromInt(v), f, 'int'), { volatility: 's' });
fn('to_char', [float4, text], text, ([v, f]) => numberToChar(fromFloat(v), f, 'float4'), { volatility: 's' });
fn('to_char', [float8, text], text, ([v, f]) => numberToChar(fromFloat(v), f, 'float8'), { volatility: 's' });

fn('to_number', [text, text], numeric, ([s, f], ctx) => {
  const r = numberFromChar(s, f);
  if (!r) return null;
  const typmod = ((r.precision << 16) | r.scale) + 4;
  let v = typeByOid(numeric)!.input(r.text, typmod, ctx.settings) as Numeric;
  // as PostgreSQL: times numeric_power(10, -multi), whose scale shows in the result
  if (r.multi) v = v.mul(numericPower(Numeric.fromInt(10), Numeric.fromInt(-r.multi)));
  return v;
}, { volatility: 's' });

