// pg_lsn: a WAL location, a 64-bit unsigned integer written as two hex halves 'X/X' (pg_lsn.c).
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType } from './base.js';
import { comparisonOps, fn, op } from './define.js';
import { registerArrayType } from './arrays.js';
import { Numeric } from './numeric.js';

const PG_LSN = 3220, PG_LSN_ARRAY = 3221;
const MAX = (1n << 64n) - 1n;
const { bool, numeric } = OID;

function parseLsn(s: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(s);
  if (!m) throw new PgError('22P02', `invalid input syntax for type pg_lsn: "${s}"`);
  return (BigInt('0x' + m[1]) << 32n) | BigInt('0x' + m[2]);
}

const lsnText = (v: bigint): string => `${(v >> 32n).toString(16).toUpperCase()}/${(v & 0xffffffffn).toString(16).toUpperCase()}`;

const lsnType = defineType({
  oid: PG_LSN, name: 'pg_lsn', category: 'U', preferred: false, len: 8, array: PG_LSN_ARRAY,
  input: (t) => parseLsn(t),
  output: (v) => lsnText(v as bigint),
  compare: (a, b) => ((a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0),
  hashKey: (v) => v as bigint,
});
registerArrayType(lsnType);
comparisonOps(PG_LSN, PG_LSN, lsnType.compare, bool);

const outOfRange = () => new PgError('22003', 'pg_lsn out of range');
function fromNumeric(n: Numeric): bigint {
  if (n.isNaN) throw new PgError('0A000', 'cannot convert NaN to pg_lsn');
  if (n.isInfinite) throw outOfRange();
  const v = n.toBigIntRounded();
  if (v < 0n || v > MAX) throw outOfRange();
  return v;
}
fn('pg_lsn', [numeric], PG_LSN, ([n]) => fromNumeric(n));
op('-', PG_LSN, PG_LSN, numeric, (a: bigint, b: bigint) => Numeric.fromInt(a - b));
op('+', PG_LSN, numeric, PG_LSN, (a: bigint, n: Numeric) => {
  if (n.isNaN) throw new PgError('0A000', 'cannot add NaN to pg_lsn');
  const v = a + (n.isInfinite ? MAX + 1n : n.toBigIntRounded());
  if (v < 0n || v > MAX) throw outOfRange();
  return v;
});
op('+', numeric, PG_LSN, PG_LSN, (n: Numeric, a: bigint) => {
  if (n.isNaN) throw new PgError('0A000', 'cannot add NaN to pg_lsn');
  const v = a + (n.isInfinite ? MAX + 1n : n.toBigIntRounded());
  if (v < 0n || v > MAX) throw outOfRange();
  return v;
});
op('-', PG_LSN, numeric, PG_LSN, (a: bigint, n: Numeric) => {
  if (n.isNaN) throw new PgError('0A000', 'cannot subtract NaN from pg_lsn');
  const v = a - (n.isInfinite ? MAX + 1n : n.toBigIntRounded());
  if (v < 0n || v > MAX) throw outOfRange();
  return v;
});
fn('pg_lsn_mi', [PG_LSN, PG_LSN], numeric, ([a, b]) => Numeric.fromInt(a - b));
