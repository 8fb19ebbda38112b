// Phase 3 of ALTER TABLE (ATRewriteTables): each table's existing rows are gone over once —
// new column values computed from the old row, then NOT NULL and new CHECK constraints
// verified row by row — its indexes on changed columns rebuilt, and last the foreign keys
// checked, once every table's rows are final. Rows are replaced in place with their undo
// recorded, so ROLLBACK restores them.
import { PgError } from '../errors/index.js';
import { checkExistingRows } from '../integrity/referential.js';
import { isLive } from '../storage/visibility.js';
import { rebuildIndex } from './constraints.js';
import { compileCheck } from './alter-constraint.js';
import type { AlterState, Work } from './alter-state.js';

export function rewriteTables(st: AlterState): void {
  for (const w of st.work) rewriteTable(st, w);
  for (const w of st.work) {
    for (const fk of w.fks) if (fk.table.constraints.includes(fk)) checkExistingRows(st.cx.write, fk);
  }
}

function rewriteTable(st: AlterState, w: Work): void {
  const { cx } = st;
  const t = w.table;
  const width = t.columns.length;
  const values = [...w.newValues];
  // rows stored before ADD COLUMN are shorter: they get the new columns (null unless computed)
  const rewrite = values.length > 0 || t.heap.tuples.some(tup => tup.data.length < width);
  const notNull = w.verifyNotNull || values.length ? t.columns.filter(c => c.notNull && !c.dropped) : [];
  const checks = w.checks.filter(c => t.constraints.includes(c));
  if (!rewrite && !notNull.length && !checks.length) return;
  for (const con of checks) compileCheck(st, con);
  for (const tup of t.heap.tuples) {
    const live = isLive(tup, cx.tm, cx.write.top);
    let row = tup.data;
    if (rewrite) {
      const old = tup.data;
      const src = old.length < width ? old.concat(new Array(width - old.length).fill(null)) : old;
      row = src.slice();
      // rows no one can see any more keep no value of the new definition
      for (const [att, fn] of values) row[att - 1] = live ? fn(src) : null;
      tup.data = row;
      // scans' records of the heap's values arrays (executor/version-column.ts) are stale
      const heap = t.heap;
      heap.rewrites++;
      cx.catalog.record(() => { tup.data = old; heap.rewrites++; });
    }
    if (!live) continue;
    for (const c of notNull) {
      if (row[c.attnum - 1] === null || row[c.attnum - 1] === undefined) {
        throw new PgError('23502', `column "${c.name}" of relation "${t.name}" contains null values`,
          { schema: t.schema.name, table: t.name, column: c.name });
      }
    }
    for (const con of checks) {
      if (cx.write.checkRow(con, row) === false) {
        throw new PgError('23514', `check constraint "${con.name}" of relation "${t.name}" is violated by some row`,
          { schema: t.schema.name, table: t.name, constraint: con.name });
      }
    }
  }
  if (values.length) for (const ix of t.indexes) if (ix.columns.some(a => w.newValues.has(a)) || ix.cache) rebuildIndex(cx, ix);
}
