// UNION / INTERSECT / EXCEPT [ALL] of two queries' rows, then ORDER BY and LIMIT.
import type { Query } from '../analyzer/query.js';
import { compile } from './compile.js';
import type { Env } from './env.js';
import { compileQuery, hashFn, runSubquery, sortRows, type QueryProgram } from './query.js';

export function compileSetOp(q: Query): QueryProgram {
  const s = q.setOp!;
  const left = compileQuery(s.left), right = compileQuery(s.right);
  const types = q.targets.map(t => t.expr.type);
  const hashes = types.map(hashFn);
  const keyOf = (r: unknown[]) => { let k = ''; for (let i = 0; i < hashes.length; i++) k += hashes[i](r[i]) + '\u0001'; return k; };
  const sortSpec = q.orderBy;
  const sortKeys = q.orderBy.map(k => compile(k.expr, runSubquery));
  const limitE = q.limit ? compile(q.limit, runSubquery) : null;
  const offsetE = q.offset ? compile(q.offset, runSubquery) : null;
  // UNION ALL appends the right rows to the left ones: a caller that needs only some (a
  // recursive WITH query's scan) gets them without the rest being computed
  const append = s.op === 'union' && s.all && !sortSpec.length && !limitE && !offsetE;
  return (env: Env, hint?: number) => {
    if (append && hint !== undefined) {
      const l = left(env, hint);
      return l.length >= hint ? l.slice(0, hint) : [...l, ...right(env, hint - l.length)];
    }
    const l = left(env), r = right(env);
    let rows: unknown[][];
    if (s.op === 'union') {
      if (s.all) rows = [...l, ...r];
      else {
        const seen = new Set<string>();
        rows = [];
        for (const row of [...l, ...r]) { const k = keyOf(row); if (!seen.has(k)) { seen.add(k); rows.push(row); } }
      }
    } else {
      const counts = new Map<string, number>();
      for (const row of r) { const k = keyOf(row); counts.set(k, (counts.get(k) ?? 0) + 1); }
      rows = [];
      const emitted = new Set<string>();
      for (const row of l) {
        const k = keyOf(row);
        const c = counts.get(k) ?? 0;
        if (s.op === 'intersect') {
          if (c > 0) { if (s.all) { counts.set(k, c - 1); rows.push(row); } else if (!emitted.has(k)) { emitted.add(k); rows.push(row); } }
        } else if (s.all) {
          if (c > 0) counts.set(k, c - 1); else rows.push(row);
        } else if (c === 0 && !emitted.has(k)) { emitted.add(k); rows.push(row); }
      }
    }
    if (sortSpec.length) {
      const n = q.targets.length;
      const withKeys = rows.map(row => { const f = [row, null]; return [...row, ...sortKeys.map(k => k(f, env))]; });
      sortRows(withKeys, sortSpec, n);
      rows = withKeys.map(r => r.slice(0, n));
    }
    let offset = 0, limit = Infinity;
    if (limitE) { const v = limitE([], env); if (v !== null) limit = Number(v); }
    if (offsetE) { const v = offsetE([], env); if (v !== null) offset = Number(v); }
    if (offset > 0 || limit < rows.length) rows = rows.slice(offset, offset + limit);
    return rows;
  };
}
