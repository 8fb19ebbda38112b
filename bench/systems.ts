// One adapter per system under test, all with the same small surface so the workloads are
// written once. Each adapter uses the system's fastest ordinary way to run a parameterized
// statement (prepared-statement caches where the library offers them), as an application would.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ServerName } from './server.js';

// (node:fs required, not imported: its ES module facade reads every export, which loads fs.promises
// and the stream classes, ~3 ms of a cold start (W7) that would be the harness's, not the system's)
const { existsSync } = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

export type SystemName = 'relata' | 'pglite' | 'pg-mem' | 'sqlite' | ServerName;
/** The in-process systems (the servers are compared apart: server.ts). */
export const SYSTEMS: SystemName[] = ['relata', 'pglite', 'pg-mem', 'sqlite'];

export interface Conn {
  readonly dialect: 'postgres' | 'sqlite';
  /** A script of statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** One statement with $1, $2, … parameters; rows as arrays in column order. */
  query(sql: string, params?: unknown[]): Promise<unknown[][]>;
  /** The SQLSTATE of an error this system threw (SQLite's FK failure is mapped to 23503). */
  errorCode(e: unknown): string | undefined;
  close(): Promise<void>;
}

export async function open(name: SystemName): Promise<Conn> {
  switch (name) {
    case 'relata': return openRelata();
    case 'pglite': return openPglite();
    case 'pg-mem': return openPgMem();
    case 'sqlite': return openSqlite();
    // (imported here: a cold start (W7) of an in-process system does not load the server harness)
    case 'relata-server': case 'pg-server': return (await import('./server.js')).openServer(name);
  }
}

const pgCode = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

// every library is imported only when its system is opened, so that a child process loads
// just the one it measures (W7 cold start, resident memory)
async function openRelata(): Promise<Conn> {
  // the one-file bundle (npm run bundle) when built: far fewer modules to load at a cold start;
  // preferably compiled from V8's code cache (relata-cached.mjs: scripts/bundle.js)
  // (RELATA_BENCH_SRC=1: the compiled modules instead, for profiles with readable names)
  const bundle = process.env.RELATA_BENCH_SRC ? undefined
    : ['../relata-cached.mjs', '../relata.mjs'].map(f => new URL(f, import.meta.url)).find(u => existsSync(fileURLToPath(u)));
  const api = (bundle ? await import(bundle.href) : await import('../src/api/index.js')) as typeof import('../src/api/index.js');
  const db = await api.Database.open();
  const conn = pgLike(db);
  // statements run synchronously (querySync) where nothing has to wait, as better-sqlite3's
  // do: an in-process caller need not pay for a promise per statement (a bundle built before
  // querySync existed runs through query())
  if (typeof db.querySync === 'function') {
    conn.query = async (sql, params) => {
      try {
        return db.querySync<unknown[]>(sql, params, { rowMode: 'array' }).rows;
      } catch (e) {
        if (e instanceof api.WouldWaitError) return (await db.query<unknown[]>(sql, params, { rowMode: 'array' })).rows;
        throw e;
      }
    };
  }
  return conn;
}

async function openPglite(): Promise<Conn> {
  const { PGlite } = await import('@electric-sql/pglite');
  return pgLike(await PGlite.create());
}

/** Relata's embedded API and PGlite share node-postgres's query shape. */
interface PgLikeDb {
  exec(sql: string): Promise<unknown>;
  query<R>(sql: string, params: unknown[] | undefined, options: { rowMode: 'array' }): Promise<{ rows: R[] }>;
  close(): Promise<void>;
}

function pgLike(db: PgLikeDb): Conn {
  return {
    dialect: 'postgres',
    async exec(sql) { await db.exec(sql); },
    async query(sql, params) { return (await db.query<unknown[]>(sql, params, { rowMode: 'array' })).rows; },
    errorCode: pgCode,
    close: () => db.close(),
  };
}

// pg-mem's own prepare/bind fails on parameterized SELECTs ("No execution context available"),
// so it runs through its node-postgres adapter, as applications use it
async function openPgMem(): Promise<Conn> {
  const { newDb } = await import('pg-mem');
  const { Client } = newDb().adapters.createPg();
  const client = new Client();
  await client.connect();
  return {
    dialect: 'postgres',
    async exec(sql) { await client.query(sql); },
    async query(sql, params) {
      // its adapter has no rowMode: 'array'
      const r = await client.query({ text: sql, values: params ?? [] });
      // (every workload column has a distinct name, so the object keeps them all, in order)
      return (r.rows as Record<string, unknown>[]).map(row => Object.values(row));
    },
    errorCode: pgCode,
    async close() { await client.end(); },
  };
}

async function openSqlite(): Promise<Conn> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(':memory:');
  db.pragma('foreign_keys = ON');
  type Stmt = ReturnType<typeof db.prepare<unknown[]>>;
  const prepared = new Map<string, Stmt>();
  return {
    dialect: 'sqlite',
    async exec(sql) { db.exec(sql); },
    async query(sql, params) {
      let s = prepared.get(sql);
      // each workload statement names its parameters once, in order, so $n becomes ?
      if (!s) prepared.set(sql, s = db.prepare<unknown[]>(sql.replace(/\$\d+/g, '?')));
      const args = params ?? [];
      if (!s.reader) { s.run(...args); return []; }
      return s.raw(true).all(...args) as unknown[][];
    },
    errorCode(e) {
      const code = pgCode(e);
      return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? '23503' : code;
    },
    async close() { db.close(); },
  };
}
