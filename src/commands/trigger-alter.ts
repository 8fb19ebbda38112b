// DROP TRIGGER, ALTER TRIGGER … RENAME, ALTER TABLE … ENABLE/DISABLE TRIGGER and the
// trigger named by COMMENT ON TRIGGER.
import { PgError } from '../errors/index.js';
import type { Table, Trigger, View } from '../catalog/objects.js';
import { isSystemRelation, systemCatalogDenied } from '../catalog/system/index.js';
import { setTriggerField, triggerByName } from '../triggers/catalog.js';
import type { CommandContext } from './context.js';
import { dropObjects } from './drop.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

function relationNamed(cx: CommandContext, parts: string[], missingOk: boolean): Table | View | null {
  const name = parts[parts.length - 1];
  const schema = parts.length > 1 ? parts[parts.length - 2] : null;
  if (schema && !cx.catalog.schemas.has(schema) && missingOk) return null;
  const rel = cx.catalog.findRelation(schema, name, cx.analyze.searchPath);
  if (!rel) {
    if (missingOk) return null;
    throw new PgError('42P01', `relation "${parts.join('.')}" does not exist`);
  }
  if (rel.kind !== 'table' && rel.kind !== 'view') throw new PgError('42809', `"${rel.name}" is not a table, view, or foreign table`);
  return rel;
}

export function triggerMissing(name: string, rel: Table | View): PgError {
  return new PgError('42704', `trigger "${name}" for table "${rel.name}" does not exist`);
}

/** The trigger of COMMENT ON TRIGGER name ON table (object: [ …table, name ]). */
export function triggerForComment(cx: CommandContext, items: any[]): Trigger {
  const parts = items.map(str);
  const rel = relationNamed(cx, parts.slice(0, -1), false)!;
  const tr = triggerByName(rel, parts[parts.length - 1]);
  if (!tr) throw triggerMissing(parts[parts.length - 1], rel);
  return tr;
}

export function dropTrigger(cx: CommandContext, n: any): string {
  const cascade = n.behavior === 'DROP_CASCADE';
  const roots: Trigger[] = [];
  for (const obj of n.objects as any[]) {
    const parts = (obj.List.items as any[]).map(str);
    const name = parts[parts.length - 1];
    const relParts = parts.slice(0, -1);
    const rel = relationNamed(cx, relParts, !!n.missing_ok);
    if (!rel) {
      const schema = relParts.length > 1 ? relParts[relParts.length - 2] : null;
      const missing = schema && !cx.catalog.schemas.has(schema) ? `schema "${schema}"` : `relation "${relParts.join('.')}"`;
      cx.notice({ severity: 'NOTICE', code: '00000', message: `${missing} does not exist, skipping` });
      continue;
    }
    const tr = triggerByName(rel, name);
    if (!tr) {
      if (n.missing_ok) {
        cx.notice({ severity: 'NOTICE', code: '00000', message: `trigger "${name}" for relation "${rel.name}" does not exist, skipping` });
        continue;
      }
      throw triggerMissing(name, rel);
    }
    if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
    if (tr.parent) {
      throw new PgError('2BP01', `cannot drop trigger ${tr.name} on table ${rel.name} because trigger ${tr.parent.name} on table ${tr.parent.table.name} requires it`,
        { hint: `You can drop trigger ${tr.parent.name} on table ${tr.parent.table.name} instead.` });
    }
    roots.push(tr);
  }
  if (roots.length) dropObjects(cx, roots.map(obj => ({ obj, sub: 0 })), cascade);
  return 'DROP TRIGGER';
}

export function renameTrigger(cx: CommandContext, n: any): string {
  const rv = n.relation;
  const rel = relationNamed(cx, [...(rv.schemaname ? [rv.schemaname] : []), rv.relname], !!n.missing_ok);
  if (!rel) return 'ALTER TRIGGER';
  const tr = triggerByName(rel, n.subname);
  if (!tr) throw triggerMissing(n.subname, rel);
  if (triggerByName(rel, n.newname)) throw new PgError('42710', `trigger "${n.newname}" for relation "${rel.name}" already exists`);
  if (tr.parent) throw new PgError('0A000', `cannot rename trigger "${tr.name}" on table "${rel.name}"`, { hint: `Rename the trigger on the partitioned table "${tr.parent.table.name}" instead.` });
  renameWithClones(cx, tr, n.newname);
  return 'ALTER TRIGGER';
}

function renameWithClones(cx: CommandContext, tr: Trigger, name: string): void {
  const rel = tr.table;
  if (rel.kind === 'table') for (const child of rel.children) {
    const c = child.triggers?.find(x => x.parent === tr);
    if (c) renameWithClones(cx, c, name);
  }
  setTriggerField(cx.catalog, tr, 'name', name);
}

const ENABLE: Record<string, Trigger['enabled']> = {
  AT_EnableTrig: 'O', AT_EnableAlwaysTrig: 'A', AT_EnableReplicaTrig: 'R', AT_DisableTrig: 'D',
  AT_EnableTrigAll: 'O', AT_DisableTrigAll: 'D', AT_EnableTrigUser: 'O', AT_DisableTrigUser: 'D',
};

export const TRIGGER_SUBCOMMANDS: Record<string, string> = {
  AT_EnableTrig: 'ENABLE TRIGGER', AT_EnableAlwaysTrig: 'ENABLE ALWAYS TRIGGER', AT_EnableReplicaTrig: 'ENABLE REPLICA TRIGGER',
  AT_DisableTrig: 'DISABLE TRIGGER', AT_EnableTrigAll: 'ENABLE TRIGGER ALL', AT_DisableTrigAll: 'DISABLE TRIGGER ALL',
  AT_EnableTrigUser: 'ENABLE TRIGGER USER', AT_DisableTrigUser: 'DISABLE TRIGGER USER',
};

/** ALTER TABLE … ENABLE/DISABLE TRIGGER (EnableDisableTrigger): partitions' clones follow. */
export function enableDisableTrigger(cx: CommandContext, t: Table, cmd: any): void {
  const state = ENABLE[cmd.subtype];
  const one = cmd.subtype === 'AT_EnableTrig' || cmd.subtype === 'AT_EnableAlwaysTrig' || cmd.subtype === 'AT_EnableReplicaTrig' || cmd.subtype === 'AT_DisableTrig';
  const list = one ? [triggerByName(t, cmd.name)] : (t.triggers ?? []);
  if (one && !list[0]) throw triggerMissing(cmd.name, t);
  const apply = (tr: Trigger) => {
    if (tr.enabled !== state) setTriggerField(cx.catalog, tr, 'enabled', state);
    if (tr.table.kind === 'table') for (const child of tr.table.children) {
      const c = child.triggers?.find(x => x.parent === tr);
      if (c) apply(c);
    }
  };
  for (const tr of list) apply(tr!);
}
