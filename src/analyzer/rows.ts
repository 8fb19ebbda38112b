// Row constructors in comparisons: (a, b) = (1, 2), (a, b) < (c, d), IS DISTINCT FROM,
// and IN lists (PostgreSQL's make_row_comparison_op, make_row_distinct_op, transformAExprIn).
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import type { ExprAnalyzer } from './expr.js';
import type { Expr } from './query.js';
import { typeDisplayName } from './typenames.js';
import { inListAsStored } from './ruleutils-names.js';

const BOOL = OID.bool;
const pos = (loc: number) => (loc >= 0 ? { position: loc + 1 } : undefined);
const ORDERING = new Set(['<', '<=', '>', '>=']);

/** The columns of a row expression (a row constructor's arguments), or null if it is not one. */
export function rowArgs(e: Expr): Expr[] | null {
  return e.k === 'row' ? e.args : null;
}

/** `left op right` where both sides are rows of the same length. */
export function rowCompare(ex: ExprAnalyzer, name: string, left: Expr[], right: Expr[], location: number): Expr {
  if (left.length !== right.length) throw new PgError('42601', 'unequal number of entries in row expressions', pos(location));
  if (left.length === 0) throw new PgError('0A000', 'cannot compare rows of zero length', pos(location));
  const pairs = left.map((l, i) => ex.operator(name, l, right[i], location));
  for (const p of pairs) {
    if (p.type !== BOOL) {
      throw new PgError('42804', `row comparison operator must yield type boolean, not type ${typeDisplayName(p.type)}`, pos(location));
    }
  }
  if (pairs.length === 1) return pairs[0];
  if (name === '=') return { k: 'and', type: BOOL, typmod: -1, args: pairs };
  if (name === '<>') return { k: 'or', type: BOOL, typmod: -1, args: pairs };
  if (!ORDERING.has(name) || pairs.some(p => p.k !== 'op')) {
    throw new PgError('42883', `could not determine interpretation of row comparison operator ${name}`,
      { hint: 'Row comparison operators must be associated with btree operator families.', ...pos(location) });
  }
  const ops = pairs.map(p => (p as Expr & { k: 'op' }));
  // each column's equality, on the same (already coerced) argument types as its ordering operator
  const eqs = ops.map(p => {
    const eq = ex.operator('=', p.args[0], p.args[1], location);
    if (eq.k !== 'op') throw new PgError('42883', `could not determine interpretation of row comparison operator ${name}`, pos(location));
    return eq.op;
  });
  return { k: 'rowcompare', type: BOOL, typmod: -1, ops: ops.map(p => p.op), eqs,
    left: ops.map(p => p.args[0]), right: ops.map(p => p.args[1]), whenEqual: name === '<=' || name === '>=' };
}

/** (a, b) IS [NOT] DISTINCT FROM (c, d): OR of the columns' IS DISTINCT FROM. */
export function rowDistinct(ex: ExprAnalyzer, left: Expr[], right: Expr[], negate: boolean, location: number): Expr {
  if (left.length !== right.length) throw new PgError('42601', 'unequal number of entries in row expressions', pos(location));
  const parts: Expr[] = left.map((l, i) => {
    const eq = ex.operator('=', l, right[i], location);
    if (eq.k !== 'op' || eq.type !== BOOL) throw new PgError('42804', 'IS DISTINCT FROM requires = operator to yield boolean', pos(location));
    return { k: 'distinct', type: BOOL, typmod: -1, eq: eq.op, args: eq.args as [Expr, Expr], negate: false };
  });
  const any: Expr = parts.length === 1 ? parts[0] : { k: 'or', type: BOOL, typmod: -1, args: parts };
  return negate ? { k: 'not', type: BOOL, typmod: -1, arg: any } : any;
}

/**
 * x IN (a, b, …) / x NOT IN (…) as PostgreSQL's transformAExprIn builds it: constants sharing
 * a type become x = ANY (ARRAY[…]) (<> ALL for NOT IN), the rest comparisons joined by OR (AND).
 */
export function inList(ex: ExprAnalyzer, opName: string, left: Expr, items: Expr[], location: number): Expr {
  return inListAsStored(ex, opName, left, items, location);
}
