// A server's databases: one Engine per database, from a DatabaseStore (in memory or a
// data directory), sharing one SharedCatalog of roles and databases; and the sessions
// connected to each database, for DROP DATABASE's "being accessed by other users".
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { attachShared, SharedCatalog, type ActivityRow } from '../catalog/shared.js';
import type { DatabaseHost } from '../commands/database.js';
import { Engine } from './engine.js';
import { loadSharedState, saveSharedState } from './cluster-state.js';
import { MemoryStore, type DatabaseStore } from './memory-store.js';

export type { DatabaseStore } from './memory-store.js';

/** A session on a database, as the cluster knows it. */
export interface ClusterMember {
  /** Ends the session (DROP DATABASE … WITH (FORCE)). */
  terminate(): void;
  /** What pg_stat_activity shows of it. */
  activity?(): ActivityRow;
}

export interface ClusterOptions {
  /** Where the roles and the list of databases are kept between runs (a data directory's file). */
  stateFile?: string;
  /** How long DROP DATABASE and friends wait for other sessions to leave (PostgreSQL: 5 s). */
  busyWaitMs?: number;
}

export class Cluster implements DatabaseHost {
  readonly shared: SharedCatalog;
  private readonly engines = new Map<string, Engine>();
  private readonly members = new Map<unknown, { database: string; member: ClusterMember }>();
  private savedState = '';

  constructor(readonly store: DatabaseStore = new MemoryStore(), private readonly options: ClusterOptions = {}) {
    const saved = options.stateFile ? loadSharedState(options.stateFile) : null;
    this.shared = saved ?? SharedCatalog.initial();
    this.shared.activity = () => [...this.members.values()].flatMap(m => (m.member.activity ? [m.member.activity()] : []));
    const stored = new Set(store.names());
    // the store and the shared catalog agree on the databases: a stored one unknown to the
    // catalog is listed, a listed one the store lacks is created (template0 on a new directory)
    for (const name of stored) if (!this.shared.databases.has(name)) this.shared.addDatabase(name);
    for (const name of [...this.shared.databases.keys()]) {
      if (stored.has(name)) continue;
      const template = stored.has('template1') ? this.engine('template1') : new Engine('template1');
      this.adopt(name, store.create(name, template));
    }
    this.savedState = options.stateFile ? saveSharedState(options.stateFile, this.shared, '') : '';
  }

  /** The database's engine, opened on first use. */
  engine(name: string): Engine {
    return this.engines.get(name) ?? this.adopt(name, this.store.open(name));
  }

  private adopt(name: string, engine: Engine): Engine {
    attachShared(engine.catalog, this.shared);
    this.engines.set(name, engine);
    return engine;
  }

  /** A session joins a database (`key` identifies it, its Session). */
  attach(key: unknown, database: string, member: ClusterMember): void {
    this.members.set(key, { database, member });
  }

  detach(key: unknown): void {
    this.members.delete(key);
  }

  /** How many sessions are connected to the database. */
  sessionsOn(database: string): number {
    let n = 0;
    for (const m of this.members.values()) if (m.database === database) n++;
    return n;
  }

  otherSessions(database: string, self: unknown): number {
    let n = 0;
    for (const [key, m] of this.members) if (m.database === database && key !== self) n++;
    return n;
  }

  terminateOthers(database: string, self: unknown): void {
    for (const [key, m] of [...this.members]) {
      if (m.database === database && key !== self) { m.member.terminate(); this.members.delete(key); }
    }
  }

  /** Waits (up to `ms`, as PostgreSQL's CountOtherDBBackends does for 5 s) for the other sessions on a database to end. */
  async waitForOthers(database: string, self: unknown, ms = this.options.busyWaitMs ?? 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.otherSessions(database, self) && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
  }

  createDatabase(name: string, template: string): void {
    this.adopt(name, this.store.create(name, this.engine(template)));
  }

  dropDatabase(name: string): void {
    this.store.drop(name);
    this.engines.delete(name);
  }

  renameDatabase(from: string, to: string): void {
    if (!this.store.rename) throw new PgError('0A000', 'renaming a database is not supported by this data directory');
    const e = this.engine(from);
    this.store.rename(from, to);
    this.engines.delete(from);
    this.engines.set(to, e);
  }

  catalogs(): { name: string; catalog: Catalog }[] {
    return [...this.shared.databases.keys()].map(name => ({ name, catalog: this.engine(name).catalog }));
  }

  /** Writes the roles and databases to the state file when they changed (after a command commits). */
  persist(): void {
    if (this.options.stateFile) this.savedState = saveSharedState(this.options.stateFile, this.shared, this.savedState);
  }

  async close(): Promise<void> {
    this.persist();
    await this.store.close();
  }
}
