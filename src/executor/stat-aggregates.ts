// The statistical aggregates as PostgreSQL computes them: numeric inputs accumulate
// exact sums (numeric_stddev_internal: N, sum(X), sum(X*X), with NaN and infinities
// counted), float inputs use the Youngs-Cramer updates (float8_accum,
// float8_regr_accum), so results agree to the last digit.
import type { AggImpl } from '../analyzer/query.js';
import { BITWISE, REGRESSION, VARIANCE } from '../analyzer/stat-aggregates.js';
import { OID } from '../types/oids.js';
import { Numeric, selectDivScale } from '../types/numeric.js';
import { isqrt } from '../types/numeric-math.js';
import { pow10 } from '../types/numeric.js';
import { PgError } from '../errors/index.js';

const toNumeric = (v: unknown): Numeric => (v instanceof Numeric ? v : Numeric.fromInt(v as number | bigint));

/** sqrt_var at `rscale` fractional digits. */
function sqrtTo(v: Numeric, rscale: number): Numeric {
  return new Numeric(isqrt(v.coef * pow10(2 * rscale + 2 - v.scale)), rscale + 1).round(rscale);
}

interface NumState { n: bigint; sumX: Numeric; sumX2: Numeric; special: boolean }

function numericVariance(name: string): AggImpl {
  const sample = name === 'var_samp' || name === 'variance' || name === 'stddev_samp' || name === 'stddev';
  const stddev = name.startsWith('stddev');
  return {
    init: (): NumState => ({ n: 0n, sumX: Numeric.ZERO, sumX2: Numeric.ZERO, special: false }),
    step: (s: any, a) => {
      const x = toNumeric(a[0]);
      s.n++;
      if (x.isSpecial) s.special = true;
      else { s.sumX = s.sumX.add(x); s.sumX2 = s.sumX2.add(x.mul(x)); }
      return s;
    },
    final: (s: any) => {
      const st = s as NumState;
      if (st.n === 0n || (sample && st.n <= 1n)) return null;
      if (st.special) return Numeric.NaN;
      const n = Numeric.fromInt(st.n);
      const num = n.mul(st.sumX2).sub(st.sumX.mul(st.sumX));
      if (num.sign <= 0) return Numeric.ZERO;
      const den = sample ? n.mul(Numeric.fromInt(st.n - 1n)) : n.mul(n);
      const rscale = selectDivScale(num, den);
      const variance = num.divScale(den, rscale, true);
      return stddev ? sqrtTo(variance, rscale) : variance;
    },
    strict: true,
  };
}

function floatVariance(name: string): AggImpl {
  const sample = name === 'var_samp' || name === 'variance' || name === 'stddev_samp' || name === 'stddev';
  const stddev = name.startsWith('stddev');
  return {
    init: () => [0, 0, 0],
    step: (s: any, a) => {
      const x = a[0] as number;
      const n0 = s[0];
      const n = n0 + 1, sx = s[1] + x;
      let sxx = s[2];
      if (n0 > 0) {
        const tmp = x * n - sx;
        sxx += (tmp * tmp) / (n * n0);
        if (!Number.isFinite(sx) || !Number.isFinite(sxx)) {
          if (Number.isFinite(s[1]) && Number.isFinite(x)) throw new PgError('22003', 'value out of range: overflow');
          sxx = NaN;
        }
      } else if (!Number.isFinite(x)) sxx = NaN;
      return [n, sx, sxx];
    },
    final: (s: any) => {
      const [n, , sxx] = s as number[];
      if (n === 0 || (sample && n <= 1)) return null;
      const v = sxx / (sample ? n - 1 : n);
      return stddev ? Math.sqrt(v) : v;
    },
    strict: true,
  };
}

/** float8_regr_accum's state: N, Sx, Sxx, Sy, Syy, Sxy (the aggregates take Y first, then X). */
function regression(name: string): AggImpl {
  return {
    init: () => [0, 0, 0, 0, 0, 0],
    step: (s: any, a) => {
      const y = a[0] as number, x = a[1] as number;
      const [n0, sx0, sxx0, sy0, syy0, sxy0] = s as number[];
      const n = n0 + 1, sx = sx0 + x, sy = sy0 + y;
      let sxx = sxx0, syy = syy0, sxy = sxy0;
      if (n0 > 0) {
        const tx = x * n - sx, ty = y * n - sy, scale = 1 / (n * n0);
        sxx += tx * tx * scale;
        syy += ty * ty * scale;
        sxy += tx * ty * scale;
        if (!Number.isFinite(sx) || !Number.isFinite(sxx) || !Number.isFinite(sy) || !Number.isFinite(syy) || !Number.isFinite(sxy)) {
          if (((Number.isFinite(sx) || !Number.isFinite(sx0)) && Number.isFinite(x) && Number.isFinite(sx0)) ||
              ((Number.isFinite(sy) || !Number.isFinite(sy0)) && Number.isFinite(y) && Number.isFinite(sy0))) {
            if (Number.isFinite(sx0) && Number.isFinite(x) && !Number.isFinite(sx)) throw new PgError('22003', 'value out of range: overflow');
            if (Number.isFinite(sy0) && Number.isFinite(y) && !Number.isFinite(sy)) throw new PgError('22003', 'value out of range: overflow');
          }
          if (!Number.isFinite(sxx)) sxx = NaN;
          if (!Number.isFinite(syy)) syy = NaN;
          if (!Number.isFinite(sxy)) sxy = NaN;
        }
      } else {
        if (!Number.isFinite(x)) { sxx = NaN; sxy = NaN; }
        if (!Number.isFinite(y)) { syy = NaN; sxy = NaN; }
      }
      return [n, sx, sxx, sy, syy, sxy];
    },
    final: (s: any) => {
      const [n, sx, sxx, sy, syy, sxy] = s as number[];
      if (name === 'regr_count') return BigInt(n);
      if (n < 1) return null;
      switch (name) {
        case 'regr_sxx': return sxx;
        case 'regr_syy': return syy;
        case 'regr_sxy': return sxy;
        case 'regr_avgx': return sx / n;
        case 'regr_avgy': return sy / n;
        case 'covar_pop': return sxy / n;
        case 'covar_samp': return n < 2 ? null : sxy / (n - 1);
        case 'corr': return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
        case 'regr_r2': return sxx === 0 ? null : syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
        case 'regr_slope': return sxx === 0 ? null : sxy / sxx;
        case 'regr_intercept': return sxx === 0 ? null : (sy - (sx * sxy) / sxx) / n;
      }
      return null;
    },
    strict: true,
  };
}

function bitwise(name: string, type: number): AggImpl {
  const big = type === OID.int8;
  const op = name === 'bit_and' ? (a: any, b: any) => a & b : name === 'bit_or' ? (a: any, b: any) => a | b : (a: any, b: any) => a ^ b;
  return {
    init: () => null,
    step: (s, a) => (s === null ? a[0] : big ? op(s as bigint, a[0] as bigint) : op(s, a[0])),
    final: s => s,
    strict: true,
  };
}

/** The implementation of a statistical aggregate, or null when `name` is not one. */
export function statAggregateImpl(name: string, argType: number, resultType: number): AggImpl | null {
  if (VARIANCE.has(name)) return resultType === OID.float8 ? floatVariance(name) : numericVariance(name);
  if (REGRESSION.has(name)) return regression(name);
  if (BITWISE.has(name)) return bitwise(name, argType);
  return null;
}
