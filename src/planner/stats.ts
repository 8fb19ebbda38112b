// What the planner knows of a table's size and contents, estimated as PostgreSQL does:
// a table never vacuumed or analyzed is assumed to span at least 10 pages of rows as wide
// as its column types suggest (plancat.c's estimate_rel_size); ANALYZE (and VACUUM, CREATE
// INDEX on a filled table) records the real row count and, for ANALYZE, per-column
// statistics (null fraction, distinct values, a sorted sample for range selectivity).
import type { Index, Table } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';

export const BLCKSZ = 8192;
/** Bytes of a heap page rows can use (BLCKSZ − page header). */
const USABLE = BLCKSZ - 24;
/** Per-row overhead in a heap page: MAXALIGN(tuple header) + item pointer. */
const TUPLE_OVERHEAD = 24 + 4;
/** PostgreSQL's estimate of distinct values when it knows nothing. */
export const DEFAULT_NUM_DISTINCT = 200;

export interface ColumnStats {
  nullFrac: number;
  /** Distinct non-null values: a count (> 0) or minus a fraction of the rows (< 0). */
  nDistinct: number;
  width: number;
  /** The non-null values, sorted by the type's order (a sample of at most SAMPLE rows). */
  sorted: unknown[];
  compare: (a: unknown, b: unknown) => number;
  /** Correlation between physical and logical order (−1 … 1). */
  correlation: number;
}

interface RelStats {
  relpages: number;
  reltuples: number;
  columns: Map<number, ColumnStats> | null;
  /** Row versions when VACUUM last ran: the pages are all-visible while nothing changed. */
  vacuumedAt?: number;
}

const SAMPLE = 30000;
const stats = new WeakMap<Table, RelStats>();

/** get_typavgwidth: the width PostgreSQL assumes for a column of the type. */
export function typeAvgWidth(typeOid: number, typmod: number): number {
  const t = typeByOid(typeOid);
  const len = t?.len ?? -1;
  if (len > 0) return len;
  const max = typeMaxSize(typeOid, typmod);
  if (max > 0) {
    if (typeOid === OID.bpchar) return max;
    if (max <= 32) return max;
    if (max < 1000) return 32 + Math.trunc((max - 32) / 2);
    return 32 + Math.trunc((1000 - 32) / 2);
  }
  return 32;
}

/** type_maximum_size (UTF-8: 4 bytes a character at most). */
function typeMaxSize(typeOid: number, typmod: number): number {
  if (typmod < 0) return -1;
  switch (typeOid) {
    case OID.bpchar: case OID.varchar: return (typmod - 4) * 4 + 4;
    case OID.numeric: {
      const precision = ((typmod - 4) >> 16) & 0xffff;
      return 8 + Math.trunc((precision + 6) / 4) * 2;
    }
    case OID.bit: case OID.varbit: return Math.trunc((typmod + 7) / 8) + 8;
    default: return -1;
  }
}

function liveColumns(t: Table) {
  return t.columns.filter(c => !c.dropped);
}

/** The width of a row of the table's columns (for pages and tuple density). */
function dataWidth(t: Table): number {
  const s = stats.get(t)?.columns;
  let w = 0;
  for (const c of liveColumns(t)) w += s?.get(c.attnum)?.width ?? typeAvgWidth(c.typeOid, c.typmod);
  return w;
}

/** Width of one column as the planner counts it. */
export function columnWidth(t: Table, attnum: number): number {
  const cs = stats.get(t)?.columns?.get(attnum);
  if (cs) return cs.width;
  const c = t.columns[attnum - 1];
  return c ? typeAvgWidth(c.typeOid, c.typmod) : 4;
}

/** The pages the table's row versions fill now (RelationGetNumberOfBlocks). */
function physicalPages(t: Table): number {
  const n = t.heap.tuples.length;
  if (n === 0) return 0;
  const perPage = Math.max(1, Math.floor(USABLE / (dataWidth(t) + TUPLE_OVERHEAD)));
  return Math.ceil(n / perPage);
}

export interface RelSize { pages: number; tuples: number }

/** estimate_rel_size for a plain table (its inheritance children not included). */
export function relSize(t: Table): RelSize {
  const st = stats.get(t);
  let pages = physicalPages(t);
  const reltuples = st ? st.reltuples : -1;
  const relpages = st ? st.relpages : 0;
  // never vacuumed: assume at least 10 pages, unless it has inheritance children
  if (pages < 10 && reltuples < 0 && t.children.length === 0) pages = 10;
  if (pages === 0) return { pages: 0, tuples: 0 };
  const density = reltuples >= 0 && relpages > 0 ? reltuples / relpages
    : Math.floor(USABLE / (dataWidth(t) + TUPLE_OVERHEAD));
  return { pages, tuples: rint(density * pages) };
}

/** Statistics of one column when ANALYZE has run. */
export function columnStats(t: Table, attnum: number): ColumnStats | null {
  return stats.get(t)?.columns?.get(attnum) ?? null;
}

/** Has the table ever been analyzed or vacuumed (pg_class.reltuples ≥ 0)? */
export function hasStats(t: Table): boolean {
  return (stats.get(t)?.reltuples ?? -1) >= 0;
}

/** VACUUM (vacuumed) and CREATE INDEX on a table with rows: the true size becomes known. */
export function recordSize(t: Table, liveRows: number, vacuumed: boolean): void {
  if (liveRows === 0 && !stats.has(t) && !vacuumed) return; // an empty table keeps looking never vacuumed
  const old = stats.get(t);
  stats.set(t, { relpages: physicalPages(t), reltuples: liveRows, columns: old?.columns ?? null,
    vacuumedAt: vacuumed ? t.heap.tuples.length : old?.vacuumedAt });
}

/** pg_class.relallvisible / relpages: all of it after a VACUUM that nothing has followed. */
export function allVisibleFraction(t: Table): number {
  const v = stats.get(t)?.vacuumedAt;
  return v !== undefined && v === t.heap.tuples.length && v > 0 ? 1 : 0;
}

/** ANALYZE: row count and per-column statistics from the live rows. */
export function recordAnalyze(t: Table, rows: unknown[][]): void {
  const sample = rows.length > SAMPLE ? rows.filter((_, i) => i % Math.ceil(rows.length / SAMPLE) === 0) : rows;
  const columns = new Map<number, ColumnStats>();
  for (const c of liveColumns(t)) {
    const type = typeByOid(c.typeOid);
    // a type without ordering (geometric) gets no ordered statistics
    const compare = type && !type.noBtree ? (a: unknown, b: unknown) => type.compare(a, b) : () => 0;
    const vals: unknown[] = [];
    let nulls = 0, bytes = 0;
    const idx = c.attnum - 1;
    for (const r of sample) {
      const v = r[idx] ?? null;
      if (v === null) { nulls++; continue; }
      vals.push(v);
      bytes += valueWidth(v, type?.len ?? -1);
    }
    const positions = vals.map((_, i) => i);
    positions.sort((a, b) => compare(vals[a], vals[b]));
    const sorted = positions.map(i => vals[i]);
    let distinct = sorted.length ? 1 : 0;
    for (let i = 1; i < sorted.length; i++) if (compare(sorted[i - 1], sorted[i]) !== 0) distinct++;
    const n = sample.length;
    // a column whose values are (nearly) all different scales with the table: a fraction
    const nDistinct = distinct > 0.1 * n && distinct === vals.length ? -(1 - nulls / Math.max(n, 1)) : distinct;
    columns.set(c.attnum, {
      nullFrac: n ? nulls / n : 0, nDistinct, width: vals.length ? Math.trunc(bytes / vals.length) : typeAvgWidth(c.typeOid, c.typmod),
      sorted, compare, correlation: correlation(positions),
    });
  }
  // the pages counted with the widths just measured (physicalPages reads them)
  const st: RelStats = { relpages: 0, reltuples: rows.length, columns, vacuumedAt: stats.get(t)?.vacuumedAt };
  stats.set(t, st);
  st.relpages = physicalPages(t);
}

/** Stored width of a value: fixed-length types their length, others their text's bytes plus a header. */
function valueWidth(v: unknown, len: number): number {
  if (len > 0) return len;
  if (typeof v === 'string') return Buffer.byteLength(v) + (v.length < 127 ? 1 : 4);
  if (v instanceof Uint8Array) return v.length + (v.length < 127 ? 1 : 4);
  return 8;
}

/** Spearman-like correlation of sorted position against physical position. */
function correlation(order: number[]): number {
  const n = order.length;
  if (n < 2) return 1;
  let sxy = 0;
  const mean = (n - 1) / 2;
  let sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (i - mean) * (order[i] - mean); sxx += (i - mean) * (i - mean); }
  return sxx ? sxy / sxx : 1;
}

export interface IndexSize { pages: number; tuples: number; height: number }

/** An index's size: the table's row estimate, pages from its entries (a metapage plus leaves). */
export function indexSize(ix: Index, tableTuples: number): IndexSize {
  const entries = ix.tree.size;
  if (entries === 0) return { pages: 1, tuples: tableTuples, height: 0 };
  let keyWidth = 0;
  for (const att of ix.columns) keyWidth += columnWidth(ix.table, att);
  const item = 8 + Math.ceil(keyWidth / 8) * 8 + 4;
  const perLeaf = Math.max(2, Math.floor((USABLE - 16) * 0.9 / item));
  const leaves = Math.ceil(entries / perLeaf);
  let height = 0, level = leaves, internal = 0;
  while (level > 1) { level = Math.ceil(level / perLeaf); internal += level; height++; }
  return { pages: 1 + leaves + internal, tuples: tableTuples, height };
}

/**
 * get_variable_numdistinct: distinct values of a column; isDefault when nothing is known.
 * `unique`: a unique index covers the column alone.
 */
export function numDistinct(t: Table | null, attnum: number, tuples: number, unique: boolean, typeOid: number): { nd: number; isDefault: boolean } {
  const cs = t ? columnStats(t, attnum) : null;
  let stadistinct = 0;
  if (cs) stadistinct = cs.nDistinct;
  else if (typeOid === OID.bool) stadistinct = 2;
  if (unique) stadistinct = -1 * (1 - (cs?.nullFrac ?? 0));
  if (stadistinct > 0) return { nd: clampRows(stadistinct), isDefault: false };
  if (tuples <= 0) return { nd: DEFAULT_NUM_DISTINCT, isDefault: true };
  if (stadistinct < 0) return { nd: clampRows(-stadistinct * tuples), isDefault: false };
  if (tuples < DEFAULT_NUM_DISTINCT) return { nd: clampRows(tuples), isDefault: false };
  return { nd: DEFAULT_NUM_DISTINCT, isDefault: true };
}

/** clamp_row_est: at least one row, a whole number. */
export function clampRows(n: number): number {
  return n <= 1 ? 1 : rint(n);
}

/** C's rint: to the nearest whole number, halves to even. */
export function rint(n: number): number {
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
