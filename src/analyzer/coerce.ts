// Type coercion and the choice among overloaded operators and functions, after
// PostgreSQL's parse_coerce.c and parse_func.c (func_select_candidate).
import { isSubArray } from '../types/record-mark.js';
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import {
  ANY, ANYARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYELEMENT, ANYNONARRAY, findCast, typeByOid,
  type CastContext, type FuncDef, type OperatorDef,
} from '../types/registry.js';
import type { FormatSettings } from '../types/type.js';
import type { Expr } from './query.js';
import { typeDisplayName } from './typenames.js';
import { baseTypeOf, domainBase } from '../types/domain.js';
import { coerceToComposite, coerceToDomain } from './coerce-usertypes.js';
import { convertRowtype, rowtypeInheritsFrom } from './coerce-rowtype.js';

const UNKNOWN = OID.unknown;
const STRING_TYPES = new Set<number>([OID.text, OID.varchar, OID.bpchar, OID.name]);

const contextRank: Record<CastContext, number> = { i: 0, a: 1, e: 2 };

const ANYENUM = OID.anyenum;
const isPolymorphic = (t: number) =>
  t === ANY || t === ANYELEMENT || t === ANYARRAY || t === ANYNONARRAY || t === ANYCOMPATIBLE || t === ANYCOMPATIBLEARRAY || t === ANYENUM;
/** The anyelement family: one type shared by all such parameters (anyenum: an enum type). */
const isElementLike = (t: number) => t === ANYELEMENT || t === ANYNONARRAY || t === ANYENUM;

const isArrayType = (t: number) => typeByOid(t)?.elem !== undefined && typeByOid(t)?.category === 'A';

/** Can a value of type `from` be coerced to `to` in this context? */
export function canCoerce(from: number, to: number, ctx: CastContext): boolean {
  if (from === to || from === UNKNOWN) return true;
  // a domain's values are its base type's (getBaseType); to a domain: to its base, then checked
  const fromBase = domainBase(from);
  if (fromBase) return canCoerce(fromBase.oid, to, ctx);
  const toBase = domainBase(to);
  if (toBase) return canCoerce(from, toBase.oid, ctx);
  if (to === ANYENUM) return typeByOid(from)?.category === 'E';
  if (from === OID.record && typeByOid(to)?.fields) return true;
  if (rowtypeInheritsFrom(from, to)) return true;
  if (to === ANY || to === ANYELEMENT || to === ANYCOMPATIBLE) return true;
  if (to === ANYNONARRAY) return !isArrayType(from);
  if (to === ANYARRAY || to === ANYCOMPATIBLEARRAY) return isArrayType(from);
  if (to === OID.record) return typeByOid(from)?.category === 'C' || from === OID.record;
  const c = findCast(from, to);
  if (c) return contextRank[c.context] <= contextRank[ctx];
  // automatic I/O conversion: to string types in assignment, from string types explicitly
  if (STRING_TYPES.has(to)) return ctx !== 'i';
  if (STRING_TYPES.has(from)) return ctx === 'e';
  // arrays: element-wise
  const ft = typeByOid(from), tt = typeByOid(to);
  if (ft?.category === 'A' && tt?.category === 'A' && ft.elem && tt.elem) return canCoerce(ft.elem, tt.elem, ctx);
  return false;
}

export interface CoerceEnv {
  settings: FormatSettings;
  /** Keep casts as nodes, as PostgreSQL's stored trees do (see AnalyzeContext.deparse). */
  deparse?: boolean;
  /** Parameter types being deduced (AnalyzeContext.paramTypes): 0 until a coercion fixes one. */
  paramTypes?: number[];
}

/**
 * Wraps expr so that it yields `to` (with typmod): constants of unknown type are read
 * with the target type's input function right away, as PostgreSQL does at parse time.
 * Throws the right error if no coercion exists.
 */
export function coerce(expr: Expr, to: number, typmod: number, ctx: CastContext, env: CoerceEnv,
  location?: number): Expr {
  const out = coerceNode(expr, to, typmod, ctx, env, location);
  // CAST/:: marks the outermost node it adds explicit (COERCE_EXPLICIT_CAST: printed back, EXPLAIN too;
  // hide_coercion_node leaves inner ones implicit)
  return ctx === 'e' && out !== expr && out.k === 'cast' ? { ...out, explicit: true } : out;
}

function coerceNode(expr: Expr, to: number, typmod: number, ctx: CastContext, env: CoerceEnv,
  location?: number): Expr {
  const from = expr.type;
  if (to === ANY || to === ANYELEMENT || to === ANYNONARRAY || to === ANYCOMPATIBLE || to === ANYARRAY ||
      to === ANYCOMPATIBLEARRAY || to === OID.record || to === ANYENUM) {
    if (from === UNKNOWN && expr.k === 'const') return coerce(expr, OID.text, -1, ctx, env, location);
    return expr;
  }
  const target = typeByOid(to);
  if (!target) throw new PgError('42704', `type with OID ${to} does not exist`);
  if (from === to) return applyTypmodExpr(expr, to, typmod, ctx === 'e', env);
  // out of a domain: its value is a value of the base type
  const fromBase = domainBase(from);
  if (fromBase) {
    // printed back, the step out of the domain shows as a cast (PostgreSQL's RelabelType prints so)
    const relabeled: Expr = env.deparse ? { k: 'cast', type: fromBase.oid, typmod: fromBase.typmod, arg: expr, fn: null, applyTypmod: null, explicit: true }
      : { ...expr, type: fromBase.oid, typmod: fromBase.typmod } as Expr;
    return coerceNode(relabeled, to, typmod, ctx, env, location);
  }
  if (target.domain) return coerceToDomain(expr, target, ctx, env, location, coerce);
  if (target.fields && rowtypeInheritsFrom(from, to)) return foldConst(convertRowtype(expr, to, false), env);
  if (target.fields && (from === OID.record || typeByOid(from)?.fields)) return coerceToComposite(expr, target, ctx, env, location, coerce);
  if (from === UNKNOWN) {
    if (expr.k === 'const') {
      if (expr.value === null && !env.deparse) return { k: 'const', type: to, typmod, value: null };
      // as coerce_type: the input function reads the text without the typmod (interval's
      // excepted); the length coercion applied after it reports errors without a position
      let v: unknown;
      try {
        v = expr.value === null ? null : target.input(expr.value as string, to === OID.interval ? typmod : -1, env.settings);
      } catch (e) {
        // the error points at the literal itself
        const loc = expr.loc ?? location;
        if (e instanceof PgError && e.position === undefined && loc !== undefined && loc >= 0) e.position = loc + 1;
        throw e;
      }
      // PostgreSQL keeps the length coercion as a node above the constant
      if (env.deparse && to !== OID.interval) return applyTypmodExpr({ k: 'const', type: to, typmod: -1, value: v }, to, typmod, ctx === 'e', env);
      const withMod = target.applyTypmod && typmod >= 0 ? target.applyTypmod(v, typmod, ctx === 'e') : v;
      return { k: 'const', type: to, typmod, value: withMod };
    }
    // an unknown-typed parameter or expression: read it from text at run time; a parameter
    // takes the type it is coerced to, as PostgreSQL's variable_coerce_param_hook does
    if (expr.k === 'param' && expr.index >= 0 && env.paramTypes?.[expr.index] === 0) env.paramTypes[expr.index] = to;
    const input = target.input.bind(target);
    return applyTypmodExpr({ k: 'cast', type: to, typmod: -1, arg: expr, fn: (v, c) => input(String(v), typmod, c.settings), applyTypmod: null }, to, typmod, ctx === 'e', env);
  }
  const cast = findCast(from, to);
  if (cast && contextRank[cast.context] <= contextRank[ctx]) {
    const c: Expr = { k: 'cast', type: to, typmod: -1, arg: expr, fn: cast.fn ?? null, applyTypmod: null };
    return applyTypmodExpr(foldConst(c, env), to, typmod, ctx === 'e', env);
  }
  const ft = typeByOid(from);
  if (ft?.category === 'A' && target.category === 'A' && ft.elem && target.elem && canCoerce(ft.elem, target.elem, ctx)) {
    const elemCast = coerce({ k: 'param', type: ft.elem, typmod: -1, index: -1 }, target.elem, typmod, ctx, env);
    const conv = elemConverter(elemCast);
    const mapArray = (v: unknown, c: any): unknown => Array.isArray(v) ? v.map(x => x === null ? null : isSubArray(x) ? mapArray(x, c) : conv(x, c)) : v;
    return foldConst({ k: 'cast', type: to, typmod, arg: expr, fn: mapArray, applyTypmod: null }, env);
  }
  if (ft && ((STRING_TYPES.has(to) && ctx !== 'i') || (STRING_TYPES.has(from) && ctx === 'e'))) {
    const fromT = ft;
    const c: Expr = STRING_TYPES.has(to) && !STRING_TYPES.has(from)
      ? { k: 'cast', type: to, typmod: -1, arg: expr, fn: (v, cx) => fromT.output(v, cx.settings), applyTypmod: null }
      : { k: 'cast', type: to, typmod: -1, arg: expr, fn: (v, cx) => target.input(v as string, typmod, cx.settings), applyTypmod: null };
    return applyTypmodExpr(foldConst(c, env), to, typmod, ctx === 'e', env);
  }
  if (ctx === 'e') {
    throw new PgError('42846', `cannot cast type ${typeDisplayName(from)} to ${typeDisplayName(to)}`,
      location !== undefined && location >= 0 ? { position: location + 1 } : undefined);
  }
  throw new PgError('42804', `cannot coerce type ${typeDisplayName(from)} to ${typeDisplayName(to)}`);
}

function elemConverter(e: Expr): (v: unknown, ctx: any) => unknown {
  if (e.k !== 'cast') return v => v;
  const inner = elemConverter(e.arg);
  const f = e.fn, m = e.applyTypmod;
  return (v, ctx) => {
    let x = inner(v, ctx);
    if (f) x = f(x, ctx);
    if (m) x = m(x);
    return x;
  };
}

function applyTypmodExpr(expr: Expr, to: number, typmod: number, explicit: boolean, env: CoerceEnv): Expr {
  const t = typeByOid(to);
  if (typmod < 0 || !t?.applyTypmod || expr.typmod === typmod) return expr.typmod === typmod || typmod < 0 ? expr : { ...expr, typmod } as Expr;
  const apply = t.applyTypmod.bind(t);
  return foldConst({ k: 'cast', type: to, typmod, arg: expr, fn: null, applyTypmod: v => apply(v, typmod, explicit) }, env);
}

/** Types whose casts among themselves read no settings (numbers and booleans). */
const FOLDABLE = new Set<number>([OID.int2, OID.int4, OID.int8, OID.float4, OID.float8, OID.numeric, OID.bool, OID.oid]);

/** Evaluates a cast of a constant right away (casts are immutable). */
function foldConst(c: Expr, env: CoerceEnv): Expr {
  if (c.k !== 'cast' || c.arg.k !== 'const' || env.deparse || c.fnOnNull) return c;
  const v = c.arg.value;
  if (v === null) return { k: 'const', type: c.type, typmod: c.typmod, value: null };
  // the planner folds immutable casts of constants (eval_const_expressions), errors included;
  // other casts may need the session's settings at run time
  if (c.fn && !(c.fn as any).stable && !(FOLDABLE.has(c.type) && FOLDABLE.has(c.arg.type))) return c;
  let out = c.fn && FOLDABLE.has(c.type) && FOLDABLE.has(c.arg.type) ? c.fn(v, {} as any) : v;
  out = c.applyTypmod ? c.applyTypmod(out) : out;
  return { k: 'const', type: c.type, typmod: c.typmod, value: out };
}

/** Assignment coercion with PostgreSQL's message for INSERT/UPDATE targets. */
export function coerceToColumn(expr: Expr, to: number, typmod: number, column: string, env: CoerceEnv, location?: number): Expr {
  if (expr.type !== UNKNOWN && expr.type !== to && !canCoerce(expr.type, to, 'a')) {
    throw new PgError('42804', `column "${column}" is of type ${typeDisplayName(to)} but expression is of type ${typeDisplayName(expr.type)}`,
      { hint: 'You will need to rewrite or cast the expression.', position: location !== undefined && location >= 0 ? location + 1 : undefined });
  }
  return coerce(expr, to, typmod, 'a', env, location);
}

// ---- choosing among overloads ------------------------------------------------

interface Candidate<T> { def: T; args: number[] }

function category(t: number): string {
  return typeByOid(t)?.category ?? 'U';
}
function preferred(t: number): boolean {
  return typeByOid(t)?.preferred ?? false;
}

/**
 * Picks the best candidate for the argument types, following func_select_candidate.
 * Returns null if none fits, throws 'ambiguous' (as a marker) when several fit equally.
 */
export function selectCandidate<T>(cands: Candidate<T>[], argTypes: number[]): Candidate<T> | null | 'ambiguous' {
  const n = argTypes.length;
  // domains take part as their base types (func_select_candidate)
  argTypes = argTypes.map(baseTypeOf);
  // exact match
  for (const c of cands) if (c.args.every((t, i) => t === argTypes[i])) return c;
  // a binary operator with one unknown side: try the other side's type for it
  if (n === 2 && (argTypes[0] === UNKNOWN) !== (argTypes[1] === UNKNOWN)) {
    const known = argTypes[0] === UNKNOWN ? argTypes[1] : argTypes[0];
    for (const c of cands) if (c.args[0] === known && c.args[1] === known) return c;
  }
  let live = cands.filter(c => c.args.every((t, i) => canCoerce(argTypes[i], t, 'i')) && polymorphicConsistent(c.args, argTypes));
  if (live.length <= 1) return live[0] ?? null;
  // prefer candidates whose polymorphic args resolve consistently (simple check) and non-polymorphic
  const byExact = keepMax(live, c => c.args.filter((t, i) => t === argTypes[i]).length);
  live = byExact;
  if (live.length === 1) return live[0];
  live = keepMax(live, c => c.args.filter((t, i) => argTypes[i] !== UNKNOWN && preferred(t) && category(t) === category(argTypes[i])).length);
  if (live.length === 1) return live[0];
  // resolve unknown arguments by category
  if (argTypes.some(t => t === UNKNOWN)) {
    const knownTypes = argTypes.filter(t => t !== UNKNOWN);
    for (let i = 0; i < n; i++) {
      if (argTypes[i] !== UNKNOWN) continue;
      const cats = new Set(live.map(c => category(c.args[i])));
      let want: string;
      if (cats.has('S')) want = 'S';
      else if (cats.size === 1) want = [...cats][0];
      else if (knownTypes.length && cats.has(category(knownTypes[0]))) want = category(knownTypes[0]);
      else return 'ambiguous';
      const inCat = live.filter(c => category(c.args[i]) === want);
      const pref = inCat.filter(c => preferred(c.args[i]));
      live = pref.length ? pref : inCat;
    }
    if (live.length === 1) return live[0];
    // all-unknown with identical signatures in the string category: text
    const textOnes = live.filter(c => c.args.every((t, i) => argTypes[i] !== UNKNOWN || t === OID.text));
    if (textOnes.length === 1) return textOnes[0];
    if (knownTypes.length) {
      const k = knownTypes[0];
      const same = live.filter(c => c.args.every((t, i) => argTypes[i] !== UNKNOWN || t === k));
      if (same.length === 1) return same[0];
    }
  }
  // polymorphic vs concrete: prefer concrete
  const concrete = live.filter(c => !c.args.some(isPolymorphic));
  if (concrete.length === 1) return concrete[0];
  return live.length ? 'ambiguous' : null;
}

/**
 * check_generic_type_consistency, simplified: the element types the polymorphic parameters
 * imply must agree (anyelement family: the same type; anycompatible family: one category),
 * so that text[] || text[] is array || array and not array || element.
 */
function polymorphicConsistent(declared: number[], actual: number[]): boolean {
  const elems: number[] = [], compat: number[] = [];
  for (let i = 0; i < declared.length; i++) {
    const d = declared[i], a = actual[i];
    if (a === UNKNOWN) continue;
    if (isElementLike(d)) elems.push(a);
    else if (d === ANYARRAY) elems.push(typeByOid(a)?.elem ?? a);
    else if (d === ANYCOMPATIBLE) compat.push(a);
    else if (d === ANYCOMPATIBLEARRAY) compat.push(typeByOid(a)?.elem ?? a);
  }
  return elems.every(t => t === elems[0]) && compat.every(t => category(t) === category(compat[0]));
}

function keepMax<T>(list: T[], score: (x: T) => number): T[] {
  let best = -1;
  let out: T[] = [];
  for (const x of list) {
    const s = score(x);
    if (s > best) { best = s; out = [x]; } else if (s === best) out.push(x);
  }
  return out;
}

export function operatorCandidates(ops: OperatorDef[], argTypes: number[]): Candidate<OperatorDef>[] {
  return ops.filter(o => (argTypes.length === 1 ? o.left === 0 : o.left !== 0)).map(o => ({ def: o, args: o.left === 0 ? [o.right] : [o.left, o.right] }));
}

export function functionCandidates(fns: FuncDef[], argTypes: number[]): Candidate<FuncDef>[] {
  const out: Candidate<FuncDef>[] = [];
  for (const f of fns) {
    if (f.args.length === argTypes.length) out.push({ def: f, args: f.args });
    else if (f.variadic !== undefined && argTypes.length >= f.args.length - 1) {
      const fixed = f.args.slice(0, -1);
      const args = [...fixed];
      while (args.length < argTypes.length) args.push(f.variadic);
      out.push({ def: f, args });
    }
  }
  // a VARIADIC function given no variadic arguments loses to a plain one with the same arguments (format(text))
  return out.filter(c => c.args.length === c.def.args.length || c.def.variadic === undefined
    || !out.some(o => o.def.variadic === undefined && o.args.length === c.args.length && o.args.every((a, i) => a === c.args[i])));
}

/** The result type of a polymorphic function or operator given actual argument types. */
export function resolvePolymorphic(declared: number[], actual: number[], ret: number): number {
  if (!isPolymorphic(ret)) return ret;
  let elem = 0;
  for (let i = 0; i < declared.length; i++) {
    const d = declared[i], a = actual[i];
    if (a === UNKNOWN) continue;
    if (isElementLike(d) || d === ANYCOMPATIBLE) elem ||= a;
    if (d === ANYARRAY || d === ANYCOMPATIBLEARRAY) elem ||= typeByOid(a)?.elem ?? 0;
  }
  if (!elem) elem = OID.text;
  if (ret === ANYARRAY || ret === ANYCOMPATIBLEARRAY) return typeByOid(elem)?.array ?? ret;
  return elem;
}

/**
 * The declared argument types with polymorphic ones made concrete from the known arguments
 * (anyarray → int4[] when another argument is int4[] or int4), so that an unknown literal
 * matched against a polymorphic parameter is coerced to that type, as PostgreSQL does.
 */
export function concreteArgs(declared: number[], actual: number[]): number[] {
  if (!declared.some(isPolymorphic) || !actual.some(t => t === UNKNOWN)) return declared;
  let elem = 0;
  for (let i = 0; i < declared.length; i++) {
    const d = declared[i], a = actual[i];
    if (a === UNKNOWN) continue;
    if (isElementLike(d) || d === ANYCOMPATIBLE) elem ||= a;
    if (d === ANYARRAY || d === ANYCOMPATIBLEARRAY) elem ||= typeByOid(a)?.elem ?? 0;
  }
  if (!elem) return declared;
  return declared.map(d => {
    if (d === ANYARRAY || d === ANYCOMPATIBLEARRAY) return typeByOid(elem)?.array ?? d;
    if (isElementLike(d) || d === ANYCOMPATIBLE) return elem;
    return d;
  });
}

/** Common type of several expressions (CASE, COALESCE, UNION, VALUES, ARRAY[]), after select_common_type. */
export function commonType(types: number[], what: string, locations?: number[]): number {
  let known = types.filter(t => t !== UNKNOWN);
  if (known.length === 0) return OID.text;
  // one domain throughout stays that domain; else domains count as their base types
  if (known.some(t => t !== known[0])) { types = types.map(baseTypeOf); known = known.map(baseTypeOf); }
  let pick = known[0];
  for (let i = 1; i < known.length; i++) {
    const t = known[i];
    if (t === pick) continue;
    if (category(t) !== category(pick)) {
      const idx = types.indexOf(t);
      throw new PgError('42804', `${what} types ${typeDisplayName(pick)} and ${typeDisplayName(t)} cannot be matched`,
        locations && locations[idx] >= 0 ? { position: locations[idx] + 1 } : undefined);
    }
    if (!preferred(pick) && canCoerce(pick, t, 'i') && !canCoerce(t, pick, 'i')) pick = t;
  }
  return pick;
}
