// Running user functions: the invoker installed into functions/runtime.ts, SQL-language
// bodies (each statement run inside the calling statement, the last one's rows the
// result), internal ones (a built-in by name) and PL/pgSQL through src/plpgsql.
import { PgError, type Notice } from '../errors/index.js';
import type { UserFunction } from '../catalog/objects.js';
import { findCast, functionsNamed, RECORD, typeByOid, VOID, type EvalContext } from '../types/registry.js';
import { OID } from '../types/oids.js';
import { makeRecord } from '../types/record.js';
import { inputTypes, outputParams } from './catalog.js';
import { activeSession, setInvoker } from './runtime.js';
import { sqlStatements } from './validate.js';
import { simpleExpr, type SimpleHost } from './simple-expr.js';
import { runPlpgsqlFunction, type TriggerContext } from '../plpgsql/run.js';

/** A statement's outcome as a function body sees it. */
export interface NestedResult {
  command: string;
  rowCount: number | null;
  rows?: unknown[][];
  fields?: { name: string; typeOid: number }[];
}

/** What running a function needs from the session (session.ts implements it). */
export interface FunctionHost extends SimpleHost {
  runNested(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[], stable?: boolean): NestedResult;
  subtransaction<T>(fn: () => T): T;
  notice(n: Notice): void;
  readonly gucs: Map<string, string>;
}

export function hostOf(ctx: EvalContext): FunctionHost {
  const h = (ctx.session ?? activeSession()) as FunctionHost | undefined;
  if (!h || typeof h.runNested !== 'function') throw new PgError('0A000', 'user-defined functions cannot run here');
  return h;
}

/** Calls a user function with its input arguments (triggers pass a TriggerContext). */
export function callUserFunction(f: UserFunction, args: unknown[], ctx: EvalContext, trigger: TriggerContext | null = null, argTypes?: number[]): unknown {
  switch (f.language) {
    case 'sql': return runSqlFunction(f, args, ctx, argTypes);
    case 'plpgsql': return runPlpgsqlFunction(hostOf(ctx), f, args, ctx, trigger, argTypes);
    case 'internal': {
      const types = inputTypes(f);
      const def = functionsNamed(f.src)?.find(d => d.args.length === types.length) ?? functionsNamed(f.src)?.[0];
      if (!def) throw new PgError('42883', `there is no built-in function named "${f.src}"`);
      return (def.bind ? def.bind(types) : def.fn)(args, ctx);
    }
  }
  throw new PgError('0A000', `functions in language ${f.language} are not supported`);
}

setInvoker((f, args, ctx, argTypes) => callUserFunction(f, args, ctx, null, argTypes));

/** Adds a CONTEXT line to an error passing out of a function. */
export function addContext(e: unknown, line: string): void {
  if (e instanceof PgError) e.where = e.where ? `${e.where}\n${line}` : line;
}

/** A simple SQL function PostgreSQL inlines into the calling query: its errors carry no CONTEXT line of their own. */
function inlinable(f: UserFunction, stmts: any[]): boolean {
  if (f.retSet || stmts.length !== 1 || f.securityDefiner || f.config) return false;
  const s = stmts[0].SelectStmt;
  return !!s && !s.fromClause && !s.whereClause && !s.groupClause && !s.havingClause && !s.sortClause && !s.withClause
    && !s.limitCount && !s.distinctClause && (s.targetList?.length ?? 0) === 1 && f.retType !== RECORD && !typeByOid(f.retType)?.fields;
}

function runSqlFunction(f: UserFunction, args: unknown[], ctx: EvalContext, argTypes?: number[]): unknown {
  const host = hostOf(ctx);
  const stmts = sqlStatements(f);
  const types = argTypes ?? inputTypes(f);
  const quiet = inlinable(f, stmts);
  if (quiet) {
    // what PostgreSQL inlines runs as an expression of the caller
    const simple = simpleExpr(host, stmts[0], types);
    if (simple) {
      const v = simple.run(args, ctx);
      return f.retType === VOID ? null : convert(v, simple.type === OID.unknown ? OID.text : simple.type, f.retType, ctx);
    }
  }
  let last: NestedResult | null = null;
  for (let i = 0; i < stmts.length; i++) {
    try {
      last = host.runNested(stmts[i], args, types, f.volatility !== 'v');
    } catch (e) {
      if (e instanceof PgError && e.position !== undefined && e.internalQuery === undefined && !f.sqlBody) {
        // a parse-analysis error: PostgreSQL points into the body while inlining or starting the function
        e.internalQuery = f.src;
        e.internalPosition = e.position;
        e.position = undefined;
        const single = stmts.length === 1 && !!stmts[0].SelectStmt && !f.retSet;
        addContext(e, `SQL function "${f.name}" during ${single ? 'inlining' : 'startup'}`);
      } else if (!quiet) addContext(e, `SQL function "${f.name}" statement ${i + 1}`);
      throw e;
    }
  }
  return sqlResult(f, last, ctx);
}

/** The value(s) a function returns from its final statement's rows. */
export function sqlResult(f: UserFunction, last: NestedResult | null, ctx: EvalContext): unknown {
  if (f.retType === VOID && !f.retSet) return null;
  const rows = last?.rows ?? [];
  const fieldTypes = (last?.fields ?? []).map(x => x.typeOid);
  const value = (row: unknown[]) => rowValue(f, row, fieldTypes, ctx);
  if (f.retSet) return rows.map(value);
  return rows.length ? value(rows[0]) : null;
}

function rowValue(f: UserFunction, row: unknown[], types: number[], ctx: EvalContext): unknown {
  const outs = outputParams(f);
  if (f.retType === RECORD && outs.length > 1) return outs.map((o, i) => convert(row[i] ?? null, types[i], o.type, ctx));
  const rt = typeByOid(f.retType);
  if (rt?.fields && !(row.length === 1 && types[0] === f.retType)) {
    const fs = rt.fields();
    let j = 0;
    return fs.map(fd => (fd ? convert(row[j] ?? null, types[j++], fd.type, ctx) : null));
  }
  if (f.retType === RECORD) return row.length === 1 && types[0] === RECORD ? row[0] : makeRecord(row, types);
  return convert(row[0] ?? null, types[0], f.retType, ctx);
}

/** A value of one type as another (assignment cast; through text when no cast function exists). */
export function convert(v: unknown, from: number | undefined, to: number, ctx: EvalContext): unknown {
  if (v === null || from === undefined || from === to || to === RECORD || to === VOID) return v;
  const c = findCast(from, to);
  if (c) return c.fn ? c.fn(v, ctx) : v;
  const ft = typeByOid(from === OID.unknown ? OID.text : from), tt = typeByOid(to);
  if (!ft || !tt) return v;
  if (ft.category === tt.category && ft.category !== 'S' && ft.category !== 'A' && ft.category !== 'C') return tt.input(ft.output(v, ctx.settings), -1, ctx.settings);
  return tt.input(ft.output(v, ctx.settings), -1, ctx.settings);
}
