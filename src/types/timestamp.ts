// timestamp (1114) and timestamptz (1184): µs since 2000-01-01 (UTC for tz),
// ±Infinity. Text I/O in every DateStyle, precision typmods, arithmetic with
// intervals, the comparisons across date/timestamp/timestamptz, and casts.
import type { FormatSettings, PgType } from './type.js';
import { registerCast, registerFunction, registerOperator, registerType, type EvalContext } from './registry.js';
import {
  anytimeTypmodIn, BOOL_OID, date2j, DATE_OID, daysInMonth, DtErr, DTERR_BAD_FORMAT, err, INT4_OID, INTERVAL_OID,
  isValidTimestamp, j2date, roundTimestamp, splitDays, TIME_OID, TIMESTAMP_ARRAY_OID, TIMESTAMP_OID,
  TIMESTAMPTZ_ARRAY_OID, TIMESTAMPTZ_OID, TIMETZ_OID, timestamp2tm, timestampOutOfRange, tm2timestamp, Tm,
  USECS_PER_DAY, USECS_PER_SEC, EPOCH_DIFF_USECS, intervalOutOfRange, INT32_MAX, INT32_MIN, timeToMicros,
} from './datetime-common.js';
import { decodeDateTime, DTK_DATE, DTK_EARLY, DTK_EPOCH, DTK_LATE, parseDateTime, determineTzOffset } from './datetime-parse.js';
import { encodeDateTime } from './datetime-format.js';
import { decodeCtx, localToUtc, rethrowDt, timestamp2timestamptz, timestamptz2timestamp, tzTm, utcToLocal } from './datetime-core.js';
import { Interval, justifyHours } from './interval.js';
import { registerArray } from './datetime-array.js';
import { sessionZone, TimeZone } from './timezone.js';
import {
  date2timestamp, date2timestampNoOverflow, date2timestamptz, date2timestamptzNoOverflow, timestamp2date,
  timestamptz2date,
} from './date.js';
import type { TimeTz } from './time.js';

const EPOCH_TS = -EPOCH_DIFF_USECS;

function decodeTs(str: string, s: FormatSettings, typeName: string): { dtype: number; tm: Tm; tz: number } {
  try {
    const r = decodeDateTime(parseDateTime(str, 153), true, decodeCtx(s));
    return { dtype: r.dtype, tm: r.tm, tz: r.tz ?? 0 };
  } catch (e) {
    rethrowDt(e, str, typeName);
  }
}

function adjustTs(ts: number, typmod: number): number {
  if (typmod < 0 || !Number.isFinite(ts)) return ts;
  const r = roundTimestamp(ts, typmod);
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}

export function timestampIn(str: string, typmod: number, s: FormatSettings): number {
  const { dtype, tm } = decodeTs(str, s, 'timestamp');
  let r: number;
  switch (dtype) {
    case DTK_DATE: {
      const t = tm2timestamp(tm);
      if (t === null) throw err('22008', `timestamp out of range: "${str}"`);
      r = t;
      break;
    }
    case DTK_EPOCH: r = EPOCH_TS; break;
    case DTK_LATE: return Infinity;
    case DTK_EARLY: return -Infinity;
    default: rethrowDt(new DtErr(DTERR_BAD_FORMAT), str, 'timestamp');
  }
  return adjustTs(r, typmod);
}

export function timestamptzIn(str: string, typmod: number, s: FormatSettings): number {
  const { dtype, tm, tz } = decodeTs(str, s, 'timestamp with time zone');
  let r: number;
  switch (dtype) {
    case DTK_DATE: {
      const t = tm2timestamp(tm);
      if (t === null) throw err('22008', `timestamp out of range: "${str}"`);
      r = t + tz * USECS_PER_SEC;
      if (!isValidTimestamp(r)) throw err('22008', `timestamp out of range: "${str}"`);
      break;
    }
    case DTK_EPOCH: r = EPOCH_TS; break;
    case DTK_LATE: return Infinity;
    case DTK_EARLY: return -Infinity;
    default: rethrowDt(new DtErr(DTERR_BAD_FORMAT), str, 'timestamp with time zone');
  }
  return adjustTs(r, typmod);
}

export function timestampOut(ts: number, s: FormatSettings): string {
  if (ts === Infinity) return 'infinity';
  if (ts === -Infinity) return '-infinity';
  return encodeDateTime(timestamp2tm(ts), false, 0, undefined, s);
}

export function timestamptzOut(ts: number, s: FormatSettings, zone?: TimeZone): string {
  if (ts === Infinity) return 'infinity';
  if (ts === -Infinity) return '-infinity';
  const tm = tzTm(ts, zone ?? sessionZone(s.timeZone));
  return encodeDateTime(tm, true, tm.tz!, tm.tzn, s);
}

const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : a === b ? 0 : 0);

// ---------------------------------------------------------------- interval arithmetic

function addMonthsTm(tm: Tm, months: number): void {
  tm.mon += months;
  if (tm.mon > 12) {
    tm.year += Math.trunc((tm.mon - 1) / 12);
    tm.mon = ((tm.mon - 1) % 12) + 1;
  } else if (tm.mon < 1) {
    tm.year += Math.trunc(tm.mon / 12) - 1;
    tm.mon = (tm.mon % 12) + 12;
  }
  const dim = daysInMonth(tm.year, tm.mon);
  if (tm.mday > dim) tm.mday = dim;
}

/** timestamp_pl_interval */
export function timestampPlInterval(ts: number, span: Interval): number {
  if (!Number.isFinite(ts)) return ts;
  if (span.months !== 0) {
    const tm = timestamp2tm(ts);
    addMonthsTm(tm, span.months);
    const r = tm2timestamp(tm);
    if (r === null) throw timestampOutOfRange();
    ts = r;
  }
  if (span.days !== 0) {
    const tm = timestamp2tm(ts);
    [tm.year, tm.mon, tm.mday] = j2date(date2j(tm.year, tm.mon, tm.mday) + span.days);
    const r = tm2timestamp(tm);
    if (r === null) throw timestampOutOfRange();
    ts = r;
  }
  ts += span.micros;
  if (!isValidTimestamp(ts)) throw timestampOutOfRange();
  return ts;
}

/** timestamptz_pl_interval (in a zone: month/day steps keep the local time of day) */
export function timestamptzPlInterval(ts: number, span: Interval, zone: TimeZone): number {
  if (!Number.isFinite(ts)) return ts;
  if (span.months !== 0 || span.days !== 0) {
    const tm = tzTm(ts, zone);
    if (span.months !== 0) addMonthsTm(tm, span.months);
    if (span.days !== 0) [tm.year, tm.mon, tm.mday] = j2date(date2j(tm.year, tm.mon, tm.mday) + span.days);
    const tz = determineTzOffset(tm, zone);
    const local = tm2timestamp(tm);
    if (local === null) throw timestampOutOfRange();
    ts = local + tz * USECS_PER_SEC;
    if (!isValidTimestamp(ts)) throw timestampOutOfRange();
  }
  ts += span.micros;
  if (!isValidTimestamp(ts)) throw timestampOutOfRange();
  return ts;
}

const negInterval = (s: Interval): Interval => new Interval(-s.months, -s.days, -s.micros);

export function timestampMi(a: number, b: number): Interval {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw err('22008', 'cannot subtract infinite timestamps');
  return justifyHours(new Interval(0, 0, a - b));
}

/** age(): symbolic difference with years/months/days (timestamp_age / timestamptz_age). */
export function ageTm(t1: Tm, t2: Tm, neg: boolean): Interval {
  let fsec = t1.fsec - t2.fsec;
  let sec = t1.sec - t2.sec, min = t1.min - t2.min, hour = t1.hour - t2.hour;
  let mday = t1.mday - t2.mday, mon = t1.mon - t2.mon, year = t1.year - t2.year;
  if (neg) { fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year; }
  while (fsec < 0) { fsec += USECS_PER_SEC; sec--; }
  while (sec < 0) { sec += 60; min--; }
  while (min < 0) { min += 60; hour--; }
  while (hour < 0) { hour += 24; mday--; }
  while (mday < 0) {
    if (neg) mday += daysInMonth(t1.year, t1.mon);
    else mday += daysInMonth(t2.year, t2.mon);
    mon--;
  }
  while (mon < 0) { mon += 12; year--; }
  if (neg) { fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year; }
  const months = year * 12 + mon;
  if (months > INT32_MAX || months < INT32_MIN) throw intervalOutOfRange();
  return new Interval(months + 0, mday + 0, timeToMicros(hour, min, sec, fsec) + 0);
}

export function timestampAge(a: number, b: number): Interval {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw timestampOutOfRange();
  return ageTm(timestamp2tm(a), timestamp2tm(b), a < b);
}
export function timestamptzAge(a: number, b: number, zone: TimeZone): Interval {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw timestampOutOfRange();
  return ageTm(tzTm(a, zone), tzTm(b, zone), a < b);
}

// ---------------------------------------------------------------- registration

const tsFormat = (tz: boolean) => (typmod: number): string =>
  (typmod >= 0 ? `timestamp(${typmod})` : 'timestamp') + (tz ? ' with time zone' : ' without time zone');

export const timestampType: PgType = {
  oid: TIMESTAMP_OID, name: 'timestamp', category: 'D', preferred: false, len: 8, array: TIMESTAMP_ARRAY_OID,
  input: (text, typmod, s) => timestampIn(text, typmod, s),
  output: (v, s) => timestampOut(v as number, s),
  compare: (a, b) => cmpNum(a as number, b as number),
  applyTypmod: (v, typmod) => adjustTs(v as number, typmod),
  typmodIn: (mods) => anytimeTypmodIn(mods, false, 'TIMESTAMP'),
  formatType: tsFormat(false),
};
export const timestamptzType: PgType = {
  oid: TIMESTAMPTZ_OID, name: 'timestamptz', category: 'D', preferred: true, len: 8, array: TIMESTAMPTZ_ARRAY_OID,
  input: (text, typmod, s) => timestamptzIn(text, typmod, s),
  output: (v, s) => timestamptzOut(v as number, s),
  compare: (a, b) => cmpNum(a as number, b as number),
  applyTypmod: (v, typmod) => adjustTs(v as number, typmod),
  typmodIn: (mods) => anytimeTypmodIn(mods, true, 'TIMESTAMP'),
  formatType: tsFormat(true),
};
registerType(timestampType);
registerType(timestamptzType);
registerArray(TIMESTAMP_ARRAY_OID, '_timestamp', timestampType);
registerArray(TIMESTAMPTZ_ARRAY_OID, '_timestamptz', timestamptzType);

const TS = TIMESTAMP_OID, TSTZ = TIMESTAMPTZ_OID, D = DATE_OID, I = INTERVAL_OID, T = TIME_OID, TTZ = TIMETZ_OID;
const zoneOf = (ctx: EvalContext): TimeZone => sessionZone(ctx.settings.timeZone);

type Conv = (v: number, ctx: EvalContext) => number;
const ident: Conv = (v) => v;
const cmpOps: [string, (c: number) => boolean][] = [
  ['=', (c) => c === 0], ['<>', (c) => c !== 0], ['<', (c) => c < 0], ['<=', (c) => c <= 0], ['>', (c) => c > 0], ['>=', (c) => c >= 0],
];
/** comparison operators between two of date/timestamp/timestamptz, each side converted first */
function crossCompare(l: number, r: number, cl: Conv, cr: Conv): void {
  for (const [name, test] of cmpOps) {
    registerOperator({
      name, left: l, right: r, ret: BOOL_OID,
      fn: cl === ident && cr === ident
        ? (a, b) => test(cmpNum(a as number, b as number))
        : (a, b, ctx) => test(cmpNum(cl(a as number, ctx), cr(b as number, ctx))),
    });
  }
}
const dTs: Conv = (v) => date2timestampNoOverflow(v);
const dTz: Conv = (v, ctx) => date2timestamptzNoOverflow(v, zoneOf(ctx));
const tsTz: Conv = (v, ctx) => {
  if (!Number.isFinite(v)) return v;
  const r = localToUtc(v, zoneOf(ctx));
  return r;
};
crossCompare(TS, TS, ident, ident);
crossCompare(TSTZ, TSTZ, ident, ident);
crossCompare(D, TS, dTs, ident);
crossCompare(TS, D, ident, dTs);
crossCompare(D, TSTZ, dTz, ident);
crossCompare(TSTZ, D, ident, dTz);
crossCompare(TS, TSTZ, tsTz, ident);
crossCompare(TSTZ, TS, ident, tsTz);

// arithmetic
registerOperator({ name: '+', left: TS, right: I, ret: TS, fn: (a, b) => timestampPlInterval(a as number, b as Interval) });
registerOperator({ name: '+', left: I, right: TS, ret: TS, fn: (a, b) => timestampPlInterval(b as number, a as Interval) });
registerOperator({ name: '-', left: TS, right: I, ret: TS, fn: (a, b) => timestampPlInterval(a as number, negInterval(b as Interval)) });
registerOperator({ name: '-', left: TS, right: TS, ret: I, fn: (a, b) => timestampMi(a as number, b as number) });
registerOperator({ name: '+', left: TSTZ, right: I, ret: TSTZ, fn: (a, b, ctx) => timestamptzPlInterval(a as number, b as Interval, zoneOf(ctx)) });
registerOperator({ name: '+', left: I, right: TSTZ, ret: TSTZ, fn: (a, b, ctx) => timestamptzPlInterval(b as number, a as Interval, zoneOf(ctx)) });
registerOperator({ name: '-', left: TSTZ, right: I, ret: TSTZ, fn: (a, b, ctx) => timestamptzPlInterval(a as number, negInterval(b as Interval), zoneOf(ctx)) });
registerOperator({ name: '-', left: TSTZ, right: TSTZ, ret: I, fn: (a, b) => timestampMi(a as number, b as number) });
registerOperator({ name: '+', left: D, right: I, ret: TS, fn: (a, b) => timestampPlInterval(date2timestamp(a as number), b as Interval) });
registerOperator({ name: '+', left: I, right: D, ret: TS, fn: (a, b) => timestampPlInterval(date2timestamp(b as number), a as Interval) });
registerOperator({ name: '-', left: D, right: I, ret: TS, fn: (a, b) => timestampPlInterval(date2timestamp(a as number), negInterval(b as Interval)) });

/** date + time → timestamp */
function datePlTime(d: number, t: number): number {
  const ts = date2timestamp(d);
  if (!Number.isFinite(ts)) return ts;
  const r = ts + t;
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}
/** date + timetz → timestamptz */
function datePlTimetz(d: number, t: TimeTz): number {
  if (!Number.isFinite(d)) return d;
  if (d >= 109203528 - 2451545) throw err('22008', 'date out of range for timestamp');
  const r = d * USECS_PER_DAY + t.time + t.offset * USECS_PER_SEC;
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}
registerOperator({ name: '+', left: D, right: T, ret: TS, fn: (a, b) => datePlTime(a as number, b as number) });
registerOperator({ name: '+', left: T, right: D, ret: TS, fn: (a, b) => datePlTime(b as number, a as number) });
registerOperator({ name: '+', left: D, right: TTZ, ret: TSTZ, fn: (a, b) => datePlTimetz(a as number, b as TimeTz) });
registerOperator({ name: '+', left: TTZ, right: D, ret: TSTZ, fn: (a, b) => datePlTimetz(b as number, a as TimeTz) });

// casts (pg_cast contexts)
registerCast({ source: D, target: TS, context: 'i', fn: (v) => date2timestamp(v as number) });
registerCast({ source: D, target: TSTZ, context: 'i', fn: (v, ctx) => date2timestamptz(v as number, zoneOf(ctx)) });
registerCast({ source: TS, target: D, context: 'a', fn: (v) => timestamp2date(v as number) });
registerCast({ source: TSTZ, target: D, context: 'a', fn: (v, ctx) => timestamptz2date(v as number, zoneOf(ctx)) });
registerCast({ source: TS, target: TSTZ, context: 'i', fn: (v, ctx) => timestamp2timestamptz(v as number, zoneOf(ctx)) });
registerCast({ source: TSTZ, target: TS, context: 'a', fn: (v, ctx) => timestamptz2timestamp(v as number, zoneOf(ctx)) });
registerCast({
  source: TS, target: T, context: 'a', fn: (v) => {
    const ts = v as number;
    if (!Number.isFinite(ts)) throw timestampOutOfRange();
    return splitDays(ts)[1];
  },
});
registerCast({
  source: TSTZ, target: T, context: 'a', fn: (v, ctx) => {
    const ts = v as number;
    if (!Number.isFinite(ts)) throw timestampOutOfRange();
    return splitDays(utcToLocal(ts, zoneOf(ctx)))[1];
  },
});
registerCast({
  source: TSTZ, target: TTZ, context: 'a', fn: (v, ctx) => {
    const ts = v as number;
    if (!Number.isFinite(ts)) throw timestampOutOfRange();
    const tm = tzTm(ts, zoneOf(ctx));
    return { time: timeToMicros(tm.hour, tm.min, tm.sec, tm.fsec), offset: tm.tz! } as TimeTz;
  },
});

registerFunction({ name: 'isfinite', args: [TS], ret: BOOL_OID, fn: ([v]) => Number.isFinite(v as number) });
registerFunction({ name: 'isfinite', args: [TSTZ], ret: BOOL_OID, fn: ([v]) => Number.isFinite(v as number) });
registerFunction({ name: 'timestamp_cmp', args: [TS, TS], ret: INT4_OID, fn: ([a, b]) => cmpNum(a as number, b as number) });
registerFunction({ name: 'timestamptz_cmp', args: [TSTZ, TSTZ], ret: INT4_OID, fn: ([a, b]) => cmpNum(a as number, b as number) });
registerFunction({ name: 'timestamp_larger', args: [TS, TS], ret: TS, fn: ([a, b]) => ((a as number) >= (b as number) ? a : b) });
registerFunction({ name: 'timestamp_smaller', args: [TS, TS], ret: TS, fn: ([a, b]) => ((a as number) <= (b as number) ? a : b) });
registerFunction({ name: 'timestamptz_larger', args: [TSTZ, TSTZ], ret: TSTZ, fn: ([a, b]) => ((a as number) >= (b as number) ? a : b) });
registerFunction({ name: 'timestamptz_smaller', args: [TSTZ, TSTZ], ret: TSTZ, fn: ([a, b]) => ((a as number) <= (b as number) ? a : b) });
registerFunction({ name: 'age', args: [TS, TS], ret: I, fn: ([a, b]) => timestampAge(a as number, b as number) });
registerFunction({ name: 'age', args: [TSTZ, TSTZ], ret: I, fn: ([a, b], ctx) => timestamptzAge(a as number, b as number, zoneOf(ctx)), volatility: 's' });

export { EPOCH_TS };
