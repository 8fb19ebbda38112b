// How a session waits (storage/locks.ts): for the database lock a statement needs, and for
// a transaction whose row the statement met. The executor is synchronous: a statement that
// must wait is undone to its start (an implicit subtransaction, session.ts) and throws
// LockWait; the wait happens here, asynchronously, then the statement runs again, READ
// COMMITTED with a new snapshot. lock_timeout, deadlock_timeout and statement_timeout are
// the session's settings; a cancel request ends the wait.
import { PgError } from '../errors/index.js';
import { LockWait, parseTimeoutMs, StatementRetry, type DbLockMode, type LockManager, type LockOwner, type WaitOptions } from '../storage/locks.js';
import type { StatementResult } from './result.js';
import { lockModeOf } from './lock-mode.js';

export interface WaitingSession extends LockOwner {
  readonly engine: { locks: LockManager };
  readonly gucs: Map<string, string>;
  readonly transactionStatus: 'I' | 'T' | 'E';
  /** A wait failed: the transaction block fails, an implicit transaction is undone. */
  failTransaction(): void;
  /** The session's last commit, until it is flushed and visible (commit-visibility.ts). */
  readonly pendingFlush: Promise<void> | null;
}

const waits = new WeakMap<WaitingSession, AbortController>();

/** A statement never runs again more often than this for one call (a guard against livelock). */
const MAX_RETRIES = 10000;

/**
 * Runs `attempt`, waiting first for what it needs. The result comes without a promise when
 * nothing had to wait (the usual case: no async frame, no timers); errors are then thrown.
 */
export function runWaiting(s: WaitingSession, stmt: Record<string, any>, attempt: () => StatementResult): StatementResult | Promise<StatementResult> {
  // the session's previous commit must be visible before its next statement runs (a COMMIT
  // among the statements of one query); a failed flush fails this statement too
  if (s.pendingFlush) return afterFlush(s, stmt, attempt);
  const mode = s.transactionStatus === 'E' ? 'none' : lockModeOf(stmt);
  // the fast path: nothing to wait for, no timers
  if (!s.engine.locks.tryAcquireDb(s, mode)) return waitAndRun(s, mode, null, attempt);
  try {
    return attempt();
  } catch (e) {
    if (!(e instanceof LockWait || e instanceof StatementRetry)) throw e;
    return waitAndRun(s, mode, e, attempt);
  }
}

/** A statement's error as a value (StatementRunner.tryStatement). */
export class StatementFailure {
  constructor(readonly error: unknown) {}
}

/** A session that runs statements (session.ts's runStatement). */
export interface StatementRunner extends WaitingSession {
  runStatement(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[]): StatementResult;
  /** runStatement, its failure returned rather than thrown. */
  tryStatement(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[]): StatementResult | StatementFailure;
}

/** runWaiting of one statement (without a closure to run it again unless it must wait). */
export function runStatementWaiting(s: StatementRunner, stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[]): StatementResult | Promise<StatementResult> {
  const r = tryStatementWaiting(s, stmt, params, paramTypes);
  if (r instanceof StatementFailure) throw r.error;
  return r;
}

/** runStatementWaiting, a failure that needs no wait returned as a value (the embedded API throws it once, or rejects with it). */
export function tryStatementWaiting(s: StatementRunner, stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[]): StatementResult | StatementFailure | Promise<StatementResult> {
  if (s.pendingFlush) return afterFlush(s, stmt, () => s.runStatement(stmt, params, paramTypes));
  const mode = s.transactionStatus === 'E' ? 'none' : lockModeOf(stmt);
  if (!s.engine.locks.tryAcquireDb(s, mode)) return waitAndRun(s, mode, null, () => s.runStatement(stmt, params, paramTypes));
  // (no try/catch here: a failure comes back as a value, see tryStatement)
  const r = s.tryStatement(stmt, params, paramTypes);
  if (!(r instanceof StatementFailure)) return r;
  const e = r.error;
  if (!(e instanceof LockWait || e instanceof StatementRetry)) return r;
  return waitAndRun(s, mode, e, () => s.runStatement(stmt, params, paramTypes));
}

/**
 * A statement that must not wait (the embedded API's querySync) would have to: it was not
 * run (or was undone: nothing of it remains), and the caller may run it with query() instead.
 */
export class WouldWaitError extends Error {
  constructor(why: string) {
    super(`the statement would have to wait: ${why}; use query()`);
    this.name = 'WouldWaitError';
  }
}

/**
 * runStatementWaiting without waiting: its result, or its error — WouldWaitError where it
 * would have to wait — returned as a StatementFailure (the embedded API's querySync throws it
 * once, instead of each layer rethrowing). A statement that met a row locked by another
 * transaction was undone, as before a wait; one that met a concurrent update runs again at
 * once, as waitAndRun does.
 */
export function tryStatementSync(s: StatementRunner, stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[]): StatementResult | StatementFailure {
  if (s.pendingFlush) return new StatementFailure(new WouldWaitError('the previous commit is being written to disk'));
  const mode = s.transactionStatus === 'E' ? 'none' : lockModeOf(stmt);
  if (!s.engine.locks.tryAcquireDb(s, mode)) return new StatementFailure(new WouldWaitError('another session holds a conflicting lock on the database'));
  for (let i = 0; ; i++) {
    const r = s.tryStatement(stmt, params, paramTypes);
    if (!(r instanceof StatementFailure)) return r;
    const e = r.error;
    if (e instanceof LockWait) return new StatementFailure(new WouldWaitError('a row it needs is locked by another transaction'));
    if (!(e instanceof StatementRetry)) return r;
    if (i > MAX_RETRIES) return new StatementFailure(new PgError('40001', 'could not serialize access due to concurrent update'));
  }
}

async function afterFlush(s: WaitingSession, stmt: Record<string, any>, attempt: () => StatementResult): Promise<StatementResult> {
  await s.pendingFlush;
  const mode = s.transactionStatus === 'E' ? 'none' : lockModeOf(stmt);
  let pending: Error | null = null;
  if (s.engine.locks.tryAcquireDb(s, mode)) {
    try { return attempt(); } catch (e) { if (!(e instanceof LockWait || e instanceof StatementRetry)) throw e; pending = e; }
  }
  return waitAndRun(s, mode, pending, attempt);
}

/** The slow path: the database lock (when `pending` is null) or the transaction `pending` names must be waited for. */
async function waitAndRun(s: WaitingSession, mode: DbLockMode, pending: Error | null, attempt: () => StatementResult): Promise<StatementResult> {
  const locks = s.engine.locks;
  const granted = pending !== null;
  const ac = new AbortController();
  waits.set(s, ac);
  const statementTimeout = parseTimeoutMs(s.gucs.get('statement_timeout'));
  const timer = statementTimeout > 0
    ? setTimeout(() => ac.abort(new PgError('57014', 'canceling statement due to statement timeout')), statementTimeout) : undefined;
  const opts: WaitOptions = {
    lockTimeoutMs: parseTimeoutMs(s.gucs.get('lock_timeout')),
    deadlockTimeoutMs: parseTimeoutMs(s.gucs.get('deadlock_timeout'), 1000),
    signal: ac.signal,
  };
  try {
    if (!granted) await waitFor(s, locks.acquireDb(s, mode, opts));
    for (let i = 0; ; i++) {
      if (pending instanceof LockWait) await waitFor(s, locks.waitForXact(s, pending.xid, opts), pending.context);
      else if (pending && i > MAX_RETRIES) throw new PgError('40001', 'could not serialize access due to concurrent update');
      pending = null;
      try {
        return attempt();
      } catch (e) {
        if (!(e instanceof LockWait || e instanceof StatementRetry)) throw e;
        pending = e;
      }
    }
  } finally {
    clearTimeout(timer);
    if (waits.get(s) === ac) waits.delete(s);
  }
}

async function waitFor(s: WaitingSession, p: Promise<void> | null, context?: string): Promise<void> {
  if (!p) return;
  try {
    await p;
  } catch (e) {
    if (e instanceof PgError && context && !e.where) e.where = context;
    s.failTransaction();
    throw e;
  }
}

/** Ends the session's current wait (a cancel request, the connection closing) with `e`. */
export function cancelWait(s: WaitingSession, e: PgError): void {
  waits.get(s)?.abort(e);
}
