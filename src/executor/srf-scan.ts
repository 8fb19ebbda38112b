// Function scans (functions in FROM): each function's rows side by side (ROWS FROM pads
// the shorter ones with NULLs), a function with OUT columns spread over its columns, a
// scalar function giving one row, WITH ORDINALITY numbering the rows. The arguments
// are read from the frame the join above passes in, so they may use the items to the left.
import type { Plan } from '../planner/index.js';
import { entryFunctions, functionColumns } from '../analyzer/srf-from.js';
import { compile } from './compile.js';
import { checkDeadline } from './deadline.js';
import type { Env, Frame } from './env.js';
import { runSubquery, type Producer } from './query.js';

const EMPTY: Iterator<unknown> = [][Symbol.iterator]();

export function compileFunctionScan(plan: Plan & { k: 'function' }, width: number): Producer {
  const slot = 2 * plan.entry;
  const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
  const fns = entryFunctions(plan.func).map(e => ({
    run: compile(e, runSubquery),
    retSet: e.k === 'func' && !!e.fn.retSet,
    /** columns of a function with OUT columns; 0 for a scalar */
    cols: functionColumns(e)?.length ?? 0,
    /** where each column sits in the function's row value */
    slots: functionColumns(e)?.map((c, i) => c.slot ?? i) ?? [],
  }));
  const ord = plan.ordinality;
  return (env: Env, emit) => {
    const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
    const iters = fns.map(fn => {
      const v = fn.run(f, env);
      if (!fn.retSet) return [v][Symbol.iterator]();
      return v === null ? EMPTY : (v as Iterable<unknown>)[Symbol.iterator]();
    });
    const done = fns.map(() => false);
    let n = 0n;
    for (;;) {
      checkDeadline();
      const row: unknown[] = [];
      let any = false;
      for (let i = 0; i < fns.length; i++) {
        const r = done[i] ? null : iters[i].next();
        if (r && r.done) done[i] = true;
        const has = r !== null && !r.done;
        if (has) any = true;
        const cols = fns[i].cols;
        if (cols === 0) row.push(has ? r!.value : null);
        else {
          const v = has ? (r!.value as unknown[] | null) : null;
          const slots = fns[i].slots;
          for (let c = 0; c < cols; c++) row.push(v ? v[slots[c]!] ?? null : null);
        }
      }
      if (!any) return true;
      n++;
      if (ord) row.push(n);
      f[slot] = row;
      f[slot + 1] = null;
      if (filter && filter(f, env) !== true) continue;
      if (emit(f) === false) return false;
    }
  };
}
