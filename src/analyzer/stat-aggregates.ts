// Signatures of the statistical aggregates (pg_aggregate): variance and standard
// deviation, covariance, correlation and the regr_* family, bit_and/bit_or/bit_xor.
// Each gives the result type and the types its arguments are coerced to.
import { OID } from '../types/oids.js';
import { canCoerce } from './coerce.js';

const { int2, int4, int8, numeric, float4, float8 } = OID;

export const VARIANCE = new Set(['var_pop', 'var_samp', 'variance', 'stddev_pop', 'stddev_samp', 'stddev']);
export const REGRESSION = new Set(['covar_pop', 'covar_samp', 'corr', 'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept',
  'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy', 'regr_syy']);
export const BITWISE = new Set(['bit_and', 'bit_or', 'bit_xor']);

export const STAT_AGGREGATES = new Set([...VARIANCE, ...REGRESSION, ...BITWISE]);

/** The aggregate's result and argument types for these argument types, or null when none fits. */
export function statAggregateSignature(name: string, types: number[]): { ret: number; args: number[] } | null {
  if (VARIANCE.has(name)) {
    if (types.length !== 1) return null;
    const t = types[0];
    if (t === int2 || t === int4 || t === int8 || t === numeric) return { ret: numeric, args: [t] };
    if (t === float4 || t === float8) return { ret: float8, args: [float8] };
    // other types go through their implicit cast to numeric (as the candidate search would)
    return canCoerce(t, numeric, 'i') ? { ret: numeric, args: [numeric] } : null;
  }
  if (REGRESSION.has(name)) {
    if (types.length !== 2 || !types.every(t => t === float8 || canCoerce(t, float8, 'i'))) return null;
    return { ret: name === 'regr_count' ? int8 : float8, args: [float8, float8] };
  }
  if (BITWISE.has(name)) {
    if (types.length !== 1) return null;
    const t = types[0];
    if (t === int2 || t === int4 || t === int8) return { ret: t, args: [t] };
    if (t === OID.unknown) return null;
    return null;
  }
  return null;
}
