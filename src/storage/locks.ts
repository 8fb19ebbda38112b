// The lock manager of one database: what sessions wait for, and how waits end.
//
// - The database lock orders statements with the unversioned catalog: a transaction that
//   ran DDL holds it exclusively until it ends (other sessions' statements wait, so that no
//   one reads an uncommitted catalog), and DDL waits until no other transaction that wrote
//   rows is open. Readers and writers of rows share it.
// - Row-level conflicts are waits for a transaction to end (PostgreSQL's XactLockTableWait:
//   "ShareLock on transaction N"). The executor is synchronous, so a statement that meets a
//   row locked or changed by a running transaction is undone (session.ts) and throws a
//   LockWait; the session waits here, then runs the statement again.
// - A wait ends with lock_timeout (55P03), a cancel or statement_timeout (the AbortSignal),
//   or, after deadlock_timeout, a deadlock found on the wait-for graph (40P01 with
//   PostgreSQL's DETAIL), reported to the waiter whose check finds the cycle.
import { PgError } from '../errors/index.js';
import type { TransactionManager } from './transactions.js';

/** What a statement needs of the database lock: nothing (SET, BEGIN…), to read, to write rows, or to change the catalog. */
export type DbLockMode = 'none' | 'read' | 'write' | 'exclusive';

/** A session as the lock manager knows it: its process id names it in deadlock reports. */
export interface LockOwner {
  readonly pid: number;
}

export interface WaitOptions {
  /** lock_timeout in ms; 0 waits for ever. */
  lockTimeoutMs: number;
  /** deadlock_timeout in ms: when the deadlock check runs. */
  deadlockTimeoutMs: number;
  /** Aborted by a cancel request or statement_timeout; its reason is the error. */
  signal?: AbortSignal;
}

/**
 * Thrown by the executor when a statement must wait for transaction `xid` to end before it
 * can go on; never reaches a client (the session waits and runs the statement again).
 */
export class LockWait extends Error {
  constructor(readonly xid: number, readonly context?: string) {
    super(`must wait for transaction ${xid}`);
  }
}

/** Thrown when a READ COMMITTED statement met a row changed by a transaction that committed after its snapshot: it runs again with a new one. */
export class StatementRetry extends Error {
  constructor() {
    super('statement must run again with a new snapshot');
  }
}

interface Waiting {
  owner: LockOwner;
  /** PostgreSQL's words for what is awaited, e.g. "ShareLock on transaction 745". */
  what: string;
  blockers(): LockOwner[];
  fail(e: PgError): void;
}

interface DbWaiter {
  owner: LockOwner;
  mode: DbLockMode;
  grant(): void;
}

/**
 * An entry that keeps a table from emptying: V8 shrinks a Map emptied by delete and grows it
 * again at the next set — both allocations, once per statement (every transaction takes the
 * database lock and registers its xid). Its mode 'none' conflicts with nothing and its key 0
 * is no xid, so no reader meets it (dbHolders' size is compared with 1).
 */
const NOBODY: LockOwner = { pid: 0 };

export class LockManager {
  private readonly dbHolders = new Map<LockOwner, DbLockMode>([[NOBODY, 'none']]);
  private dbQueue: DbWaiter[] = [];
  /** The session of each running top-level transaction. */
  private readonly xactOwner = new Map<number, LockOwner>([[0, NOBODY]]);
  /** Waiters by the top-level transaction of the xid they wait for. */
  private readonly xactWaiters = new Map<number, { xid: number; wake: () => void }[]>();
  private readonly waiting = new Map<LockOwner, Waiting>();

  constructor(private readonly tm: TransactionManager, private readonly database = 'relata') {
    tm.onEnd = top => this.xactEnded(top);
  }

  /** A session began top-level transaction `top`. */
  registerXact(top: number, owner: LockOwner): void {
    this.xactOwner.set(top, owner);
  }

  /** Is `owner` waiting for a lock right now (isolation tests ask, as PostgreSQL's pg_isolation_test_session_is_blocked)? */
  isWaiting(owner: LockOwner): boolean {
    return this.waiting.has(owner);
  }

  // ---- the database lock ---------------------------------------------------------------

  /**
   * Row writers share the database lock when row-level locking is on; otherwise one writing
   * transaction at a time holds it (the first step ARCHITECTURE.md allowed).
   */
  concurrentWriters = true;

  private dbConflicts(a: DbLockMode, b: DbLockMode): boolean {
    if (a === 'none' || b === 'none') return false;
    if (a === 'exclusive' || b === 'exclusive') return true;
    return !this.concurrentWriters && a === 'write' && b === 'write';
  }

  private dbCompatible(owner: LockOwner, mode: DbLockMode): boolean {
    // (keys, then get: a Map's entries iterator makes an array per entry)
    for (const h of this.dbHolders.keys()) if (h !== owner && this.dbConflicts(this.dbHolders.get(h)!, mode)) return false;
    return true;
  }

  private dbTake(owner: LockOwner, mode: DbLockMode): void {
    if (mode !== 'write' && mode !== 'exclusive') return;
    if (this.dbHolders.get(owner) !== 'exclusive') this.dbHolders.set(owner, mode);
  }

  /** Does `owner` hold the database lock in write or exclusive mode (its transaction wrote)? */
  holdsDb(owner: LockOwner): DbLockMode {
    return this.dbHolders.get(owner) ?? 'none';
  }

  /**
   * Waits until `owner` may run a statement needing `mode`, then takes the lock when the
   * statement writes (held until releaseDb at the end of the transaction). Requests queue in
   * order: one that conflicts with an earlier waiter waits behind it, unless its session
   * already holds the lock.
   */
  acquireDb(owner: LockOwner, mode: DbLockMode, opts: WaitOptions): Promise<void> | null {
    if (this.tryAcquireDb(owner, mode)) return null;
    const lockName = mode === 'exclusive' ? 'AccessExclusiveLock' : mode === 'write' ? 'RowExclusiveLock' : 'AccessShareLock';
    return this.wait(owner, opts, `${lockName} on database ${this.database}`,
      () => [...this.dbHolders].filter(([h, m]) => h !== owner && this.dbConflicts(m, mode)).map(([h]) => h),
      (resolve, cancelled) => {
        const w: DbWaiter = { owner, mode, grant: resolve };
        this.dbQueue.push(w);
        cancelled.then(() => { this.dbQueue = this.dbQueue.filter(x => x !== w); this.wakeDb(); });
      });
  }

  /** Takes the database lock if that needs no wait. */
  tryAcquireDb(owner: LockOwner, mode: DbLockMode): boolean {
    if (mode === 'none') return true;
    // (the usual case, once per statement: no holder but NOBODY, no one waiting)
    if (this.dbHolders.size === 1 && this.dbQueue.length === 0) { this.dbTake(owner, mode); return true; }
    // (the usual case in a transaction that wrote: it holds the lock, NOBODY is the other holder)
    if (this.dbHolders.size === 2 && this.dbQueue.length === 0 && this.dbHolders.has(owner)) { this.dbTake(owner, mode); return true; }
    const queued = !this.dbHolders.has(owner) && this.dbQueue.some(w => this.dbConflicts(w.mode, mode));
    if (queued || !this.dbCompatible(owner, mode)) return false;
    this.dbTake(owner, mode);
    return true;
  }

  /** The owner's transaction ended: its database lock goes to whoever waits in line. */
  releaseDb(owner: LockOwner): void {
    if (this.dbHolders.delete(owner)) this.wakeDb();
  }

  private wakeDb(): void {
    while (this.dbQueue.length) {
      const w = this.dbQueue[0];
      if (!this.dbCompatible(w.owner, w.mode)) break;
      this.dbQueue.shift();
      this.dbTake(w.owner, w.mode);
      w.grant();
    }
  }

  // ---- transactions --------------------------------------------------------------------

  /** Waits until transaction `xid` has ended (aborted, or its top-level transaction ended). */
  waitForXact(owner: LockOwner, xid: number, opts: WaitOptions): Promise<void> | null {
    const top = this.tm.top(xid);
    if (!this.tm.isRunning(xid)) return null;
    return this.wait(owner, opts, `ShareLock on transaction ${top}`,
      () => { const o = this.xactOwner.get(top); return o && o !== owner ? [o] : []; },
      (resolve, cancelled) => {
        let list = this.xactWaiters.get(top);
        if (!list) this.xactWaiters.set(top, list = []);
        const w = { xid, wake: resolve };
        list.push(w);
        cancelled.then(() => {
          const l = this.xactWaiters.get(top);
          if (l) this.xactWaiters.set(top, l.filter(x => x !== w));
        });
      });
  }

  /** Transaction `xid` ended: a top-level one wakes all its waiters, an aborted subtransaction those waiting for it. */
  private xactEnded(xid: number): void {
    const top = this.tm.top(xid);
    if (top === xid && xid !== 0) this.xactOwner.delete(xid);
    const list = this.xactWaiters.get(top);
    if (!list) return;
    const woken = top === xid ? list : list.filter(w => w.xid === xid);
    if (top === xid) this.xactWaiters.delete(top);
    else this.xactWaiters.set(top, list.filter(w => w.xid !== xid));
    for (const w of woken) w.wake();
  }

  // ---- waiting ---------------------------------------------------------------------------

  /**
   * One wait: `enqueue` registers `resolve` where the awaited event calls it; `cancelled`
   * resolves if the wait ends otherwise, so that the registration can be removed.
   */
  private wait(owner: LockOwner, opts: WaitOptions, what: string, blockers: () => LockOwner[],
    enqueue: (resolve: () => void, cancelled: Promise<void>) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let onCancel!: () => void;
      const cancelled = new Promise<void>(r => { onCancel = r; });
      const timers: NodeJS.Timeout[] = [];
      const done = () => {
        for (const t of timers) clearTimeout(t);
        opts.signal?.removeEventListener('abort', onAbort);
        if (this.waiting.get(owner) === entry) this.waiting.delete(owner);
      };
      const entry: Waiting = {
        owner, what, blockers,
        fail: e => { done(); onCancel(); reject(e); },
      };
      const onAbort = () => {
        const r = opts.signal?.reason;
        entry.fail(r instanceof PgError ? r : new PgError('57014', 'canceling statement due to user request'));
      };
      if (opts.signal?.aborted) { onAbort(); return; }
      this.waiting.set(owner, entry);
      enqueue(() => { done(); resolve(); }, cancelled);
      opts.signal?.addEventListener('abort', onAbort);
      if (opts.lockTimeoutMs > 0) {
        timers.push(setTimeout(() => entry.fail(new PgError('55P03', 'canceling statement due to lock timeout')), opts.lockTimeoutMs));
      }
      timers.push(setTimeout(() => this.checkDeadlock(entry), Math.max(1, opts.deadlockTimeoutMs)));
    });
  }

  /** PostgreSQL's DeadLockCheck, on the wait-for graph: does a path lead from `start` back to it? */
  private checkDeadlock(start: Waiting): void {
    if (this.waiting.get(start.owner) !== start) return;
    const path: Waiting[] = [];
    const seen = new Set<LockOwner>();
    const visit = (w: Waiting): boolean => {
      path.push(w);
      for (const b of w.blockers()) {
        if (b === start.owner) return true;
        const next = this.waiting.get(b);
        if (next && !seen.has(b)) {
          seen.add(b);
          if (visit(next)) return true;
        }
      }
      path.pop();
      return false;
    };
    if (!visit(start)) return;
    const lines = path.map((w, i) => {
      const next = path[i + 1]?.owner ?? start.owner;
      return `Process ${w.owner.pid} waits for ${w.what}; blocked by process ${next.pid}.`;
    });
    start.fail(new PgError('40P01', 'deadlock detected', { detail: lines.join('\n'), hint: 'See server log for query details.' }));
  }
}

/** PostgreSQL's reading of a time setting in milliseconds: '100', '1s', '2min', '500 ms'. */
export function parseTimeoutMs(v: string | undefined, fallback = 0): number {
  if (!v) return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(v);
  if (!m) return fallback;
  const n = Number(m[1]);
  const unit = { us: 0.001, ms: 1, s: 1000, min: 60000, h: 3600000, d: 86400000 }[m[2] ?? 'ms']!;
  return Math.max(0, Math.round(n * unit));
}
