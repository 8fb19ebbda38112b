// PostgreSQL's cost model (costsize.c) with its default parameters, so that plan choices
// follow PostgreSQL's where the model decides them: a sequential page costs 1, a random
// one 4, a row 0.01, an index entry 0.005, an operator 0.0025.
import type { Expr } from '../analyzer/query.js';
import type { Est } from './plan.js';
import { clampRows, rint } from './stats.js';
import { forEachChild } from '../analyzer/walk.js';

export const SEQ_PAGE_COST = 1;
export const RANDOM_PAGE_COST = 4;
export const CPU_TUPLE_COST = 0.01;
export const CPU_INDEX_TUPLE_COST = 0.005;
export const CPU_OPERATOR_COST = 0.0025;
/** effective_cache_size in pages (4GB). */
export const EFFECTIVE_CACHE_SIZE = 524288;
/** What a disabled plan type (enable_seqscan = off …) costs on top. */
export const DISABLE_COST = 1.0e10;

export interface QualCost { startup: number; perTuple: number }

/** cost_qual_eval: what evaluating the conditions costs per row (operators and functions 1 each). */
export function qualCost(conds: Expr[]): QualCost {
  const c: QualCost = { startup: 0, perTuple: 0 };
  for (const e of conds) addExprCost(e, c);
  return c;
}

function addExprCost(e: Expr, c: QualCost): void {
  switch (e.k) {
    case 'op': case 'distinct': case 'nullif': c.perTuple += CPU_OPERATOR_COST; break;
    case 'func': c.perTuple += CPU_OPERATOR_COST; break;
    case 'scalararray': {
      const arr = e.args[1];
      const n = arr.k === 'const' && Array.isArray(arr.value) ? arr.value.length : arr.k === 'array' ? arr.elems.length : 10;
      c.perTuple += CPU_OPERATOR_COST * n * 0.5;
      break;
    }
    case 'cast': if (e.fn) c.perTuple += CPU_OPERATOR_COST; break;
    case 'rowcompare': c.perTuple += CPU_OPERATOR_COST * e.ops.length; break;
    case 'aggref': return;
    case 'sublink': c.perTuple += CPU_OPERATOR_COST * 100; return;
    default: break;
  }
  forEachChild(e, x => addExprCost(x, c));
}

/** cost_seqscan. */
export function seqScanCost(pages: number, tuples: number, quals: Expr[], rows: number, width: number): Est {
  const q = qualCost(quals);
  return { startup: q.startup, total: q.startup + SEQ_PAGE_COST * pages + (CPU_TUPLE_COST + q.perTuple) * tuples, rows, width };
}

/** index_pages_fetched (Mackert and Lohman). */
export function indexPagesFetched(tuplesFetched: number, pages: number, indexPages: number, totalPages: number): number {
  const T = pages > 1 ? pages : 1;
  const total = Math.max(totalPages + indexPages, 1);
  let b = (EFFECTIVE_CACHE_SIZE * T) / total;
  b = b <= 1 ? 1 : Math.ceil(b);
  let fetched: number;
  if (T <= b) {
    fetched = (2 * T * tuplesFetched) / (2 * T + tuplesFetched);
    fetched = fetched >= T ? T : Math.ceil(fetched);
  } else {
    const lim = (2 * T * b) / (2 * T - b);
    if (tuplesFetched <= lim) fetched = (2 * T * tuplesFetched) / (2 * T + tuplesFetched);
    else fetched = b + (tuplesFetched - lim) * (T - b) / T;
    fetched = Math.ceil(fetched);
  }
  return fetched;
}

export interface IndexPathInput {
  /** Fraction of the index the boundary conditions select. */
  selectivity: number;
  /** Fraction of the rows all index conditions keep (the heap rows fetched), when more than the boundary ones. */
  heapSelectivity?: number;
  /** The index answers equality on all its columns and is unique: one row at most. */
  uniqueProbe: boolean;
  indexPages: number;
  indexTuples: number;
  treeHeight: number;
  nIndexQuals: number;
  /** Number of index probes (= ANY arrays make one per element). */
  saScans: number;
  relPages: number;
  relTuples: number;
  totalPages: number;
  correlation: number;
  /** Conditions checked on fetched rows. */
  filter: Expr[];
  rows: number;
  width: number;
  /** Repetitions (inner side of a nested loop). */
  loops: number;
  /** An index-only scan: the fraction of heap pages known all-visible (not fetched). */
  allVisFrac?: number;
}

/** btcostestimate + genericcostestimate: the index part (startup and total). */
export function indexAccessCost(p: IndexPathInput): { startup: number; total: number; tuples: number } {
  let numIndexTuples = p.uniqueProbe ? p.saScans : p.selectivity * p.indexTuples;
  numIndexTuples = rint(numIndexTuples / p.saScans);
  if (numIndexTuples > p.indexTuples) numIndexTuples = p.indexTuples;
  if (numIndexTuples < 1) numIndexTuples = 1;
  const numIndexPages = p.indexPages > 1 && p.indexTuples > 1 ? Math.ceil(numIndexTuples * p.indexPages / p.indexTuples) : 1;
  let total: number;
  if (p.loops > 1 || p.saScans > 1) {
    const pagesFetched = indexPagesFetched(numIndexPages * p.loops * p.saScans, p.indexPages, p.indexPages, p.totalPages);
    total = (pagesFetched * RANDOM_PAGE_COST) / p.loops;
  } else total = numIndexPages * RANDOM_PAGE_COST;
  const qualOp = CPU_OPERATOR_COST * p.nIndexQuals;
  total += numIndexTuples * p.saScans * (CPU_INDEX_TUPLE_COST + qualOp);
  let startup = 0;
  if (p.indexTuples > 1) {
    const descent = Math.ceil(Math.log2(p.indexTuples)) * CPU_OPERATOR_COST;
    startup += descent;
    total += p.saScans * descent;
  }
  const pageDescent = (p.treeHeight + 1) * 50 * CPU_OPERATOR_COST;
  startup += pageDescent;
  total += p.saScans * pageDescent;
  return { startup, total, tuples: numIndexTuples };
}

/** cost_index: an Index Scan. */
export function indexScanCost(p: IndexPathInput): Est {
  const ix = indexAccessCost(p);
  let startup = ix.startup;
  let run = ix.total - ix.startup;
  const heapSel = p.heapSelectivity ?? p.selectivity;
  const tuplesFetched = clampRows(p.uniqueProbe ? p.saScans : heapSel * p.relTuples);
  let maxIO: number, minIO: number;
  if (p.loops > 1) {
    const fetched = indexPagesFetched(tuplesFetched * p.loops, p.relPages, p.indexPages, p.totalPages);
    maxIO = (fetched * RANDOM_PAGE_COST) / p.loops;
    const pf = Math.ceil(heapSel * p.relPages);
    const f2 = indexPagesFetched(pf * p.loops, p.relPages, p.indexPages, p.totalPages);
    minIO = (f2 * RANDOM_PAGE_COST) / p.loops;
  } else {
    maxIO = indexPagesFetched(tuplesFetched, p.relPages, p.indexPages, p.totalPages) * RANDOM_PAGE_COST;
    const pf = indexPagesFetched(Math.ceil(heapSel * p.relPages), p.relPages, p.indexPages, p.totalPages);
    minIO = pf > 0 ? RANDOM_PAGE_COST + (pf - 1) * SEQ_PAGE_COST : 0;
  }
  if (p.allVisFrac !== undefined) {
    maxIO = Math.ceil(maxIO / RANDOM_PAGE_COST * (1 - p.allVisFrac)) * RANDOM_PAGE_COST;
    minIO = minIO * (1 - p.allVisFrac);
  }
  const c2 = p.correlation * p.correlation;
  run += maxIO + c2 * (minIO - maxIO);
  const q = qualCost(p.filter);
  startup += q.startup;
  run += (CPU_TUPLE_COST + q.perTuple) * tuplesFetched;
  return { startup, total: startup + run, rows: p.rows, width: p.width };
}

/** cost_bitmap_heap_scan over one Bitmap Index Scan; `recheck` are all the table's conditions. */
export function bitmapScanCost(p: IndexPathInput, recheck: Expr[]): { heap: Est; index: Est } {
  const ix = indexAccessCost(p);
  const indexRows = clampRows(p.selectivity * p.relTuples);
  const indexTotal = ix.total;
  let startup = indexTotal + 0.1 * CPU_OPERATOR_COST * indexRows;
  const T = p.relPages > 1 ? p.relPages : 1;
  const tuplesFetched = clampRows(p.selectivity * p.relTuples);
  let pagesFetched = indexPagesFetched(tuplesFetched * p.loops, p.relPages, p.indexPages, p.totalPages);
  if (p.loops > 1) pagesFetched /= p.loops;
  pagesFetched = pagesFetched >= T ? T : Math.ceil(pagesFetched);
  const costPerPage = pagesFetched >= 2 ? RANDOM_PAGE_COST - (RANDOM_PAGE_COST - SEQ_PAGE_COST) * Math.sqrt(pagesFetched / T) : RANDOM_PAGE_COST;
  let run = pagesFetched * costPerPage;
  const q = qualCost(recheck);
  startup += q.startup;
  run += (CPU_TUPLE_COST + q.perTuple) * tuplesFetched;
  return {
    heap: { startup, total: startup + run, rows: p.rows, width: p.width },
    index: { startup: 0, total: indexTotal, rows: indexRows, width: 0 },
  };
}

/** cost_sort for n rows (bounded by a LIMIT when `limit` is given). */
export function sortCost(input: Est, limit?: number): Est {
  const n = Math.max(input.rows, 2);
  const cmp = 2 * CPU_OPERATOR_COST;
  let startup = input.total;
  if (limit !== undefined && limit * 2 < n && limit > 0) startup += cmp * n * Math.log2(2 * limit);
  else startup += cmp * n * Math.log2(n);
  return { startup, total: startup + CPU_OPERATOR_COST * input.rows, rows: input.rows, width: input.width };
}

/** cost_material: the inner of a nested loop kept in memory. */
export function materialCost(input: Est): Est {
  return { startup: input.startup, total: input.total + 2 * CPU_OPERATOR_COST * input.rows, rows: input.rows, width: input.width };
}

/** Rescanning a materialized inner costs only its per-row fetch. */
export function materialRescan(input: Est): number {
  return CPU_OPERATOR_COST * input.rows;
}

/** cost_agg, plain (one result row); finals: aggregates with a final function. */
export function plainAggCost(input: Est, nAggs: number, width: number, finals = 0): Est {
  const startup = input.total + nAggs * CPU_OPERATOR_COST * input.rows + finals * CPU_OPERATOR_COST;
  return { startup, total: startup + CPU_TUPLE_COST, rows: 1, width };
}

/** cost_agg, hashed or sorted groups. */
export function groupAggCost(input: Est, nGroupCols: number, nAggs: number, groups: number, hashed: boolean, width: number, having: Expr | null,
  finals = 0): Est {
  const q = having ? qualCost([having]) : { startup: 0, perTuple: 0 };
  q.perTuple += finals * CPU_OPERATOR_COST;
  const rows = having ? clampRows(groups * 0.5) : groups;
  if (hashed) {
    const startup = input.total + (CPU_OPERATOR_COST * nGroupCols + nAggs * CPU_OPERATOR_COST) * input.rows;
    return { startup, total: startup + (CPU_TUPLE_COST + q.perTuple) * groups, rows, width };
  }
  const startup = input.startup;
  const total = input.total + (CPU_OPERATOR_COST * nGroupCols + nAggs * CPU_OPERATOR_COST) * input.rows + (CPU_TUPLE_COST + q.perTuple) * groups;
  return { startup, total, rows, width };
}

/** A Limit's share of its input. */
export function limitCost(input: Est, offset: number, count: number | null): Est {
  const rows = input.rows;
  let startup = input.startup, total = input.total, out = rows;
  if (offset > 0 && rows > 0) {
    const off = Math.min(offset, rows);
    startup += (input.total - input.startup) * off / rows;
    out = Math.max(rows - off, 1);
  }
  if (count !== null && rows > 0) {
    const n = Math.min(count, out);
    total = startup + (input.total - input.startup) * n / rows;
    out = Math.max(n, 1);
  }
  return { startup, total, rows: clampRows(out), width: input.width };
}

/** ExecChooseHashTableSize's bucket count for the inner rows (work_mem is ample: one batch). */
export function hashBuckets(innerRows: number): number {
  let n = 1024;
  while (n < innerRows) n *= 2;
  return n;
}

/**
 * estimate_hash_bucket_stats: the fraction of the inner rows in a key's bucket. `nd`: the key's
 * distinct values (isDefault when nothing is known: PostgreSQL then assumes 0.1).
 */
export function bucketFraction(nd: number, isDefault: boolean, relRows: number, relTuples: number, buckets: number): number {
  if (isDefault) return Math.max(0.1, 1 / buckets);
  let n = nd;
  if (relTuples > 0) n = clampRows(n * relRows / relTuples);
  let f = n > buckets ? 1 / buckets : 1 / n;
  if (f < 1e-6) f = 1e-6; else if (f > 1) f = 1;
  return f;
}

export interface HashJoinInput {
  outer: Est;
  inner: Est;
  nClauses: number;
  /** Conditions checked on the hash matches (Join Filter). */
  other: Expr[];
  /** The smallest bucket fraction over the hash keys. */
  bucketFrac: number;
  /** Rows passing the hash keys under inner-join rules (approx_tuple_count). */
  hashTuples: number;
  /** SEMI / ANTI: fraction of outer rows with a match and the average matches of those. */
  semi?: { anti: boolean; matchFrac: number; matchCount: number };
  rows: number;
  width: number;
}

/** initial_cost_hashjoin + final_cost_hashjoin. */
export function hashJoinCost(p: HashJoinInput): Est {
  const { outer: o, inner: i } = p;
  const hashOp = CPU_OPERATOR_COST * p.nClauses;
  let startup = o.startup + i.total + (hashOp + CPU_TUPLE_COST) * i.rows;
  let run = (o.total - o.startup) + hashOp * o.rows;
  const buckets = hashBuckets(i.rows);
  let joinTuples: number;
  if (p.semi) {
    const matched = rint(o.rows * p.semi.matchFrac);
    const scanFrac = 2 / (p.semi.matchCount + 1);
    run += hashOp * matched * clampRows(i.rows * p.bucketFrac * scanFrac) * 0.5;
    run += hashOp * (o.rows - matched) * clampRows(i.rows / buckets) * 0.05;
    joinTuples = p.semi.anti ? o.rows - matched : matched;
  } else {
    run += hashOp * o.rows * clampRows(i.rows * p.bucketFrac) * 0.5;
    joinTuples = p.hashTuples;
  }
  const q = qualCost(p.other);
  startup += q.startup;
  run += (CPU_TUPLE_COST + q.perTuple) * joinTuples;
  return { startup, total: startup + run, rows: p.rows, width: p.width };
}
