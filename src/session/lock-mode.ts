// The database lock each statement needs (storage/locks.ts): none for transaction control and
// settings, shared for reading and for writing rows, exclusive for anything that changes the
// catalog (which is not versioned: DDL is visible at once and undone by closures).
import type { DbLockMode } from '../storage/locks.js';

const NO_LOCK = new Set(['TransactionStmt', 'VariableSetStmt', 'VariableShowStmt', 'ConstraintsSetStmt', 'DiscardStmt', 'DeallocateStmt']);
/** A parsed statement's mode, kept on the statement (the parse cache hands out the same node for the same text): a symbol, which for…in, Object.entries and JSON do not see. */
const MODE = Symbol('dbLockMode');

/** The lock a parsed statement needs. */
export function lockModeOf(stmt: Record<string, any>): DbLockMode {
  // (kept on the statement: found before the for…in below, which costs more)
  const hit = (stmt as { [MODE]?: DbLockMode })[MODE];
  if (hit !== undefined) return hit;
  let kind = '';
  for (const k in stmt) { kind = k; break; }
  // the common statements without a walk or a cache
  if (kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt' || kind === 'MergeStmt') return 'write';
  if (NO_LOCK.has(kind)) return 'none';
  const n = stmt[kind];
  let mode: DbLockMode;
  if (NO_LOCK.has(kind)) mode = 'none';
  else if (kind === 'SelectStmt') mode = n.intoClause ? 'exclusive' : writes(n) ? 'write' : 'read';
  else if (kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt' || kind === 'MergeStmt') mode = 'write';
  else if (kind === 'ExplainStmt') mode = lockModeOf(n.query);
  else if (kind === 'CopyStmt') mode = n.is_from ? 'write' : n.query ? lockModeOf(n.query) : 'read';
  else mode = 'exclusive';
  if (Object.isExtensible(stmt)) Object.defineProperty(stmt, MODE, { value: mode });
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
