// Runs SELECT queries: plans from the planner, expressions compiled once, rows pushed
// through scans and joins, then grouping, projection, DISTINCT, ORDER BY and LIMIT.
import { PgError } from '../errors/index.js';
import type { Expr, Query, SortKey } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { planFrom, type Plan } from '../planner/index.js';
import { isVisible } from '../storage/visibility.js';
import { typeByOid } from '../types/registry.js';
import { aggregateImpl } from './aggregates.js';
import { compile, type SubqueryRunner } from './compile.js';
import { emitRows, type Compiled, type Emit, type Env, type Frame } from './env.js';
import { compileCteScan, withCtes } from './cte.js';
import { compileHashJoin, compileNestLoop } from './joins.js';
import { compileSetOp } from './setop.js';

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

function compileSimple(q: Query): QueryProgram {
  const width = q.entries.length * 2;
  const producer = compilePlan(planFrom(q), width);
  const targets = q.targets.map(t => compile(t.expr, runSubquery));
  const nTargets = targets.length;
  const sortKeys = q.orderBy.map(k => compile(k.expr, runSubquery));
  const limitE = q.limit ? compile(q.limit, runSubquery) : null;
  const offsetE = q.offset ? compile(q.offset, runSubquery) : null;
  const having = q.having ? compile(q.having, runSubquery) : null;
  const grouped = q.grouped;
  const groupKeys = q.groupBy.map(g => compile(g, runSubquery));
  const groupHash = q.groupBy.map(g => hashFn(g.type));
  const aggs = q.aggs.map(a => ({
    args: a.args.map(x => compile(x, runSubquery)), filter: a.filter ? compile(a.filter, runSubquery) : null,
    distinct: a.distinct, name: a.name, argType: a.args[0]?.type ?? 0, type: a.type, star: a.star,
    argHash: a.args.map(x => hashFn(x.type)), order: a.orderBy.map(k => ({ key: compile(k.expr, runSubquery), k })),
  }));
  const distinctOn = q.distinctOn?.map(d => compile(d, runSubquery)) ?? null;
  const distinctHash = q.distinctOn ? q.distinctOn.map(d => hashFn(d.type)) : q.targets.map(t => hashFn(t.expr.type));
  const sortSpec = q.orderBy;
  const needSort = sortSpec.length > 0;

  return (env: Env, limitHint?: number) => {
    let limit = Infinity, offset = 0;
    if (limitE) { const v = limitE([], env); if (v !== null) limit = Number(v); if (limit < 0) throw new PgError('2201W', 'LIMIT must not be negative'); }
    if (offsetE) { const v = offsetE([], env); if (v !== null) offset = Number(v); if (offset < 0) throw new PgError('2201X', 'OFFSET must not be negative'); }
    if (limitHint !== undefined && !needSort && !q.distinct && !grouped) limit = Math.min(limit, limitHint);
    // rows: [outputValues..., sortKeyValues...]
    const out: unknown[][] = [];
    const project = (f: Frame): unknown[] => {
      const row = new Array(nTargets + sortKeys.length);
      for (let i = 0; i < nTargets; i++) row[i] = targets[i](f, env);
      for (let i = 0; i < sortKeys.length; i++) row[nTargets + i] = sortKeys[i](f, env);
      return row;
    };
    const earlyStop = !needSort && !q.distinct && !grouped;
    if (!grouped) {
      producer(env, f => {
        out.push(project(f));
        if (earlyStop && out.length >= offset + limit) return false;
      });
    } else {
      const groups = new Map<string, { frame: Frame; states: unknown[]; seen: (Set<string> | null)[]; ordered: unknown[][][] }>();
      const newGroup = (f: Frame) => ({ frame: f.slice(), states: aggs.map(a => aggregateImpl(a.name, a.argType, a.type, env.ctx).init()),
        seen: aggs.map(a => (a.distinct ? new Set<string>() : null)), ordered: aggs.map(() => [] as unknown[][]) });
      const impls = aggs.map(a => aggregateImpl(a.name, a.argType, a.type, env.ctx));
      producer(env, f => {
        let key = '';
        for (let i = 0; i < groupKeys.length; i++) key += groupHash[i](groupKeys[i](f, env)) + '\u0001';
        let g = groups.get(key);
        if (!g) { g = newGroup(f); groups.set(key, g); }
        for (let i = 0; i < aggs.length; i++) {
          const a = aggs[i];
          if (a.filter && a.filter(f, env) !== true) continue;
          const vals = a.args.map(x => x(f, env));
          if (impls[i].strict && vals.some(v => v === null)) continue;
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
            return impls[i].final(s);
          }
          return impls[i].final(g.states[i]);
        });
        const saved = env.aggs;
        env.aggs = results;
        try {
          if (having && having(g.frame, env) !== true) continue;
          out.push(project(g.frame));
        } finally { env.aggs = saved; }
      }
    }
    let rows = out;
    if (q.distinct) rows = distinctRows(rows, distinctOn ? null : nTargets, distinctHash, distinctOn, q, sortSpec, nTargets);
    if (needSort) sortRows(rows, sortSpec, nTargets);
    if (offset > 0 || limit < rows.length) rows = rows.slice(offset, offset + limit);
    if (sortKeys.length) for (const r of rows) r.length = nTargets;
    return rows;
  };
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
        const f: Frame = new Array(width).fill(null);
        const view = env.view;
        for (const t of inheritanceSet(table, inh)) {
          const tuples = t.heap.tuples;
          const mapCols = t === table ? null : columnMap(table, t);
          for (let i = 0, n = tuples.length; i < n; i++) {
            const tup = tuples[i];
            if (!isVisible(tup, view)) continue;
            f[slot] = mapCols ? mapCols(tup.data) : tup.data;
            f[slot + 1] = tup;
            if (filter && filter(f, env) !== true) continue;
            if (emit(f) === false) return false;
          }
        }
        return true;
      };
    }
    case 'indexscan': {
      const slot = 2 * plan.entry;
      const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
      const keys = plan.keys.map(k => compile(k, runSubquery));
      const index = plan.index;
      const table = plan.table;
      const children = plan.inh && table.children.length ? inheritanceSet(table, true).slice(1) : [];
      return (env, emit) => {
        const key = new Array(keys.length);
        const view = env.view;
        // the frame may be the outer frame of a nested loop: fill our slots in place
        return (f0 => {
          const f = f0;
          for (let i = 0; i < keys.length; i++) { key[i] = keys[i](f, env); if (key[i] === null) return true; }
          let go = true;
          index.tree.scanEqual(key, tup => {
            if (!isVisible(tup, view)) return;
            f[slot] = tup.data;
            f[slot + 1] = tup;
            if (filter && filter(f, env) !== true) return;
            if (emit(f) === false) { go = false; return false; }
          });
          if (!go) return false;
          for (const c of children) {
            // children have their own indexes; scan them sequentially with the key as a filter
            const mapCols = columnMap(table, c);
            for (const tup of c.heap.tuples) {
              if (!isVisible(tup, view)) continue;
              const data = mapCols(tup.data);
              let match = true;
              for (let i = 0; i < keys.length; i++) {
                const att = table.columns.findIndex(col => col.attnum === index.columns[i]);
                const v = data[att];
                if (v === null || typeByOid(table.columns[att].typeOid)!.compare(v, key[i]) !== 0) { match = false; break; }
              }
              if (!match) continue;
              f[slot] = data;
              f[slot + 1] = tup;
              if (filter && filter(f, env) !== true) continue;
              if (emit(f) === false) return false;
            }
          }
          return true;
        })((env as any).__frame ?? new Array(width).fill(null));
      };
    }
    case 'subquery': {
      const slot = 2 * plan.entry;
      const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
      const q = plan.query;
      return (env, emit) => emitRows(runSubquery(q, { ...env, outer: env.outer }), slot, width, filter, env, emit);
    }
    case 'values': {
      const slot = 2 * plan.entry;
      const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
      const rows = plan.rows.map(r => r.map(e => compile(e, runSubquery)));
      return (env, emit) => {
        const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
        for (const r of rows) {
          f[slot] = r.map(c => c(f, env));
          f[slot + 1] = null;
          if (filter && filter(f, env) !== true) continue;
          if (emit(f) === false) return false;
        }
        return true;
      };
    }
    case 'function': {
      const slot = 2 * plan.entry;
      const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
      const fn = compile(plan.func, runSubquery);
      const retSet = plan.func.k === 'func' && plan.func.fn.retSet;
      const ord = plan.ordinality;
      return (env, emit) => {
        const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
        const v = fn(f, env);
        const values = retSet ? ((v ?? []) as unknown[]) : [v];
        let n = 0n;
        for (const x of values) {
          n++;
          f[slot] = ord ? [x, n] : [x];
          f[slot + 1] = null;
          if (filter && filter(f, env) !== true) continue;
          if (emit(f) === false) return false;
        }
        return true;
      };
    }
    case 'ctescan': return compileCteScan(plan, width);
    case 'nestloop': return compileNestLoop(plan, width);
    case 'hashjoin': return compileHashJoin(plan, width);
  }
}

/** Reads a child table's row in the column order of its inheritance parent (by name). */
function columnMap(parent: Table, child: Table): (data: unknown[]) => unknown[] {
  const idx = parent.columns.map(c => (c.dropped ? -1 : child.columns.findIndex(cc => !cc.dropped && cc.name === c.name)));
  return data => idx.map(i => (i < 0 ? null : data[i] ?? null));
}

export type { Expr };
