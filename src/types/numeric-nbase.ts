// PostgreSQL's base-10000 view of a numeric (weight and leading NBASE digits) and what numeric.c
// derives from it: select_div_scale, the result scale of a division.
import type { Numeric } from './numeric.js';
import {
  NUMERIC_MAX_DISPLAY_SCALE, NUMERIC_MIN_SIG_DIGITS, P10, absBig, digitCountSafe,
} from './numeric-coef.js';

/** PostgreSQL's NBASE (10000) view of a finite value: weight, leading digits, ndigits. */
export interface NBaseView { weight: number; digits: number[]; ndigits: number }

/** Weight and first `want` NBASE digits of `v` (after stripping trailing zeros). */
export function nbaseView(v: Numeric, want: number): NBaseView {
  if (!v.isFinite || v.c === 0) return { weight: 0, digits: [], ndigits: 0 };
  let d = absBig(v.coef).toString();
  let s = v.scale;
  let end = d.length;
  while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
  s -= d.length - end;
  d = d.slice(0, end);
  const e10 = d.length - 1 - s;
  const weight = Math.floor(e10 / 4);
  const k = e10 - 4 * weight + 1;
  let padded = '0'.repeat(4 - k) + d;
  const rem = padded.length % 4;
  if (rem) padded += '0'.repeat(4 - rem);
  const ndigits = padded.length / 4;
  const digits: number[] = [];
  for (let i = 0; i < want && i < ndigits; i++) digits.push(Number(padded.slice(i * 4, i * 4 + 4)));
  return { weight, digits, ndigits };
}

/** select_div_scale (numeric.c). */
export function selectDivScale(a: Numeric, b: Numeric): number {
  const [w1, f1] = leadingNBase(a), [w2, f2] = leadingNBase(b);
  let qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  let rscale = NUMERIC_MIN_SIG_DIGITS - qweight * 4;
  rscale = Math.max(rscale, a.scale, b.scale, 0);
  return Math.min(rscale, NUMERIC_MAX_DISPLAY_SCALE);
}

const NO_LEAD: [number, number] = [0, 0];
/** A finite value's NBASE weight and first NBASE digit ([0, 0] for zero), as nbaseView(v, 1) gives them. */
function leadingNBase(v: Numeric): [number, number] {
  const c = v.c;
  if (c === 0) return NO_LEAD;
  if (typeof c === 'number') {
    // the first NBASE digit is the value's integer part at 10000^weight
    const a = c < 0 ? -c : c;
    const weight = Math.floor((digitCountSafe(a) - 1 - v.scale) / 4);
    const sh = v.scale + 4 * weight; // from 3 - digits (>= -3) to digits - 1 (<= 15)
    return [weight, sh >= 0 ? (a - a % P10[sh]!) / P10[sh]! : a * P10[-sh]!];
  }
  const nb = nbaseView(v, 1);
  return [nb.weight, nb.digits[0]!];
}
