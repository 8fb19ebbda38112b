// Small helpers of the EXPLAIN tree builder (explain-tree.ts).
import type { Expr } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import type { Plan } from '../planner/index.js';
import { partitionTree } from '../catalog/partition-bounds.js';

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

export function forChildren(e: Expr, fn: (x: Expr) => void): void {
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': e.args.forEach(fn); break;
    case 'distinct': case 'nullif': case 'scalararray': fn(e.args[0]); fn(e.args[1]); break;
    case 'array': e.elems.forEach(fn); break;
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': fn(e.arg); break;
    case 'case': for (const w of e.whens) { fn(w.cond); fn(w.result); } if (e.else) fn(e.else); break;
    case 'rowcompare': e.left.forEach(fn); e.right.forEach(fn); break;
    case 'subscript': fn(e.arg); break;
    default: break;
  }
}
