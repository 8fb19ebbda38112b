// Expressions the catalog stores and rows need outside a query: CHECK constraints, column
// defaults (a domain's when the column has none), partition-key expressions, and ALTER TABLE's
// DEFAULT / USING expressions. Each is analysed and compiled once and cached on its table.
import type { AnalyzeContext } from '../analyzer/context.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { analyzeCheck } from '../analyzer/stored-expr.js';
import { analyzePartitionExpr } from '../analyzer/partition-key.js';
import { canCoerce, coerce } from '../analyzer/coerce.js';
import type { Constraint, Table } from '../catalog/objects.js';
import type { CompiledExpr } from '../commands/context.js';
import { compile } from '../executor/compile.js';
import { runSubquery } from '../executor/query.js';
import type { Env } from '../executor/env.js';
import { OID } from '../types/oids.js';
import { domainDefaultExpr } from './user-types.js';

type RowFn = (row: unknown[], env: Env) => unknown;

function cached<T>(table: Table, key: string, make: () => T): T {
  table.cache ??= new Map();
  let fn = table.cache.get(key) as T | undefined;
  if (!fn) table.cache.set(key, fn = make());
  return fn;
}

/** A partition-key (or other stored) expression over a row of `table`, keyed by its raw node. */
export function storedExprFn(table: Table, raw: unknown, actx: () => AnalyzeContext): RowFn {
  const fns = cached(table, 'storedExprs', () => new WeakMap<object, RowFn>());
  let fn = fns.get(raw as object);
  if (!fn) {
    const compiled = compile(analyzePartitionExpr(actx(), table, raw), runSubquery);
    fn = (r, env) => compiled([r, null], env);
    fns.set(raw as object, fn);
  }
  return fn;
}

/** A CHECK constraint over a row of its table, compiled once (by constraint: no key to build per row). */
export function checkFn(c: Constraint, actx: () => AnalyzeContext): RowFn {
  const fns = cached(c.table, 'checks:compiled', () => new Map<Constraint, RowFn>());
  let fn = fns.get(c);
  if (!fn) {
    const compiled = compile(analyzeCheck(actx(), c.table, c.check!.expr), runSubquery);
    fn = (r: unknown[], env: Env) => compiled([r, null], env);
    fns.set(c, fn);
  }
  return fn;
}

/** The frame of a default expression: it reads no row (and never writes one). */
const NO_ROW: unknown[] = Object.freeze([]) as unknown as unknown[];

type DefaultFn = (env: Env) => unknown;

/**
 * The default of column `attnum` (its own, else its domain's), or null when it has none.
 * Cached per column with the expression it was compiled from: SET DEFAULT, or a domain's
 * default changing under the column, recompiles it.
 */
export function defaultFn(table: Table, attnum: number, actx: () => AnalyzeContext): DefaultFn | null {
  const col = table.columns[attnum - 1];
  const raw = col.default?.expr ?? domainDefaultExpr(col.typeOid);
  table.cache ??= new Map();
  let byAtt = table.cache.get('defaults') as ({ raw: unknown; fn: DefaultFn | null } | undefined)[] | undefined;
  if (!byAtt) table.cache.set('defaults', byAtt = []);
  const hit = byAtt[attnum];
  if (hit && hit.raw === raw) return hit.fn;
  let fn: DefaultFn | null = null;
  if (raw) {
    const ctx = actx();
    const sa = new SelectAnalyzer(ctx);
    const scope = sa.newScope(emptyQ(), null);
    const e = coerce(sa.ex.expr(raw, { ...scope, aggContext: 'DEFAULT expressions' }), col.typeOid, col.typmod, 'a', ctx);
    const compiled = compile(e, runSubquery);
    fn = (env: Env) => compiled(NO_ROW, env);
  }
  byAtt[attnum] = { raw, fn };
  return fn;
}

/** ALTER TABLE's DEFAULT and USING expressions, over one row of `table` (null: no row). */
export function compileRowExpr(ctx: AnalyzeContext, table: Table | null, expr: any, kind: string, typeOid: number, typmod: number,
  env: () => Env): CompiledExpr {
  const sa = new SelectAnalyzer(ctx);
  const q = emptyQ();
  const scope = sa.newScope(q, null);
  if (table) sa.fromItem({ RangeVar: { relname: table.name, schemaname: table.schema.name, inh: false, location: -1 } }, scope, q);
  const e = sa.ex.expr(expr, { ...scope, aggContext: kind });
  if (e.type !== OID.unknown && !canCoerce(e.type, typeOid, 'a')) return { type: e.type, volatile: false, fn: null };
  const compiled = compile(coerce(e, typeOid, typmod, 'a', ctx), runSubquery);
  const rowEnv = env();
  return { type: e.type, volatile: hasVolatile(e), fn: row => compiled([row, null], rowEnv) };
}

const EXPR_DEFS = new Set(['fn', 'op', 'eq', 'ops', 'eqs', 'query', 'agg']);

/** Does an expression call a volatile function (so that it must be evaluated once per row)? */
function hasVolatile(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  if (Array.isArray(e)) return e.some(hasVolatile);
  const x = e as { k?: string; fn?: { volatility?: string } };
  if (x.k === 'func' && x.fn?.volatility === 'v') return true;
  if (x.k === 'sublink') return true;
  // operands only: operator and function definitions are not expressions
  return Object.entries(e).some(([k, v]) => typeof v === 'object' && !EXPR_DEFS.has(k) && hasVolatile(v));
}

function emptyQ(): any {
  return { kind: 'select', entries: [], from: [], where: null, targets: [], groupBy: [], having: null, aggs: [], grouped: false,
    distinct: false, distinctOn: null, orderBy: [], limit: null, offset: null, setOp: null };
}
