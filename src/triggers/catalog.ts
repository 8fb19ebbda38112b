// Triggers as catalog objects: the tgtype bits, lookups by name and oid, and the changes
// (add, remove, rename, enable) recorded for undo like every catalog change.
import type { Catalog } from '../catalog/catalog.js';
import type { Table, Trigger, View } from '../catalog/objects.js';

export const TG = { ROW: 1, BEFORE: 2, INSERT: 4, DELETE: 8, UPDATE: 16, TRUNCATE: 32, INSTEAD: 64 } as const;
export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE';
export const EVENT_BIT: Record<TriggerEvent, number> = { INSERT: TG.INSERT, UPDATE: TG.UPDATE, DELETE: TG.DELETE, TRUNCATE: TG.TRUNCATE };

export type TriggerHolder = Table | View;

export const triggersOf = (rel: TriggerHolder): Trigger[] => rel.triggers ?? [];

export function triggerByName(rel: TriggerHolder, name: string): Trigger | undefined {
  return rel.triggers?.find(t => t.name === name);
}

export function triggerByOid(cat: Catalog, oid: number): Trigger | undefined {
  for (const s of cat.schemas.values()) {
    for (const r of s.relations.values()) {
      if ((r.kind === 'table' || r.kind === 'view') && r.triggers) {
        const t = r.triggers.find(x => x.oid === oid);
        if (t) return t;
      }
    }
  }
  return undefined;
}

export function allTriggers(cat: Catalog): Trigger[] {
  const out: Trigger[] = [];
  for (const s of cat.schemas.values()) {
    for (const r of s.relations.values()) if ((r.kind === 'table' || r.kind === 'view') && r.triggers) out.push(...r.triggers);
  }
  return out;
}

/** Bumps the holder's version so cached plans and trigger lists are rebuilt. */
function touch(cat: Catalog, rel: TriggerHolder): void {
  if (rel.kind === 'table') { cat.set(rel, 'version', rel.version + 1); rel.cache = undefined; }
}

export function addTrigger(cat: Catalog, tr: Trigger): void {
  const rel = tr.table;
  if (!rel.triggers) cat.set(rel, 'triggers', []);
  cat.push(rel.triggers!, tr);
  touch(cat, rel);
}

export function removeTrigger(cat: Catalog, tr: Trigger): void {
  const rel = tr.table;
  if (rel.triggers) cat.remove(rel.triggers, tr);
  touch(cat, rel);
}

export function setTriggerField<K extends keyof Trigger>(cat: Catalog, tr: Trigger, key: K, value: Trigger[K]): void {
  cat.set(tr, key, value);
  tr.cache = undefined;
  touch(cat, tr.table);
}

export const isRowTrigger = (t: Trigger) => (t.type & TG.ROW) !== 0;
export const timingOf = (t: Trigger): 'BEFORE' | 'AFTER' | 'INSTEAD OF' =>
  (t.type & TG.BEFORE ? 'BEFORE' : t.type & TG.INSTEAD ? 'INSTEAD OF' : 'AFTER');
export const firesOn = (t: Trigger, ev: TriggerEvent) => (t.type & EVENT_BIT[ev]) !== 0;
