// ALTER TABLE … ALTER COLUMN … SET STATISTICS / SET STORAGE, and ALTER INDEX … ALTER COLUMN n
// SET STATISTICS (tablecmds.c: ATExecSetStatistics, ATExecSetStorage). Relata keeps no
// per-column statistics targets or TOAST strategies of its own: these are catalog attributes
// (pg_attribute.attstattarget / attstorage) that \d+, pg_dump and the planner's readers see.
import { PgError } from '../errors/index.js';
import type { Column, Index, Table } from '../catalog/objects.js';
import { indexColumns } from '../catalog/index-keys.js';
import { typStorage } from '../catalog/system/types.js';
import { typeByOid } from '../types/registry.js';
import { formatType } from '../types/oid-types.js';
import type { CommandContext } from './context.js';
import { SYSTEM_COLUMNS, columnOf } from './alter-state.js';
import { bump } from './constraints.js';

const STORAGE: Record<string, Column['storage']> = { plain: 'p', external: 'e', extended: 'x', main: 'm' };
const MAX_TARGET = 10000;

/** The storage letter SET STORAGE names, checked before anything else (as the grammar's callers do). */
export function storageMode(cmd: any): NonNullable<Column['storage']> {
  const word = String(cmd.def?.String?.sval ?? '').toLowerCase();
  const mode = STORAGE[word];
  if (!mode) throw new PgError('22023', `invalid storage type "${cmd.def?.String?.sval ?? ''}"`);
  return mode;
}

/** The statistics target asked for, with PostgreSQL's range rules (-1 = the default). */
function statisticsTarget(cx: CommandContext, cmd: any): number {
  const v: number = cmd.def?.Integer?.ival ?? 0;
  if (v < -1) throw new PgError('22023', `statistics target ${v} is too low`);
  if (v > MAX_TARGET) {
    cx.notice({ severity: 'WARNING', code: '01000', message: `lowering statistics target to ${MAX_TARGET}` });
    return MAX_TARGET;
  }
  return v;
}

export function setStatistics(cx: CommandContext, t: Table, cmd: any): void {
  if (cmd.num) throw new PgError('0A000', 'cannot refer to non-index column by number');
  const target = statisticsTarget(cx, cmd);
  if (SYSTEM_COLUMNS.has(cmd.name)) throw new PgError('0A000', `cannot alter system column "${cmd.name}"`);
  const col = columnOf(t, cmd.name);
  cx.catalog.set(col, 'statTarget', target === -1 ? undefined : target);
  bump(cx, t);
}

export function setStorage(cx: CommandContext, t: Table, cmd: any, mode: NonNullable<Column['storage']>): void {
  if (SYSTEM_COLUMNS.has(cmd.name)) throw new PgError('0A000', `cannot alter system column "${cmd.name}"`);
  const col = columnOf(t, cmd.name);
  const type = typeByOid(col.typeOid);
  if (mode !== 'p' && typStorage(type) === 'p') {
    throw new PgError('0A000', `column data type ${formatType(col.typeOid, -1)} can only have storage PLAIN`);
  }
  cx.catalog.set(col, 'storage', mode);
  bump(cx, t);
}

/** ALTER INDEX … ALTER COLUMN n|name SET STATISTICS: only an expression key column has a target of its own. */
export function setIndexStatistics(cx: CommandContext, ix: Index, cmd: any): void {
  const target = statisticsTarget(cx, cmd);
  const cols = indexColumns(ix);
  const pos = cmd.num ? cmd.num - 1 : cols.findIndex(c => c.name === cmd.name);
  const c = cols[pos];
  if (!c) {
    if (cmd.num) throw new PgError('42703', `column number ${cmd.num} of relation "${ix.name}" does not exist`);
    throw new PgError('42703', `column "${cmd.name}" of relation "${ix.name}" does not exist`);
  }
  if (!c.key) throw new PgError('0A000', `cannot alter statistics on included column "${c.name}" of index "${ix.name}"`);
  if (!c.expr) {
    throw new PgError('0A000', `cannot alter statistics on non-expression column "${c.name}" of index "${ix.name}"`,
      { hint: 'Alter statistics on table column instead.' });
  }
  cx.catalog.set(c.expr, 'statTarget', target === -1 ? undefined : target);
  bump(cx, ix.table);
}
