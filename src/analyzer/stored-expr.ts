// The expressions a table stores (CHECK constraints), analyzed against one row of it: at
// creation (to report errors as PostgreSQL does then), to evaluate, and to print back.
import type { Table } from '../catalog/objects.js';
import type { AnalyzeContext } from './context.js';
import { emptyQuery, type Expr } from './query.js';
import { SelectAnalyzer } from './select.js';

/** A CHECK expression bound to the table's row (entry 0); errors as CREATE/ALTER TABLE reports them. */
export function analyzeCheck(ctx: AnalyzeContext, table: Table, raw: unknown): Expr {
  const sa = new SelectAnalyzer(ctx);
  const q = emptyQuery();
  const scope = sa.newScope(q, null);
  sa.fromItem({ RangeVar: { relname: table.name, schemaname: table.schema.name, inh: false, location: -1 } }, scope, q);
  return sa.ex.condition(raw, { ...scope, aggContext: 'check constraints' }, 'CHECK');
}
