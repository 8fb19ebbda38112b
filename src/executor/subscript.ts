// Array subscripts at run time: element fetch (NULL when out of range) and slices
// (bounds clamped to the array, lower bound 1 in the result), as array_get_element/slice.
import type { Expr } from '../analyzer/query.js';
import { dims } from '../types/arrays.js';
import type { SubqueryRunner } from './compile.js';
import { compile } from './compile.js';
import type { Compiled } from './env.js';

export function compileSubscript(e: Expr & { k: 'subscript' }, run: SubqueryRunner): Compiled {
  const arg = compile(e.arg, run);
  const upper = e.upper.map(x => (x ? compile(x, run) : null));
  const lower = e.lower ? e.lower.map(x => (x ? compile(x, run) : null)) : null;
  if (!lower) {
    return (f, env) => {
      const a = arg(f, env) as unknown[] | null;
      if (a === null) return null;
      const idx = upper.map(u => u!(f, env) as number | null);
      if (idx.some(i => i === null)) return null;
      if (dims(a).length !== idx.length) return null;
      let x: unknown = a;
      for (const i of idx as number[]) {
        const arr = x as unknown[];
        if (i < 1 || i > arr.length) return null;
        x = arr[i - 1];
      }
      return x ?? null;
    };
  }
  return (f, env) => {
    const a = arg(f, env) as unknown[] | null;
    if (a === null) return null;
    const lo = lower.map(l => (l ? (l(f, env) as number | null) : undefined));
    const hi = upper.map(u => (u ? (u(f, env) as number | null) : undefined));
    if (lo.some(x => x === null) || hi.some(x => x === null)) return null;
    const d = dims(a);
    if (d.length === 0 || lo.length > d.length) return [];
    const ranges = d.map((len, k) => {
      const l = k < lo.length && lo[k] !== undefined ? Math.max(lo[k] as number, 1) : 1;
      const h = k < hi.length && hi[k] !== undefined ? Math.min(hi[k] as number, len) : len;
      return [l, h];
    });
    if (ranges.some(([l, h]) => l > h)) return [];
    const cut = (x: unknown[], k: number): unknown[] => {
      const [l, h] = ranges[k];
      const part = x.slice(l - 1, h);
      return k + 1 < ranges.length ? part.map(p => cut(p as unknown[], k + 1)) : part;
    };
    return cut(a, 0);
  };
}
