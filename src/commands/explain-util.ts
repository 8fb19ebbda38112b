// Small helpers of the EXPLAIN tree builder (explain-tree.ts).
import type { Expr } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import type { Plan } from '../planner/index.js';
import { forEachChild as forChildren } from '../analyzer/walk.js';
import { partitionTree } from '../catalog/partition-bounds.js';

export { forChildren };

/** WHERE conditions the planner turned into semi / anti joins. */
export function semiJoinConds(p: Plan, out = new Set<Expr>()): Set<Expr> {
  switch (p.k) {
    case 'semijoin': out.add(p.cond); semiJoinConds(p.outer, out); break;
    case 'nestloop': case 'hashjoin': semiJoinConds(p.outer, out); semiJoinConds(p.inner, out); break;
    case 'filter': case 'material': semiJoinConds(p.input, out); break;
    default: break;
  }
  return out;
}

export function joinSuffix(t: string): string {
  switch (t) {
    case 'left': return ' Left Join';
    case 'right': return ' Right Join';
    case 'full': return ' Full Join';
    default: return '';
  }
}

export function inheritanceTables(t: Table): Table[] {
  // partitions in bound order, depth first, as the executor scans them
  if (t.partitionKey) return partitionTree(t);
  const out = [t];
  for (let i = 0; i < out.length; i++) for (const c of out[i].children) if (!out.includes(c)) out.push(c);
  return out;
}

export function quoteName(s: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}

export function contains(e: Expr, target: Expr): boolean {
  if (e === target) return true;
  let found = false;
  forChildren(e, c => { if (!found && contains(c, target)) found = true; });
  return found;
}

