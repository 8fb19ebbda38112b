// Ordered-set and hypothetical-set aggregates (orderedsetaggs.c): the input arrives
// sorted; the final step reads the direct arguments. percentile_cont interpolates
// between the two nearest rows, percentile_disc takes the first row at or past the
// fraction, mode the most frequent value (the first of equally frequent ones), and
// rank & co place a hypothetical row among the sorted ones.
import { PgError } from '../errors/index.js';
import type { AggCall, AggImpl, SortKey } from '../analyzer/query.js';
import { OID } from '../types/oids.js';
import { operatorsNamed, typeByOid, type EvalContext } from '../types/registry.js';

const collect: Pick<AggImpl, 'init' | 'step'> = {
  init: () => [],
  step: (s: any, a) => { s.push(a.length === 1 ? a[0] : a); return s; },
};

function fractionError(p: number): PgError {
  return new PgError('22003', `percentile value ${p} is not between 0 and 1`);
}

/** Applies `one` to a fraction or to each fraction of an array (keeping its shape; NULL gives NULL). */
function perFraction(f: unknown, one: (p: number) => unknown): unknown {
  if (Array.isArray(f)) return f.map(x => perFraction(x, one));
  return f === null ? null : one(f as number);
}

function binop(name: string, l: number, r: number) {
  return operatorsNamed(name)!.find(o => o.left === l && o.right === r)!.fn;
}

function percentileCont(type: number, ctx: EvalContext): (vals: unknown[], p: number) => unknown {
  if (type === OID.interval) {
    const mi = binop('-', OID.interval, OID.interval), mul = binop('*', OID.interval, OID.float8), pl = binop('+', OID.interval, OID.interval);
    return (vals, p) => lerp(vals, p, (lo, hi, t) => pl(lo, mul(mi(hi, lo, ctx), t, ctx), ctx));
  }
  return (vals, p) => lerp(vals, p, (lo, hi, t) => (lo as number) + ((hi as number) - (lo as number)) * t);
}

function lerp(vals: unknown[], p: number, mix: (lo: unknown, hi: unknown, t: number) => unknown): unknown {
  if (p < 0 || p > 1 || Number.isNaN(p)) throw fractionError(p);
  const n = vals.length;
  const first = Math.floor(p * (n - 1)), second = Math.ceil(p * (n - 1));
  if (first === second) return vals[first];
  return mix(vals[first], vals[second], p * (n - 1) - first);
}

function percentileDisc(vals: unknown[], p: number): unknown {
  if (p < 0 || p > 1 || Number.isNaN(p)) throw fractionError(p);
  let row = Math.ceil(p * vals.length);
  if (row <= 0) row = 1;
  return vals[row - 1];
}

/** Compares two rows by the aggregate's ORDER BY keys (NULLS FIRST/LAST, DESC). */
function rowCompare(keys: SortKey[]): (a: unknown[], b: unknown[]) => number {
  return (a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i], x = a[i], y = b[i];
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === k.nullsFirst ? -1 : 1;
      }
      const c = k.cmp(x, y);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  };
}

export function orderedSetImpl(call: AggCall, ctx: EvalContext): AggImpl {
  const keys = call.orderBy;
  switch (call.name) {
    case 'percentile_disc': case 'percentile_cont': {
      const elem = call.name === 'percentile_cont' ? keys[0].expr.type : 0;
      const cont = call.name === 'percentile_cont' ? percentileCont(elem, ctx) : null;
      return { ...collect, strict: true,
        final: (s: any, direct) => {
          const f = direct?.[0] ?? null;
          if (f === null || s.length === 0) return null;
          return perFraction(f, p => (cont ? cont(s, p) : percentileDisc(s, p)));
        } };
    }
    case 'mode': {
      const t = typeByOid(call.type);
      const eq = (a: unknown, b: unknown) => (t ? t.compare(a, b) === 0 : a === b);
      return { ...collect, strict: true,
        final: (s: any) => {
          let best: unknown = null, bestN = 0, cur: unknown = null, n = 0;
          for (const v of s as unknown[]) {
            if (n > 0 && eq(v, cur)) n++;
            else { cur = v; n = 1; }
            if (n > bestN) { best = cur; bestN = n; }
          }
          return bestN ? best : null;
        } };
    }
  }
  // hypothetical-set: where the direct arguments' row would fall among the sorted rows
  const cmp = rowCompare(keys);
  const name = call.name;
  return { strict: false, init: () => [], step: (s: any, a) => { s.push(a); return s; },
    final: (s: any, direct) => {
      const rows = s as unknown[][];
      const hyp = direct ?? [];
      const n = rows.length;
      let before = 0, peers = 0, groups = 0;
      let prev: unknown[] | null = null;
      for (const r of rows) {
        const c = cmp(r, hyp);
        if (c < 0) {
          before++;
          if (!prev || cmp(prev, r) !== 0) groups++;
          prev = r;
        } else if (c === 0) peers++;
      }
      switch (name) {
        case 'rank': return BigInt(before + 1);
        case 'dense_rank': return BigInt(groups + 1);
        case 'percent_rank': return n === 0 ? 0 : before / n;
        default: return (before + peers + 1) / (n + 1);
      }
    } };
}
