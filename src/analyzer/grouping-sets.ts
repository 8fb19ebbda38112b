// GROUP BY GROUPING SETS / ROLLUP / CUBE and GROUPING() (parse_agg.c's expand_grouping_sets,
// parse_clause.c's flatten_grouping_sets).
//
// The grouping expressions are q.groupBy; each set is a list of indexes into it
// (q.groupingSets). In the select list, HAVING and ORDER BY each use of a grouping expression
// is wrapped in a 'func' node marked `groupKey` (its value, or NULL in the sets that leave it
// out), and GROUPING(…) is a 'func' node marked `grouping` (its arguments' indexes). The
// executor (executor/grouping-sets.ts) replaces both per set.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import type { FuncDef } from '../types/registry.js';
import type { Expr, Query } from './query.js';
import type { Scope } from './scope.js';
import { sameExpr } from './grouping.js';
import type { ExprAnalyzer } from './expr.js';
import { forEachChild } from './walk.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export type GroupKeyDef = FuncDef & { groupKey: number };
export type GroupingDef = FuncDef & { grouping: { refs: number[]; locs: number[]; location: number } };

export const groupKeyOf = (e: Expr): number | null => (e.k === 'func' && 'groupKey' in e.fn ? (e.fn as GroupKeyDef).groupKey : null);
export const groupingOf = (e: Expr): GroupingDef['grouping'] | null => (e.k === 'func' && 'grouping' in e.fn ? (e.fn as GroupingDef).grouping : null);

/** Does the GROUP BY clause use grouping sets (then the query is planned with them)? */
export const hasGroupingSets = (clause: any[] | undefined): boolean => !!clause?.some(g => g.GroupingSet);

/**
 * Expands a GROUP BY clause with grouping sets: `item` analyzes one grouping expression; the
 * result lists the distinct expressions and each set as indexes into them.
 */
export function expandGroupingSets(clause: any[], distinct: boolean, item: (node: any) => Expr): { exprs: Expr[]; sets: number[][] } {
  const exprs: Expr[] = [];
  const indexOf = (node: any): number => {
    const e = item(node);
    const i = exprs.findIndex(x => sameExpr(x, e));
    if (i >= 0) return i;
    exprs.push(e);
    return exprs.length - 1;
  };
  // one element of ROLLUP / CUBE: an expression or a parenthesized list of them
  const element = (node: any): number[] => (node.RowExpr && node.RowExpr.row_format === 'COERCE_IMPLICIT_CAST'
    ? (node.RowExpr.args as any[]).map(indexOf) : node.GroupingSet?.kind === 'GROUPING_SET_EMPTY' ? [] : [indexOf(node)]);
  const setsOf = (node: any): number[][] => {
    const gs = node.GroupingSet;
    if (!gs) return [element(node)];
    const content = (gs.content ?? []) as any[];
    switch (gs.kind) {
      case 'GROUPING_SET_EMPTY': return [[]];
      case 'GROUPING_SET_SIMPLE': return [content.map(indexOf)];
      case 'GROUPING_SET_ROLLUP': {
        const els = content.map(element);
        const out: number[][] = [];
        for (let n = els.length; n >= 0; n--) out.push(els.slice(0, n).flat());
        return out;
      }
      case 'GROUPING_SET_CUBE': {
        const els = content.map(element);
        const out: number[][] = [];
        for (let mask = (1 << els.length) - 1; mask >= 0; mask--) out.push(els.filter((_e, i) => mask & (1 << (els.length - 1 - i))).flat());
        return out;
      }
      default: return content.flatMap(setsOf); // GROUPING SETS (…)
    }
  };
  let sets: number[][] = [[]];
  for (const node of clause) {
    const mine = setsOf(node);
    sets = sets.flatMap(a => mine.map(b => [...a, ...b]));
  }
  sets = sets.map(s => [...new Set(s)]);
  if (distinct) {
    const seen = new Set<string>();
    sets = sets.filter(s => { const k = [...s].sort((a, b) => a - b).join(','); if (seen.has(k)) return false; seen.add(k); return true; });
  }
  if (sets.length > 4096) throw new PgError('54001', 'too many grouping sets present (maximum 4096)');
  return { exprs, sets };
}

/** GROUPING(args): bound before GROUP BY is known; its arguments are matched by resolveGrouping. */
export function groupingCall(ex: ExprAnalyzer, n: any, scope: Scope): Expr {
  if (scope.aggContext !== 'ok' && scope.aggContext !== 'nested') {
    throw new PgError('42803', `grouping operations are not allowed in ${scope.aggContext ?? 'this context'}`, pos(n.location));
  }
  const args = ((n.args ?? []) as any[]).map(a => ex.expr(a, scope));
  if (args.length > 31) throw new PgError('54023', 'GROUPING must have fewer than 32 arguments', pos(n.location));
  const locs = ((n.args ?? []) as any[]).map(a => a?.[Object.keys(a)[0]]?.location ?? n.location);
  const fn: GroupingDef = { name: 'grouping', args: args.map(a => a.type), ret: OID.int4, strict: false,
    fn: () => 0, grouping: { refs: [], locs, location: n.location } };
  return { k: 'func', type: OID.int4, typmod: -1, fn, args };
}

/** Matches GROUPING()'s arguments with the grouping expressions; with grouping sets, wraps each use of a grouping expression. */
export function resolveGrouping(q: Query): void {
  const wrap = !!q.groupingSets;
  const visit = (e: Expr): Expr => {
    const g = groupingOf(e);
    if (g) {
      g.refs = (e as Expr & { k: 'func' }).args.map((a, i) => {
        const idx = q.groupBy.findIndex(x => sameExpr(x, a));
        if (idx < 0) throw new PgError('42803', 'arguments to GROUPING must be grouping expressions of the associated query level', pos(g.locs[i]));
        return idx;
      });
      return e;
    }
    if (wrap) {
      const idx = q.groupBy.findIndex(x => sameExpr(x, e));
      if (idx >= 0 && e.k !== 'const') {
        const fn: GroupKeyDef = { name: 'grouping key', args: [e.type], ret: e.type, strict: false, fn: (a: unknown[]) => a[0], groupKey: idx };
        return { k: 'func', type: e.type, typmod: e.typmod, fn, args: [e] };
      }
    }
    if (e.k === 'sublink' || e.k === 'aggref') return e;
    return mapChildren(e, visit);
  };
  if (!wrap) {
    // only GROUPING() calls to resolve: the expressions stay as they are
    const walk = (e: Expr): void => { if (groupingOf(e)) visit(e); else if (e.k !== 'sublink') forEachChild(e, walk); };
    for (const t of q.targets) walk(t.expr);
    if (q.having) walk(q.having);
    for (const o of q.orderBy) walk(o.expr);
    return;
  }
  for (const t of q.targets) t.expr = visit(t.expr);
  if (q.having) q.having = visit(q.having);
  for (const o of q.orderBy) o.expr = visit(o.expr);
}

/** A shallow copy of e with `fn` applied to each direct child. */
function mapChildren(e: Expr, fn: (x: Expr) => Expr): Expr {
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': return { ...e, args: e.args.map(fn) } as Expr;
    case 'distinct': case 'nullif': case 'scalararray': return { ...e, args: [fn(e.args[0]), fn(e.args[1])] } as Expr;
    case 'array': return { ...e, elems: e.elems.map(fn) };
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': return { ...e, arg: fn(e.arg) } as Expr;
    case 'rowcompare': return { ...e, left: e.left.map(fn), right: e.right.map(fn) };
    case 'subscript': return { ...e, arg: fn(e.arg), upper: e.upper.map(x => x && fn(x)), lower: e.lower?.map(x => x && fn(x)) ?? null };
    case 'case': return { ...e, whens: e.whens.map(w => ({ cond: fn(w.cond), result: fn(w.result) })), else: e.else && fn(e.else), ...(e.arg ? { arg: fn(e.arg) } : {}) };
    default: return e;
  }
}
