// to_char for timestamp, timestamptz (a date is read as one) and interval (formatting.c's
// DCH_to_char): template patterns, FM / TM prefixes, TH / th suffixes, quoted text.
// to_date / to_timestamp(text, text) (the parsing direction) are not implemented yet.
import { OID } from './oids.js';
import { fn } from './define.js';
import { DAYS, MONTHS, MONTH_NAMES, date2j, j2day, timestamp2tm, type Tm } from './datetime-common.js';
import { tzTm } from './datetime-core.js';
import { interval2itm } from './datetime-format.js';
import type { Interval } from './interval.js';
import { sessionZone } from './timezone.js';

const { text, timestamp, timestamptz, interval } = OID;

// the patterns, longest first within each starting letter (formatting.c's DCH_keywords order)
const KEYWORDS = [
  'A.D.', 'A.M.', 'AD', 'AM', 'B.C.', 'BC', 'CC', 'DAY', 'DDD', 'DD', 'DY', 'Day', 'Dy', 'D',
  'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6', 'FX', 'HH24', 'HH12', 'HH', 'IDDD', 'ID', 'IW', 'IYYY', 'IYY', 'IY', 'I',
  'J', 'MI', 'MM', 'MONTH', 'MON', 'MS', 'Month', 'Mon', 'OF', 'P.M.', 'PM', 'Q', 'RM', 'SSSSS', 'SSSS', 'SS',
  'TZH', 'TZM', 'TZ', 'US', 'WW', 'W', 'Y,YYY', 'YYYY', 'YYY', 'YY', 'Y',
  'a.d.', 'a.m.', 'ad', 'am', 'b.c.', 'bc', 'cc', 'day', 'ddd', 'dd', 'dy', 'd', 'ff1', 'ff2', 'ff3', 'ff4', 'ff5', 'ff6',
  'fx', 'hh24', 'hh12', 'hh', 'iddd', 'id', 'iw', 'iyyy', 'iyy', 'iy', 'i', 'j', 'mi', 'mm', 'month', 'mon', 'ms',
  'of', 'p.m.', 'pm', 'q', 'rm', 'sssss', 'ssss', 'ss', 'tzh', 'tzm', 'tz', 'us', 'ww', 'w', 'y,yyy', 'yyyy', 'yyy', 'yy', 'y',
];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

interface Src extends Tm { interval: boolean; tzOff: number | null; tzName: string }

const pad = (n: number, width: number, fm: boolean): string => {
  if (fm) return String(n);
  // C's %0*d: the sign counts in the width
  return n < 0 ? '-' + String(-n).padStart(width - 1, '0') : String(n).padStart(width, '0');
};

function ordinal(n: number, upper: boolean): string {
  const m = Math.abs(n) % 100;
  const s = m >= 11 && m <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th';
  return upper ? s.toUpperCase() : s;
}

function isoWeekStart(year: number): number {
  const day4 = date2j(year, 1, 4);
  return day4 - ((j2day(day4 - 1) + 7) % 7);
}
/** date2isoyear and date2isoweek */
function isoYearWeek(y: number, m: number, d: number): [number, number] {
  const dayn = date2j(y, m, d);
  let year = y;
  let start = isoWeekStart(year);
  if (dayn < start) { year--; start = isoWeekStart(year); }
  const next = isoWeekStart(year + 1);
  if (dayn >= next) { year++; start = next; }
  return [year, Math.floor((dayn - start) / 7) + 1];
}

/** One pattern's text; `fm` suppresses padding. */
function field(k: string, t: Src, fm: boolean): string | number {
  const upper = k.toUpperCase();
  const cased = (s: string) => (k === upper ? s.toUpperCase() : k[0] === k[0].toUpperCase() ? s : s.toLowerCase());
  const bc = t.year <= 0;
  const year = t.interval ? t.year : bc ? -(t.year - 1) : t.year;
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const doy = date2j(t.year, t.mon, t.mday) - date2j(t.year, 1, 1) + 1;
  const wday = t.interval ? 0 : j2day(date2j(t.year, t.mon, t.mday));
  switch (upper) {
    case 'A.D.': case 'B.C.': return cased(bc ? 'B.C.' : 'A.D.');
    case 'AD': case 'BC': return cased(bc ? 'BC' : 'AD');
    case 'A.M.': case 'P.M.': return cased(t.hour >= 12 ? 'P.M.' : 'A.M.');
    case 'AM': case 'PM': return cased(t.hour >= 12 ? 'PM' : 'AM');
    case 'HH': case 'HH12': return pad(t.interval ? t.hour % 12 : hour12, 2, fm);
    case 'HH24': return pad(t.hour, 2, fm);
    case 'MI': return pad(t.min, 2, fm);
    case 'SS': return pad(t.sec, 2, fm);
    case 'MS': return pad(Math.floor(t.fsec / 1000), 3, fm);
    case 'US': return pad(t.fsec, 6, fm);
    case 'FF1': case 'FF2': case 'FF3': case 'FF4': case 'FF5': case 'FF6': {
      const n = Number(upper[2]);
      return pad(Math.floor(t.fsec / 10 ** (6 - n)), n, fm);
    }
    case 'SSSS': case 'SSSSS': return String(t.hour * 3600 + t.min * 60 + t.sec);
    case 'TZ': return k === 'TZ' ? t.tzName.toUpperCase() : t.tzName.toLowerCase();
    case 'OF': case 'TZH': case 'TZM': {
      if (t.tzOff === null) return '';
      const off = -t.tzOff, a = Math.abs(off);
      const h = Math.floor(a / 3600), mi = Math.floor((a % 3600) / 60);
      const sign = off < 0 ? '-' : '+';
      if (upper === 'TZH') return sign + pad(h, 2, false);
      if (upper === 'TZM') return pad(mi, 2, false);
      return sign + pad(h, 2, fm) + (mi ? ':' + pad(mi, 2, false) : '');
    }
    case 'MONTH': return fm ? cased(MONTH_NAMES[t.mon - 1] ?? '') : cased(MONTH_NAMES[t.mon - 1] ?? '').padEnd(9);
    case 'MON': return cased(MONTHS[t.mon - 1] ?? '');
    case 'MM': return pad(t.mon, 2, fm);
    case 'DAY': return fm ? cased(DAYS[wday]) : cased(DAYS[wday]).padEnd(9);
    case 'DY': return cased(DAYS[wday].slice(0, 3));
    case 'DDD': return pad(doy, 3, fm);
    case 'IDDD': { const [iy] = isoYearWeek(t.year, t.mon, t.mday); return pad(date2j(t.year, t.mon, t.mday) - isoWeekStart(iy) + 1, 3, fm); }
    case 'DD': return pad(t.mday, 2, fm);
    case 'D': return String(wday + 1);
    case 'ID': return String(wday === 0 ? 7 : wday);
    case 'WW': return pad(Math.floor((doy - 1) / 7) + 1, 2, fm);
    case 'IW': return pad(isoYearWeek(t.year, t.mon, t.mday)[1], 2, fm);
    case 'W': return String(Math.floor((t.mday - 1) / 7) + 1);
    case 'Q': return t.mon ? String(Math.floor((t.mon - 1) / 3) + 1) : '';
    case 'CC': {
      const cc = t.interval ? Math.trunc(year / 100) : t.year > 0 ? Math.floor((t.year - 1) / 100) + 1 : Math.trunc(t.year / 100) - 1;
      return pad(cc, cc >= 0 ? 2 : 3, fm);
    }
    case 'Y,YYY': return `${Math.floor(year / 1000)},${pad(year % 1000, 3, false)}`;
    case 'YYYY': return pad(year, 4, fm);
    case 'YYY': return pad(year % 1000, 3, fm);
    case 'YY': return pad(year % 100, 2, fm);
    case 'Y': return String(year % 10);
    case 'IYYY': case 'IYY': case 'IY': case 'I': {
      const iy = isoYearWeek(t.year, t.mon, t.mday)[0];
      const digits = upper.length;
      return digits === 4 ? pad(iy, 4, fm) : pad(iy % 10 ** digits, digits, fm);
    }
    case 'J': return String(date2j(t.year, t.mon, t.mday));
    case 'RM': { const r = t.mon ? ROMAN[t.mon - 1] : ''; const s = k === 'RM' ? r : r.toLowerCase(); return fm ? s : s.padEnd(4); }
    default: return ''; // FX
  }
}

const NUMERIC = new Set(['HH', 'HH12', 'HH24', 'MI', 'SS', 'MS', 'US', 'SSSS', 'SSSSS', 'MM', 'DDD', 'IDDD', 'DD', 'D', 'ID', 'WW', 'IW', 'W', 'Q', 'CC',
  'Y,YYY', 'YYYY', 'YYY', 'YY', 'Y', 'IYYY', 'IYY', 'IY', 'I', 'J', 'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6']);

export function formatDateTime(t: Src, fmt: string): string {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    let fm = false;
    // prefixes: FM (fill mode), TM (translation: English names here), FX (exact input only)
    for (;;) {
      const p = fmt.slice(i, i + 2);
      if (p === 'FM' || p === 'fm') { fm = true; i += 2; } else if (p === 'TM' || p === 'tm') i += 2; else break;
    }
    const k = KEYWORDS.find(w => fmt.startsWith(w, i));
    if (k) {
      i += k.length;
      const v = field(k, t, fm);
      out += v;
      const sfx = fmt.slice(i, i + 2);
      if ((sfx === 'TH' || sfx === 'th') && NUMERIC.has(k.toUpperCase())) { out += ordinal(parseInt(String(v), 10), sfx === 'TH'); i += 2; }
      continue;
    }
    const c = fmt[i];
    if (c === '"') {
      // quoted text is copied; a backslash inside escapes the next character
      i++;
      while (i < fmt.length && fmt[i] !== '"') { if (fmt[i] === '\\' && i + 1 < fmt.length) i++; out += fmt[i++]; }
      i++;
      continue;
    }
    if (c === '\\' && fmt[i + 1] === '"') { out += '"'; i += 2; continue; }
    out += c;
    i++;
  }
  return out;
}

const fromTimestamp = (ts: number): Src => ({ ...timestamp2tm(ts), interval: false, tzOff: null, tzName: '' });

fn('to_char', [timestamp, text], text, ([v, f]) => (typeof v === 'number' && Number.isFinite(v) ? formatDateTime(fromTimestamp(v), f as string) : null),
  { volatility: 's' });
fn('to_char', [timestamptz, text], text, ([v, f], ctx) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const tm = tzTm(v, sessionZone(ctx.settings.timeZone));
  return formatDateTime({ ...tm, interval: false, tzOff: tm.tz ?? 0, tzName: tm.tzn ?? '' }, f as string);
}, { volatility: 's' });
fn('to_char', [interval, text], text, ([v, f]) => {
  const iv = v as Interval;
  const itm = interval2itm(iv.months, iv.days, iv.micros);
  return formatDateTime({ year: itm.year, mon: itm.mon, mday: itm.mday, hour: itm.hour, min: itm.min, sec: itm.sec, fsec: itm.usec,
    interval: true, tzOff: null, tzName: '' }, f as string);
}, { volatility: 's' });
