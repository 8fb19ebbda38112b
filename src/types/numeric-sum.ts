// An exact running sum of numerics for sum() and avg(): the coefficients, aligned to the
// largest scale seen, added as a JavaScript number while every step stays a safe integer,
// so a row costs no Numeric. Beyond that (or at a NaN or an infinity) the
// sum continues as Numeric.add would have: a chain of adds of finite values is exact
// integer arithmetic at the largest scale, whatever its order, so both give the same value.
import { Numeric } from './numeric.js';
import { MAX_SAFE as MAX, P10 } from './numeric-coef.js';

export class NumericSum {
  /** Sum of the coefficients at `scale` (exact: |n| <= 2^53 - 1), while `big` is null. */
  n = 0;
  scale = 0;
  /** The sum once it left the fast path. */
  big: Numeric | null = null;
  /** Values added (avg's divisor). */
  count = 0;

  /** Back to an empty sum (a state reused: executor/aggregates.ts). */
  reset(): void {
    this.n = 0; this.scale = 0; this.big = null; this.count = 0;
  }

  add(v: Numeric): void {
    this.count++;
    const x = v.c;
    if (this.big === null) {
      // a number coefficient is a safe integer, or NaN/±Infinity (not finite: x - x is NaN)
      if (typeof x === 'number' && x - x === 0) {
        const s = v.scale, d = s - this.scale;
        if (d === 0) {
          const r = this.n + x;
          if (r <= MAX && r >= -MAX) { this.n = r; return; }
        } else if (d > 0 && d < P10.length) {
          // the sum rescaled to the value's larger scale
          const p = P10[d]!, m = this.n * p;
          if (m <= MAX && m >= -MAX) {
            const r = m + x;
            if (r <= MAX && r >= -MAX) { this.n = r; this.scale = s; return; }
          }
        } else if (d < 0 && -d < P10.length) {
          const m = x * P10[-d]!;
          if (m <= MAX && m >= -MAX) {
            const r = this.n + m;
            if (r <= MAX && r >= -MAX) { this.n = r; return; }
          }
        }
      }
    }
    this.big = (this.big ?? new Numeric(this.n, this.scale)).add(v);
  }

  /** The sum (of at least one value). */
  result(): Numeric {
    return this.big ?? new Numeric(this.n, this.scale);
  }
}
