// Trigger functions built into PostgreSQL (pg_catalog, language internal) that Relata runs
// itself: suppress_redundant_updates_trigger, which skips an UPDATE that changes nothing.
import { PgError } from '../errors/index.js';
import type { Table, View } from '../catalog/objects.js';
import { typeByOid } from '../types/registry.js';
import { defaultFormatSettings } from '../types/type.js';

export interface BuiltinTriggerCall { when: string; level: string; op: string; old: unknown[] | null; new: unknown[] | null }

interface BuiltinTrigger { oid: number; name: string; run(rel: Table | View, tg: BuiltinTriggerCall): unknown[] | null }

/** Same stored value (compared by text, as the row image is compared in PostgreSQL). */
function sameRow(rel: Table | View, a: unknown[], b: unknown[]): boolean {
  return rel.columns.every((c, i) => {
    const x = a[i] ?? null, y = b[i] ?? null;
    if (x === null || y === null) return x === y;
    const t = typeByOid(c.typeOid);
    return t ? t.output(x, defaultFormatSettings) === t.output(y, defaultFormatSettings) : x === y;
  });
}

const BUILTINS: BuiltinTrigger[] = [{
  oid: 1291, name: 'suppress_redundant_updates_trigger',
  run(rel, tg) {
    if (tg.when !== 'BEFORE' || tg.level !== 'ROW' || tg.op !== 'UPDATE') {
      const what = tg.op !== 'UPDATE' ? 'on update' : tg.when !== 'BEFORE' ? 'before update' : 'for each row';
      throw new PgError('39P01', `suppress_redundant_updates_trigger: must be called ${what}`);
    }
    return sameRow(rel, tg.old!, tg.new!) ? null : tg.new;
  },
}];

export const builtinTriggerByName = (name: string) => BUILTINS.find(b => b.name === name);
export const builtinTriggerByOid = (oid: number) => BUILTINS.find(b => b.oid === oid);
