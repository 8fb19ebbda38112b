// How one table is read: a sequential scan, an index scan (equality on the index's leading
// columns, then = ANY (array) or a range on the next one), an index-only scan when the index
// holds every column needed, or a bitmap heap scan; the cheapest by PostgreSQL's cost model.
// With `outer` entries given, conditions may compare with their columns: the scan is then
// the inner side of a nested loop, run once per outer row.
import type { Expr } from '../analyzer/query.js';
import type { Index, Table } from '../catalog/objects.js';
import { bitmapScanCost, DISABLE_COST, indexScanCost, seqScanCost, type IndexPathInput } from './cost.js';
import { andOf, entriesOf, readsOuter, type IndexBound, type Plan } from './plan.js';
import { exprKeyText } from './partprune.js';
import { operatorsNamed } from '../types/registry.js';
import { columnsOf, widthOf, type PlanContext } from './rel-info.js';
import { clauseListSelectivity, isPseudoConstant, stripRelabel } from './selectivity.js';
import { clampRows, columnStats, indexSize, allVisibleFraction } from './stats.js';
import { asMember, memberContext, memberTables } from './append.js';
import { qualCost } from './cost.js';

/** order_qual_clauses: a scan checks its cheaper conditions first (stable among equal costs). */
export function orderQuals(conds: Expr[]): Expr[] {
  if (conds.length < 2) return conds;
  return conds.map((c, i) => ({ c, i, cost: qualCost([c]).perTuple })).sort((a, b) => a.cost - b.cost || a.i - b.i).map(x => x.c);
}

/** A condition usable by an index on one of its columns (col: columnKey of the indexed side). */
interface IndexClause { cond: Expr; col: string; kind: 'eq' | 'any' | 'lower' | 'upper'; value: Expr; inclusive: boolean }

/**
 * What an index column is, comparable with columnKey: "a<attnum>" for a column, "e:<text>"
 * for an expression (its text with bare column names, as pg_get_indexdef prints it).
 */
export function indexColumnKeys(index: Index): string[] {
  let x = 0;
  return index.columns.map(a => (a !== 0 ? `a${a}` : `e:${index.exprs![x++].text}`));
}

/** The index column key an expression of the entry would be (a column, or an expression of its columns only), or null. */
export function columnKey(cx: PlanContext, entry: number, e: Expr): string | null {
  const v = stripRelabel(e);
  const en = cx.q.entries[entry];
  if (v.k === 'var') return v.levelsUp === 0 && v.entry === entry ? `a${en.columns[v.att].attnum}` : null;
  if (v.k === 'const' || hasVolatile(v) || readsOuter(v)) return null;
  const ents = entriesOf(v);
  if (ents.size !== 1 || !ents.has(entry)) return null;
  const text = exprKeyText(v, x => (x.k === 'var' && x.levelsUp === 0 && x.entry === entry ? en.columns[x.att]?.name ?? null : null));
  return text === null ? null : `e:${text}`;
}

/**
 * Can the index be used for a scan with these conditions — a partial one only when conditions
 * are its predicate: null when not, else the conditions the predicate implies (the index holds
 * only rows that pass them, so the scan need not check them: create_indexscan_plan).
 */
function indexUsable(cx: PlanContext, entry: number, index: Index, conds: Expr[]): Expr[] | null {
  if (index.relkind !== 'i') return null;
  if (!index.predicate) return [];
  const en = cx.q.entries[entry];
  const name = (x: Expr) => (x.k === 'var' && x.levelsUp === 0 && x.entry === entry ? en.columns[x.att]?.name ?? null : null);
  const want = index.predicate.text;
  const one = conds.find(c => { const t = exprKeyText(c, name); return t === want || t === want.replace(/^\((.*)\)$/s, '$1'); });
  if (one) return [one];
  return conds.length && exprKeyText(andOf(conds)!, name) === want ? conds : null;
}

/** Can `other` be computed before scanning the entry (constants, parameters, outer rows)? */
function available(other: Expr, outer: Set<number>): boolean {
  if (isPseudoConstant(other)) return true;
  if (!outer.size) return false;
  for (const x of entriesOf(other)) if (!outer.has(x)) return false;
  return !hasVolatile(other);
}

function hasVolatile(e: Expr): boolean {
  if (e.k === 'func' && e.fn.volatility === 'v') return true;
  if (e.k === 'sublink') return true;
  let v = false;
  const visit = (x: Expr) => { if (!v && hasVolatile(x)) v = true; };
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': e.args.forEach(visit); break;
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': visit(e.arg); break;
    case 'distinct': case 'nullif': case 'scalararray': visit(e.args[0]); visit(e.args[1]); break;
    default: break;
  }
  return v;
}

/** A column of type `col` compared with an operator of type `op`: does its index's order serve (text and varchar share it)? */
function sameOrder(col: number, op: number): boolean {
  return col === op || (TEXTS.has(col) && TEXTS.has(op));
}
const TEXTS = new Set([25, 1043]);

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

/** How an index condition written otherwise is shown (b as b = true). */
const shownAs = new WeakMap<Expr, Expr>();
const shown = (list: Expr[]): Expr[] => list.map(c => shownAs.get(c) ?? c);

/** A Boolean column tested alone: the column and the value it must have. */
function boolClause(c: Expr): { arg: Expr; value: boolean } | null {
  if (c.k === 'var' && c.type === 16) return { arg: c, value: true };
  if (c.k === 'not' && c.arg.k === 'var' && c.arg.type === 16) return { arg: c.arg, value: false };
  if (c.k === 'booltest' && !c.negate && c.test !== 'unknown' && c.arg.k === 'var' && c.arg.type === 16) return { arg: c.arg, value: c.test === 'true' };
  return null;
}

/** The conditions of `conds` an index column can answer, `column op value` with the column's own type. */
function indexClauses(cx: PlanContext, entry: number, conds: Expr[], outer: Set<number>): IndexClause[] {
  const out: IndexClause[] = [];
  const en = cx.q.entries[entry];
  for (const c of conds) {
    if (c.k === 'op' && c.args.length === 2 && FLIP[c.op.name] && c.op.left === c.op.right && !c.op.user) {
      for (const [i, col, other] of [[0, c.args[0], c.args[1]], [1, c.args[1], c.args[0]]] as const) {
        const v = stripRelabel(col);
        const key = columnKey(cx, entry, v);
        if (key === null || !sameOrder(v.type, c.op.left)) continue;
        if (!available(other, outer)) continue;
        const name = i === 0 ? c.op.name : FLIP[c.op.name];
        const kind = name === '=' ? 'eq' : name[0] === '>' ? 'lower' : 'upper';
        out.push({ cond: c, col: key, kind, value: other, inclusive: name.length === 2 || name === '=' });
        break;
      }
    } else if (boolClause(c)) {
      // a Boolean column alone (b, NOT b, b IS TRUE / FALSE) is the index condition b = true / false
      const { arg, value } = boolClause(c)!;
      const key = columnKey(cx, entry, arg);
      const eq = operatorsNamed('=')?.find(o => o.left === 16 && o.right === 16);
      if (key === null || !eq) continue;
      const v: Expr = { k: 'const', type: 16, typmod: -1, value };
      shownAs.set(c, { k: 'op', type: 16, typmod: -1, op: eq, args: [arg, v] });
      out.push({ cond: c, col: key, kind: 'eq', value: v, inclusive: true });
    } else if (c.k === 'scalararray' && c.any && c.op.name === '=' && c.op.left === c.op.right && !c.op.user) {
      const v = stripRelabel(c.args[0]);
      const key = columnKey(cx, entry, v);
      if (key === null || !sameOrder(v.type, c.op.left)) continue;
      if (!available(c.args[1], outer)) continue;
      out.push({ cond: c, col: key, kind: 'any', value: c.args[1], inclusive: true });
    }
  }
  return out;
}

/**
 * Conditions on index columns from position `from` on (after the one the scan is ordered or
 * ranged by): a B-tree checks them in the index too (PostgreSQL's index quals on non-leading
 * columns), shown with the column side bare (the index column). For EXPLAIN-only plans.
 */
export function laterIndexQuals(cx: PlanContext, entry: number, index: Index, from: number, conds: Expr[]): { shown: Expr[]; used: Expr[] } {
  if (index.method === 'hash') return { shown: [], used: [] };
  const cols = indexColumnKeys(index);
  const found: { pos: number; cond: Expr; shown: Expr }[] = [];
  for (const c of indexClauses(cx, entry, conds, new Set())) {
    const pos = cols.indexOf(c.col, from);
    if (pos < 0 || c.kind === 'any') continue;
    const cond = c.cond;
    const bare = cond.k === 'op' ? { ...cond, args: cond.args.map(a => (columnKey(cx, entry, a) === c.col ? stripRelabel(a) : a)) } : cond;
    found.push({ pos, cond, shown: shownAs.get(cond) ?? bare });
  }
  found.sort((a, b) => a.pos - b.pos);
  return { shown: found.map(f => f.shown), used: found.map(f => f.cond) };
}

interface IndexMatch {
  index: Index;
  keys: Expr[];
  anyKey: Expr | null;
  lower: IndexBound[];
  upper: IndexBound[];
  /** The conditions used, in index column order. */
  used: Expr[];
  /** The index answers equality on all its columns (a unique index: one row). */
  fullEq: boolean;
}

function matchIndex(index: Index, clauses: IndexClause[]): IndexMatch | null {
  const m: IndexMatch = { index, keys: [], anyKey: null, lower: [], upper: [], used: [], fullEq: false };
  const hash = index.method === 'hash';
  for (const col of indexColumnKeys(index)) {
    const here = clauses.filter(c => c.col === col);
    const eq = here.find(c => c.kind === 'eq');
    if (eq) { m.keys.push(eq.value); m.used.push(eq.cond); continue; }
    const any = here.find(c => c.kind === 'any');
    if (any) { m.anyKey = any.value; m.used.push(any.cond); break; }
    // a hash index answers equality only
    if (hash) break;
    for (const c of here) {
      if (c.kind === 'lower') m.lower.push({ value: c.value, inclusive: c.inclusive });
      else if (c.kind === 'upper') m.upper.push({ value: c.value, inclusive: c.inclusive });
      else continue;
      m.used.push(c.cond);
    }
    break;
  }
  if (!m.used.length) return null;
  m.fullEq = m.keys.length === index.columns.length;
  return m;
}

export interface ScanRequest {
  entry: number;
  table: Table;
  inh: boolean;
  /** The entry's own conditions. */
  conds: Expr[];
  /** Join conditions with `outer` (a parameterized scan): only those an index uses are taken. */
  joinConds?: Expr[];
  outer?: Set<number>;
  /** Times the scan runs (outer rows of the nested loop). */
  loops?: number;
  /** Conditions checked above this scan (for the width of its rows). */
  pending: Expr[];
}

/** The cheapest way to scan a table; with outer entries, only index scans keyed by them (or null). */
export function bestScan(cx: PlanContext, r: ScanRequest): Plan | null {
  const rel = cx.rels.get(r.entry)!;
  const outer = r.outer ?? new Set<number>();
  const paramOnly = outer.size > 0;
  const s = cx.settings;
  const width = widthOf(cx, [r.entry], r.pending, true);
  let best: Plan | null = null;
  const consider = (p: Plan) => { if (!best || p.est!.total < best.est!.total) best = p; };
  if (!paramOnly) {
    const e = seqScanCost(rel.pages, rel.tuples, r.conds, rel.rows, width);
    if (!s.seqscan) { e.startup += DISABLE_COST; e.total += DISABLE_COST; }
    const seq: Plan = { k: 'seqscan', entry: r.entry, table: r.table, inh: r.inh, filter: andOf(orderQuals(r.conds)), est: e };
    if (r.inh && (r.table.children.length || r.table.partitionKey)) {
      seq.members = memberTables(cx, r.entry, r.table, r.conds)
        .map(t => asMember(bestScan(memberContext(cx, r.entry, t, r.conds), { ...r, table: t, inh: false })!, t));
    }
    consider(seq);
  }
  const all = [...r.conds, ...(r.joinConds ?? [])];
  const clauses = indexClauses(cx, r.entry, all, outer);
  const neededAttnums = neededColumns(cx, r, all);
  const indexes = r.inh && r.table.children.length ? [] : r.table.indexes;
  for (const index of indexes) {
    if (index.exclusion) continue; // keeps no entries (integrity/exclusion.ts)
    const implied = indexUsable(cx, r.entry, index, r.conds);
    if (!implied) continue;
    const stored = [...index.columns, ...(index.include ?? [])];
    // an index holding every column read can be scanned whole (an index-only scan) even with no condition on it
    const covers = !paramOnly && index.method !== 'hash' && neededAttnums.every(a => stored.includes(a));
    const m = matchIndex(index, clauses) ?? (covers ? { index, keys: [], anyKey: null, lower: [], upper: [], used: [], fullEq: false } : null);
    if (!m) continue;
    if (paramOnly && !m.used.some(c => entriesOf(c).size > 1 || [...entriesOf(c)].some(x => outer.has(x)))) continue;
    const usedJoin = (r.joinConds ?? []).filter(c => m.used.includes(c));
    const rowsSel = clauseListSelectivity([...r.conds, ...usedJoin], cx.sel);
    const rows = clampRows(rel.tuples * rowsSel);
    const filter = [...r.conds.filter(c => !m.used.includes(c) && !implied.includes(c))];
    const size = indexSize(index, rel.tuples);
    const nAny = m.anyKey ? arrayLength(m.anyKey) : 1;
    const input: IndexPathInput = {
      selectivity: m.used.length || implied.length ? clauseListSelectivity([...m.used, ...implied], cx.sel) : 1, uniqueProbe: m.fullEq && index.unique,
      indexPages: size.pages, indexTuples: size.tuples * (implied.length ? clauseListSelectivity(implied, cx.sel) : 1), treeHeight: size.height,
      nIndexQuals: m.used.length, saScans: nAny,
      relPages: rel.pages, relTuples: rel.tuples, totalPages: cx.totalPages,
      correlation: columnStats(r.table, index.columns[0])?.correlation ?? 0, filter, rows, width, loops: r.loops ?? 1,
    };
    const onlyIndex = index.method !== 'hash' && neededAttnums.every(a => stored.includes(a)) && !(r.inh && r.table.children.length);
    const e = indexScanCost(onlyIndex ? { ...input, allVisFrac: allVisibleFraction(r.table) } : input);
    const enabled = onlyIndex ? s.indexonlyscan && s.indexscan : s.indexscan;
    if (!enabled) { e.startup += DISABLE_COST; e.total += DISABLE_COST; }
    const base = { entry: r.entry, table: r.table, inh: r.inh, index, keys: m.keys, anyKey: m.anyKey, lower: m.lower, upper: m.upper, indexCond: shown(m.used) };
    consider({ k: 'indexscan', ...base, filter: andOf(orderQuals(filter)), est: e, indexOnly: onlyIndex });
    // a bitmap scan: the heap in physical order, every condition rechecked
    if (m.used.length) {
      const b = bitmapScanCost({ ...input, relPages: rel.pages }, r.conds.concat(usedJoin));
      if (!s.bitmapscan) { b.heap.startup += DISABLE_COST; b.heap.total += DISABLE_COST; }
      consider({ k: 'indexscan', ...base, filter: andOf(orderQuals(filter)), bitmap: true, est: b.heap, indexEst: b.index });
    }
  }
  return best;
}

/** Columns (attnums) read from the entry by the output, the filters, the joins: an index-only scan needs them all in the index. */
function neededColumns(cx: PlanContext, r: ScanRequest, conds: Expr[]): number[] {
  const needed = new Map<number, Set<number>>();
  for (const [e, atts] of cx.upper) if (e === r.entry) needed.set(e, new Set(atts));
  for (const [e, atts] of cx.joinColumns) if (e === r.entry) for (const a of atts) (needed.get(e) ?? needed.set(e, new Set()).get(e)!).add(a);
  for (const c of [...conds, ...r.pending]) columnsOf(c, needed);
  return [...(needed.get(r.entry) ?? [])].map(att => cx.q.entries[r.entry].columns[att]?.attnum ?? -1);
}

function arrayLength(e: Expr): number {
  if (e.k === 'const' && Array.isArray(e.value)) return Math.max(e.value.length, 1);
  if (e.k === 'array') return Math.max(e.elems.length, 1);
  return 10;
}

/**
 * Index scans of every index in its key order (backward: descending), using whatever
 * conditions it can answer (none: the whole index), for ORDER BY without a Sort.
 */
export function orderedScans(cx: PlanContext, r: ScanRequest, backward: boolean, allowAny = false): Plan[] {
  const rel = cx.rels.get(r.entry)!;
  if (r.inh && r.table.children.length) return [];
  const width = widthOf(cx, [r.entry], r.pending, true);
  const clauses = indexClauses(cx, r.entry, r.conds, new Set());
  const out: Plan[] = [];
  for (const index of r.table.indexes) {
    if (index.exclusion) continue;
    const implied = indexUsable(cx, r.entry, index, r.conds);
    if (!implied || index.method === 'hash') continue;
    const m = matchIndex(index, clauses) ?? { index, keys: [], anyKey: null, lower: [], upper: [], used: [], fullEq: false };
    // = ANY probes its values in order: ordered too (only EXPLAIN's members ask for it)
    if (m.anyKey && !allowAny) continue;
    const filter = r.conds.filter(c => !m.used.includes(c) && !implied.includes(c));
    // conditions on later index columns are index conditions too: they do not narrow the range read, but the rows fetched
    const later = laterIndexQuals(cx, r.entry, index, m.keys.length + 1, filter);
    const size = indexSize(index, rel.tuples);
    const input: IndexPathInput = {
      selectivity: m.used.length ? clauseListSelectivity(m.used, cx.sel) : 1, uniqueProbe: m.fullEq && index.unique,
      heapSelectivity: later.used.length ? clauseListSelectivity([...m.used, ...later.used], cx.sel) : undefined,
      indexPages: size.pages, indexTuples: size.tuples, treeHeight: size.height, nIndexQuals: m.used.length + later.used.length,
      saScans: m.anyKey ? arrayLength(m.anyKey) : 1, relPages: rel.pages, relTuples: rel.tuples, totalPages: cx.totalPages,
      correlation: columnStats(r.table, index.columns[0])?.correlation ?? 0, filter: filter.filter(c => !later.used.includes(c)), rows: rel.rows, width, loops: 1,
    };
    const stored = [...index.columns, ...(index.include ?? [])];
    const onlyIndex = neededColumns(cx, r, r.conds).every(a => stored.includes(a));
    const e = indexScanCost(onlyIndex ? { ...input, allVisFrac: allVisibleFraction(r.table) } : input);
    if (!cx.settings.indexscan || (onlyIndex && !cx.settings.indexonlyscan)) { e.startup += DISABLE_COST; e.total += DISABLE_COST; }
    out.push({ k: 'indexscan', entry: r.entry, table: r.table, inh: r.inh, index, keys: m.keys, anyKey: m.anyKey, lower: m.lower, upper: m.upper,
      indexCond: shown(m.used), filter: andOf(filter), backward, indexOnly: onlyIndex, est: e, ...(later.used.length ? { laterQuals: later } : {}) });
  }
  return out;
}
