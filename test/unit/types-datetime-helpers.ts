// Shared by the date/time unit tests: settings from a [DateStyle, IntervalStyle, TimeZone]
// triple, and the "ERR <sqlstate> <message> …" text the expected values use for errors.
import type { FormatSettings } from '../../src/types/type.js';

export function settings(style: string[]): FormatSettings {
  const [ds, order] = style[0].split(', ');
  return {
    dateStyle: ds as FormatSettings['dateStyle'], dateOrder: order as FormatSettings['dateOrder'], timeZone: style[2],
    intervalStyle: style[1] as FormatSettings['intervalStyle'], extraFloatDigits: 1, byteaOutput: 'hex',
  };
}
export function errText(x: any): string {
  if (!x || !x.code) throw x;
  return `ERR ${x.code} ${x.message}${x.hint ? ' HINT ' + x.hint : ''}${x.detail ? ' DETAIL ' + x.detail : ''}`;
}
