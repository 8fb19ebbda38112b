// CheckTableNotInUse's second half: a table with deferred trigger events (foreign-key checks
// and actions, constraint triggers) waiting for COMMIT cannot be altered.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import type { WriteContext } from '../integrity/context.js';

export function checkNoPendingEvents(w: WriteContext, t: Table, command = 'ALTER TABLE'): void {
  if (!w.deferred.length) return;
  if (w.deferred.some(ev => ev.tuple?.rel === t.oid)) {
    throw new PgError('55006', `cannot ${command} "${t.name}" because it has pending trigger events`);
  }
}

/**
 * ALTER TABLE on these tables (the named one and those it reaches): each must be free of
 * pending events, and so must the referenced table of a foreign key being dropped.
 */
export function checkAlterNotPending(w: WriteContext, tables: Table[], cmds: any[]): void {
  if (!w.deferred.length) return;
  // commands recurse to inheritance children and partitions: each is checked (in the order reached)
  const all: Table[] = [];
  const add = (t: Table) => { if (!all.includes(t)) { all.push(t); t.children.forEach(add); } };
  tables.forEach(add);
  tables = all;
  for (const t of tables) checkNoPendingEvents(w, t);
  for (const c of cmds) {
    if (c.subtype !== 'AT_DropConstraint') continue;
    for (const t of tables) {
      const con = t.constraints.find(x => x.name === c.name);
      if (con?.fk) checkNoPendingEvents(w, con.fk.refTable);
    }
  }
}
