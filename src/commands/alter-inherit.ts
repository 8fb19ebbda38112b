// ALTER TABLE … INHERIT / NO INHERIT: attaching a table to a parent (it must already have the
// parent's columns and CHECK constraints) and detaching it (they become its own).
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
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
  // MergeAttributesIntoExisting
  for (const pc of parent.columns) {
    if (pc.dropped) continue;
    const cc = liveColumn(t, pc.name);
    if (!cc) throw new PgError('42804', `child table is missing column "${pc.name}"`);
    if (cc.typeOid !== pc.typeOid || cc.typmod !== pc.typmod) {
      throw new PgError('42804', `child table "${t.name}" has different type for column "${pc.name}"`);
    }
    if (pc.notNull && !cc.notNull) throw new PgError('42804', `column "${pc.name}" in child table must be marked NOT NULL`);
    cat.set(cc, 'inhCount', cc.inhCount + 1);
  }
  // MergeConstraintsIntoExisting
  for (const pcon of parent.constraints) {
    if (pcon.type !== 'c' || pcon.noInherit) continue;
    const ccon = t.constraints.find(c => c.type === 'c' && c.name === pcon.name);
    if (!ccon) throw new PgError('42804', `child table is missing constraint "${pcon.name}"`);
    if (ccon.check!.text !== pcon.check!.text) {
      throw new PgError('42804', `child table "${t.name}" has different definition for check constraint "${pcon.name}"`);
    }
    if (ccon.noInherit) throw new PgError('42P17', `constraint "${ccon.name}" conflicts with non-inherited constraint on child table "${t.name}"`);
    if (pcon.validated && !ccon.validated) {
      throw new PgError('42P17', `constraint "${ccon.name}" conflicts with NOT VALID constraint on child table "${t.name}"`);
    }
    cat.set(ccon, 'inhCount', ccon.inhCount + 1);
  }
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
