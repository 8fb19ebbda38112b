// interval (1186): the Interval value class, text I/O in every IntervalStyle,
// typmods (interval day to second(3)), arithmetic, justify_* and comparison.
import type { FormatSettings, PgType } from './type.js';
import { registerCast, registerFunction, registerOperator, registerType } from './registry.js';
import {
  BOOL_OID, DAYS_PER_MONTH, DtErr, DTERR_BAD_FORMAT, DTERR_FIELD_OVERFLOW, DTERR_INTERVAL_OVERFLOW, err,
  FLOAT8_OID, INT32_MAX, INT32_MIN, INTERVAL_ARRAY_OID, INTERVAL_OID, intervalOutOfRange, MONTHS_PER_YEAR,
  SECS_PER_DAY, USECS_PER_DAY, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC, emitWarning,
  TIME_OID,
} from './datetime-common.js';
import {
  decodeInterval, decodeISO8601Interval, INTERVAL_FULL_PRECISION, INTERVAL_FULL_RANGE, INTERVAL_MASK_DAY,
  INTERVAL_MASK_HOUR, INTERVAL_MASK_MINUTE, INTERVAL_MASK_MONTH, INTERVAL_MASK_SECOND, INTERVAL_MASK_YEAR,
  ItmIn, parseDateTime, rint,
} from './datetime-parse.js';
import { dtParseError } from './datetime-common.js';
import { encodeInterval, interval2itm } from './datetime-format.js';
import { registerArray } from './datetime-array.js';

export class Interval {
  constructor(public months: number, public days: number, public micros: number) {}
  toString(): string {
    return encodeInterval(interval2itm(this.months, this.days, this.micros), 'postgres');
  }
}

const I64_MAX = 9.223372036854776e18;
const fitsI32 = (v: number): boolean => v >= INT32_MIN && v <= INT32_MAX;
const fitsI64 = (v: number): boolean => v >= -I64_MAX && v < I64_MAX;

/** Build an interval, checking the int32/int64 field ranges. */
export function mkInterval(months: number, days: number, micros: number): Interval {
  if (!fitsI32(months) || !fitsI32(days) || !fitsI64(micros) || Number.isNaN(micros)) throw intervalOutOfRange();
  return new Interval(months + 0, days + 0, micros + 0);
}

// ---------------------------------------------------------------- compare / hash

const BIG_LIMIT = 2 ** 52;
function spanBig(v: Interval): bigint {
  return BigInt(v.micros) + (BigInt(v.days) + BigInt(v.months) * 30n) * 86400000000n;
}
export function intervalCmp(a: Interval, b: Interval): number {
  const sa = a.micros + (a.days + a.months * 30) * USECS_PER_DAY;
  const sb = b.micros + (b.days + b.months * 30) * USECS_PER_DAY;
  if (Math.abs(sa) < BIG_LIMIT && Math.abs(sb) < BIG_LIMIT) return sa < sb ? -1 : sa > sb ? 1 : 0;
  const ba = spanBig(a), bb = spanBig(b);
  return ba < bb ? -1 : ba > bb ? 1 : 0;
}
function intervalHash(v: Interval): number | string {
  const s = v.micros + (v.days + v.months * 30) * USECS_PER_DAY;
  if (Math.abs(s) < BIG_LIMIT) return s;
  return spanBig(v).toString();
}

// ---------------------------------------------------------------- typmod

export const intervalRange = (typmod: number): number => (typmod >>> 16) & 0x7fff;
export const intervalPrecision = (typmod: number): number => typmod & 0xffff;

/** AdjustIntervalForTypmod */
export function adjustInterval(v: Interval, typmod: number): Interval {
  if (typmod < 0) return v;
  const range = intervalRange(typmod), precision = intervalPrecision(typmod);
  let { months, days, micros } = v;
  if (range === INTERVAL_FULL_RANGE) { /* nothing */ } else if (range === INTERVAL_MASK_YEAR) {
    months = Math.trunc(months / MONTHS_PER_YEAR) * MONTHS_PER_YEAR; days = 0; micros = 0;
  } else if (range === INTERVAL_MASK_MONTH || range === (INTERVAL_MASK_YEAR | INTERVAL_MASK_MONTH)) {
    days = 0; micros = 0;
  } else if (range === INTERVAL_MASK_DAY) {
    micros = 0;
  } else if (range === INTERVAL_MASK_HOUR || range === (INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR)) {
    micros = Math.trunc(micros / USECS_PER_HOUR) * USECS_PER_HOUR;
  } else if (range === INTERVAL_MASK_MINUTE || range === (INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE) ||
    range === (INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE)) {
    micros = Math.trunc(micros / USECS_PER_MINUTE) * USECS_PER_MINUTE;
  } else if (range === INTERVAL_MASK_SECOND || range === (INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND) ||
    range === (INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND) ||
    range === (INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND)) {
    /* fractional-second rounding below */
  } else throw err('XX000', `unrecognized interval typmod: ${typmod}`);
  if (precision !== INTERVAL_FULL_PRECISION) {
    if (precision < 0 || precision > 6) throw err('22023', `interval(${precision}) precision must be between 0 and 6`);
    const scale = 10 ** (6 - precision), off = scale / 2;
    if (micros >= 0) micros = Math.floor((micros + off) / scale) * scale;
    else micros = -Math.floor((-micros + off) / scale) * scale;
  }
  if (months === v.months && days === v.days && micros === v.micros) return v;
  return new Interval(months, days, micros);
}

/** intervaltypmodin: [range] or [range, precision] (as the grammar produces them). */
export function intervalTypmodIn(mods: number[]): number {
  if (mods.length === 0 || mods.length > 2) throw err('22023', 'invalid INTERVAL type modifier');
  const range = mods[0];
  const okRanges = [INTERVAL_MASK_YEAR, INTERVAL_MASK_MONTH, INTERVAL_MASK_DAY, INTERVAL_MASK_HOUR, INTERVAL_MASK_MINUTE,
    INTERVAL_MASK_SECOND, INTERVAL_MASK_YEAR | INTERVAL_MASK_MONTH, INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR,
    INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE,
    INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND,
    INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE, INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND,
    INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND, INTERVAL_FULL_RANGE];
  if (!okRanges.includes(range)) throw err('22023', 'invalid INTERVAL type modifier');
  if (mods.length === 1) return ((range << 16) | INTERVAL_FULL_PRECISION) >>> 0 & 0x7fffffff;
  let p = mods[1];
  if (p < 0) throw err('22023', `INTERVAL(${p}) precision must not be negative`);
  if (p > 6) {
    emitWarning(`INTERVAL(${p}) precision reduced to maximum allowed, 6`);
    p = 6;
  }
  return (range << 16) | p;
}

export function intervalFormatType(typmod: number): string {
  if (typmod < 0) return 'interval';
  const range = intervalRange(typmod), precision = intervalPrecision(typmod);
  const names: Record<number, string> = {
    [INTERVAL_MASK_YEAR]: ' year', [INTERVAL_MASK_MONTH]: ' month', [INTERVAL_MASK_DAY]: ' day',
    [INTERVAL_MASK_HOUR]: ' hour', [INTERVAL_MASK_MINUTE]: ' minute', [INTERVAL_MASK_SECOND]: ' second',
    [INTERVAL_MASK_YEAR | INTERVAL_MASK_MONTH]: ' year to month',
    [INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR]: ' day to hour',
    [INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE]: ' day to minute',
    [INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND]: ' day to second',
    [INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE]: ' hour to minute',
    [INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND]: ' hour to second',
    [INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND]: ' minute to second',
  };
  const fields = names[range] ?? '';
  return 'interval' + fields + (precision !== INTERVAL_FULL_PRECISION ? `(${precision})` : '');
}

// ---------------------------------------------------------------- text I/O

function itmin2interval(itm: ItmIn): Interval {
  const months = itm.year * MONTHS_PER_YEAR + itm.mon;
  if (!fitsI32(months)) throw intervalOutOfRange();
  return new Interval(months + 0, itm.mday + 0, itm.usec + 0);
}

export function intervalIn(str: string, typmod: number, s: FormatSettings): Interval {
  const range = typmod >= 0 ? intervalRange(typmod) : INTERVAL_FULL_RANGE;
  let itm: ItmIn;
  try {
    try {
      const fl = parseDateTime(str, 256);
      itm = decodeInterval(fl, range, s.intervalStyle);
    } catch (e) {
      if (e instanceof DtErr && e.code === DTERR_BAD_FORMAT) itm = decodeISO8601Interval(str);
      else throw e;
    }
  } catch (e) {
    if (e instanceof DtErr) {
      throw dtParseError(e.code === DTERR_FIELD_OVERFLOW ? DTERR_INTERVAL_OVERFLOW : e.code, str, 'interval');
    }
    throw e;
  }
  return adjustInterval(itmin2interval(itm), typmod);
}

export function intervalOut(v: Interval, style: FormatSettings['intervalStyle']): string {
  return encodeInterval(interval2itm(v.months, v.days, v.micros), style);
}

// ---------------------------------------------------------------- arithmetic

export const intervalNeg = (a: Interval): Interval => mkInterval(-a.months, -a.days, -a.micros);
export const intervalPl = (a: Interval, b: Interval): Interval =>
  mkInterval(a.months + b.months, a.days + b.days, a.micros + b.micros);
export const intervalMi = (a: Interval, b: Interval): Interval =>
  mkInterval(a.months - b.months, a.days - b.days, a.micros - b.micros);

const TSROUND = (x: number): number => rint(x * 1e6) / 1e6;

export function intervalMul(span: Interval, factor: number): Interval {
  let rd = span.months * factor;
  if (Number.isNaN(rd) || rd > INT32_MAX || rd < INT32_MIN) throw intervalOutOfRange();
  const month = Math.trunc(rd);
  rd = span.days * factor;
  if (Number.isNaN(rd) || rd > INT32_MAX || rd < INT32_MIN) throw intervalOutOfRange();
  let day = Math.trunc(rd);
  const monthRemainderDays = TSROUND((span.months * factor - month) * DAYS_PER_MONTH);
  let secRemainder = TSROUND((span.days * factor - day + monthRemainderDays - Math.trunc(monthRemainderDays)) * SECS_PER_DAY);
  if (Math.abs(secRemainder) >= SECS_PER_DAY) {
    const d = Math.trunc(secRemainder / SECS_PER_DAY);
    day += d;
    secRemainder -= d * SECS_PER_DAY;
  }
  day += Math.trunc(monthRemainderDays);
  const t = rint(span.micros * factor + secRemainder * USECS_PER_SEC);
  if (Number.isNaN(t) || !fitsI64(t)) throw intervalOutOfRange();
  return mkInterval(month, day, t);
}

export function intervalDiv(span: Interval, factor: number): Interval {
  if (factor === 0) throw err('22012', 'division by zero');
  const month = Math.trunc(span.months / factor);
  let day = Math.trunc(span.days / factor);
  if (!fitsI32(month) || !fitsI32(day) || Number.isNaN(month) || Number.isNaN(day)) throw intervalOutOfRange();
  const monthRemainderDays = TSROUND((span.months / factor - month) * DAYS_PER_MONTH);
  let secRemainder = TSROUND((span.days / factor - day + monthRemainderDays - Math.trunc(monthRemainderDays)) * SECS_PER_DAY);
  if (Math.abs(secRemainder) >= SECS_PER_DAY) {
    const d = Math.trunc(secRemainder / SECS_PER_DAY);
    day += d;
    secRemainder -= d * SECS_PER_DAY;
  }
  day += Math.trunc(monthRemainderDays);
  const t = rint(span.micros / factor + secRemainder * USECS_PER_SEC);
  if (Number.isNaN(t) || !fitsI64(t)) throw intervalOutOfRange();
  return mkInterval(month, day, t);
}

export function justifyHours(v: Interval): Interval {
  let time = v.micros;
  const wholeday = Math.trunc(time / USECS_PER_DAY);
  time -= wholeday * USECS_PER_DAY;
  let day = v.days + wholeday;
  if (!fitsI32(day)) throw intervalOutOfRange();
  if (day > 0 && time < 0) { time += USECS_PER_DAY; day--; } else if (day < 0 && time > 0) { time -= USECS_PER_DAY; day++; }
  return new Interval(v.months, day, time);
}

export function justifyDays(v: Interval): Interval {
  let day = v.days;
  const wholemonth = Math.trunc(day / DAYS_PER_MONTH);
  day -= wholemonth * DAYS_PER_MONTH;
  let month = v.months + wholemonth;
  if (!fitsI32(month)) throw intervalOutOfRange();
  if (month > 0 && day < 0) { day += DAYS_PER_MONTH; month--; } else if (month < 0 && day > 0) { day -= DAYS_PER_MONTH; month++; }
  return new Interval(month, day, v.micros);
}

export function justifyInterval(v: Interval): Interval {
  let time = v.micros;
  const wholeday = Math.trunc(time / USECS_PER_DAY);
  time -= wholeday * USECS_PER_DAY;
  let day = v.days + wholeday;
  const wholemonth = Math.trunc(day / DAYS_PER_MONTH);
  day -= wholemonth * DAYS_PER_MONTH;
  let month = v.months + wholemonth;
  if (!fitsI32(month) || !fitsI32(day)) throw intervalOutOfRange();
  if (month > 0 && (day < 0 || (day === 0 && time < 0))) { day += DAYS_PER_MONTH; month--; } else if (month < 0 && (day > 0 || (day === 0 && time > 0))) { day -= DAYS_PER_MONTH; month++; }
  if (day > 0 && time < 0) { time += USECS_PER_DAY; day--; } else if (day < 0 && time > 0) { time -= USECS_PER_DAY; day++; }
  return new Interval(month, day, time);
}

// ---------------------------------------------------------------- registration

export const intervalType: PgType = {
  oid: INTERVAL_OID, name: 'interval', category: 'T', preferred: true, len: 16, array: INTERVAL_ARRAY_OID,
  input: (text, typmod, s) => intervalIn(text, typmod, s),
  output: (v, s) => intervalOut(v as Interval, s.intervalStyle),
  compare: (a, b) => intervalCmp(a as Interval, b as Interval),
  hashKey: (v) => intervalHash(v as Interval),
  applyTypmod: (v, typmod) => adjustInterval(v as Interval, typmod),
  typmodIn: intervalTypmodIn,
  formatType: intervalFormatType,
};
registerType(intervalType);
registerArray(INTERVAL_ARRAY_OID, '_interval', intervalType);

const I = INTERVAL_OID;
const cmpOps: [string, (c: number) => boolean][] = [
  ['=', (c) => c === 0], ['<>', (c) => c !== 0], ['<', (c) => c < 0], ['<=', (c) => c <= 0], ['>', (c) => c > 0], ['>=', (c) => c >= 0],
];
for (const [name, test] of cmpOps) {
  registerOperator({ name, left: I, right: I, ret: BOOL_OID, fn: (a, b) => test(intervalCmp(a as Interval, b as Interval)) });
}
registerOperator({ name: '+', left: I, right: I, ret: I, fn: (a, b) => intervalPl(a as Interval, b as Interval) });
registerOperator({ name: '-', left: I, right: I, ret: I, fn: (a, b) => intervalMi(a as Interval, b as Interval) });
registerOperator({ name: '-', left: 0, right: I, ret: I, fn: (_a, b) => intervalNeg(b as Interval) });
registerOperator({ name: '+', left: 0, right: I, ret: I, fn: (_a, b) => b });
registerOperator({ name: '*', left: I, right: FLOAT8_OID, ret: I, fn: (a, b) => intervalMul(a as Interval, b as number) });
registerOperator({ name: '*', left: FLOAT8_OID, right: I, ret: I, fn: (a, b) => intervalMul(b as Interval, a as number) });
registerOperator({ name: '/', left: I, right: FLOAT8_OID, ret: I, fn: (a, b) => intervalDiv(a as Interval, b as number) });

registerFunction({ name: 'justify_hours', args: [I], ret: I, fn: ([v]) => justifyHours(v as Interval) });
registerFunction({ name: 'justify_days', args: [I], ret: I, fn: ([v]) => justifyDays(v as Interval) });
registerFunction({ name: 'justify_interval', args: [I], ret: I, fn: ([v]) => justifyInterval(v as Interval) });
registerFunction({ name: 'interval_pl', args: [I, I], ret: I, fn: ([a, b]) => intervalPl(a as Interval, b as Interval) });
registerFunction({ name: 'interval_mi', args: [I, I], ret: I, fn: ([a, b]) => intervalMi(a as Interval, b as Interval) });
registerFunction({ name: 'interval_um', args: [I], ret: I, fn: ([a]) => intervalNeg(a as Interval) });
registerFunction({ name: 'interval_cmp', args: [I, I], ret: 23, fn: ([a, b]) => intervalCmp(a as Interval, b as Interval) });
registerFunction({ name: 'interval_larger', args: [I, I], ret: I, fn: ([a, b]) => (intervalCmp(a as Interval, b as Interval) >= 0 ? a : b) });
registerFunction({ name: 'interval_smaller', args: [I, I], ret: I, fn: ([a, b]) => (intervalCmp(a as Interval, b as Interval) <= 0 ? a : b) });
registerFunction({ name: 'isfinite', args: [I], ret: BOOL_OID, fn: () => true });

// interval → time (time of day part), time → interval
registerCast({
  source: I, target: TIME_OID, context: 'a', fn: (v) => {
    const span = v as Interval;
    let r = span.micros % USECS_PER_DAY;
    if (r < 0) r += USECS_PER_DAY;
    return r + 0;
  },
});
registerCast({ source: TIME_OID, target: I, context: 'i', fn: (v) => new Interval(0, 0, v as number) });

export { DtErr };
