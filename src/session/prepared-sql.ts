// Prepared statements as SQL commands (PREPARE, EXECUTE, DEALLOCATE) sharing one namespace
// with the extended protocol's named statements (server/extended.ts), as in PostgreSQL;
// pg_prepared_statements lists them. A statement is analyzed at PREPARE (its errors are
// raised there) and runs through the session's statement cache at each EXECUTE.
import { PgError } from '../errors/index.js';
import { resolveTypeName, typeDisplayName } from '../analyzer/typenames.js';
import type { StatementDescription } from './describe.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { canCoerce, coerce } from '../analyzer/coerce.js';
import { emptyQuery } from '../analyzer/query.js';
import { compile } from '../executor/compile.js';
import { runSubquery } from '../executor/query.js';
import type { Compiled } from '../executor/env.js';
import { OID } from '../types/oids.js';
import type { StatementResult } from './result.js';

export interface PreparedStatement {
  /** The parsed statement; null for an empty query (protocol only). */
  stmt: Record<string, any> | null;
  /** Parameter types given (PREPARE's list, Parse's types; 0 = unspecified). */
  given: number[];
  desc: StatementDescription;
  /** The query text it came in (pg_prepared_statements.statement). */
  text?: string;
  /** Made by SQL PREPARE (vs. the protocol's Parse). */
  fromSql?: boolean;
  /** µs since 2000-01-01 (timestamptz). */
  prepareTime?: number;
}

/** What PREPARE and EXECUTE need from the session. */
export interface PrepareHost {
  readonly prepared: Map<string, PreparedStatement>;
  /** The text of the query being run. */
  readonly queryText: string;
  describe(stmt: Record<string, any>, paramTypes: readonly number[]): StatementDescription;
  /** An EXECUTE argument: analyzed, coerced (assignment) to the type; value is null when it cannot be coerced. */
  evalParam(expr: any, typeOid: number): { type: number; value: (() => unknown) | null };
  formatValue(v: unknown, typeOid: number): string;
  now(): number;
}

const tag = (command: string): StatementResult => ({ command, rowCount: null });

export function prepare(h: PrepareHost, n: any): StatementResult {
  const name: string = n.name;
  if (h.prepared.has(name)) throw new PgError('42P05', `prepared statement "${name}" already exists`);
  const given = (n.argtypes ?? []).map((a: any) => resolveTypeName(a.TypeName).oid);
  // analysis at PREPARE: its errors are PREPARE's, and the parameter types are settled
  const desc = h.describe(n.query, given);
  h.prepared.set(name, { stmt: n.query, given, desc, text: h.queryText, fromSql: true, prepareTime: h.now() });
  return tag('PREPARE');
}

export function deallocate(h: PrepareHost, n: any): StatementResult {
  const name: string | undefined = n.name;
  if (name === undefined || name === null) {
    for (const k of [...h.prepared.keys()]) if (k !== '') h.prepared.delete(k);
    return tag('DEALLOCATE ALL');
  }
  if (!h.prepared.delete(name)) throw new PgError('26000', `prepared statement "${name}" does not exist`);
  return tag('DEALLOCATE');
}

export function findPrepared(h: PrepareHost, name: string): PreparedStatement & { stmt: Record<string, any> } {
  const p = h.prepared.get(name);
  if (!p || !p.stmt) throw new PgError('26000', `prepared statement "${name}" does not exist`);
  return p as PreparedStatement & { stmt: Record<string, any> };
}

/** EXECUTE name(args): the statement to run with its parameter values (as text, read with its types) and types. */
export function bindExecute(h: PrepareHost, n: any): { kind: string; node: any; params: unknown[]; paramTypes: number[] } {
  const p = findPrepared(h, n.name);
  const types = p.desc.paramTypes;
  const args: any[] = n.params ?? [];
  if (args.length !== types.length) {
    throw new PgError('42601', `wrong number of parameters for prepared statement "${n.name}"`,
      { detail: `Expected ${types.length} parameters but got ${args.length}.` });
  }
  const params = args.map((a, i) => {
    const r = h.evalParam(a, types[i]);
    if (!r.value) throw new PgError('42804', `parameter $${i + 1} of type ${typeDisplayName(r.type)} cannot be coerced to the expected type ${typeDisplayName(types[i])}`,
      { hint: 'You will need to rewrite or cast the expression.', position: location(a) });
    const v = r.value();
    return v === null || v === undefined ? null : h.formatValue(v, types[i]);
  });
  const [kind, node] = Object.entries(p.stmt)[0] as [string, any];
  return { kind, node, params, paramTypes: types };
}

function location(a: any): number | undefined {
  const inner = a && typeof a === 'object' ? Object.values(a)[0] as any : null;
  return typeof inner?.location === 'number' && inner.location >= 0 ? inner.location + 1 : undefined;
}

/** pg_prepared_statements: the session's named statements. */
export function preparedRows(h: PrepareHost): unknown[][] {
  return [...h.prepared.entries()].filter(([name]) => name !== '').map(([name, p]) => [
    name, p.text ?? null, p.prepareTime ?? null, p.desc.paramTypes, !!p.fromSql, 0n, 0n,
  ]);
}

/**
 * EXPLAIN EXECUTE shows PostgreSQL's custom plan, made for the argument values: the prepared
 * statement with each $n replaced by its value as a typed literal. A parameter of a type not in
 * pg_catalog stays a parameter.
 */
export function withArgumentLiterals(stmt: any, params: unknown[], types: number[], typeName: (oid: number) => string | null): any {
  const literal = (i: number): any => {
    const name = typeName(types[i]);
    if (!name) return null;
    const v = params[i];
    const arg = v === null || v === undefined ? { A_Const: { isnull: true, location: -1 } } : { A_Const: { sval: { sval: String(v) }, location: -1 } };
    return { TypeCast: { arg, typeName: { names: [{ String: { sval: 'pg_catalog' } }, { String: { sval: name } }], typemod: -1, location: -1 }, location: -1 } };
  };
  const walk = (n: any): any => {
    if (Array.isArray(n)) return n.map(walk);
    if (!n || typeof n !== 'object') return n;
    if (n.ParamRef && n.ParamRef.number >= 1 && n.ParamRef.number <= params.length) return literal(n.ParamRef.number - 1) ?? n;
    const out: any = {};
    for (const k of Object.keys(n)) out[k] = walk(n[k]);
    return out;
  };
  return walk(stmt);
}

/** What analyzing EXECUTE's arguments needs. */
export interface ArgumentHost {
  readonly prepared: Map<string, PreparedStatement>;
  analyzeContext(paramTypes: number[]): AnalyzeContext;
}

/**
 * An argument of EXECUTE analyzed and coerced (assignment) to its parameter's type; it may
 * read the statement's own parameters ($n over the protocol), whose types `types` collects.
 */
export function compileArgument(h: ArgumentHost, expr: any, typeOid: number, types: number[]): { type: number; fn: Compiled | null } {
  const sa = new SelectAnalyzer(h.analyzeContext(types));
  const e = sa.ex.expr(expr, { ...sa.newScope(emptyQuery(), null), aggContext: 'EXECUTE parameter' });
  if (!typeOid || (e.type !== OID.unknown && !canCoerce(e.type, typeOid, 'a'))) return { type: e.type, fn: null };
  return { type: e.type, fn: compile(coerce(e, typeOid, -1, 'a', h.analyzeContext(types)), runSubquery) };
}

/** Parse / Describe of EXECUTE: the $n its arguments use, typed by the parameters they feed, and the prepared statement's columns. */
export function describeExecute(h: ArgumentHost, n: any, given: readonly number[]): StatementDescription {
  const p = h.prepared.get(n.name);
  const types = [...given];
  (n.params ?? []).forEach((a: any, i: number) => { compileArgument(h, a, p?.desc.paramTypes[i] ?? 0, types); });
  return { paramTypes: types.map(x => x || OID.text), fields: p?.desc.fields ?? null };
}
