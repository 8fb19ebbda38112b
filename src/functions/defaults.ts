// Parameter DEFAULT expressions at CREATE FUNCTION: analyzed once (type errors then, as
// PostgreSQL reports them) and printed back as pg_get_function_arguments shows them.
import { PgError } from '../errors/index.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { canCoerce, coerce } from '../analyzer/coerce.js';
import { nodeLocation } from '../analyzer/expr.js';
import { emptyQuery } from '../analyzer/query.js';
import { deparseExpr } from '../analyzer/ruleutils.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { OID } from '../types/oids.js';

export function defaultText(ctx: AnalyzeContext, raw: any, type: number): string {
  const dctx: AnalyzeContext = { ...ctx, paramTypes: [], deparse: true };
  const sa = new SelectAnalyzer(dctx);
  const scope = sa.newScope(emptyQuery(), null);
  const e = sa.ex.expr(raw, { ...scope, aggContext: 'DEFAULT expressions' });
  if (e.type !== OID.unknown && e.type !== type && !canCoerce(e.type, type, 'a')) {
    throw new PgError('42804', `argument of DEFAULT must be type ${typeDisplayName(type)}, not type ${typeDisplayName(e.type)}`, nodeLocation(raw) >= 0 ? { position: nodeLocation(raw) + 1 } : undefined);
  }
  const stored = coerce(e, type, -1, 'a', dctx);
  const noColumns = () => { throw new PgError('42P10', 'cannot use column reference in DEFAULT expression'); };
  return deparseExpr(stored, { settings: ctx.settings, pretty: false, varName: noColumns });
}
