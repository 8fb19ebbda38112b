// ALTER TABLE's constraint forms: ADD CONSTRAINT (through CREATE TABLE's constraint code),
// DROP CONSTRAINT (through DROP's dependency walk) and VALIDATE CONSTRAINT.
import { PgError } from '../errors/index.js';
import type { Constraint, Table } from '../catalog/objects.js';
import { addConstraint } from './constraints.js';
import { dropObjects } from './drop.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { OID } from '../types/oids.js';
import { forbid, setNotNull } from './alter-column.js';
import { inheritors, liveColumn, notice, workFor, type AlterState, type SubCmd } from './alter-state.js';

/** ADD CONSTRAINT, or a key or constraint written on an added column. */
export function addTableConstraint(st: AlterState, t: Table, sub: SubCmd): void {
  const { cx } = st;
  const spec = sub.spec!;
  if (spec.kind === 'check' && !spec.noInherit && !sub.recurse && t.children.length) {
    throw new PgError('42P16', 'constraint must be added to child tables too');
  }
  const w = workFor(st, t);
  const hadNulls = spec.kind === 'primary' && spec.columns.some(n => !liveColumn(t, n)?.notNull);
  const pending: Constraint[] = [];
  let con: Constraint | null;
  try {
    con = addConstraint(cx, t, spec, st.chosen, pending);
  } catch (e) {
    // ALTER TABLE reports its constraints' errors without a position
    if (e instanceof PgError) e.position = undefined;
    throw e;
  }
  if (con?.type === 'c') compileCheck(st, con);
  // a primary key makes its columns NOT NULL, in the children too: existing rows are checked in phase 3
  if (hadNulls) w.verifyNotNull = true;
  if (spec.kind === 'primary' && sub.recurse) {
    for (const child of inheritors(t).slice(1)) for (const name of spec.columns) if (liveColumn(child, name)) setNotNull(st, child, name);
  }
  for (const con of pending) {
    const cw = workFor(st, con.table);
    (con.type === 'f' ? cw.fks : cw.checks).push(con);
  }
}

/**
 * Analyzes a CHECK constraint of ALTER TABLE now, so that its errors come whether or not
 * the table has rows (and, as in PostgreSQL, without a position).
 */
export function compileCheck(st: AlterState, con: Constraint): void {
  try {
    forbid(con.check!.expr, 'check constraint', true);
    const c = st.cx.compileExpr(con.table, con.check!.expr, 'check constraints', OID.bool, -1);
    if (!c.fn) throw new PgError('42804', `argument of CHECK must be type boolean, not type ${typeDisplayName(c.type)}`);
  } catch (e) {
    if (e instanceof PgError) e.position = undefined;
    throw e;
  }
}

/** DROP CONSTRAINT [IF EXISTS]: the constraint, then its inherited copies in the children. */
export function dropConstraint(st: AlterState, t: Table, name: string, sub: SubCmd): void {
  const { cx } = st;
  const cat = cx.catalog;
  const con = t.constraints.find(c => c.name === name);
  if (!con) {
    if (sub.cmd.missing_ok) { notice(cx, `constraint "${name}" of relation "${t.name}" does not exist, skipping`); return; }
    throw new PgError('42704', `constraint "${name}" of relation "${t.name}" does not exist`);
  }
  if (con.inhCount > 0 && !sub.recursing) throw new PgError('42P16', `cannot drop inherited constraint "${name}" of relation "${t.name}"`);
  dropObjects(cx, [{ obj: con, sub: 0 }], sub.cmd.behavior === 'DROP_CASCADE');
  if (con.type !== 'c' || con.noInherit) return;
  for (const child of t.children) {
    const cc = child.constraints.find(c => c.name === name && c.type === 'c');
    if (!cc) continue;
    if (sub.recurse) {
      if (cc.inhCount === 1 && !cc.isLocal) dropConstraint(st, child, name, { cmd: sub.cmd, recurse: true, recursing: true });
      else cat.set(cc, 'inhCount', cc.inhCount - 1);
    } else {
      // ONLY: the children keep the constraint as their own
      cat.set(cc, 'inhCount', cc.inhCount - 1);
      cat.set(cc, 'isLocal', true);
    }
  }
}

/** VALIDATE CONSTRAINT: existing rows are checked, then the constraint counts as valid. */
export function validateConstraint(st: AlterState, t: Table, name: string, recurse: boolean, recursing: boolean): void {
  const { cx } = st;
  const con = t.constraints.find(c => c.name === name);
  if (!con) throw new PgError('42704', `constraint "${name}" of relation "${t.name}" does not exist`);
  if (con.type !== 'f' && con.type !== 'c') {
    throw new PgError('42809', `constraint "${name}" of relation "${t.name}" is not a foreign key or check constraint`);
  }
  if (con.validated) return;
  if (con.type === 'f') workFor(st, t).fks.push(con);
  else {
    // the parent's check is valid only once every child's is
    if (!recursing && !con.noInherit) {
      for (const child of inheritors(t).slice(1)) {
        if (!recurse) throw new PgError('42P16', 'constraint must be validated on child tables too');
        validateConstraint(st, child, name, false, true);
      }
    }
    cx.checkExisting(t, con);
  }
  cx.catalog.set(con, 'validated', true);
}

/** ALTER CONSTRAINT … [NOT] DEFERRABLE [INITIALLY …]: only foreign keys can change. */
export function alterConstraint(st: AlterState, t: Table, c: any): void {
  const con = t.constraints.find(k => k.name === c.conname);
  if (!con) throw new PgError('42704', `constraint "${c.conname}" of relation "${t.name}" does not exist`);
  if (con.type !== 'f') throw new PgError('42809', `constraint "${c.conname}" of relation "${t.name}" is not a foreign key constraint`);
  if (con.parent) {
    // a partition's clone follows the constraint it was cloned from (the topmost one is named)
    let top = con.parent;
    while (top.parent) top = top.parent;
    throw new PgError('42P16', `cannot alter constraint "${con.name}" on relation "${t.name}"`, {
      detail: `Constraint "${con.name}" is derived from constraint "${top.name}" of relation "${top.table.name}".`,
      hint: 'You may alter the constraint it derives from, instead.' });
  }
  // the clones for partitions, at any depth, change with it
  const all = [con];
  for (let i = 0; i < all.length; i++) for (const x of st.cx.catalog.tables()) for (const k of x.constraints) if (k.parent === all[i]) all.push(k);
  for (const k of all) {
    if (k.deferrable !== !!c.deferrable) st.cx.catalog.set(k, 'deferrable', !!c.deferrable);
    if (k.initiallyDeferred !== !!c.initdeferred) st.cx.catalog.set(k, 'initiallyDeferred', !!c.initdeferred);
  }
}
