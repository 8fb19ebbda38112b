// What a cancel request does to its connection (PostgreSQL's processCancelRequest and the
// backend's interrupt handling): a wrong secret key is ignored; the statement running stops
// with 57014 at its next checkpoint; a statement waiting for a lock stops waiting; a session
// between statements is not affected (a cancel is never kept for a later statement).
import { PgError } from '../errors/index.js';
import { statementStartedAt } from '../executor/deadline.js';
import { activeSession } from '../functions/runtime.js';
import type { ListenerHandlers } from './acceptor.js';
import type { CancelRecord } from './cancel-inbox.js';
import type { Connection } from './connection.js';

export const userCancel = () => new PgError('57014', 'canceling statement due to user request');

export function cancelHandlers(byPid: Map<number, Connection>): Pick<ListenerHandlers, 'cancel' | 'interrupt'> {
  const target = (r: CancelRecord) => {
    const c = byPid.get(r.pid);
    return c && c.key === r.key ? c : undefined;
  };
  return {
    cancel(records) {
      for (const r of records) target(r)?.cancel();
    },
    interrupt(records) {
      const running = activeSession();
      const since = statementStartedAt();
      let stop = false;
      const later: Connection[] = [];
      for (const r of records) {
        const c = target(r);
        if (!c) continue;
        // sent before this statement began: meant for one that is over
        if (c.session === running) { if (r.at >= since) stop = true; } else later.push(c);
      }
      // sessions not running (waiting for a lock, or idle): once this statement is over
      if (later.length) setImmediate(() => { for (const c of later) c.cancel(); });
      if (stop) throw userCancel();
    },
  };
}
