// pg_get_viewdef and the printer pg_views / information_schema.views use: a view's query
// analyzed as PostgreSQL stored it and printed back (ruleutils-query.ts), relation names
// qualified where the session's search path would not find them.
import type { AnalyzeContext } from '../analyzer/context.js';
import { analyzeViewQuery } from '../analyzer/view.js';
import { deparseQuery } from '../analyzer/ruleutils-query.js';
import { updatabilityError } from '../analyzer/view-updatable.js';
import type { View } from '../catalog/objects.js';
import { relationByOid, relationIsVisible } from '../catalog/oid-index.js';
import { installViewPrinter } from '../catalog/system/index.js';
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { RuleutilsHost } from './ruleutils-functions.js';

const hostOf = (ctx: EvalContext) => ctx.session as RuleutilsHost;

function analyzeContext(h: RuleutilsHost, deparse: boolean): AnalyzeContext {
  return {
    catalog: h.engine.catalog, searchPath: h.lookupPath(), settings: h.settings, paramTypes: [], currentUser: h.user,
    sessionValue: () => null, deparse,
  };
}

/** pg_get_viewdef: the view's query with its trailing semicolon. */
export function viewDefinition(h: RuleutilsHost, v: View, pretty: boolean): string {
  const q = analyzeViewQuery(analyzeContext(h, true), v);
  const path = h.lookupPath();
  const text = deparseQuery(q, {
    settings: h.settings, pretty,
    relationName: r => (relationIsVisible(h.engine.catalog, r, path) ? quoteIdent(r.name) : `${quoteIdent(r.schema.name)}.${quoteIdent(r.name)}`),
  }, v.columns.map(c => c.name));
  return text + ';';
}

function viewByName(h: RuleutilsHost, name: string): View | null {
  const parts = name.split('.');
  const rel = h.engine.catalog.findRelation(parts.length > 1 ? parts[0] : null, parts[parts.length - 1], h.lookupPath());
  if (!rel) throw new PgError('42P01', `relation "${name}" does not exist`);
  return rel.kind === 'view' ? rel : null;
}

let registered = false;

export function registerViewdefFunctions(h: RuleutilsHost): void {
  installViewPrinter(h.engine.catalog, {
    definition: v => viewDefinition(h, v, false),
    updatable: v => {
      try { return updatabilityError(analyzeViewQuery(analyzeContext(h, false), v)) === null; } catch { return false; }
    },
  });
  if (registered) return;
  registered = true;
  const byOid = (oid: unknown, pretty: boolean, ctx: EvalContext): string | null => {
    const rel = relationByOid(hostOf(ctx).engine.catalog, oid as number);
    return rel?.kind === 'view' ? viewDefinition(hostOf(ctx), rel, pretty) : null;
  };
  const byName = (name: unknown, pretty: boolean, ctx: EvalContext): string | null => {
    const v = viewByName(hostOf(ctx), name as string);
    return v ? viewDefinition(hostOf(ctx), v, pretty) : null;
  };
  const s = 's' as const;
  registerFunction({ name: 'pg_get_viewdef', args: [OID.oid], ret: OID.text, volatility: s, fn: ([o], ctx) => byOid(o, false, ctx) });
  registerFunction({ name: 'pg_get_viewdef', args: [OID.oid, OID.bool], ret: OID.text, volatility: s, fn: ([o, p], ctx) => byOid(o, p === true, ctx) });
  registerFunction({ name: 'pg_get_viewdef', args: [OID.text], ret: OID.text, volatility: s, fn: ([n], ctx) => byName(n, false, ctx) });
  registerFunction({ name: 'pg_get_viewdef', args: [OID.text, OID.bool], ret: OID.text, volatility: s, fn: ([n, p], ctx) => byName(n, p === true, ctx) });
}
