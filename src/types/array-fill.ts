// array_fill(value, dimensions) and trim_array(array, n) (arrayfuncs.c).
// Arrays here always start at subscript 1, so the form with explicit lower bounds is refused.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn } from './define.js';
import { typeByOid } from './registry.js';

const MAX_ARRAY_SIZE = 134217727;

function fill(value: unknown, dims: (number | null)[] | null): unknown[] | null {
  if (dims === null) throw new PgError('22004', 'dimension array or low bound array cannot be null');
  if (dims.some(Array.isArray)) throw new PgError('2202E', 'wrong number of array subscripts', { detail: 'Dimension array must be one dimensional.' });
  if (dims.some(d => d === null)) throw new PgError('22004', 'dimension values cannot be null');
  const ds = dims as number[];
  if (ds.length > 6) throw new PgError('54000', `number of array dimensions (${ds.length}) exceeds the maximum allowed (6)`);
  let total = 1;
  for (const d of ds) {
    if (d < 0 || (total *= d) > MAX_ARRAY_SIZE) throw new PgError('54000', `array size exceeds the maximum allowed (${MAX_ARRAY_SIZE})`);
  }
  if (!ds.length || total === 0) return [];
  const build = (level: number): unknown[] => Array.from({ length: ds[level] }, () => (level + 1 < ds.length ? build(level + 1) : value));
  return build(0);
}

fn('array_fill', [OID.anyelement, OID._int4], OID.anyarray, ([v, d]) => fill(v, d as (number | null)[] | null), {
  strict: false,
  resolveRet: (t) => typeByOid(t[0] === OID.unknown ? OID.text : t[0])?.array ?? OID.anyarray,
});
fn('array_fill', [OID.anyelement, OID._int4, OID._int4], OID.anyarray, ([v, d, lb]) => {
  if (d === null || lb === null) throw new PgError('22004', 'dimension array or low bound array cannot be null');
  if ((lb as number[]).some(x => x !== 1)) throw new PgError('0A000', 'array lower bounds other than 1 is not supported');
  return fill(v, d as (number | null)[]);
}, { strict: false, resolveRet: (t) => typeByOid(t[0] === OID.unknown ? OID.text : t[0])?.array ?? OID.anyarray });

// trim_array(array, n): the array without its last n elements (first dimension)
fn('trim_array', [OID.anyarray, OID.int4], OID.anyarray, ([a, n]) => {
  const arr = a as unknown[];
  const k = n as number;
  if (k < 0 || k > arr.length) throw new PgError('2202E', `number of elements to trim must be between 0 and ${arr.length}`);
  return arr.slice(0, arr.length - k);
}, { resolveRet: (t) => t[0] });
