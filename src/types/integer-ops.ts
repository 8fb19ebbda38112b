// Operators and functions of int2/int4/int8 (int.c, int8.c), including the
// cross-type ones PostgreSQL has (int24pl, int48eq, …).
import { OID } from './oids.js';
import { divisionByZero, outOfRange } from './base.js';
import { INT2_MAX, INT2_MIN, INT4_MAX, INT4_MIN, INT8_MAX, INT8_MIN } from './integers.js';
import { fn, op, prefixOp } from './define.js';

const { int2, int4, int8, bool } = OID;
const INTS = [int2, int4, int8] as const;
type IntOid = (typeof INTS)[number];

const rank = (t: IntOid): number => (t === int2 ? 0 : t === int4 ? 1 : 2);
const label = (t: IntOid): string => (t === int2 ? 'smallint' : t === int4 ? 'integer' : 'bigint');

export function checkInt2(v: number): number {
  if (v < INT2_MIN || v > INT2_MAX) throw outOfRange('smallint');
  return v;
}
export function checkInt4(v: number): number {
  if (v < INT4_MIN || v > INT4_MAX) throw outOfRange('integer');
  return v;
}
export function checkInt8(v: bigint): bigint {
  if (v < INT8_MIN || v > INT8_MAX) throw outOfRange('bigint');
  return v;
}

function numberOps(t: IntOid) {
  const lo = t === int2 ? INT2_MIN : INT4_MIN;
  const hi = t === int2 ? INT2_MAX : INT4_MAX;
  const what = label(t);
  const chk = (v: number): number => {
    if (v < lo || v > hi) throw outOfRange(what);
    return v;
  };
  return {
    '+': (a: number, b: number) => chk(a + b),
    '-': (a: number, b: number) => chk(a - b),
    '*': (a: number, b: number) => chk(a * b) | 0,
    '/': (a: number, b: number) => {
      if (b === 0) throw divisionByZero();
      return chk(Math.trunc(a / b)) | 0;
    },
  };
}

const bigOps = {
  '+': (a: bigint, b: bigint) => checkInt8(a + b),
  '-': (a: bigint, b: bigint) => checkInt8(a - b),
  '*': (a: bigint, b: bigint) => checkInt8(a * b),
  '/': (a: bigint, b: bigint) => {
    if (b === 0n) throw divisionByZero();
    return checkInt8(a / b);
  },
};

for (const l of INTS) {
  for (const r of INTS) {
    const res = rank(l) >= rank(r) ? l : r;
    if (res === int8) {
      const conv = (l === int8 ? 1 : 0) | (r === int8 ? 2 : 0);
      for (const name of ['+', '-', '*', '/'] as const) {
        const f = bigOps[name];
        op(name, l, r, int8, conv === 3 ? f
          : conv === 1 ? (a: bigint, b: number) => f(a, BigInt(b))
            : (a: number, b: bigint) => f(BigInt(a), b));
      }
    } else {
      const ops = numberOps(res);
      for (const name of ['+', '-', '*', '/'] as const) op(name, l, r, res, ops[name]);
    }
    // comparisons: JS relational operators compare number and bigint exactly
    op('=', l, r, bool, (a, b) => a == b);
    op('<>', l, r, bool, (a, b) => a != b);
    op('<', l, r, bool, (a, b) => a < b);
    op('>', l, r, bool, (a, b) => a > b);
    op('<=', l, r, bool, (a, b) => a <= b);
    op('>=', l, r, bool, (a, b) => a >= b);
  }
}

function mod32(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  return (a % b) | 0;
}
function mod64(a: bigint, b: bigint): bigint {
  if (b === 0n) throw divisionByZero();
  return a % b;
}
op('%', int2, int2, int2, mod32);
op('%', int4, int4, int4, mod32);
op('%', int8, int8, int8, mod64);
fn('mod', [int2, int2], int2, ([a, b]) => mod32(a, b));
fn('mod', [int4, int4], int4, ([a, b]) => mod32(a, b));
fn('mod', [int8, int8], int8, ([a, b]) => mod64(a, b));

// unary minus / plus / abs
prefixOp('-', int2, int2, (a: number) => checkInt2(-a) | 0);
prefixOp('-', int4, int4, (a: number) => checkInt4(-a) | 0);
prefixOp('-', int8, int8, (a: bigint) => checkInt8(-a));
prefixOp('+', int2, int2, (a: number) => a);
prefixOp('+', int4, int4, (a: number) => a);
prefixOp('+', int8, int8, (a: bigint) => a);
const abs32 = (t: IntOid) => (a: number) => {
  const r = a < 0 ? -a : a;
  if (t === int2 ? r > INT2_MAX : r > INT4_MAX) throw outOfRange(label(t));
  return r;
};
const abs64 = (a: bigint) => checkInt8(a < 0n ? -a : a);
prefixOp('@', int2, int2, abs32(int2));
prefixOp('@', int4, int4, abs32(int4));
prefixOp('@', int8, int8, abs64);
fn('abs', [int2], int2, ([a]) => abs32(int2)(a));
fn('abs', [int4], int4, ([a]) => abs32(int4)(a));
fn('abs', [int8], int8, ([a]) => abs64(a));

// bitwise
for (const t of INTS) {
  if (t === int8) {
    op('&', t, t, t, (a: bigint, b: bigint) => a & b);
    op('|', t, t, t, (a: bigint, b: bigint) => a | b);
    op('#', t, t, t, (a: bigint, b: bigint) => a ^ b);
    prefixOp('~', t, t, (a: bigint) => ~a);
    op('<<', t, int4, t, (a: bigint, b: number) => BigInt.asIntN(64, a << BigInt(b & 63)));
    op('>>', t, int4, t, (a: bigint, b: number) => a >> BigInt(b & 63));
  } else {
    const wrap = t === int2 ? (v: number) => (v << 16) >> 16 : (v: number) => v | 0;
    op('&', t, t, t, (a: number, b: number) => a & b);
    op('|', t, t, t, (a: number, b: number) => a | b);
    op('#', t, t, t, (a: number, b: number) => a ^ b);
    prefixOp('~', t, t, (a: number) => wrap(~a));
    op('<<', t, int4, t, (a: number, b: number) => wrap(a << b));
    op('>>', t, int4, t, (a: number, b: number) => wrap(a >> b));
  }
}

// gcd / lcm (int4, int8)
function gcd64(a: bigint, b: bigint): bigint {
  while (b !== 0n) { const t = a % b; a = b; b = t; }
  return a < 0n ? -a : a;
}
fn('gcd', [int4, int4], int4, ([a, b]) => {
  const g = gcd64(BigInt(a), BigInt(b));
  if (g > 2147483647n) throw outOfRange('integer');
  return Number(g);
});
fn('gcd', [int8, int8], int8, ([a, b]) => {
  const g = gcd64(a, b);
  if (g > INT8_MAX) throw outOfRange('bigint');
  return g;
});
fn('lcm', [int4, int4], int4, ([a, b]) => {
  if (a === 0 || b === 0) return 0;
  const x = BigInt(a), y = BigInt(b);
  let r = (x / gcd64(x, y)) * y;
  if (r < 0n) r = -r;
  if (r > 2147483647n) throw outOfRange('integer');
  return Number(r);
});
fn('lcm', [int8, int8], int8, ([a, b]) => {
  if (a === 0n || b === 0n) return 0n;
  let r = (a / gcd64(a, b)) * b;
  if (r < 0n) r = -r;
  return checkInt8(r);
});
