// Analysis details that only matter for printing a stored expression back (ruleutils.ts):
// the SQL spelling of value functions, and IN lists in the shape PostgreSQL stores them.
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { canCoerce, coerce, commonType } from './coerce.js';
import type { ExprAnalyzer } from './expr.js';
import type { Expr } from './query.js';
import { rowArgs, rowCompare } from './rows.js';

const SVF: Record<string, string> = {
  SVFOP_CURRENT_DATE: 'CURRENT_DATE', SVFOP_CURRENT_TIME: 'CURRENT_TIME', SVFOP_CURRENT_TIME_N: 'CURRENT_TIME',
  SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP', SVFOP_CURRENT_TIMESTAMP_N: 'CURRENT_TIMESTAMP', SVFOP_LOCALTIME: 'LOCALTIME',
  SVFOP_LOCALTIME_N: 'LOCALTIME', SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP', SVFOP_LOCALTIMESTAMP_N: 'LOCALTIMESTAMP',
  SVFOP_CURRENT_ROLE: 'CURRENT_ROLE', SVFOP_CURRENT_USER: 'CURRENT_USER', SVFOP_USER: 'USER', SVFOP_SESSION_USER: 'SESSION_USER',
  SVFOP_CURRENT_CATALOG: 'CURRENT_CATALOG', SVFOP_CURRENT_SCHEMA: 'CURRENT_SCHEMA',
};

/** How an SQLValueFunction node prints: CURRENT_TIMESTAMP, LOCALTIME(3), … */
export function sqlValueFunctionName(n: { op: string; typmod?: number }): string {
  const name = SVF[n.op] ?? n.op;
  return n.op.endsWith('_N') ? `${name}(${n.typmod})` : name;
}

/** Does the expression read a column of its own query level (contain_vars_of_level(e, 0))? */
function hasVars(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object') return false;
  if (Array.isArray(e)) return e.some(x => hasVars(x, depth));
  const x = e as { k?: string; levelsUp?: number };
  if ((x.k === 'var' || x.k === 'tableoid') && x.levelsUp === depth) return true;
  // operands only (operator and function definitions are not expressions); a subquery's own columns are not ours
  return Object.entries(e).some(([key, v]) => key !== 'op' && key !== 'fn' && key !== 'eq' && key !== 'query' && typeof v === 'object' && hasVars(v, depth));
}

/**
 * x IN (…) as transformAExprIn builds it: the items without columns, when there are several
 * and they share a type, become x = ANY (ARRAY[…]); the others are compared one by one,
 * joined by OR (AND for NOT IN) two at a time.
 */
export function inListAsStored(ex: ExprAnalyzer, opName: string, left: Expr, items: Expr[], location: number): Expr {
  const useOr = opName !== '<>';
  const haveRow = left.k === 'row' || items.some(i => i.k === 'row');
  const nonVars = items.filter(i => !hasVars(i));
  let result: Expr | null = null;
  let rest = items;
  if (!haveRow && nonVars.length > 1) {
    const all = [left, ...nonVars];
    let t: number | null;
    try { t = commonType(all.map(e => e.type), 'IN'); } catch { t = null; }
    const arr = t !== null && all.every(e => canCoerce(e.type, t!, 'i')) ? typeByOid(t)?.array : undefined;
    if (t !== null && arr) {
      const elems = nonVars.map(e => coerce(e, t!, -1, 'i', ex.ctx));
      result = ex.scalarArray(opName, left, { k: 'array', type: arr, typmod: -1, elems }, useOr, location);
      rest = items.filter(i => hasVars(i));
    }
  }
  for (const it of rest) {
    const l = rowArgs(left), r = rowArgs(it);
    const cmp = l && r ? rowCompare(ex, opName, l, r, location) : ex.operator(opName, left, it, location);
    result = result ? { k: useOr ? 'or' : 'and', type: OID.bool, typmod: -1, args: [result, cmp] } : cmp;
  }
  return result!;
}
