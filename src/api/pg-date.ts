// date / timestamp / timestamptz text (DateStyle ISO) read into a JavaScript Date the way
// node-postgres does (its postgres-date 1.0.7): date and timestamp as local time, timestamptz
// by its offset; 'infinity' / '-infinity' as the numbers Infinity / -Infinity; BC years.

const DATE_TIME = /(\d{1,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,})?.*?( BC)?$/;
const DATE = /^(\d{1,})-(\d{2})-(\d{2})( BC)?$/;
const TIME_ZONE = /([Z+-])(\d{2})?:?(\d{2})?:?(\d{2})?/;
const INFINITY = /^-?infinity$/;

export function parseDate(text: string): Date | number | null {
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  const m = DATE_TIME.exec(text);
  if (!m) return dateOnly(text) ?? null;
  let year = parseInt(m[1], 10);
  if (m[8]) year = bcYear(year);
  const month = parseInt(m[2], 10) - 1;
  const day = parseInt(m[3], 10);
  const hour = parseInt(m[4], 10), minute = parseInt(m[5], 10), second = parseInt(m[6], 10);
  const ms = m[7] ? 1000 * parseFloat(m[7]) : 0;
  const offset = zoneOffset(text);
  let date: Date;
  if (offset !== undefined) {
    date = new Date(Date.UTC(year, month, day, hour, minute, second, ms));
    if (year >= 0 && year < 100) date.setUTCFullYear(year);
    if (offset !== 0) date.setTime(date.getTime() - offset);
  } else {
    date = new Date(year, month, day, hour, minute, second, ms);
    if (year >= 0 && year < 100) date.setFullYear(year);
  }
  return date;
}

function dateOnly(text: string): Date | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  let year = parseInt(m[1], 10);
  if (m[4]) year = bcYear(year);
  const date = new Date(year, parseInt(m[2], 10) - 1, parseInt(m[3], 10));
  // the Date constructor maps years 0–99 to 1900–1999
  if (year >= 0 && year < 100) date.setFullYear(year);
  return date;
}

/** Milliseconds east of UTC, or undefined when the text has no zone. */
function zoneOffset(text: string): number | undefined {
  if (text.endsWith('+00')) return 0;
  const zone = TIME_ZONE.exec(text.split(' ')[1]);
  if (!zone) return undefined;
  if (zone[1] === 'Z') return 0;
  const sign = zone[1] === '-' ? -1 : 1;
  const seconds = parseInt(zone[2], 10) * 3600 + parseInt(zone[3] || '0', 10) * 60 + parseInt(zone[4] || '0', 10);
  return seconds * sign * 1000;
}

/** 1 BC is year 0 in JavaScript. */
const bcYear = (year: number) => -(year - 1);
