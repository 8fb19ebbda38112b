// Row-level locks, PostgreSQL's model (heapam.c's heap_lock_tuple / heap_update): a row
// version carries the transactions that locked it (FOR KEY SHARE, FOR SHARE, FOR NO KEY
// UPDATE, FOR UPDATE; several lockers at once, PostgreSQL's MultiXact) and, once updated or
// deleted, its xmax, which locks it FOR NO KEY UPDATE (an update that keeps every unique key)
// or FOR UPDATE (a delete, or an update of a key). Locks last until the locking (sub)
// transaction ends. A request that conflicts with a running transaction's lock throws
// LockWait (the session undoes the statement, waits, and runs it again); NOWAIT fails with
// 55P03, SKIP LOCKED skips the row. A row changed by a transaction that committed after the
// snapshot is a serialization failure under REPEATABLE READ and SERIALIZABLE, and makes a
// READ COMMITTED statement run again with a new snapshot (where PostgreSQL re-evaluates the
// one row, EvalPlanQual).
import { PgError } from '../errors/index.js';
import { LockWait, StatementRetry } from './locks.js';
import type { Snapshot, TransactionManager } from './transactions.js';
import { FROZEN_XID } from './transactions.js';
import type { Tuple } from './tuple.js';

export type RowLockMode = 'keyshare' | 'share' | 'nokeyupdate' | 'update';
export type WaitPolicy = 'block' | 'skip' | 'error';

export interface RowLocker { xid: number; mode: RowLockMode }

/** What a lock request knows of its transaction. */
export interface RowLockContext {
  tm: TransactionManager;
  top: number;
  /** The xid that holds the locks it takes (the statement's). */
  xid: number;
  /** REPEATABLE READ and SERIALIZABLE: a concurrent change is a serialization failure. */
  xactSnapshot?: boolean;
  /** The transaction's snapshot (REPEATABLE READ) or the statement's. */
  snap?: Snapshot;
}

const CONFLICTS: Record<RowLockMode, ReadonlySet<RowLockMode>> = {
  keyshare: new Set(['update']),
  share: new Set(['nokeyupdate', 'update']),
  nokeyupdate: new Set(['share', 'nokeyupdate', 'update']),
  update: new Set(['keyshare', 'share', 'nokeyupdate', 'update']),
};
const RANK: Record<RowLockMode, number> = { keyshare: 0, share: 1, nokeyupdate: 2, update: 3 };

const serializationFailure = (what: 'update' | 'delete') => new PgError('40001', `could not serialize access due to concurrent ${what}`);

/** The lock an update or delete holds through the version's xmax. */
const xmaxMode = (t: Tuple): RowLockMode => (t.keyUpdate ? 'update' : 'nokeyupdate');

/** The running transaction of another top-level transaction whose lock on `t` conflicts with `mode`, or 0. */
function conflictingLocker(ctx: RowLockContext, t: Tuple, mode: RowLockMode): number {
  const lockers = t.lockers;
  if (!lockers) return 0;
  const tm = ctx.tm;
  for (const l of lockers) {
    if (!CONFLICTS[mode].has(l.mode) || !tm.isRunning(l.xid) || tm.top(l.xid) === ctx.top) continue;
    return l.xid;
  }
  return 0;
}

function addLocker(ctx: RowLockContext, t: Tuple, mode: RowLockMode): void {
  const tm = ctx.tm;
  // a version this transaction made is seen by no other until it commits, when the lock ends:
  // no one could ever meet the lock (W1 locked each user it inserted, a list per row kept for good)
  if (t.xmin !== FROZEN_XID && tm.top(t.xmin) === ctx.top) return;
  // the common repeat (W1: a parent row locked for each child row inserted): every locker still
  // running and this transaction's lock strong enough, so there is nothing to drop or add
  const cur = t.lockers;
  if (cur) {
    let held = false;
    for (const l of cur) {
      if (!tm.isRunning(l.xid)) { held = false; break; }
      if (!held && tm.top(l.xid) === ctx.top && RANK[l.mode] >= RANK[mode] && !tm.isAborted(l.xid)) held = true;
    }
    if (held) return;
  }
  // lockers that ended are dropped; a lock this transaction holds as strong is enough
  const kept = (t.lockers ?? []).filter(l => tm.isRunning(l.xid));
  if (kept.some(l => tm.top(l.xid) === ctx.top && RANK[l.mode] >= RANK[mode] && !tm.isAborted(l.xid))) { t.lockers = kept; return; }
  kept.push({ xid: ctx.xid, mode });
  t.lockers = kept;
}

function blocked(xid: number, policy: WaitPolicy, rel: string, named: Tuple | null): 'skip' {
  if (policy === 'skip') return 'skip';
  if (policy === 'error') throw new PgError('55P03', `could not obtain lock on row in relation "${rel}"`);
  throw new LockWait(xid, named ? tupleContext('locking', named, rel) : undefined);
}

/** The CONTEXT of an error ending a wait for a row (PostgreSQL's XactLockTableWait), with the tuple as ctid shows it. */
const tupleContext = (verb: string, t: Tuple, rel: string): string => `while ${verb} tuple (0,${t.id}) in relation "${rel}"`;

/**
 * SELECT … FOR …, and the FOR KEY SHARE of a foreign-key check: locks the version `t` the
 * caller sees. A FOR KEY SHARE lock goes along an update that kept the key, to the newest
 * version (heap_lock_updated_tuple). 'skip' for SKIP LOCKED.
 */
export function lockRow(ctx: RowLockContext, t: Tuple, mode: RowLockMode, policy: WaitPolicy, rel: string, named = false): 'ok' | 'skip' {
  const tm = ctx.tm;
  let cur: Tuple | undefined = t;
  while (cur) {
    const xmax: number = cur.xmax;
    if (xmax !== 0 && !tm.isAborted(xmax)) {
      if (tm.top(xmax) === ctx.top) return 'ok'; // changed by this transaction: it holds the stronger lock
      if (tm.isRunning(xmax)) {
        if (CONFLICTS[mode].has(xmaxMode(cur))) return blocked(xmax, policy, rel, named ? cur : null);
      } else if (mode !== 'keyshare' || cur.keyUpdate || !cur.next) {
        // updated or deleted by a transaction that committed after the snapshot
        if (ctx.xactSnapshot) throw serializationFailure('update');
        throw new StatementRetry();
      }
    }
    const other = conflictingLocker(ctx, cur, mode);
    if (other) return blocked(other, policy, rel, named ? cur : null);
    addLocker(ctx, cur, mode);
    cur = xmax !== 0 && !tm.isAborted(xmax) ? cur.next : undefined;
  }
  return 'ok';
}

/**
 * UPDATE and DELETE of a version the statement sees (heap_update / heap_delete): false when
 * this transaction already changed it (in this command: PostgreSQL skips the row).
 */
export function lockForWrite(ctx: RowLockContext, t: Tuple, mode: 'nokeyupdate' | 'update', verb?: string, rel?: string): boolean {
  const tm = ctx.tm;
  const xmax = t.xmax;
  if (xmax !== 0 && !tm.isAborted(xmax)) {
    if (tm.top(xmax) === ctx.top) return false;
    if (tm.isRunning(xmax)) throw new LockWait(xmax, verb && rel !== undefined ? tupleContext(verb, t, rel) : undefined);
    if (ctx.xactSnapshot) throw serializationFailure(t.next ? 'update' : 'delete');
    throw new StatementRetry();
  }
  const other = conflictingLocker(ctx, t, mode);
  if (other) throw new LockWait(other, verb && rel !== undefined ? tupleContext(verb, t, rel) : undefined);
  return true;
}

/**
 * A unique check's view of a version with an equal key (_bt_check_unique): 'live' if it
 * conflicts, 'dead' if not; a version inserted or deleted by a running transaction is not
 * known yet, so the check waits for it.
 */
export function uniqueProbe(ctx: RowLockContext, t: Tuple, wait = true): 'live' | 'dead' | 'unknown' {
  const tm = ctx.tm, xmin = t.xmin;
  if (xmin !== FROZEN_XID) {
    if (tm.isAborted(xmin)) return 'dead';
    if (tm.top(xmin) !== ctx.top && tm.isRunning(xmin)) {
      if (!wait) return 'unknown';
      throw new LockWait(xmin);
    }
  }
  const xmax = t.xmax;
  if (xmax === 0 || tm.isAborted(xmax)) return 'live';
  if (tm.top(xmax) === ctx.top || !tm.isRunning(xmax)) return 'dead';
  if (!wait) return 'unknown';
  throw new LockWait(xmax);
}

/** A row the transaction's snapshot sees, or one of its own (whatever the command): what a REPEATABLE READ foreign-key check reads. */
export function visibleToTransaction(ctx: RowLockContext, t: Tuple): boolean {
  const tm = ctx.tm, snap = ctx.snap;
  const mine = (x: number) => x !== FROZEN_XID && tm.top(x) === ctx.top;
  if (mine(t.xmin)) { if (tm.isAborted(t.xmin)) return false; } else if (!snap || !tm.committedFor(t.xmin, snap)) return false;
  const xmax = t.xmax;
  if (xmax === 0 || tm.isAborted(xmax)) return true;
  return !mine(xmax) && !tm.committedFor(xmax, snap!);
}

/** RI actions under REPEATABLE READ change rows the latest state shows; one the snapshot does not show is a concurrent change (PostgreSQL's crosscheck snapshot). */
export function crosscheck(ctx: RowLockContext, t: Tuple): void {
  if (ctx.xactSnapshot && !visibleToTransaction(ctx, t)) throw serializationFailure('update');
}
