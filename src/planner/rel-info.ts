// Per-query planning context: each range entry's size estimate, the columns needed above
// each scan (for the widths EXPLAIN shows), and the planner settings in force.
import type { Expr, FromNode, Query } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { isSystemRelation } from '../catalog/system/index.js';
import { forEachChild, visitQueryExprs, type Est } from './plan.js';
import { clauseListSelectivity, type RelInfo, type SelContext } from './selectivity.js';
import { plannerSettings, type PlannerSettings } from './settings.js';
import { clampRows, columnWidth, relSize, typeAvgWidth } from './stats.js';

export interface BaseRel extends RelInfo {
  entry: number;
  pages: number;
}

export interface PlanContext {
  q: Query;
  sel: SelContext;
  rels: Map<number, BaseRel>;
  /** Pages of every table the query reads (index_pages_fetched's total_table_pages). */
  totalPages: number;
  /** Columns (entry → attribute slots) read above the join tree: output, grouping, ordering. */
  upper: Map<number, Set<number>>;
  /** Columns compared across FROM items (a scan reads them even when its join condition was replaced). */
  joinColumns: Map<number, Set<number>>;
  settings: PlannerSettings;
}

/** Every table of an inheritance tree a scan covers. */
function inheritance(t: Table, inh: boolean): Table[] {
  if (!inh || t.children.length === 0) return [t];
  const out: Table[] = [t];
  for (let i = 0; i < out.length; i++) for (const c of out[i].children) if (!out.includes(c)) out.push(c);
  return out;
}

/** Size of a table entry (with its inheritance children unless ONLY). */
export function tableSize(t: Table, inh: boolean): { pages: number; tuples: number } {
  if (isSystemRelation(t)) return { pages: 10, tuples: 1000 };
  let pages = 0, tuples = 0;
  for (const x of inheritance(t, inh)) {
    const s = relSize(x);
    pages += s.pages;
    tuples += s.tuples;
  }
  return { pages, tuples };
}

/** Rows a subquery, VALUES, function or WITH entry is expected to give. */
export type RowsOf = (q: Query) => number;

export function planContext(q: Query, rowsOf: RowsOf): PlanContext {
  const rels = new Map<number, BaseRel>();
  const sel: SelContext = {
    rel: e => rels.get(e),
    attnum: (e, att) => q.entries[e]?.columns[att]?.attnum,
  };
  let totalPages = 0;
  q.entries.forEach((en, i) => {
    let tuples = 0, pages = 0;
    switch (en.kind) {
      case 'table': ({ pages, tuples } = tableSize(en.table!, !!en.inh)); totalPages += pages; break;
      case 'subquery': tuples = rowsOf(en.query!); break;
      case 'values': tuples = en.values!.length; break;
      case 'function': tuples = functionRows(en.func!); break;
      case 'cte': tuples = en.cte?.query ? rowsOf(en.cte.query) : 1000; break;
      default: tuples = 1;
    }
    rels.set(i, { entry: i, table: en.kind === 'table' ? en.table! : null, tuples, rows: tuples, pages });
  });
  return { q, sel, rels, totalPages, upper: upperColumns(q), joinColumns: new Map(), settings: plannerSettings() };
}

/** prorows: 1000 for a set-returning function, 1 otherwise (generate_series with constants: its length). */
function functionRows(func: Expr): number {
  if (func.k !== 'func' || !func.fn.retSet) return 1;
  if (func.fn.name === 'generate_series' && func.args.length >= 2 && func.args.every(a => a.k === 'const')) {
    const [a, b, step] = func.args.map(x => Number((x as { value: unknown }).value));
    const s = func.args.length > 2 ? step : 1;
    if (Number.isFinite(a) && Number.isFinite(b) && s) return Math.max(Math.floor((b - a) / s) + 1, 1);
  }
  return 1000;
}

/** Sets a base relation's row estimate from its own conditions. */
export function restrictRows(cx: PlanContext, entry: number, conds: Expr[]): number {
  const rel = cx.rels.get(entry)!;
  rel.rows = clampRows(rel.tuples * clauseListSelectivity(conds, cx.sel));
  if (rel.tuples === 0) rel.rows = 1;
  return rel.rows;
}

/** Columns of this query level that its output, grouping, ordering and aggregates read. */
function upperColumns(q: Query): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  const add = (e: Expr, depth: number): void => {
    if (e.k === 'var' && e.levelsUp === depth) {
      let s = out.get(e.entry);
      if (!s) out.set(e.entry, s = new Set());
      s.add(e.att);
    }
    if (e.k === 'sublink') {
      visitQueryExprs(e.query, x => add(x, depth + 1));
      if (e.test) add(e.test, depth);
      return;
    }
    forEachChild(e, c => add(c, depth));
  };
  for (const t of q.targets) add(t.expr, 0);
  for (const g of q.groupBy) add(g, 0);
  if (q.having) add(q.having, 0);
  for (const o of q.orderBy) add(o.expr, 0);
  for (const d of q.distinctOn ?? []) add(d, 0);
  for (const a of q.aggs) { for (const x of a.args) add(x, 0); if (a.filter) add(a.filter, 0); for (const o of a.orderBy) add(o.expr, 0); }
  return out;
}

/** Attribute slots of `entry` an expression reads. */
export function columnsOf(e: Expr, out: Map<number, Set<number>>, depth = 0): void {
  if (e.k === 'var' && e.levelsUp === depth) {
    let s = out.get(e.entry);
    if (!s) out.set(e.entry, s = new Set());
    s.add(e.att);
  }
  if (e.k === 'sublink') {
    visitQueryExprs(e.query, x => columnsOf(x, out, depth + 1));
    if (e.test) columnsOf(e.test, out, depth);
    return;
  }
  forEachChild(e, c => columnsOf(c, out, depth));
}

/**
 * The width of the rows a plan over `entries` passes up: the columns read above it (by the
 * output or by conditions still to be checked, `pending`).
 */
export function widthOf(cx: PlanContext, entries: Iterable<number>, pending: Expr[], scan = false): number {
  const need = new Map<number, Set<number>>();
  for (const [e, atts] of cx.upper) need.set(e, new Set(atts));
  if (scan) for (const [e, atts] of cx.joinColumns) { const s = need.get(e) ?? new Set<number>(); for (const a of atts) s.add(a); need.set(e, s); }
  for (const c of pending) columnsOf(c, need);
  let w = 0;
  for (const e of entries) {
    const atts = need.get(e);
    if (!atts) continue;
    const en = cx.q.entries[e];
    for (const att of atts) {
      const col = en.columns[att];
      if (!col) continue;
      w += en.kind === 'table' && col.attnum ? columnWidth(en.table!, col.attnum) : typeAvgWidth(col.type, col.typmod);
    }
  }
  return w;
}

export function entryListOf(n: FromNode): number[] {
  return n.k === 'entry' ? [n.entry] : n.entries;
}

export const est = (startup: number, total: number, rows: number, width: number): Est => ({ startup, total, rows, width });
