// READ COMMITTED's EvalPlanQual (PostgreSQL's EvalPlanQual / heap_update's TM_Updated): an
// UPDATE or DELETE that finds its target row updated by a transaction that committed after
// the statement's snapshot goes along the update chain to the newest version, checks the
// statement's conditions again on it (the other rows of the join as they were), and changes
// that version; a deleted row, or one that no longer qualifies, is skipped. A version still
// being changed by a running transaction is waited for (LockWait: the statement runs again,
// on the same snapshot, after the wait). REPEATABLE READ and SERIALIZABLE leave the row to
// lockForWrite, which raises the serialization failure.
import type { WriteContext } from '../integrity/index.js';
import { LockWait } from '../storage/locks.js';
import type { Tuple } from '../storage/tuple.js';
import type { Compiled, Env, Frame } from './env.js';

/** The version to change instead of `t` (`t` itself when no committed transaction changed it), or null to skip the row. */
export function evalPlanQual(w: WriteContext, t: Tuple, f: Frame, env: Env, recheck: Compiled | null, verb?: string, rel?: string): Tuple | null {
  if (w.xactSnapshot) return t;
  const tm = w.tm;
  let cur = t;
  for (;;) {
    const x = cur.xmax;
    if (x === 0 || tm.isAborted(x) || tm.top(x) === w.top) break;
    // a wait's error names the tuple (PostgreSQL's CONTEXT: while updating tuple (0,1) in relation "t")
    if (tm.isRunning(x)) throw new LockWait(x, verb ? `while ${verb} tuple (0,${cur.id}) in relation "${rel}"` : undefined);
    if (!cur.next) return null;
    cur = cur.next;
  }
  if (cur === t) return t;
  if (recheck) {
    const saved0 = f[0], saved1 = f[1];
    f[0] = cur.data;
    f[1] = cur;
    if (recheck(f, env) !== true) { f[0] = saved0; f[1] = saved1; return null; }
  } else {
    f[0] = cur.data;
    f[1] = cur;
  }
  return cur;
}
