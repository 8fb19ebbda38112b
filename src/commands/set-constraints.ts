// SET CONSTRAINTS name, … (AfterTriggerSetState): each name is looked up along the search path
// (or in the schema given) — every constraint of that name in the first schema having one —
// and the constraints cloned from them for partitions come along.
import { PgError } from '../errors/index.js';
import type { Constraint } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { standIn } from '../triggers/fire.js';

export function constraintsToSet(cx: CommandContext, names: any[], deferred: boolean): Constraint[] {
  const out: Constraint[] = [];
  const tables = cx.catalog.tables();
  for (const item of names) {
    const rv = item.RangeVar;
    const schemas = rv.schemaname ? [rv.schemaname] : cx.analyze.searchPath;
    let found = false;
    for (const schema of schemas) {
      for (const t of tables) {
        if (t.schema.name !== schema) continue;
        for (const c of t.constraints) {
          if (c.name !== rv.relname) continue;
          found = true;
          if (c.deferrable) { if (!out.includes(c)) out.push(c); } else if (deferred) {
            throw new PgError('42809', `constraint "${rv.relname}" is not deferrable`);
          }
        }
        // a constraint trigger's entry (src/triggers)
        for (const tr of t.triggers ?? []) {
          if (!tr.constraintOid || tr.name !== rv.relname) continue;
          found = true;
          if (tr.deferrable) { const c = standIn(tr); if (!out.includes(c)) out.push(c); } else if (deferred) {
            throw new PgError('42809', `constraint "${rv.relname}" is not deferrable`);
          }
        }
      }
      // a match ends the search: later schemas of the path are not looked at
      if (found) break;
    }
    if (!found) throw new PgError('42704', `constraint "${rv.relname}" does not exist`);
  }
  // the partitions' clones of the constraints (conparentid), at any depth
  for (let i = 0; i < out.length; i++) {
    for (const t of tables) for (const c of t.constraints) if (c.parent === out[i] && !out.includes(c)) out.push(c);
  }
  return out;
}
