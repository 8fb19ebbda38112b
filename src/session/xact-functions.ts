// The session's transaction id as SQL sees it: pg_current_xact_id() / _if_assigned() (xid8),
// their older int8 forms txid_current() / _if_assigned(), and pg_xact_status(xid8). The id
// is the top-level transaction's, the one xmin shows for rows written outside savepoints.
import { PgError } from '../errors/index.js';
import type { TransactionManager } from '../storage/transactions.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';

interface XactSession {
  /** The running transaction's top-level xid, and whether it has written anything yet. */
  readonly currentXact: { top: number; wrote: boolean } | null;
  readonly engine: { tm: TransactionManager };
}

const sessionOf = (ctx: EvalContext) => ctx.session as XactSession;

let registered = false;
export function registerXactFunctions(): void {
  if (registered) return;
  registered = true;
  const current = (ctx: EvalContext) => sessionOf(ctx).currentXact?.top ?? null;
  // PostgreSQL assigns an xid at the first write: before it, the _if_assigned forms give NULL
  const assigned = (ctx: EvalContext) => {
    const x = sessionOf(ctx).currentXact;
    return x?.wrote ? x.top : null;
  };
  const def = (name: string, ret: number, fn: (ctx: EvalContext) => unknown) =>
    registerFunction({ name, args: [], ret, volatility: 's', strict: false, fn: (_args, ctx) => fn(ctx) });
  def('pg_current_xact_id', OID.xid8, current);
  def('pg_current_xact_id_if_assigned', OID.xid8, assigned);
  def('txid_current', OID.int8, ctx => { const x = current(ctx); return x === null ? null : BigInt(x); });
  def('txid_current_if_assigned', OID.int8, ctx => { const x = assigned(ctx); return x === null ? null : BigInt(x); });
  registerFunction({ name: 'pg_xact_status', args: [OID.xid8], ret: OID.text, volatility: 'v', strict: true, fn: ([xid], ctx) => {
    const tm = sessionOf(ctx).engine.tm, x = Number(xid);
    if (x >= tm.snapshot().xmax) throw new PgError('22023', `transaction ID ${x} is in the future`);
    if (tm.isRunning(x)) return 'in progress';
    return tm.committed(x) ? 'committed' : 'aborted';
  } });
}
