// Shared date/time machinery: oids, calendar arithmetic (PostgreSQL's Julian-day
// routines), the broken-down time struct, typmod rounding and error helpers.
// Representation (see ARCHITECTURE.md "Values"):
//   date                   number of days since 2000-01-01, ±Infinity
//   timestamp, timestamptz number of µs since 2000-01-01 00:00:00 (UTC for tz), ±Infinity
//   time                   µs since midnight
//   timetz                 { time: µs, offset: seconds (PostgreSQL sign: positive = west of UTC) }
//   interval               Interval { months, days, micros }
import { PgError } from '../errors/index.js';

export const DATE_OID = 1082, TIME_OID = 1083, TIMETZ_OID = 1266, TIMESTAMP_OID = 1114,
  TIMESTAMPTZ_OID = 1184, INTERVAL_OID = 1186;
export const DATE_ARRAY_OID = 1182, TIME_ARRAY_OID = 1183, TIMETZ_ARRAY_OID = 1270,
  TIMESTAMP_ARRAY_OID = 1115, TIMESTAMPTZ_ARRAY_OID = 1185, INTERVAL_ARRAY_OID = 1187;
// Other types the date/time functions take or return.
export const BOOL_OID = 16, INT8_OID = 20, INT2_OID = 21, INT4_OID = 23, TEXT_OID = 25,
  FLOAT4_OID = 700, FLOAT8_OID = 701, NUMERIC_OID = 1700, VARCHAR_OID = 1043, BPCHAR_OID = 1042,
  NAME_OID = 19, UNKNOWN_OID = 705;

export const USECS_PER_SEC = 1_000_000;
export const USECS_PER_MINUTE = 60_000_000;
export const USECS_PER_HOUR = 3_600_000_000;
export const USECS_PER_DAY = 86_400_000_000;
export const SECS_PER_DAY = 86400;
export const SECS_PER_HOUR = 3600;
export const SECS_PER_MINUTE = 60;
export const DAYS_PER_MONTH = 30;
export const MONTHS_PER_YEAR = 12;
export const POSTGRES_EPOCH_JDATE = 2451545;
export const UNIX_EPOCH_JDATE = 2440588;
/** µs from 1970-01-01 to 2000-01-01. */
export const EPOCH_DIFF_USECS = (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY;

export const JULIAN_MINYEAR = -4713, JULIAN_MINMONTH = 11, JULIAN_MINDAY = 24;
export const JULIAN_MAXYEAR = 5874898, JULIAN_MAXMONTH = 6, JULIAN_MAXDAY = 3;
export const DATETIME_MIN_JULIAN = 0;
export const DATE_END_JULIAN = 2147483494;
export const TIMESTAMP_END_JULIAN = 109203528;
export const MIN_TIMESTAMP = -211813488000000000;
export const END_TIMESTAMP = 9223371331200000000;
export const MAX_TIMESTAMP_PRECISION = 6, MAX_TIME_PRECISION = 6, MAX_INTERVAL_PRECISION = 6;

export const isValidJulian = (y: number, m: number, d: number): boolean =>
  (y > JULIAN_MINYEAR || (y === JULIAN_MINYEAR && (m >= JULIAN_MINMONTH && (m > JULIAN_MINMONTH || d >= JULIAN_MINDAY)))) &&
  (y < JULIAN_MAXYEAR || (y === JULIAN_MAXYEAR && m < JULIAN_MAXMONTH));
export const isValidDate = (d: number): boolean =>
  d >= DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE && d < DATE_END_JULIAN - POSTGRES_EPOCH_JDATE;
export const isValidTimestamp = (t: number): boolean => t >= MIN_TIMESTAMP && t < END_TIMESTAMP;

// ---------------------------------------------------------------- calendar

/** Proleptic Gregorian y/m/d → Julian day number (PostgreSQL's date2j). */
export function date2j(y: number, m: number, d: number): number {
  if (m > 2) { m += 1; y += 4800; } else { m += 13; y += 4799; }
  const century = Math.trunc(y / 100);
  let julian = y * 365 - 32167;
  julian += Math.trunc(y / 4) - century + Math.trunc(century / 4);
  julian += Math.trunc((7834 * m) / 256) + d;
  return julian;
}

/** Julian day → [year, month, day] (PostgreSQL's j2date, for jd >= 0). */
export function j2date(jd: number): [number, number, number] {
  let julian = jd + 32044;
  let quad = Math.floor(julian / 146097);
  const extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + Math.floor(extra / 146097);
  quad = Math.floor(julian / 1461);
  julian -= quad * 1461;
  let y = Math.floor((julian * 4) / 1461);
  julian = (y !== 0 ? (julian + 305) % 365 : (julian + 306) % 366) + 123;
  y += quad * 4;
  const year = y - 4800;
  quad = Math.floor((julian * 2141) / 65536);
  const day = julian - Math.floor((7834 * quad) / 256);
  const month = ((quad + 10) % 12) + 1;
  return [year, month, day];
}

/** Day of week 0..6 = Sun..Sat of a Julian day. */
export const j2day = (jd: number): number => (((jd + 1) % 7) + 7) % 7;

export const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAY_TAB = [[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]];
export const daysInMonth = (y: number, m: number): number => DAY_TAB[isLeap(y) ? 1 : 0][m - 1];

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Broken-down time (struct pg_tm + fsec). Year 0 = 1 BC. */
export interface Tm {
  year: number; mon: number; mday: number;
  hour: number; min: number; sec: number;
  /** microseconds */
  fsec: number;
  wday?: number; yday?: number;
  isdst?: number;
  /** time zone offset in seconds, PostgreSQL sign (positive = west of Greenwich) */
  tz?: number;
  tzn?: string;
}

export const newTm = (): Tm => ({ year: 0, mon: 0, mday: 0, hour: 0, min: 0, sec: 0, fsec: 0, isdst: -1 });

/** Split a µs count into whole days (floored) and the µs into that day. */
export function splitDays(t: number): [number, number] {
  if (t >= 9007199254740992 || t <= -9007199254740992) return splitDaysLarge(t);
  let days = Math.floor(t / USECS_PER_DAY);
  let time = t - days * USECS_PER_DAY;
  if (time < 0) { time += USECS_PER_DAY; days--; } else if (time >= USECS_PER_DAY) { time -= USECS_PER_DAY; days++; }
  return [days, time];
}

/**
 * Beyond 2^53 µs (about 285 years from 2000) a double cannot hold every µs; show
 * the value with the fewest fractional digits that maps to the same double.
 */
function splitDaysLarge(t: number): [number, number] {
  for (let k = 6; k >= 0; k--) {
    const scale = 10 ** k;
    const q = Math.round(t / scale);
    if (q * scale === t && Math.abs(q) < 9007199254740992) {
      const perDay = USECS_PER_DAY / scale;
      const days = Math.floor(q / perDay);
      return [days, (q - days * perDay) * scale];
    }
  }
  const b = BigInt(t), d = 86400000000n;
  let days = b / d, rem = b % d;
  if (rem < 0n) { rem += d; days -= 1n; }
  return [Number(days), Number(rem)];
}

/** µs of a day → [hour, min, sec, fsec]. */
export function time2parts(time: number): [number, number, number, number] {
  const hour = Math.floor(time / USECS_PER_HOUR);
  time -= hour * USECS_PER_HOUR;
  const min = Math.floor(time / USECS_PER_MINUTE);
  time -= min * USECS_PER_MINUTE;
  const sec = Math.floor(time / USECS_PER_SEC);
  const fsec = time - sec * USECS_PER_SEC;
  return [hour, min, sec, fsec];
}

/** Local timestamp (µs) → broken-down time, no zone. */
export function timestamp2tm(ts: number): Tm {
  const [days, time] = splitDays(ts);
  const [year, mon, mday] = j2date(days + POSTGRES_EPOCH_JDATE);
  const [hour, min, sec, fsec] = time2parts(time);
  return { year, mon, mday, hour, min, sec, fsec, isdst: -1 };
}

export const timeToMicros = (h: number, m: number, s: number, fsec: number): number =>
  ((h * 60 + m) * 60 + s) * USECS_PER_SEC + fsec;

/** Broken-down local time → µs (no zone), or null when out of the timestamp range. */
export function tm2timestamp(tm: Tm): number | null {
  if (!isValidJulian(tm.year, tm.mon, tm.mday)) return null;
  const date = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
  const time = timeToMicros(tm.hour, tm.min, tm.sec, tm.fsec);
  const result = date * USECS_PER_DAY + time;
  if (!isValidTimestamp(result)) return null;
  return result;
}

// ---------------------------------------------------------------- errors

export const err = (code: string, message: string, hint?: string): PgError =>
  new PgError(code, message, hint ? { hint } : undefined);

export const timestampOutOfRange = (): PgError => err('22008', 'timestamp out of range');
export const dateOutOfRange = (): PgError => err('22008', 'date out of range');
export const intervalOutOfRange = (): PgError => err('22008', 'interval out of range');

export const DTERR_BAD_FORMAT = -1, DTERR_FIELD_OVERFLOW = -2, DTERR_MD_FIELD_OVERFLOW = -3,
  DTERR_INTERVAL_OVERFLOW = -4, DTERR_TZDISP_OVERFLOW = -5;

/** DateTimeParseError: the error for a DTERR code. */
export function dtParseError(dterr: number, str: string, typeName: string): PgError {
  switch (dterr) {
    case DTERR_FIELD_OVERFLOW:
      return err('22008', `date/time field value out of range: "${str}"`);
    case DTERR_MD_FIELD_OVERFLOW:
      return err('22008', `date/time field value out of range: "${str}"`, 'Perhaps you need a different "datestyle" setting.');
    case DTERR_INTERVAL_OVERFLOW:
      return err('22015', `interval field value out of range: "${str}"`);
    case DTERR_TZDISP_OVERFLOW:
      return err('22009', `time zone displacement out of range: "${str}"`);
    default:
      return err('22007', `invalid input syntax for type ${typeName}: "${str}"`);
  }
}

/** A thrown DTERR code travelling through the decoder; converted to a PgError at the type's input. */
export class DtErr extends Error {
  constructor(public code: number) { super('dterr'); }
}

// ---------------------------------------------------------------- typmods

/** Round µs to `prec` fractional digits the way PostgreSQL does (half away from zero). */
const SCALES = [1000000, 100000, 10000, 1000, 100, 10, 1];
const OFFSETS = [500000, 50000, 5000, 500, 50, 5, 0];
export function roundMicros(v: number, prec: number): number {
  if (prec < 0 || prec >= 6) return v;
  const scale = SCALES[prec], off = OFFSETS[prec];
  if (v >= 0) return Math.floor((v + off) / scale) * scale;
  return -Math.floor((-v + off) / scale) * scale;
}

/** Time-of-day / timestamp rounding that works for large timestamps too. */
export function roundTimestamp(ts: number, prec: number): number {
  if (prec < 0 || prec >= 6 || !Number.isFinite(ts)) return ts;
  const [days, time] = splitDays(ts);
  return days * USECS_PER_DAY + roundMicros(time, prec);
}

/** anytime_typmodin: TIMESTAMP(p) / TIME(p) precision checks. Returns typmod (and may warn). */
export function anytimeTypmodIn(mods: number[], istz: boolean, base: 'TIMESTAMP' | 'TIME'): number {
  if (mods.length !== 1) throw err('22023', 'invalid type modifier');
  const p = mods[0];
  const suffix = istz ? ' WITH TIME ZONE' : '';
  if (p < 0) throw err('22023', `${base}(${p})${suffix} precision must not be negative`);
  if (p > 6) {
    emitWarning(`${base}(${p})${suffix} precision reduced to maximum allowed, 6`);
    return 6;
  }
  return p;
}

/** Warnings raised while evaluating (e.g. typmod reduced); the engine may drain them. */
export const pendingWarnings: string[] = [];
export function emitWarning(msg: string): void { pendingWarnings.push(msg); }

// ---------------------------------------------------------------- small helpers

export const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
export function padN(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** strtol-ish: parse leading digits (optional sign) from s at i. */
export function readInt(s: string, i: number): { val: number; end: number } {
  let j = i, neg = false;
  if (s[j] === '+' || s[j] === '-') { neg = s[j] === '-'; j++; }
  const start = j;
  let v = 0;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    j++;
  }
  if (j === start) return { val: 0, end: i };
  return { val: neg ? -v : v, end: j };
}

export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
export const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
export const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
export const INT32_MAX = 2147483647, INT32_MIN = -2147483648;
