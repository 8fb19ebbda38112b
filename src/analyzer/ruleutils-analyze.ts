// The stored expressions of a table (CHECK constraints, column defaults) printed back:
// the catalog keeps them as parse trees, so they are analyzed as PostgreSQL stored them
// (AnalyzeContext.deparse) and then printed (ruleutils.ts).
import type { Table } from '../catalog/objects.js';
import { quoteIdent } from '../types/string-functions.js';
import { coerce } from './coerce.js';
import type { AnalyzeContext } from './context.js';
import { emptyQuery } from './query.js';
import { deparseExpr } from './ruleutils.js';
import { SelectAnalyzer } from './select.js';
import { analyzeCheck } from './stored-expr.js';

const forDeparse = (ctx: AnalyzeContext): AnalyzeContext => ({ ...ctx, paramTypes: [], deparse: true });

/** The text of a CHECK constraint's expression (pg_get_constraintdef's inside of CHECK (…)). */
export function deparseCheck(ctx: AnalyzeContext, table: Table, raw: unknown, pretty = false): string {
  const e = analyzeCheck(forDeparse(ctx), table, raw);
  // the table is the only range entry, its slots in attnum order
  const varName = (_levelsUp: number, _entry: number, att: number) => quoteIdent(table.columns[att].name);
  return deparseExpr(e, { settings: ctx.settings, pretty, varName });
}

/** pg_get_expr of a column's DEFAULT: the expression coerced to the column's type; null when none is stored. */
export function deparseDefault(ctx: AnalyzeContext, table: Table, attnum: number, pretty = false): string | null {
  const col = table.columns[attnum - 1];
  if (!col?.default) return null;
  const dctx = forDeparse(ctx);
  const sa = new SelectAnalyzer(dctx);
  const scope = sa.newScope(emptyQuery(), null);
  const e = sa.ex.expr(col.default.expr, { ...scope, aggContext: 'DEFAULT expressions' });
  const stored = coerce(e, col.typeOid, col.typmod, 'a', dctx);
  // a bare NULL is no default at all (PostgreSQL stores no pg_attrdef row for it)
  if (stored.k === 'const' && stored.value === null) return null;
  const noColumns = () => { throw new Error('a column default refers to no column'); };
  return deparseExpr(stored, { settings: ctx.settings, pretty, varName: noColumns });
}
