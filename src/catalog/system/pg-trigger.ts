// pg_trigger: the triggers of tables and views (src/triggers keeps them on their relation).
import type { Catalog } from '../catalog.js';
import type { Trigger } from '../objects.js';

const encoder = new TextEncoder();

/** tgargs: each argument followed by a NUL byte. */
function argBytes(args: string[]): Uint8Array {
  const parts = args.map(a => encoder.encode(a));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let i = 0;
  for (const p of parts) { out.set(p, i); i += p.length + 1; }
  return out;
}

export function triggerRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const s of cat.schemas.values()) {
    for (const r of s.relations.values()) {
      if ((r.kind !== 'table' && r.kind !== 'view') || !r.triggers) continue;
      for (const t of r.triggers as Trigger[]) {
        out.push([t.oid, r.oid, t.parent?.oid ?? 0, t.name, t.funcOid, t.type, t.enabled, false, t.constrRel?.oid ?? 0, 0,
          t.constraintOid, t.deferrable, t.initiallyDeferred, t.args.length, [...t.columns], argBytes(t.args),
          t.when ? '({TRIGGER WHEN})' : null, t.oldTable, t.newTable]);
      }
    }
  }
  return out.sort((a, b) => (a[0] as number) - (b[0] as number));
}
