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
}
