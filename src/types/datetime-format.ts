// Date/time text output: EncodeDateOnly / EncodeTimeOnly / EncodeDateTime /
// EncodeInterval, byte-identical to PostgreSQL for every DateStyle and IntervalStyle.
import type { FormatSettings } from './type.js';
import {
  DAYS, date2j, j2day, MONTHS, pad2, padN, Tm, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC,
} from './datetime-common.js';

/** AppendSeconds: seconds with up to 6 fraction digits, trailing zeros trimmed. */
export function appendSeconds(sec: number, fsec: number, fillzeros: boolean): string {
  sec = Math.abs(sec);
  const s = fillzeros && sec < 10 ? '0' + sec : String(sec);
  if (fsec === 0) return s;
  let f = padN(Math.abs(fsec), 6);
  let end = f.length;
  while (end > 0 && f.charCodeAt(end - 1) === 48) end--;
  f = f.slice(0, end);
  return s + '.' + f;
}

/** EncodeTimezone: tz in PostgreSQL sign (seconds west). */
export function encodeTimezone(tz: number): string {
  let sec = Math.abs(tz);
  let min = Math.floor(sec / 60);
  sec -= min * 60;
  const hour = Math.floor(min / 60);
  min -= hour * 60;
  const sign = tz <= 0 ? '+' : '-';
  if (sec !== 0) return sign + pad2(hour) + ':' + pad2(min) + ':' + pad2(sec);
  if (min !== 0) return sign + pad2(hour) + ':' + pad2(min);
  return sign + pad2(hour);
}

const yearStr = (y: number): string => padN(y > 0 ? y : -(y - 1), 4);

/** EncodeDateOnly */
export function encodeDateOnly(tm: Tm, s: FormatSettings): string {
  let r: string;
  switch (s.dateStyle) {
    case 'ISO':
      r = yearStr(tm.year) + '-' + pad2(tm.mon) + '-' + pad2(tm.mday);
      break;
    case 'SQL':
      r = (s.dateOrder === 'DMY' ? pad2(tm.mday) + '/' + pad2(tm.mon) : pad2(tm.mon) + '/' + pad2(tm.mday)) +
        '/' + yearStr(tm.year);
      break;
    case 'German':
      r = pad2(tm.mday) + '.' + pad2(tm.mon) + '.' + yearStr(tm.year);
      break;
    default:
      r = (s.dateOrder === 'DMY' ? pad2(tm.mday) + '-' + pad2(tm.mon) : pad2(tm.mon) + '-' + pad2(tm.mday)) +
        '-' + yearStr(tm.year);
  }
  return tm.year <= 0 ? r + ' BC' : r;
}

/** EncodeTimeOnly (tz given → timetz). */
export function encodeTimeOnly(hour: number, min: number, sec: number, fsec: number, tz?: number): string {
  const r = pad2(hour) + ':' + pad2(min) + ':' + appendSeconds(sec, fsec, true);
  return tz === undefined ? r : r + encodeTimezone(tz);
}

/**
 * EncodeDateTime. printTz: timestamptz; tz (seconds west) and tzn (abbreviation)
 * describe the zone the value is shown in.
 */
export function encodeDateTime(tm: Tm, printTz: boolean, tz: number, tzn: string | undefined, s: FormatSettings): string {
  let r: string;
  const time = pad2(tm.hour) + ':' + pad2(tm.min) + ':' + appendSeconds(tm.sec, tm.fsec, true);
  switch (s.dateStyle) {
    case 'ISO':
      r = yearStr(tm.year) + '-' + pad2(tm.mon) + '-' + pad2(tm.mday) + ' ' + time;
      if (printTz) r += encodeTimezone(tz);
      break;
    case 'SQL':
      r = (s.dateOrder === 'DMY' ? pad2(tm.mday) + '/' + pad2(tm.mon) : pad2(tm.mon) + '/' + pad2(tm.mday)) +
        '/' + yearStr(tm.year) + ' ' + time;
      if (printTz) r += tzn ? ' ' + tzn : encodeTimezone(tz);
      break;
    case 'German':
      r = pad2(tm.mday) + '.' + pad2(tm.mon) + '.' + yearStr(tm.year) + ' ' + time;
      if (printTz) r += tzn ? ' ' + tzn : encodeTimezone(tz);
      break;
    default: {
      const wday = j2day(date2j(tm.year, tm.mon, tm.mday));
      r = DAYS[wday].slice(0, 3) + ' ' +
        (s.dateOrder === 'DMY' ? pad2(tm.mday) + ' ' + MONTHS[tm.mon - 1] : MONTHS[tm.mon - 1] + ' ' + pad2(tm.mday)) +
        ' ' + time + ' ' + yearStr(tm.year);
      if (printTz) r += tzn ? ' ' + tzn : ' ' + encodeTimezone(tz);
    }
  }
  return tm.year <= 0 ? r + ' BC' : r;
}

/** Interval broken down the way interval2itm does. */
export interface Itm { year: number; mon: number; mday: number; hour: number; min: number; sec: number; usec: number; }

export function interval2itm(months: number, days: number, micros: number): Itm {
  const year = Math.trunc(months / 12);
  const mon = months - year * 12;
  let t = micros;
  const hour = Math.trunc(t / USECS_PER_HOUR);
  t -= hour * USECS_PER_HOUR;
  const min = Math.trunc(t / USECS_PER_MINUTE);
  t -= min * USECS_PER_MINUTE;
  const sec = Math.trunc(t / USECS_PER_SEC);
  const usec = t - sec * USECS_PER_SEC;
  return { year: year + 0, mon: mon + 0, mday: days + 0, hour: hour + 0, min: min + 0, sec: sec + 0, usec: usec + 0 };
}

const abs = Math.abs;

/** EncodeInterval */
export function encodeInterval(itm: Itm, style: FormatSettings['intervalStyle']): string {
  let { year, mon, mday, hour, min, sec, usec: fsec } = itm;
  let isBefore = false, isZero = true;
  switch (style) {
    case 'sql_standard': {
      const hasNeg = year < 0 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
      const hasPos = year > 0 || mon > 0 || mday > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
      const hasYM = year !== 0 || mon !== 0;
      const hasDT = mday !== 0 || hour !== 0 || min !== 0 || sec !== 0 || fsec !== 0;
      const hasDay = mday !== 0;
      const sqlStd = !(hasNeg && hasPos) && !(hasYM && hasDT);
      let r = '';
      if (hasNeg && sqlStd) {
        r = '-';
        year = -year; mon = -mon; mday = -mday; hour = -hour; min = -min; sec = -sec; fsec = -fsec;
      }
      if (!hasNeg && !hasPos) return r + '0';
      if (!sqlStd) {
        const ys = year < 0 || mon < 0 ? '-' : '+';
        const ds = mday < 0 ? '-' : '+';
        const ss = hour < 0 || min < 0 || sec < 0 || fsec < 0 ? '-' : '+';
        return r + `${ys}${abs(year)}-${abs(mon)} ${ds}${abs(mday)} ${ss}${abs(hour)}:${pad2(abs(min))}:` +
          appendSeconds(sec, fsec, true);
      }
      if (hasYM) return r + `${year}-${mon}`;
      if (hasDay) return r + `${mday} ${hour}:${pad2(min)}:` + appendSeconds(sec, fsec, true);
      return r + `${hour}:${pad2(min)}:` + appendSeconds(sec, fsec, true);
    }
    case 'iso_8601': {
      if (year === 0 && mon === 0 && mday === 0 && hour === 0 && min === 0 && sec === 0 && fsec === 0) return 'PT0S';
      let r = 'P';
      if (year) r += year + 'Y';
      if (mon) r += mon + 'M';
      if (mday) r += mday + 'D';
      if (hour || min || sec || fsec) r += 'T';
      if (hour) r += hour + 'H';
      if (min) r += min + 'M';
      if (sec || fsec) {
        if (sec < 0 || fsec < 0) r += '-';
        r += appendSeconds(sec, fsec, false) + 'S';
      }
      return r;
    }
    case 'postgres': {
      let r = '';
      const add = (value: number, units: string): void => {
        if (value === 0) return;
        r += (!isZero ? ' ' : '') + (isBefore && value > 0 ? '+' : '') + value + ' ' + units + (value !== 1 ? 's' : '');
        isBefore = value < 0;
        isZero = false;
      };
      add(year, 'year');
      add(mon, 'mon');
      add(mday, 'day');
      if (isZero || hour !== 0 || min !== 0 || sec !== 0 || fsec !== 0) {
        const minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
        r += (isZero ? '' : ' ') + (minus ? '-' : isBefore ? '+' : '') + pad2(abs(hour)) + ':' + pad2(abs(min)) + ':' +
          appendSeconds(sec, fsec, true);
      }
      return r;
    }
    default: {
      let r = '@';
      const add = (value: number, units: string): void => {
        if (value === 0) return;
        if (isZero) { isBefore = value < 0; value = abs(value); } else if (isBefore) value = -value;
        r += ' ' + value + ' ' + units + (value === 1 ? '' : 's');
        isZero = false;
      };
      add(year, 'year');
      add(mon, 'mon');
      add(mday, 'day');
      add(hour, 'hour');
      add(min, 'min');
      if (sec !== 0 || fsec !== 0) {
        r += ' ';
        if (sec < 0 || (sec === 0 && fsec < 0)) {
          if (isZero) isBefore = true;
          else if (!isBefore) r += '-';
        } else if (isBefore) r += '-';
        r += appendSeconds(sec, fsec, false) + ' sec' + (abs(sec) !== 1 || fsec !== 0 ? 's' : '');
        isZero = false;
      }
      if (isZero) r += ' 0';
      if (isBefore) r += ' ago';
      return r;
    }
  }
}
