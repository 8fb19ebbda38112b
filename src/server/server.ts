// The server: a TCP listener handing each connection its own Session on a shared
// in-memory database. Durable storage (--data) comes with the write-ahead log.
import net from 'node:net';
import { randomInt } from 'node:crypto';
import { PgError } from '../errors/index.js';
import { loadParser } from '../parser/index.js';
import { Engine } from '../session/engine.js';
import { Connection, type DatabaseEntry, type ServerHost } from './connection.js';
import { fatal } from './startup.js';
import { WriteLock } from './write-lock.js';

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

/** The roles that exist: PostgreSQL's bootstrap superuser (CREATE ROLE is not there yet). */
const ROLES = new Set(['postgres']);

export class RelataServer implements ServerHost {
  private readonly connections = new Set<Connection>();
  private readonly byPid = new Map<number, Connection>();
  private readonly databases = new Map<string, DatabaseEntry>();
  private nextPid = 10000 + randomInt(50000);

  private constructor(private readonly server: net.Server) {
    this.databases.set('postgres', { name: 'postgres', engine: new Engine('postgres'), lock: new WriteLock() });
    server.on('connection', socket => {
      const c = new Connection(socket, this);
      this.connections.add(c);
      socket.on('close', () => this.connections.delete(c));
    });
  }

  static async start(options: ServerOptions = {}): Promise<RelataServer> {
    await loadParser();
    const server = net.createServer();
    const s = new RelataServer(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 5432, options.host ?? '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    return s;
  }

  get address(): net.AddressInfo {
    return this.server.address() as net.AddressInfo;
  }

  get port(): number {
    return this.address.port;
  }

  database(name: string): DatabaseEntry {
    const db = this.databases.get(name);
    if (!db) throw fatal('3D000', `database "${name}" does not exist`);
    return db;
  }

  checkRole(user: string): void {
    if (!ROLES.has(user)) throw fatal('28000', `role "${user}" does not exist`);
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

  /** Stops listening and ends every connection (open transactions roll back). */
  async close(): Promise<void> {
    const closed = new Promise<void>(resolve => this.server.close(() => resolve()));
    const err = new PgError('57P01', 'terminating connection due to administrator command');
    err.severity = 'FATAL';
    for (const c of this.connections) c.terminate(err);
    for (const c of this.connections) c.socket.destroySoon();
    await closed;
  }
}
