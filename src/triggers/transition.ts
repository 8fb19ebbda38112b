// Transition tables (REFERENCING OLD/NEW TABLE AS name): the rows a statement changed, in the
// layout of the table it named, captured while it runs and visible to the trigger function's
// queries by name (as ephemeral named relations, read like WITH queries) while it fires.
import type { CteDef } from '../analyzer/query.js';
import type { Table, Trigger } from '../catalog/objects.js';
import type { TriggerEvent } from './catalog.js';
import { triggersFor } from './fire.js';

/** The rows one statement changed in a table, for its triggers with transition tables. */
export interface Capture { old: unknown[][] | null; new: unknown[][] | null }

/** A capture for the statement when an AFTER trigger of the table wants transition tables for the event. */
export function transitionCapture(rel: Table, event: TriggerEvent, row = false): Capture | null {
  if (!rel.triggers?.length) return null;
  let old = false, nw = false;
  for (const tr of triggersFor(rel, 'AFTER', row, event)) { if (tr.oldTable) old = true; if (tr.newTable) nw = true; }
  if (!old && !nw) return null;
  return { old: old ? [] : null, new: nw ? [] : null };
}

interface Frame { rel: Table; names: Map<string, unknown[][]> }
const frames: Frame[] = [];

/** Runs fn with the trigger's transition tables visible by name. */
export function withTransitionTables<T>(tr: Trigger, rel: Table, capture: Capture | null, fn: () => T): T {
  if (!capture || (!tr.oldTable && !tr.newTable)) return fn();
  const names = new Map<string, unknown[][]>();
  if (tr.oldTable) names.set(tr.oldTable, capture.old ?? []);
  if (tr.newTable) names.set(tr.newTable, capture.new ?? []);
  frames.push({ rel, names });
  try { return fn(); } finally { frames.pop(); }
}

/** AnalyzeContext.ephemeral: the transition table of this name of the trigger firing now. */
export function lookupTransitionTable(name: string): CteDef | undefined {
  const top = frames[frames.length - 1];
  if (!top?.names.has(name)) return undefined;
  const live = top.rel.columns.filter(c => !c.dropped);
  const slots = live.map(c => c.attnum - 1);
  return {
    name, columns: live.map(c => ({ name: c.name, type: c.typeOid, typmod: c.typmod })), query: null, recursive: null, dml: null,
    // read when the query runs: the rows of the trigger firing then
    ephemeralRows: () => {
      const f = frames[frames.length - 1];
      return (f?.names.get(name) ?? []).map(r => slots.map(i => r[i] ?? null));
    },
  };
}
