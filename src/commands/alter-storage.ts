// ALTER TABLE … SET LOGGED / SET UNLOGGED and SET ( … ) / RESET ( … ) (tablecmds.c's
// ATPrepChangePersistence and ATExecSetRelOptions): the table's persistence, with the rule
// that permanent tables never reference unlogged ones, and its storage parameters.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { tableReloptions } from './reloptions.js';
import { isTemp } from './temp.js';

/** SET LOGGED (toLogged) or SET UNLOGGED; nothing when the table already is so. */
export function setPersistence(cx: CommandContext, t: Table, toLogged: boolean): void {
  if (isTemp(t)) {
    throw new PgError('42P16', `cannot change logged status of table "${t.name}" because it is temporary`, { schema: t.schema.name, table: t.name });
  }
  if (toLogged !== !!t.unlogged) return;
  if (toLogged) {
    for (const c of t.constraints) {
      const ref = c.fk?.refTable;
      if (ref && ref !== t && ref.unlogged) {
        throw new PgError('42P16', `could not change table "${t.name}" to logged because it references unlogged table "${ref.name}"`,
          { schema: t.schema.name, table: t.name, constraint: c.name });
      }
    }
  } else {
    for (const c of t.referencedBy) {
      if (c.table !== t && !c.table.unlogged) {
        throw new PgError('42P16', `could not change table "${t.name}" to unlogged because it references logged table "${c.table.name}"`,
          { schema: t.schema.name, table: t.name, constraint: c.name });
      }
    }
  }
  cx.catalog.set(t, 'unlogged', !toLogged);
}

/** SET ( name = value, … ) or RESET ( name, … ): the table's reloptions, checked as CREATE TABLE checks them. */
export function setRelOptions(cx: CommandContext, t: Table, defs: any[], reset: boolean): void {
  const names = (defs as any[]).map(d => `${d.DefElem.defnamespace ? d.DefElem.defnamespace + '.' : ''}${d.DefElem.defname}`);
  // RESET checks only the names; SET their values too
  if (!reset) tableReloptions(defs);
  const kept = (t.reloptions ?? []).filter(o => !names.includes(o.slice(0, o.indexOf('='))));
  const next = reset ? kept : [...kept, ...tableReloptions(defs)];
  cx.catalog.set(t, 'reloptions', next.length ? next : undefined);
}
