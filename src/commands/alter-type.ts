// ALTER COLUMN … TYPE … [USING …]: the new value of each row is computed from the old row
// in phase 3; the column's default, CHECK constraints, foreign keys and indexes follow.
import { PgError } from '../errors/index.js';
import { resolveTypeName, typeDisplayName } from '../analyzer/typenames.js';
import { checkNotMemberOfItself } from '../types/containment.js';
import type { Column, Constraint, Table } from '../catalog/objects.js';
import { quoteIdent } from '../types/string-functions.js';
import { bump, compatible } from './constraints.js';
import { forbid, withoutPosition } from './alter-column.js';
import { canCoerce } from '../analyzer/coerce.js';
import { viewsReading } from './view.js';
import { PASS, SYSTEM_COLUMNS, columnOf, workFor, type AlterState, type SubCmd } from './alter-state.js';

/** Phase 1 (ATPrepAlterColumnType): the new type, and the USING expression compiled over the old row. */
export function prepAlterType(st: AlterState, t: Table, cmd: any, recursing: boolean): NonNullable<SubCmd['retype']> {
  const name: string = cmd.name;
  if (SYSTEM_COLUMNS.has(name)) throw new PgError('0A000', `cannot alter system column "${name}"`);
  const col = columnOf(t, name);
  if (col.inhCount > 0 && !recursing) throw new PgError('42P16', `cannot alter inherited column "${name}"`);
  if (workFor(st, t).passes[PASS.ALTER_TYPE].some(s => s.cmd.name === name)) {
    throw new PgError('0A000', `cannot alter type of column "${name}" twice`);
  }
  const view = viewsReading(st.cx, t, col.attnum)[0];
  if (view) {
    throw new PgError('0A000', 'cannot alter type of a column used by a view or rule', { detail: `rule _RETURN on view ${view.name} depends on column "${name}"` });
  }
  const cd = cmd.def.ColumnDef;
  const type = withoutPosition(() => resolveTypeName(cd.typeName));
  if (type.serial) throw new PgError('42704', `type "${type.serial === 'int2' ? 'smallserial' : type.serial === 'int4' ? 'serial' : 'bigserial'}" does not exist`);
  checkNotMemberOfItself(type.oid, t.oid, t.name);
  const using = cd.raw_default ?? null;
  if (using) forbid(using, 'transform expression', true);
  const expr = using ?? { ColumnRef: { fields: [{ String: { sval: name } }], location: -1 } };
  const c = st.cx.compileExpr(t, expr, 'transform expressions', type.oid, type.typmod);
  if (!c.fn) {
    if (using) {
      throw new PgError('42804', `result of USING clause for column "${name}" cannot be cast automatically to type ${typeDisplayName(type.oid)}`,
        { hint: 'You might need to add an explicit cast.' });
    }
    throw new PgError('42804', `column "${name}" cannot be cast automatically to type ${typeDisplayName(type.oid)}`,
      { hint: `You might need to specify "USING ${quoteIdent(name)}::${typeDisplayName(type.oid, type.typmod)}".` });
  }
  return { typeOid: type.oid, typmod: type.typmod, fn: c.fn };
}

/** Phase 2 (ATExecAlterColumnType): the catalog change; the rows are rewritten in phase 3. */
export function execAlterType(st: AlterState, t: Table, name: string, retype: NonNullable<SubCmd['retype']>): void {
  const { cx } = st;
  const col = columnOf(t, name);
  // the stored default has the column's old type; it must convert to the new one
  if (col.default && !canCoerce(col.typeOid, retype.typeOid, 'a')) {
    throw new PgError('42804', `default for column "${name}" cannot be cast automatically to type ${typeDisplayName(retype.typeOid)}`);
  }
  cx.catalog.set(col, 'typeOid', retype.typeOid);
  cx.catalog.set(col, 'typmod', retype.typmod);
  bump(cx, t);
  const w = workFor(st, t);
  w.newValues.set(col.attnum, retype.fn);
  // constraints on the column are checked again against the converted values
  for (const con of t.constraints) {
    if (!con.columns.includes(col.attnum)) continue;
    if (con.type === 'c' && con.validated && !w.checks.includes(con)) w.checks.push(con);
    if (con.type === 'f') recheckForeignKey(st, con);
  }
  for (const con of t.referencedBy) if (con.fk!.refColumns.includes(col.attnum)) recheckForeignKey(st, con);
}

/** A foreign key on a column whose type changed: are the key types still comparable? */
function recheckForeignKey(st: AlterState, con: Constraint): void {
  const fk = con.fk!;
  con.columns.forEach((att, i) => {
    const a: Column = con.table.columns[att - 1], b: Column = fk.refTable.columns[fk.refColumns[i] - 1];
    if (!compatible(a.typeOid, b.typeOid)) {
      throw new PgError('42804', `foreign key constraint "${con.name}" cannot be implemented`,
        { detail: `Key columns "${a.name}" and "${b.name}" are of incompatible types: ${typeDisplayName(a.typeOid)} and ${typeDisplayName(b.typeOid)}.` });
    }
  });
  const w = workFor(st, con.table);
  if (con.validated && !w.fks.includes(con)) w.fks.push(con);
}
