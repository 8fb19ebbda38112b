// Grouping and aggregation of a query level (GROUP BY, aggregates, HAVING): the frames of
// its plan folded into groups, each group's aggregates finalized, the groups that pass HAVING
// projected (or handed to the window stage). Without GROUP BY, DISTINCT or ordered aggregates
// there is one group, kept without a Map in state reused by every run.
import type { AggCall, AggImpl, Query, SortKey } from '../analyzer/query.js';
import { hasSublink } from '../planner/plan.js';
import { aggregateImpl, aggregateIsContextFree, stepNumericSum } from './aggregates.js';
import { OID } from '../types/oids.js';
import type { Numeric } from '../types/numeric.js';
import { compile, type SubqueryRunner } from './compile.js';
import { frameAggs, type Compiled, type Env, type Frame } from './env.js';
import { aggOrder, hashFn, sortRows, type Producer } from './query.js';
import type { Projection } from './srf-project.js';
import type { WindowInput } from './window.js';

/** The arguments of count(*): none (one shared empty list, not one per row). */
const NO_ARGS: unknown[] = [];
/** Aggregates counted in place (aggregates.ts's count: a number state, strict). */
const COUNT_STAR = 1, COUNT_ARG = 2;
/** Built-in aggregates whose step reads its argument list and does not keep it. */
const REUSES_ARGS = new Set(['sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'array_agg', 'count']);
/** A group's DISTINCT sets and ORDER BY lists when no aggregate has them (never written). */
const NO_SEEN: (Set<string> | null)[] = [], NO_ORDERED: unknown[][][] = [], NO_ROWS: unknown[][] = [];
const NO_IMPLS: AggImpl[] = [];

interface AggSpec {
  args: Compiled[]; filter: Compiled | null; distinct: boolean; name: string; argType: number; type: number;
  argHash: ((v: unknown) => string)[]; order: { key: Compiled; k: SortKey }[]; call: AggCall; direct: Compiled[] | null;
  count: number; countSlot: number; countAtt: number; scratch: unknown[] | null; ctxFree: boolean; sumNumeric: boolean;
}

interface Group { frame: Frame; states: unknown[]; seen: (Set<string> | null)[]; ordered: unknown[][][] }

/** Folds the plan's frames into groups; returns the rows of the groups passing HAVING (with a window stage: none, the groups go to `winRows`). */
export type GroupingRun = (env: Env, winRows: WindowInput[] | null) => unknown[][];

function compileAgg(a: AggCall, run: SubqueryRunner): AggSpec {
  const order = aggOrder(a);
  const argType = a.args[0]?.type ?? 0;
  return {
    args: a.args.map(x => compile(x, run)), filter: a.filter ? compile(a.filter, run) : null,
    distinct: a.distinct, name: a.name, argType, type: a.type,
    argHash: a.args.map(x => hashFn(x.type)), order: order.map(k => ({ key: compile(k.expr, run), k })),
    call: a, direct: a.direct?.map(x => compile(x, run)) ?? null,
    // count(*) and count(x) (the built-in, no DISTINCT or ORDER BY) add to their state in
    // place: no argument list per row and no call of the generic step
    count: a.name === 'count' && !a.userImpl && !a.direct && !a.distinct && order.length === 0
      ? (a.args.length === 0 ? COUNT_STAR : a.args.length === 1 ? COUNT_ARG : 0) : 0,
    // count(column): the column read from the frame here (-1: the compiled argument instead)
    countSlot: a.args.length === 1 && a.args[0].k === 'var' && a.args[0].levelsUp === 0 ? 2 * a.args[0].entry : -1,
    countAtt: a.args.length === 1 && a.args[0].k === 'var' ? a.args[0].att : 0,
    // one argument of a built-in whose step reads it and keeps no reference to the list
    // (aggregates.ts): one list reused for every row
    scratch: a.args.length === 1 && !a.userImpl && !a.direct && REUSES_ARGS.has(a.name) ? [null] as unknown[] : null,
    ctxFree: !a.userImpl && !a.direct && aggregateIsContextFree(a.name, argType, a.type),
    // the built-in sum(numeric) (aggregates.ts's sumNumeric, strict), stepped here without an
    // argument list or a call of the generic step
    sumNumeric: a.name === 'sum' && !a.userImpl && !a.direct && !a.distinct && order.length === 0 && a.args.length === 1
      && argType === OID.numeric && a.type === OID.numeric,
  };
}

/** Adds frame `f` to a group's states (`seen`/`ordered`: its DISTINCT sets and ORDER BY lists). */
function stepAggs(aggs: AggSpec[], impls: AggImpl[], states: unknown[], seen: (Set<string> | null)[], ordered: unknown[][][],
  f: Frame, env: Env): void {
  for (let i = 0; i < aggs.length; i++) {
    const a = aggs[i];
    if (a.filter && a.filter(f, env) !== true) continue;
    if (a.count === COUNT_STAR) { states[i] = (states[i] as number) + 1; continue; }
    if (a.count === COUNT_ARG || a.sumNumeric) {
      let v: unknown;
      if (a.countSlot >= 0) { const d = f[a.countSlot] as unknown[] | null; v = d ? (d[a.countAtt] ?? null) : null; } else v = a.args[0](f, env);
      if (v !== null) states[i] = a.sumNumeric ? stepNumericSum(states[i], v as Numeric) : (states[i] as number) + 1;
      continue;
    }
    const nArgs = a.args.length;
    let vals: unknown[] = NO_ARGS, hasNull = false;
    if (a.scratch) {
      // the argument is computed before the list is written: a nested run of this query fills it after
      const v = a.args[0](f, env);
      if (v === null) hasNull = true;
      (vals = a.scratch)[0] = v;
    } else if (nArgs) {
      vals = new Array(nArgs);
      for (let j = 0; j < nArgs; j++) if ((vals[j] = a.args[j](f, env)) === null) hasNull = true;
    }
    if (hasNull && impls[i].strict) continue;
    if (a.distinct) {
      const k = vals.map((v, j) => a.argHash[j](v)).join('\u0001');
      if (seen[i]!.has(k)) continue;
      seen[i]!.add(k);
    }
    if (a.order.length) { ordered[i].push([...vals, ...a.order.map(o => o.key(f, env))]); continue; }
    states[i] = impls[i].step(states[i], vals);
  }
}

/** The one group of a query without GROUP BY: its states, reused by each run not nested in another. */
class SingleGroup {
  busy = false;
  env: Env | null = null;
  impls: AggImpl[] = NO_IMPLS;
  states: unknown[] = NO_ARGS;
  frame: Frame | null = null;
  /** The results of a run whose row is made at once (compileGrouping: `own`). */
  readonly results: unknown[];
  readonly row: (f: Frame) => void;
  constructor(aggs: AggSpec[], n: number) {
    this.results = new Array(n).fill(null);
    this.row = f => {
      if (this.frame === null) this.frame = f.slice();
      stepAggs(aggs, this.impls, this.states, NO_SEEN, NO_ORDERED, f, this.env!);
    };
  }
}

export function compileGrouping(q: Query, width: number, producer: Producer, project: Projection,
  having: Compiled | null, run: SubqueryRunner): GroupingRun {
  const groupKeys = q.groupBy.map(g => compile(g, run));
  const groupHash = q.groupBy.map(g => hashFn(g.type));
  const aggs = q.aggs.map(a => compileAgg(a, run));
  const n = aggs.length;
  const anyDistinct = aggs.some(a => a.distinct), anyOrder = aggs.some(a => a.order.length > 0);
  // implementations that depend on nothing of the run (not its EvalContext), kept from the
  // first run: made there, as before, so that an unsupported aggregate still fails when run
  const fixedImpls: (AggImpl | undefined)[] = [];
  let allFixed: AggImpl[] | null = null;
  const implsFor = (env: Env): AggImpl[] => {
    if (allFixed) return allFixed;
    const impls = aggs.map((a, i) => fixedImpls[i] ?? aggregateImpl(a.name, a.argType, a.type, env.ctx, a.call));
    for (let i = 0; i < n; i++) if (aggs[i].ctxFree) fixedImpls[i] = impls[i];
    if (aggs.every(a => a.ctxFree)) allFixed = impls;
    return impls;
  };
  // a subquery in the select list or HAVING may read this level's aggregates by its frame
  // (compile.ts, aggref with levelsUp); a WeakMap entry per group only then
  const byFrame = [...q.targets.map(t => t.expr), ...q.orderBy.map(k => k.expr), ...(q.having ? [q.having] : [])].some(hasSublink);
  const rowOf = project.row;

  /** A group's row, its aggregates finalized in `results` (no window stage, no set-returning function): null when HAVING rejects it. */
  const groupRow = (frame: Frame, results: unknown[], env: Env): unknown[] | null => {
    const saved = env.aggs;
    env.aggs = results;
    if (byFrame) frameAggs.set(frame, results);
    try {
      if (having && having(frame, env) !== true) return null;
      return rowOf!(frame, env);
    } finally { env.aggs = saved; }
  };
  /** A group's aggregates finalized in `results`: HAVING, then its rows to `out` (or window input). */
  const emitGroup = (frame: Frame, results: unknown[], env: Env, out: unknown[][], winRows: WindowInput[] | null): void => {
    if (rowOf && !winRows) { const row = groupRow(frame, results, env); if (row) out.push(row); return; }
    const saved = env.aggs;
    env.aggs = results;
    if (byFrame) frameAggs.set(frame, results);
    try {
      if (having && having(frame, env) !== true) return;
      if (winRows) winRows.push({ frame, aggs: results });
      else project(frame, env, row => { out.push(row); });
    } finally { env.aggs = saved; }
  };

  if (groupKeys.length === 0 && !anyDistinct && !anyOrder) {
    const shared = new SingleGroup(aggs, n);
    // the results read only while the group's row is made (no window stage, no subquery reading
    // them by frame): the group's own array holds them, run after run
    const ownResults = !!rowOf && !byFrame;
    return (env, winRows) => {
      const g = shared.busy ? new SingleGroup(aggs, n) : shared;
      const impls = implsFor(env);
      const own = ownResults && !winRows;
      const states = own ? g.results : new Array(n);
      for (let i = 0; i < n; i++) states[i] = impls[i].init();
      g.busy = true; g.env = env; g.impls = impls; g.states = states; g.frame = null;
      let frame: Frame | null;
      try {
        producer(env, g.row);
        frame = g.frame;
        g.env = null; g.impls = NO_IMPLS; g.states = NO_ARGS; g.frame = null;
        // the states array becomes the results: each state is read once, by its final
        for (let i = 0; i < n; i++) states[i] = impls[i].final(states[i]);
        frame ??= new Array(width).fill(null);
        // one row: a list of exactly one (a list grown by push starts at 17 slots); the group
        // stays busy while it is made (a run nested in it makes its own group)
        if (own) { const row = groupRow(frame, states, env); return row ? [row] : []; }
      } finally {
        g.busy = false; g.env = null; g.impls = NO_IMPLS; g.states = NO_ARGS; g.frame = null;
        if (own) states.fill(null);
      }
      const out: unknown[][] = [];
      emitGroup(frame, states, env, out, winRows);
      return out;
    };
  }

  return (env, winRows) => {
    const out: unknown[][] = [];
    const groups = new Map<string, Group>();
    const impls = implsFor(env);
    // a group's DISTINCT sets and ORDER BY lists, made only for the aggregates that have them
    const newGroup = (f: Frame): Group => ({ frame: f.slice(), states: impls.map(im => im.init()),
      seen: anyDistinct ? aggs.map(a => (a.distinct ? new Set<string>() : null)) : NO_SEEN,
      ordered: anyOrder ? aggs.map(a => (a.order.length ? [] as unknown[][] : NO_ROWS)) : NO_ORDERED });
    // without GROUP BY there is one group: no key to make and look up per row
    let single: Group | undefined;
    producer(env, f => {
      let g: Group | undefined;
      if (groupKeys.length === 0) {
        if (!(g = single)) groups.set('', g = single = newGroup(f));
      } else {
        let key = '';
        for (let i = 0; i < groupKeys.length; i++) key += groupHash[i](groupKeys[i](f, env)) + '\u0001';
        g = groups.get(key);
        if (!g) { g = newGroup(f); groups.set(key, g); }
      }
      stepAggs(aggs, impls, g.states, g.seen, g.ordered, f, env);
    });
    if (groups.size === 0 && groupKeys.length === 0) groups.set('', newGroup(new Array(width).fill(null)));
    for (const g of groups.values()) {
      const results = aggs.map((a, i) => {
        if (a.order.length) {
          const nArgs = a.args.length;
          const rows = g.ordered[i];
          sortRows(rows, a.order.map(o => o.k), nArgs);
          let s = g.states[i];
          for (const r of rows) s = impls[i].step(s, r.slice(0, nArgs));
          return impls[i].final(s, a.direct?.map(d => d(g.frame, env)));
        }
        return impls[i].final(g.states[i]);
      });
      emitGroup(g.frame, results, env, out, winRows);
    }
    return out;
  };
}
