// Concurrency between the sessions of one database, as ARCHITECTURE.md allows for a first
// step: one writing transaction at a time, the others wait (lock_timeout honoured).
//
// The storage's MVCC keeps readers apart from an open writer, but it assumes a single writer
// (storage/visibility.ts), and the catalog is not versioned: DDL is visible at once and undone
// by closures. So a transaction that writes holds the database's write lock until it ends;
// one that ran DDL holds it exclusively, and then other sessions' statements wait too, so
// that no one reads an uncommitted catalog. Only the holder of the lock can make another
// session wait and the holder itself never waits, so no deadlock can form.
import { PgError } from '../errors/index.js';

/** What a statement needs: nothing (SET, BEGIN…), to read, to write rows, or to change the catalog. */
export type LockMode = 'none' | 'read' | 'write' | 'exclusive';

interface Waiter {
  owner: object;
  mode: LockMode;
  grant: () => void;
}

export class WriteLock {
  private holder: object | null = null;
  private exclusive = false;
  private waiters: Waiter[] = [];

  /** Can `owner` run a statement needing `mode` now? */
  private compatible(owner: object, mode: LockMode): boolean {
    if (mode === 'none' || this.holder === null || this.holder === owner) return true;
    return mode === 'read' && !this.exclusive;
  }

  private take(owner: object, mode: LockMode): void {
    if (mode === 'write' || mode === 'exclusive') this.holder = owner;
    if (mode === 'exclusive') this.exclusive = true;
  }

  /**
   * Waits until `owner` may run a statement needing `mode`, then takes the lock when the
   * statement writes. `timeoutMs` 0 waits for ever; `signal` aborts the wait (CancelRequest).
   */
  async acquire(owner: object, mode: LockMode, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    // (when the lock is free no one waits: release() grants every compatible waiter)
    if (this.compatible(owner, mode)) {
      this.take(owner, mode);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        owner, mode,
        grant: () => { cleanup(); resolve(); },
      };
      const leave = (e: PgError) => {
        cleanup();
        this.waiters = this.waiters.filter(w => w !== waiter);
        reject(e);
        this.wake();
      };
      const onAbort = () => leave(signal?.reason instanceof PgError ? signal.reason : new PgError('57014', 'canceling statement due to user request'));
      const cleanup = () => { if (timer) clearTimeout(timer); signal?.removeEventListener('abort', onAbort); };
      if (timeoutMs > 0) timer = setTimeout(() => leave(new PgError('55P03', 'canceling statement due to lock timeout')), timeoutMs);
      signal?.addEventListener('abort', onAbort);
      this.waiters.push(waiter);
    });
  }

  /** The owner's transaction ended: whoever waits in line goes on. */
  release(owner: object): void {
    if (this.holder !== owner) return;
    this.holder = null;
    this.exclusive = false;
    this.wake();
  }

  /** Is `owner` the holder (its transaction wrote)? */
  holds(owner: object): boolean {
    return this.holder === owner;
  }

  /** Grants waiters in arrival order while they are compatible. */
  private wake(): void {
    while (this.waiters.length) {
      const w = this.waiters[0];
      if (!this.compatible(w.owner, w.mode)) break;
      this.waiters.shift();
      this.take(w.owner, w.mode);
      w.grant();
    }
  }
}

/** PostgreSQL's reading of a time setting in milliseconds: '100', '1s', '2min', '500 ms'. */
export function parseTimeoutMs(v: string | undefined): number {
  if (!v) return 0;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(v);
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = { us: 0.001, ms: 1, s: 1000, min: 60000, h: 3600000, d: 86400000 }[m[2] ?? 'ms']!;
  return Math.max(0, Math.round(n * unit));
}

const NO_LOCK = new Set(['TransactionStmt', 'VariableSetStmt', 'VariableShowStmt', 'ConstraintsSetStmt', 'DiscardStmt', 'DeallocateStmt']);
const modeCache = new WeakMap<object, LockMode>();

/** The lock a parsed statement needs. */
export function lockModeOf(stmt: Record<string, any>): LockMode {
  const hit = modeCache.get(stmt);
  if (hit) return hit;
  const [kind, n] = Object.entries(stmt)[0] as [string, any];
  let mode: LockMode;
  if (NO_LOCK.has(kind)) mode = 'none';
  else if (kind === 'SelectStmt') mode = n.intoClause ? 'exclusive' : writes(n) ? 'write' : 'read';
  else if (kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt' || kind === 'MergeStmt') mode = 'write';
  else if (kind === 'ExplainStmt') mode = lockModeOf(n.query);
  else if (kind === 'CopyStmt') mode = n.is_from ? 'write' : n.query ? lockModeOf(n.query) : 'read';
  else mode = 'exclusive';
  modeCache.set(stmt, mode);
  return mode;
}

/** Does a query contain a data-modifying WITH or a row-locking clause (FOR UPDATE…) anywhere? */
function writes(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(writes);
  for (const [k, v] of Object.entries(node)) {
    if (k === 'InsertStmt' || k === 'UpdateStmt' || k === 'DeleteStmt' || k === 'MergeStmt' || k === 'lockingClause') return true;
    if (writes(v)) return true;
  }
  return false;
}
