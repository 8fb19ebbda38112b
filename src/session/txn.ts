// A session's transaction state: the top-level transaction, its savepoints (subtransactions),
// undo log, deferred constraint events and characteristics.
import type { Constraint } from '../catalog/objects.js';
import type { Undo } from '../catalog/catalog.js';
import type { RiEvent } from '../integrity/index.js';
import type { Snapshot } from '../storage/transactions.js';
import type { SerializableXact, SsiHandle } from '../storage/ssi.js';
import type { Isolation } from './txn-modes.js';

export interface SubXact { name: string; xid: number; undoMark: number; deferredMark: number; stmtMark: number; readOnly: boolean }

export interface Txn {
  /**
   * The top-level xid, 0 until the transaction first writes (PostgreSQL's lazy xid
   * assignment: a read-only transaction takes none, write-context.ts assigns it).
   */
  top: number;
  /** The xid writes go to (the innermost savepoint's, or the statement's own); 0 while top is. */
  xid: number;
  /** In a transaction block, the running statement's own subtransaction xid is due at its first write (write-context.ts). */
  stmtSub: boolean;
  cid: number;
  undo: Undo[];
  deferred: RiEvent[];
  savepoints: SubXact[];
  failed: boolean;
  /** Started by BEGIN (vs. the implicit one of a single statement). */
  explicit: boolean;
  startTime: number;
  deferAll: boolean | null;
  deferBy: Map<Constraint, boolean>;
  isolation: Isolation;
  readOnly: boolean;
  deferrable: boolean;
  /** REPEATABLE READ and SERIALIZABLE: the snapshot of the first statement, kept to the end. */
  snapshot: Snapshot | null;
  /** Has a statement other than SET/SHOW run yet (isolation can no longer change). */
  queried: boolean;
  /** Statements' own xids while savepoints exist (ROLLBACK TO aborts those of its savepoint). */
  stmtXids: number[];
  /** A writing statement has run (PostgreSQL would have assigned the transaction an xid: pg_current_xact_id_if_assigned). */
  wrote?: boolean;
  /** SERIALIZABLE: its conflict tracking, from its first snapshot (storage/ssi.ts). */
  ssi: { sx: SerializableXact; handle: SsiHandle } | null;
}
