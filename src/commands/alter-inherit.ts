// ALTER TABLE … INHERIT / NO INHERIT: attaching a table to a parent (it must already have the
// parent's columns and CHECK constraints) and detaching it (they become its own).
import { PgError } from '../errors/index.js';
import type { Column, Constraint, Table } from '../catalog/objects.js';
import { bump } from './constraints.js';
import { inheritors, liveColumn, wrongKind, type AlterState } from './alter-state.js';

function parentTable(st: AlterState, rv: any) {
  const rel = st.cx.catalog.findRelation(rv.schemaname, rv.relname, st.cx.analyze.searchPath);
  if (!rel) throw new PgError('42P01', `relation "${rv.schemaname ? `${rv.schemaname}.` : ''}${rv.relname}" does not exist`);
  return rel;
}

/** INHERIT parent (ATExecAddInherit, CreateInheritance). */
export function addInherit(st: AlterState, t: Table, rv: any): void {
  const cat = st.cx.catalog;
  const parent = parentTable(st, rv);
  if (parent.kind !== 'table') throw wrongKind('INHERIT', parent);
  if (inheritors(t).includes(parent)) {
    throw new PgError('42P07', 'circular inheritance not allowed', { detail: `"${rv.relname}" is already a child of "${t.name}".` });
  }
  if (t.parents.includes(parent)) throw new PgError('42P07', `relation "${parent.name}" would be inherited from more than once`);
  matchParent(parent, t, cc => cat.set(cc, 'inhCount', cc.inhCount + 1), ccon => cat.set(ccon, 'inhCount', ccon.inhCount + 1));
  cat.push(t.parents, parent);
  cat.push(parent.children, t);
  cat.deps.add(t, 0, parent, 0, 'n');
  bump(st.cx, t);
  bump(st.cx, parent);
}

/** NO INHERIT parent (RemoveInheritance): inherited columns and checks become the table's own. */
export function dropInherit(st: AlterState, t: Table, rv: any): void {
  const cat = st.cx.catalog;
  const parent = parentTable(st, rv);
  if (parent.kind !== 'table' || !t.parents.includes(parent)) {
    throw new PgError('42P01', `relation "${parent.name}" is not a parent of relation "${t.name}"`);
  }
  for (const cc of t.columns) {
    if (cc.dropped || cc.inhCount <= 0 || !liveColumn(parent, cc.name)) continue;
    cat.set(cc, 'inhCount', cc.inhCount - 1);
    if (cc.inhCount === 0) cat.set(cc, 'isLocal', true);
  }
  const parentChecks = new Set(parent.constraints.filter(c => c.type === 'c').map(c => c.name));
  for (const ccon of t.constraints) {
    if (ccon.type !== 'c' || ccon.inhCount <= 0 || !parentChecks.has(ccon.name)) continue;
    cat.set(ccon, 'inhCount', ccon.inhCount - 1);
    if (ccon.inhCount === 0) cat.set(ccon, 'isLocal', true);
  }
  cat.remove(t.parents, parent);
  cat.remove(parent.children, t);
  for (const d of cat.deps.dependenciesOf(t).filter(d => d.referenced.obj === parent && d.referenced.sub === 0)) cat.deps.remove(d);
  bump(st.cx, t);
  bump(st.cx, parent);
}

/**
 * MergeAttributesIntoExisting and MergeConstraintsIntoExisting: a table becoming a child (INHERIT,
 * ATTACH PARTITION) must already have each of the parent's columns, of the same type and NOT NULL
 * where the parent's is, and each inheritable CHECK with the same definition; onColumn and
 * onCheck receive the child's matching column and constraint.
 */
export function matchParent(parent: Table, child: Table, onColumn: (cc: Column) => void, onCheck: (ccon: Constraint) => void): void {
  for (const pc of parent.columns) {
    if (pc.dropped) continue;
    const cc = liveColumn(child, pc.name);
    if (!cc) throw new PgError('42804', `child table is missing column "${pc.name}"`);
    if (cc.typeOid !== pc.typeOid || cc.typmod !== pc.typmod) {
      throw new PgError('42804', `child table "${child.name}" has different type for column "${pc.name}"`);
    }
    if (pc.notNull && !cc.notNull) throw new PgError('42804', `column "${pc.name}" in child table must be marked NOT NULL`);
    onColumn(cc);
  }
  for (const pcon of parent.constraints) {
    if (pcon.type !== 'c' || pcon.noInherit) continue;
    const ccon = child.constraints.find(c => c.type === 'c' && c.name === pcon.name);
    if (!ccon) throw new PgError('42804', `child table is missing constraint "${pcon.name}"`);
    if (ccon.check!.text !== pcon.check!.text) {
      throw new PgError('42804', `child table "${child.name}" has different definition for check constraint "${pcon.name}"`);
    }
    if (ccon.noInherit) throw new PgError('42P17', `constraint "${ccon.name}" conflicts with non-inherited constraint on child table "${child.name}"`);
    if (pcon.validated && !ccon.validated) {
      throw new PgError('42P17', `constraint "${ccon.name}" conflicts with NOT VALID constraint on child table "${child.name}"`);
    }
    onCheck(ccon);
  }
}
