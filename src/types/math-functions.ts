// Numeric (and integer) math functions: round, trunc, ceil, floor, sign, sqrt, exp,
// ln, log, power, gcd, lcm, scale, width_bucket… (float8 ones live in float-ops.ts).
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn, op } from './define.js';
import { Numeric } from './numeric.js';
import {
  numericExp, numericLn, numericLog, numericMinScale, numericPower, numericSqrt, numericTrimScale,
} from './numeric-math.js';

const { numeric, int4, int8 } = OID;
type N = Numeric;
const TEN = Numeric.fromInt(10);

const n1 = (name: string, impl: (a: N) => unknown, ret: number = numeric): void => {
  fn(name, [numeric], ret, ([a]: N[]) => impl(a!));
};

n1('round', (a) => a.round(0));
fn('round', [numeric, int4], numeric, ([a, s]: [N, number]) => a.round(s));
n1('trunc', (a) => a.trunc(0));
fn('trunc', [numeric, int4], numeric, ([a, s]: [N, number]) => a.trunc(s));
n1('ceil', (a) => a.ceil());
n1('ceiling', (a) => a.ceil());
n1('floor', (a) => a.floor());
n1('sign', (a) => (a.isNaN ? a : Numeric.fromInt(a.sign)));
n1('sqrt', numericSqrt);
n1('exp', numericExp);
n1('ln', numericLn);
// log(numeric) is the SQL function log(10, $1) in PostgreSQL: its errors say so
n1('log', (a) => {
  try { return numericLog(TEN, a); } catch (e) {
    if (e instanceof PgError && !e.where) e.where = 'SQL function "log" statement 1';
    throw e;
  }
});
n1('log10', (a) => numericLog(TEN, a));
fn('log', [numeric, numeric], numeric, ([b, x]: N[]) => numericLog(b!, x!));
fn('power', [numeric, numeric], numeric, ([a, b]: N[]) => numericPower(a!, b!));
fn('pow', [numeric, numeric], numeric, ([a, b]: N[]) => numericPower(a!, b!));
op('^', numeric, numeric, numeric, (a: N, b: N) => numericPower(a, b));
n1('scale', (a) => (a.isSpecial ? null : a.scale), int4);
n1('min_scale', (a) => (a.isSpecial ? null : numericMinScale(a)), int4);
n1('trim_scale', numericTrimScale);

// gcd / lcm on numeric
function gcdN(a: N, b: N): N {
  if (a.isSpecial || b.isSpecial) return Numeric.NaN;
  const s = Math.max(a.scale, b.scale);
  let x = a.withScale(s).coef, y = b.withScale(s).coef;
  if (x < 0n) x = -x;
  if (y < 0n) y = -y;
  while (y !== 0n) { const t = x % y; x = y; y = t; }
  return new Numeric(x, s);
}
fn('gcd', [numeric, numeric], numeric, ([a, b]: N[]) => gcdN(a!, b!));
fn('lcm', [numeric, numeric], numeric, ([a, b]: N[]) => {
  if (a!.isSpecial || b!.isSpecial) return Numeric.NaN;
  const s = Math.max(a!.scale, b!.scale);
  if (a!.isZero() || b!.isZero()) return new Numeric(0n, s);
  const g = gcdN(a!, b!);
  const x = a!.withScale(s).coef, y = b!.withScale(s).coef;
  let r = (x / g.coef) * y;
  if (r < 0n) r = -r;
  return new Numeric(r, s);
});

fn('width_bucket', [numeric, numeric, numeric, int4], int4, ([operand, b1, b2, count]: [N, N, N, number]) => {
  if (count <= 0) throw new PgError('2201G', 'count must be greater than zero');
  if (operand.isNaN || b1.isNaN || b2.isNaN) {
    throw new PgError('2201G', 'operand, lower bound, and upper bound cannot be NaN');
  }
  if (b1.isInfinite || b2.isInfinite) throw new PgError('2201G', 'lower and upper bounds must be finite');
  const c = b1.compare(b2);
  if (c === 0) throw new PgError('2201G', 'lower bound cannot equal upper bound');
  const cnt = Numeric.fromInt(count);
  let r: number;
  if (c < 0) {
    if (operand.compare(b1) < 0) r = 0;
    else if (operand.compare(b2) >= 0) r = count + 1;
    else r = Number(operand.sub(b1).mul(cnt).divScale(b2.sub(b1), 0, false).coef) + 1;
  } else {
    if (operand.compare(b1) > 0) r = 0;
    else if (operand.compare(b2) <= 0) r = count + 1;
    else r = Number(b1.sub(operand).mul(cnt).divScale(b1.sub(b2), 0, false).coef) + 1;
  }
  if (r > 2147483647) throw new PgError('22003', 'integer out of range');
  return r;
});

// factorial (numeric) and the ! operator were removed in PG14; factorial() remains.
fn('factorial', [int8], numeric, ([n]: [bigint]) => {
  if (n < 0n) throw new PgError('22003', 'factorial of a negative number is undefined');
  if (n > 32177n) throw new PgError('22003', 'value overflows numeric format');
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return new Numeric(r, 0);
});


