// The fraction of rows a condition keeps, estimated as PostgreSQL's selfuncs.c does:
// statistics when ANALYZE has run (here exact fractions over its sorted sample), else
// PostgreSQL's defaults (1/distinct values for equality, 1/3 for an inequality, 0.005
// for a range or a pattern).
import type { Expr } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { columnStats, numDistinct } from './stats.js';

export const DEFAULT_INEQ_SEL = 0.3333333333333333;
const DEFAULT_RANGE_INEQ_SEL = 0.005;
const DEFAULT_MATCH_SEL = 0.005;
const DEFAULT_UNK_SEL = 0.005;
const DEFAULT_NOT_UNK_SEL = 1 - DEFAULT_UNK_SEL;
const DEFAULT_FUNC_SEL = 0.3333333;

/** What selectivity needs to know of a range entry. */
export interface RelInfo {
  table: Table | null;
  /** Rows of the relation before its conditions. */
  tuples: number;
  /** Rows after its own conditions. */
  rows: number;
}

export interface SelContext {
  rel(entry: number): RelInfo | undefined;
  /** Column number in the table of attribute slot `att` of the entry (attnum). */
  attnum(entry: number, att: number): number | undefined;
}

export function stripRelabel(e: Expr): Expr {
  return e.k === 'cast' && !e.fn && !e.applyTypmod ? stripRelabel(e.arg) : e;
}

type VarRef = Expr & { k: 'var' };

function asVar(e: Expr): VarRef | null {
  const v = stripRelabel(e);
  return v.k === 'var' && v.levelsUp === 0 ? v : null;
}

/** Reads no column of this query level (a constant, a parameter, an outer reference). */
export function isPseudoConstant(e: Expr): boolean {
  if (e.k === 'var' || e.k === 'tableoid') return e.levelsUp > 0;
  if (e.k === 'sublink' || e.k === 'aggref') return false;
  if (e.k === 'func' && e.fn.volatility === 'v') return false;
  let ok = true;
  const visit = (x: Expr) => { if (ok && !isPseudoConstant(x)) ok = false; };
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': e.args.forEach(visit); break;
    case 'distinct': case 'nullif': case 'scalararray': visit(e.args[0]); visit(e.args[1]); break;
    case 'array': e.elems.forEach(visit); break;
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': visit(e.arg); break;
    case 'case': for (const w of e.whens) { visit(w.cond); visit(w.result); } if (e.else) visit(e.else); break;
    case 'rowcompare': e.left.forEach(visit); e.right.forEach(visit); break;
    case 'subscript': visit(e.arg); break;
    default: break;
  }
  return ok;
}

interface VarInfo { table: Table | null; attnum: number; tuples: number; rows: number; unique: boolean; type: number }

function varInfo(v: VarRef, cx: SelContext): VarInfo {
  const rel = cx.rel(v.entry);
  const attnum = cx.attnum(v.entry, v.att) ?? 0;
  const table = rel?.table ?? null;
  const unique = !!table && attnum > 0 && table.indexes.some(ix => ix.unique && ix.columns.length === 1 && ix.columns[0] === attnum);
  return { table, attnum, tuples: rel?.tuples ?? 0, rows: rel?.rows ?? 0, unique, type: v.type };
}

export function distinctOf(v: VarRef, cx: SelContext): { nd: number; isDefault: boolean; nullFrac: number } {
  const vi = varInfo(v, cx);
  const r = numDistinct(vi.table, vi.attnum, vi.tuples, vi.unique, vi.type);
  const cs = vi.table ? columnStats(vi.table, vi.attnum) : null;
  return { ...r, nullFrac: cs?.nullFrac ?? 0 };
}

/** clauselist_selectivity: the product, with a lower and an upper bound on one column taken together. */
export function clauseListSelectivity(conds: Expr[], cx: SelContext): number {
  let s = 1;
  // range pairs: column → [lower selectivity, upper selectivity]
  const ranges = new Map<string, { lo: number | null; hi: number | null; defaulted: boolean }>();
  for (const c of conds) {
    const r = rangeSide(c, cx);
    if (r) {
      const key = `${r.v.entry}.${r.v.att}`;
      const cur = ranges.get(key) ?? { lo: null, hi: null, defaulted: false };
      const sel = r.sel;
      if (r.lower) cur.lo = cur.lo === null ? sel : Math.min(cur.lo, sel);
      else cur.hi = cur.hi === null ? sel : Math.min(cur.hi, sel);
      cur.defaulted ||= r.defaulted;
      ranges.set(key, cur);
      continue;
    }
    s *= clauseSelectivity(c, cx);
  }
  for (const r of ranges.values()) {
    if (r.lo !== null && r.hi !== null) {
      let both = r.defaulted ? DEFAULT_RANGE_INEQ_SEL : r.hi + r.lo - 1;
      if (both <= 0) both = both < -0.01 ? 1e-10 : 0.5 * DEFAULT_RANGE_INEQ_SEL; // contradictory or tiny
      s *= both;
    } else s *= r.lo ?? r.hi!;
  }
  return s;
}

/** `column < value` and the like: which side of a range it bounds and its own selectivity. */
function rangeSide(c: Expr, cx: SelContext): { v: VarRef; lower: boolean; sel: number; defaulted: boolean } | null {
  if (c.k !== 'op' || c.args.length !== 2 || !['<', '<=', '>', '>='].includes(c.op.name)) return null;
  let v = asVar(c.args[0]), other = c.args[1], flip = false;
  if (!v || !isPseudoConstant(other)) { v = asVar(c.args[1]); other = c.args[0]; flip = true; }
  if (!v || !isPseudoConstant(other)) return null;
  const less = c.op.name[0] === '<';
  const lower = less === flip; // v > x and x < v are lower bounds
  const { sel, defaulted } = ineqSel(v, other, lower, c.op.name.endsWith('='), cx);
  return { v, lower, sel, defaulted };
}

function ineqSel(v: VarRef, other: Expr, greater: boolean, inclusive: boolean, cx: SelContext): { sel: number; defaulted: boolean } {
  const vi = varInfo(v, cx);
  const cs = vi.table ? columnStats(vi.table, vi.attnum) : null;
  if (!cs || other.k !== 'const' || other.value === null || !cs.sorted.length) return { sel: DEFAULT_INEQ_SEL, defaulted: true };
  const n = cs.sorted.length;
  // values below the constant (or not above it when inclusive)
  const below = countBelow(cs.sorted, other.value, cs.compare, greater ? inclusive === false : inclusive);
  const frac = greater ? (n - below) / n : below / n;
  return { sel: Math.min(Math.max(frac * (1 - cs.nullFrac), 0.0001 / Math.max(n, 1)), 1), defaulted: false };
}

/** Values < x, or <= x when `orEqual`. */
function countBelow(sorted: unknown[], x: unknown, cmp: (a: unknown, b: unknown) => number, orEqual: boolean): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = cmp(sorted[mid], x);
    if (c < 0 || (orEqual && c === 0)) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export function clauseSelectivity(c: Expr, cx: SelContext): number {
  switch (c.k) {
    case 'const': return c.value === true ? 1 : 0;
    case 'and': return clauseListSelectivity(c.args, cx);
    case 'or': {
      let s = 0;
      for (const a of c.args) { const x = clauseSelectivity(a, cx); s = s + x - s * x; }
      return s;
    }
    case 'not': return 1 - clauseSelectivity(c.arg, cx);
    case 'nulltest': return nullTestSel(c, cx);
    case 'op': return opSelectivity(c, cx);
    case 'scalararray': {
      const v = asVar(c.args[0]);
      const arr = c.args[1];
      if (!v || arr.k !== 'const' || !Array.isArray(arr.value)) return c.op.name === '=' ? DEFAULT_INEQ_SEL : 0.5;
      let s = 0;
      for (const el of (arr.value as unknown[]).flat(Infinity as 1)) {
        const one = c.op.name === '=' ? eqConstSel(v, { k: 'const', type: v.type, typmod: -1, value: el }, cx) : DEFAULT_INEQ_SEL;
        s = c.any ? s + one : (s === 0 ? one : s * one);
      }
      return Math.min(1, s);
    }
    case 'var': return 0.5;
    case 'booltest': return c.test === 'unknown' ? (c.negate ? DEFAULT_NOT_UNK_SEL : DEFAULT_UNK_SEL) : 0.5;
    case 'func': return DEFAULT_FUNC_SEL;
    default: return 0.5;
  }
}

function nullTestSel(c: Expr & { k: 'nulltest' }, cx: SelContext): number {
  const v = asVar(c.arg);
  const cs = v ? (() => { const vi = varInfo(v, cx); return vi.table ? columnStats(vi.table, vi.attnum) : null; })() : null;
  if (cs) return c.isNull ? cs.nullFrac : 1 - cs.nullFrac;
  return c.isNull ? DEFAULT_UNK_SEL : DEFAULT_NOT_UNK_SEL;
}

function opSelectivity(c: Expr & { k: 'op' }, cx: SelContext): number {
  if (c.args.length !== 2) return 0.5;
  const name = c.op.name;
  const [a, b] = c.args;
  if (name === '=' || name === '<>') {
    const eq = eqSelectivity(a, b, cx);
    return name === '=' ? eq : Math.max(0, 1 - eq - nullFracOf(a, cx));
  }
  if (['<', '<=', '>', '>='].includes(name)) {
    const r = rangeSide(c, cx);
    if (r) return r.sel;
    return DEFAULT_INEQ_SEL;
  }
  if (['~~', '~~*', '!~~', '!~~*', '~', '~*', '!~', '!~*'].includes(name)) {
    return name.startsWith('!') ? 1 - DEFAULT_MATCH_SEL : DEFAULT_MATCH_SEL;
  }
  return 0.5;
}

function nullFracOf(e: Expr, cx: SelContext): number {
  const v = asVar(e);
  if (!v) return 0;
  const vi = varInfo(v, cx);
  return vi.table ? columnStats(vi.table, vi.attnum)?.nullFrac ?? 0 : 0;
}

/** eqsel / eqjoinsel. */
export function eqSelectivity(a: Expr, b: Expr, cx: SelContext): number {
  const va = asVar(a), vb = asVar(b);
  if (va && vb && va.entry !== vb.entry) return eqJoinSel(va, vb, cx);
  if (va && isPseudoConstant(b)) return eqConstSel(va, b, cx);
  if (vb && isPseudoConstant(a)) return eqConstSel(vb, a, cx);
  return DEFAULT_UNK_SEL;
}

function eqConstSel(v: VarRef, other: Expr, cx: SelContext): number {
  if (other.k === 'const' && other.value === null) return 0;
  const vi = varInfo(v, cx);
  const cs = vi.table ? columnStats(vi.table, vi.attnum) : null;
  if (vi.unique && vi.tuples > 0) return 1 / vi.tuples;
  if (cs && other.k === 'const' && cs.sorted.length) {
    const n = cs.sorted.length;
    const eq = countBelow(cs.sorted, other.value, cs.compare, true) - countBelow(cs.sorted, other.value, cs.compare, false);
    if (eq > 0) return (eq / n) * (1 - cs.nullFrac);
    // not in the sample: an even share of the values not seen
    const { nd } = numDistinct(vi.table, vi.attnum, vi.tuples, false, vi.type);
    return Math.min((1 - cs.nullFrac) / Math.max(nd, 1), 1 / Math.max(n, 1));
  }
  const { nd } = numDistinct(vi.table, vi.attnum, vi.tuples, vi.unique, vi.type);
  return (1 - (cs?.nullFrac ?? 0)) / nd;
}

function eqJoinSel(a: VarRef, b: VarRef, cx: SelContext): number {
  const da = distinctOf(a, cx), db = distinctOf(b, cx);
  return (1 - da.nullFrac) * (1 - db.nullFrac) / Math.max(da.nd, db.nd);
}

/**
 * eqjoinsel_semi: the fraction of outer rows with a match among `innerRows` inner rows,
 * for equalities outer = inner (each side read in its own query's context).
 */
export function semiJoinSelectivity(outerKeys: Expr[], outerCx: SelContext, innerKeys: Expr[], innerCx: SelContext, innerRows: number): number {
  let s = 1;
  for (let i = 0; i < outerKeys.length; i++) {
    const vo = asVar(outerKeys[i]), vi = asVar(innerKeys[i]);
    if (!vo || !vi) { s *= 0.5; continue; }
    const d1 = distinctOf(vo, outerCx), d2 = distinctOf(vi, innerCx);
    let nd2 = d2.nd;
    if (nd2 >= innerRows) nd2 = innerRows;
    if (!d1.isDefault && !d2.isDefault) s *= d1.nd <= nd2 ? 1 - d1.nullFrac : (nd2 / d1.nd) * (1 - d1.nullFrac);
    else s *= 0.5 * (1 - d1.nullFrac);
  }
  return s;
}
