// System columns of a table's rows (ctid, xmin, xmax, cmin, cmax; tableoid is in expr.ts)
// and WHERE CURRENT OF: expressions that read the row version in the frame's tuple slot
// (executor/system-columns.ts evaluates them).
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import type { Expr, SystemColumn } from './query.js';
import type { NsColumn, Scope } from './scope.js';

export const SYSTEM_COLUMNS: Record<string, number> = { ctid: OID.tid, xmin: OID.xid, xmax: OID.xid, cmin: OID.cid, cmax: OID.cid };

/** The system column `name` of range entry `entry`, or null when it is none. */
export function systemColumn(name: string, entry: number): NsColumn | null {
  const type = SYSTEM_COLUMNS[name];
  if (type === undefined) return null;
  return { name, make: levelsUp => ({ k: 'tableoid', type, typmod: -1, levelsUp, entry, sys: name as SystemColumn }) };
}

/** WHERE CURRENT OF cursor in UPDATE / DELETE: true for the target row the cursor is on. */
export function currentOf(n: any, scope: Scope): Expr {
  const target = scope.items.find(i => i.dmlTarget && i.entry !== undefined);
  if (!target) throw new PgError('0A000', 'WHERE CURRENT OF is not supported here');
  if (n.cursor_param) throw new PgError('0A000', 'WHERE CURRENT OF with a cursor parameter is not supported');
  const table = scope.query.entries[target.entry!].table!;
  return { k: 'tableoid', type: OID.bool, typmod: -1, levelsUp: 0, entry: target.entry!, sys: 'currentof',
    cursor: { name: n.cursor_name, tableOid: table.oid, tableName: table.name } };
}
