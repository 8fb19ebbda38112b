// Set-returning functions: generate_series (integers, numeric, timestamps),
// generate_subscripts, and the json/jsonb ones that deconstruct objects and arrays
// (json_each, json_array_elements, …). Each returns an iterable of its rows: a value,
// or for functions with OUT columns (outCols) an array of them.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { ANYARRAY, functionsNamed } from './registry.js';
import { fn } from './define.js';
import { Numeric } from './numeric.js';
import { intervalCmp, mkInterval, type Interval } from './interval.js';
import { timestampPlInterval, timestamptzPlInterval } from './timestamp.js';
import { sessionZone } from './timezone.js';
import { JsonbObject, jsonbAsText, validateJson, type JsonbValue } from './json.js';
import { jsonTopLevel } from './json-split.js';

const { int4, int8, numeric, timestamp, timestamptz, interval, json, jsonb, text, bool } = OID;

const zeroStep = () => new PgError('22023', 'step size cannot equal zero');

function* intSeries(start: number, stop: number, step: number, max: number, min: number): Generator<number> {
  if (step === 0) throw zeroStep();
  // stops before the next value would overflow, as PostgreSQL's int4/int8 versions do
  for (let i = start; step > 0 ? i <= stop : i >= stop; i += step) {
    yield i;
    if (i + step > max || i + step < min) return;
  }
}

function* bigSeries(start: bigint, stop: bigint, step: bigint): Generator<bigint> {
  if (step === 0n) throw zeroStep();
  const max = 9223372036854775807n, min = -9223372036854775808n;
  for (let i = start; step > 0n ? i <= stop : i >= stop; i += step) {
    yield i;
    if (i + step > max || i + step < min) return;
  }
}

function* numericSeries(start: Numeric, stop: Numeric, step: Numeric): Generator<Numeric> {
  if (start.isNaN) throw new PgError('22023', 'start value cannot be NaN');
  if (start.isInfinite) throw new PgError('22023', 'start value cannot be infinity');
  if (stop.isNaN) throw new PgError('22023', 'stop value cannot be NaN');
  if (stop.isInfinite) throw new PgError('22023', 'stop value cannot be infinity');
  if (step.isNaN) throw new PgError('22023', 'step size cannot be NaN');
  if (step.isInfinite) throw new PgError('22023', 'step size cannot be infinity');
  if (step.isZero()) throw zeroStep();
  const up = step.sign > 0;
  for (let i = start; up ? i.compare(stop) <= 0 : i.compare(stop) >= 0; i = i.add(step)) yield i;
}

function* timeSeries(start: number, stop: number, step: Interval, add: (t: number, s: Interval) => number): Generator<number> {
  const sign = intervalCmp(step, mkInterval(0, 0, 0));
  if (sign === 0) throw zeroStep();
  for (let t = start; sign > 0 ? t <= stop : t >= stop; t = add(t, step)) yield t;
}

const INT4_MAX = 2147483647, INT4_MIN = -2147483648;
fn('generate_series', [int4, int4], int4, ([a, b]) => intSeries(a, b, 1, INT4_MAX, INT4_MIN), { retSet: true });
fn('generate_series', [int4, int4, int4], int4, ([a, b, s]) => intSeries(a, b, s, INT4_MAX, INT4_MIN), { retSet: true });
fn('generate_series', [int8, int8], int8, ([a, b]) => bigSeries(a, b, 1n), { retSet: true });
fn('generate_series', [int8, int8, int8], int8, ([a, b, s]) => bigSeries(a, b, s), { retSet: true });
fn('generate_series', [numeric, numeric], numeric, ([a, b]) => numericSeries(a, b, Numeric.ONE), { retSet: true });
fn('generate_series', [numeric, numeric, numeric], numeric, ([a, b, s]) => numericSeries(a, b, s), { retSet: true });
fn('generate_series', [timestamp, timestamp, interval], timestamp,
  ([a, b, s]) => timeSeries(a, b, s, timestampPlInterval), { retSet: true });
fn('generate_series', [timestamptz, timestamptz, interval], timestamptz,
  ([a, b, s], ctx) => timeSeries(a, b, s, (t, i) => timestamptzPlInterval(t, i, sessionZone(ctx.settings.timeZone))),
  { retSet: true, volatility: 's' });

/** The number of elements along each dimension of a (nested) array value. */
function dimLengths(a: unknown[]): number[] {
  const out: number[] = [];
  let x: unknown = a;
  while (Array.isArray(x) && x.length > 0) { out.push(x.length); x = x[0]; }
  return out;
}

function* subscripts(a: unknown[], dim: number, reverse: boolean): Generator<number> {
  const lens = dimLengths(a);
  if (dim < 1 || dim > lens.length) return;
  const n = lens[dim - 1];
  for (let i = 0; i < n; i++) yield reverse ? n - i : i + 1;
}
fn('generate_subscripts', [ANYARRAY, int4], int4, ([a, d]) => subscripts(a, d, false), { retSet: true });
fn('generate_subscripts', [ANYARRAY, int4, bool], int4, ([a, d, r]) => subscripts(a, d, r), { retSet: true });

// ---- json / jsonb ---------------------------------------------------------------

const KEY_VALUE = (valueType: number) => [{ name: 'key', type: text }, { name: 'value', type: valueType }];

function jsonbEach(v: JsonbValue, name: string, asText: boolean): unknown[][] {
  if (!(v instanceof JsonbObject)) throw new PgError('22023', `cannot call ${name} on a non-object`);
  return v.keys.map((k, i) => [k, asText ? jsonbAsText(v.vals[i]) : v.vals[i]]);
}
fn('jsonb_each', [jsonb], jsonb, ([v]) => jsonbEach(v, 'jsonb_each', false), { retSet: true, outCols: KEY_VALUE(jsonb), ret: OID.record });
fn('jsonb_each_text', [jsonb], text, ([v]) => jsonbEach(v, 'jsonb_each_text', true), { retSet: true, outCols: KEY_VALUE(text), ret: OID.record });

/** A raw json value's text as json_each_text gives it: strings unescaped, null as NULL. */
function rawAsText(raw: string): string | null {
  if (raw === 'null') return null;
  return raw.startsWith('"') ? JSON.parse(raw) as string : raw;
}

function jsonEach(t: string, asText: boolean): unknown[][] {
  const top = jsonTopLevel(validateJson(t));
  if (top.kind === 'array') throw new PgError('22023', 'cannot deconstruct an array as an object');
  if (top.kind === 'scalar') throw new PgError('22023', 'cannot deconstruct a scalar');
  return top.entries.map(([k, raw]) => [k, asText ? rawAsText(raw) : raw]);
}
fn('json_each', [json], json, ([v]) => jsonEach(v, false), { retSet: true, outCols: KEY_VALUE(json), ret: OID.record });
fn('json_each_text', [json], text, ([v]) => jsonEach(v, true), { retSet: true, outCols: KEY_VALUE(text), ret: OID.record });

function jsonElements(t: string, name: string, asText: boolean): unknown[] {
  const top = jsonTopLevel(validateJson(t));
  if (top.kind === 'object') throw new PgError('22023', `cannot call ${name} on a non-array`);
  if (top.kind === 'scalar') throw new PgError('22023', `cannot call ${name} on a scalar`);
  return top.items.map(raw => (asText ? rawAsText(raw) : raw));
}
fn('json_array_elements', [json], json, ([v]) => jsonElements(v, 'json_array_elements', false), { retSet: true, outCols: [{ name: 'value', type: json }] });
fn('json_array_elements_text', [json], text, ([v]) => jsonElements(v, 'json_array_elements_text', true), { retSet: true, outCols: [{ name: 'value', type: text }] });

fn('json_object_keys', [json], text, ([v]) => {
  const top = jsonTopLevel(validateJson(v));
  if (top.kind === 'object') return top.entries.map(([k]) => k);
  throw new PgError('22023', `cannot call json_object_keys on ${top.kind === 'array' ? 'an array' : 'a scalar'}`);
}, { retSet: true });

// jsonb_array_elements(_text) name their one column "value" (an OUT parameter)
for (const name of ['jsonb_array_elements', 'jsonb_array_elements_text']) {
  for (const f of functionsNamed(name) ?? []) f.outCols ??= [{ name: 'value', type: f.ret }];
}
