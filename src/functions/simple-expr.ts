// Simple expressions (PL/pgSQL's exec_eval_simple_expr, and SQL functions PostgreSQL would
// inline): a SELECT of one expression with no FROM, WHERE, sublink or aggregate is analyzed and
// compiled once per parameter types and catalog version, then evaluated as a closure instead
// of running as a statement.
import type { AnalyzeContext } from '../analyzer/context.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { emptyQuery, type Expr } from '../analyzer/query.js';
import { compile } from '../executor/compile.js';
import { runSubquery } from '../executor/query.js';
import type { Env } from '../executor/env.js';
import type { EvalContext } from '../types/registry.js';

/** What compiling needs from the session. */
export interface SimpleHost {
  analyzeContext(paramTypes: number[]): AnalyzeContext;
  readonly catalogVersion: number;
  readonly searchPath: readonly string[];
}

export interface SimpleExpr { type: number; run: (params: unknown[], ctx: EvalContext) => unknown }

const SELECT_PARTS = ['fromClause', 'whereClause', 'groupClause', 'havingClause', 'sortClause', 'limitCount', 'limitOffset',
  'distinctClause', 'withClause', 'valuesLists', 'windowClause', 'intoClause', 'lockingClause', 'larg', 'rarg'];

/** The expression of `SELECT expr` when it qualifies, else null. */
export function simpleTarget(stmt: any): any | null {
  const s = stmt?.SelectStmt;
  if (!s || (s.op && s.op !== 'SETOP_NONE') || SELECT_PARTS.some(k => s[k] !== undefined && !(Array.isArray(s[k]) && !s[k].length))) return null;
  if (s.targetList?.length !== 1) return null;
  const val = s.targetList[0].ResTarget?.val;
  if (!val || hasSubLink(val)) return null;
  return val;
}

function hasSubLink(x: any): boolean {
  if (Array.isArray(x)) return x.some(hasSubLink);
  if (!x || typeof x !== 'object') return false;
  if (x.SubLink || x.FuncCall?.over || x.FuncCall?.agg_star) return true;
  for (const k in x) if (hasSubLink(x[k])) return true;
  return false;
}

const cache = new WeakMap<object, Map<string, SimpleExpr | null>>();
const targets = new WeakMap<object, any>();
/** The last compiled form per statement, reused while types, catalog and path are unchanged (the common case). */
const last = new WeakMap<object, { types: number[]; version: number; path: readonly string[]; out: SimpleExpr | null }>();

const sameTypes = (a: number[], b: number[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** The compiled expression of a simple `SELECT expr` for these parameter types, or null (run it as a statement). */
export function simpleExpr(host: SimpleHost, stmt: any, paramTypes: number[]): SimpleExpr | null {
  let node = targets.get(stmt);
  if (node === undefined) targets.set(stmt, node = simpleTarget(stmt));
  if (!node) return null;
  const l = last.get(stmt);
  if (l && l.version === host.catalogVersion && l.path === host.searchPath && sameTypes(l.types, paramTypes)) return l.out;
  const out = compileSimple(host, stmt, node, paramTypes);
  last.set(stmt, { types: [...paramTypes], version: host.catalogVersion, path: host.searchPath, out });
  return out;
}

function compileSimple(host: SimpleHost, stmt: any, node: any, paramTypes: number[]): SimpleExpr | null {
  let m = cache.get(stmt);
  if (!m) cache.set(stmt, m = new Map());
  const key = `${paramTypes.join(',')}|${host.catalogVersion}|${host.searchPath.join(',')}`;
  if (m.has(key)) return m.get(key)!;
  const ctx = host.analyzeContext([...paramTypes]);
  const sa = new SelectAnalyzer(ctx);
  const q = emptyQuery();
  const scope = sa.newScope(q, null);
  // aggregates (or set-returning functions) make it a query after all
  let e: Expr;
  try {
    e = sa.ex.expr(node, { ...scope, aggContext: null });
  } catch {
    return null; // the statement path reports it, as PostgreSQL would
  }
  if (q.aggs.length || containsSet(e)) { m.set(key, null); return null; }
  const fn = compile(e, runSubquery);
  const out: SimpleExpr = {
    type: e.type,
    run: (params, ectx) => fn([], { view: null, outer: [], params, ctx: ectx, aggs: null } as unknown as Env),
  };
  m.set(key, out);
  return out;
}

function containsSet(e: any): boolean {
  if (!e || typeof e !== 'object') return false;
  if (e.k === 'func' && e.fn?.retSet) return true;
  if (Array.isArray(e)) return e.some(containsSet);
  for (const k of ['args', 'arg', 'whens', 'else', 'cond', 'result', 'elems']) if (e[k] && containsSet(e[k])) return true;
  return false;
}
