// Partition key expressions (PARTITION BY … ((a + 1)), lower(b)): analyzed against one row of
// the partitioned table, to check them at creation, to evaluate them when routing rows, and
// to print them back as PostgreSQL does.
import type { Table } from '../catalog/objects.js';
import { quoteIdent } from '../types/string-functions.js';
import type { AnalyzeContext } from './context.js';
import { emptyQuery, type Expr } from './query.js';
import { deparseExpr } from './ruleutils.js';
import { SelectAnalyzer } from './select.js';

/** A partition key expression bound to the table's row (entry 0). */
export function analyzePartitionExpr(ctx: AnalyzeContext, table: Table, raw: unknown): Expr {
  const sa = new SelectAnalyzer(ctx);
  const q = emptyQuery();
  const scope = sa.newScope(q, null);
  sa.fromItem({ RangeVar: { relname: table.name, schemaname: table.schema.name, inh: false, location: -1 } }, scope, q);
  return sa.ex.expr(raw, { ...scope, aggContext: 'partition key expressions' });
}

const OPERAND_KEYS = new Set(['fn', 'op', 'eq', 'ops', 'eqs', 'query', 'agg', 'cmp']);

/** Does the expression call only immutable functions and operators (contain_mutable_functions)? */
export function isImmutableExpr(e: unknown): boolean {
  if (!e || typeof e !== 'object') return true;
  if (Array.isArray(e)) return e.every(isImmutableExpr);
  const x = e as { k?: string; fn?: { volatility?: string }; op?: { fn?: { volatility?: string }; volatility?: string } };
  if (x.k === 'func' && (x.fn?.volatility ?? 'i') !== 'i') return false;
  if (x.k === 'special' || x.k === 'sublink' || x.k === 'param') return false;
  return Object.entries(e).every(([k, v]) => typeof v !== 'object' || OPERAND_KEYS.has(k) || isImmutableExpr(v));
}

/** The expression as deparse_expression prints it (operators parenthesized, no pretty-printing). */
export function partitionExprText(ctx: AnalyzeContext, table: Table, e: Expr): string {
  // the table's whole row prints as its Var does (ruleutils: "t.*")
  if (e.k === 'row' && e.wholeRow) return `${quoteIdent(table.name)}.*`;
  return deparseExpr(e, { settings: ctx.settings, varName: (_l, _e, att) => quoteIdent(table.columns[att].name) });
}
