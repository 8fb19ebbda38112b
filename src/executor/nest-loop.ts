// The nested loop of an inner or left join whose inner side is run again for each outer row
// (an index probe: a point join by key). Same rows, in the same order, as joins.ts's
// compileNestLoop, which handles every other join type and a materialized inner side; the
// difference is that the callbacks are made once per compiled join, not per run and per
// outer row, and the joined frame is emitted without a copy.
import type { Plan } from '../planner/index.js';
import { compile } from './compile.js';
import type { Compiled, Emit, Env, Frame } from './env.js';
import { compilePlan, runSubquery, type Producer } from './query.js';

const EMPTY: Frame = [];

/** One run's state, kept by the compiled join (a run nested in another run of it makes its own). */
class LoopRun {
  busy = false;
  env: Env | null = null;
  emit: Emit | null = null;
  /** The joined frame of the current outer row. */
  f: Frame = EMPTY;
  matched = false;
  stopped = false;
  readonly onOuter: (of: Frame) => boolean;
  readonly onInner: (inf: Frame) => boolean;

  /**
   * reuse: the outer side is an index scan, which emits a frame of its own run (or the frame of
   * the join above, whose slots for this join's entries are this join's to fill): the inner
   * side's slots are filled in it rather than in a copy per outer row, as the inner side fills
   * its slots in the frame per inner row already (a consumer that keeps a frame copies it).
   */
  constructor(inner: Producer, cond: Compiled | null, innerEntries: number[], left: boolean, reuse: boolean) {
    this.onInner = inf => {
      const f = this.f, env = this.env!;
      if (inf !== f) for (const e of innerEntries) { f[2 * e] = inf[2 * e]; f[2 * e + 1] = inf[2 * e + 1]; }
      if (cond && cond(f, env) !== true) return true;
      this.matched = true;
      // the frame itself, as scans emit theirs: a consumer that keeps a frame copies it
      // (group-agg.ts, window, hash join build, row locking, DML targets)
      if (this.emit!(f) === false) { this.stopped = true; return false; }
      return true;
    };
    this.onOuter = of => {
      const f = reuse ? of : of.slice(), env = this.env!;
      this.f = f;
      this.matched = false;
      const saved = (env as any).__frame;
      (env as any).__frame = f;
      const go = inner(env, this.onInner);
      (env as any).__frame = saved;
      if (!go || this.stopped) return false;
      if (!this.matched && left) {
        for (const e of innerEntries) { f[2 * e] = null; f[2 * e + 1] = null; }
        if (this.emit!(f) === false) { this.stopped = true; return false; }
      }
      return true;
    };
  }
}

/** An inner or left nested loop over a non-materialized inner plan. */
export function compileRescanNestLoop(plan: Plan & { k: 'nestloop' }, width: number): Producer {
  const outer = compilePlan(plan.outer, width);
  const inner = compilePlan(plan.inner, width);
  const cond = plan.cond ? compile(plan.cond, runSubquery) : null;
  const left = plan.type === 'left', innerEntries = plan.innerEntries, reuse = plan.outer.k === 'indexscan';
  const shared = new LoopRun(inner, cond, innerEntries, left, reuse);
  return (env, emit) => {
    const r = shared.busy ? new LoopRun(inner, cond, innerEntries, left, reuse) : shared;
    r.busy = true; r.env = env; r.emit = emit; r.stopped = false;
    try {
      const ok = outer(env, r.onOuter);
      return ok && !r.stopped;
    } finally {
      r.busy = false; r.env = null; r.emit = null; r.f = EMPTY;
    }
  };
}
