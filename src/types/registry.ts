// The registry of types, casts, operators and functions. Type family modules
// register into it at load time; the analyzer resolves names against it.
import type { FormatSettings, PgType } from './type.js';

/** What a function or operator implementation may read while it runs. */
export interface EvalContext {
  settings: FormatSettings;
  /** now() / CURRENT_TIMESTAMP: start of the current transaction, µs since 2000-01-01 UTC. */
  txnTimestamp: number;
  /** statement_timestamp(), µs since 2000-01-01 UTC. */
  stmtTimestamp: number;
  /** Opaque session handle for functions that reach the catalog (nextval, current_schema, …). */
  session?: unknown;
}

export type Fn = (args: unknown[], ctx: EvalContext) => unknown;

/** Pseudo-type oids used in signatures. */
export const ANY = 2276, ANYELEMENT = 2283, ANYARRAY = 2277, ANYNONARRAY = 2776, ANYCOMPATIBLE = 5077,
  ANYCOMPATIBLEARRAY = 5078, RECORD = 2249, VOID = 2278, TRIGGER = 2279, UNKNOWN = 705, CSTRING = 2275;

export interface FuncDef {
  /** pg_proc oid if it matters; otherwise assigned on registration. */
  oid?: number;
  name: string;
  args: number[];
  ret: number;
  /** Element type oid of a VARIADIC last argument (args' last entry is its array type). */
  variadic?: number;
  /** Strict functions return NULL for any NULL argument without being called (default true). */
  strict?: boolean;
  /** 'i' immutable, 's' stable, 'v' volatile (default 'i'). */
  volatility?: 'i' | 's' | 'v';
  /** Set-returning: fn returns an iterable of values (one per output row). */
  retSet?: boolean;
  /** Result columns of a function returning a row (OUT parameters): each value is an array of them. */
  outCols?: { name: string; type: number }[];
  /** For polymorphic results: compute the result type from the actual argument types. */
  resolveRet?: (argTypes: number[]) => number;
  /** An implementation that needs the actual argument types (enum_range(NULL::mood)): chosen at analysis. */
  bind?: (argTypes: number[]) => Fn;
  fn: Fn;
}

export interface OperatorDef {
  oid?: number;
  name: string;
  /** 0 for a prefix operator. */
  left: number;
  right: number;
  ret: number;
  fn: (a: unknown, b: unknown, ctx: EvalContext) => unknown;
  /** Operators are strict unless said otherwise. */
  strict?: boolean;
  resolveRet?: (left: number, right: number) => number;
  /** An implementation that needs the actual operand types (comparing enum values): chosen at analysis. */
  bind?: (left: number, right: number) => OperatorDef['fn'];
  /** CREATE OPERATOR: only its function knows what it means, so the planner never indexes, hashes or prunes on it. */
  user?: boolean;
}

export type CastContext = 'i' | 'a' | 'e'; // implicit, assignment, explicit

export interface CastDef {
  source: number;
  target: number;
  context: CastContext;
  /** Conversion; when absent the cast is binary-coercible (value unchanged). */
  fn?: (v: unknown, ctx: EvalContext) => unknown;
}

const types = new Map<number, PgType>();
const typesByName = new Map<string, PgType>();
const casts = new Map<string, CastDef>();
const functions = new Map<string, FuncDef[]>();
const operators = new Map<string, OperatorDef[]>();
let nextOid = 20000;

export function registerType(t: PgType): PgType {
  types.set(t.oid, t);
  typesByName.set(t.name, t);
  return t;
}
/**
 * Where user-defined types (enums, domains, composite types) are found: they belong to one
 * database's catalog, so the session running a statement installs its catalog's scope
 * (catalog/user-types.ts); built-in types never need it.
 */
export interface TypeScope {
  byOid(oid: number): PgType | undefined;
  /** A type by name in a schema, or along the search path when schema is null. */
  byName(schema: string | null, name: string): PgType | undefined;
}
let scope: TypeScope | null = null;
export function setTypeScope(s: TypeScope | null): void { scope = s; }
export const typeScope = (): TypeScope | null => scope;

export const typeByOid = (oid: number): PgType | undefined => types.get(oid) ?? scope?.byOid(oid);
/** A built-in type by pg_type.typname ('int4', 'varchar', '_text'); user types resolve through typeScope(). */
export const typeByName = (name: string): PgType | undefined => typesByName.get(name);
/** The built-in types. */
export const allTypes = (): IterableIterator<PgType> => types.values();

export function registerCast(c: CastDef): void {
  casts.set(`${c.source}:${c.target}`, c);
}
export const findCast = (source: number, target: number): CastDef | undefined => casts.get(`${source}:${target}`);
export const allCasts = (): IterableIterator<CastDef> => casts.values();

export function registerFunction(f: FuncDef): FuncDef {
  if (f.oid === undefined) f.oid = nextOid++;
  const list = functions.get(f.name);
  if (list) list.push(f);
  else functions.set(f.name, [f]);
  return f;
}
export const functionsNamed = (name: string): FuncDef[] | undefined => functions.get(name);
export const allFunctions = (): IterableIterator<[string, FuncDef[]]> => functions.entries();

export function registerOperator(o: OperatorDef): OperatorDef {
  if (o.oid === undefined) o.oid = nextOid++;
  const list = operators.get(o.name);
  if (list) list.push(o);
  else operators.set(o.name, [o]);
  return o;
}
export const operatorsNamed = (name: string): OperatorDef[] | undefined => operators.get(name);
/** Every built-in operator (pg_operator). */
export const allOperators = (): OperatorDef[] => [...operators.values()].flat();
