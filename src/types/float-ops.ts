// Operators, casts and functions of float4/float8 (float.c).
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { divisionByZero } from './base.js';
import { cast, comparisonOps, fn, op, prefixOp } from './define.js';
import { compareFloat } from './floats.js';
import { Numeric } from './numeric.js';

const { float4, float8, int2, int4, int8, numeric, bool } = OID;

export const floatOverflow = (): PgError => new PgError('22003', 'value out of range: overflow');
export const floatUnderflow = (): PgError => new PgError('22003', 'value out of range: underflow');

const isInf = (v: number): boolean => v === Infinity || v === -Infinity;

export function fadd(a: number, b: number): number {
  const r = a + b;
  if (isInf(r) && !isInf(a) && !isInf(b)) throw floatOverflow();
  return r;
}
export function fsub(a: number, b: number): number {
  const r = a - b;
  if (isInf(r) && !isInf(a) && !isInf(b)) throw floatOverflow();
  return r;
}
export function fmul(a: number, b: number): number {
  const r = a * b;
  if (isInf(r) && !isInf(a) && !isInf(b)) throw floatOverflow();
  if (r === 0 && a !== 0 && b !== 0) throw floatUnderflow();
  return r;
}
export function fdiv(a: number, b: number): number {
  if (b === 0 && a === a) throw divisionByZero();
  const r = a / b;
  if (isInf(r) && !isInf(a)) throw floatOverflow();
  if (r === 0 && a !== 0 && !isInf(b)) throw floatUnderflow();
  return r;
}
const f4 = (f: (a: number, b: number) => number) => (a: number, b: number): number => {
  const d = f(a, b);
  const r = Math.fround(d);
  if (isInf(r) && !isInf(d)) throw floatOverflow();
  if (r === 0 && d !== 0) throw floatUnderflow();
  return r;
};

const arith = { '+': fadd, '-': fsub, '*': fmul, '/': fdiv } as const;
for (const [name, f] of Object.entries(arith)) {
  op(name, float8, float8, float8, f);
  op(name, float4, float8, float8, f);
  op(name, float8, float4, float8, f);
  op(name, float4, float4, float4, f4(f));
}
for (const l of [float4, float8]) for (const r of [float4, float8]) comparisonOps(l, r, compareFloat, bool);

for (const t of [float4, float8]) {
  prefixOp('-', t, t, (a: number) => -a);
  prefixOp('+', t, t, (a: number) => a);
  prefixOp('@', t, t, (a: number) => Math.abs(a));
  fn('abs', [t], t, ([a]) => Math.abs(a));
}

/** rint(): round half to even. */
export function rint(x: number): number {
  const r = Math.round(x);
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

// ---- casts ----
cast(int2, float4, 'i', (v: number) => v);
cast(int4, float4, 'i', (v: number) => Math.fround(v));
cast(int8, float4, 'i', (v: bigint) => Math.fround(Number(v)));
cast(int2, float8, 'i', (v: number) => v);
cast(int4, float8, 'i', (v: number) => v);
cast(int8, float8, 'i', (v: bigint) => Number(v));
cast(float4, float8, 'i', (v: number) => v);
cast(float8, float4, 'a', (v: number) => {
  const r = Math.fround(v);
  if (isInf(r) && !isInf(v)) throw floatOverflow();
  if (r === 0 && v !== 0) throw floatUnderflow();
  return r;
});
const toInt = (lo: number, hi: number, what: string) => (v: number): number => {
  const r = rint(v);
  if (r !== r || r < lo || r > hi) throw new PgError('22003', `${what} out of range`);
  return r === 0 ? 0 : r;
};
for (const t of [float4, float8]) {
  cast(t, int2, 'a', toInt(-32768, 32767, 'smallint'));
  cast(t, int4, 'a', toInt(-2147483648, 2147483647, 'integer'));
  cast(t, int8, 'a', (v: number) => {
    const r = rint(v);
    if (r !== r || r < -9223372036854775808 || r >= 9223372036854775808) throw new PgError('22003', 'bigint out of range');
    return BigInt(r);
  });
}
cast(float8, numeric, 'a', (v: number) => Numeric.fromFloat(v, 15));
cast(float4, numeric, 'a', (v: number) => Numeric.fromFloat(v, 6));
export function numericToFloat8(v: Numeric): number {
  const r = v.toNumber();
  if (v.isFinite && (isInf(r) || (r === 0 && v.coef !== 0n))) {
    throw new PgError('22003', `"${v.toString()}" is out of range for type double precision`);
  }
  return r;
}
export function numericToFloat4(v: Numeric): number {
  const r = Math.fround(v.toNumber());
  if (v.isFinite && (isInf(r) || (r === 0 && v.coef !== 0n))) {
    throw new PgError('22003', `"${v.toString()}" is out of range for type real`);
  }
  return r;
}
cast(numeric, float8, 'i', numericToFloat8);
cast(numeric, float4, 'i', numericToFloat4);

// ---- functions (float8; float4 arguments are promoted by the analyzer) ----
const f8 = (name: string, impl: (a: number) => number): void => { fn(name, [float8], float8, ([a]) => impl(a)); };

function checkResult(r: number, a: number): number {
  if (isInf(r) && !isInf(a)) throw floatOverflow();
  return r;
}
f8('ceil', Math.ceil);
f8('ceiling', Math.ceil);
f8('floor', Math.floor);
f8('round', rint);
f8('trunc', Math.trunc);
f8('sign', (a) => (a > 0 ? 1 : a < 0 ? -1 : a === 0 ? 0 : a));
f8('sqrt', (a) => {
  if (a < 0) throw new PgError('2201F', 'cannot take square root of a negative number');
  return Math.sqrt(a);
});
f8('cbrt', Math.cbrt);
f8('exp', (a) => {
  if (a !== a) return a;
  if (isInf(a)) return a > 0 ? a : 0;
  const r = Math.exp(a);
  if (isInf(r)) throw floatOverflow();
  if (r === 0) throw floatUnderflow();
  return r;
});
function logCheck(a: number): void {
  if (a === 0) throw new PgError('2201E', 'cannot take logarithm of zero');
  if (a < 0) throw new PgError('2201E', 'cannot take logarithm of a negative number');
}
f8('ln', (a) => { logCheck(a); return checkResult(Math.log(a), a); });
f8('log', (a) => { logCheck(a); return checkResult(Math.log10(a), a); });
f8('log10', (a) => { logCheck(a); return checkResult(Math.log10(a), a); });
f8('degrees', (a) => checkResult(a * (180 / Math.PI), a));
f8('radians', (a) => checkResult(a * (Math.PI / 180), a));

export function dpow(x: number, y: number): number {
  if (x !== x) return y !== y || y !== 0 ? NaN : 1;
  if (y !== y) return x !== 1 ? NaN : 1;
  if (x === 0 && y < 0) throw new PgError('2201F', 'zero raised to a negative power is undefined');
  if (x < 0 && Math.floor(y) !== y) {
    throw new PgError('2201F', 'a negative number raised to a non-integer power yields a complex result');
  }
  if (isInf(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    if (y > 0) return ax > 1 ? y : 0;
    return ax > 1 ? 0 : -y;
  }
  if (isInf(x)) {
    if (y === 0) return 1;
    if (x > 0) return y > 0 ? x : 0;
    const half = y / 2;
    const odd = Math.floor(half) !== half;
    if (y > 0) return odd ? x : -x;
    return odd ? -0 : 0;
  }
  const r = Math.pow(x, y);
  if (isInf(r)) throw floatOverflow();
  if (r === 0 && x !== 0) throw floatUnderflow();
  return r;
}
fn('power', [float8, float8], float8, ([a, b]) => dpow(a, b));
fn('pow', [float8, float8], float8, ([a, b]) => dpow(a, b));
op('^', float8, float8, float8, dpow);
prefixOp('|/', float8, float8, (a: number) => {
  if (a < 0) throw new PgError('2201F', 'cannot take square root of a negative number');
  return Math.sqrt(a);
});
prefixOp('||/', float8, float8, Math.cbrt);
fn('pi', [], float8, () => Math.PI);
fn('random', [], float8, () => Math.random(), { volatility: 'v' });

// trigonometry
const outOfRangeInput = (): PgError => new PgError('22003', 'input is out of range');
const trig = (name: string, f: (a: number) => number, domain?: (a: number) => boolean): void => {
  f8(name, (a) => {
    if (a !== a) return a;
    if (domain ? !domain(a) : isInf(a)) throw outOfRangeInput();
    const r = f(a);
    return r;
  });
};
trig('sin', Math.sin);
trig('cos', Math.cos);
trig('tan', Math.tan);
trig('cot', (a) => 1 / Math.tan(a));
trig('asin', Math.asin, (a) => a >= -1 && a <= 1);
trig('acos', Math.acos, (a) => a >= -1 && a <= 1);
trig('atan', Math.atan, () => true);
fn('atan2', [float8, float8], float8, ([a, b]) => Math.atan2(a, b));
trig('sinh', Math.sinh, () => true);
trig('cosh', Math.cosh, () => true);
trig('tanh', Math.tanh, () => true);

fn('width_bucket', [float8, float8, float8, int4], int4, ([operand, b1, b2, count]: number[]) => {
  if (count! <= 0) throw new PgError('2201G', 'count must be greater than zero');
  if (operand !== operand || b1 !== b1 || b2 !== b2) {
    throw new PgError('2201G', 'operand, lower bound, and upper bound cannot be NaN');
  }
  if (isInf(b1!) || isInf(b2!)) throw new PgError('2201G', 'lower and upper bounds must be finite');
  if (b1 === b2) throw new PgError('2201G', 'lower bound cannot equal upper bound');
  let r: number;
  if (b1! < b2!) {
    if (operand! < b1!) r = 0;
    else if (operand! >= b2!) r = count! + 1;
    else r = Math.trunc((count! * (operand! - b1!)) / (b2! - b1!)) + 1;
  } else {
    if (operand! > b1!) r = 0;
    else if (operand! <= b2!) r = count! + 1;
    else r = Math.trunc((count! * (b1! - operand!)) / (b1! - b2!)) + 1;
  }
  if (r > 2147483647) throw new PgError('22003', 'integer out of range');
  return r;
});
