// When a commit becomes visible to other sessions. With synchronous_commit on and a data
// directory, PostgreSQL makes a transaction visible (removes it from the ProcArray, releases
// its locks) only after its commit record is flushed, so that no one reads data a crash then
// loses. Here too: the commit record is appended at COMMIT, and the transaction stays
// running for everyone — its row versions invisible, its row locks and database lock held,
// waiters waiting — until the flush that covers it completes (group commit: the sessions
// committing meanwhile share that one fdatasync). The committing session itself waits for it
// before its next statement runs (waiting.ts) and before the client hears of the commit
// (durable()). Without a record to wait for — an in-memory database, nothing written, or
// synchronous_commit = off (asynchronous commit is visible at once, as in PostgreSQL) — the
// transaction is visible at once.
import type { LockOwner } from '../storage/locks.js';
import type { Engine } from './engine.js';
import type { Txn } from './txn.js';

/**
 * Ends `t`, whose commit record was written (flush: its flush, or null): visible now, or once
 * the flush completes. The promise returned (null when visible already) rejects if the flush
 * fails: the transaction is then rolled back in memory — it was never seen — and the
 * database refuses further commits until it is reopened (wal.ts), when recovery decides from
 * what reached the disk.
 */
export function makeVisible(engine: Engine, owner: LockOwner, t: Txn, flush: Promise<void> | null): Promise<void> | null {
  if (!flush) {
    visible(engine, owner, t);
    return null;
  }
  const p = flush.then(() => visible(engine, owner, t), e => {
    for (let i = t.undo.length - 1; i >= 0; i--) t.undo[i]();
    t.undo.length = 0;
    for (const sp of t.savepoints) engine.tm.abort(sp.xid);
    if (t.top) engine.tm.abort(t.top);
    engine.locks.releaseDb(owner);
    throw e;
  });
  // a rejection is reported to whoever awaits it (durable()); none must end the process
  p.catch(() => undefined);
  return p;
}

function visible(engine: Engine, owner: LockOwner, t: Txn): void {
  // (a transaction that never wrote has no xid: nothing of it to make visible)
  if (t.top) engine.tm.commit(t.top);
  engine.locks.releaseDb(owner);
  // a checkpoint when the log has grown long
  engine.storage?.committed();
}
