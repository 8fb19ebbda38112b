// What VACUUM and ANALYZE leave for the planner (pg_class.relpages/reltuples, pg_statistic):
// the live row count and, for ANALYZE, per-column statistics (planner/stats.ts), so that
// estimates and plan choices follow PostgreSQL's on analyzed tables.
import type { Catalog } from '../catalog/catalog.js';
import type { Table } from '../catalog/objects.js';
import { isSystemRelation } from '../catalog/system/index.js';
import { recordAnalyze, recordSize } from '../planner/stats.js';
import { isVisible, type ReadView } from '../storage/visibility.js';

/** VACUUM / ANALYZE of `tables` (none listed: every table of the database). */
export function gatherStats(catalog: Catalog, view: ReadView, tables: Table[], vacuum: boolean, analyze: boolean): void {
  const list = tables.length ? expand(tables) : catalog.tables().filter(t => !isSystemRelation(t));
  for (const t of list) {
    if (t.relkind === 'p') {
      // a partitioned table's statistics are over its partitions' rows (pg_statistic.stainherit)
      if (analyze) recordAnalyze(t, inheritedRows(t, view));
      continue;
    }
    const rows: unknown[][] = [];
    for (const tup of t.heap.tuples) if (isVisible(tup, view)) rows.push(tup.data);
    if (vacuum) recordSize(t, rows.length, true);
    if (analyze) recordAnalyze(t, rows);
  }
}

/** A partitioned table's partitions are processed with it. */
function expand(tables: Table[]): Table[] {
  const out: Table[] = [];
  for (const t of tables) {
    out.push(t);
    if (t.relkind === 'p') for (const c of expand(t.children)) if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** The live rows of every leaf partition under `t`, in `t`'s column order. */
function inheritedRows(t: Table, view: ReadView): unknown[][] {
  const out: unknown[][] = [];
  const visit = (p: Table) => {
    if (p.relkind === 'p') { for (const c of p.children) visit(c); return; }
    const map = t.columns.map(c => (c.dropped ? -1 : p.columns.findIndex(pc => !pc.dropped && pc.name === c.name)));
    for (const tup of p.heap.tuples) if (isVisible(tup, view)) out.push(map.map(i => (i < 0 ? null : tup.data[i])));
  };
  for (const c of t.children) visit(c);
  return out;
}
