// date (1082): days since 2000-01-01, ±Infinity. Text I/O, date ± integer,
// date - date, and the date ↔ timestamp conversions.
import type { FormatSettings, PgType } from './type.js';
import { registerFunction, registerOperator, registerType } from './registry.js';
import {
  BOOL_OID, DATE_ARRAY_OID, DATE_OID, date2j, DtErr, DTERR_BAD_FORMAT, err, INT4_OID, isValidDate, isValidJulian,
  j2date, POSTGRES_EPOCH_JDATE, TIMESTAMP_END_JULIAN, USECS_PER_DAY, USECS_PER_SEC, newTm, Tm, splitDays,
  timestamp2tm, INT32_MAX, INT32_MIN,
} from './datetime-common.js';
import { decodeDateTime, DTK_DATE, DTK_EARLY, DTK_EPOCH, DTK_LATE, parseDateTime } from './datetime-parse.js';
import { encodeDateOnly } from './datetime-format.js';
import { decodeCtx, localToUtc, rethrowDt, tzTm } from './datetime-core.js';
import { registerArray } from './datetime-array.js';
import type { TimeZone } from './timezone.js';

export function dateIn(str: string, s: FormatSettings): number {
  let tm: Tm, dtype: number;
  try {
    const r = decodeDateTime(parseDateTime(str, 129), true, decodeCtx(s));
    tm = r.tm; dtype = r.dtype;
  } catch (e) {
    rethrowDt(e, str, 'date');
  }
  switch (dtype) {
    case DTK_DATE: break;
    case DTK_EPOCH: tm = { ...newTm(), year: 1970, mon: 1, mday: 1 }; break;
    case DTK_LATE: return Infinity;
    case DTK_EARLY: return -Infinity;
    default: rethrowDt(new DtErr(DTERR_BAD_FORMAT), str, 'date');
  }
  if (!isValidJulian(tm.year, tm.mon, tm.mday)) throw err('22008', `date out of range: "${str}"`);
  const d = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
  if (!isValidDate(d)) throw err('22008', `date out of range: "${str}"`);
  return d;
}

export function dateOut(d: number, s: FormatSettings): string {
  if (d === Infinity) return 'infinity';
  if (d === -Infinity) return '-infinity';
  const [year, mon, mday] = j2date(d + POSTGRES_EPOCH_JDATE);
  return encodeDateOnly({ year, mon, mday, hour: 0, min: 0, sec: 0, fsec: 0 }, s);
}

const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------- conversions

/** date2timestamp */
export function date2timestamp(d: number): number {
  if (!Number.isFinite(d)) return d;
  if (d >= TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE) throw err('22008', 'date out of range for timestamp');
  return d * USECS_PER_DAY;
}

/** date2timestamptz: midnight local time in the zone. */
export function date2timestamptz(d: number, zone: TimeZone): number {
  if (!Number.isFinite(d)) return d;
  if (d >= TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE) throw err('22008', 'date out of range for timestamp');
  const r = localToUtc(d * USECS_PER_DAY, zone);
  if (r < -211813488000000000 || r >= 9223371331200000000) throw err('22008', 'date out of range for timestamp');
  return r;
}

/** Comparison helpers that never fail (date2timestamp_no_overflow). */
export function date2timestampNoOverflow(d: number): number {
  if (!Number.isFinite(d)) return d;
  if (d >= TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE) return Infinity;
  return d * USECS_PER_DAY;
}
export function date2timestamptzNoOverflow(d: number, zone: TimeZone): number {
  if (!Number.isFinite(d)) return d;
  if (d >= TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE) return Infinity;
  if (d < -POSTGRES_EPOCH_JDATE + 1) return -Infinity;
  const r = localToUtc(d * USECS_PER_DAY, zone);
  if (r >= 9223371331200000000) return Infinity;
  if (r < -211813488000000000) return -Infinity;
  return r;
}

/** timestamp → date */
export function timestamp2date(ts: number): number {
  if (!Number.isFinite(ts)) return ts === Infinity ? Infinity : -Infinity;
  return splitDays(ts)[0];
}

/** timestamptz → date in the zone */
export function timestamptz2date(ts: number, zone: TimeZone): number {
  if (!Number.isFinite(ts)) return ts;
  const tm = tzTm(ts, zone);
  return date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
}

// ---------------------------------------------------------------- arithmetic

export function datePlusDays(d: number, days: number): number {
  if (!Number.isFinite(d)) return d;
  const r = d + days;
  if (r > INT32_MAX || r < INT32_MIN || !isValidDate(r)) throw err('22008', 'date out of range');
  return r;
}

export function dateMinusDate(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw err('22008', 'cannot subtract infinite dates');
  return a - b;
}

export function makeDate(y: number, m: number, d: number): number {
  const bc = y < 0;
  let year = y;
  if (bc) year = y + 1;
  const label = () => `date field value out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (y === 0 || m < 1 || m > 12 || d < 1 || d > 31) throw err('22008', label());
  const dim = new Date(Date.UTC(2000, 0, 1)); void dim;
  const leap = (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const dims = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > dims[m - 1]) throw err('22008', label());
  if (!isValidJulian(year, m, d)) throw err('22008', `date out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const r = date2j(year, m, d) - POSTGRES_EPOCH_JDATE;
  if (!isValidDate(r)) throw err('22008', `date out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return r;
}

/** Broken-down date of a finite date value. */
export const dateTm = (d: number): Tm => timestamp2tm(d * USECS_PER_DAY);

// ---------------------------------------------------------------- registration

export const dateType: PgType = {
  oid: DATE_OID, name: 'date', category: 'D', preferred: false, len: 4, array: DATE_ARRAY_OID,
  input: (text, _typmod, s) => dateIn(text, s),
  output: (v, s) => dateOut(v as number, s),
  compare: (a, b) => cmpNum(a as number, b as number),
  formatType: () => 'date',
};
registerType(dateType);
registerArray(DATE_ARRAY_OID, '_date', dateType);

const D = DATE_OID;
const cmpOps: [string, (c: number) => boolean][] = [
  ['=', (c) => c === 0], ['<>', (c) => c !== 0], ['<', (c) => c < 0], ['<=', (c) => c <= 0], ['>', (c) => c > 0], ['>=', (c) => c >= 0],
];
for (const [name, test] of cmpOps) {
  registerOperator({ name, left: D, right: D, ret: BOOL_OID, fn: (a, b) => test(cmpNum(a as number, b as number)) });
}
registerOperator({ name: '+', left: D, right: INT4_OID, ret: D, fn: (a, b) => datePlusDays(a as number, b as number) });
registerOperator({ name: '+', left: INT4_OID, right: D, ret: D, fn: (a, b) => datePlusDays(b as number, a as number) });
registerOperator({ name: '-', left: D, right: INT4_OID, ret: D, fn: (a, b) => datePlusDays(a as number, -(b as number)) });
registerOperator({ name: '-', left: D, right: D, ret: INT4_OID, fn: (a, b) => dateMinusDate(a as number, b as number) });

registerFunction({ name: 'make_date', args: [INT4_OID, INT4_OID, INT4_OID], ret: D, fn: ([y, m, d]) => makeDate(y as number, m as number, d as number) });
registerFunction({ name: 'isfinite', args: [D], ret: BOOL_OID, fn: ([d]) => Number.isFinite(d as number) });
registerFunction({ name: 'date_cmp', args: [D, D], ret: INT4_OID, fn: ([a, b]) => cmpNum(a as number, b as number) });
registerFunction({ name: 'date_larger', args: [D, D], ret: D, fn: ([a, b]) => ((a as number) >= (b as number) ? a : b) });
registerFunction({ name: 'date_smaller', args: [D, D], ret: D, fn: ([a, b]) => ((a as number) <= (b as number) ? a : b) });

export { USECS_PER_SEC };
