// Date/time functions: now() and friends, date_trunc, date_part / extract,
// age, make_*, to_timestamp(float8), timezone() (AT TIME ZONE), date_bin, overlaps.
import { operatorsNamed, registerFunction, typeByOid, type EvalContext } from './registry.js';
import {
  BOOL_OID, date2j, DATE_OID, err, FLOAT8_OID, INT4_OID, INTERVAL_OID, isValidTimestamp, j2date, j2day,
  NUMERIC_OID, POSTGRES_EPOCH_JDATE, roundTimestamp, roundMicros, splitDays, TEXT_OID, TIME_OID, TIMESTAMP_OID,
  TIMESTAMPTZ_OID, TIMETZ_OID, timestamp2tm, timestampOutOfRange, tm2timestamp, Tm, USECS_PER_DAY, USECS_PER_HOUR,
  USECS_PER_MINUTE, USECS_PER_SEC, EPOCH_DIFF_USECS, time2parts, timeToMicros, INT32_MAX, INT32_MIN,
  intervalOutOfRange, MONTHS_PER_YEAR, DAYS_PER_MONTH, anytimeTypmodIn,
} from './datetime-common.js';
import {
  decodeSpecial, decodeUnits, DTK_CENTURY, DTK_DAY, DTK_DECADE, DTK_DOW, DTK_DOY, DTK_EPOCH, DTK_HOUR,
  DTK_ISODOW, DTK_ISOYEAR, DTK_JULIAN, DTK_MICROSEC, DTK_MILLENNIUM, DTK_MILLISEC, DTK_MINUTE, DTK_MONTH,
  DTK_QUARTER, DTK_SECOND, DTK_TZ, DTK_TZ_HOUR, DTK_TZ_MINUTE, DTK_WEEK, DTK_YEAR, RESERV, UNITS, UNKNOWN_FIELD,
  determineTzOffset, rint,
} from './datetime-parse.js';
import { clockMicros, localToUtc, tzTm, utcToLocal } from './datetime-core.js';
import { sessionZone, TimeZone, zoneForAtTimeZone } from './timezone.js';
import { Interval, mkInterval, intervalCmp } from './interval.js';
import { timestampAge, timestamptzAge, timestampPlInterval, timestamptzPlInterval } from './timestamp.js';
import { date2timestamp, timestamptz2date } from './date.js';
import { timeToTimetz, type TimeTz } from './time.js';
import type { FormatSettings } from './type.js';

const D = DATE_OID, TS = TIMESTAMP_OID, TSTZ = TIMESTAMPTZ_OID, I = INTERVAL_OID, T = TIME_OID, TTZ = TIMETZ_OID;
const zoneOf = (ctx: EvalContext): TimeZone => sessionZone(ctx.settings.timeZone);

// ---------------------------------------------------------------- current time

const reg = registerFunction;
const precArg = (p: number, name: string): number => anytimeTypmodIn([p], name.endsWith('tz'), name.startsWith('time') ? 'TIME' : 'TIMESTAMP');

reg({ name: 'now', args: [], ret: TSTZ, volatility: 's', fn: (_a, ctx) => ctx.txnTimestamp });
reg({ name: 'transaction_timestamp', args: [], ret: TSTZ, volatility: 's', fn: (_a, ctx) => ctx.txnTimestamp });
reg({ name: 'current_timestamp', args: [], ret: TSTZ, volatility: 's', fn: (_a, ctx) => ctx.txnTimestamp });
reg({
  name: 'current_timestamp', args: [INT4_OID], ret: TSTZ, volatility: 's',
  fn: ([p], ctx) => roundTimestamp(ctx.txnTimestamp, precArg(p as number, 'timestamptz')),
});
reg({ name: 'statement_timestamp', args: [], ret: TSTZ, volatility: 's', fn: (_a, ctx) => ctx.stmtTimestamp });
reg({ name: 'clock_timestamp', args: [], ret: TSTZ, volatility: 'v', fn: () => clockMicros() });
reg({
  name: 'timeofday', args: [], ret: TEXT_OID, volatility: 'v', fn: (_a, ctx) => {
    // "Mon Jan 02 03:04:05.123456 2023 UTC"
    const ts = clockMicros();
    const tm = tzTm(ts, zoneOf(ctx));
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const p2 = (n: number) => String(n).padStart(2, '0');
    return `${days[j2day(date2j(tm.year, tm.mon, tm.mday))]} ${mons[tm.mon - 1]} ${p2(tm.mday)} ${p2(tm.hour)}:${p2(tm.min)}:${p2(tm.sec)}.${String(tm.fsec).padStart(6, '0')} ${tm.year} ${tm.tzn}`;
  },
});
/** CURRENT_DATE */
export const currentDate = (ctx: EvalContext): number => timestamptz2date(ctx.txnTimestamp, zoneOf(ctx));
reg({ name: 'current_date', args: [], ret: D, volatility: 's', fn: (_a, ctx) => currentDate(ctx) });
/** LOCALTIMESTAMP */
const localTs = (ctx: EvalContext): number => utcToLocal(ctx.txnTimestamp, zoneOf(ctx));
reg({ name: 'localtimestamp', args: [], ret: TS, volatility: 's', fn: (_a, ctx) => localTs(ctx) });
reg({ name: 'localtimestamp', args: [INT4_OID], ret: TS, volatility: 's', fn: ([p], ctx) => roundTimestamp(localTs(ctx), precArg(p as number, 'timestamp')) });
/** LOCALTIME */
const localTime = (ctx: EvalContext): number => splitDays(localTs(ctx))[1];
reg({ name: 'localtime', args: [], ret: T, volatility: 's', fn: (_a, ctx) => localTime(ctx) });
reg({ name: 'localtime', args: [INT4_OID], ret: T, volatility: 's', fn: ([p], ctx) => roundMicros(localTime(ctx), precArg(p as number, 'time')) % USECS_PER_DAY });
/** CURRENT_TIME */
const currentTime = (ctx: EvalContext, p = -1): TimeTz => {
  const tm = tzTm(ctx.txnTimestamp, zoneOf(ctx));
  let t = timeToMicros(tm.hour, tm.min, tm.sec, tm.fsec);
  if (p >= 0) t = roundMicros(t, p);
  return { time: t, offset: tm.tz! };
};
reg({ name: 'current_time', args: [], ret: TTZ, volatility: 's', fn: (_a, ctx) => currentTime(ctx) });
reg({ name: 'current_time', args: [INT4_OID], ret: TTZ, volatility: 's', fn: ([p], ctx) => currentTime(ctx, precArg(p as number, 'timetz')) });

// ---------------------------------------------------------------- numeric helpers

function numeric(str: string, ctx: EvalContext): unknown {
  const t = typeByOid(NUMERIC_OID);
  if (!t) throw err('XX000', 'numeric type is not available');
  return t.input(str, -1, ctx.settings);
}
function numericOp(op: string, a: unknown, b: unknown, ctx: EvalContext): unknown {
  const o = operatorsNamed(op)?.find((x) => x.left === NUMERIC_OID && x.right === NUMERIC_OID);
  if (!o) throw err('XX000', `numeric operator ${op} is not available`);
  return o.fn(a, b, ctx);
}
/** An integer count of 10^-scale units as a decimal string: (1500, 3) → "1.500". */
function scaled(v: number, scale: number): string {
  const neg = v < 0;
  let s = BigInt(Math.round(Math.abs(v))).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = s.slice(0, s.length - scale) + '.' + s.slice(s.length - scale);
  }
  return (neg ? '-' : '') + s;
}

// ---------------------------------------------------------------- ISO weeks

function date2isoweek(y: number, m: number, d: number): number {
  const dayn = date2j(y, m, d);
  let day4 = date2j(y, 1, 4);
  let day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date2j(y - 1, 1, 4);
    day0 = j2day(day4 - 1);
  }
  let result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  if (result >= 52) {
    day4 = date2j(y + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  }
  return result;
}
export function date2isoyear(y: number, m: number, d: number): number {
  const dayn = date2j(y, m, d);
  let day4 = date2j(y, 1, 4);
  let day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date2j(y - 1, 1, 4);
    day0 = j2day(day4 - 1);
    y--;
  }
  const result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  if (result >= 52) {
    day4 = date2j(y + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) y++;
  }
  return y;
}
function isoweek2j(year: number, week: number): number {
  const day4 = date2j(year, 1, 4);
  const day0 = j2day(day4 - 1);
  return (week - 1) * 7 + (day4 - day0);
}
export function date2isoyearday(y: number, m: number, d: number): number {
  return date2j(y, m, d) - isoweek2j(date2isoyear(y, m, d), 1) + 1;
}
export { date2isoweek };

// ---------------------------------------------------------------- date_trunc

function decodeUnitsOnly(units: string): [number, number] {
  return decodeUnits(units.toLowerCase());
}

const TRUNC_LEVEL: Record<number, number> = {
  [DTK_MILLENNIUM]: 9, [DTK_CENTURY]: 8, [DTK_DECADE]: 7, [DTK_YEAR]: 6, [DTK_QUARTER]: 5, [DTK_MONTH]: 4,
  [DTK_DAY]: 3, [DTK_HOUR]: 2, [DTK_MINUTE]: 1, [DTK_SECOND]: 0,
};

function truncTm(tm: Tm, val: number, units: string, typeName: string): void {
  switch (val) {
    case DTK_WEEK: {
      const woy = date2isoweek(tm.year, tm.mon, tm.mday);
      if (woy >= 52 && tm.mon === 1) tm.year--;
      if (woy <= 1 && tm.mon === 12) tm.year++;
      [tm.year, tm.mon, tm.mday] = j2date(isoweek2j(tm.year, woy));
      tm.hour = 0; tm.min = 0; tm.sec = 0; tm.fsec = 0;
      return;
    }
    case DTK_MILLENNIUM: case DTK_CENTURY: case DTK_DECADE: case DTK_YEAR: case DTK_QUARTER: case DTK_MONTH:
    case DTK_DAY: case DTK_HOUR: case DTK_MINUTE: case DTK_SECOND: {
      const lvl = TRUNC_LEVEL[val];
      if (val === DTK_MILLENNIUM)
        tm.year = tm.year > 0 ? Math.trunc((tm.year + 999) / 1000) * 1000 - 999 : -Math.trunc((999 - (tm.year - 1)) / 1000) * 1000 + 1;
      else if (val === DTK_CENTURY)
        tm.year = tm.year > 0 ? Math.trunc((tm.year + 99) / 100) * 100 - 99 : -Math.trunc((99 - (tm.year - 1)) / 100) * 100 + 1;
      else if (val === DTK_DECADE)
        tm.year = tm.year > 0 ? Math.trunc(tm.year / 10) * 10 : -Math.trunc((8 - (tm.year - 1)) / 10) * 10;
      if (lvl >= 6) tm.mon = 1;
      if (lvl >= 5) tm.mon = 3 * Math.trunc((tm.mon - 1) / 3) + 1;
      if (lvl >= 4) tm.mday = 1;
      if (lvl >= 3) tm.hour = 0;
      if (lvl >= 2) tm.min = 0;
      if (lvl >= 1) tm.sec = 0;
      tm.fsec = 0;
      return;
    }
    case DTK_MILLISEC: tm.fsec = Math.trunc(tm.fsec / 1000) * 1000; return;
    case DTK_MICROSEC: return;
    default:
      throw err('0A000', `unit "${units}" not supported for type ${typeName}`);
  }
}

export function timestampTrunc(units: string, ts: number): number {
  const [type, val] = decodeUnitsOnly(units);
  if (type !== UNITS) throw err('22023', `unit "${units}" not recognized for type timestamp without time zone`);
  if (!Number.isFinite(ts)) return ts;
  const tm = timestamp2tm(ts);
  truncTm(tm, val, units, 'timestamp without time zone');
  const r = tm2timestamp(tm);
  if (r === null) throw timestampOutOfRange();
  return r;
}

export function timestamptzTrunc(units: string, ts: number, zone: TimeZone): number {
  const [type, val] = decodeUnitsOnly(units);
  if (type !== UNITS) throw err('22023', `unit "${units}" not recognized for type timestamp with time zone`);
  if (!Number.isFinite(ts)) return ts;
  const tm = tzTm(ts, zone);
  truncTm(tm, val, units, 'timestamp with time zone');
  const redotz = !(val === DTK_HOUR || val === DTK_MINUTE || val === DTK_SECOND || val === DTK_MILLISEC || val === DTK_MICROSEC);
  const tz = redotz ? determineTzOffset(tm, zone) : tm.tz!;
  const local = tm2timestamp(tm);
  if (local === null) throw timestampOutOfRange();
  const r = local + tz * USECS_PER_SEC;
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}

export function intervalTrunc(units: string, v: Interval): Interval {
  const [type, val] = decodeUnitsOnly(units);
  if (type !== UNITS) throw err('22023', `unit "${units}" not recognized for type interval`);
  let year = Math.trunc(v.months / 12), mon = v.months % 12, mday = v.days;
  let [hour, min, sec, usec] = itime(v.micros);
  switch (val) {
    case DTK_MILLENNIUM: case DTK_CENTURY: case DTK_DECADE: case DTK_YEAR: case DTK_QUARTER: case DTK_MONTH:
    case DTK_DAY: case DTK_HOUR: case DTK_MINUTE: case DTK_SECOND: {
      const lvl = TRUNC_LEVEL[val];
      if (lvl >= 9) year = Math.trunc(year / 1000) * 1000;
      if (lvl >= 8) year = Math.trunc(year / 100) * 100;
      if (lvl >= 7) year = Math.trunc(year / 10) * 10;
      if (lvl >= 6) mon = 0;
      if (lvl >= 5) mon = 3 * Math.trunc(mon / 3);
      if (lvl >= 4) mday = 0;
      if (lvl >= 3) hour = 0;
      if (lvl >= 2) min = 0;
      if (lvl >= 1) sec = 0;
      usec = 0;
      break;
    }
    case DTK_MILLISEC: usec = Math.trunc(usec / 1000) * 1000; break;
    case DTK_MICROSEC: break;
    default:
      throw Object.assign(err('0A000', `unit "${units}" not supported for type interval`),
        val === DTK_WEEK ? { detail: 'Months usually have fractional weeks.' } : {});
  }
  return mkInterval(year * 12 + mon, mday, hour * USECS_PER_HOUR + min * USECS_PER_MINUTE + sec * USECS_PER_SEC + usec);
}

function itime(micros: number): [number, number, number, number] {
  const hour = Math.trunc(micros / USECS_PER_HOUR);
  micros -= hour * USECS_PER_HOUR;
  const min = Math.trunc(micros / USECS_PER_MINUTE);
  micros -= min * USECS_PER_MINUTE;
  const sec = Math.trunc(micros / USECS_PER_SEC);
  return [hour, min, sec, micros - sec * USECS_PER_SEC];
}

reg({ name: 'date_trunc', args: [TEXT_OID, TS], ret: TS, fn: ([u, t]) => timestampTrunc(u as string, t as number) });
reg({ name: 'date_trunc', args: [TEXT_OID, TSTZ], ret: TSTZ, volatility: 's', fn: ([u, t], ctx) => timestamptzTrunc(u as string, t as number, zoneOf(ctx)) });
reg({ name: 'date_trunc', args: [TEXT_OID, TSTZ, TEXT_OID], ret: TSTZ, fn: ([u, t, z]) => timestamptzTrunc(u as string, t as number, zoneForAtTimeZone(z as string)) });
reg({ name: 'date_trunc', args: [TEXT_OID, I], ret: I, fn: ([u, v]) => intervalTrunc(u as string, v as Interval) });

// ---------------------------------------------------------------- extract / date_part

type PartResult = { kind: 'int'; v: number } | { kind: 'scaled'; v: number; scale: number; f: number } |
  { kind: 'float'; v: number } | { kind: 'julian'; j: number; us: number } | { kind: 'null' } | { kind: 'inf'; neg: boolean };

function lookupPart(units: string): [number, number] {
  const low = units.toLowerCase();
  let r = decodeUnits(low);
  if (r[0] === UNKNOWN_FIELD) r = decodeSpecial(low);
  return r;
}

function yearPart(val: number, y: number): number {
  switch (val) {
    case DTK_YEAR: return y > 0 ? y : y - 1;
    case DTK_DECADE: return y >= 0 ? Math.trunc(y / 10) : -Math.trunc((8 - (y - 1)) / 10);
    case DTK_CENTURY: return y > 0 ? Math.trunc((y + 99) / 100) : -Math.trunc((99 - (y - 1)) / 100);
    default: return y > 0 ? Math.trunc((y + 999) / 1000) : -Math.trunc((999 - (y - 1)) / 1000);
  }
}

function nonFinitePart(type: number, val: number, units: string, neg: boolean, typeName: string): PartResult {
  if (type === UNITS) {
    switch (val) {
      case DTK_MICROSEC: case DTK_MILLISEC: case DTK_SECOND: case DTK_MINUTE: case DTK_HOUR: case DTK_DAY:
      case DTK_MONTH: case DTK_QUARTER: case DTK_WEEK: case DTK_DOW: case DTK_ISODOW: case DTK_DOY: case DTK_TZ:
      case DTK_TZ_MINUTE: case DTK_TZ_HOUR:
        return { kind: 'null' };
      case DTK_YEAR: case DTK_DECADE: case DTK_CENTURY: case DTK_MILLENNIUM: case DTK_JULIAN: case DTK_ISOYEAR:
        return { kind: 'inf', neg };
      default:
        throw err('0A000', `unit "${units}" not supported for type ${typeName}`);
    }
  }
  if (type === RESERV && val === DTK_EPOCH) return { kind: 'inf', neg };
  throw err('22023', `unit "${units}" not recognized for type ${typeName}`);
}

function timestampPart(units: string, ts: number, withTz: boolean, zone: TimeZone | null): PartResult {
  const typeName = withTz ? 'timestamp with time zone' : 'timestamp without time zone';
  const [type, val] = lookupPart(units);
  if (!Number.isFinite(ts)) return nonFinitePart(type, val, units, ts < 0, typeName);
  if (type === UNITS) {
    const tm = withTz ? tzTm(ts, zone!) : timestamp2tm(ts);
    switch (val) {
      case DTK_TZ: if (!withTz) break; return { kind: 'int', v: -tm.tz! };
      case DTK_TZ_MINUTE: if (!withTz) break; return { kind: 'int', v: Math.trunc(-tm.tz! / 60) % 60 };
      case DTK_TZ_HOUR: if (!withTz) break; return { kind: 'int', v: Math.trunc(-tm.tz! / 3600) };
      case DTK_MICROSEC: return { kind: 'int', v: tm.sec * 1000000 + tm.fsec };
      case DTK_MILLISEC: return { kind: 'scaled', v: tm.sec * 1000000 + tm.fsec, scale: 3, f: tm.sec * 1000 + tm.fsec / 1000 };
      case DTK_SECOND: return { kind: 'scaled', v: tm.sec * 1000000 + tm.fsec, scale: 6, f: tm.sec + tm.fsec / 1000000 };
      case DTK_MINUTE: return { kind: 'int', v: tm.min };
      case DTK_HOUR: return { kind: 'int', v: tm.hour };
      case DTK_DAY: return { kind: 'int', v: tm.mday };
      case DTK_MONTH: return { kind: 'int', v: tm.mon };
      case DTK_QUARTER: return { kind: 'int', v: Math.trunc((tm.mon - 1) / 3) + 1 };
      case DTK_WEEK: return { kind: 'int', v: date2isoweek(tm.year, tm.mon, tm.mday) };
      case DTK_YEAR: case DTK_DECADE: case DTK_CENTURY: case DTK_MILLENNIUM:
        return { kind: 'int', v: yearPart(val, tm.year) };
      case DTK_JULIAN:
        return { kind: 'julian', j: date2j(tm.year, tm.mon, tm.mday), us: timeToMicros(tm.hour, tm.min, tm.sec, tm.fsec) };
      case DTK_ISOYEAR: {
        const y = date2isoyear(tm.year, tm.mon, tm.mday);
        return { kind: 'int', v: y > 0 ? y : y - 1 };
      }
      case DTK_DOW: case DTK_ISODOW: {
        let d = j2day(date2j(tm.year, tm.mon, tm.mday));
        if (val === DTK_ISODOW && d === 0) d = 7;
        return { kind: 'int', v: d };
      }
      case DTK_DOY: return { kind: 'int', v: date2j(tm.year, tm.mon, tm.mday) - date2j(tm.year, 1, 1) + 1 };
      default: break;
    }
    throw err('0A000', `unit "${units}" not supported for type ${typeName}`);
  }
  if (type === RESERV && val === DTK_EPOCH) {
    let us: number;
    if (withTz) us = ts + EPOCH_DIFF_USECS;
    else us = ts + EPOCH_DIFF_USECS;
    return { kind: 'scaled', v: us, scale: 6, f: us / 1000000 };
  }
  throw err('22023', `unit "${units}" not recognized for type ${typeName}`);
}

function datePart(units: string, d: number): PartResult {
  const [type, val] = lookupPart(units);
  if (!Number.isFinite(d)) return nonFinitePart(type, val, units, d < 0, 'date');
  if (type === UNITS) {
    const [y, m, dd] = j2date(d + POSTGRES_EPOCH_JDATE);
    switch (val) {
      case DTK_DAY: return { kind: 'int', v: dd };
      case DTK_MONTH: return { kind: 'int', v: m };
      case DTK_QUARTER: return { kind: 'int', v: Math.trunc((m - 1) / 3) + 1 };
      case DTK_WEEK: return { kind: 'int', v: date2isoweek(y, m, dd) };
      case DTK_YEAR: case DTK_DECADE: case DTK_CENTURY: case DTK_MILLENNIUM: return { kind: 'int', v: yearPart(val, y) };
      case DTK_JULIAN: return { kind: 'int', v: d + POSTGRES_EPOCH_JDATE };
      case DTK_ISOYEAR: { const iy = date2isoyear(y, m, dd); return { kind: 'int', v: iy > 0 ? iy : iy - 1 }; }
      case DTK_DOW: case DTK_ISODOW: {
        let w = j2day(d + POSTGRES_EPOCH_JDATE);
        if (val === DTK_ISODOW && w === 0) w = 7;
        return { kind: 'int', v: w };
      }
      case DTK_DOY: return { kind: 'int', v: d + POSTGRES_EPOCH_JDATE - date2j(y, 1, 1) + 1 };
      default: throw err('0A000', `unit "${units}" not supported for type date`);
    }
  }
  if (type === RESERV && val === DTK_EPOCH) return { kind: 'int', v: (d + POSTGRES_EPOCH_JDATE - 2440588) * 86400 };
  throw err('22023', `unit "${units}" not recognized for type date`);
}

function timePart(units: string, t: number, tz: number | null): PartResult {
  const typeName = tz === null ? 'time without time zone' : 'time with time zone';
  const [type, val] = lookupPart(units);
  if (type === UNITS) {
    const [hour, min, sec, fsec] = time2parts(t);
    switch (val) {
      case DTK_TZ: if (tz === null) break; return { kind: 'int', v: -tz };
      case DTK_TZ_MINUTE: if (tz === null) break; return { kind: 'int', v: Math.trunc(-tz / 60) % 60 };
      case DTK_TZ_HOUR: if (tz === null) break; return { kind: 'int', v: Math.trunc(-tz / 3600) };
      case DTK_MICROSEC: return { kind: 'int', v: sec * 1000000 + fsec };
      case DTK_MILLISEC: return { kind: 'scaled', v: sec * 1000000 + fsec, scale: 3, f: sec * 1000 + fsec / 1000 };
      case DTK_SECOND: return { kind: 'scaled', v: sec * 1000000 + fsec, scale: 6, f: sec + fsec / 1000000 };
      case DTK_MINUTE: return { kind: 'int', v: min };
      case DTK_HOUR: return { kind: 'int', v: hour };
      default: break;
    }
    throw err('0A000', `unit "${units}" not supported for type ${typeName}`);
  }
  if (type === RESERV && val === DTK_EPOCH) {
    const us = t + (tz ?? 0) * USECS_PER_SEC;
    return { kind: 'scaled', v: us, scale: 6, f: us / 1000000 };
  }
  throw err('22023', `unit "${units}" not recognized for type ${typeName}`);
}

function intervalPart(units: string, v: Interval): PartResult {
  const [type, val] = lookupPart(units);
  if (type === UNITS) {
    const year = Math.trunc(v.months / 12), mon = v.months % 12;
    const [hour, min, sec, usec] = itime(v.micros);
    switch (val) {
      case DTK_MICROSEC: return { kind: 'int', v: sec * 1000000 + usec };
      case DTK_MILLISEC: return { kind: 'scaled', v: sec * 1000000 + usec, scale: 3, f: sec * 1000 + usec / 1000 };
      case DTK_SECOND: return { kind: 'scaled', v: sec * 1000000 + usec, scale: 6, f: sec + usec / 1000000 };
      case DTK_MINUTE: return { kind: 'int', v: min };
      case DTK_HOUR: return { kind: 'int', v: hour };
      case DTK_DAY: return { kind: 'int', v: v.days };
      case DTK_MONTH: return { kind: 'int', v: mon };
      case DTK_QUARTER: return { kind: 'int', v: Math.trunc(mon / 3) + 1 };
      case DTK_YEAR: return { kind: 'int', v: year };
      case DTK_DECADE: return { kind: 'int', v: Math.trunc(year / 10) };
      case DTK_CENTURY: return { kind: 'int', v: Math.trunc(year / 100) };
      case DTK_MILLENNIUM: return { kind: 'int', v: Math.trunc(year / 1000) };
      default: throw err('0A000', `unit "${units}" not supported for type interval`);
    }
  }
  if (type === RESERV && val === DTK_EPOCH) {
    // (365.25 days per year, 30 days per month)
    const secsYear = 365.25 * 86400;
    const yearsUs = Math.trunc(v.months / 12) * secsYear * 1000000;
    const monthsUs = (v.months % 12) * DAYS_PER_MONTH * 86400 * 1000000;
    const us = yearsUs + monthsUs + v.days * 86400 * 1000000 + v.micros;
    return { kind: 'scaled', v: us, scale: 6, f: us / 1000000 };
  }
  throw err('22023', `unit "${units}" not recognized for type interval`);
}

function asFloat(r: PartResult): number | null {
  switch (r.kind) {
    case 'null': return null;
    case 'inf': return r.neg ? -Infinity : Infinity;
    case 'int': return r.v;
    case 'scaled': return r.f;
    case 'float': return r.v;
    case 'julian': return r.j + r.us / USECS_PER_DAY;
  }
}
function asNumeric(r: PartResult, ctx: EvalContext): unknown {
  switch (r.kind) {
    case 'null': return null;
    case 'inf': return numeric(r.neg ? '-Infinity' : 'Infinity', ctx);
    case 'int': return numeric(String(r.v), ctx);
    case 'scaled': return numeric(scaled(r.v, r.scale), ctx);
    case 'float': return numeric(String(r.v), ctx);
    case 'julian':
      return numericOp('+', numeric(String(r.j), ctx), numericOp('/', numeric(String(r.us), ctx), numeric(String(USECS_PER_DAY), ctx), ctx), ctx);
  }
}

const F = FLOAT8_OID, N = NUMERIC_OID, TX = TEXT_OID;
reg({ name: 'date_part', args: [TX, TS], ret: F, fn: ([u, v]) => asFloat(timestampPart(u as string, v as number, false, null)) });
reg({ name: 'date_part', args: [TX, TSTZ], ret: F, volatility: 's', fn: ([u, v], ctx) => asFloat(timestampPart(u as string, v as number, true, zoneOf(ctx))) });
reg({ name: 'date_part', args: [TX, D], ret: F, fn: ([u, v]) => asFloat(timestampPart(u as string, date2timestamp(v as number), false, null)) });
reg({ name: 'date_part', args: [TX, T], ret: F, fn: ([u, v]) => asFloat(timePart(u as string, v as number, null)) });
reg({ name: 'date_part', args: [TX, TTZ], ret: F, fn: ([u, v]) => asFloat(timePart(u as string, (v as TimeTz).time, (v as TimeTz).offset)) });
reg({ name: 'date_part', args: [TX, I], ret: F, fn: ([u, v]) => asFloat(intervalPart(u as string, v as Interval)) });
reg({ name: 'extract', args: [TX, TS], ret: N, fn: ([u, v], ctx) => asNumeric(timestampPart(u as string, v as number, false, null), ctx) });
reg({ name: 'extract', args: [TX, TSTZ], ret: N, volatility: 's', fn: ([u, v], ctx) => asNumeric(timestampPart(u as string, v as number, true, zoneOf(ctx)), ctx) });
reg({ name: 'extract', args: [TX, D], ret: N, fn: ([u, v], ctx) => asNumeric(datePart(u as string, v as number), ctx) });
reg({ name: 'extract', args: [TX, T], ret: N, fn: ([u, v], ctx) => asNumeric(timePart(u as string, v as number, null), ctx) });
reg({ name: 'extract', args: [TX, TTZ], ret: N, fn: ([u, v], ctx) => asNumeric(timePart(u as string, (v as TimeTz).time, (v as TimeTz).offset), ctx) });
reg({ name: 'extract', args: [TX, I], ret: N, fn: ([u, v], ctx) => asNumeric(intervalPart(u as string, v as Interval), ctx) });

// ---------------------------------------------------------------- age

reg({
  name: 'age', args: [TS], ret: I, volatility: 's',
  fn: ([v], ctx) => timestampAge(date2timestamp(currentDate(ctx)), v as number),
});
reg({
  name: 'age', args: [TSTZ], ret: I, volatility: 's',
  fn: ([v], ctx) => {
    const z = zoneOf(ctx);
    const midnight = localToUtc(currentDate(ctx) * USECS_PER_DAY, z);
    return timestamptzAge(midnight, v as number, z);
  },
});

// ---------------------------------------------------------------- make_*

function makeTimestampInternal(y: number, m: number, d: number, h: number, mi: number, sec: number): number {
  const bc = y < 0;
  let year = y;
  if (y === 0 || m < 1 || m > 12 || d < 1 || d > 31) throw dateFieldError(y, m, d);
  if (bc) year = y + 1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dims = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > dims[m - 1]) throw dateFieldError(y, m, d);
  const j = date2j(year, m, d);
  if (!(year > -4713 || (year === -4713 && m >= 11 && (m > 11 || d >= 24))) || year > 294276)
    throw err('22008', `date out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const date = j - POSTGRES_EPOCH_JDATE;
  if (Number.isNaN(sec) || h < 0 || h > 24 || mi < 0 || mi > 59 || sec < 0 || sec > 60 ||
    ((h * 60 + mi) * 60) * USECS_PER_SEC + rint(sec * USECS_PER_SEC) > USECS_PER_DAY)
    throw err('22008', `time field value out of range: ${h}:${String(mi).padStart(2, '0')}:${sec < 10 && sec >= 0 ? '0' : ''}${sec}`);
  const time = ((h * 60 + mi) * 60) * USECS_PER_SEC + rint(sec * USECS_PER_SEC);
  const r = date * USECS_PER_DAY + time;
  if (!isValidTimestamp(r)) throw err('22008', `timestamp out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${h}:${String(mi).padStart(2, '0')}:${sec}`);
  return r;
}
const dateFieldError = (y: number, m: number, d: number) =>
  err('22008', `date field value out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

reg({
  name: 'make_timestamp', args: [INT4_OID, INT4_OID, INT4_OID, INT4_OID, INT4_OID, F], ret: TS,
  fn: (a) => makeTimestampInternal(...(a as [number, number, number, number, number, number])),
});
reg({
  name: 'make_timestamptz', args: [INT4_OID, INT4_OID, INT4_OID, INT4_OID, INT4_OID, F], ret: TSTZ, volatility: 's',
  fn: (a, ctx) => {
    const local = makeTimestampInternal(...(a as [number, number, number, number, number, number]));
    const r = localToUtc(local, zoneOf(ctx));
    if (!isValidTimestamp(r)) throw timestampOutOfRange();
    return r;
  },
});
reg({
  name: 'make_timestamptz', args: [INT4_OID, INT4_OID, INT4_OID, INT4_OID, INT4_OID, F, TX], ret: TSTZ,
  fn: (a) => {
    const local = makeTimestampInternal(...(a.slice(0, 6) as [number, number, number, number, number, number]));
    const r = localToUtc(local, zoneForAtTimeZone(a[6] as string));
    if (!isValidTimestamp(r)) throw timestampOutOfRange();
    return r;
  },
});

function makeInterval(a: unknown[]): Interval {
  const [years, months, weeks, days, hours, mins, secs] = a as number[];
  if (Number.isNaN(secs) || !Number.isFinite(secs)) throw intervalOutOfRange();
  const m = years * MONTHS_PER_YEAR + months;
  const dd = weeks * 7 + days;
  if (m > INT32_MAX || m < INT32_MIN || dd > INT32_MAX || dd < INT32_MIN) throw intervalOutOfRange();
  const us = rint(secs * USECS_PER_SEC) + hours * USECS_PER_HOUR + mins * USECS_PER_MINUTE;
  return mkInterval(m, dd, us);
}
reg({
  name: 'make_interval', args: [INT4_OID, INT4_OID, INT4_OID, INT4_OID, INT4_OID, INT4_OID, F], ret: I,
  fn: (a) => makeInterval(a),
});
// every argument defaults to 0: the shorter forms
for (let n = 0; n < 7; n++) {
  reg({ name: 'make_interval', args: Array(n).fill(INT4_OID), ret: I, fn: (a) => makeInterval([...a, ...Array(7 - n).fill(0)]) });
}

// ---------------------------------------------------------------- to_timestamp(float8)

reg({
  name: 'to_timestamp', args: [F], ret: TSTZ,
  fn: ([v]) => {
    const seconds = v as number;
    if (Number.isNaN(seconds)) throw err('22008', 'timestamp cannot be NaN');
    if (!Number.isFinite(seconds)) return seconds;
    if (seconds < (-211813488000000000 + EPOCH_DIFF_USECS) / 1e6 || seconds >= (9223371331200000000 + EPOCH_DIFF_USECS) / 1e6)
      throw err('22008', `timestamp out of range: "${formatG(seconds)}"`);
    const r = rint(seconds * 1e6) - EPOCH_DIFF_USECS;
    if (!isValidTimestamp(r)) throw err('22008', `timestamp out of range: "${formatG(seconds)}"`);
    return r;
  },
});
function formatG(v: number): string {
  const s = v.toPrecision(15);
  return String(Number(s));
}

// ---------------------------------------------------------------- AT TIME ZONE

/** timestamptz AT TIME ZONE zone → timestamp (local time there) */
export function timestamptzAtZone(ts: number, zone: TimeZone): number {
  if (!Number.isFinite(ts)) return ts;
  const r = utcToLocal(ts, zone);
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}
/** timestamp AT TIME ZONE zone → timestamptz */
export function timestampAtZone(ts: number, zone: TimeZone): number {
  if (!Number.isFinite(ts)) return ts;
  const r = localToUtc(ts, zone);
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}
function intervalZone(v: Interval): TimeZone {
  if (v.months !== 0 || v.days !== 0) {
    throw err('22023', `interval time zone "${v.toString()}" must not include months or days`);
  }
  const off = v.micros / USECS_PER_SEC;
  return { name: '', fixedOffset: off, offsetAt: () => off, abbrevAt: () => '' };
}
reg({ name: 'timezone', args: [TX, TSTZ], ret: TS, fn: ([z, t]) => timestamptzAtZone(t as number, zoneForAtTimeZone(z as string)) });
reg({ name: 'timezone', args: [TX, TS], ret: TSTZ, fn: ([z, t]) => timestampAtZone(t as number, zoneForAtTimeZone(z as string)) });
reg({ name: 'timezone', args: [I, TSTZ], ret: TS, fn: ([z, t]) => timestamptzAtZone(t as number, intervalZone(z as Interval)) });
reg({ name: 'timezone', args: [I, TS], ret: TSTZ, fn: ([z, t]) => timestampAtZone(t as number, intervalZone(z as Interval)) });
reg({
  name: 'timezone', args: [TX, TTZ], ret: TTZ, volatility: 'v',
  fn: ([z, t], ctx) => {
    const zone = zoneForAtTimeZone(z as string);
    const v = t as TimeTz;
    const off = zone.fixedOffset !== null ? zone.fixedOffset : zone.offsetAt(Math.floor(ctx.txnTimestamp / 1e6) + 946684800);
    let time = v.time + (v.offset + off) * USECS_PER_SEC;
    time -= Math.floor(time / USECS_PER_DAY) * USECS_PER_DAY;
    return { time, offset: -off } as TimeTz;
  },
});
reg({
  name: 'timezone', args: [I, TTZ], ret: TTZ,
  fn: ([z, t]) => {
    const off = intervalZone(z as Interval).fixedOffset!;
    const v = t as TimeTz;
    let time = v.time + (v.offset + off) * USECS_PER_SEC;
    time -= Math.floor(time / USECS_PER_DAY) * USECS_PER_DAY;
    return { time, offset: -off } as TimeTz;
  },
});
reg({ name: 'timezone', args: [TX, T], ret: TTZ, volatility: 'v', fn: ([z, t], ctx) => {
  const tt = timeToTimetz(t as number, ctx);
  const zone = zoneForAtTimeZone(z as string);
  const off = zone.fixedOffset !== null ? zone.fixedOffset : zone.offsetAt(Math.floor(ctx.txnTimestamp / 1e6) + 946684800);
  let time = tt.time + (tt.offset + off) * USECS_PER_SEC;
  time -= Math.floor(time / USECS_PER_DAY) * USECS_PER_DAY;
  return { time, offset: -off } as TimeTz;
} });

// ---------------------------------------------------------------- date_bin

function dateBin(stride: Interval, ts: number, origin: number, typeName: string): number {
  if (!Number.isFinite(ts)) return ts;
  if (!Number.isFinite(origin)) throw err('0A000', 'origin out of range');
  if (stride.months !== 0) throw err('0A000', `${typeName} cannot be binned into intervals containing months or years`);
  const strideUs = stride.micros + stride.days * USECS_PER_DAY;
  if (strideUs <= 0) throw err('22023', 'stride must be greater than zero');
  const tmDelta = ts - origin;
  let delta = tmDelta - (tmDelta % strideUs);
  if (tmDelta < 0 && tmDelta % strideUs !== 0) delta -= strideUs;
  const r = origin + delta;
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}
reg({ name: 'date_bin', args: [I, TS, TS], ret: TS, fn: ([s, t, o]) => dateBin(s as Interval, t as number, o as number, 'timestamps') });
reg({ name: 'date_bin', args: [I, TSTZ, TSTZ], ret: TSTZ, fn: ([s, t, o]) => dateBin(s as Interval, t as number, o as number, 'timestamps') });

// ---------------------------------------------------------------- overlaps

function overlaps(ts1: number | null, te1: number | null, ts2: number | null, te2: number | null): boolean | null {
  // PostgreSQL's overlaps_timestamp, NULL-aware
  const gt = (a: number, b: number) => a > b, lt = (a: number, b: number) => a < b;
  if (ts1 === null) { if (te1 === null) return null; ts1 = te1; }
  else if (te1 !== null && gt(ts1, te1)) { const t = ts1; ts1 = te1; te1 = t; }
  if (ts2 === null) { if (te2 === null) return null; ts2 = te2; }
  else if (te2 !== null && gt(ts2, te2)) { const t = ts2; ts2 = te2; te2 = t; }
  if (gt(ts1, ts2)) {
    if (te2 === null) return null;
    if (lt(ts1, te2)) return true;
    if (te1 === null) return null;
    return false;
  } else if (lt(ts1, ts2)) {
    if (te1 === null) return null;
    if (lt(ts2, te1)) return true;
    return false;
  } else {
    if (te1 === null || te2 === null) return null;
    return true;
  }
}
const num = (v: unknown): number | null => (v === null || v === undefined ? null : (v as number));
for (const t of [TS, TSTZ, T, D]) {
  reg({ name: 'overlaps', args: [t, t, t, t], ret: BOOL_OID, strict: false, fn: (a) => overlaps(num(a[0]), num(a[1]), num(a[2]), num(a[3])) });
}
for (const t of [TS, TSTZ]) {
  const plus = (s: unknown, iv: unknown, ctx: EvalContext): number | null => {
    if (s === null || s === undefined || iv === null || iv === undefined) return null;
    return t === TS ? timestampPlInterval(s as number, iv as Interval) : timestamptzPlInterval(s as number, iv as Interval, zoneOf(ctx));
  };
  reg({ name: 'overlaps', args: [t, I, t, I], ret: BOOL_OID, strict: false, fn: (a, ctx) => overlaps(num(a[0]), plus(a[0], a[1], ctx), num(a[2]), plus(a[2], a[3], ctx)) });
  reg({ name: 'overlaps', args: [t, t, t, I], ret: BOOL_OID, strict: false, fn: (a, ctx) => overlaps(num(a[0]), num(a[1]), num(a[2]), plus(a[2], a[3], ctx)) });
  reg({ name: 'overlaps', args: [t, I, t, t], ret: BOOL_OID, strict: false, fn: (a, ctx) => overlaps(num(a[0]), plus(a[0], a[1], ctx), num(a[2]), num(a[3])) });
}

export { intervalCmp, roundTimestamp, timestamptz2date, type FormatSettings };
