// The body checks PostgreSQL's validators run at CREATE FUNCTION (check_function_bodies):
// a SQL body is parsed, its statements analyzed when none is a utility statement, and the
// final statement's result checked against the declared result type (check_sql_fn_retval);
// a PL/pgSQL body is parsed.
import { PgError } from '../errors/index.js';
import type { UserFunction } from '../catalog/objects.js';
import type { CommandContext } from '../commands/context.js';
import { parse } from '../parser/index.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { analyzeDmlStatement } from '../analyzer/dml.js';
import { canCoerce } from '../analyzer/coerce.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { RECORD, typeByOid, VOID } from '../types/registry.js';
import { OID } from '../types/oids.js';
import { inputParams, outputParams } from './catalog.js';
import { bindParamNames } from './param-refs.js';
import { parsePlpgsql } from '../plpgsql/parser.js';
import { simpleTarget } from './simple-expr.js';
import { forEachChild } from '../analyzer/walk.js';
import type { Expr } from '../analyzer/query.js';
import { compileFunction } from '../plpgsql/compile.js';
import { TRIGGER } from '../types/registry.js';

/** PL/pgSQL: the body parsed and compiled (targets are known variables), each embedded SQL parsed. */
function validatePlpgsql(f: UserFunction): void {
  const params = f.params.map(p => ({ name: p.name, type: p.type, in: p.mode === 'i' || p.mode === 'b' || p.mode === 'v', out: p.mode === 'o' || p.mode === 'b' || p.mode === 't' }));
  const c = compileFunction(parsePlpgsql(f.src), params, f.retType === TRIGGER);
  for (const { t, expr } of c.sqlTexts) {
    const prefix = expr ? 'SELECT ' : '';
    try {
      parse(prefix + t.text);
    } catch (e) {
      if (e instanceof PgError && e.position !== undefined) e.position = Math.max(1, e.position - prefix.length + (t.start ?? 0));
      throw e;
    }
  }
}

/** An error's position in a function body, moved to where the body stands in the CREATE statement's text. */
export function bodyPosition(e: unknown, n: any, queryText: string | undefined): void {
  if (!(e instanceof PgError) || e.position === undefined || !queryText || n.sql_body) return;
  const as = ((n.options ?? []) as any[]).map(o => o.DefElem).find(d => d.defname === 'as');
  if (!as || as.location < 0) { e.position = undefined; return; }
  const m = /^as\s*(\$[A-Za-z_0-9]*\$|[eE]'|')/i.exec(queryText.slice(as.location));
  if (!m) { e.position = undefined; return; }
  e.position += as.location + m[0].length;
}

const ORDER = { i: 0, s: 1, v: 2 } as const;

/** The most volatile function an expression calls (contain_mutable / contain_volatile_functions). */
function bodyVolatility(e: Expr): 'i' | 's' | 'v' {
  let worst: 'i' | 's' | 'v' = 'i';
  const bump = (v: 'i' | 's' | 'v') => { if (ORDER[v] > ORDER[worst]) worst = v; };
  const visit = (x: Expr): void => {
    if (x.k === 'func') bump(x.fn.volatility ?? 'i');
    if (x.k === 'special') bump('s');
    forEachChild(x, visit);
  };
  visit(e);
  return worst;
}

const POLY = new Set([2283, 2277, 2776, 5077, 5078]);
const DML = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt']);

export function validateBody(cx: CommandContext, f: UserFunction): void {
  if (cx.analyze.settings && (cx as any).checkFunctionBodies === false) return;
  if (f.language === 'plpgsql') { validatePlpgsql(f); return; }
  if (f.language !== 'sql') return;
  const stmts = sqlStatements(f);
  // (as fmgr_sql_validator: with polymorphic arguments the body is only parsed)
  if (stmts.some(s => !DML.has(Object.keys(s)[0])) || inputParams(f).some(p => POLY.has(p.type))) return;
  let last: { type: number; typmod: number }[] | null = null;
  const types = inputParams(f).map(p => p.type);
  for (const s of stmts) {
    const [kind, node] = Object.entries(s)[0] as [string, any];
    const ctx = { ...cx.analyze, paramTypes: [...types] };
    const sa = new SelectAnalyzer(ctx);
    const targets = kind === 'SelectStmt' ? sa.select(node, null).targets : (analyzeDmlStatement(sa, s) as any).returning ?? [];
    last = (targets as any[]).filter(t => !t.junk).map(t => ({ type: t.expr.type, typmod: t.expr.typmod }));
    // inline_function: a simple body no more volatile than declared replaces the call, with its own volatility
    f.inlineVolatility = undefined;
    if (stmts.length === 1 && simpleTarget(s) && !f.retSet && !f.securityDefiner && !f.config && targets.length === 1) {
      f.inlineVolatility = bodyVolatility((targets as any[])[0].expr);
    }
  }
  checkResult(f, last ?? []);
}

/** The statements of a SQL function, with parameter names bound to $n (parsed once per function version). */
export function sqlStatements(f: UserFunction): any[] {
  const cache = (f.cache ??= {}) as { sqlStmts?: any[] };
  if (cache.sqlStmts) return cache.sqlStmts;
  const names = new Map<string, number>();
  inputParams(f).forEach((p, i) => { if (p.name) names.set(p.name, i + 1); });
  const raw = f.sqlBody ? f.sqlBody.map(s => (s.ReturnStmt ? { SelectStmt: { targetList: [{ ResTarget: { val: s.ReturnStmt.returnval } }], limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } } : s))
    : parse(f.src).map(r => r.stmt);
  return (cache.sqlStmts = raw.map(s => bindParamNames(s, names, f.name)));
}

function mismatch(f: UserFunction, detail: string): PgError {
  const e = new PgError('42P13', `return type mismatch in function declared to return ${typeDisplayName(f.retType)}`, { detail });
  e.where = `SQL function "${f.name}"`;
  return e;
}

/** check_sql_fn_retval: the final statement's columns against the result type. */
function checkResult(f: UserFunction, cols: { type: number; typmod: number }[]): void {
  if (f.retType === VOID) return;
  if (!cols.length && f.prokind === 'f') throw mismatch(f, 'Function\'s final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.');
  const outs = outputParams(f);
  const rt = typeByOid(f.retType);
  const fields = f.retType === RECORD && outs.length > 1 ? outs.map(o => o.type) : rt?.fields ? null : [f.retType];
  if (fields === null || f.retType === RECORD && outs.length <= 1) {
    // composite (or plain record): one column of that type, or its columns
    if (cols.length === 1 && (cols[0].type === f.retType || f.retType === RECORD)) return;
    return;
  }
  if (fields.length === 1) {
    if (cols.length !== 1) throw mismatch(f, 'Final statement must return exactly one column.');
    const t = cols[0].type === OID.unknown ? OID.text : cols[0].type;
    if (t !== fields[0] && !canCoerce(t, fields[0], 'a')) throw mismatch(f, `Actual return type is ${typeDisplayName(t)}.`);
    return;
  }
  if (cols.length !== fields.length) throw mismatch(f, 'Final statement returns too ' + (cols.length < fields.length ? 'few' : 'many') + ' columns.');
  cols.forEach((c, i) => {
    const t = c.type === OID.unknown ? OID.text : c.type;
    if (t !== fields[i] && !canCoerce(t, fields[i], 'a')) {
      throw mismatch(f, `Final statement returns ${typeDisplayName(t)} instead of ${typeDisplayName(fields[i])} at column ${i + 1}.`);
    }
  });
}
