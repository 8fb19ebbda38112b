// Firing user triggers (PostgreSQL's trigger.c): BEFORE ROW triggers run as the executor
// writes a row and may replace it or skip it; AFTER ROW and AFTER STATEMENT events join the
// statement's event queue (integrity/), so they fire at its end, after the RI checks of the
// same row, or at COMMIT for a deferred constraint trigger. Triggers of one kind fire in
// name order; WHEN conditions and UPDATE OF columns decide whether a trigger fires at all.
import type { AnalyzeContext } from '../analyzer/context.js';
import type { Constraint, Table, Trigger, View } from '../catalog/objects.js';
import { callTriggerFunction, type TriggerContext } from '../functions/trigger-call.js';
import { isDeferred, type RiEvent, type WriteContext } from '../integrity/context.js';
import type { Tuple } from '../storage/tuple.js';
import { typeByOid } from '../types/registry.js';
import { compile } from '../executor/compile.js';
import type { Env } from '../executor/env.js';
import { runSubquery } from '../executor/query.js';
import { TG, EVENT_BIT, type TriggerEvent } from './catalog.js';
import { analyzeWhen } from './when.js';
import { builtinTriggerByOid } from './builtin.js';
import { transitionCapture, withTransitionTables, type Capture } from './transition.js';

type Holder = Table | View;
type Timing = 'BEFORE' | 'AFTER' | 'INSTEAD OF';

const TIMING_BITS: Record<Timing, number> = { BEFORE: TG.BEFORE, AFTER: 0, 'INSTEAD OF': TG.INSTEAD };

/** Does the trigger fire in this session? (session_replication_role = origin: enabled O and A) */
const enabled = (t: Trigger) => t.enabled === 'O' || t.enabled === 'A';

const NO_TRIGGERS: readonly Trigger[] = Object.freeze([]);

/** The holder's enabled triggers of one timing, level and event, in name order (cached per table version). */
export function triggersFor(rel: Holder, timing: Timing, row: boolean, event: TriggerEvent): readonly Trigger[] {
  const all = rel.triggers;
  if (!all?.length) return NO_TRIGGERS;
  const want = TIMING_BITS[timing] | (row ? TG.ROW : 0);
  const mask = TG.BEFORE | TG.INSTEAD | TG.ROW;
  const key = `triggers:${want}:${event}`;
  const cache = rel.kind === 'table' ? (rel.cache ??= new Map()) : null;
  const hit = cache?.get(key) as Trigger[] | undefined;
  if (hit) return hit;
  const list = all.filter(t => (t.type & mask) === want && (t.type & EVENT_BIT[event]) && enabled(t))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  cache?.set(key, list);
  return list;
}

function analyzeContextOf(env: Env): AnalyzeContext {
  return (env.ctx.session as { analyzeContext(): AnalyzeContext }).analyzeContext();
}

/** The trigger's WHEN condition on OLD and NEW, compiled once per table version. */
function whenHolds(tr: Trigger, env: Env, oldRow: unknown[] | null, newRow: unknown[] | null): boolean {
  if (!tr.when) return true;
  const version = tr.table.kind === 'table' ? tr.table.version : 0;
  let c = tr.cache as { version: number; fn: (f: unknown[], env: Env) => unknown } | undefined;
  if (!c || c.version !== version) {
    const fn = compile(analyzeWhen(analyzeContextOf(env), tr.table, tr.when.expr), runSubquery);
    tr.cache = c = { version, fn };
  }
  return c.fn([oldRow, null, newRow, null], env) === true;
}

/** UPDATE OF: fires when one of its columns is a target of the UPDATE (or, without a SET list, changed). */
function columnsMatch(tr: Trigger, updated: ReadonlySet<number> | null, oldRow: unknown[] | null, newRow: unknown[] | null): boolean {
  if (!tr.columns.length) return true;
  if (updated) return tr.columns.some(a => updated.has(a));
  if (!oldRow || !newRow) return true;
  const table = tr.table as Table;
  return tr.columns.some(a => {
    const x = oldRow[a - 1], y = newRow[a - 1];
    if (x === null || y === null) return x !== y;
    return typeByOid(table.columns[a - 1].typeOid)?.compare(x, y) !== 0;
  });
}

/** Runs the trigger's function: a user function, or one of PostgreSQL's built-in trigger functions. */
function callTrigger(w: WriteContext, tr: Trigger, rel: Holder, tg: TriggerContext, env: Env): unknown[] | null {
  const builtin = builtinTriggerByOid(tr.funcOid);
  if (builtin) return builtin.run(rel, tg);
  return callTriggerFunction(w.catalog, tr.funcOid, tg, env.ctx);
}

function context(tr: Trigger, rel: Holder, timing: Timing, row: boolean, event: TriggerEvent,
  oldRow: unknown[] | null, newRow: unknown[] | null): TriggerContext {
  return { name: tr.name, when: timing, level: row ? 'ROW' : 'STATEMENT', op: event, relid: rel.oid, tableName: rel.name,
    tableSchema: rel.schema.name, args: tr.args, new: newRow, old: oldRow, rowType: rel.oid };
}

/**
 * BEFORE ROW (and INSTEAD OF) triggers of a row: the row to write, possibly replaced by a
 * trigger, or null when one returned NULL (the row is skipped). DELETE passes the old row.
 */
export function fireBeforeRow(env: Env, w: WriteContext, rel: Holder, event: 'INSERT' | 'UPDATE' | 'DELETE', oldRow: unknown[] | null,
  newRow: unknown[] | null, updated: ReadonlySet<number> | null = null, timing: Timing = 'BEFORE'): unknown[] | null {
  const list = triggersFor(rel, timing, true, event);
  let cur = event === 'DELETE' ? oldRow : newRow;
  for (const tr of list) {
    if (event === 'UPDATE' && !columnsMatch(tr, updated, oldRow, newRow)) continue;
    if (!whenHolds(tr, env, oldRow, event === 'DELETE' ? null : cur)) continue;
    const res = callTrigger(w, tr, rel, context(tr, rel, timing, true, event, oldRow, event === 'DELETE' ? null : cur), env);
    if (res === null || res === undefined) return null;
    if (event !== 'DELETE') cur = normalize(rel, res);
  }
  return cur;
}

/** A returned row in the table's layout (one slot per column, dropped ones included). */
function normalize(rel: Holder, row: unknown[]): unknown[] {
  const n = rel.columns.length;
  if (row.length === n) return row.slice();
  const out = row.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}

/** Any row trigger of the event at this timing? (lets the executor skip work) */
export const hasRowTriggers = (rel: Holder, timing: Timing, event: TriggerEvent) => triggersFor(rel, timing, true, event).length > 0;

const plainStandIn = { kind: 'constraint', oid: 0, name: '', deferrable: false, initiallyDeferred: false } as unknown as Constraint;

const standIns = new WeakMap<Trigger, Constraint>();

/** A constraint trigger's pg_constraint entry as the event queue and SET CONSTRAINTS see it (one object per trigger). */
export function standIn(tr: Trigger): Constraint {
  if (!tr.constraintOid) return plainStandIn;
  let c = standIns.get(tr);
  if (!c) standIns.set(tr, c = { kind: 'constraint', oid: tr.constraintOid, name: tr.name, deferrable: tr.deferrable, initiallyDeferred: tr.initiallyDeferred } as unknown as Constraint);
  return c;
}

function enqueue(w: WriteContext, tr: Trigger, ev: Omit<RiEvent, 'c' | 'kind'>): RiEvent {
  const c = standIn(tr);
  const full: RiEvent = { ...ev, c, kind: 'trigger' };
  (tr.constraintOid && isDeferred(w, c) ? w.deferred : w.queue).push(full);
  return full;
}

/**
 * The statement triggers already fired or queued in a statement, by timing, table and event:
 * a statement whose WITH queries write the same table as it does (or each other) fires each
 * table's BEFORE STATEMENT triggers of an event once, at the first write, and its AFTER
 * STATEMENT ones once, after the last (an earlier queued firing is cancelled), as PostgreSQL's
 * before_stmt_triggers_fired / cancel_prior_stmt_triggers.
 */
const statementFired = new WeakMap<WriteContext, Map<string, { events: RiEvent[]; capture: Capture | null }>>();
const NOTHING = (): void => {};

/** `rows` preceded by `first` (in place: its capture is the one the queued firing reads). */
function prependRows(first: unknown[][], rows: unknown[][]): void {
  const all = first.concat(rows);
  rows.length = 0;
  for (const r of all) rows.push(r);
}

/**
 * The hook the integrity layer calls for each row written (WriteContext.afterRow): AFTER ROW
 * triggers whose WHEN holds now are queued. `updated` is the UPDATE's SET columns, when known.
 */
function afterRowHook(ctx: WriteContext, table: Table, event: 'INSERT' | 'UPDATE' | 'DELETE', old: Tuple | null, row: Tuple | null): void {
  const list = triggersFor(table, 'AFTER', true, event);
  if (!list.length) return;
  const state = ctx.triggerState as ArmedState;
  const { env, w } = state;
  const oldRow = old?.data ?? null, newRow = row?.data ?? null;
  // row triggers with transition tables see every row of the statement when they fire (at its end)
  const key = `${table.oid}:${event}`;
  const captures = (state.captures ??= new Map());
  let capture = captures.get(key);
  if (capture === undefined) captures.set(key, capture = transitionCapture(table, event, true));
  if (capture) { if (oldRow) capture.old?.push(oldRow); if (newRow) capture.new?.push(newRow); }
  for (const tr of list) {
    if (event === 'UPDATE' && !columnsMatch(tr, state.updated, oldRow, newRow)) continue;
    if (!whenHolds(tr, env, oldRow, newRow)) continue;
    const tg = context(tr, table, 'AFTER', true, event, oldRow, newRow);
    const call = () => { callTrigger(w, tr, table, tg, env); };
    enqueue(w, tr, { tuple: (row ?? old) as Tuple, fire: capture ? () => withTransitionTables(tr, table, capture!, call) : call });
  }
}

/** BEFORE ROW triggers of a row an RI action changes (WriteContext.beforeRow). */
function beforeRowHook(ctx: WriteContext, table: Table, event: 'UPDATE' | 'DELETE', old: Tuple, row: unknown[] | null): unknown[] | null {
  const { env, w } = ctx.triggerState as ArmedState;
  return hasRowTriggers(table, 'BEFORE', event) ? fireBeforeRow(env, w, table, event, old.data, row) : row ?? old.data;
}

/** BEFORE STATEMENT triggers run now; AFTER STATEMENT ones are queued behind the statement's row events. */
export function fireStatement(env: Env, w: WriteContext, rel: Holder, timing: 'BEFORE' | 'AFTER', event: TriggerEvent,
  updated: ReadonlySet<number> | null = null, capture: Capture | null = null): void {
  if (!rel.triggers?.length) return;
  const list = triggersFor(rel, timing, false, event);
  if (!list.length) return;
  let fired = statementFired.get(w);
  if (!fired) statementFired.set(w, fired = new Map());
  const key = `${timing}:${rel.oid}:${event}`;
  const prior = fired.get(key);
  if (prior && timing === 'BEFORE') return;
  if (prior) {
    for (const ev of prior.events) ev.fire = NOTHING;
    // the one firing's transition tables hold the rows of every write of the statement
    if (prior.capture && capture) {
      if (prior.capture.old && capture.old) prependRows(prior.capture.old, capture.old);
      if (prior.capture.new && capture.new) prependRows(prior.capture.new, capture.new);
    }
  }
  const queued: RiEvent[] = [];
  fired.set(key, { events: queued, capture });
  for (const tr of list) {
    if (event === 'UPDATE' && tr.columns.length && updated && !tr.columns.some(a => updated.has(a))) continue;
    if (!whenHolds(tr, env, null, null)) continue;
    const tg = context(tr, rel, timing, false, event, null, null);
    if (timing === 'BEFORE') callTrigger(w, tr, rel, tg, env);
    else {
      const call = () => { callTrigger(w, tr, rel, tg, env); };
      queued.push(enqueue(w, tr, { tuple: null as unknown as Tuple, fire: rel.kind === 'table' ? () => withTransitionTables(tr, rel, capture, call) : call }));
    }
  }
}

/** A class, not an object literal: a per-statement literal V8 pretenures keeps the statement's young objects alive (statement-env.ts). */
class ArmedState {
  declare env: Env;
  declare w: WriteContext;
  declare updated: ReadonlySet<number> | null;
  declare captures: Map<string, Capture | null> | null;
  constructor(env: Env, w: WriteContext, updated: ReadonlySet<number> | null) { this.env = env; this.w = w; this.updated = updated; this.captures = null; }
}

/**
 * Installs the row-trigger hooks for a statement's writes (once per write context, also for the
 * RI actions that run at its end) and says which columns its UPDATE sets.
 */
export function armAfterRow(env: Env, updated: ReadonlySet<number> | null): ArmedState {
  const w = env.write!.w;
  let state = w.triggerState as ArmedState | undefined;
  if (!state) {
    w.triggerState = state = new ArmedState(env, w, updated);
    w.afterRow = afterRowHook;
    w.beforeRow = beforeRowHook;
  } else state.updated = updated;
  return state;
}

/** TRUNCATE's statement triggers of each table (BEFORE ones run now, AFTER ones queued), in the order the tables go. */
export function fireTruncate(w: WriteContext, view: Env['view'], ctx: Env['ctx'], tables: Table[], timing: 'BEFORE' | 'AFTER'): void {
  for (const t of tables) {
    if (!t.triggers?.length) continue;
    fireStatement({ view, params: [], ctx, aggs: null, outer: [] }, w, t, timing, 'TRUNCATE');
  }
}
