// Conversions shared by the date/time types: the current time, time zone
// application (UTC µs ↔ local broken-down time), decode contexts.
import type { FormatSettings } from './type.js';
import type { EvalContext } from './registry.js';
import {
  DtErr, dtParseError, err, EPOCH_DIFF_USECS, Tm, timestamp2tm, tm2timestamp, USECS_PER_SEC, splitDays,
  USECS_PER_DAY, POSTGRES_EPOCH_JDATE, isValidTimestamp, timestampOutOfRange,
} from './datetime-common.js';
import { localOffset, sessionZone, TimeZone } from './timezone.js';
import type { DecodeContext } from './datetime-parse.js';

const UNIX_OFFSET_SEC = EPOCH_DIFF_USECS / USECS_PER_SEC; // 946684800

/** Wall clock now in µs since 2000-01-01 UTC (clock_timestamp()). */
export function clockMicros(): number {
  const hr = performance.timeOrigin + performance.now();
  return Math.round(hr * 1000) - EPOCH_DIFF_USECS;
}

let nowProvider: (() => number) | null = null;
/**
 * Input functions (which see only FormatSettings) resolve 'now', 'today', … with
 * this: the engine sets it to return the current transaction's start (µs since 2000).
 */
export function setNowProvider(fn: (() => number) | null): void { nowProvider = fn; }

export function currentTxnMicros(s?: FormatSettings): number {
  const v = s && (s as unknown as { txnTimestamp?: number }).txnTimestamp;
  if (typeof v === 'number') return v;
  return nowProvider ? nowProvider() : clockMicros();
}

export function decodeCtx(s: FormatSettings, now?: number): DecodeContext {
  return {
    now: now ?? currentTxnMicros(s), zone: sessionZone(s.timeZone), dateOrder: s.dateOrder,
    intervalStyle: s.intervalStyle,
  };
}

export const ctxDecode = (ctx: EvalContext): DecodeContext => decodeCtx(ctx.settings, ctx.txnTimestamp);

/** Convert DtErr (thrown by the decoders) to PostgreSQL's error for the type. */
export function rethrowDt(e: unknown, str: string, typeName: string): never {
  if (e instanceof DtErr) {
    if (e.code === -100) throw err('22023', `time zone "${(e as unknown as { zoneName: string }).zoneName}" not recognized`);
    throw dtParseError(e.code, str, typeName);
  }
  throw e;
}

/** µs since 2000 UTC → seconds since 1970. */
export const unixSec = (ts: number): number => Math.floor(ts / USECS_PER_SEC) + UNIX_OFFSET_SEC;

/** Offset east (seconds) of a zone at a UTC timestamp. */
export function zoneOffsetAt(zone: TimeZone, ts: number): number {
  if (zone.fixedOffset !== null) return zone.fixedOffset;
  return zone.offsetAt(unixSec(ts));
}

/** timestamp2tm with a zone: UTC µs → local broken-down time, tz (seconds west), tzn. */
export function tzTm(ts: number, zone: TimeZone): Tm {
  const off = zoneOffsetAt(zone, ts);
  const tm = timestamp2tm(ts + off * USECS_PER_SEC);
  tm.tz = -off;
  tm.tzn = zone.abbrevAt(unixSec(ts));
  tm.isdst = 0;
  return tm;
}

/** Local wall-clock µs → UTC µs in a zone (PostgreSQL's DST rules). */
export function localToUtc(local: number, zone: TimeZone): number {
  if (zone.fixedOffset !== null) return local - zone.fixedOffset * USECS_PER_SEC;
  const off = localOffset(zone, Math.floor(local / USECS_PER_SEC) + UNIX_OFFSET_SEC);
  return local - off * USECS_PER_SEC;
}

/** UTC µs → local wall-clock µs. */
export function utcToLocal(ts: number, zone: TimeZone): number {
  return ts + zoneOffsetAt(zone, ts) * USECS_PER_SEC;
}

/** timestamp (local) → timestamptz in the session zone, with range check. */
export function timestamp2timestamptz(ts: number, zone: TimeZone): number {
  if (!Number.isFinite(ts)) return ts;
  const r = localToUtc(ts, zone);
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}

/** timestamptz → timestamp (local) in the session zone. */
export function timestamptz2timestamp(ts: number, zone: TimeZone): number {
  if (!Number.isFinite(ts)) return ts;
  const r = utcToLocal(ts, zone);
  if (!isValidTimestamp(r)) throw timestampOutOfRange();
  return r;
}

/** tm (local) + tz (seconds west) → UTC µs, or null when out of range. */
export function tm2timestamptz(tm: Tm, tz: number): number | null {
  const local = tm2timestamp(tm);
  if (local === null) return null;
  const r = local + tz * USECS_PER_SEC;
  return isValidTimestamp(r) ? r : null;
}

export const dateOfTimestamp = (ts: number): number => splitDays(ts)[0];
export { USECS_PER_DAY, POSTGRES_EPOCH_JDATE };
