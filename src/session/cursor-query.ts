// DECLARE's query, analyzed: the checks PostgreSQL makes of a cursor's query and whether its
// plan could run backward (PerformCursorOpen: a cursor that says neither SCROLL nor NO SCROLL
// is scrollable when ExecSupportsBackwardScan holds for its plan and it locks no rows).
import { PgError } from '../errors/index.js';
import type { Query } from '../analyzer/query.js';
import { runSubquery } from '../executor/query.js';
import type { Env } from '../executor/env.js';
import { fieldsOf } from './describe.js';
import { OID } from '../types/oids.js';
import type { DeclaredQuery } from './cursors.js';

const LOCKING: Record<string, string> = { LCS_FORUPDATE: 'FOR UPDATE', LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE', LCS_FORSHARE: 'FOR SHARE', LCS_FORKEYSHARE: 'FOR KEY SHARE' };
const OPT_SCROLL = 0x2, OPT_INSENSITIVE = 0x8, OPT_HOLD = 0x20;

export function declaredQuery(n: any, q: Query, env: Env): DeclaredQuery {
  if (q.ctes?.some(c => c.dml)) throw new PgError('0A000', 'DECLARE CURSOR must not contain data-modifying statements in WITH');
  const locks = !!q.rowMarks?.length || !!q.lockRows;
  const opts: number = n.options ?? 0;
  if (locks) {
    const strength: string = n.query.SelectStmt?.lockingClause?.[0]?.LockingClause?.strength ?? 'LCS_FORUPDATE';
    const clause = LOCKING[strength] ?? 'FOR UPDATE';
    const refuse = (what: string, detail: string) => new PgError('0A000', `DECLARE ${what} ... ${clause} is not supported`, { detail });
    if (opts & OPT_HOLD) throw refuse('CURSOR WITH HOLD', 'Holdable cursors must be READ ONLY.');
    if (opts & OPT_SCROLL) throw refuse('SCROLL CURSOR', 'Scrollable cursors must be READ ONLY.');
    if (opts & OPT_INSENSITIVE) throw refuse('INSENSITIVE CURSOR', 'Insensitive cursors must be READ ONLY.');
  }
  const fields = fieldsOf(q.targets);
  const backward = !locks && backwardScan(q);
  const table = simplyUpdatable(q);
  if (!table) return { fields, run: () => runSubquery(q, env), backward, table: null };
  // a scan of one table: each row also carries its row version, for WHERE CURRENT OF
  const entry = (q.from[0] as { entry: number }).entry;
  const withTuple: Query = { ...q, targets: [...q.targets, { name: 'ctid', junk: true,
    expr: { k: 'tableoid', type: OID.tid, typmod: -1, levelsUp: 0, entry, sys: 'tuple' } }] };
  return { fields, run: () => runSubquery(withTuple, env), backward, table };
}

/** The table of a simply updatable cursor query (one table scanned, no grouping, DISTINCT or set operation). */
function simplyUpdatable(q: Query): { oid: number; name: string } | null {
  if (q.setOp || q.grouped || q.aggs.length || q.distinct || q.distinctOn || q.from.length !== 1 || q.from[0].k !== 'entry') return null;
  // a Sort above the scan: PostgreSQL finds no scan of the table under it
  if (q.orderBy.length) return null;
  const e = q.entries[q.from[0].entry];
  return e.kind === 'table' && e.table ? e.table : null;
}

/** ExecSupportsBackwardScan, approximated on the query: scans, sorts and limits can; joins, aggregation, DISTINCT cannot. */
function backwardScan(q: Query): boolean {
  if (q.setOp) return q.setOp.op === 'union' && q.setOp.all && backwardScan(q.setOp.left) && backwardScan(q.setOp.right);
  if (q.distinct || q.distinctOn) return false;
  // a Sort on top (or an index scan for the order) can run backward whatever is below it
  if (q.orderBy.length) return true;
  if (q.grouped || q.aggs.length) return false;
  // no FROM: a Result node, which cannot
  return q.from.length === 1 && q.from[0].k === 'entry';
}
