// The numeric type: registration, operators and casts to/from the integer types.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType } from './base.js';
import { cast, comparisonOps, fn, op, prefixOp } from './define.js';
import {
  Numeric, NUMERIC_MAX_PRECISION, applyNumericTypmod, numericTypmod, typmodPrecision, typmodScale,
} from './numeric.js';

const { numeric, int2, int4, int8, bool } = OID;

export const numericType = defineType({
  oid: numeric, name: 'numeric', category: 'N', preferred: false, len: -1, array: OID._numeric,
  input: (t, typmod) => {
    const v = Numeric.parse(t);
    return typmod >= 4 ? applyNumericTypmod(v, typmod) : v;
  },
  output: (v) => (v as Numeric).toString(),
  compare: (a, b) => (a as Numeric).compare(b as Numeric),
  hashKey: (v) => (v as Numeric).normalizedKey(),
  applyTypmod: (v, typmod) => applyNumericTypmod(v as Numeric, typmod),
  typmodIn: (mods) => {
    if (mods.length === 0 || mods.length > 2) throw new PgError('22023', 'invalid NUMERIC type modifier');
    const p = mods[0]!;
    const s = mods.length === 2 ? mods[1]! : 0;
    if (p < 1 || p > NUMERIC_MAX_PRECISION) {
      throw new PgError('22023', `NUMERIC precision ${p} must be between 1 and ${NUMERIC_MAX_PRECISION}`);
    }
    if (s < -NUMERIC_MAX_PRECISION || s > NUMERIC_MAX_PRECISION) {
      throw new PgError('22023', `NUMERIC scale ${s} must be between ${-NUMERIC_MAX_PRECISION} and ${NUMERIC_MAX_PRECISION}`);
    }
    return numericTypmod(p, s);
  },
  formatType: (typmod) => (typmod >= 4 ? `numeric(${typmodPrecision(typmod)},${typmodScale(typmod)})` : 'numeric'),
});

type N = Numeric;
op('+', numeric, numeric, numeric, (a: N, b: N) => a.add(b));
op('-', numeric, numeric, numeric, (a: N, b: N) => a.sub(b));
op('*', numeric, numeric, numeric, (a: N, b: N) => a.mul(b));
op('/', numeric, numeric, numeric, (a: N, b: N) => a.div(b));
op('%', numeric, numeric, numeric, (a: N, b: N) => a.mod(b));
prefixOp('-', numeric, numeric, (a: N) => a.neg());
prefixOp('+', numeric, numeric, (a: N) => a);
prefixOp('@', numeric, numeric, (a: N) => a.abs());
comparisonOps(numeric, numeric, (a: N, b: N) => a.compare(b), bool);

// ---- casts ----
cast(int2, numeric, 'i', (v: number) => Numeric.fromInt(v));
cast(int4, numeric, 'i', (v: number) => Numeric.fromInt(v));
cast(int8, numeric, 'i', (v: bigint) => Numeric.fromInt(v));
cast(numeric, numeric, 'i'); // length coercion: applyTypmod

function specialToInt(v: Numeric, label: string): never {
  throw new PgError('0A000', `cannot convert ${v.isNaN ? 'NaN' : 'infinity'} to ${label}`);
}
export function numericToInt4(v: Numeric): number {
  if (v.isSpecial) specialToInt(v, 'integer');
  const r = v.toBigIntRounded();
  if (r < -2147483648n || r > 2147483647n) throw new PgError('22003', 'integer out of range');
  return Number(r);
}
export function numericToInt2(v: Numeric): number {
  if (v.isSpecial) specialToInt(v, 'smallint');
  const r = v.toBigIntRounded();
  if (r < -32768n || r > 32767n) throw new PgError('22003', 'smallint out of range');
  return Number(r);
}
export function numericToInt8(v: Numeric): bigint {
  if (v.isSpecial) specialToInt(v, 'bigint');
  const r = v.toBigIntRounded();
  if (r < -9223372036854775808n || r > 9223372036854775807n) throw new PgError('22003', 'bigint out of range');
  return r;
}
cast(numeric, int2, 'a', numericToInt2);
cast(numeric, int4, 'a', numericToInt4);
cast(numeric, int8, 'a', numericToInt8);

// Functions that have integer-only overloads elsewhere and numeric ones here.
fn('abs', [numeric], numeric, ([a]: N[]) => a!.abs());
fn('mod', [numeric, numeric], numeric, ([a, b]: N[]) => a!.mod(b!));
fn('div', [numeric, numeric], numeric, ([a, b]: N[]) => a!.divTrunc(b!));
