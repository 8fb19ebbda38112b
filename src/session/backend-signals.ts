// pg_cancel_backend(pid) and pg_terminate_backend(pid [, timeout]) (signalfuncs.c). The
// backends are the server's connections: a server registers itself here for its cluster's
// shared catalog. One statement runs at a time in the process, so another backend is never
// running a statement when these are called: canceling it stops a lock wait (or does
// nothing, as for an idle backend); terminating it ends its connection with FATAL 57P01.
// Canceling or terminating the caller's own backend ends the statement (57014) or the
// connection (FATAL 57P01) at once, as PostgreSQL does at its next interrupt check.
import { PgError, type Notice } from '../errors/index.js';
import { sharedOf, type SharedCatalog } from '../catalog/shared.js';
import type { Catalog } from '../catalog/catalog.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';

/** A backend another session may signal. */
export interface Backend {
  /** The role it logged in as (PostgreSQL's proc->roleId). */
  role: string;
  cancel(): void;
  terminate(): void;
}

export interface BackendDirectory {
  backend(pid: number): Backend | undefined;
}

const directories = new WeakMap<SharedCatalog, Set<BackendDirectory>>();

/** A server's connections become backends of the cluster whose shared catalog this is; returns the unregistration. */
export function registerBackends(shared: SharedCatalog, d: BackendDirectory): () => void {
  let set = directories.get(shared);
  if (!set) directories.set(shared, set = new Set());
  set.add(d);
  return () => { set!.delete(d); };
}

interface SignalSession {
  user: string;
  pid?: number;
  engine: { catalog: Catalog };
  notice(n: Notice): void;
}

function findBackend(shared: SharedCatalog, pid: number): Backend | undefined {
  for (const d of directories.get(shared) ?? []) {
    const b = d.backend(pid);
    if (b) return b;
  }
  return undefined;
}

/** pg_signal_backend's checks: null (with a WARNING) when there is no such backend. */
function signalTarget(ctx: EvalContext, pid: number, what: 'cancel' | 'terminate'): Backend | 'self' | null {
  const s = ctx.session as SignalSession;
  const shared = sharedOf(s.engine.catalog);
  const self = pid === (s.pid ?? process.pid);
  const b = self ? null : findBackend(shared, pid);
  if (!self && !b) {
    s.notice({ severity: 'WARNING', code: '01000', message: `PID ${pid} is not a PostgreSQL backend process` });
    return null;
  }
  if (self) return 'self';
  const me = shared.roles.get(s.user), them = shared.roles.get(b!.role);
  if (me && them && !me.superuser) {
    if (them.superuser) {
      throw new PgError('42501', what === 'cancel' ? 'must be a superuser to cancel superuser query' : 'must be a superuser to terminate superuser process');
    }
    const signaller = shared.roles.get('pg_signal_backend');
    if (!shared.isMember(me, them, true) && !(signaller && shared.isMember(me, signaller, true))) {
      throw new PgError('42501', what === 'cancel'
        ? 'must be a member of the role whose query is being canceled or member of pg_signal_backend'
        : 'must be a member of the role whose process is being terminated or member of pg_signal_backend');
    }
  }
  return b!;
}

function terminateSelf(): never {
  const e = new PgError('57P01', 'terminating connection due to administrator command');
  e.severity = 'FATAL';
  throw e;
}

let registered = false;
export function registerSignalFunctions(): void {
  if (registered) return;
  registered = true;
  registerFunction({
    name: 'pg_cancel_backend', args: [OID.int4], ret: OID.bool, volatility: 'v', strict: true,
    fn: ([pid], ctx) => {
      const b = signalTarget(ctx, Number(pid), 'cancel');
      if (b === 'self') throw new PgError('57014', 'canceling statement due to user request');
      b?.cancel();
      return b !== null;
    },
  });
  const terminate = (pid: unknown, timeout: unknown, ctx: EvalContext) => {
    if (Number(timeout) < 0) throw new PgError('22023', '"timeout" must not be negative');
    const b = signalTarget(ctx, Number(pid), 'terminate');
    if (b === 'self') terminateSelf();
    // the connection ends at once here: there is nothing to wait for with a timeout
    b?.terminate();
    return b !== null;
  };
  registerFunction({ name: 'pg_terminate_backend', args: [OID.int4], ret: OID.bool, volatility: 'v', strict: true, fn: ([pid], ctx) => terminate(pid, 0, ctx) });
  registerFunction({ name: 'pg_terminate_backend', args: [OID.int4, OID.int8], ret: OID.bool, volatility: 'v', strict: true, fn: ([pid, t], ctx) => terminate(pid, t, ctx) });
}
