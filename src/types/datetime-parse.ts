// Date/time text input: PostgreSQL's ParseDateTime (tokenizer) and the
// DecodeDateTime / DecodeTimeOnly / DecodeInterval field interpreters,
// following src/backend/utils/adt/datetime.c rule by rule.
import {
  date2j, j2date, daysInMonth, DtErr, DTERR_BAD_FORMAT, DTERR_FIELD_OVERFLOW, DTERR_MD_FIELD_OVERFLOW,
  DTERR_TZDISP_OVERFLOW, EPOCH_DIFF_USECS, INT32_MAX, INT32_MIN, isAlpha, isDigit, isSpace, newTm, readInt,
  timestamp2tm, Tm, USECS_PER_DAY, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC, DAYS_PER_MONTH,
  MONTHS_PER_YEAR, SECS_PER_DAY, POSTGRES_EPOCH_JDATE, time2parts,
} from './datetime-common.js';
import { localOffset, lookupAbbrev, resolveZone, TimeZone } from './timezone.js';

// field types from ParseDateTime
export const DTK_NUMBER = 0, DTK_STRING = 1, DTK_DATE = 2, DTK_TIME = 3, DTK_TZ = 4, DTK_SPECIAL = 6;
// dtype results and unit codes
export const DTK_EARLY = 9, DTK_LATE = 10, DTK_EPOCH = 11, DTK_NOW = 12, DTK_YESTERDAY = 13, DTK_TODAY = 14,
  DTK_TOMORROW = 15, DTK_ZULU = 16, DTK_DELTA = 17, DTK_SECOND = 18, DTK_MINUTE = 19, DTK_HOUR = 20,
  DTK_DAY = 21, DTK_WEEK = 22, DTK_MONTH = 23, DTK_QUARTER = 24, DTK_YEAR = 25, DTK_DECADE = 26,
  DTK_CENTURY = 27, DTK_MILLENNIUM = 28, DTK_MILLISEC = 29, DTK_MICROSEC = 30, DTK_JULIAN = 31,
  DTK_DOW = 32, DTK_DOY = 33, DTK_TZ_HOUR = 34, DTK_TZ_MINUTE = 35, DTK_ISOYEAR = 36, DTK_ISODOW = 37;
// token types
export const RESERV = 0, MONTH = 1, YEAR = 2, DAY = 3, JULIAN = 4, TZ = 5, DTZ = 6, DYNTZ = 7, IGNORE_DTF = 8,
  AMPM = 9, HOUR = 10, MINUTE = 11, SECOND = 12, MILLISECOND = 13, MICROSECOND = 14, DOY = 15, DOW = 16,
  UNITS = 17, ADBC = 18, AGO = 19, ISOTIME = 23, WEEK = 24, DECADE = 25, CENTURY = 26, MILLENNIUM = 27,
  DTZMOD = 28, UNKNOWN_FIELD = 31;
const AM = 0, PM = 1, HR24 = 2, AD = 0, BC = 1;
const M = (t: number): number => 1 << t;
export const DTK_DATE_M = M(YEAR) | M(MONTH) | M(DAY);
export const DTK_TIME_M = M(HOUR) | M(MINUTE) | M(SECOND);
const DTK_ALL_SECS_M = M(SECOND) | M(MILLISECOND) | M(MICROSECOND);

type Tok = [number, number];
const DATETKTBL = new Map<string, Tok>(Object.entries({
  '-infinity': [RESERV, DTK_EARLY], ad: [ADBC, AD], allballs: [RESERV, DTK_ZULU], am: [AMPM, AM],
  apr: [MONTH, 4], april: [MONTH, 4], at: [IGNORE_DTF, 0], aug: [MONTH, 8], august: [MONTH, 8], bc: [ADBC, BC],
  d: [UNITS, DTK_DAY], dec: [MONTH, 12], december: [MONTH, 12], dow: [UNITS, DTK_DOW], doy: [UNITS, DTK_DOY],
  dst: [DTZMOD, 3600], epoch: [RESERV, DTK_EPOCH], feb: [MONTH, 2], february: [MONTH, 2], fri: [DOW, 5],
  friday: [DOW, 5], h: [UNITS, DTK_HOUR], infinity: [RESERV, DTK_LATE], isodow: [UNITS, DTK_ISODOW],
  isoyear: [UNITS, DTK_ISOYEAR], j: [UNITS, DTK_JULIAN], jan: [MONTH, 1], january: [MONTH, 1],
  jd: [UNITS, DTK_JULIAN], jul: [MONTH, 7], julian: [UNITS, DTK_JULIAN], july: [MONTH, 7], jun: [MONTH, 6],
  june: [MONTH, 6], m: [UNITS, DTK_MONTH], mar: [MONTH, 3], march: [MONTH, 3], may: [MONTH, 5],
  mm: [UNITS, DTK_MINUTE], mon: [DOW, 1], monday: [DOW, 1], nov: [MONTH, 11], november: [MONTH, 11],
  now: [RESERV, DTK_NOW], oct: [MONTH, 10], october: [MONTH, 10], on: [IGNORE_DTF, 0], pm: [AMPM, PM],
  s: [UNITS, DTK_SECOND], sat: [DOW, 6], saturday: [DOW, 6], sep: [MONTH, 9], sept: [MONTH, 9],
  september: [MONTH, 9], sun: [DOW, 0], sunday: [DOW, 0], t: [ISOTIME, DTK_TIME], thu: [DOW, 4],
  thur: [DOW, 4], thurs: [DOW, 4], thursday: [DOW, 4], today: [RESERV, DTK_TODAY],
  tomorrow: [RESERV, DTK_TOMORROW], tue: [DOW, 2], tues: [DOW, 2], tuesday: [DOW, 2], wed: [DOW, 3],
  wednesday: [DOW, 3], weds: [DOW, 3], y: [UNITS, DTK_YEAR], yesterday: [RESERV, DTK_YESTERDAY],
}) as [string, Tok][]);

const DELTATKTBL = new Map<string, Tok>(Object.entries({
  '@': [IGNORE_DTF, 0], ago: [AGO, 0], c: [UNITS, DTK_CENTURY], cent: [UNITS, DTK_CENTURY],
  centuries: [UNITS, DTK_CENTURY], century: [UNITS, DTK_CENTURY], d: [UNITS, DTK_DAY], day: [UNITS, DTK_DAY],
  days: [UNITS, DTK_DAY], dec: [UNITS, DTK_DECADE], decade: [UNITS, DTK_DECADE], decades: [UNITS, DTK_DECADE],
  decs: [UNITS, DTK_DECADE], h: [UNITS, DTK_HOUR], hour: [UNITS, DTK_HOUR], hours: [UNITS, DTK_HOUR],
  hr: [UNITS, DTK_HOUR], hrs: [UNITS, DTK_HOUR], m: [UNITS, DTK_MINUTE], microsecon: [UNITS, DTK_MICROSEC],
  mil: [UNITS, DTK_MILLENNIUM], millennia: [UNITS, DTK_MILLENNIUM], millennium: [UNITS, DTK_MILLENNIUM],
  millisecon: [UNITS, DTK_MILLISEC], mils: [UNITS, DTK_MILLENNIUM], min: [UNITS, DTK_MINUTE],
  mins: [UNITS, DTK_MINUTE], minute: [UNITS, DTK_MINUTE], minutes: [UNITS, DTK_MINUTE], mon: [UNITS, DTK_MONTH],
  mons: [UNITS, DTK_MONTH], month: [UNITS, DTK_MONTH], months: [UNITS, DTK_MONTH], ms: [UNITS, DTK_MILLISEC],
  msec: [UNITS, DTK_MILLISEC], msecond: [UNITS, DTK_MILLISEC], mseconds: [UNITS, DTK_MILLISEC],
  msecs: [UNITS, DTK_MILLISEC], qtr: [UNITS, DTK_QUARTER], quarter: [UNITS, DTK_QUARTER], s: [UNITS, DTK_SECOND],
  sec: [UNITS, DTK_SECOND], second: [UNITS, DTK_SECOND], seconds: [UNITS, DTK_SECOND], secs: [UNITS, DTK_SECOND],
  timezone: [UNITS, DTK_TZ], timezone_h: [UNITS, DTK_TZ_HOUR], timezone_m: [UNITS, DTK_TZ_MINUTE],
  us: [UNITS, DTK_MICROSEC], usec: [UNITS, DTK_MICROSEC], usecond: [UNITS, DTK_MICROSEC],
  useconds: [UNITS, DTK_MICROSEC], usecs: [UNITS, DTK_MICROSEC], w: [UNITS, DTK_WEEK], week: [UNITS, DTK_WEEK],
  weeks: [UNITS, DTK_WEEK], y: [UNITS, DTK_YEAR], year: [UNITS, DTK_YEAR], years: [UNITS, DTK_YEAR],
  yr: [UNITS, DTK_YEAR], yrs: [UNITS, DTK_YEAR],
}) as [string, Tok][]);

const trunc10 = (s: string): string => (s.length > 10 ? s.slice(0, 10) : s);
/** DecodeSpecial: keyword from datetktbl, or [UNKNOWN_FIELD, 0]. */
export const decodeSpecial = (lower: string): Tok => DATETKTBL.get(trunc10(lower)) ?? [UNKNOWN_FIELD, 0];
/** DecodeUnits: keyword from deltatktbl, or [UNKNOWN_FIELD, 0]. */
export const decodeUnits = (lower: string): Tok => DELTATKTBL.get(trunc10(lower)) ?? [UNKNOWN_FIELD, 0];

/** Round half to even (C rint()). */
export function rint(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

// ---------------------------------------------------------------- tokenizer

export interface Fields { field: string[]; ftype: number[]; }

const isAlnum = (c: string | undefined): boolean => isAlpha(c) || isDigit(c);
const isPunct = (c: string): boolean => {
  const x = c.charCodeAt(0);
  return (x >= 33 && x <= 47) || (x >= 58 && x <= 64) || (x >= 91 && x <= 96) || (x >= 123 && x <= 126);
};

/** ParseDateTime: break the input into fields. Throws DtErr. */
export function parseDateTime(str: string, buflen = 153, maxfields = 25): Fields {
  const field: string[] = [], ftype: number[] = [];
  let cp = 0, used = 0;
  const n = str.length;
  const lc = (c: string): string => (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);
  while (cp < n) {
    const c = str[cp];
    if (isSpace(c)) { cp++; continue; }
    if (field.length >= maxfields) throw new DtErr(DTERR_BAD_FORMAT);
    let f = '';
    let t: number;
    if (isDigit(c)) {
      f += str[cp++];
      while (isDigit(str[cp])) f += str[cp++];
      if (str[cp] === ':') {
        t = DTK_TIME;
        f += str[cp++];
        while (isDigit(str[cp]) || str[cp] === ':' || str[cp] === '.') f += str[cp++];
      } else if (str[cp] === '-' || str[cp] === '/' || str[cp] === '.') {
        const delim = str[cp];
        f += str[cp++];
        if (isDigit(str[cp])) {
          t = delim === '.' ? DTK_NUMBER : DTK_DATE;
          while (isDigit(str[cp])) f += str[cp++];
          if (str[cp] === delim) {
            t = DTK_DATE;
            f += str[cp++];
            while (isDigit(str[cp]) || str[cp] === delim) f += str[cp++];
          }
        } else {
          t = DTK_DATE;
          while (isAlnum(str[cp]) || str[cp] === delim) f += lc(str[cp++]);
        }
      } else t = DTK_NUMBER;
    } else if (c === '.') {
      f += str[cp++];
      while (isDigit(str[cp])) f += str[cp++];
      t = DTK_NUMBER;
    } else if (isAlpha(c)) {
      t = DTK_STRING;
      f += lc(str[cp++]);
      while (isAlpha(str[cp])) f += lc(str[cp++]);
      let isDate = false;
      const nc = str[cp];
      if (nc === '-' || nc === '/' || nc === '.') isDate = true;
      else if (nc === '+' || isDigit(nc)) {
        if (!DATETKTBL.has(trunc10(f))) isDate = true;
      }
      if (isDate) {
        t = DTK_DATE;
        do {
          f += lc(str[cp++]);
        } while (cp < n && (str[cp] === '+' || str[cp] === '-' || str[cp] === '/' || str[cp] === '_' ||
          str[cp] === '.' || str[cp] === ':' || isAlnum(str[cp])));
      }
    } else if (c === '+' || c === '-') {
      f += str[cp++];
      while (isSpace(str[cp])) cp++;
      if (isDigit(str[cp])) {
        t = DTK_TZ;
        f += str[cp++];
        while (isDigit(str[cp]) || str[cp] === ':' || str[cp] === '.' || str[cp] === '-') f += str[cp++];
      } else if (isAlpha(str[cp])) {
        t = DTK_SPECIAL;
        f += lc(str[cp++]);
        while (isAlpha(str[cp])) f += lc(str[cp++]);
      } else throw new DtErr(DTERR_BAD_FORMAT);
    } else if (isPunct(c)) {
      cp++;
      continue;
    } else throw new DtErr(DTERR_BAD_FORMAT);
    used += f.length + 1;
    if (used >= buflen) throw new DtErr(DTERR_BAD_FORMAT);
    field.push(f);
    ftype.push(t);
  }
  return { field, ftype };
}

// ---------------------------------------------------------------- context

export interface DecodeContext {
  /** transaction start, µs since 2000-01-01 UTC */
  now: number;
  zone: TimeZone;
  dateOrder: 'MDY' | 'DMY' | 'YMD';
  intervalStyle?: string;
}

const UNIX_EPOCH_OFFSET_SEC = EPOCH_DIFF_USECS / USECS_PER_SEC;

/** Seconds since 1970 of a broken-down local time taken as UTC. */
export function tmToLocalUnixSec(tm: Tm): number {
  return (date2j(tm.year, tm.mon, tm.mday) - 2440588) * SECS_PER_DAY + tm.hour * 3600 + tm.min * 60 + tm.sec;
}

/** DetermineTimeZoneOffset in PostgreSQL's sign convention (seconds west). */
export function determineTzOffset(tm: Tm, zone: TimeZone): number {
  if (zone.fixedOffset !== null) return -zone.fixedOffset;
  const y = tm.year;
  if (y < -4713 || y > 5874898) return 0;
  return -localOffset(zone, tmToLocalUnixSec(tm));
}

/** Current transaction time broken down in the session zone. */
export function currentTm(ctx: DecodeContext): Tm {
  const unixSec = Math.floor(ctx.now / USECS_PER_SEC) + UNIX_EPOCH_OFFSET_SEC;
  const off = ctx.zone.offsetAt(unixSec);
  const tm = timestamp2tm(ctx.now + off * USECS_PER_SEC);
  tm.tz = -off;
  return tm;
}

// ---------------------------------------------------------------- field decoders

function strtoint(s: string, i: number): { val: number; end: number } {
  const r = readInt(s, i);
  if (r.end !== i && (r.val > INT32_MAX || r.val < INT32_MIN)) throw new DtErr(DTERR_FIELD_OVERFLOW);
  return r;
}

/** ParseFraction: ".123" (or ".") to a double. */
function parseFraction(s: string): number {
  if (s === '.') return 0;
  if (!/^\.\d*$/.test(s) && !/^\.\d+(e[+-]?\d+)?$/i.test(s)) throw new DtErr(DTERR_BAD_FORMAT);
  return parseFloat('0' + s);
}
const parseFractionalSecond = (s: string): number => rint(parseFraction(s) * 1000000);

function timeOverflows(h: number, m: number, s: number, fsec: number): boolean {
  if (h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s > 60 || fsec < 0 || fsec > USECS_PER_SEC) return true;
  return ((h * 60 + m) * 60 + s) * USECS_PER_SEC + fsec > USECS_PER_DAY;
}

interface TimeParts { hour: number; min: number; sec: number; usec: number; }

/** DecodeTimeCommon */
function decodeTimeCommon(str: string, range: number): TimeParts {
  let fsec = 0;
  let r = readInt(str, 0);
  if (r.end === 0) r = { val: 0, end: 0 };
  let hour = r.val, min = 0, sec = 0;
  let cp = r.end;
  if (hour > 9.2e18) throw new DtErr(DTERR_FIELD_OVERFLOW);
  if (str[cp] !== ':') throw new DtErr(DTERR_BAD_FORMAT);
  r = strtoint(str, cp + 1);
  min = r.end === cp + 1 ? 0 : r.val;
  cp = r.end === cp + 1 ? cp + 1 : r.end;
  if (cp >= str.length) {
    sec = 0;
    if (range === (INTERVAL_MASK_MINUTE | INTERVAL_MASK_SECOND)) {
      sec = min; min = hour; hour = 0;
    }
  } else if (str[cp] === '.') {
    fsec = parseFractionalSecond(str.slice(cp));
    sec = min; min = hour; hour = 0;
  } else if (str[cp] === ':') {
    r = strtoint(str, cp + 1);
    sec = r.end === cp + 1 ? 0 : r.val;
    cp = r.end === cp + 1 ? cp + 1 : r.end;
    if (str[cp] === '.') fsec = parseFractionalSecond(str.slice(cp));
    else if (cp < str.length) throw new DtErr(DTERR_BAD_FORMAT);
  } else throw new DtErr(DTERR_BAD_FORMAT);
  if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > USECS_PER_SEC)
    throw new DtErr(DTERR_FIELD_OVERFLOW);
  return { hour, min, sec, usec: fsec };
}

function decodeTime(str: string, tm: Tm): number {
  const t = decodeTimeCommon(str, INTERVAL_FULL_RANGE);
  if (t.hour > INT32_MAX) throw new DtErr(DTERR_FIELD_OVERFLOW);
  tm.hour = t.hour; tm.min = t.min; tm.sec = t.sec; tm.fsec = t.usec;
  return DTK_TIME_M;
}

interface St { is2digits: boolean; }

/** DecodeNumberField: returns [tmask, DTK_DATE|DTK_TIME] */
function decodeNumberField(str: string, fmask: number, tm: Tm, st: St): [number, number] {
  let len = str.length;
  const dot = str.indexOf('.');
  if (dot >= 0) {
    const frac = str.slice(dot);
    if (frac === '.') tm.fsec = 0;
    else {
      const v = parseFloat('0' + frac);
      if (Number.isNaN(v)) throw new DtErr(DTERR_BAD_FORMAT);
      tm.fsec = rint(v * 1000000);
    }
    str = str.slice(0, dot);
    len = str.length;
  } else if ((fmask & DTK_DATE_M) !== DTK_DATE_M) {
    if (len >= 6) {
      tm.mday = parseInt(str.slice(len - 2), 10);
      tm.mon = parseInt(str.slice(len - 4, len - 2), 10);
      tm.year = parseInt(str.slice(0, len - 4), 10) || 0;
      if (len - 4 === 2) st.is2digits = true;
      return [DTK_DATE_M, DTK_DATE];
    }
  }
  if ((fmask & DTK_TIME_M) !== DTK_TIME_M) {
    if (len === 6) {
      tm.sec = parseInt(str.slice(4), 10);
      tm.min = parseInt(str.slice(2, 4), 10);
      tm.hour = parseInt(str.slice(0, 2), 10);
      return [DTK_TIME_M, DTK_TIME];
    } else if (len === 4) {
      tm.sec = 0;
      tm.min = parseInt(str.slice(2, 4), 10);
      tm.hour = parseInt(str.slice(0, 2), 10);
      return [DTK_TIME_M, DTK_TIME];
    }
  }
  throw new DtErr(DTERR_BAD_FORMAT);
}

/** DecodeNumber: returns tmask */
function decodeNumber(str: string, haveTextMonth: boolean, fmask: number, tm: Tm, st: St, ctx: DecodeContext): number {
  const flen = str.length;
  const r = strtoint(str, 0);
  if (r.end === 0) throw new DtErr(DTERR_BAD_FORMAT);
  const val = r.val;
  if (str[r.end] === '.') {
    if (r.end > 2) {
      return decodeNumberField(str, fmask | DTK_DATE_M, tm, st)[0];
    }
    tm.fsec = parseFractionalSecond(str.slice(r.end));
  } else if (r.end < flen) throw new DtErr(DTERR_BAD_FORMAT);

  if (flen === 3 && (fmask & DTK_DATE_M) === M(YEAR) && val >= 1 && val <= 366) {
    tm.yday = val;
    return M(DOY) | M(MONTH) | M(DAY);
  }
  let tmask: number;
  switch (fmask & DTK_DATE_M) {
    case 0:
      if (flen >= 3 || ctx.dateOrder === 'YMD') { tmask = M(YEAR); tm.year = val; }
      else if (ctx.dateOrder === 'DMY') { tmask = M(DAY); tm.mday = val; }
      else { tmask = M(MONTH); tm.mon = val; }
      break;
    case M(YEAR):
      tmask = M(MONTH); tm.mon = val;
      break;
    case M(MONTH):
      if (haveTextMonth) {
        if (flen >= 3 || ctx.dateOrder === 'YMD') { tmask = M(YEAR); tm.year = val; }
        else { tmask = M(DAY); tm.mday = val; }
      } else { tmask = M(DAY); tm.mday = val; }
      break;
    case M(YEAR) | M(MONTH):
      if (haveTextMonth) {
        if (flen >= 3 && st.is2digits) {
          tmask = M(DAY); tm.mday = tm.year; tm.year = val; st.is2digits = false;
        } else { tmask = M(DAY); tm.mday = val; }
      } else { tmask = M(DAY); tm.mday = val; }
      break;
    case M(DAY):
      tmask = M(MONTH); tm.mon = val;
      break;
    case M(MONTH) | M(DAY):
      tmask = M(YEAR); tm.year = val;
      break;
    case M(YEAR) | M(MONTH) | M(DAY):
      return decodeNumberField(str, fmask, tm, st)[0];
    default:
      throw new DtErr(DTERR_BAD_FORMAT);
  }
  if (tmask === M(YEAR)) st.is2digits = flen <= 2;
  return tmask;
}

/** DecodeDate: a date field with delimiters. Returns tmask. */
function decodeDate(str: string, fmask: number, tm: Tm, st: St, ctx: DecodeContext): number {
  const fields: (string | null)[] = [];
  let i = 0;
  const n = str.length;
  while (i < n && fields.length < 25) {
    while (i < n && !isAlnum(str[i])) i++;
    if (i >= n) throw new DtErr(DTERR_BAD_FORMAT);
    const start = i;
    if (isDigit(str[i])) while (isDigit(str[i])) i++;
    else if (isAlpha(str[i])) while (isAlpha(str[i])) i++;
    fields.push(str.slice(start, i));
    if (i < n) i++; // skip one delimiter
  }
  let tmask = 0, haveTextMonth = false;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    if (isAlpha(f[0])) {
      const [type, val] = decodeSpecial(f);
      if (type === IGNORE_DTF) continue;
      const dmask = M(type);
      if (type !== MONTH) throw new DtErr(DTERR_BAD_FORMAT);
      tm.mon = val; haveTextMonth = true;
      if (fmask & dmask) throw new DtErr(DTERR_BAD_FORMAT);
      fmask |= dmask; tmask |= dmask;
      fields[k] = null;
    }
  }
  for (const f of fields) {
    if (f === null) continue;
    if (f.length <= 0) throw new DtErr(DTERR_BAD_FORMAT);
    const dmask = decodeNumber(f, haveTextMonth, fmask, tm, st, ctx);
    if (fmask & dmask) throw new DtErr(DTERR_BAD_FORMAT);
    fmask |= dmask; tmask |= dmask;
  }
  if ((fmask & ~(M(DOY) | M(TZ))) !== DTK_DATE_M) throw new DtErr(DTERR_BAD_FORMAT);
  return tmask;
}

/** ValidateDate */
function validateDate(fmask: number, isjulian: boolean, is2digits: boolean, bc: boolean, tm: Tm): void {
  if (fmask & M(YEAR)) {
    if (isjulian) { /* keep */ } else if (bc) {
      if (tm.year <= 0) throw new DtErr(DTERR_FIELD_OVERFLOW);
      tm.year = -(tm.year - 1);
    } else if (is2digits) {
      if (tm.year < 0) throw new DtErr(DTERR_FIELD_OVERFLOW);
      if (tm.year < 70) tm.year += 2000;
      else if (tm.year < 100) tm.year += 1900;
    } else if (tm.year <= 0) throw new DtErr(DTERR_FIELD_OVERFLOW);
  }
  if (fmask & M(DOY)) {
    [tm.year, tm.mon, tm.mday] = j2date(date2j(tm.year, 1, 1) + (tm.yday ?? 1) - 1);
  }
  if (fmask & M(MONTH)) {
    if (tm.mon < 1 || tm.mon > MONTHS_PER_YEAR) throw new DtErr(DTERR_MD_FIELD_OVERFLOW);
  }
  if (fmask & M(DAY)) {
    if (tm.mday < 1 || tm.mday > 31) throw new DtErr(DTERR_MD_FIELD_OVERFLOW);
  }
  if ((fmask & DTK_DATE_M) === DTK_DATE_M) {
    if (tm.mday > daysInMonth(tm.year, tm.mon)) throw new DtErr(DTERR_FIELD_OVERFLOW);
  }
}

/** PostgreSQL 15's unit-labelled numbers in date/time input ("y2023m01d15"). */
function labelledField(ptype: number, val: number, rest: string, fmask: number, tm: Tm): number {
  switch (ptype) {
    case DTK_YEAR: tm.year = val; return M(YEAR);
    case DTK_MONTH:
      if ((fmask & M(MONTH)) && (fmask & M(HOUR))) { tm.min = val; return M(MINUTE); }
      tm.mon = val; return M(MONTH);
    case DTK_DAY: tm.mday = val; return M(DAY);
    case DTK_HOUR: tm.hour = val; return M(HOUR);
    case DTK_MINUTE: tm.min = val; return M(MINUTE);
    case DTK_SECOND:
      tm.sec = val;
      if (rest[0] === '.') { tm.fsec = parseFractionalSecond(rest); return DTK_ALL_SECS_M; }
      return M(SECOND);
    default: throw new DtErr(DTERR_BAD_FORMAT);
  }
}

/** DecodeTimezone: "+hh[:mm[:ss]]" or "+hhmm". Returns PostgreSQL-sign seconds (west positive). */
export function decodeTimezone(str: string): number {
  if (str[0] !== '+' && str[0] !== '-') throw new DtErr(DTERR_BAD_FORMAT);
  let r = readInt(str, 1);
  if (r.val > INT32_MAX) throw new DtErr(DTERR_TZDISP_OVERFLOW);
  let hr = r.val, min = 0, sec = 0;
  let cp = r.end === 1 ? 1 : r.end;
  if (str[cp] === ':') {
    r = readInt(str, cp + 1);
    min = r.val; cp = r.end === cp + 1 ? cp + 1 : r.end;
    if (str[cp] === ':') {
      r = readInt(str, cp + 1);
      sec = r.val; cp = r.end === cp + 1 ? cp + 1 : r.end;
    }
  } else if (cp >= str.length && str.length > 3) {
    min = hr % 100;
    hr = Math.floor(hr / 100);
  }
  if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60) throw new DtErr(DTERR_TZDISP_OVERFLOW);
  let tz = (hr * 60 + min) * 60 + sec;
  if (str[0] === '-') tz = -tz;
  if (cp < str.length) throw new DtErr(DTERR_BAD_FORMAT);
  return -tz;
}

export interface DecodeResult {
  dtype: number;
  tm: Tm;
  /** PostgreSQL-sign zone offset (seconds west) or undefined when no zone was asked for */
  tz?: number;
}

/**
 * DecodeDateTime. withTz: whether a time zone is accepted (tzp != NULL).
 * Returns dtype DTK_DATE / DTK_EPOCH / DTK_LATE / DTK_EARLY; throws DtErr.
 */
export function decodeDateTime(fl: Fields, withTz: boolean, ctx: DecodeContext): DecodeResult {
  const { field, ftype } = fl;
  const nf = field.length;
  let fmask = 0, tmask = 0, ptype = 0, mer = HR24;
  let haveTextMonth = false, isjulian = false, bc = false;
  const st: St = { is2digits: false };
  let namedTz: TimeZone | null = null, abbrevTz: TimeZone | null = null;
  let dtype = DTK_DATE;
  const tm = newTm();
  let tz = 0;
  for (let i = 0; i < nf; i++) {
    const f = field[i];
    switch (ftype[i]) {
      case DTK_DATE:
        if (ptype === DTK_JULIAN) {
          if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
          const r = strtoint(f, 0);
          if (r.val < 0) throw new DtErr(DTERR_FIELD_OVERFLOW);
          [tm.year, tm.mon, tm.mday] = j2date(r.val);
          isjulian = true;
          tz = decodeTimezone(f.slice(r.end));
          tmask = DTK_DATE_M | DTK_TIME_M | M(TZ);
          ptype = 0;
          break;
        } else if (ptype !== 0 || (fmask & (M(MONTH) | M(DAY))) === (M(MONTH) | M(DAY))) {
          if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
          if (isDigit(f[0]) || ptype !== 0) {
            if (ptype !== 0) {
              if (ptype !== DTK_TIME) throw new DtErr(DTERR_BAD_FORMAT);
              ptype = 0;
            }
            if ((fmask & DTK_TIME_M) === DTK_TIME_M) throw new DtErr(DTERR_BAD_FORMAT);
            const dash = f.indexOf('-');
            if (dash < 0) throw new DtErr(DTERR_BAD_FORMAT);
            tz = decodeTimezone(f.slice(dash));
            tmask = decodeNumberField(f.slice(0, dash), fmask, tm, st)[0];
            tmask |= M(TZ);
          } else {
            namedTz = resolveZone(f);
            if (!namedTz) throw zoneNotRecognized(f);
            tmask = M(TZ);
          }
        } else {
          tmask = decodeDate(f, fmask, tm, st, ctx);
        }
        break;
      case DTK_TIME:
        if (ptype !== 0) {
          if (ptype !== DTK_TIME) throw new DtErr(DTERR_BAD_FORMAT);
          ptype = 0;
        }
        tmask = decodeTime(f, tm);
        if (timeOverflows(tm.hour, tm.min, tm.sec, tm.fsec)) throw new DtErr(DTERR_FIELD_OVERFLOW);
        break;
      case DTK_TZ:
        if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
        tz = decodeTimezone(f);
        tmask = M(TZ);
        break;
      case DTK_NUMBER:
        if (ptype !== 0) {
          const r = strtoint(f, 0);
          if (f[r.end] !== '.' && r.end < f.length) throw new DtErr(DTERR_BAD_FORMAT);
          switch (ptype) {
            case DTK_JULIAN:
              if (r.val < 0) throw new DtErr(DTERR_FIELD_OVERFLOW);
              tmask = DTK_DATE_M;
              [tm.year, tm.mon, tm.mday] = j2date(r.val);
              isjulian = true;
              if (f[r.end] === '.') {
                const time = parseFraction(f.slice(r.end)) * USECS_PER_DAY;
                const [h, mi, s, fs] = time2parts(Math.round(time));
                tm.hour = h; tm.min = mi; tm.sec = s; tm.fsec = fs;
                tmask |= DTK_TIME_M;
              }
              break;
            case DTK_TIME: {
              const [tmk] = decodeNumberField(f, fmask | DTK_DATE_M, tm, st);
              tmask = tmk;
              if (tmask !== DTK_TIME_M) throw new DtErr(DTERR_BAD_FORMAT);
              break;
            }
            default:
              tmask = labelledField(ptype, r.val, f.slice(r.end), fmask, tm);
              break;
          }
          ptype = 0;
          dtype = DTK_DATE;
        } else {
          const flen = f.length;
          const dot = f.indexOf('.');
          if (dot >= 0 && !(fmask & DTK_DATE_M)) {
            tmask = decodeDate(f, fmask, tm, st, ctx);
          } else if (dot >= 0 && dot > 2) {
            tmask = decodeNumberField(f, fmask, tm, st)[0];
          } else if (flen >= 6 && (!(fmask & DTK_DATE_M) || !(fmask & DTK_TIME_M))) {
            tmask = decodeNumberField(f, fmask, tm, st)[0];
          } else {
            tmask = decodeNumber(f, haveTextMonth, fmask, tm, st, ctx);
          }
        }
        break;
      case DTK_STRING:
      case DTK_SPECIAL: {
        const [type, val, valtz] = decodeWord(f);
        if (type === IGNORE_DTF) continue;
        tmask = M(type);
        switch (type) {
          case RESERV:
            switch (val) {
              case DTK_NOW: {
                tmask = DTK_DATE_M | DTK_TIME_M | M(TZ);
                dtype = DTK_DATE;
                const c = currentTm(ctx);
                Object.assign(tm, { year: c.year, mon: c.mon, mday: c.mday, hour: c.hour, min: c.min, sec: c.sec, fsec: c.fsec });
                tz = c.tz!;
                break;
              }
              case DTK_YESTERDAY: case DTK_TODAY: case DTK_TOMORROW: {
                tmask = DTK_DATE_M;
                dtype = DTK_DATE;
                const c = currentTm(ctx);
                const d = val === DTK_YESTERDAY ? -1 : val === DTK_TOMORROW ? 1 : 0;
                [tm.year, tm.mon, tm.mday] = j2date(date2j(c.year, c.mon, c.mday) + d);
                break;
              }
              case DTK_ZULU:
                tmask = DTK_TIME_M | M(TZ);
                dtype = DTK_DATE;
                tm.hour = 0; tm.min = 0; tm.sec = 0;
                tz = 0;
                break;
              case DTK_EPOCH: case DTK_LATE: case DTK_EARLY:
                tmask = DTK_DATE_M | DTK_TIME_M | M(TZ);
                dtype = val;
                break;
              default:
                throw new DtErr(DTERR_BAD_FORMAT);
            }
            break;
          case MONTH:
            if ((fmask & M(MONTH)) && !haveTextMonth && !(fmask & M(DAY)) && tm.mon >= 1 && tm.mon <= 31) {
              tm.mday = tm.mon;
              tmask = M(DAY);
            }
            haveTextMonth = true;
            tm.mon = val;
            break;
          case DTZMOD:
            tmask |= M(DTZ);
            tm.isdst = 1;
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            tz -= val;
            break;
          case DTZ:
            tmask |= M(TZ);
            tm.isdst = 1;
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            tz = -val;
            break;
          case TZ:
            tm.isdst = 0;
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            tz = -val;
            break;
          case DYNTZ:
            tmask |= M(TZ);
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            abbrevTz = valtz;
            break;
          case AMPM: mer = val; break;
          case ADBC: bc = val === BC; break;
          case DOW: tm.wday = val; break;
          case UNITS:
            tmask = 0;
            ptype = val;
            break;
          case ISOTIME:
            tmask = 0;
            if ((fmask & DTK_DATE_M) !== DTK_DATE_M) throw new DtErr(DTERR_BAD_FORMAT);
            if (ptype !== 0) throw new DtErr(DTERR_BAD_FORMAT);
            if (i >= nf - 1 || (ftype[i + 1] !== DTK_NUMBER && ftype[i + 1] !== DTK_TIME && ftype[i + 1] !== DTK_DATE))
              throw new DtErr(DTERR_BAD_FORMAT);
            ptype = val;
            break;
          case UNKNOWN_FIELD:
            namedTz = resolveZone(f);
            if (!namedTz || /^[+-]?\d/.test(f)) throw new DtErr(DTERR_BAD_FORMAT);
            tmask = M(TZ);
            break;
          default:
            throw new DtErr(DTERR_BAD_FORMAT);
        }
        break;
      }
      default:
        throw new DtErr(DTERR_BAD_FORMAT);
    }
    if (tmask & fmask) throw new DtErr(DTERR_BAD_FORMAT);
    fmask |= tmask;
  }
  if (dtype === DTK_DATE) {
    validateDate(fmask, isjulian, st.is2digits, bc, tm);
    if (mer !== HR24 && tm.hour > 12) throw new DtErr(DTERR_FIELD_OVERFLOW);
    if (mer === AM && tm.hour === 12) tm.hour = 0;
    else if (mer === PM && tm.hour !== 12) tm.hour += 12;
    if ((fmask & DTK_DATE_M) !== DTK_DATE_M) {
      throw new DtErr(DTERR_BAD_FORMAT);
    }
    if (namedTz) {
      if (fmask & M(DTZMOD)) throw new DtErr(DTERR_BAD_FORMAT);
      tz = determineTzOffset(tm, namedTz);
    }
    if (abbrevTz) {
      if (fmask & M(DTZMOD)) throw new DtErr(DTERR_BAD_FORMAT);
      tz = determineTzOffset(tm, abbrevTz);
    }
    if (withTz && !(fmask & M(TZ))) {
      if (fmask & M(DTZMOD)) throw new DtErr(DTERR_BAD_FORMAT);
      tz = determineTzOffset(tm, ctx.zone);
    }
  }
  return { dtype, tm, tz: withTz ? tz : undefined };
}

export function zoneNotRecognized(name: string): Error {
  return Object.assign(new DtErr(-100), { zoneName: name });
}

/** DecodeTimeOnly. Returns the time fields (and zone when withTz). */
export function decodeTimeOnly(fl: Fields, withTz: boolean, ctx: DecodeContext): DecodeResult {
  const { field } = fl;
  const ftype = fl.ftype.slice();
  const nf = field.length;
  let fmask = 0, tmask = 0, ptype = 0, mer = HR24;
  let isjulian = false, bc = false;
  const st: St = { is2digits: false };
  let namedTz: TimeZone | null = null, abbrevTz: TimeZone | null = null;
  let dtype = DTK_TIME;
  const tm = newTm();
  let tz = 0;
  for (let i = 0; i < nf; i++) {
    const f = field[i];
    switch (ftype[i]) {
      case DTK_DATE:
        if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
        if (i === 0 && nf >= 2 && (ftype[nf - 1] === DTK_DATE || ftype[1] === DTK_TIME)) {
          tmask = decodeDate(f, fmask, tm, st, ctx);
        } else if (isDigit(f[0])) {
          if ((fmask & DTK_TIME_M) === DTK_TIME_M) throw new DtErr(DTERR_BAD_FORMAT);
          const dash = f.indexOf('-');
          if (dash < 0) throw new DtErr(DTERR_BAD_FORMAT);
          tz = decodeTimezone(f.slice(dash));
          const [tmk, ft] = decodeNumberField(f.slice(0, dash), fmask | DTK_DATE_M, tm, st);
          ftype[i] = ft;
          tmask = tmk | M(TZ);
        } else {
          namedTz = resolveZone(f);
          if (!namedTz) throw zoneNotRecognized(f);
          ftype[i] = DTK_TZ;
          tmask = M(TZ);
        }
        break;
      case DTK_TIME:
        if (ptype !== 0) {
          if (ptype !== DTK_TIME) throw new DtErr(DTERR_BAD_FORMAT);
          ptype = 0;
        }
        tmask = decodeTime(f, tm);
        break;
      case DTK_TZ:
        if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
        tz = decodeTimezone(f);
        tmask = M(TZ);
        break;
      case DTK_NUMBER:
        if (ptype !== 0) {
          const r = strtoint(f, 0);
          if (f[r.end] !== '.' && r.end < f.length) throw new DtErr(DTERR_BAD_FORMAT);
          switch (ptype) {
            case DTK_JULIAN:
              if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
              if (r.val < 0) throw new DtErr(DTERR_FIELD_OVERFLOW);
              tmask = DTK_DATE_M;
              [tm.year, tm.mon, tm.mday] = j2date(r.val);
              isjulian = true;
              if (f[r.end] === '.') {
                const time = parseFraction(f.slice(r.end)) * USECS_PER_DAY;
                const [h, mi, s, fs] = time2parts(Math.round(time));
                tm.hour = h; tm.min = mi; tm.sec = s; tm.fsec = fs;
                tmask |= DTK_TIME_M;
              }
              break;
            case DTK_TIME: {
              const [tmk, ft] = decodeNumberField(f, fmask | DTK_DATE_M, tm, st);
              ftype[i] = ft;
              tmask = tmk;
              if (tmask !== DTK_TIME_M) throw new DtErr(DTERR_BAD_FORMAT);
              break;
            }
            default:
              throw new DtErr(DTERR_BAD_FORMAT);
          }
          ptype = 0;
          dtype = DTK_DATE;
        } else {
          const flen = f.length;
          const dot = f.indexOf('.');
          if (dot >= 0) {
            if (i === 0 && nf >= 2 && ftype[nf - 1] === DTK_DATE) {
              tmask = decodeDate(f, fmask, tm, st, ctx);
            } else if (dot > 2) {
              const [tmk, ft] = decodeNumberField(f, fmask | DTK_DATE_M, tm, st);
              ftype[i] = ft; tmask = tmk;
            } else throw new DtErr(DTERR_BAD_FORMAT);
          } else if (flen > 4) {
            const [tmk, ft] = decodeNumberField(f, fmask | DTK_DATE_M, tm, st);
            ftype[i] = ft; tmask = tmk;
          } else {
            tmask = decodeNumber(f, false, fmask | DTK_DATE_M, tm, st, ctx);
          }
        }
        break;
      case DTK_STRING:
      case DTK_SPECIAL: {
        const [type, val, valtz] = decodeWord(f);
        if (type === IGNORE_DTF) continue;
        tmask = M(type);
        switch (type) {
          case RESERV:
            switch (val) {
              case DTK_NOW: {
                tmask = DTK_TIME_M;
                dtype = DTK_TIME;
                const c = currentTm(ctx);
                tm.hour = c.hour; tm.min = c.min; tm.sec = c.sec; tm.fsec = c.fsec;
                break;
              }
              case DTK_ZULU:
                tmask = DTK_TIME_M | M(TZ);
                dtype = DTK_TIME;
                tm.hour = 0; tm.min = 0; tm.sec = 0; tm.isdst = 0;
                break;
              default:
                throw new DtErr(DTERR_BAD_FORMAT);
            }
            break;
          case DTZMOD:
            tmask |= M(DTZ);
            tm.isdst = 1;
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            tz -= val;
            break;
          case DTZ:
            tmask |= M(TZ);
            tm.isdst = 1;
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            tz = -val;
            ftype[i] = DTK_TZ;
            break;
          case TZ:
            tm.isdst = 0;
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            tz = -val;
            ftype[i] = DTK_TZ;
            break;
          case DYNTZ:
            tmask |= M(TZ);
            if (!withTz) throw new DtErr(DTERR_BAD_FORMAT);
            abbrevTz = valtz;
            ftype[i] = DTK_TZ;
            break;
          case AMPM: mer = val; break;
          case ADBC: bc = val === BC; break;
          case UNITS:
            tmask = 0;
            ptype = val;
            break;
          case ISOTIME:
            tmask = 0;
            if (ptype !== 0) throw new DtErr(DTERR_BAD_FORMAT);
            if (i >= nf - 1 || (ftype[i + 1] !== DTK_NUMBER && ftype[i + 1] !== DTK_TIME && ftype[i + 1] !== DTK_DATE))
              throw new DtErr(DTERR_BAD_FORMAT);
            ptype = val;
            break;
          case UNKNOWN_FIELD:
            namedTz = resolveZone(f);
            if (!namedTz) throw new DtErr(DTERR_BAD_FORMAT);
            tmask = M(TZ);
            break;
          default:
            throw new DtErr(DTERR_BAD_FORMAT);
        }
        break;
      }
      default:
        throw new DtErr(DTERR_BAD_FORMAT);
    }
    if (tmask & fmask) throw new DtErr(DTERR_BAD_FORMAT);
    fmask |= tmask;
  }
  validateDate(fmask, isjulian, st.is2digits, bc, tm);
  if (mer !== HR24 && tm.hour > 12) throw new DtErr(DTERR_FIELD_OVERFLOW);
  if (mer === AM && tm.hour === 12) tm.hour = 0;
  else if (mer === PM && tm.hour !== 12) tm.hour += 12;
  if (timeOverflows(tm.hour, tm.min, tm.sec, tm.fsec)) throw new DtErr(DTERR_FIELD_OVERFLOW);
  if ((fmask & DTK_TIME_M) !== DTK_TIME_M) throw new DtErr(DTERR_BAD_FORMAT);
  const zoneFor = (z: TimeZone): number => {
    if (z.fixedOffset !== null) return -z.fixedOffset;
    let probe: Tm;
    if ((fmask & DTK_DATE_M) === 0) probe = currentTm(ctx);
    else {
      if ((fmask & DTK_DATE_M) !== DTK_DATE_M) throw new DtErr(DTERR_BAD_FORMAT);
      probe = { ...tm };
    }
    probe.hour = tm.hour; probe.min = tm.min; probe.sec = tm.sec;
    return determineTzOffset(probe, z);
  };
  if (namedTz) {
    if (fmask & M(DTZMOD)) throw new DtErr(DTERR_BAD_FORMAT);
    if (namedTz.fixedOffset !== null) tz = -namedTz.fixedOffset;
    else {
      if ((fmask & DTK_DATE_M) !== DTK_DATE_M) throw new DtErr(DTERR_BAD_FORMAT);
      tz = determineTzOffset(tm, namedTz);
    }
  }
  if (abbrevTz) {
    if (fmask & M(DTZMOD)) throw new DtErr(DTERR_BAD_FORMAT);
    tz = zoneFor(abbrevTz);
  }
  if (withTz && !(fmask & M(TZ))) {
    if (fmask & M(DTZMOD)) throw new DtErr(DTERR_BAD_FORMAT);
    tz = zoneFor(ctx.zone);
  }
  return { dtype, tm, tz: withTz ? tz : undefined };
}

// ---------------------------------------------------------------- intervals

export const INTERVAL_MASK_MONTH = 1 << MONTH, INTERVAL_MASK_YEAR = 1 << YEAR, INTERVAL_MASK_DAY = 1 << DAY,
  INTERVAL_MASK_HOUR = 1 << HOUR, INTERVAL_MASK_MINUTE = 1 << MINUTE, INTERVAL_MASK_SECOND = 1 << SECOND;
export const INTERVAL_FULL_RANGE = 0x7fff;
export const INTERVAL_FULL_PRECISION = 0xffff;

/** pg_itm_in: accumulated interval fields (usec in a double, checked for int64 range at the end). */
export interface ItmIn { usec: number; mday: number; mon: number; year: number; }

const I64 = 9.223372036854776e18;
function chk32(v: number): number {
  if (v > INT32_MAX || v < INT32_MIN) throw new DtErr(DTERR_FIELD_OVERFLOW);
  return v;
}
function chk64(v: number): number {
  if (!(v < I64 && v >= -I64)) throw new DtErr(DTERR_FIELD_OVERFLOW);
  return v;
}
function adjustFractMicroseconds(frac: number, scale: number, itm: ItmIn): void {
  if (frac === 0) return;
  frac *= scale;
  const usec = Math.trunc(frac);
  itm.usec = chk64(itm.usec + usec + rint(frac - usec));
}
function adjustFractDays(frac: number, scale: number, itm: ItmIn): void {
  if (frac === 0) return;
  frac *= scale;
  const extra = Math.trunc(frac);
  itm.mday = chk32(itm.mday + extra);
  adjustFractMicroseconds(frac - extra, USECS_PER_DAY, itm);
}
function adjustFractYears(frac: number, scale: number, itm: ItmIn): void {
  const extra = Math.trunc(rint(frac * scale * MONTHS_PER_YEAR));
  itm.mon = chk32(itm.mon + extra);
}
function adjustMicroseconds(val: number, fval: number, scale: number, itm: ItmIn): void {
  itm.usec = chk64(itm.usec + chk64(val * scale));
  adjustFractMicroseconds(fval, scale, itm);
}
function adjustDays(val: number, scale: number, itm: ItmIn): void {
  chk32(val);
  itm.mday = chk32(itm.mday + chk32(val * scale));
}
function adjustMonths(val: number, itm: ItmIn): void {
  chk32(val);
  itm.mon = chk32(itm.mon + val);
}
function adjustYears(val: number, scale: number, itm: ItmIn): void {
  chk32(val);
  itm.year = chk32(itm.year + chk32(val * scale));
}

function decodeTimeForInterval(str: string, range: number, itm: ItmIn): void {
  const t = decodeTimeCommon(str, range);
  itm.usec = chk64(t.usec + t.hour * USECS_PER_HOUR + t.min * USECS_PER_MINUTE + t.sec * USECS_PER_SEC);
}

/** strtoi64-ish with int64 overflow detection; returns val (double) and end index. */
function strtoi64(s: string, i: number): { val: number; end: number } {
  const r = readInt(s, i);
  if (r.val > I64 || r.val < -I64) throw new DtErr(DTERR_FIELD_OVERFLOW);
  return r;
}

/** DecodeInterval. Throws DtErr. */
export function decodeInterval(fl: Fields, range: number, intervalStyle: string): ItmIn {
  const { field, ftype } = fl;
  const nf = field.length;
  let forceNegative = false, isBefore = false, parsingUnitVal = false;
  let fmask = 0, tmask = 0, type = IGNORE_DTF;
  const itm: ItmIn = { usec: 0, mday: 0, mon: 0, year: 0 };
  if (intervalStyle === 'sql_standard' && nf > 0 && field[0][0] === '-') {
    forceNegative = true;
    for (let i = 1; i < nf; i++) {
      if (field[i][0] === '-' || field[i][0] === '+') { forceNegative = false; break; }
    }
  }
  for (let i = nf - 1; i >= 0; i--) {
    const f = field[i];
    let ft = ftype[i];
    if (ft === DTK_TIME) {
      decodeTimeForInterval(f, range, itm);
      tmask = DTK_TIME_M;
      if (forceNegative && itm.usec > 0) itm.usec = -itm.usec;
      type = DTK_DAY;
      parsingUnitVal = false;
    } else if (ft === DTK_TZ && f.indexOf(':', 1) >= 0 && (() => {
      try { const save = itm.usec; decodeTimeForInterval(f.slice(1), range, itm); void save; return true; } catch { return false; }
    })()) {
      if (f[0] === '-') itm.usec = -itm.usec;
      if (forceNegative && itm.usec > 0) itm.usec = -itm.usec;
      tmask = DTK_TIME_M;
      type = DTK_DAY;
      parsingUnitVal = false;
    } else if (ft === DTK_TZ || ft === DTK_DATE || ft === DTK_NUMBER) {
      ft = DTK_NUMBER;
      if (type === IGNORE_DTF) {
        switch (range) {
          case INTERVAL_MASK_YEAR: type = DTK_YEAR; break;
          case INTERVAL_MASK_MONTH: case INTERVAL_MASK_YEAR | INTERVAL_MASK_MONTH: type = DTK_MONTH; break;
          case INTERVAL_MASK_DAY: type = DTK_DAY; break;
          case INTERVAL_MASK_HOUR: case INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR: type = DTK_HOUR; break;
          case INTERVAL_MASK_MINUTE: case INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE:
          case INTERVAL_MASK_DAY | INTERVAL_MASK_HOUR | INTERVAL_MASK_MINUTE: type = DTK_MINUTE; break;
          default: type = DTK_SECOND; break;
        }
      }
      const r = strtoi64(f, 0);
      let val = r.val, fval: number;
      let cp = r.end;
      if (cp === 0 && (f[0] === '+' || f[0] === '-')) cp = 1;
      if (f[cp] === '-') {
        const r2 = readInt(f, cp + 1);
        if (r2.end === cp + 1 || r2.val < 0 || r2.val >= MONTHS_PER_YEAR) throw new DtErr(DTERR_FIELD_OVERFLOW);
        if (r2.end < f.length) throw new DtErr(DTERR_BAD_FORMAT);
        type = DTK_MONTH;
        let val2 = r2.val;
        if (f[0] === '-') val2 = -val2;
        val = chk64(val * MONTHS_PER_YEAR + val2);
        fval = 0;
      } else if (f[cp] === '.') {
        fval = parseFraction(f.slice(cp));
        if (f[0] === '-') fval = -fval;
      } else if (cp >= f.length) {
        fval = 0;
        if (cp === 0 || (cp === 1 && (f[0] === '+' || f[0] === '-'))) throw new DtErr(DTERR_BAD_FORMAT);
      } else throw new DtErr(DTERR_BAD_FORMAT);
      tmask = 0;
      if (forceNegative) {
        if (val > 0) val = -val;
        if (fval > 0) fval = -fval;
      }
      switch (type) {
        case DTK_MICROSEC: adjustMicroseconds(val, fval, 1, itm); tmask = M(MICROSECOND); break;
        case DTK_MILLISEC: adjustMicroseconds(val, fval, 1000, itm); tmask = M(MILLISECOND); break;
        case DTK_SECOND:
          adjustMicroseconds(val, fval, USECS_PER_SEC, itm);
          tmask = fval === 0 ? M(SECOND) : DTK_ALL_SECS_M;
          break;
        case DTK_MINUTE: adjustMicroseconds(val, fval, USECS_PER_MINUTE, itm); tmask = M(MINUTE); break;
        case DTK_HOUR:
          adjustMicroseconds(val, fval, USECS_PER_HOUR, itm); tmask = M(HOUR); type = DTK_DAY;
          break;
        case DTK_DAY: adjustDays(val, 1, itm); adjustFractMicroseconds(fval, USECS_PER_DAY, itm); tmask = M(DAY); break;
        case DTK_WEEK: adjustDays(val, 7, itm); adjustFractDays(fval, 7, itm); tmask = M(WEEK); break;
        case DTK_MONTH: adjustMonths(val, itm); adjustFractDays(fval, DAYS_PER_MONTH, itm); tmask = M(MONTH); break;
        case DTK_YEAR: adjustYears(val, 1, itm); adjustFractYears(fval, 1, itm); tmask = M(YEAR); break;
        case DTK_DECADE: adjustYears(val, 10, itm); adjustFractYears(fval, 10, itm); tmask = M(DECADE); break;
        case DTK_CENTURY: adjustYears(val, 100, itm); adjustFractYears(fval, 100, itm); tmask = M(CENTURY); break;
        case DTK_MILLENNIUM: adjustYears(val, 1000, itm); adjustFractYears(fval, 1000, itm); tmask = M(MILLENNIUM); break;
        default: throw new DtErr(DTERR_BAD_FORMAT);
      }
      parsingUnitVal = false;
    } else if (ft === DTK_STRING || ft === DTK_SPECIAL) {
      let [t, uval] = decodeUnits(f);
      if (t === UNKNOWN_FIELD) [t, uval] = decodeSpecial(f);
      if (t === IGNORE_DTF) continue;
      tmask = 0;
      if (t === UNITS) { type = uval; parsingUnitVal = true; }
      else if (t === AGO) {
        if (i !== nf - 1) throw new DtErr(DTERR_BAD_FORMAT);
        isBefore = true;
        type = uval;
      } else throw new DtErr(DTERR_BAD_FORMAT);
    } else throw new DtErr(DTERR_BAD_FORMAT);
    if (tmask & fmask) throw new DtErr(DTERR_BAD_FORMAT);
    fmask |= tmask;
  }
  if (fmask === 0) throw new DtErr(DTERR_BAD_FORMAT);
  void parsingUnitVal;
  if (isBefore) {
    itm.usec = -itm.usec; itm.mday = -itm.mday; itm.mon = -itm.mon; itm.year = -itm.year;
  }
  return itm;
}

function parseISO8601Number(str: string, i: number): { ipart: number; fpart: number; end: number } {
  const c = str[i];
  if (!(isDigit(c) || c === '-' || c === '.')) throw new DtErr(DTERR_BAD_FORMAT);
  const m = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/i.exec(str.slice(i));
  if (!m) throw new DtErr(DTERR_BAD_FORMAT);
  const val = parseFloat(m[0]);
  if (Number.isNaN(val)) throw new DtErr(DTERR_BAD_FORMAT);
  if (val < -1e15 || val > 1e15) throw new DtErr(DTERR_FIELD_OVERFLOW);
  const ipart = val >= 0 ? Math.floor(val) : -Math.floor(-val);
  return { ipart, fpart: val - ipart, end: i + m[0].length };
}

const iso8601IntegerWidth = (s: string): number => {
  let i = s[0] === '-' ? 1 : 0, n = 0;
  while (isDigit(s[i])) { i++; n++; }
  return n;
};

/** DecodeISO8601Interval: P1Y2M3DT4H5M6S and the alternative formats. */
export function decodeISO8601Interval(str: string): ItmIn {
  const itm: ItmIn = { usec: 0, mday: 0, mon: 0, year: 0 };
  if (str.length < 2 || str[0] !== 'P') throw new DtErr(DTERR_BAD_FORMAT);
  let i = 1, datepart = true, havefield = false;
  while (i < str.length) {
    if (str[i] === 'T') { datepart = false; havefield = false; i++; continue; }
    const fieldstart = i;
    let { ipart: val, fpart: fval, end } = parseISO8601Number(str, i);
    i = end;
    const unit = i < str.length ? str[i] : '\0';
    i++;
    if (datepart) {
      switch (unit) {
        case 'Y': adjustYears(val, 1, itm); adjustFractYears(fval, 1, itm); break;
        case 'M': adjustMonths(val, itm); adjustFractDays(fval, DAYS_PER_MONTH, itm); break;
        case 'W': adjustDays(val, 7, itm); adjustFractDays(fval, 7, itm); break;
        case 'D': adjustDays(val, 1, itm); adjustFractMicroseconds(fval, USECS_PER_DAY, itm); break;
        case 'T': case '\0': case '-': {
          if (unit !== '-' && iso8601IntegerWidth(str.slice(fieldstart)) === 8 && !havefield) {
            adjustYears(Math.trunc(val / 10000), 1, itm);
            adjustMonths(Math.trunc(val / 100) % 100, itm);
            adjustDays(val % 100, 1, itm);
            adjustFractMicroseconds(fval, USECS_PER_DAY, itm);
            if (unit === '\0') return itm;
            datepart = false; havefield = false;
            continue;
          }
          if (havefield) throw new DtErr(DTERR_BAD_FORMAT);
          adjustYears(val, 1, itm); adjustFractYears(fval, 1, itm);
          if (unit === '\0') return itm;
          if (unit === 'T') { datepart = false; havefield = false; continue; }
          ({ ipart: val, fpart: fval, end } = parseISO8601Number(str, i));
          i = end;
          adjustMonths(val, itm); adjustFractDays(fval, DAYS_PER_MONTH, itm);
          if (i >= str.length) return itm;
          if (str[i] === 'T') { datepart = false; havefield = false; continue; }
          if (str[i] !== '-') throw new DtErr(DTERR_BAD_FORMAT);
          i++;
          ({ ipart: val, fpart: fval, end } = parseISO8601Number(str, i));
          i = end;
          adjustDays(val, 1, itm); adjustFractMicroseconds(fval, USECS_PER_DAY, itm);
          if (i >= str.length) return itm;
          if (str[i] === 'T') { datepart = false; havefield = false; continue; }
          throw new DtErr(DTERR_BAD_FORMAT);
        }
        default: throw new DtErr(DTERR_BAD_FORMAT);
      }
    } else {
      switch (unit) {
        case 'H': adjustMicroseconds(val, fval, USECS_PER_HOUR, itm); break;
        case 'M': adjustMicroseconds(val, fval, USECS_PER_MINUTE, itm); break;
        case 'S': adjustMicroseconds(val, fval, USECS_PER_SEC, itm); break;
        case '\0': case ':': {
          if (unit === '\0' && iso8601IntegerWidth(str.slice(fieldstart)) === 6 && !havefield) {
            adjustMicroseconds(Math.trunc(val / 10000), 0, USECS_PER_HOUR, itm);
            adjustMicroseconds(Math.trunc(val / 100) % 100, 0, USECS_PER_MINUTE, itm);
            adjustMicroseconds(val % 100, 0, USECS_PER_SEC, itm);
            adjustFractMicroseconds(fval, 1, itm);
            return itm;
          }
          if (havefield) throw new DtErr(DTERR_BAD_FORMAT);
          adjustMicroseconds(val, fval, USECS_PER_HOUR, itm);
          if (unit === '\0') return itm;
          ({ ipart: val, fpart: fval, end } = parseISO8601Number(str, i));
          i = end;
          adjustMicroseconds(val, fval, USECS_PER_MINUTE, itm);
          if (i >= str.length) return itm;
          if (str[i] !== ':') throw new DtErr(DTERR_BAD_FORMAT);
          i++;
          ({ ipart: val, fpart: fval, end } = parseISO8601Number(str, i));
          i = end;
          adjustMicroseconds(val, fval, USECS_PER_SEC, itm);
          if (i >= str.length) return itm;
          throw new DtErr(DTERR_BAD_FORMAT);
        }
        default: throw new DtErr(DTERR_BAD_FORMAT);
      }
    }
    havefield = true;
  }
  return itm;
}

export { POSTGRES_EPOCH_JDATE };

/** A word of a date/time string: a time zone abbreviation (DecodeTimezoneAbbrev) or a special word (DecodeSpecial). */
function decodeWord(f: string): [number, number, TimeZone | null] {
  const ab = lookupAbbrev(f);
  if (!ab) { const [type, val] = decodeSpecial(f); return [type, val, null]; }
  if (ab.type === 'DYNTZ') return [DYNTZ, 0, resolveZone(ab.zone!)];
  return [ab.type === 'DTZ' ? DTZ : TZ, ab.offset, null];
}
