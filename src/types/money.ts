// money: a 64-bit count of cents (bigint), printed and read as cash.c does under
// lc_monetary = C (Relata's only locale): "$1,234.56", "-$1.00", two fraction digits.
// Like PostgreSQL, money has a btree operator class but no hash one.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType, divisionByZero, isSpaceCode } from './base.js';
import { cast, comparisonOps, fn, op } from './define.js';
import { registerArrayType } from './arrays.js';
import { fdiv, fmul, rint } from './float-ops.js';
import { Numeric } from './numeric.js';
import { numericToInt8 } from './numeric-type.js';

const { money, bool, int2, int4, int8, float4, float8, numeric, text } = OID;
const INT64_MIN = -(1n << 63n), INT64_MAX = (1n << 63n) - 1n;
/** lc_monetary = C: frac_digits is CHAR_MAX, so cash.c falls back to 2. */
const SCALE = 100n;

const inRange = (v: bigint): boolean => v >= INT64_MIN && v <= INT64_MAX;
const moneyOutOfRange = (): PgError => new PgError('22003', 'money out of range');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** cash_in with the C locale's symbols: '$', ',' thousands, '.' decimal, '+' / '-' or parentheses. */
export function cashIn(str: string): bigint {
  const range = () => new PgError('22003', `value "${str}" is out of range for type money`);
  const n = str.length;
  let i = 0;
  const spaces = () => { while (i < n && isSpaceCode(str.charCodeAt(i))) i++; };
  const currency = () => { spaces(); if (str[i] === '$') i++; spaces(); };
  currency();
  let negative = false;
  if (str[i] === '-' || str[i] === '(') { negative = true; i++; } else if (str[i] === '+') i++;
  currency();
  // accumulate the absolute amount in the negative, as cash.c does, so INT64_MIN fits
  let value = 0n, dec = 0, seenDot = false;
  for (; i < n; i++) {
    const c = str[i]!;
    if (isDigit(c) && (!seenDot || dec < 2)) {
      value = value * 10n - BigInt(c.charCodeAt(0) - 48);
      if (!inRange(value)) throw range();
      if (seenDot) dec++;
    } else if (c === '.' && !seenDot) seenDot = true;
    else if (c === ',') continue;
    else break;
  }
  // round off on the next digit (half away from zero)
  if (isDigit(str[i]) && str[i]! >= '5') { value -= 1n; if (!inRange(value)) throw range(); }
  for (; dec < 2; dec++) { value *= 10n; if (!inRange(value)) throw range(); }
  while (isDigit(str[i])) i++;
  while (i < n) {
    const c = str[i]!;
    if (isSpaceCode(c.charCodeAt(0)) || c === ')' || c === '+' || c === '$') i++;
    else if (c === '-') { negative = true; i++; } else throw new PgError('22P02', `invalid input syntax for type money: "${str}"`);
  }
  if (!negative) {
    if (value === INT64_MIN) throw range();
    return -value;
  }
  return value;
}

/** cash_out: "$" before the amount, "-" before that, "," every three digits. */
export function cashOut(v: bigint): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(3, '0');
  const whole = digits.slice(0, -2), cents = digits.slice(-2);
  let grouped = '';
  for (let k = whole.length; k > 0; k -= 3) grouped = whole.slice(Math.max(0, k - 3), k) + (grouped ? ',' + grouped : '');
  return `${neg ? '-' : ''}$${grouped}.${cents}`;
}

const moneyType = defineType({
  oid: money, name: 'money', category: 'N', preferred: false, len: 8, array: OID._money,
  input: (t) => cashIn(t),
  output: (v) => cashOut(v as bigint),
  compare: (a, b) => ((a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0),
  noHash: true,
});
registerArrayType(moneyType);
comparisonOps(money, money, moneyType.compare, bool);

const checked = (v: bigint): bigint => { if (!inRange(v)) throw moneyOutOfRange(); return v; };
/** A float result back to cents: rint, then it must fit in int64 (FLOAT8_FITS_IN_INT64). */
function fromFloat(f: number): bigint {
  const r = rint(f);
  if (Number.isNaN(r) || !(r >= -9223372036854775808 && r < 9223372036854775808)) throw moneyOutOfRange();
  return BigInt(r);
}
const toFloat = (c: bigint): number => Number(c);

op('+', money, money, money, (a: bigint, b: bigint) => checked(a + b));
op('-', money, money, money, (a: bigint, b: bigint) => checked(a - b));
op('/', money, money, float8, (a: bigint, b: bigint) => {
  if (b === 0n) throw divisionByZero();
  return toFloat(a) / toFloat(b);
});
for (const t of [float8, float4]) {
  op('*', money, t, money, (c: bigint, f: number) => fromFloat(fmul(toFloat(c), f)));
  op('*', t, money, money, (f: number, c: bigint) => fromFloat(fmul(f, toFloat(c))));
  op('/', money, t, money, (c: bigint, f: number) => fromFloat(fdiv(toFloat(c), f)));
}
for (const t of [int8, int4, int2]) {
  const big = (i: number | bigint): bigint => BigInt(i);
  op('*', money, t, money, (c: bigint, i: number | bigint) => checked(c * big(i)));
  op('*', t, money, money, (i: number | bigint, c: bigint) => checked(big(i) * c));
  op('/', money, t, money, (c: bigint, i: number | bigint) => {
    if (big(i) === 0n) throw divisionByZero();
    // C's int64 division traps on INT64_MIN / -1 (SIGFPE, reported as a floating-point exception)
    if (c === INT64_MIN && big(i) === -1n) {
      throw new PgError('22P01', 'floating-point exception', { detail: 'An invalid floating-point operation was signaled. This probably means an out-of-range result or an invalid operation, such as division by zero.' });
    }
    return c / big(i); // truncates toward zero, as C does
  });
}

// conversions (pg_cast: all assignment casts)
const fromNumeric = (v: Numeric): bigint => numericToInt8(v.isFinite ? v.mul(Numeric.fromInt(SCALE)) : v);
const toNumeric = (c: bigint): Numeric => new Numeric(c, 2);
const fromInt = (i: number | bigint): bigint => {
  const r = BigInt(i) * SCALE;
  if (!inRange(r)) throw new PgError('22003', 'bigint out of range');
  return r;
};
cast(money, numeric, 'a', toNumeric);
cast(numeric, money, 'a', fromNumeric);
cast(int4, money, 'a', fromInt);
cast(int8, money, 'a', fromInt);
fn('money', [numeric], money, ([v]) => fromNumeric(v));
fn('money', [int4], money, ([v]) => fromInt(v));
fn('money', [int8], money, ([v]) => fromInt(v));
fn('numeric', [money], numeric, ([v]) => toNumeric(v));

fn('cash_cmp', [money, money], int4, ([a, b]) => moneyType.compare(a, b));
fn('cashlarger', [money, money], money, ([a, b]: bigint[]) => (a! > b! ? a : b));
fn('cashsmaller', [money, money], money, ([a, b]: bigint[]) => (a! < b! ? a : b));
fn('cash_words', [money], text, ([v]) => cashWords(v));

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
  'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const tens = (d: number): string => SMALL[18 + d]!;

/** cash.c num_word: 0..999 in words. */
function numWord(value: number): string {
  const tu = value % 100;
  if (value <= 20) return SMALL[value]!;
  if (!tu) return `${SMALL[Math.floor(value / 100)]} hundred`;
  const rest = value % 10 === 0 && tu > 10 ? tens(tu / 10) : tu < 20 ? SMALL[tu]! : `${tens(Math.floor(tu / 10))} ${SMALL[tu % 10]}`;
  if (value > 99) return `${SMALL[Math.floor(value / 100)]} hundred ${tu < 20 && !(value % 10 === 0 && tu > 10) ? 'and ' : ''}${rest}`;
  return rest;
}

/** cash_words: "One hundred twenty dollars and zero cents". */
export function cashWords(value: bigint): string {
  let out = '';
  if (value < 0n) { out = 'minus '; value = -value; }
  const prefix = out.length;
  const part = (div: bigint) => Number((value / div) % 1000n);
  const groups: [bigint, string][] = [[10n ** 17n, ' quadrillion '], [10n ** 14n, ' trillion '], [10n ** 11n, ' billion '],
    [10n ** 8n, ' million '], [10n ** 5n, ' thousand ']];
  for (const [div, word] of groups) { const m = part(div); if (m) out += numWord(m) + word; }
  const hundreds = part(100n);
  if (hundreds) out += numWord(hundreds);
  if (out.length === prefix) out += 'zero';
  const cents = Number(value % 100n);
  out += value / 100n === 1n ? ' dollar and ' : ' dollars and ';
  out += numWord(cents) + (cents === 1 ? ' cent' : ' cents');
  return out[0]!.toUpperCase() + out.slice(1);
}

export { money as MONEY };
