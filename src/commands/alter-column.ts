// ALTER TABLE's column forms: ADD COLUMN (through CREATE TABLE's column code), DROP COLUMN
// (through DROP's dependency walk), SET/DROP DEFAULT and SET/DROP NOT NULL.
import { checkNotMemberOfItself } from '../types/containment.js';
import { PgError } from '../errors/index.js';
import { setColumnDefault } from './column-default.js';
import { resolveTypeName, typeDisplayName } from '../analyzer/typenames.js';
import type { Column, Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { bump, addConstraint } from './constraints.js';
import { columnSpecs, newColumn, sortSpecs } from './create-table.js';
import { deparse } from './deparse.js';
import { dropObjects } from './drop.js';
import { PASS, SYSTEM_COLUMNS, columnOf, liveColumn, notice, workFor, type AlterState, type SubCmd } from './alter-state.js';

/** ADD COLUMN [IF NOT EXISTS]: on the table, then on each child (merged where it has the column). */
export function addColumn(st: AlterState, t: Table, sub: SubCmd): void {
  const { cx } = st;
  const cat = cx.catalog;
  const cd = sub.cmd.def.ColumnDef;
  const name: string = cd.colname;
  const parentCol = sub.from;
  const resolved = parentCol ? null : resolveTypeName(cd.typeName);
  const type = parentCol ? { oid: parentCol.typeOid, typmod: parentCol.typmod } : resolved!;
  if (parentCol) {
    const existing = liveColumn(t, name);
    if (existing) {
      if (existing.typeOid !== type.oid || existing.typmod !== type.typmod) {
        throw new PgError('42804', `child table "${t.name}" has different type for column "${name}"`);
      }
      cat.set(existing, 'inhCount', existing.inhCount + 1);
      notice(cx, `merging definition of column "${name}" for child "${t.name}"`);
      return;
    }
  }
  if (SYSTEM_COLUMNS.has(name)) throw new PgError('42701', `column name "${name}" conflicts with a system column name`);
  if (liveColumn(t, name)) {
    if (sub.cmd.missing_ok) {
      cx.notice({ severity: 'NOTICE', code: '42701', message: `column "${name}" of relation "${t.name}" already exists, skipping` });
      return;
    }
    throw new PgError('42701', `column "${name}" of relation "${t.name}" already exists`);
  }
  if (t.columns.length >= 1600) throw new PgError('54011', 'tables can have at most 1600 columns');
  checkNotMemberOfItself(type.oid, t.oid, t.name);
  const w = workFor(st, t);
  let col: Column;
  if (parentCol) {
    // a child takes the column as the parent now has it: type, NOT NULL and default
    col = { ...newColumn(name, t.columns.length + 1, { oid: type.oid, typmod: type.typmod }), notNull: parentCol.notNull,
      default: parentCol.default, inhCount: 1, isLocal: false };
    cat.push(t.columns, col);
  } else {
    col = newColumn(name, t.columns.length + 1, resolved!);
    const specs = columnSpecs(cd, col, resolved!, t.name);
    cat.push(t.columns, col);
    // a primary key written on the column makes it NOT NULL here and in the children
    if (specs.some(s => s.kind === 'primary')) col.notNull = true;
    for (const s of sortSpecs(specs)) {
      // keys and other constraints are subcommands of their own, in the later passes
      if (s.kind === 'primary' || s.kind === 'unique') w.passes[PASS.ADD_INDEX].push({ cmd: sub.cmd, recurse: false, recursing: false, spec: s });
      else if (s.kind === 'check' || s.kind === 'foreign') w.passes[PASS.ADD_OTHERCONSTR].push({ cmd: sub.cmd, recurse: sub.recurse, recursing: false, spec: s });
      else {
        // ALTER TABLE cooks a DEFAULT without the statement's text: its errors have no position
        try { addConstraint(cx, t, s, st.chosen); } catch (e) { if (e instanceof PgError && s.kind === 'default' && e.code !== '42601') e.position = undefined; throw e; }
      }
    }
  }
  bump(cx, t);
  if (col.notNull) w.verifyNotNull = true;
  if (col.default) {
    const c = compileDefault(cx, col, col.default.expr, col.typeOid, col.typmod);
    // a volatile default gives each existing row its own value; another is computed once
    if (c.volatile) w.newValues.set(col.attnum, c.fn);
    else {
      const v = c.fn([]);
      if (v !== null) w.newValues.set(col.attnum, () => v);
    }
  }
  if (t.children.length && !sub.recurse) throw new PgError('42P16', 'column must be added to child tables too');
  for (const child of t.children) addColumn(st, child, { cmd: sub.cmd, recurse: sub.recurse, recursing: true, from: col });
}

/** DROP COLUMN [IF EXISTS]: children first (their own copy goes unless also defined locally). */
export function dropColumn(st: AlterState, t: Table, name: string, sub: SubCmd): void {
  const { cx } = st;
  const cat = cx.catalog;
  if (SYSTEM_COLUMNS.has(name)) throw new PgError('0A000', `cannot drop system column "${name}"`);
  const col = liveColumn(t, name);
  if (!col) {
    if (sub.cmd.missing_ok) { notice(cx, `column "${name}" of relation "${t.name}" does not exist, skipping`); return; }
    columnOf(t, name);
    return;
  }
  if (col.inhCount > 0 && !sub.recursing) throw new PgError('42P16', `cannot drop inherited column "${name}"`);
  for (const child of t.children) {
    const cc = liveColumn(child, name);
    if (!cc) continue;
    if (sub.recurse) {
      if (cc.inhCount === 1 && !cc.isLocal) dropColumn(st, child, name, { cmd: sub.cmd, recurse: true, recursing: true });
      else cat.set(cc, 'inhCount', cc.inhCount - 1);
    } else {
      // ONLY: the children keep the column as their own
      cat.set(cc, 'inhCount', cc.inhCount - 1);
      cat.set(cc, 'isLocal', true);
    }
  }
  dropObjects(cx, [{ obj: t, sub: col.attnum }], sub.cmd.behavior === 'DROP_CASCADE');
}

/** ALTER COLUMN SET DEFAULT / DROP DEFAULT. */
export function columnDefault(st: AlterState, t: Table, name: string, expr: any | null): void {
  const { cx } = st;
  const col = columnOf(t, name);
  if (col.identity) {
    throw new PgError('42601', `column "${name}" of relation "${t.name}" is an identity column`,
      expr ? undefined : { hint: 'Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.' });
  }
  // through setColumnDefault, so the default's dependencies (on sequences) follow it
  if (expr) {
    compileDefault(cx, col, expr, col.typeOid, col.typmod);
    setColumnDefault(cx, t, col, { expr, text: deparse(expr) });
  } else if (col.default) setColumnDefault(cx, t, col, null);
  bump(cx, t);
}

export function setNotNull(st: AlterState, t: Table, name: string): void {
  if (SYSTEM_COLUMNS.has(name)) throw new PgError('0A000', `cannot alter system column "${name}"`);
  const col = columnOf(t, name);
  if (col.notNull) return;
  st.cx.catalog.set(col, 'notNull', true);
  workFor(st, t).verifyNotNull = true;
  bump(st.cx, t);
}

export function dropNotNull(st: AlterState, t: Table, name: string): void {
  if (SYSTEM_COLUMNS.has(name)) throw new PgError('0A000', `cannot alter system column "${name}"`);
  const col = columnOf(t, name);
  if (col.identity) throw new PgError('42P16', `column "${name}" of relation "${t.name}" is an identity column`);
  if (t.constraints.some(c => c.type === 'p' && c.columns.includes(col.attnum))) {
    throw new PgError('42P16', `column "${name}" is in a primary key`);
  }
  if (!col.notNull) return;
  st.cx.catalog.set(col, 'notNull', false);
  bump(st.cx, t);
}

/**
 * A DEFAULT expression for a column of the given type (cookDefault): no column references
 * or subqueries, assignable to the type. ALTER TABLE reports its errors without a position.
 */
export function compileDefault(cx: CommandContext, col: Column, expr: any, typeOid: number, typmod: number) {
  const c = withoutPosition(() => {
    forbid(expr, 'DEFAULT expression', false);
    return cx.compileExpr(null, expr, 'DEFAULT expressions', typeOid, typmod);
  });
  if (!c.fn) {
    throw new PgError('42804', `column "${col.name}" is of type ${typeDisplayName(typeOid)} but default expression is of type ${typeDisplayName(c.type)}`,
      { hint: 'You will need to rewrite or cast the expression.' });
  }
  return { volatile: c.volatile, fn: c.fn };
}

/** Column references (in defaults) and subqueries are not allowed in ALTER TABLE's expressions. */
export function forbid(expr: any, what: string, columnsAllowed: boolean): void {
  if (!expr || typeof expr !== 'object') return;
  if (Array.isArray(expr)) { for (const x of expr) forbid(x, what, columnsAllowed); return; }
  if (expr.SubLink) throw new PgError('0A000', `cannot use subquery in ${what}`, pos(expr.SubLink.location));
  if (expr.ColumnRef && !columnsAllowed) throw new PgError('42P10', `cannot use column reference in ${what}`, pos(expr.ColumnRef.location));
  for (const v of Object.values(expr)) if (v && typeof v === 'object') forbid(v, what, columnsAllowed);
}

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

/** Runs fn, reporting its errors without a position (ALTER TABLE parses some parts without the query text). */
export function withoutPosition<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PgError) e.position = undefined;
    throw e;
  }
}
