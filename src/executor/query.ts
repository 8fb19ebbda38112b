// Runs SELECT queries: plans from the planner, expressions compiled once, rows pushed
// through scans and joins, then grouping, projection, DISTINCT, ORDER BY and LIMIT.
import { checkDeadline } from './deadline.js';
import { PgError } from '../errors/index.js';
import type { Expr, Query, SortKey } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { partitionTree } from '../catalog/partition-bounds.js';
import { planFrom, pulledUp, sortAvoided, type Plan } from '../planner/index.js';
import { typeByOid } from '../types/registry.js';
import { compileGrouping } from './group-agg.js';
import { compile, type SubqueryRunner } from './compile.js';
import { emitRows, nullFrame, type Compiled, type Emit, type Env, type Frame } from './env.js';
import { compileCteScan, withCtes } from './cte.js';
import { compileHashJoin, compileNestLoop, compileSemiJoin } from './joins.js';
import { compileIndexScan } from './index-scan.js';
import { compileRescanNestLoop } from './nest-loop.js';
import { compileSeqScan } from './seq-scan.js';
import { compileSetOp } from './setop.js';
import { lockedRows } from './row-locking.js';
import { compileFunctionScan } from './srf-scan.js';
import { compileProjection, type Projection } from './srf-project.js';
import { compileLateralScan } from './lateral.js';
import { compileWindowStage, type WindowInput } from './window.js';
import { compileGroupingSets } from './grouping-sets.js';

export type QueryProgram = (env: Env, limit?: number) => unknown[][];

/** A plan compiled into a producer of frames. */
export type Producer = (env: Env, emit: Emit) => boolean;

const programs = new WeakMap<Query, QueryProgram>();
/** The last query run and its program (a loop runs one statement again and again): found without the map. */
let lastQuery: Query | null = null, lastProgram: QueryProgram | null = null;

export const runSubquery: SubqueryRunner = (q, env, limit) => {
  let p = q === lastQuery ? lastProgram : programs.get(q);
  if (!p) { p = compileQuery(q); programs.set(q, p); }
  lastQuery = q;
  lastProgram = p;
  const saved = (env as any).__frame;
  (env as any).__frame = undefined;
  try { return p(env, limit); } finally { (env as any).__frame = saved; }
};

/** Every table a scan of `t` covers: itself and, unless ONLY, its inheritance descendants. */
export function inheritanceSet(t: Table, inh: boolean): Table[] {
  if (!inh || t.children.length === 0) return [t];
  // partitions in bound order, depth first, as PostgreSQL's Append lists them
  if (t.partitionKey) return partitionTree(t);
  const out: Table[] = [t];
  for (let i = 0; i < out.length; i++) for (const c of out[i].children) if (!out.includes(c)) out.push(c);
  return out;
}

export function compileQuery(q: Query): QueryProgram {
  const program = q.setOp ? compileSetOp(q) : compileSimple(q);
  const ctes = q.ctes;
  if (!ctes?.length) return program;
  return (env, limit) => withCtes(ctes, env, () => program(env, limit));
}

function compileSimple(analyzed: Query): QueryProgram {
  // simple subqueries in FROM flattened into this query (planner/pullup.ts)
  const q = pulledUp(analyzed);
  const width = q.entries.length * 2;
  const producer = compilePlan(planFrom(q), width);
  // rows: [outputValues..., sortKeyValues...], several per frame with set-returning functions
  const projected = [...q.targets.map(t => t.expr), ...q.orderBy.map(k => k.expr)];
  // window functions: computed over all rows before projecting them (window.ts)
  const win = compileWindowStage(projected, runSubquery);
  const project = compileProjection(win ? win.exprs : projected, runSubquery);
  if (win && q.groupingSets) throw new PgError('0A000', 'window functions with GROUPING SETS, ROLLUP or CUBE are not supported');
  const gsets = q.groupingSets ? compileGroupingSets(q, projected, width, runSubquery) : null;
  const nTargets = q.targets.length;
  const sortKeys = q.orderBy;
  const limitE = q.limit ? compile(q.limit, runSubquery) : null;
  const offsetE = q.offset ? compile(q.offset, runSubquery) : null;
  const having = q.having ? compile(q.having, runSubquery) : null;
  const grouped = q.grouped;
  // GROUP BY and aggregates (group-agg.ts); GROUPING SETS have their own stage
  const grouping = grouped && !gsets ? compileGrouping(q, width, producer, project, having, runSubquery) : null;
  // a select list without set-returning functions: one row per frame, returned
  const rowOf = project.row;
  const collector = new Collector();
  const distinctOn = q.distinctOn?.map(d => compile(d, runSubquery)) ?? null;
  const distinctHash = q.distinctOn ? q.distinctOn.map(d => hashFn(d.type)) : q.targets.map(t => hashFn(t.expr.type));
  const sortSpec = q.orderBy;
  // an index scan in ORDER BY's order needs no sort (planner/upper.ts)
  const needSort = sortSpec.length > 0 && !sortAvoided(q);
  const sortLocked = (rows: unknown[][]) => sortRows(rows, sortSpec, nTargets);

  // (the callbacks of the less usual paths are made in functions of their own: a callback
  // made here would give every run a context object for the variables it shares)
  return (env: Env, limitHint?: number) => {
    let limit = Infinity, offset = 0;
    if (limitE) { const v = limitE([], env); if (v !== null) limit = Number(v); if (limit < 0) throw new PgError('2201W', 'LIMIT must not be negative'); }
    if (offsetE) { const v = offsetE([], env); if (v !== null) offset = Number(v); if (offset < 0) throw new PgError('2201X', 'OFFSET must not be negative'); }
    if (limitHint !== undefined && !needSort && !q.distinct && !grouped && !win && !q.limitWithTies) limit = Math.min(limit, limitHint);
    // rows: [outputValues..., sortKeyValues...]
    let out: unknown[][];
    const earlyStop = !needSort && !q.distinct && !grouped && !win && !q.limitWithTies;
    const winRows: WindowInput[] | null = win ? [] : null;
    if (q.rowMarks?.length) {
      // FOR UPDATE / SHARE: rows locked in output order, up to OFFSET + LIMIT (row-locking.ts)
      out = [];
      for (const r of lockedRows(q, q.rowMarks, producer, project, env, offset + limit,
        needSort ? sortLocked : null, nTargets + sortKeys.length)) out.push(r);
    } else if (gsets) {
      out = groupingSetRows(gsets, env, producer);
    } else if (!grouped && win) {
      out = [];
      windowInput(producer, env, winRows!);
    } else if (!grouped && rowOf) {
      out = collector.run(producer, rowOf, env, earlyStop ? offset + limit : Infinity);
    } else if (!grouped) {
      out = projectedRows(producer, project, env, earlyStop ? offset + limit : Infinity);
    } else {
      out = grouping!(env, winRows);
    }
    if (win) projectWindow(win, winRows!, project, env, out);
    let rows = out;
    if (q.distinct) rows = distinctRows(rows, distinctOn ? null : nTargets, distinctHash, distinctOn, q, sortSpec, nTargets);
    if (needSort) sortRows(rows, sortSpec, nTargets);
    if (q.limitWithTies && limit > 0 && offset + limit < rows.length) limit = tiedLimit(rows, offset, limit, sortSpec, nTargets);
    if (offset > 0 || limit < rows.length) rows = rows.slice(offset, offset + limit);
    if (sortKeys.length) for (const r of rows) r.length = nTargets;
    return rows;
  };
}

type WindowStage = NonNullable<ReturnType<typeof compileWindowStage>>;

/** GROUPING SETS' rows. */
function groupingSetRows(gsets: NonNullable<ReturnType<typeof compileGroupingSets>>, env: Env, producer: Producer): unknown[][] {
  const rows: unknown[][] = [];
  gsets(env, producer, row => { rows.push(row); });
  return rows;
}

/** A window stage's input: a copy of each frame. */
function windowInput(producer: Producer, env: Env, winRows: WindowInput[]): void {
  producer(env, f => { winRows.push({ frame: f.slice(), aggs: null }); });
}

/** A window stage's rows projected, in its order, appended to `out`. */
function projectWindow(win: WindowStage, winRows: WindowInput[], project: Projection, env: Env, out: unknown[][]): void {
  const saved = env.aggs;
  try {
    for (const i of win.run(winRows, env)) {
      env.aggs = winRows[i].aggs;
      win.select(i);
      project(winRows[i].frame, env, row => { out.push(row); });
    }
  } finally { env.aggs = saved; }
}

/** The rows of a select list with set-returning functions, up to `stopAt`. */
function projectedRows(producer: Producer, project: Projection, env: Env, stopAt: number): unknown[][] {
  const rows: unknown[][] = [];
  producer(env, f => project(f, env, row => {
    rows.push(row);
    if (rows.length >= stopAt) return false;
  }));
  return rows;
}

/**
 * The rows of a query level without grouping whose select list has no set-returning
 * function: each frame's row pushed to the run's list, by a callback made once per compiled
 * query (a run nested in another run of it, through its producer, makes its own).
 */
class Collector {
  busy = false;
  /** The rows so far (null: none yet; the first makes a list of one, not one grown by push to 17 slots). */
  out: unknown[][] | null = null;
  env: Env | null = null;
  rowOf: ((f: Frame, env: Env) => unknown[]) | null = null;
  stopAt = Infinity;
  readonly emit: Emit = f => {
    const row = this.rowOf!(f, this.env!);
    let out = this.out;
    if (out === null) this.out = out = [row]; else out.push(row);
    if (out.length >= this.stopAt) return false;
  };
  run(producer: Producer, rowOf: (f: Frame, env: Env) => unknown[], env: Env, stopAt: number): unknown[][] {
    const c = this.busy ? new Collector() : this;
    c.busy = true; c.out = null; c.env = env; c.rowOf = rowOf; c.stopAt = stopAt;
    try { producer(env, c.emit); return c.out ?? []; } finally { c.busy = false; c.out = null; c.env = null; c.rowOf = null; }
  }
}

/** An aggregate's input order: its ORDER BY; with DISTINCT and none, its arguments (PostgreSQL sorts to find duplicates). */
export function aggOrder(a: Query['aggs'][number]): SortKey[] {
  if (a.orderBy.length || !a.distinct || a.direct) return a.orderBy;
  return a.args.map(x => { const t = typeByOid(x.type); return { expr: x, desc: false, nullsFirst: false, cmp: t ? t.compare.bind(t) : () => 0 }; });
}

/** WITH TIES: the limit grown over the rows whose ORDER BY keys equal the last counted row's. */
function tiedLimit(rows: unknown[][], offset: number, limit: number, keys: SortKey[], at: number): number {
  const last = rows[offset + limit - 1];
  const tie = (r: unknown[]) => keys.every((k, i) => {
    const a = last[at + i], b = r[at + i];
    return a === null || b === null ? a === b : k.cmp(a, b) === 0;
  });
  while (offset + limit < rows.length && tie(rows[offset + limit])) limit++;
  return limit;
}

function distinctRows(rows: unknown[][], n: number | null, hash: ((v: unknown) => string)[], _on: Compiled[] | null,
  q: Query, sortSpec: SortKey[], nTargets: number): unknown[][] {
  if (q.distinctOn) {
    // DISTINCT ON: first row of each group after sorting by ORDER BY
    sortRows(rows, sortSpec, nTargets);
    const shape = (e: unknown) => JSON.stringify(e, (k, x) => (k === 'loc' ? undefined : typeof x === 'bigint' ? `${x}n` : x));
    const onIdx = q.distinctOn.map(d => q.targets.findIndex(t => t.expr === d || shape(t.expr) === shape(d)));
    const seen = new Set<string>();
    return rows.filter(r => {
      const k = onIdx.map((i, j) => hash[j](i >= 0 ? r[i] : null)).join('\u0001');
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  const seen = new Set<string>();
  const out: unknown[][] = [];
  for (const r of rows) {
    let k = '';
    for (let i = 0; i < n!; i++) k += hash[i](r[i]) + '\u0001';
    if (!seen.has(k)) { seen.add(k); out.push(r); }
  }
  return out;
}

export function sortRows(rows: unknown[][], keys: SortKey[], offset: number): void {
  rows.sort((a, b) => {
    checkDeadline(); // a long sort can be canceled (each comparison counts as a row)
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const x = a[offset + i], y = b[offset + i];
      let c: number;
      if (x === null || y === null) {
        if (x === y) continue;
        c = (x === null) === k.nullsFirst ? -1 : 1;
        if (x === null) return k.nullsFirst ? -1 : 1;
        return k.nullsFirst ? 1 : -1;
      }
      c = k.cmp(x, y);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

/** A function giving a string that is equal for equal values of the type (for hashing). */
export function hashFn(type: number): (v: unknown) => string {
  const t = typeByOid(type);
  const hk = t?.hashKey?.bind(t);
  if (hk) return v => (v === null ? '\u0000N' : typeof v + String(hk(v)));
  return v => (v === null ? '\u0000N' : typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() + 'n' : x)) : typeof v + String(v));
}

// ---- plans --------------------------------------------------------------------

export function compilePlan(plan: Plan, width: number): Producer {
  switch (plan.k) {
    case 'result': return (_env, emit) => emit(nullFrame(width)) !== false;
    case 'filter': {
      const input = compilePlan(plan.input, width);
      const cond = compile(plan.cond, runSubquery);
      return (env, emit) => input(env, f => (cond(f, env) === true ? emit(f) : true));
    }
    case 'seqscan': return compileSeqScan(plan, width);
    case 'indexscan': return compileIndexScan(plan, width);
    case 'subquery': {
      const slot = 2 * plan.entry;
      const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
      const q = plan.query;
      if (q.lateral) return compileLateralScan(q, slot, width, filter);
      return (env, emit) => emitRows(runSubquery(q, { ...env, outer: env.outer }), slot, width, filter, env, emit);
    }
    case 'values': {
      const slot = 2 * plan.entry;
      const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
      const rows = plan.rows.map(r => r.map(e => compile(e, runSubquery)));
      return (env, emit) => {
        const f: Frame = (env as any).__frame ?? nullFrame(width);
        for (const r of rows) {
          checkDeadline();
          f[slot] = r.map(c => c(f, env));
          f[slot + 1] = null;
          if (filter && filter(f, env) !== true) continue;
          if (emit(f) === false) return false;
        }
        return true;
      };
    }
    case 'function': return compileFunctionScan(plan, width);
    case 'ctescan': return compileCteScan(plan, width);
    case 'nestloop':
      // an inner side run again per outer row: callbacks made once (nest-loop.ts)
      return (plan.type === 'inner' || plan.type === 'left') && plan.inner.k !== 'material'
        ? compileRescanNestLoop(plan, width) : compileNestLoop(plan, width);
    case 'hashjoin': return compileHashJoin(plan, width);
    case 'semijoin': return compileSemiJoin(plan, width);
    case 'material': return compilePlan(plan.input, width);
  }
}

export type { Expr };
