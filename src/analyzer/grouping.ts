// GROUP BY checks: expressions equal to a grouping expression, and ungrouped columns.
import { PgError } from '../errors/index.js';
import type { Expr, Query } from './query.js';

/** Structural equality of two analyzed expressions (for GROUP BY / DISTINCT matching). */
export function sameExpr(a: Expr, b: Expr): boolean {
  if (a.k !== b.k || a.type !== b.type) return false;
  switch (a.k) {
    case 'var': return b.k === 'var' && a.entry === b.entry && a.att === b.att && a.levelsUp === b.levelsUp;
    case 'const': return b.k === 'const' && a.value === (b as any).value;
    case 'param': return (b as any).index === a.index;
    default: {
      const ka = Object.keys(a), kb = Object.keys(b);
      if (ka.length !== kb.length) return false;
      for (const k of ka) {
        const x = (a as any)[k], y = (b as any)[k];
        if (Array.isArray(x)) {
          if (!Array.isArray(y) || x.length !== y.length) return false;
          for (let i = 0; i < x.length; i++) {
            if (x[i] && typeof x[i] === 'object' && 'k' in x[i]) { if (!sameExpr(x[i], y[i])) return false; } else if (x[i] !== y[i]) return false;
          }
        } else if (x && typeof x === 'object' && 'k' in x) { if (!sameExpr(x, y)) return false; } else if (x !== y) return false;
      }
      return true;
    }
  }
}

/** Ungrouped columns used outside aggregates are an error (with PostgreSQL's functional-dependency exception for primary keys). */
export function checkGrouping(q: Query): void {
  const grouped = (e: Expr) => q.groupBy.some(g => sameExpr(g, e));
  const pkCovered = new Set<number>();
  q.entries.forEach((entry, i) => {
    const pk = entry.table?.constraints.find(c => c.type === 'p');
    if (pk && pk.columns.every(att => q.groupBy.some(g => g.k === 'var' && g.levelsUp === 0 && g.entry === i && entry.columns[g.att].attnum === att))) pkCovered.add(i);
  });
  const visit = (e: Expr, clause: string): void => {
    if (grouped(e)) return;
    if (e.k === 'var' && e.levelsUp === 0) {
      if (pkCovered.has(e.entry)) return;
      const entry = q.entries[e.entry];
      throw new PgError('42803', `column "${entry.alias}.${entry.columns[e.att].name}" must appear in the GROUP BY clause or be used in an aggregate function`,
        { ...(e.loc !== undefined && e.loc >= 0 ? { position: e.loc + 1 } : {}),
          ...(clause === 'direct' ? { detail: 'Direct arguments of an ordered-set aggregate must use only grouped columns.' } : {}) });
    }
    if (e.k === 'aggref' || e.k === 'sublink') return;
    for (const v of Object.values(e)) {
      if (Array.isArray(v)) for (const x of v) { if (x && typeof x === 'object' && 'k' in x) visit(x, clause); else if (x && x.cond) { visit(x.cond, clause); visit(x.result, clause); } }
      else if (v && typeof v === 'object' && 'k' in v) visit(v as Expr, clause);
    }
  };
  for (const t of q.targets) visit(t.expr, 'SELECT');
  if (q.having) visit(q.having, 'HAVING');
  for (const o of q.orderBy) visit(o.expr, 'ORDER BY');
  for (const a of q.aggs) for (const d of a.direct ?? []) visit(d, 'direct');
}
