// Runs SELECT queries: plans from the planner, expressions compiled once, rows pushed
// through scans and joins, then grouping, projection, DISTINCT, ORDER BY and LIMIT.
import { checkDeadline } from './deadline.js';
import { PgError } from '../errors/index.js';
import type { AggImpl, Expr, Query, SortKey } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { partitionTree } from '../catalog/partition-bounds.js';
import { planFrom, pulledUp, sortAvoided, type Plan } from '../planner/index.js';
import { isVisible, settledPrefix } from '../storage/visibility.js';
import { typeByOid } from '../types/registry.js';
import { aggregateImpl } from './aggregates.js';
import { compile, type SubqueryRunner } from './compile.js';
import { emitRows, frameAggs, type Compiled, type Emit, type Env, type Frame } from './env.js';
import { compileCteScan, withCtes } from './cte.js';
import { compileHashJoin, compileNestLoop, compileSemiJoin } from './joins.js';
import { compileIndexScan } from './index-scan.js';
import { compileSetOp } from './setop.js';
import { lockedRows } from './row-locking.js';
import { compileFunctionScan } from './srf-scan.js';
import { compileProjection } from './srf-project.js';
import { compileLateralScan } from './lateral.js';
import { compileWindowStage, type WindowInput } from './window.js';
import { compileGroupingSets } from './grouping-sets.js';

/** The arguments of count(*): none (one shared empty list, not one per row). */
const NO_ARGS: unknown[] = [];
/** Aggregates counted in place (aggregates.ts's count: a number state, strict). */
const COUNT_STAR = 1, COUNT_ARG = 2;
/** Built-in aggregates whose step reads its argument list and does not keep it. */
const REUSES_ARGS = new Set(['sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'array_agg', 'count']);
/** Built-in aggregates whose implementation (aggregates.ts) keeps no state and reads nothing of the run's context. */
const CTX_FREE = new Set(['count', 'min', 'max', 'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg']);
/** A group's DISTINCT sets and ORDER BY lists when no aggregate has them (never written). */
const NO_SEEN: (Set<string> | null)[] = [], NO_ORDERED: unknown[][][] = [], NO_ROWS: unknown[][] = [];

export type QueryProgram = (env: Env, limit?: number) => unknown[][];

/** A plan compiled into a producer of frames. */
export type Producer = (env: Env, emit: Emit) => boolean;

const programs = new WeakMap<Query, QueryProgram>();

export const runSubquery: SubqueryRunner = (q, env, limit) => {
  let p = programs.get(q);
  if (!p) { p = compileQuery(q); programs.set(q, p); }
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
  const groupKeys = q.groupBy.map(g => compile(g, runSubquery));
  const groupHash = q.groupBy.map(g => hashFn(g.type));
  const aggs = q.aggs.map(a => ({
    args: a.args.map(x => compile(x, runSubquery)), filter: a.filter ? compile(a.filter, runSubquery) : null,
    distinct: a.distinct, name: a.name, argType: a.args[0]?.type ?? 0, type: a.type, star: a.star,
    argHash: a.args.map(x => hashFn(x.type)), order: aggOrder(a).map(k => ({ key: compile(k.expr, runSubquery), k })),
    call: a, direct: a.direct?.map(x => compile(x, runSubquery)) ?? null,
    // count(*) and count(x) (the built-in, no DISTINCT or ORDER BY) add to their state in
    // place: no argument list per row and no call of the generic step
    count: a.name === 'count' && !a.userImpl && !a.direct && !a.distinct && aggOrder(a).length === 0
      ? (a.args.length === 0 ? COUNT_STAR : a.args.length === 1 ? COUNT_ARG : 0) : 0,
    // count(column): the column read from the frame here (-1: the compiled argument instead)
    countSlot: a.args.length === 1 && a.args[0].k === 'var' && a.args[0].levelsUp === 0 ? 2 * a.args[0].entry : -1,
    countAtt: a.args.length === 1 && a.args[0].k === 'var' ? a.args[0].att : 0,
    // one argument of a built-in whose step reads it and keeps no reference to the list
    // (aggregates.ts): one list reused for every row
    scratch: a.args.length === 1 && !a.userImpl && !a.direct && REUSES_ARGS.has(a.name) ? [null] as unknown[] : null,
    ctxFree: !a.userImpl && !a.direct && CTX_FREE.has(a.name),
  }));
  const anyDistinct = aggs.some(a => a.distinct), anyOrder = aggs.some(a => a.order.length > 0);
  // implementations that depend on nothing of the run (not its EvalContext), kept from the
  // first run: made there, as before, so that an unsupported aggregate still fails when run
  const fixedImpls: (AggImpl | undefined)[] = [];
  const distinctOn = q.distinctOn?.map(d => compile(d, runSubquery)) ?? null;
  const distinctHash = q.distinctOn ? q.distinctOn.map(d => hashFn(d.type)) : q.targets.map(t => hashFn(t.expr.type));
  const sortSpec = q.orderBy;
  // an index scan in ORDER BY's order needs no sort (planner/upper.ts)
  const needSort = sortSpec.length > 0 && !sortAvoided(q);

  return (env: Env, limitHint?: number) => {
    let limit = Infinity, offset = 0;
    if (limitE) { const v = limitE([], env); if (v !== null) limit = Number(v); if (limit < 0) throw new PgError('2201W', 'LIMIT must not be negative'); }
    if (offsetE) { const v = offsetE([], env); if (v !== null) offset = Number(v); if (offset < 0) throw new PgError('2201X', 'OFFSET must not be negative'); }
    if (limitHint !== undefined && !needSort && !q.distinct && !grouped && !win && !q.limitWithTies) limit = Math.min(limit, limitHint);
    // rows: [outputValues..., sortKeyValues...]
    const out: unknown[][] = [];
    const earlyStop = !needSort && !q.distinct && !grouped && !win && !q.limitWithTies;
    const winRows: WindowInput[] = [];
    if (q.rowMarks?.length) {
      // FOR UPDATE / SHARE: rows locked in output order, up to OFFSET + LIMIT (row-locking.ts)
      for (const r of lockedRows(q, q.rowMarks, producer, project, env, offset + limit,
        needSort ? rows => sortRows(rows, sortSpec, nTargets) : null, nTargets + sortKeys.length)) out.push(r);
    } else if (gsets) {
      gsets(env, producer, row => { out.push(row); });
    } else if (!grouped && win) {
      producer(env, f => { winRows.push({ frame: f.slice(), aggs: null }); });
    } else if (!grouped) {
      producer(env, f => project(f, env, row => {
        out.push(row);
        if (earlyStop && out.length >= offset + limit) return false;
      }));
    } else {
      const groups = new Map<string, { frame: Frame; states: unknown[]; seen: (Set<string> | null)[]; ordered: unknown[][][] }>();
      const impls = aggs.map((a, i) => fixedImpls[i] ?? aggregateImpl(a.name, a.argType, a.type, env.ctx, a.call));
      for (let i = 0; i < aggs.length; i++) if (aggs[i].ctxFree) fixedImpls[i] = impls[i];
      // a group's DISTINCT sets and ORDER BY lists, made only for the aggregates that have them
      const newGroup = (f: Frame) => ({ frame: f.slice(), states: impls.map(im => im.init()),
        seen: anyDistinct ? aggs.map(a => (a.distinct ? new Set<string>() : null)) : NO_SEEN,
        ordered: anyOrder ? aggs.map(a => (a.order.length ? [] as unknown[][] : NO_ROWS)) : NO_ORDERED });
      // without GROUP BY there is one group: no key to make and look up per row
      let single: ReturnType<typeof newGroup> | undefined;
      producer(env, f => {
        let g: ReturnType<typeof newGroup> | undefined;
        if (groupKeys.length === 0) {
          if (!(g = single)) groups.set('', g = single = newGroup(f));
        } else {
          let key = '';
          for (let i = 0; i < groupKeys.length; i++) key += groupHash[i](groupKeys[i](f, env)) + '\u0001';
          g = groups.get(key);
          if (!g) { g = newGroup(f); groups.set(key, g); }
        }
        for (let i = 0; i < aggs.length; i++) {
          const a = aggs[i];
          if (a.filter && a.filter(f, env) !== true) continue;
          if (a.count === COUNT_STAR) { g.states[i] = (g.states[i] as number) + 1; continue; }
          if (a.count === COUNT_ARG) {
            let v: unknown;
            if (a.countSlot >= 0) { const d = f[a.countSlot] as unknown[] | null; v = d ? (d[a.countAtt] ?? null) : null; } else v = a.args[0](f, env);
            if (v !== null) g.states[i] = (g.states[i] as number) + 1;
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
            if (g.seen[i]!.has(k)) continue;
            g.seen[i]!.add(k);
          }
          if (a.order.length) { g.ordered[i].push([...vals, ...a.order.map(o => o.key(f, env))]); continue; }
          g.states[i] = impls[i].step(g.states[i], vals);
        }
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
        const saved = env.aggs;
        env.aggs = results;
        frameAggs.set(g.frame, results);
        try {
          if (having && having(g.frame, env) !== true) continue;
          if (win) winRows.push({ frame: g.frame, aggs: results });
          else project(g.frame, env, row => { out.push(row); });
        } finally { env.aggs = saved; }
      }
    }
    if (win) {
      const saved = env.aggs;
      try {
        for (const i of win.run(winRows, env)) {
          env.aggs = winRows[i].aggs;
          win.select(i);
          project(winRows[i].frame, env, row => { out.push(row); });
        }
      } finally { env.aggs = saved; }
    }
    let rows = out;
    if (q.distinct) rows = distinctRows(rows, distinctOn ? null : nTargets, distinctHash, distinctOn, q, sortSpec, nTargets);
    if (needSort) sortRows(rows, sortSpec, nTargets);
    if (q.limitWithTies && limit > 0 && offset + limit < rows.length) limit = tiedLimit(rows, offset, limit, sortSpec, nTargets);
    if (offset > 0 || limit < rows.length) rows = rows.slice(offset, offset + limit);
    if (sortKeys.length) for (const r of rows) r.length = nTargets;
    return rows;
  };
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
    case 'result': return (_env, emit) => emit(new Array(width).fill(null)) !== false;
    case 'filter': {
      const input = compilePlan(plan.input, width);
      const cond = compile(plan.cond, runSubquery);
      return (env, emit) => input(env, f => (cond(f, env) === true ? emit(f) : true));
    }
    case 'seqscan': {
      const slot = 2 * plan.entry;
      const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
      const table = plan.table, inh = plan.inh;
      return (env, emit) => {
        // inside a nested loop the outer row is there too (a LATERAL item further in may read it)
        const f: Frame = (env as any).__frame?.slice() ?? new Array(width).fill(null);
        const view = env.view, ssi = view.ssi;
        for (const t of inheritanceSet(table, inh)) {
          const tuples = t.heap.tuples;
          const mapCols = t === table ? null : columnMap(table, t);
          // SERIALIZABLE: a sequential scan reads the whole table (storage/ssi.ts)
          if (ssi) ssi.readRelation(t.oid);
          // versions settled before the snapshot are visible unless deleted (storage/visibility.ts)
          const settled = settledPrefix(t.heap, tuples, view);
          for (let i = 0, n = tuples.length; i < n; i++) {
            checkDeadline();
            const tup = tuples[i];
            const visible = (i < settled && tup.xmax === 0) || isVisible(tup, view);
            if (ssi) ssi.examine(tup, visible);
            if (!visible) continue;
            f[slot] = mapCols ? mapCols(tup.data) : tup.data;
            f[slot + 1] = tup;
            if (filter && filter(f, env) !== true) continue;
            if (emit(f) === false) return false;
          }
        }
        return true;
      };
    }
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
        const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
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
    case 'nestloop': return compileNestLoop(plan, width);
    case 'hashjoin': return compileHashJoin(plan, width);
    case 'semijoin': return compileSemiJoin(plan, width);
    case 'material': return compilePlan(plan.input, width);
  }
}

/** Reads a child table's row in the column order of its inheritance parent (by name). */
function columnMap(parent: Table, child: Table): (data: unknown[]) => unknown[] {
  const idx = parent.columns.map(c => (c.dropped ? -1 : child.columns.findIndex(cc => !cc.dropped && cc.name === c.name)));
  return data => idx.map(i => (i < 0 ? null : data[i] ?? null));
}

export type { Expr };
