// The server: a TCP listener handing each connection its own Session on one of the
// cluster's databases (in memory, or a data directory's), with TLS when it has a
// certificate and SCRAM-SHA-256 for roles with passwords (auth.ts). Connections arrive
// through acceptor.ts (a process of its own listens, so that a CancelRequest reaches a
// statement running here: cancel-dispatch.ts).
import type net from 'node:net';
import tls from 'node:tls';
import { randomInt } from 'node:crypto';
import { errorStacks, PgError } from '../errors/index.js';
import { loadParser } from '../parser/index.js';
import { Cluster } from '../session/cluster.js';
import type { AuthMode } from './auth.js';
import { Connection, type ServerHost } from './connection.js';
import { listen, type Listener } from './acceptor.js';
import { cancelHandlers } from './cancel-dispatch.js';
import { fatal } from './startup.js';
import { registerBackends } from '../session/backend-signals.js';

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The databases served: a new in-memory cluster by default. */
  cluster?: Cluster;
  /** PEM certificate and key: SSLRequest is answered 'S' and the connection goes on in TLS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  auth?: AuthMode;
  /** Listen in a separate acceptor process, so that cancel requests stop running statements (default true). */
  acceptor?: boolean;
}

export class RelataServer implements ServerHost {
  private readonly connections = new Set<Connection>();
  private readonly byPid = new Map<number, Connection>();
  private nextPid = 10000 + randomInt(50000);
  readonly tls: tls.SecureContext | null;
  readonly auth: AuthMode;

  private listener!: Listener;
  private unregisterBackends: () => void;

  private constructor(readonly cluster: Cluster, options: ServerOptions) {
    this.tls = options.tls ? tls.createSecureContext({ cert: options.tls.cert, key: options.tls.key }) : null;
    this.auth = options.auth ?? 'default';
    // pg_cancel_backend / pg_terminate_backend from other sessions reach these connections
    this.unregisterBackends = registerBackends(cluster.shared, {
      backend: pid => {
        const c = this.byPid.get(pid);
        const s = c?.session;
        if (!c || !s || c.closed) return undefined;
        return {
          role: s.sessionUser ?? s.authenticatedUser ?? s.user,
          cancel: () => c.cancel(),
          terminate: () => c.terminate(fatal('57P01', 'terminating connection due to administrator command')),
        };
      },
    });
  }

  private accept(socket: net.Socket): void {
    const c = new Connection(socket, this);
    this.connections.add(c);
    // (the connection's socket: it may have moved the handle to a socket of its own)
    c.socket.on('close', () => { this.connections.delete(c); if (!this.connections.size) this.allClosed?.(); });
  }

  /** Called when the last connection has closed (close() waits for it). */
  private allClosed: (() => void) | null = null;

  static async start(options: ServerOptions = {}): Promise<RelataServer> {
    await loadParser();
    // A client never sees where in Relata an SQL error was thrown; skipping the stack makes errors cheap.
    errorStacks.capture = process.env.RELATA_ERROR_STACKS === '1';
    const s = new RelataServer(options.cluster ?? new Cluster(), options);
    try {
      s.listener = await listen(options.host ?? '127.0.0.1', options.port ?? 5432,
        { connection: socket => s.accept(socket), ...cancelHandlers(s.byPid) }, options.acceptor ?? true);
    } catch (e) {
      s.unregisterBackends();
      throw e;
    }
    return s;
  }

  get address(): net.AddressInfo {
    return this.listener.address;
  }

  get port(): number {
    return this.address.port;
  }

  /** Connections not yet closed (tests wait for clients that are still saying goodbye). */
  get openConnections(): number {
    let n = 0;
    for (const c of this.connections) if (!c.closed) n++;
    return n;
  }

  sessionsOf(role: string): number {
    let n = 0;
    for (const c of this.byPid.values()) if (c.session?.user === role) n++;
    return n;
  }

  register(c: Connection): { pid: number; key: number } {
    const pid = this.nextPid++;
    this.byPid.set(pid, c);
    return { pid, key: randomInt(2 ** 31) };
  }

  unregister(c: Connection): void {
    if (this.byPid.get(c.pid) === c) this.byPid.delete(c.pid);
  }

  cancel(pid: number, key: number): void {
    const c = this.byPid.get(pid);
    if (c && c.key === key) c.cancel();
  }

  /** Stops listening and ends every connection (open transactions roll back), then closes the cluster's storage. */
  async close(): Promise<void> {
    this.unregisterBackends();
    const closed = this.listener.close().then(() => this.connections.size
      ? new Promise<void>(resolve => { this.allClosed = resolve; }) : undefined);
    const err = new PgError('57P01', 'terminating connection due to administrator command');
    err.severity = 'FATAL';
    for (const c of this.connections) c.terminate(err);
    for (const c of this.connections) c.socket.destroySoon();
    await closed;
    await this.cluster.close();
  }
}
