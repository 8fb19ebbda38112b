// A domain's CHECK expression: VALUE is the value being coerced to the domain (a
// CoerceToDomainValue in PostgreSQL), of the domain's base type; analyzed at CREATE DOMAIN /
// ALTER DOMAIN to report errors as PostgreSQL does (without a position), and again when a
// session compiles it.
import { PgError } from '../errors/index.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { emptyQuery, type Expr } from '../analyzer/query.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { deparseExpr } from '../analyzer/ruleutils.js';
import { coerce } from '../analyzer/coerce.js';

export function analyzeDomainCheck(ctx: AnalyzeContext, base: { typeOid: number; typmod: number }, raw: unknown): Expr {
  const sa = new SelectAnalyzer(ctx);
  const scope = sa.newScope(emptyQuery(), null);
  // param index -1: the executor reads it from env.subRow[0]; printed back, it is VALUE
  const value = (): Expr => (ctx.deparse
    ? { k: 'special', type: base.typeOid, typmod: base.typmod, fn: () => null, sqlName: 'VALUE' }
    : { k: 'param', type: base.typeOid, typmod: base.typmod, index: -1 });
  scope.items.push({ alias: null, columns: [{ name: 'value', make: value }] });
  try {
    return sa.ex.condition(raw, { ...scope, aggContext: 'check constraints' }, 'CHECK');
  } catch (e) {
    if (e instanceof PgError) e.position = undefined;
    throw e;
  }
}

/** pg_get_constraintdef of a domain's CHECK constraint: CHECK (…) [NOT VALID], VALUE for the value. */
export function domainConstraintDef(ctx: AnalyzeContext, base: { typeOid: number; typmod: number }, c: { expr: unknown; validated: boolean }, pretty: boolean): string {
  const e = analyzeDomainCheck({ ...ctx, paramTypes: [], deparse: true }, base, c.expr);
  const noColumns = () => { throw new Error('a domain constraint refers to no column'); };
  return `CHECK (${deparseExpr(e, { settings: ctx.settings, pretty, varName: noColumns })})${c.validated ? '' : ' NOT VALID'}`;
}

/**
 * A domain's DEFAULT as PostgreSQL stores it (pg_type.typdefault): the expression coerced to
 * the domain, printed back; analyzing it now reports its errors at CREATE / ALTER DOMAIN.
 */
export function cookDomainDefault(ctx: AnalyzeContext, domainOid: number, raw: unknown): string {
  const dctx: AnalyzeContext = { ...ctx, paramTypes: [], deparse: true };
  const sa = new SelectAnalyzer(dctx);
  const scope = sa.newScope(emptyQuery(), null);
  try {
    const e = coerce(sa.ex.expr(raw, { ...scope, aggContext: 'DEFAULT expressions' }), domainOid, -1, 'a', dctx);
    const noColumns = () => { throw new PgError('0A000', 'cannot use column reference in DEFAULT expression'); };
    return deparseExpr(e, { settings: ctx.settings, pretty: false, varName: noColumns });
  } catch (e) {
    if (e instanceof PgError) e.position = undefined;
    throw e;
  }
}
