// numeric.c's limits, and integer helpers for Numeric's coefficient (types/numeric.ts): powers
// of ten as bigints and as numbers, division rounded half away from zero, digit counts.

export const NUMERIC_MAX_PRECISION = 1000;
export const NUMERIC_MAX_DISPLAY_SCALE = 1000;
export const NUMERIC_MIN_SIG_DIGITS = 16;
export const NUMERIC_MAX_RESULT_SCALE = 2000;
export const NUMERIC_DSCALE_MAX = 16383;
export const NUMERIC_WEIGHT_MAX = 32767;

/** 2^53 - 1: a coefficient up to this magnitude is held as a number, exactly. */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * 10^k as numbers, k <= 15 (exact up to 10^22; 15 keeps every product of a safe integer and one
 * of these checkable: a result that is exact stays <= MAX_SAFE, one that is not rounds beyond it).
 */
export const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

const POW10: bigint[] = [1n];
/** 10^n as a bigint (cached). */
export function pow10(n: number): bigint {
  if (n < POW10.length) return POW10[n]!;
  if (n > 4096) return 10n ** BigInt(n);
  for (let i = POW10.length; i <= n; i++) POW10[i] = POW10[i - 1]! * 10n;
  return POW10[n]!;
}

export const absBig = (v: bigint): bigint => (v < 0n ? -v : v);

/** c / 10^drop rounded half away from zero. */
export function roundDiv10(c: bigint, drop: number): bigint {
  if (drop <= 0) return c * pow10(-drop);
  const p = pow10(drop);
  const q = c / p;
  const r = c - q * p;
  if (r === 0n) return q;
  const r2 = (r < 0n ? -r : r) * 2n;
  if (r2 >= p) return c < 0n ? q - 1n : q + 1n;
  return q;
}

/** a / b rounded half away from zero (b != 0). */
export function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a - q * b;
  if (r === 0n) return q;
  if (absBig(r) * 2n >= absBig(b)) return (a < 0n) !== (b < 0n) ? q - 1n : q + 1n;
  return q;
}

/** Number of decimal digits of |c| (c != 0). */
export function digitCount(c: bigint): number {
  const a = c < 0n ? -c : c;
  if (a < 9007199254740992n) return digitCountSafe(Number(a));
  return a.toString().length;
}

/** Number of decimal digits of a safe integer n > 0. */
export function digitCountSafe(n: number): number {
  let d = 1;
  while (d < P10.length && P10[d]! <= n) d++;
  return d;
}
