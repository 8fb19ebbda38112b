// time (1083) and timetz (1266): text I/O, precision typmods, comparison and
// arithmetic with intervals.
import type { FormatSettings, PgType } from './type.js';
import { registerCast, registerFunction, registerOperator, registerType, type EvalContext } from './registry.js';
import {
  anytimeTypmodIn, BOOL_OID, FLOAT8_OID, INT4_OID, roundMicros, time2parts, TIME_ARRAY_OID, TIME_OID,
  TIMETZ_ARRAY_OID, TIMETZ_OID, USECS_PER_DAY, USECS_PER_SEC, err, timeToMicros, Tm, INTERVAL_OID,
} from './datetime-common.js';
import { currentTm, decodeTimeOnly, determineTzOffset, parseDateTime, rint } from './datetime-parse.js';
import { encodeTimeOnly } from './datetime-format.js';
import { ctxDecode, decodeCtx, rethrowDt } from './datetime-core.js';
import { Interval } from './interval.js';
import { registerArray } from './datetime-array.js';
import { sessionZone } from './timezone.js';

export interface TimeTz { time: number; offset: number; }

function decodeTime(str: string, s: FormatSettings, typeName: string): { tm: Tm; tz: number } {
  try {
    const r = decodeTimeOnly(parseDateTime(str, 153), true, decodeCtx(s));
    return { tm: r.tm, tz: r.tz ?? 0 };
  } catch (e) {
    rethrowDt(e, str, typeName);
  }
}

export function timeIn(str: string, typmod: number, s: FormatSettings): number {
  const { tm } = decodeTime(str, s, 'time');
  const t = timeToMicros(tm.hour, tm.min, tm.sec, tm.fsec);
  return typmod >= 0 ? roundMicros(t, typmod) : t;
}

export function timeOut(t: number): string {
  const [h, m, sec, fsec] = time2parts(t);
  return encodeTimeOnly(h, m, sec, fsec);
}

export function timetzIn(str: string, typmod: number, s: FormatSettings): TimeTz {
  const { tm, tz } = decodeTime(str, s, 'time with time zone');
  let t = timeToMicros(tm.hour, tm.min, tm.sec, tm.fsec);
  if (typmod >= 0) t = roundMicros(t, typmod);
  return { time: t, offset: tz };
}

export function timetzOut(v: TimeTz): string {
  const [h, m, sec, fsec] = time2parts(v.time);
  return encodeTimeOnly(h, m, sec, fsec, v.offset);
}

const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);
export function timetzCmp(a: TimeTz, b: TimeTz): number {
  const t1 = a.time + a.offset * USECS_PER_SEC, t2 = b.time + b.offset * USECS_PER_SEC;
  if (t1 !== t2) return t1 < t2 ? -1 : 1;
  return cmpNum(a.offset, b.offset);
}

/** Normalise µs into [0, 1 day). */
export function wrapTime(t: number): number {
  t -= Math.trunc(t / USECS_PER_DAY) * USECS_PER_DAY;
  if (t < 0) t += USECS_PER_DAY;
  return t + 0;
}

/** time → timetz using the session zone's offset on the current date. */
export function timeToTimetz(t: number, ctx: EvalContext): TimeTz {
  const c = currentTm(ctxDecode(ctx));
  const [h, m, s] = time2parts(t);
  const probe: Tm = { ...c, hour: h, min: m, sec: s };
  return { time: t, offset: determineTzOffset(probe, sessionZone(ctx.settings.timeZone)) };
}

function formatG(v: number): string {
  let s = String(v);
  if (Math.abs(v) < 10 && v >= 0 && !s.includes('e')) s = '0' + s;
  return s;
}

export function makeTime(h: number, m: number, sec: number): number {
  const bad = Number.isNaN(sec) || h < 0 || h > 24 || m < 0 || m > 59 || sec < 0 || sec > 60 ||
    ((h * 60 + m) * 60) * USECS_PER_SEC + rint(sec * USECS_PER_SEC) > USECS_PER_DAY;
  if (bad) throw err('22008', `time field value out of range: ${h}:${String(m).padStart(2, '0')}:${formatG(sec)}`);
  return ((h * 60 + m) * 60) * USECS_PER_SEC + rint(sec * USECS_PER_SEC);
}

// ---------------------------------------------------------------- registration

export const timeType: PgType = {
  oid: TIME_OID, name: 'time', category: 'D', preferred: false, len: 8, array: TIME_ARRAY_OID,
  input: (text, typmod, s) => timeIn(text, typmod, s),
  output: (v) => timeOut(v as number),
  compare: (a, b) => cmpNum(a as number, b as number),
  applyTypmod: (v, typmod) => (typmod >= 0 ? roundMicros(v as number, typmod) : v),
  typmodIn: (mods) => anytimeTypmodIn(mods, false, 'TIME'),
  formatType: (typmod) => (typmod >= 0 ? `time(${typmod}) without time zone` : 'time without time zone'),
};
export const timetzType: PgType = {
  oid: TIMETZ_OID, name: 'timetz', category: 'D', preferred: false, len: 12, array: TIMETZ_ARRAY_OID,
  input: (text, typmod, s) => timetzIn(text, typmod, s),
  output: (v) => timetzOut(v as TimeTz),
  compare: (a, b) => timetzCmp(a as TimeTz, b as TimeTz),
  hashKey: (v) => (v as TimeTz).time + '|' + (v as TimeTz).offset,
  applyTypmod: (v, typmod) => (typmod >= 0 ? { time: roundMicros((v as TimeTz).time, typmod), offset: (v as TimeTz).offset } : v),
  typmodIn: (mods) => anytimeTypmodIn(mods, true, 'TIME'),
  formatType: (typmod) => (typmod >= 0 ? `time(${typmod}) with time zone` : 'time with time zone'),
};
registerType(timeType);
registerType(timetzType);
registerArray(TIME_ARRAY_OID, '_time', timeType);
registerArray(TIMETZ_ARRAY_OID, '_timetz', timetzType);

const T = TIME_OID, TZ = TIMETZ_OID, I = INTERVAL_OID;
const cmpOps: [string, (c: number) => boolean][] = [
  ['=', (c) => c === 0], ['<>', (c) => c !== 0], ['<', (c) => c < 0], ['<=', (c) => c <= 0], ['>', (c) => c > 0], ['>=', (c) => c >= 0],
];
for (const [name, test] of cmpOps) {
  registerOperator({ name, left: T, right: T, ret: BOOL_OID, fn: (a, b) => test(cmpNum(a as number, b as number)) });
  registerOperator({ name, left: TZ, right: TZ, ret: BOOL_OID, fn: (a, b) => test(timetzCmp(a as TimeTz, b as TimeTz)) });
}
registerOperator({ name: '-', left: T, right: T, ret: I, fn: (a, b) => new Interval(0, 0, (a as number) - (b as number)) });
registerOperator({ name: '+', left: T, right: I, ret: T, fn: (a, b) => wrapTime((a as number) + (b as Interval).micros) });
registerOperator({ name: '+', left: I, right: T, ret: T, fn: (a, b) => wrapTime((b as number) + (a as Interval).micros) });
registerOperator({ name: '-', left: T, right: I, ret: T, fn: (a, b) => wrapTime((a as number) - (b as Interval).micros) });
registerOperator({
  name: '+', left: TZ, right: I, ret: TZ,
  fn: (a, b) => ({ time: wrapTime((a as TimeTz).time + (b as Interval).micros), offset: (a as TimeTz).offset }),
});
registerOperator({
  name: '+', left: I, right: TZ, ret: TZ,
  fn: (a, b) => ({ time: wrapTime((b as TimeTz).time + (a as Interval).micros), offset: (b as TimeTz).offset }),
});
registerOperator({
  name: '-', left: TZ, right: I, ret: TZ,
  fn: (a, b) => ({ time: wrapTime((a as TimeTz).time - (b as Interval).micros), offset: (a as TimeTz).offset }),
});

registerCast({ source: T, target: TZ, context: 'i', fn: (v, ctx) => timeToTimetz(v as number, ctx) });
registerCast({ source: TZ, target: T, context: 'a', fn: (v) => (v as TimeTz).time });

registerFunction({ name: 'make_time', args: [INT4_OID, INT4_OID, FLOAT8_OID], ret: T, fn: ([h, m, s]) => makeTime(h as number, m as number, s as number) });
registerFunction({ name: 'time_cmp', args: [T, T], ret: INT4_OID, fn: ([a, b]) => cmpNum(a as number, b as number) });
registerFunction({ name: 'timetz_cmp', args: [TZ, TZ], ret: INT4_OID, fn: ([a, b]) => timetzCmp(a as TimeTz, b as TimeTz) });
registerFunction({ name: 'time_larger', args: [T, T], ret: T, fn: ([a, b]) => ((a as number) >= (b as number) ? a : b) });
registerFunction({ name: 'time_smaller', args: [T, T], ret: T, fn: ([a, b]) => ((a as number) <= (b as number) ? a : b) });
registerFunction({ name: 'timetz_larger', args: [TZ, TZ], ret: TZ, fn: ([a, b]) => (timetzCmp(a as TimeTz, b as TimeTz) >= 0 ? a : b) });
registerFunction({ name: 'timetz_smaller', args: [TZ, TZ], ret: TZ, fn: ([a, b]) => (timetzCmp(a as TimeTz, b as TimeTz) <= 0 ? a : b) });
