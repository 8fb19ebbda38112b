// A trigger's WHEN condition: analyzed over two range entries, OLD (entry 0) and NEW
// (entry 1), both of the trigger's table. Checked at CREATE TRIGGER as PostgreSQL does,
// compiled once per table version for firing, and printed back for pg_get_triggerdef.
import { PgError } from '../errors/index.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { coerce } from '../analyzer/coerce.js';
import { emptyQuery, type Expr } from '../analyzer/query.js';
import { deparseExpr } from '../analyzer/ruleutils.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { forEachChild } from '../analyzer/walk.js';
import type { Table, Trigger, View } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { quoteIdent } from '../types/string-functions.js';
import { TG } from './catalog.js';

/** The WHEN condition analyzed (boolean), over entries old (0) and new (1). */
export function analyzeWhen(ctx: AnalyzeContext, rel: Table | View, raw: unknown): Expr {
  const sa = new SelectAnalyzer(ctx);
  const q = emptyQuery();
  const scope = sa.newScope(q, null);
  for (const alias of ['old', 'new']) {
    sa.fromItem({ RangeVar: { relname: rel.name, schemaname: rel.schema.name, inh: false, location: -1, alias: { aliasname: alias } } }, scope, q);
  }
  const e = sa.ex.expr(raw, { ...scope, aggContext: 'trigger WHEN conditions' });
  return coerce(e, OID.bool, -1, 'a', ctx);
}

function findSubLink(n: any): any {
  if (!n || typeof n !== 'object') return null;
  if (Array.isArray(n)) { for (const x of n) { const r = findSubLink(x); if (r) return r; } return null; }
  if (n.SubLink) return n.SubLink;
  for (const v of Object.values(n)) { const r = findSubLink(v); if (r) return r; }
  return null;
}

/** The raw column references naming old. or new., in tree order. */
function rowRefs(n: any, out: { which: 'old' | 'new'; loc: number; system: boolean }[]): void {
  if (!n || typeof n !== 'object') return;
  if (Array.isArray(n)) { for (const x of n) rowRefs(x, out); return; }
  if (n.ColumnRef) {
    const f = n.ColumnRef.fields as any[];
    const first = f[0]?.String?.sval;
    if (f.length >= 2 && (first === 'old' || first === 'new')) {
      const col = f[1]?.String?.sval;
      out.push({ which: first, loc: n.ColumnRef.location, system: ['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid'].includes(col) });
    }
    return;
  }
  for (const v of Object.values(n)) rowRefs(v, out);
}

const at = (loc: number) => (loc >= 0 ? { position: loc + 1 } : {});

/** CREATE TRIGGER's checks of WHEN; returns what the trigger stores. */
export function checkWhenClause(cx: { analyze: AnalyzeContext }, rel: Table | View, raw: any, type: number, _text?: string): { expr: any; text: string } {
  const sub = findSubLink(raw);
  if (sub) throw new PgError('0A000', 'cannot use subquery in trigger WHEN condition', at(sub.location));
  const e = analyzeWhen(cx.analyze, rel, raw);
  if (hasAggregateOrWindow(e)) throw new PgError('42803', 'aggregate functions are not allowed in trigger WHEN conditions');
  const refs: { which: 'old' | 'new'; loc: number; system: boolean }[] = [];
  rowRefs(raw, refs);
  for (const r of refs) {
    if (!(type & TG.ROW)) throw new PgError('42P17', "statement trigger's WHEN condition cannot reference column values", at(r.loc));
    if (r.which === 'old' && (type & TG.INSERT)) throw new PgError('42P17', "INSERT trigger's WHEN condition cannot reference OLD values", at(r.loc));
    if (r.which === 'new' && (type & TG.DELETE)) throw new PgError('42P17', "DELETE trigger's WHEN condition cannot reference NEW values", at(r.loc));
    if (r.which === 'new' && r.system && (type & TG.BEFORE)) {
      throw new PgError('0A000', "BEFORE trigger's WHEN condition cannot reference NEW system columns", at(r.loc));
    }
  }
  return { expr: raw, text: '' };
}

/** The table's columns a WHEN condition reads (its normal dependencies), in attnum order. */
export function whenColumns(ctx: AnalyzeContext, rel: Table | View, raw: unknown): number[] {
  const out = new Set<number>();
  const walk = (x: Expr) => { if (x.k === 'var' && x.levelsUp === 0) out.add(x.att + 1); forEachChild(x, walk); };
  walk(analyzeWhen(ctx, rel, raw));
  return [...out].sort((a, b) => a - b);
}

function hasAggregateOrWindow(e: Expr): boolean {
  let found = false;
  const walk = (x: Expr) => { if (x.k === 'aggref') found = true; else forEachChild(x, walk); };
  walk(e);
  return found;
}

/** pg_get_triggerdef's WHEN text: column references qualified by old/new. */
export function deparseWhen(ctx: AnalyzeContext, tr: Trigger, pretty: boolean): string {
  const rel = tr.table;
  const e = analyzeWhen({ ...ctx, paramTypes: [], deparse: true }, rel, tr.when!.expr);
  const cols = rel.columns;
  const varName = (_up: number, entry: number, att: number) => `${entry === 0 ? 'old' : 'new'}.${quoteIdent(cols[att].name)}`;
  return deparseExpr(e, { settings: ctx.settings, pretty, varName });
}
