// BEGIN / START TRANSACTION, COMMIT, ROLLBACK [AND CHAIN], SAVEPOINT, RELEASE and ROLLBACK TO:
// PostgreSQL's transaction-block rules (xact.c), with its warnings outside a block. The
// session owns the transaction; this file only moves it between states through TxnControl.
import { PgError, type Notice } from '../errors/index.js';
import type { TransactionManager } from '../storage/transactions.js';
import type { Cursors } from './cursors.js';
import type { StatementResult } from './result.js';
import type { Txn } from './txn.js';
import { applyTransactionOptions } from './txn-modes.js';

export interface TxnControl {
  readonly txn: Txn | null;
  readonly tm: TransactionManager;
  readonly cursors: Cursors;
  begin(explicit: boolean): Txn;
  commit(t: Txn): void;
  abort(t: Txn): void;
  notice(n: Notice): void;
  /** The transaction's top-level xid, assigned now if it has none (a savepoint's xid is one of its subtransactions). */
  assignTop(t: Txn): number;
}

export function transactionStatement(h: TxnControl, n: any): StatementResult {
const t = h.txn;
  switch (n.kind) {
    case 'TRANS_STMT_BEGIN': case 'TRANS_STMT_START': {
      const command = n.kind === 'TRANS_STMT_START' ? 'START TRANSACTION' : 'BEGIN';
      if (t && !t.explicit) {
        // BEGIN inside a multi-statement query turns its implicit transaction into a block
        t.explicit = true;
        applyTransactionOptions(t, n.options ?? [], t.savepoints.length > 0);
        return { command, rowCount: null };
      }
      if (t) { h.notice({ severity: 'WARNING', code: '25001', message: 'there is already a transaction in progress' }); return { command, rowCount: null }; }
      const nt = h.begin(true);
      applyTransactionOptions(nt, n.options ?? [], false);
      return { command, rowCount: null };
    }
    case 'TRANS_STMT_COMMIT':
      if (n.chain && !t?.explicit) throw new PgError('25P01', 'COMMIT AND CHAIN can only be used in transaction blocks');
      if (n.chain) return endAndChain(h, t!, true);
      if (t && !t.explicit) {
        // COMMIT inside a multi-statement query's implicit transaction: commits it, with a warning
        h.notice({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' });
        h.commit(t);
        return { command: 'COMMIT', rowCount: null };
      }
      if (!t) { h.notice({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' }); return { command: 'COMMIT', rowCount: null }; }
      if (t.failed) { h.abort(t); return { command: 'ROLLBACK', rowCount: null }; }
      h.commit(t);
      return { command: 'COMMIT', rowCount: null };
    case 'TRANS_STMT_ROLLBACK':
      if (n.chain && !t?.explicit) throw new PgError('25P01', 'ROLLBACK AND CHAIN can only be used in transaction blocks');
      if (n.chain) return endAndChain(h, t!, false);
      if (!t || !t.explicit) {
        if (t) h.abort(t);
        h.notice({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' });
        return { command: 'ROLLBACK', rowCount: null };
      }
      h.abort(t);
      return { command: 'ROLLBACK', rowCount: null };
    case 'TRANS_STMT_SAVEPOINT': {
      if (!t?.explicit) throw new PgError('25P01', 'SAVEPOINT can only be used in transaction blocks');
      if (t.failed) throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
      const xid = h.tm.beginSub(h.assignTop(t));
      t.savepoints.push({ name: n.savepoint_name, xid, undoMark: t.undo.length, deferredMark: t.deferred.length, stmtMark: t.stmtXids.length, readOnly: t.readOnly });
      t.xid = xid;
      return { command: 'SAVEPOINT', rowCount: null };
    }
    case 'TRANS_STMT_RELEASE': {
      if (!t?.explicit) throw new PgError('25P01', 'RELEASE SAVEPOINT can only be used in transaction blocks');
      if (t.failed) throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
      const i = findSavepoint(t, n.savepoint_name);
      // SET TRANSACTION READ ONLY inside the savepoint ends with it
      t.readOnly = t.savepoints[i].readOnly;
      t.savepoints.length = i;
      h.cursors.release(i);
      t.xid = t.savepoints.length ? t.savepoints[t.savepoints.length - 1].xid : t.top;
      if (!i) t.stmtXids.length = 0;
      return { command: 'RELEASE', rowCount: null };
    }
    case 'TRANS_STMT_ROLLBACK_TO': {
      if (!t?.explicit) throw new PgError('25P01', 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
      const i = findSavepoint(t, n.savepoint_name);
      const sp = t.savepoints[i];
      for (let j = t.undo.length - 1; j >= sp.undoMark; j--) t.undo[j]();
      t.undo.length = sp.undoMark;
      t.deferred.length = Math.min(t.deferred.length, sp.deferredMark);
      for (let j = i; j < t.savepoints.length; j++) h.tm.abort(t.savepoints[j].xid);
      h.cursors.rollbackTo(i);
      for (let j = sp.stmtMark; j < t.stmtXids.length; j++) h.tm.abort(t.stmtXids[j]);
      t.stmtXids.length = sp.stmtMark;
      // the savepoint itself stays, with a fresh subtransaction
      t.savepoints.length = i;
      const xid = h.tm.beginSub(h.assignTop(t));
      t.savepoints.push({ name: sp.name, xid, undoMark: t.undo.length, deferredMark: t.deferred.length, stmtMark: t.stmtXids.length, readOnly: sp.readOnly });
      t.xid = xid;
      t.readOnly = sp.readOnly;
      t.failed = false;
      return { command: 'ROLLBACK', rowCount: null };
    }
    case 'TRANS_STMT_PREPARE': case 'TRANS_STMT_COMMIT_PREPARED': case 'TRANS_STMT_ROLLBACK_PREPARED':
      throw new PgError('0A000', 'prepared transactions are not supported');
  }
  throw new PgError('0A000', `transaction statement ${n.kind} is not supported`);
}

/** COMMIT / ROLLBACK AND CHAIN: a new transaction block with the same characteristics. */
function endAndChain(h: TxnControl, t: Txn, commit: boolean): StatementResult {
  const failed = t.failed;
  if (commit && !failed) h.commit(t); else h.abort(t);
  const nt = h.begin(true);
  nt.isolation = t.isolation;
  nt.readOnly = t.readOnly;
  nt.deferrable = t.deferrable;
  return { command: commit && !failed ? 'COMMIT' : 'ROLLBACK', rowCount: null };
}

function findSavepoint(t: Txn, name: string): number {
  for (let i = t.savepoints.length - 1; i >= 0; i--) if (t.savepoints[i].name === name) return i;
  throw new PgError('3B001', `savepoint "${name}" does not exist`);
}
