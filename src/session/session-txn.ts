// A session's transaction: begun (implicitly for one statement, or by BEGIN), committed —
// deferred constraints, ON COMMIT actions of temporary tables, SERIALIZABLE's pre-commit
// check, the commit record, then visibility (commit-visibility.ts) — or aborted. What
// transaction-stmt.ts may do to it goes through TxnControl.
import type { Constraint } from '../catalog/objects.js';
import { fireEvents } from '../integrity/index.js';
import type { ReadView } from '../storage/visibility.js';
import { LockWait, StatementRetry } from '../storage/locks.js';
import { onCommitActions } from '../commands/temp.js';
import { makeVisible } from './commit-visibility.js';
import type { Txn } from './txn.js';
import type { TxnControl } from './transaction-stmt.js';
import { assignTop, StatementWrite } from './write-context.js';
import { commandContext } from './statement-env.js';
import type { Session } from './session.js';

/** A transaction's SET CONSTRAINTS of none (shared, never changed: setConstraintsMode gives the transaction its own). */
export const NO_DEFER_BY: Map<Constraint, boolean> = new Map();
const EPOCH_2000_MS = Date.UTC(2000, 0, 1);
/** Now, in microseconds since 2000 (PostgreSQL's timestamps). */
export const nowMicros = (): number => (Date.now() - EPOCH_2000_MS) * 1000;

export function beginTxn(s: Session, explicit: boolean, now = nowMicros()): Txn {
  const d = s.txnDefaults;
  const spare = s.spareTxn;
  if (spare) {
    // the record of the last read-only autocommit statement, which nothing refers to any more (recycle())
    s.spareTxn = null;
    spare.top = 0; spare.xid = 0; spare.stmtSub = false; spare.cid = 0;
    // (emptied only where not empty: setting an array's length is a runtime call)
    if (spare.undo.length) spare.undo.length = 0;
    if (spare.deferred.length) spare.deferred.length = 0;
    if (spare.stmtXids.length) spare.stmtXids.length = 0;
    spare.failed = false; spare.explicit = explicit; spare.startTime = now; spare.deferAll = null; spare.deferBy = NO_DEFER_BY;
    spare.isolation = d.isolation; spare.readOnly = d.readOnly; spare.deferrable = d.deferrable; spare.snapshot = null;
    spare.queried = false; spare.wrote = false; spare.ssi = null;
    s.txn = spare;
    return spare;
  }
  // no xid yet: it is assigned at the first write (write-context.ts)
  const t: Txn = { top: 0, xid: 0, stmtSub: false, cid: 0, undo: [], deferred: [], savepoints: [], failed: false, explicit, startTime: now,
    deferAll: null, deferBy: NO_DEFER_BY, isolation: d.isolation, readOnly: d.readOnly, deferrable: d.deferrable, snapshot: null, queried: false,
    stmtXids: [], wrote: false, ssi: null };
  s.txn = t;
  return t;
}

/**
 * After the commit of a single statement's implicit transaction: its record is kept for the
 * next one when nothing can refer to it any more — it took no xid (so no lock table, running
 * set, row version, cursor or SERIALIZABLE tracking names it: all of those need one), it is
 * visible at once (no flush's callback holds it), and it had no savepoints. Its statement's
 * write context and closures, which also hold it, were the statement's own and are gone.
 */
export function recycle(s: Session, t: Txn, visibleNow: boolean): void {
  if (visibleNow && t.top === 0 && !t.explicit && t.ssi === null && t.savepoints.length === 0 && s.txn === null) s.spareTxn = t;
}

/** Commits `t`; true when it is visible to others at once (else once its log record is flushed: s.pendingFlush). */
export function commitTxn(s: Session, t: Txn): boolean {
  const engine = s.engine;
  // cursors WITH HOLD are materialized (their query runs now if it has not), the others close
  if (s.cursors.map.size) try { s.cursors.commit(); } catch (e) { abortTxn(s, t); throw e; }
  if (t.deferred.length) {
    // deferred checks run under their own xid: when one must wait for a row lock they are
    // undone and COMMIT runs again after the wait (waiting.ts)
    const pending = t.deferred, undoMark = t.undo.length, outer = t.xid;
    t.xid = engine.tm.beginSub(assignTop(s, t));
    const w = new StatementWrite(s, t);
    w.queue = pending;
    t.deferred = [];
    engine.catalog.undoLog = t.undo;
    try { fireEvents(w, w.queue); } catch (e) {
      if (!(e instanceof LockWait || e instanceof StatementRetry)) { abortTxn(s, t); throw e; }
      for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
      t.undo.length = undoMark;
      engine.tm.abort(t.xid);
      t.xid = outer;
      t.deferred = pending;
      throw e;
    }
  }
  if (s.tempNs?.hasOnCommitActions()) {
    // ON COMMIT DELETE ROWS / DROP of temporary tables, after the deferred constraints
    engine.catalog.undoLog = t.undo;
    const w = new StatementWrite(s, t);
    w.cid = ++t.cid;
    const view: ReadView = { tm: engine.tm, snap: engine.tm.snapshot(), top: t.top, cid: w.cid };
    try { onCommitActions(commandContext(s, t, w, view), s.tempNs.schema!); } catch (e) { abortTxn(s, t); throw e; }
  }
  engine.catalog.undoLog = null;
  if (t.ssi) {
    // SERIALIZABLE: a dangerous structure fails the commit (storage/ssi.ts)
    try { engine.ssi.preCommit(t.ssi.sx); } catch (e) { abortTxn(s, t); throw e; }
  }
  const storage = engine.storage;
  let flush: Promise<void> | null = null;
  if (storage) {
    // the write-ahead log record goes first: if it cannot be written the transaction aborts
    try { flush = storage.logCommit(t.top, s.gucs.get('synchronous_commit') !== 'off'); } catch (e) { abortTxn(s, t); throw e; }
  }
  if (t.ssi) engine.ssi.committed(t.ssi.sx);
  s.txn = null;
  s.config.endTransaction();
  // visible to others (and its locks released) once its record is flushed (commit-visibility.ts)
  const visible = makeVisible(engine, s, t, flush);
  if (visible) s.pendingFlush = visible;
  return visible === null;
}

export function abortTxn(s: Session, t: Txn): void {
  const engine = s.engine;
  if (s.cursors.map.size) s.cursors.abort();
  engine.catalog.undoLog = null;
  for (let i = t.undo.length - 1; i >= 0; i--) t.undo[i]();
  for (const sp of t.savepoints) engine.tm.abort(sp.xid);
  if (t.top) engine.tm.abort(t.top);
  if (t.ssi) engine.ssi.aborted(t.ssi.sx);
  s.txn = null;
  s.config.endTransaction();
  engine.locks.releaseDb(s);
}

/**
 * An error in a transaction block: as PostgreSQL does, the innermost (sub)transaction is
 * aborted at once, so that its row locks go and other sessions waiting for it go on; the
 * block stays failed until ROLLBACK (or ROLLBACK TO the savepoint).
 */
export function failInPlace(s: Session, t: Txn): void {
  if (t.failed) return;
  const engine = s.engine;
  t.failed = true;
  const sp = t.savepoints[t.savepoints.length - 1];
  const undoMark = sp?.undoMark ?? 0;
  for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
  t.undo.length = undoMark;
  t.deferred.length = Math.min(t.deferred.length, sp?.deferredMark ?? 0);
  if (sp) {
    engine.tm.abort(sp.xid);
    for (let j = sp.stmtMark; j < t.stmtXids.length; j++) engine.tm.abort(t.stmtXids[j]);
    t.stmtXids.length = sp.stmtMark;
  } else {
    if (t.top) engine.tm.abort(t.top);
    if (t.ssi) engine.ssi.aborted(t.ssi.sx);
    engine.locks.releaseDb(s);
  }
}

/** SET CONSTRAINTS: the constraints that became immediate fire their pending deferred events now. */
export function setConstraintsMode(s: Session, all: boolean, cons: Constraint[], deferred: boolean): void {
  const t = s.txn!;
  if (t.deferBy === NO_DEFER_BY) t.deferBy = new Map();
  if (all) { t.deferAll = deferred; t.deferBy.clear(); } else for (const c of cons) t.deferBy.set(c, deferred);
  if (!deferred) {
    const now = t.deferred.filter(ev => all || cons.includes(ev.c));
    t.deferred = t.deferred.filter(ev => !now.includes(ev));
    const w = new StatementWrite(s, t);
    w.queue = now;
    fireEvents(w, now);
  }
}

/** What transaction-stmt.ts may do to the session's transaction. */
export function txnControl(s: Session): TxnControl {
  return {
    get txn() { return s.txn; }, tm: s.engine.tm, cursors: s.cursors,
    begin: explicit => beginTxn(s, explicit), commit: t => { commitTxn(s, t); }, abort: t => abortTxn(s, t), notice: n => s.notice(n),
    assignTop: t => assignTop(s, t),
  };
}
