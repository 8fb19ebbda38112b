// to_date(text, text) and to_timestamp(text, text) (formatting.c's DCH_from_char, in its
// common forms): numeric fields, month and day names, AM/PM, BC, time zone offsets.
// A template character that is not a pattern skips one input character.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn } from './define.js';
import { DAYS, MONTHS, MONTH_NAMES, POSTGRES_EPOCH_JDATE, USECS_PER_SEC, daysInMonth, date2j, j2date, tm2timestamp } from './datetime-common.js';
import { localToUtc } from './datetime-core.js';
import { sessionZone } from './timezone.js';

const { text, date, timestamptz } = OID;

const PATTERNS = ['Y,YYY', 'YYYY', 'YYY', 'YY', 'Y', 'MONTH', 'Month', 'month', 'MON', 'Mon', 'mon', 'MM', 'DAY', 'Day', 'day', 'DY', 'Dy', 'dy',
  'DDD', 'DD', 'D', 'HH24', 'HH12', 'HH', 'MI', 'SSSSS', 'SSSS', 'SS', 'MS', 'US', 'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6',
  'AM', 'PM', 'am', 'pm', 'A.M.', 'P.M.', 'a.m.', 'p.m.', 'AD', 'BC', 'ad', 'bc', 'A.D.', 'B.C.', 'a.d.', 'b.c.', 'TZH', 'TZM', 'J', 'Q', 'CC', 'IW', 'WW', 'W'];
const WIDTH: Record<string, number> = { 'Y,YYY': 5, YYYY: 4, YYY: 3, YY: 2, Y: 1, MM: 2, DDD: 3, DD: 2, D: 1, HH24: 2, HH12: 2, HH: 2, MI: 2,
  SS: 2, SSSS: 5, SSSSS: 5, MS: 3, US: 6, FF1: 1, FF2: 2, FF3: 3, FF4: 4, FF5: 5, FF6: 6, TZH: 3, TZM: 2, J: 7, Q: 1, CC: 2, IW: 2, WW: 2, W: 1 };

interface Parsed { year?: number; mon?: number; mday?: number; yday?: number; hour: number; min: number; sec: number; usec: number;
  pm?: boolean; bc: boolean; tzOff?: number; julian?: number; twoDigitYear: boolean }

function parse(input: string, fmt: string): Parsed {
  const r: Parsed = { hour: 0, min: 0, sec: 0, usec: 0, bc: false, twoDigitYear: false };
  let i = 0, f = 0;
  while (f < fmt.length) {
    while (fmt.startsWith('FM', f) || fmt.startsWith('fm', f) || fmt.startsWith('TM', f) || fmt.startsWith('FX', f)) f += 2;
    const k = PATTERNS.find(p => fmt.startsWith(p, f));
    if (!k) {
      const c = fmt[f++];
      if (c === '"') { while (f < fmt.length && fmt[f] !== '"') { f++; i++; } f++; continue; }
      // a separator or space in the template skips one input character (and spaces before it)
      if (c === ' ') { while (input[i] === ' ') i++; continue; }
      if (i < input.length) i++;
      continue;
    }
    f += k.length;
    if (fmt.startsWith('TH', f) || fmt.startsWith('th', f)) f += 2;
    const upper = k.toUpperCase();
    if (upper === 'MONTH' || upper === 'MON' || upper === 'DAY' || upper === 'DY') {
      while (input[i] === ' ') i++;
      const names = upper === 'MONTH' ? MONTH_NAMES : upper === 'MON' ? MONTHS : upper === 'DAY' ? DAYS : DAYS.map(d => d.slice(0, 3));
      const idx = names.findIndex(n => input.slice(i, i + n.length).toLowerCase() === n.toLowerCase());
      if (idx < 0) throw new PgError('22007', `invalid value "${input.slice(i, i + (upper.length > 3 ? 9 : 3)).trim()}" for "${k}"`,
        { detail: `The given value did not match any of the allowed values for this field.` });
      i += names[idx].length;
      if (upper.startsWith('MON')) r.mon = idx + 1;
      continue;
    }
    if (/^[AP]\.?M\.?$/i.test(k)) {
      const m = /^([ap])\.?m\.?/i.exec(input.slice(i));
      if (!m) throw new PgError('22007', `invalid value "${input.slice(i, i + k.length)}" for "${k}"`, { detail: 'The given value did not match any of the allowed values for this field.' });
      r.pm = m[1].toLowerCase() === 'p';
      i += m[0].length;
      continue;
    }
    if (/^[AB]\.?[DC]\.?$/i.test(k)) {
      const m = /^([ab])\.?[dc]\.?/i.exec(input.slice(i));
      if (m) { r.bc = m[1].toLowerCase() === 'b'; i += m[0].length; }
      continue;
    }
    // a number: exactly its width when the next template item follows without a separator, else up to a non-digit
    while (input[i] === ' ') i++;
    const nextIsPattern = PATTERNS.some(p => fmt.startsWith(p, f));
    const width = WIDTH[upper] ?? 2;
    let j = i;
    if (input[j] === '-' || input[j] === '+') j++;
    const limit = nextIsPattern ? i + width : Infinity;
    while (j < input.length && j < limit && (/[0-9]/.test(input[j]) || (upper === 'Y,YYY' && input[j] === ','))) j++;
    const txt = input.slice(i, j).replace(',', '');
    if (!/^[+-]?[0-9]+$/.test(txt)) {
      throw new PgError('22007', `invalid value "${input.slice(i, i + width)}" for "${k}"`, { detail: 'Value must be an integer.' });
    }
    const v = parseInt(txt, 10);
    i = j;
    switch (upper) {
      case 'Y,YYY': case 'YYYY': r.year = v; break;
      case 'YYY': r.year = v < 100 ? v + 2000 : v < 1000 ? v + 1000 : v; break;
      case 'YY': r.year = v < 70 ? v + 2000 : v < 100 ? v + 1900 : v; r.twoDigitYear = true; break;
      case 'Y': r.year = v + 2000; break;
      case 'MM': r.mon = v; break;
      case 'DD': r.mday = v; break;
      case 'DDD': r.yday = v; break;
      case 'HH': case 'HH12': case 'HH24': r.hour = v; if (upper !== 'HH24' && (v < 1 || v > 12)) {
        throw new PgError('22008', `hour "${v}" is invalid for the 12-hour clock`, { hint: 'Use the 24-hour clock, or give an hour between 1 and 12.' });
      } break;
      case 'MI': r.min = v; break;
      case 'SS': r.sec = v; break;
      case 'SSSS': case 'SSSSS': r.hour = Math.floor(v / 3600); r.min = Math.floor((v % 3600) / 60); r.sec = v % 60; break;
      case 'MS': r.usec += v * 1000 * 10 ** (3 - txt.length); break;
      case 'US': r.usec += v * 10 ** (6 - txt.length); break;
      case 'TZH': r.tzOff = (r.tzOff ?? 0) + v * 3600; break;
      case 'TZM': r.tzOff = (r.tzOff ?? 0) + Math.sign(r.tzOff ?? 1) * v * 60; break;
      case 'J': r.julian = v; break;
      default:
        if (upper.startsWith('FF')) r.usec += v * 10 ** (6 - txt.length);
    }
  }
  return r;
}

function outOfRange(input: string): PgError {
  return new PgError('22008', `date/time field value out of range: "${input}"`);
}

/** The date (y, m, d) the fields give (missing fields are 1). */
function ymd(p: Parsed, input: string): [number, number, number] {
  if (p.julian !== undefined) return j2date(p.julian);
  let year = p.year ?? 1;
  if (p.bc) year = -(year - 1);
  if (p.yday !== undefined && p.mon === undefined) {
    const [y, m, d] = j2date(date2j(year, 1, 1) + p.yday - 1);
    if (y !== year) throw outOfRange(input);
    return [y, m, d];
  }
  const mon = p.mon ?? 1, mday = p.mday ?? 1;
  if (mon < 1 || mon > 12 || mday < 1 || mday > daysInMonth(year, mon)) throw outOfRange(input);
  return [year, mon, mday];
}

fn('to_date', [text, text], date, ([s, f]) => {
  const p = parse(s as string, f as string);
  const [y, m, d] = ymd(p, s as string);
  return date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
}, { volatility: 's' });

fn('to_timestamp', [text, text], timestamptz, ([s, f], ctx) => {
  const input = s as string;
  const p = parse(input, f as string);
  const [y, m, d] = ymd(p, input);
  let hour = p.hour;
  if (p.pm !== undefined) hour = p.pm ? (hour % 12) + 12 : hour % 12;
  if (hour > 24 || p.min > 59 || p.sec > 60 || (hour === 24 && (p.min || p.sec || p.usec))) throw outOfRange(input);
  const local = tm2timestamp({ year: y, mon: m, mday: d, hour, min: p.min, sec: p.sec, fsec: p.usec });
  if (local === null) throw new PgError('22008', 'timestamp out of range');
  if (p.tzOff !== undefined) return local - p.tzOff * USECS_PER_SEC;
  return localToUtc(local, sessionZone(ctx.settings.timeZone));
}, { volatility: 's' });
