// What ALTER TABLE may not do to partitioned tables and partitions (tablecmds.c's checks):
// partitions have exactly their parent's columns and inheritance, and partition key columns
// cannot be dropped or change type.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import { inheritors, liveColumn } from './alter-state.js';
import type { CommandContext } from './context.js';

const str = (n: any): string => n?.String?.sval ?? n?.sval;

/** Is the column one the table's partition key uses (directly or in an expression)? */
export function inPartitionKey(t: Table, name: string): boolean {
  const key = t.partitionKey;
  if (!key) return false;
  const col = liveColumn(t, name);
  if (!col) return false;
  if (key.attnums.includes(col.attnum)) return true;
  return key.exprs.some(e => mentions(e.expr, name));
}

function mentions(e: any, name: string): boolean {
  if (!e || typeof e !== 'object') return false;
  if (Array.isArray(e)) return e.some(x => mentions(x, name));
  if (e.ColumnRef) { const f = e.ColumnRef.fields; return str(f[f.length - 1]) === name; }
  return Object.values(e).some(v => mentions(v, name));
}

const partitions = (t: Table) => t.children.filter(c => c.partitionBound && c.parents[0] === t);

/** Phase 1 checks of one subcommand on a partitioned table or a partition. */
export function checkPartitionAlter(cx: CommandContext, t: Table, cmd: any, recurse: boolean, recursing: boolean): void {
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      if (t.partitionBound && !recursing) throw new PgError('42809', 'cannot add column to a partition');
      return;
    case 'AT_AlterColumnType': case 'AT_DropColumn':
      if (cmd.subtype === 'AT_DropColumn' && t.partitionKey && !recurse && !recursing && partitions(t).length) {
        throw new PgError('42P16', 'cannot drop column from only the partitioned table when partitions exist', { hint: 'Do not specify the ONLY keyword.' });
      }
      // DROP COLUMN reaches the partitions as it runs: any of them may have the column in its key
      for (const d of cmd.subtype === 'AT_DropColumn' && recurse ? inheritors(t) : [t]) {
        if (!inPartitionKey(d, cmd.name)) continue;
        const verb = cmd.subtype === 'AT_DropColumn' ? 'drop' : 'alter';
        throw new PgError('42P16', `cannot ${verb} column "${cmd.name}" because it is part of the partition key of relation "${d.name}"`);
      }
      return;
    case 'AT_AddInherit': {
      if (t.partitionBound) throw new PgError('42809', 'cannot change inheritance of a partition');
      if (t.partitionKey) throw new PgError('42809', 'cannot change inheritance of partitioned table');
      const rv = cmd.def.RangeVar;
      const parent = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
      if (parent?.kind === 'table' && parent.partitionKey) throw new PgError('42809', `cannot inherit from partitioned table "${parent.name}"`);
      if (parent?.kind === 'table' && parent.partitionBound) throw new PgError('42809', `cannot inherit from a partition`);
      return;
    }
    case 'AT_DropInherit':
      if (t.partitionBound) throw new PgError('42809', 'cannot change inheritance of a partition');
      return;
    case 'AT_DropNotNull': {
      const parent = t.partitionBound ? t.parents[0] : null;
      if (parent && liveColumn(parent, cmd.name)?.notNull) throw new PgError('42P16', `column "${cmd.name}" is marked NOT NULL in parent table`);
      if (t.partitionKey && !recurse && !recursing && partitions(t).length) {
        throw new PgError('42P16', 'cannot remove constraint from only the partitioned table when partitions exist',
          { hint: 'Do not specify the ONLY keyword.' });
      }
      return;
    }
    case 'AT_SetNotNull':
      if (t.partitionKey && !recurse && !recursing) {
        for (const p of partitions(t)) {
          if (!liveColumn(p, cmd.name)?.notNull) {
            throw new PgError('42P16', 'constraint must be added to child tables too',
              { detail: `Column "${cmd.name}" of relation "${p.name}" is not already NOT NULL.`, hint: 'Do not specify the ONLY keyword.' });
          }
        }
      }
      return;
    case 'AT_DropConstraint':
      if (t.partitionKey && !recurse && !recursing && partitions(t).length) {
        throw new PgError('42P16', 'cannot remove constraint from only the partitioned table when partitions exist', { hint: 'Do not specify the ONLY keyword.' });
      }
      return;
    case 'AT_AddConstraint': {
      const c = cmd.def?.Constraint;
      if (c?.contype === 'CONSTR_EXCLUSION' && t.partitionKey) {
        throw new PgError('0A000', 'exclusion constraints are not supported on partitioned tables', c.location >= 0 ? { position: c.location + 1 } : undefined);
      }
      if (c?.contype === 'CONSTR_FOREIGN' && t.partitionKey && !recurse) {
        throw new PgError('42809', `cannot use ONLY for foreign key on partitioned table "${t.name}" referencing relation "${c.pktable.relname}"`);
      }
      return;
    }
  }
}
