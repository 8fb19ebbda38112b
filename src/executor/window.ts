// Window functions (nodeWindowAgg.c): once every row of the query level is known (after
// grouping and HAVING), each window's rows are sorted by PARTITION BY and ORDER BY, peers
// found, frames measured, and each call's value computed per row. The projection then reads
// the values through 'special' nodes that replace the calls (analyzer/window.ts binds them).
import { PgError } from '../errors/index.js';
import type { Expr } from '../analyzer/query.js';
import { FRAME, windowCallOf, type WindowCall } from '../analyzer/window.js';
import { mapExpr } from '../planner/plan.js';
import { typeByOid } from '../types/registry.js';
import { compile, type SubqueryRunner } from './compile.js';
import { aggregateImpl } from './aggregates.js';
import type { Compiled, Env, Frame } from './env.js';
import { checkDeadline } from './deadline.js';

/** One input row of the window stage: its frame and, in a grouped query, its group's aggregates. */
export interface WindowInput { frame: Frame; aggs: unknown[] | null }

export interface WindowStage {
  /** The expressions to project, window calls replaced by reads of the current row's values. */
  exprs: Expr[];
  /** Computes every call's value for each row; returns the order the rows leave in (the last window's). */
  run(rows: WindowInput[], env: Env): number[];
  /** Makes row i the one the replaced calls read. */
  select(i: number): void;
}

interface CompiledCall { call: WindowCall; args: Compiled[]; types: number[] }

/** The window stage for a query's projected expressions, or null when they call no window function. */
export function compileWindowStage(exprs: Expr[], run: SubqueryRunner): WindowStage | null {
  const calls = new Map<object, number>();
  const list: CompiledCall[] = [];
  let values: unknown[][] = [];
  let current: unknown[] = [];
  const mapped = exprs.map(e => mapExpr(e, x => {
    const call = windowCallOf(x);
    if (!call || x.k !== 'func') return x;
    let idx = calls.get(x.fn);
    if (idx === undefined) {
      idx = list.length;
      calls.set(x.fn, idx);
      list.push({ call, args: x.args.map(a => compile(a, run)), types: x.args.map(a => a.type) });
    }
    const c = idx;
    return { k: 'special', type: x.type, typmod: x.typmod, fn: () => current[c] };
  }));
  if (!list.length) return null;
  return {
    exprs: mapped,
    run(rows, env) {
      values = rows.map(() => new Array(list.length).fill(null));
      // every call's arguments for every row, evaluated once (with the row's group aggregates)
      const saved = env.aggs;
      const argVals: unknown[][][] = list.map(() => new Array(rows.length));
      try {
        for (let i = 0; i < rows.length; i++) {
          env.aggs = rows[i].aggs;
          for (let c = 0; c < list.length; c++) argVals[c][i] = list[c].args.map(a => a(rows[i].frame, env));
        }
      } finally { env.aggs = saved; }
      let order = rows.map((_r, i) => i);
      const done = new Set<number>();
      for (let c = 0; c < list.length; c++) {
        if (done.has(c)) continue;
        const key = list[c].call.windowKey;
        const same = list.map((l, j) => (l.call.windowKey === key ? j : -1)).filter(j => j >= 0);
        same.forEach(j => done.add(j));
        order = sortForWindow(list[c], argVals[c], rows.length);
        for (const part of partitions(list[c], argVals[c], order)) {
          for (const j of same) computePartition(list[j], argVals[j], part, values, j, env);
        }
      }
      return order;
    },
    select(i) { current = values[i]; },
  };
}

function compareNullable(a: unknown, b: unknown, cmp: (x: unknown, y: unknown) => number, nullsFirst: boolean): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === nullsFirst ? -1 : 1;
  }
  return cmp(a, b);
}

function partitionCmp(cc: CompiledCall, p: number): (a: unknown, b: unknown) => number {
  const t = typeByOid(cc.types[p]);
  return t ? t.compare.bind(t) : () => 0;
}

/** Row indexes sorted by PARTITION BY then ORDER BY (stable). */
function sortForWindow(cc: CompiledCall, vals: unknown[][], n: number): number[] {
  const idx = Array.from({ length: n }, (_x, i) => i);
  const { partition, order } = cc.call;
  if (!partition.length && !order.length) return idx;
  const pc = partition.map(p => partitionCmp(cc, p));
  idx.sort((x, y) => {
    checkDeadline();
    const a = vals[x], b = vals[y];
    for (let k = 0; k < partition.length; k++) {
      const c = compareNullable(a[partition[k]], b[partition[k]], pc[k], false);
      if (c) return c;
    }
    for (const o of order) {
      const c = compareNullable(a[o.arg], b[o.arg], o.cmp, o.nullsFirst);
      if (c) return o.desc && a[o.arg] !== null && b[o.arg] !== null ? -c : c;
    }
    return x - y;
  });
  return idx;
}

function* partitions(cc: CompiledCall, vals: unknown[][], order: number[]): Generator<number[]> {
  const { partition } = cc.call;
  const pc = partition.map(p => partitionCmp(cc, p));
  let start = 0;
  for (let i = 1; i <= order.length; i++) {
    if (i < order.length && partition.every((p, k) => compareNullable(vals[order[i]][p], vals[order[start]][p], pc[k], false) === 0)) continue;
    yield order.slice(start, i);
    start = i;
  }
}

function isPeer(cc: CompiledCall, a: unknown[], b: unknown[]): boolean {
  return cc.call.order.every(o => compareNullable(a[o.arg], b[o.arg], o.cmp, o.nullsFirst) === 0);
}

const offsetNumber = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));

function computePartition(cc: CompiledCall, vals: unknown[][], part: number[], out: unknown[][], c: number, env: Env): void {
  const n = part.length;
  if (!n) return;
  const call = cc.call;
  const row = (i: number) => vals[part[i]];
  // peer groups: [start, end) of each row's group and the group's number
  const gStart = new Array<number>(n), gEnd = new Array<number>(n), gNum = new Array<number>(n);
  const groupStarts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && isPeer(cc, row(i - 1), row(i))) { gStart[i] = gStart[i - 1]; gNum[i] = gNum[i - 1]; } else { gStart[i] = i; gNum[i] = groupStarts.length; groupStarts.push(i); }
  }
  for (let i = n - 1; i >= 0; i--) gEnd[i] = i < n - 1 && gNum[i + 1] === gNum[i] ? gEnd[i + 1] : i + 1;
  const set = (i: number, v: unknown) => { out[part[i]][c] = v; };
  switch (call.kind) {
    case 'row_number': for (let i = 0; i < n; i++) set(i, BigInt(i + 1)); return;
    case 'rank': for (let i = 0; i < n; i++) set(i, BigInt(gStart[i] + 1)); return;
    case 'dense_rank': for (let i = 0; i < n; i++) set(i, BigInt(gNum[i] + 1)); return;
    case 'percent_rank': for (let i = 0; i < n; i++) set(i, n > 1 ? gStart[i] / (n - 1) : 0); return;
    case 'cume_dist': for (let i = 0; i < n; i++) set(i, gEnd[i] / n); return;
    case 'ntile': {
      const b = row(0)[0];
      if (b === null) { for (let i = 0; i < n; i++) set(i, null); return; }
      const buckets = offsetNumber(b);
      if (buckets <= 0) throw new PgError('2201X', 'argument of ntile must be greater than zero');
      const per = Math.floor(n / buckets), extra = n % buckets;
      for (let i = 0; i < n; i++) {
        const big = extra * (per + 1);
        set(i, i < big ? Math.floor(i / (per + 1)) + 1 : extra + Math.floor((i - big) / per) + 1);
      }
      return;
    }
    case 'lag': case 'lead': {
      for (let i = 0; i < n; i++) {
        const r = row(i);
        const off = cc.call.nArgs > 1 ? r[1] : 1;
        if (off === null) { set(i, null); continue; }
        const t = call.kind === 'lag' ? i - offsetNumber(off) : i + offsetNumber(off);
        set(i, t >= 0 && t < n ? row(t)[0] : cc.call.nArgs > 2 ? r[2] : null);
      }
      return;
    }
  }
  // the functions that read their frame
  const frames = frameBounds(cc, row, n, gStart, gEnd, groupStarts, gNum);
  const opts = call.frameOptions;
  const members = (i: number): number[] => {
    const [s, e] = frames(i);
    const m: number[] = [];
    for (let j = s; j < e; j++) {
      if (opts & FRAME.EXCLUDE_CURRENT_ROW && j === i) continue;
      if (opts & FRAME.EXCLUDE_GROUP && gNum[j] === gNum[i]) continue;
      if (opts & FRAME.EXCLUDE_TIES && gNum[j] === gNum[i] && j !== i) continue;
      m.push(j);
    }
    return m;
  };
  if (call.kind === 'agg') {
    const agg = call.agg!;
    const impl = aggregateImpl(agg.name, agg.args[0]?.type ?? 0, agg.type, env.ctx, agg);
    let lastKey = '', lastValue: unknown = null;
    for (let i = 0; i < n; i++) {
      const m = members(i);
      // rows sharing a frame (peers, a whole partition) share the value; exclusions make each frame its own
      const key = opts & (FRAME.EXCLUDE_CURRENT_ROW | FRAME.EXCLUDE_GROUP | FRAME.EXCLUDE_TIES) ? m.join(',')
        : m.length ? `${m[0]}:${m[m.length - 1]}` : 'empty';
      if (key !== lastKey || i === 0) {
        let s = impl.init();
        for (const j of m) {
          const r = row(j);
          if (call.filter !== null && r[call.filter] !== true) continue;
          const a = r.slice(0, call.nArgs);
          if (impl.strict && a.some(v => v === null)) continue;
          s = impl.step(s, a);
        }
        lastValue = impl.final(s);
        lastKey = key;
      }
      set(i, lastValue);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const m = members(i);
    if (call.kind === 'first_value') set(i, m.length ? row(m[0])[0] : null);
    else if (call.kind === 'last_value') set(i, m.length ? row(m[m.length - 1])[0] : null);
    else { // nth_value
      const k = row(i)[1];
      if (k === null) { set(i, null); continue; }
      const nth = offsetNumber(k);
      if (nth <= 0) throw new PgError('2201X', 'argument of nth_value must be greater than zero');
      set(i, nth <= m.length ? row(m[nth - 1])[0] : null);
    }
  }
}

/** The frame [start, end) of each row, before exclusions. */
function frameBounds(cc: CompiledCall, row: (i: number) => unknown[], n: number, gStart: number[], gEnd: number[], groupStarts: number[],
  gNum: number[]): (i: number) => [number, number] {
  const call = cc.call, opts = call.frameOptions;
  const rows = !!(opts & FRAME.ROWS), groups = !!(opts & FRAME.GROUPS);
  const first = row(0);
  const offsetOf = (idx: number | null, which: 'starting' | 'ending'): number => {
    const v = idx === null ? null : first[idx];
    if (v === null) throw new PgError('22004', `frame ${which} offset must not be null`);
    const x = offsetNumber(v);
    if (x < 0) throw new PgError('22013', `frame ${which} offset must not be negative`);
    return x;
  };
  const startOff = (opts & (FRAME.START_OFFSET_PRECEDING | FRAME.START_OFFSET_FOLLOWING)) && (rows || groups) ? offsetOf(call.startOffset, 'starting') : 0;
  const endOff = (opts & (FRAME.END_OFFSET_PRECEDING | FRAME.END_OFFSET_FOLLOWING)) && (rows || groups) ? offsetOf(call.endOffset, 'ending') : 0;
  const nGroups = groupStarts.length;
  const groupStart = (g: number) => (g < 0 ? 0 : g >= nGroups ? n : groupStarts[g]);
  const groupEnd = (g: number) => (g < 0 ? 0 : g >= nGroups ? n : g + 1 < nGroups ? groupStarts[g + 1] : n);
  const range = rangeBounds(cc, row, n, gStart, gEnd);
  return (i: number) => {
    let s: number, e: number;
    if (opts & FRAME.START_UNBOUNDED_PRECEDING) s = 0;
    else if (opts & FRAME.START_CURRENT_ROW) s = rows ? i : gStart[i];
    else if (opts & FRAME.START_OFFSET_PRECEDING) s = rows ? Math.max(0, i - startOff) : groups ? groupStart(gNum[i] - startOff) : range!.start(i);
    else s = rows ? Math.min(n, i + startOff) : groups ? groupStart(gNum[i] + startOff) : range!.start(i);
    if (opts & FRAME.END_UNBOUNDED_FOLLOWING) e = n;
    else if (opts & FRAME.END_CURRENT_ROW) e = rows ? i + 1 : gEnd[i];
    else if (opts & FRAME.END_OFFSET_PRECEDING) e = rows ? Math.max(0, i - endOff + 1) : groups ? groupEnd(gNum[i] - endOff) : range!.end(i);
    else e = rows ? Math.min(n, i + endOff + 1) : groups ? groupEnd(gNum[i] + endOff) : range!.end(i);
    return [s, Math.max(s, e)];
  };
}

/** RANGE … offset PRECEDING / FOLLOWING: rows whose key lies within the offset of the current row's. */
function rangeBounds(cc: CompiledCall, row: (i: number) => unknown[], n: number, gStart: number[], gEnd: number[]) {
  const rk = cc.call.rangeKey;
  if (!rk) return null;
  const o = cc.call.order[0];
  const opts = cc.call.frameOptions;
  const desc = o.desc;
  const key = (i: number) => row(i)[rk.arg];
  const check = (i: number, b: { sub: number; add: number } | undefined, which: 'starting' | 'ending', idx: number | null) => {
    if (!b || idx === null) return;
    const r = row(i);
    if (r[idx] === null) throw new PgError('22004', `frame ${which} offset must not be null`);
    if (r[b.sub] !== null && key(i) !== null && rk.cmp(r[b.sub], key(i)) > 0) {
      throw new PgError('22013', 'invalid preceding or following size in window function');
    }
  };
  for (let i = 0; i < n; i++) { check(i, rk.start, 'starting', cc.call.startOffset); check(i, rk.end, 'ending', cc.call.endOffset); }
  // position of a value among the keys in sort order: does key j come before the bound?
  const before = (j: number, bound: unknown): boolean => {
    const k = key(j);
    if (k === null) return o.nullsFirst;
    const c = rk.cmp(k, bound);
    return desc ? c > 0 : c < 0;
  };
  const after = (j: number, bound: unknown): boolean => {
    const k = key(j);
    if (k === null) return !o.nullsFirst;
    const c = rk.cmp(k, bound);
    return desc ? c < 0 : c > 0;
  };
  // PRECEDING moves against the sort direction: key - offset ascending, key + offset descending
  const boundOf = (i: number, b: { sub: number; add: number }, preceding: boolean) => row(i)[preceding !== desc ? b.sub : b.add];
  return {
    start(i: number): number {
      if (key(i) === null) return gStart[i];
      const bound = boundOf(i, rk.start!, !!(opts & FRAME.START_OFFSET_PRECEDING));
      let j = 0;
      while (j < n && before(j, bound)) j++;
      return j;
    },
    end(i: number): number {
      if (key(i) === null) return gEnd[i];
      const bound = boundOf(i, rk.end!, !!(opts & FRAME.END_OFFSET_PRECEDING));
      let j = n;
      while (j > 0 && after(j - 1, bound)) j--;
      return j;
    },
  };
}
