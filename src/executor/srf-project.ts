// The select list with set-returning functions (PostgreSQL 10+'s ProjectSet): the
// set-returning calls of one nesting depth run in lockstep, one output row per row of
// the longest, the shorter ones giving NULL once they are done; calls nested in the
// arguments of another run first, the outer ones once per row of theirs. Without
// set-returning functions a frame gives exactly one row.
import type { Expr } from '../analyzer/query.js';
import { containsSrfCall } from '../analyzer/srf-walk.js';
import { makeRecord } from '../types/record.js';
import { compile, type SubqueryRunner } from './compile.js';
import type { Compiled, Env, Frame } from './env.js';
import { checkDeadline } from './deadline.js';

/**
 * Projects one frame into output rows; returns false when `out` asked to stop. `row`, without
 * set-returning functions: the frame's one row, returned (no callback to make per run).
 */
export type Projection = ((f: Frame, env: Env, out: (row: unknown[]) => boolean | void) => boolean)
  & { row?: (f: Frame, env: Env) => unknown[] };

const isSrf = (e: Expr): e is Expr & { k: 'func' } => e.k === 'func' && !!e.fn.retSet;

interface SrfCall { call: Expr & { k: 'func' }; level: number; run: Compiled; record: number[] | null }

export function compileProjection(exprs: Expr[], run: SubqueryRunner): Projection {
  const n = exprs.length;
  if (!exprs.some(containsSrfCall)) {
    const cs = exprs.map(e => compile(e, run));
    const row = (f: Frame, env: Env): unknown[] => {
      const r = new Array(n);
      for (let i = 0; i < n; i++) r[i] = cs[i](f, env);
      return r;
    };
    const p: Projection = (f, env, out) => out(row(f, env)) !== false;
    p.row = row;
    return p;
  }
  // each call's current value, read by the expressions above it
  const values: unknown[] = [];
  const srfs: SrfCall[] = [];
  /** The expression with set-returning calls replaced by reads of their current value; its depth. */
  const replace = (e: Expr): { e: Expr; level: number } => {
    if (isSrf(e)) {
      const args = e.args.map(replace);
      const level = 1 + Math.max(0, ...args.map(a => a.level));
      const call = { ...e, args: args.map(a => a.e) };
      const i = srfs.length;
      const outCols = e.fn.outCols && e.fn.outCols.length > 1 ? e.fn.outCols.map(c => c.type) : null;
      srfs.push({ call, level, run: compile(call, run), record: outCols });
      values.push(null);
      return { e: { k: 'special', type: e.type, typmod: e.typmod, fn: () => values[i] }, level };
    }
    let level = 0;
    const mapped = mapChildren(e, c => { const r = replace(c); level = Math.max(level, r.level); return r.e; });
    return { e: mapped, level };
  };
  const targets = exprs.map(e => compile(replace(e).e, run));
  const maxLevel = Math.max(...srfs.map(s => s.level));
  const byLevel: number[][] = Array.from({ length: maxLevel + 1 }, () => []);
  srfs.forEach((s, i) => byLevel[s.level].push(i));

  return (f, env, out) => {
    const expand = (level: number): boolean => {
      if (level > maxLevel) {
        const row = new Array(n);
        for (let i = 0; i < n; i++) row[i] = targets[i](f, env);
        return out(row) !== false;
      }
      const mine = byLevel[level];
      const iters = mine.map(i => {
        const v = srfs[i].run(f, env);
        return v === null ? null : (v as Iterable<unknown>)[Symbol.iterator]();
      });
      for (;;) {
        checkDeadline();
        let any = false;
        for (let k = 0; k < mine.length; k++) {
          const it = iters[k];
          const r = it ? it.next() : null;
          if (!r || r.done) { iters[k] = null; values[mine[k]] = null; continue; }
          any = true;
          const rec = srfs[mine[k]].record;
          values[mine[k]] = rec && r.value !== null ? makeRecord((r.value as unknown[]).slice(), rec) : r.value;
        }
        if (!any) return true;
        if (!expand(level + 1)) return false;
      }
    };
    return expand(1);
  };
}

/** A shallow copy of an expression with its operands mapped (subqueries are left alone). */
function mapChildren(e: Expr, fn: (c: Expr) => Expr): Expr {
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row':
      return { ...e, args: e.args.map(fn) } as Expr;
    case 'distinct': case 'nullif': case 'scalararray':
      return { ...e, args: [fn(e.args[0]), fn(e.args[1])] } as Expr;
    case 'array': return { ...e, elems: e.elems.map(fn) };
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': return { ...e, arg: fn(e.arg) } as Expr;
    case 'rowcompare': return { ...e, left: e.left.map(fn), right: e.right.map(fn) };
    case 'subscript': return { ...e, arg: fn(e.arg), upper: e.upper.map(x => x && fn(x)), lower: e.lower?.map(x => x && fn(x)) ?? null };
    case 'case': return { ...e, whens: e.whens.map(w => ({ cond: fn(w.cond), result: fn(w.result) })), else: e.else && fn(e.else),
      ...(e.arg ? { arg: fn(e.arg) } : {}) };
    default: return e;
  }
}
