// The stored expressions of a table (CHECK constraints, column defaults) printed back:
// the catalog keeps them as parse trees, so they are analyzed against the table as
// PostgreSQL stored them (AnalyzeContext.deparse) and then printed (ruleutils.ts).
import type { Table } from '../catalog/objects.js';
import { quoteIdent } from '../types/string-functions.js';
import { coerce } from './coerce.js';
import type { AnalyzeContext } from './context.js';
import { emptyQuery, type Query } from './query.js';
import { deparseExpr } from './ruleutils.js';
import { SelectAnalyzer } from './select.js';

function tableScope(ctx: AnalyzeContext, table: Table | null) {
  const sa = new SelectAnalyzer({ ...ctx, paramTypes: [], deparse: true });
  const q: Query = emptyQuery();
  const scope = sa.newScope(q, null);
  if (table) sa.fromItem({ RangeVar: { relname: table.name, schemaname: table.schema.name, inh: false, location: -1 } }, scope, q);
  const varName = (_levelsUp: number, entry: number, att: number) => quoteIdent(q.entries[entry].columns[att].name);
  return { sa, scope, varName };
}

/** The text of a CHECK constraint's expression (pg_get_constraintdef's inside of CHECK (…)). */
export function deparseCheck(ctx: AnalyzeContext, table: Table, raw: unknown, pretty = false): string {
  const { sa, scope, varName } = tableScope(ctx, table);
  const e = sa.ex.condition(raw, { ...scope, aggContext: 'check constraints' }, 'CHECK');
  return deparseExpr(e, { settings: ctx.settings, pretty, varName });
}

/** pg_get_expr of a column's DEFAULT: the expression coerced to the column's type. */
export function deparseDefault(ctx: AnalyzeContext, table: Table, attnum: number, pretty = false): string | null {
  const col = table.columns[attnum - 1];
  if (!col?.default) return null;
  const { sa, scope, varName } = tableScope(ctx, null);
  const e = sa.ex.expr(col.default.expr, { ...scope, aggContext: 'DEFAULT expressions' });
  const stored = coerce(e, col.typeOid, col.typmod, 'a', { settings: ctx.settings, deparse: true });
  // a bare NULL is no default at all (PostgreSQL stores no pg_attrdef row for it)
  if (stored.k === 'const' && stored.value === null) return null;
  return deparseExpr(stored, { settings: ctx.settings, pretty, varName });
}
