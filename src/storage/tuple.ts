// A row version of a heap: its values plus who created and deleted it.
export interface Tuple {
  data: unknown[];
  /** xid (possibly a subtransaction's) that created this version. */
  xmin: number;
  /** Command id within xmin's transaction. */
  cmin: number;
  /** xid that deleted or replaced it, 0 if none. */
  xmax: number;
  cmax: number;
  /** Stable identity for this version's lifetime (ctid-like). */
  id: number;
  /** oid of the table it belongs to (tableoid). */
  rel: number;
  /** Transactions holding a row lock on it (rowlocks.ts); absent when none ever did. */
  lockers?: import('./rowlocks.js').RowLocker[];
  /** Set with xmax: the delete or update changed a unique key (it locks FOR UPDATE, not FOR NO KEY UPDATE). */
  keyUpdate?: boolean;
  /** The version an update replaced it with (PostgreSQL's t_ctid chain). */
  next?: Tuple;
}
