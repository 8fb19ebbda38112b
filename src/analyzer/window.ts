// Window function calls (f(…) OVER …) and their window definitions (parse_func.c, parse_clause.c's
// transformWindowDefinitions / transformFrameOffset).
//
// A call is bound as a 'func' node whose FuncDef carries the call's description (`window`) and
// whose args hold, in order: the function's arguments, FILTER, PARTITION BY, ORDER BY, and the
// frame offsets' expressions. Keeping every expression in args lets the planner's rewrites
// (subquery pull-up renumbering, and its refusal to flatten a query with volatile targets) see
// them; the executor (executor/window.ts) computes the values over all rows before projecting.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid, type FuncDef } from '../types/registry.js';
import { aggResultType, AGGREGATES } from './aggregates.js';
import { coerce, commonType } from './coerce.js';
import { asBaseType } from './coerce-usertypes.js';
import type { ExprAnalyzer } from './expr.js';
import type { AggCall, Expr, SortKey } from './query.js';
import type { Scope } from './scope.js';
import { STAT_AGGREGATES, statAggregateSignature } from './stat-aggregates.js';
import { JSON_AGGREGATES } from './json-aggregates.js';
import { typeDisplayName } from './typenames.js';
import { refuseSrfIn } from './srf-check.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

// frameOptions bits (parsenodes.h)
export const FRAME = {
  NONDEFAULT: 0x1, RANGE: 0x2, ROWS: 0x4, GROUPS: 0x8, BETWEEN: 0x10,
  START_UNBOUNDED_PRECEDING: 0x20, END_UNBOUNDED_PRECEDING: 0x40, START_UNBOUNDED_FOLLOWING: 0x80, END_UNBOUNDED_FOLLOWING: 0x100,
  START_CURRENT_ROW: 0x200, END_CURRENT_ROW: 0x400, START_OFFSET_PRECEDING: 0x800, END_OFFSET_PRECEDING: 0x1000,
  START_OFFSET_FOLLOWING: 0x2000, END_OFFSET_FOLLOWING: 0x4000,
  EXCLUDE_CURRENT_ROW: 0x8000, EXCLUDE_GROUP: 0x10000, EXCLUDE_TIES: 0x20000,
} as const;
const DEFAULT_FRAME = FRAME.RANGE | FRAME.START_UNBOUNDED_PRECEDING | FRAME.END_CURRENT_ROW;

export type WindowKind = 'row_number' | 'rank' | 'dense_rank' | 'percent_rank' | 'cume_dist' | 'ntile'
  | 'lag' | 'lead' | 'first_value' | 'last_value' | 'nth_value' | 'agg';

const WINDOW_FUNCTIONS: Record<string, { min: number; max: number }> = {
  row_number: { min: 0, max: 0 }, rank: { min: 0, max: 0 }, dense_rank: { min: 0, max: 0 },
  percent_rank: { min: 0, max: 0 }, cume_dist: { min: 0, max: 0 }, ntile: { min: 1, max: 1 },
  lag: { min: 1, max: 3 }, lead: { min: 1, max: 3 }, first_value: { min: 1, max: 1 }, last_value: { min: 1, max: 1 },
  nth_value: { min: 2, max: 2 },
};

export const isWindowFunctionName = (name: string): boolean => Object.hasOwn(WINDOW_FUNCTIONS, name);
export const windowArity = (name: string, n: number): boolean => n >= WINDOW_FUNCTIONS[name].min && n <= WINDOW_FUNCTIONS[name].max;

/** One RANGE offset bound: the expressions `key - offset` and `key + offset` and the key in their type. */
export interface RangeBound { sub: number; add: number }

/** What the executor needs of a window call; numbers are positions in the call's args. */
export interface WindowCall {
  kind: WindowKind;
  name: string;
  nArgs: number;
  filter: number | null;
  partition: number[];
  order: { arg: number; desc: boolean; nullsFirst: boolean; cmp: (a: unknown, b: unknown) => number }[];
  frameOptions: number;
  startOffset: number | null;
  endOffset: number | null;
  /** RANGE with offsets: the ORDER BY key in the bounds' type, compared with `cmp`. */
  rangeKey?: { arg: number; cmp: (a: unknown, b: unknown) => number; start?: RangeBound; end?: RangeBound };
  /** An aggregate used as a window function. */
  agg?: AggCall;
  /** Identifies the window (calls over the same window share one sort). */
  windowKey: string;
}

export type WindowFuncDef = FuncDef & { window: WindowCall };

export function windowCallOf(e: Expr): WindowCall | null {
  return e.k === 'func' ? (e.fn as Partial<WindowFuncDef>).window ?? null : null;
}

/** Does an expression call a window function of its own query level? */
export function hasWindowCall(e: Expr): boolean {
  if (windowCallOf(e)) return true;
  const kids: Expr[] = [];
  forEachKid(e, kids);
  if (e.k === 'case') for (const w of e.whens) kids.push(w.cond, w.result);
  if (e.k === 'case' && e.else) kids.push(e.else);
  if (e.k === 'array') kids.push(...e.elems);
  return kids.some(hasWindowCall);
}

const LOCK_NAMES: Record<string, string> = { LCS_FORUPDATE: 'FOR UPDATE', LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE', LCS_FORSHARE: 'FOR SHARE', LCS_FORKEYSHARE: 'FOR KEY SHARE' };

/** CheckSelectLocking: row locks and window functions do not mix. */
export function refuseLockingWithWindows(lockingClause: any[], exprs: Expr[]): void {
  if (!exprs.some(hasWindowCall)) return;
  const strength = lockingClause[0]?.LockingClause?.strength;
  throw new PgError('0A000', `${LOCK_NAMES[strength] ?? 'FOR UPDATE'} is not allowed with window functions`);
}

/** A window definition as written (OVER (…) or WINDOW name AS (…)). */
interface RawWindowDef { name?: string; refname?: string; partitionClause?: any[]; orderClause?: any[]; frameOptions: number;
  startOffset?: any; endOffset?: any; location: number }

/** The named windows of a SELECT (WINDOW clause), checked for duplicates. */
export function namedWindows(list: any[] | undefined): Map<string, RawWindowDef> {
  const m = new Map<string, RawWindowDef>();
  for (const w of list ?? []) {
    const d = w.WindowDef as RawWindowDef;
    if (m.has(d.name!)) throw new PgError('42P20', `window "${d.name}" is already defined`, pos(d.location));
    m.set(d.name!, d);
  }
  return m;
}

/** PostgreSQL's merging of OVER (w …) with the named window w. */
function resolveDef(over: RawWindowDef, named: Map<string, RawWindowDef> | undefined, location: number): RawWindowDef {
  const lookup = (name: string) => {
    const d = named?.get(name);
    if (!d) throw new PgError('42704', `window "${name}" does not exist`, pos(over.location >= 0 ? over.location : location));
    return d;
  };
  // OVER w: the named window itself
  if (over.name && !over.refname && !over.partitionClause && !over.orderClause && !(over.frameOptions & FRAME.NONDEFAULT)) {
    if (named?.has(over.name)) return resolveDef(named.get(over.name)!, named, location);
  }
  if (over.name && !named?.has(over.name) && !over.refname) return lookup(over.name);
  if (!over.refname) return over;
  const base = resolveDef(lookup(over.refname), named, location);
  if (over.partitionClause?.length) throw new PgError('42P20', `cannot override PARTITION BY clause of window "${over.refname}"`, pos(over.location));
  if (over.orderClause?.length && base.orderClause?.length) {
    throw new PgError('42P20', `cannot override ORDER BY clause of window "${over.refname}"`, pos(over.location));
  }
  if (base.frameOptions & FRAME.NONDEFAULT) {
    throw new PgError('42P20', `cannot copy window "${over.refname}" because it has a frame clause`,
      { ...pos(over.location), ...(!over.orderClause?.length && !(over.frameOptions & FRAME.NONDEFAULT) ? { hint: 'Omit the parentheses in this OVER clause.' } : {}) });
  }
  return { ...over, partitionClause: base.partitionClause, orderClause: over.orderClause?.length ? over.orderClause : base.orderClause };
}

/** Where a window function may not be written, PostgreSQL's message for it. */
function checkPlacement(scope: Scope, location: number): void {
  if (scope.winContext === 'nested') throw new PgError('42P20', 'window function calls cannot be nested', pos(location));
  if (scope.aggContext === 'nested') throw new PgError('42803', 'aggregate function calls cannot contain window function calls', pos(location));
  const where = scope.winContext ?? (scope.aggContext !== 'ok' ? scope.aggContext : null);
  if (where) throw new PgError('42P20', `window functions are not allowed in ${where}`, pos(location));
}

export function analyzeWindowCall(ex: ExprAnalyzer, name: string, n: any, scope: Scope, schema: string | null): Expr {
  checkPlacement(scope, n.location);
  const isWindow = schema === null || schema === 'pg_catalog' ? isWindowFunctionName(name) : false;
  const isAgg = (schema === null || schema === 'pg_catalog') && AGGREGATES.has(name);
  if (!isWindow && !isAgg) {
    throw new PgError('42809', `OVER specified, but ${name} is not a window function nor an aggregate function`, pos(n.location));
  }
  if (n.agg_distinct) throw new PgError('0A000', 'DISTINCT is not implemented for window functions', pos(n.location));
  if (n.agg_order) throw new PgError('0A000', 'aggregate ORDER BY is not implemented for window functions', pos(n.location));
  if (n.agg_filter && !isAgg) throw new PgError('0A000', 'FILTER is not implemented for non-aggregate window functions', pos(n.location));
  const inner: Scope = { ...scope, winContext: 'nested' };
  const srfBefore = ex.lastSrf;
  let args = ((n.args ?? []) as any[]).map(a => asBaseType(ex.expr(a, inner)));
  const locs = ((n.args ?? []) as any[]).map(a => a?.[Object.keys(a)[0]]?.location ?? n.location);
  refuseSrfIn('window function calls', srfBefore, ex.lastSrf);
  let type: number;
  let agg: AggCall | undefined;
  const kind: WindowKind = isWindow ? name as WindowKind : 'agg';
  if (isWindow) ({ args, type } = windowSignature(ex, name, args, locs, n.location));
  else {
    ({ args, type } = aggregateSignature(ex, name, args, !!n.agg_star, n.location));
    agg = { name, type, args, distinct: false, star: !!n.agg_star, filter: null, orderBy: [], impl: null as any, loc: n.location };
  }
  const filter = n.agg_filter ? ex.condition(n.agg_filter, { ...scope, aggContext: 'FILTER', winContext: 'FILTER' }, 'FILTER') : null;
  const def = resolveDef(n.over, scope.windowDefs, n.location);
  const defScope: Scope = { ...scope, winContext: 'window definitions' };
  const partition = ((def.partitionClause ?? []) as any[]).map(p => ex.expr(p, defScope));
  const order: SortKey[] = ((def.orderClause ?? []) as any[]).map(s => ex.sortKey(s.SortBy, defScope));
  const all: Expr[] = [...args];
  const call: WindowCall = { kind, name, nArgs: args.length, filter: null, partition: [], order: [], frameOptions: def.frameOptions || DEFAULT_FRAME,
    startOffset: null, endOffset: null, ...(agg ? { agg } : {}), windowKey: '' };
  if (!(call.frameOptions & FRAME.NONDEFAULT)) call.frameOptions = DEFAULT_FRAME;
  if (filter) { call.filter = all.length; all.push(filter); }
  for (const p of partition) { call.partition.push(all.length); all.push(p); }
  for (const k of order) { call.order.push({ arg: all.length, desc: k.desc, nullsFirst: k.nullsFirst, cmp: k.cmp }); all.push(k.expr); }
  frameOffsets(ex, call, def, order, all, defScope);
  call.windowKey = windowKey(def);
  const fn: WindowFuncDef = { name, args: all.map(a => a.type), ret: type, strict: false, volatility: 'v',
    fn: () => { throw new PgError('XX000', `window function ${name} called outside its window`); }, window: call };
  return { k: 'func', type, typmod: -1, fn, args: all };
}

/** Identical window definitions (after resolving names) share a key. */
function windowKey(def: RawWindowDef): string {
  const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x ?? null, (k, v) => (k === 'location' ? undefined : v)));
  return JSON.stringify([strip(def.partitionClause), strip(def.orderClause)]);
}

function windowSignature(ex: ExprAnalyzer, name: string, args: Expr[], locs: number[], location: number): { args: Expr[]; type: number } {
  const spec = WINDOW_FUNCTIONS[name];
  const types = args.map(a => a.type);
  const missing = () => new PgError('42883', `function ${name}(${types.map(t => typeDisplayName(t)).join(', ')}) does not exist`,
    { ...pos(location), hint: 'No function matches the given name and argument types. You might need to add explicit type casts.' });
  if (args.length < spec.min || args.length > spec.max) throw missing();
  const toInt = (a: Expr, i: number) => {
    if (a.type !== OID.int4 && a.type !== OID.unknown && !([OID.int2] as number[]).includes(a.type)) throw missing();
    return coerce(a, OID.int4, -1, 'i', ex.ctx, locs[i]);
  };
  switch (name) {
    case 'row_number': case 'rank': case 'dense_rank': return { args, type: OID.int8 };
    case 'percent_rank': case 'cume_dist': return { args, type: OID.float8 };
    case 'ntile': return { args: [toInt(args[0], 0)], type: OID.int4 };
    case 'first_value': case 'last_value': {
      const t = args[0].type === OID.unknown ? OID.text : args[0].type;
      return { args: [coerce(args[0], t, -1, 'i', ex.ctx, locs[0])], type: t };
    }
    case 'nth_value': {
      const t = args[0].type === OID.unknown ? OID.text : args[0].type;
      return { args: [coerce(args[0], t, -1, 'i', ex.ctx, locs[0]), toInt(args[1], 1)], type: t };
    }
    default: { // lag / lead (anycompatible value and default)
      const valueTypes = [args[0].type, ...(args.length > 2 ? [args[2].type] : [])];
      let t = commonType(valueTypes, name, [locs[0], ...(args.length > 2 ? [locs[2]] : [])]);
      if (t === OID.unknown) t = OID.text;
      const out = [coerce(args[0], t, -1, 'i', ex.ctx, locs[0])];
      if (args.length > 1) out.push(toInt(args[1], 1));
      if (args.length > 2) out.push(coerce(args[2], t, -1, 'i', ex.ctx, locs[2]));
      return { args: out, type: t };
    }
  }
}

function aggregateSignature(ex: ExprAnalyzer, name: string, args: Expr[], star: boolean, location: number): { args: Expr[]; type: number } {
  const types = args.map(a => a.type);
  const sig = STAT_AGGREGATES.has(name) ? statAggregateSignature(name, types) : null;
  const type = sig ? sig.ret : aggResultType(name, star ? [] : types, location);
  const coerced = sig ? args.map((a, i) => coerce(a, sig.args[i], -1, 'i', ex.ctx))
    : args.map(a => (a.type === OID.unknown ? coerce(a, OID.text, -1, 'i', ex.ctx) : a));
  if (JSON_AGGREGATES.has(name) && name.endsWith('object_agg') && coerced.length !== 2) throw new PgError('42883', `function ${name} does not exist`, pos(location));
  return { args: coerced, type };
}

/** The frame's offsets: ROWS / GROUPS take a bigint constant, RANGE a value of the ORDER BY key's offset type. */
function frameOffsets(ex: ExprAnalyzer, call: WindowCall, def: RawWindowDef, order: SortKey[], all: Expr[], scope: Scope): void {
  const opts = call.frameOptions;
  if ((opts & FRAME.GROUPS) && !order.length) {
    throw new PgError('42P20', 'GROUPS mode requires an ORDER BY clause', pos(def.location));
  }
  const offsets: [any, 'start' | 'end'][] = [];
  if (opts & (FRAME.START_OFFSET_PRECEDING | FRAME.START_OFFSET_FOLLOWING)) offsets.push([def.startOffset, 'start']);
  if (opts & (FRAME.END_OFFSET_PRECEDING | FRAME.END_OFFSET_FOLLOWING)) offsets.push([def.endOffset, 'end']);
  if (!offsets.length) return;
  if (opts & FRAME.RANGE) {
    if (order.length !== 1) {
      throw new PgError('42P20', 'RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column', pos(def.location));
    }
    const key = order[0].expr;
    const keyBase = asBaseType(key).type;
    call.rangeKey = { arg: -1, cmp: () => 0 };
    for (const [raw, which] of offsets) {
      const loc = raw?.[Object.keys(raw)[0]]?.location ?? def.location;
      let off = ex.expr(raw, { ...scope, winContext: 'window definitions' });
      const want = rangeOffsetType(keyBase, off.type);
      if (want === null) {
        // no in_range function for the key type at all, or none for this offset type
        const none = rangeOffsetType(keyBase, OID.unknown) === null;
        throw new PgError('0A000', `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${typeDisplayName(keyBase)}`
          + (none ? '' : ` and offset type ${typeDisplayName(off.type)}`), { ...pos(loc), ...(none ? {} : { hint: 'Cast the offset value to an appropriate type.' }) });
      }
      off = coerce(off, want, -1, 'i', ex.ctx, loc);
      refuseVariables(off, 'RANGE', loc);
      const sub = ex.operator('-', key, off, loc), add = ex.operator('+', key, off, loc);
      const boundType = sub.type;
      if (call.rangeKey.arg < 0) {
        call.rangeKey.arg = all.length; all.push(coerce(key, boundType, -1, 'i', ex.ctx, loc));
        const t = typeByOid(boundType)!;
        call.rangeKey.cmp = t.compare.bind(t);
      }
      const bound: RangeBound = { sub: all.length, add: all.length + 1 };
      all.push(coerce(sub, boundType, -1, 'i', ex.ctx, loc), coerce(add, boundType, -1, 'i', ex.ctx, loc));
      call.rangeKey[which] = bound;
      if (which === 'start') call.startOffset = all.length; else call.endOffset = all.length;
      all.push(off);
    }
    return;
  }
  const mode = opts & FRAME.ROWS ? 'ROWS' : 'GROUPS';
  for (const [raw, which] of offsets) {
    const loc = raw?.[Object.keys(raw)[0]]?.location ?? def.location;
    const off = coerce(ex.expr(raw, { ...scope, winContext: 'window definitions' }), OID.int8, -1, 'a', ex.ctx, loc);
    refuseVariables(off, mode, loc);
    if (which === 'start') call.startOffset = all.length; else call.endOffset = all.length;
    all.push(off);
  }
}

function refuseVariables(e: Expr, mode: string, loc: number): void {
  let found = false;
  const walk = (x: Expr): void => {
    if (x.k === 'var' && x.levelsUp === 0) found = true;
    const kids: Expr[] = [];
    forEachKid(x, kids);
    kids.forEach(walk);
  };
  walk(e);
  if (found) throw new PgError('42P10', `argument of ${mode} must not contain variables`, pos(loc));
}

function forEachKid(e: Expr, out: Expr[]): void {
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': out.push(...e.args); break;
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': out.push(e.arg); break;
    case 'distinct': case 'nullif': case 'scalararray': out.push(...e.args); break;
    default: break;
  }
}

/** The offset type in_range accepts for a key type (pg_proc's in_range functions), null if none. */
function rangeOffsetType(key: number, off: number): number | null {
  const ints: number[] = [OID.int2, OID.int4, OID.int8];
  if (ints.includes(key)) {
    if (off === OID.unknown) return key;
    return ints.includes(off) ? (key === OID.int8 || off === OID.int8 ? OID.int8 : off === OID.int2 && key === OID.int2 ? OID.int2 : OID.int4) : null;
  }
  if (key === OID.numeric) return off === OID.unknown || ints.includes(off) || off === OID.numeric ? OID.numeric : null;
  if (key === OID.float4 || key === OID.float8) return off === OID.unknown || off === OID.float8 || off === OID.float4 ? OID.float8 : null;
  if (([OID.date, OID.timestamp, OID.timestamptz, OID.time, OID.timetz, OID.interval] as number[]).includes(key)) {
    return off === OID.unknown || off === OID.interval ? OID.interval : null;
  }
  return null;
}
