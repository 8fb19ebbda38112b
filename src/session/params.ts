// Parameters of a statement run with values ($1, $2, …), as PostgreSQL's extended
// protocol treats them: the statement's analysis deduces each parameter's type, then
// Bind reads each value (text) with that type's input function, once.
import { PgError } from '../errors/index.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { typeByOid } from '../types/registry.js';
import { OID } from '../types/oids.js';
import type { FormatSettings } from '../types/type.js';
import { isCacheable, StatementCache } from './statement-cache.js';
import { usePlannerSettings } from '../planner/settings.js';

/** Bind's check: the values supplied must match the parameters the statement uses. */
export function checkParamCount(supplied: number, required: number): void {
  if (supplied !== required) {
    throw new PgError('08P01', `bind message supplies ${supplied} parameters, but prepared statement "" requires ${required}`);
  }
}

/**
 * Values for parameters whose type analysis deduced (`types[i]` not 0) are read with that
 * type's input function; the others stay text, read wherever they are coerced.
 * A value given as a JavaScript number stands for its text, String(v) (the embedded API
 * passes numbers so: an integer parameter then takes the number without text made and read).
 */
export function bindParams(values: unknown[], types: number[], settings: FormatSettings): unknown[] {
  const read = (values as Partial<ReadParams>).read;
  // (a loop, not map(): no closure per statement)
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i], oid = types[i];
    if (v === null || v === undefined) { out[i] = null; continue; }
    // (an integer for an integer type: no type looked up)
    if (typeof v === 'number' && read === undefined) {
      const x = integerParam(oid, v);
      if (x !== undefined) { out[i] = x; continue; }
    }
    const t = oid ? typeByOid(oid) : undefined;
    if (!t) out[i] = typeof v === 'number' ? String(v) : v;
    else if (read !== undefined && read.types[i] === oid) out[i] = read.values[i];
    else out[i] = readParam(t, v, i, settings);
  }
  return out;
}

/** Parameter values of a statement without deduced types: text, a number given as its text. */
export function textParams(values: unknown[]): unknown[] {
  for (let i = 0; i < values.length; i++) if (typeof values[i] === 'number') return values.map(v => (typeof v === 'number' ? String(v) : v));
  return values;
}

/**
 * A number for a parameter of the built-in integer type `oid`: what its input function reads
 * from String(v) — an integer in the type's range is that integer (the text of one is its
 * digits, read back exactly; -0's is "0"). Undefined for anything else, read from its text
 * (errors included).
 */
function integerParam(oid: number, v: number): unknown {
  switch (oid) {
    case OID.int4: if ((v | 0) === v) return v | 0; break;
    case OID.int2: if ((v | 0) === v && v >= -32768 && v <= 32767) return v | 0; break;
    case OID.int8: if (Number.isSafeInteger(v)) return BigInt(v); break;
  }
  return undefined;
}

function readParam(t: NonNullable<ReturnType<typeof typeByOid>>, v: unknown, i: number, settings: FormatSettings): unknown {
  try {
    return t.input(String(v), -1, settings);
  } catch (e) {
    if (e instanceof PgError && e.where === undefined) e.where = `unnamed portal parameter $${i + 1} = '...'`;
    throw e;
  }
}

/**
 * Text values that the caller has already read (the server's Bind reads each one when it
 * arrives, as PostgreSQL does): bindParams takes values[i] where types[i] is the type it
 * would read the text with, instead of reading it a second time.
 */
export interface ReadParams { read: { types: readonly number[]; values: unknown[] } }

/** What analysis with parameters needs from the session. */
export interface AnalysisHost {
  readonly statementCache: StatementCache;
  readonly settings: FormatSettings;
  readonly catalogVersion: number;
  /** Settings set by SET (the planner's enable_* among them). */
  readonly gucs: Map<string, string>;
  readonly searchPath: readonly string[];
  readonly user: string;
  analyzeContext(paramTypes: number[]): AnalyzeContext;
}

/**
 * Analyzes a statement with parameters as PostgreSQL's Parse then Bind do: analysis deduces
 * the parameters' types; when it deduced some, a second analysis with those types known
 * makes every reference typed. Returns the tree and the values read with those types.
 * The tree is reused from the statement cache when the same statement (node) was analyzed
 * with the same parameter types, search path and settings since the last catalog change.
 */
export function analyzeWithParams<T, N extends object>(host: AnalysisHost, node: N, params: unknown[],
  analyze: (sa: SelectAnalyzer, node: N) => T, paramTypes: readonly number[], out: { params: unknown[] }): T {
  const s = host.settings;
  // the planner settings in force decide the plans compiled with the tree
  const planner = usePlannerSettings(host.gucs);
  // the search path as set (which schemas exist is the catalog's version) and the user ("$user")
  const key = cacheKey(host, paramTypes, planner);
  const cache = host.statementCache;
  const version = host.catalogVersion;
  const hit = cache.get<T>(node, key, version);
  if (hit) {
    cache.hits++;
    checkParamCount(params.length, hit.types.length);
    out.params = hit.typed ? bindParams(params, hit.types, s) : textParams(params);
    return hit.stmt;
  }
  cache.misses++;
  // the types the client gave (extended protocol's Parse), then filled by analysis up to the
  // highest parameter number referenced, 0 = type not deduced
  const types: number[] = [...paramTypes];
  let stmt = analyze(new SelectAnalyzer(host.analyzeContext(types)), node);
  checkParamCount(params.length, types.length);
  const typed = types.some(t => t !== 0);
  if (typed) stmt = analyze(new SelectAnalyzer(host.analyzeContext([...types])), node);
  // analysis must not have changed the catalog (it never does; the check keeps the cache honest)
  if (hit !== null && host.catalogVersion === version) cache.set(node, key, isCacheable(node) ? { stmt, types, typed, version } : null);
  out.params = typed ? bindParams(params, types, s) : textParams(params);
  return stmt;
}

/** The inputs of the last key made for a host, and the key: remade only when one changed. */
interface KeyMemo { searchPath: readonly string[]; user: string; s: string[]; planner: string; tail: string }
const memos = new WeakMap<AnalysisHost, KeyMemo>();
/** The last host's memo (one session runs statement after statement): found without the map. */
let lastHost: AnalysisHost | null = null, lastMemo: KeyMemo | null = null;

// (SET search_path changes the session's array in place)
function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  // (a loop: every()'s callback was a closure made per statement)
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** StatementCache.key for this statement; the settings part is kept between statements (it was a tenth of a point query). */
function cacheKey(host: AnalysisHost, paramTypes: readonly number[], planner: string): string {
  const s = host.settings;
  let m = host === lastHost ? lastMemo : memos.get(host);
  if (!m || !samePath(m.searchPath, host.searchPath) || m.user !== host.user || m.planner !== planner || m.s[0] !== s.dateStyle
    || m.s[1] !== s.dateOrder || m.s[2] !== s.timeZone || m.s[3] !== s.intervalStyle) {
    const tail = StatementCache.key({ paramTypes: [], searchPath: host.searchPath, user: host.user,
      settings: `${s.dateStyle}/${s.dateOrder}/${s.timeZone}/${s.intervalStyle}/${planner}` });
    m = { searchPath: [...host.searchPath], user: host.user, s: [s.dateStyle, s.dateOrder, s.timeZone, s.intervalStyle], planner, tail };
    memos.set(host, m);
  }
  lastHost = host;
  lastMemo = m;
  // StatementCache.key starts with the parameter types ('' for none)
  return paramTypes.length ? paramTypes.join(',') + m.tail : m.tail;
}

/**
 * Parse/Describe's answer for a statement (parameter types, result columns), cached like its
 * analysis: by statement node, given types, search path, user and settings, while the catalog
 * is unchanged.
 */
export function describeCached<T>(host: AnalysisHost, node: object, paramTypes: readonly number[], describe: () => T): T {
  const s = host.settings;
  const key = 'describe\u0001' + StatementCache.key({ paramTypes, searchPath: host.searchPath, user: host.user,
    settings: `${s.dateStyle}/${s.dateOrder}/${s.timeZone}/${s.intervalStyle}` });
  const version = host.catalogVersion;
  const hit = host.statementCache.get<T>(node, key, version);
  if (hit) return hit.stmt;
  const d = describe();
  if (hit !== null && host.catalogVersion === version) host.statementCache.set(node, key, isCacheable(node) ? { stmt: d, types: [], typed: false, version } : null);
  return d;
}
