// The server comparison (issue 6): Relata's server against a PostgreSQL 15 server, both on
// this machine, both through node-postgres. The bench starts both and stops them:
// PostgreSQL in a fresh cluster (initdb into a temporary directory owned by the postgres user,
// port 5527), Relata in memory (`relata serve`, port 5528). Each measurement (a child process,
// as in-process) creates a database of its own on the server, runs W1–W6 there and drops it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Conn } from './systems.js';

export type ServerName = 'relata-server' | 'pg-server';
export const SERVERS: ServerName[] = ['relata-server', 'pg-server'];
// BENCH_PG_PORT / BENCH_RELATA_PORT move them (several people benchmarking on one machine)
export const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5527);
export const RELATA_PORT = Number(process.env.BENCH_RELATA_PORT ?? 5528);
const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface Running { port: number; host: string; stop(): Promise<void> }

/** Why the server comparison cannot run here, or undefined. */
export function serverMissing(): string | undefined {
  if (!existsSync(join(PG_BIN, 'initdb'))) return `no PostgreSQL 15 binaries in ${PG_BIN}`;
  try { execFileSync('id', ['postgres'], { stdio: 'ignore' }); } catch { return 'no postgres user to run PostgreSQL as'; }
  return undefined;
}

const asPostgres = (cmd: string, args: string[]) => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const : [cmd, args] as const);

/**
 * A PostgreSQL 15 cluster for this run. The durability settings match Relata's in-memory
 * server (nothing is flushed to disk): fsync and synchronous_commit off.
 */
export async function startPostgres(port = PG_PORT): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'relata-bench-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const run = (cmd: string, args: string[]) => { const [c, a] = asPostgres(join(PG_BIN, cmd), args); execFileSync(c, [...a], { stdio: 'pipe' }); };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start']);
  return {
    port, host: '127.0.0.1',
    async stop() {
      try { run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']); } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
}

/** Relata's server, in memory, as `relata serve` runs it. */
export async function startRelata(): Promise<Running> {
  const bin = fileURLToPath(new URL('../../bin/relata.js', import.meta.url));
  const p: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', String(RELATA_PORT), '--auth', 'trust'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  p.stderr!.on('data', d => { err += d; });
  await waitForPort(RELATA_PORT, p, () => err);
  return {
    port: RELATA_PORT, host: '127.0.0.1',
    stop: () => new Promise(resolve => { p.once('exit', () => resolve()); p.kill('SIGTERM'); }),
  };
}

async function waitForPort(port: number, p: ChildProcess, err: () => string): Promise<void> {
  const { default: pg } = await import('pg');
  for (let i = 0; i < 200; i++) {
    if (p.exitCode !== null) throw new Error(`relata serve exited: ${err().trim()}`);
    const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    try { await c.connect(); await c.end(); return; } catch { await new Promise(r => setTimeout(r, 50)); }
  }
  throw new Error(`relata serve did not listen on port ${port}: ${err().trim()}`);
}

/**
 * A connection to a new database on the server at BENCH_PORT (set by the parent), dropped at
 * close. Parameterized statements are named prepared statements (node-postgres's `name`):
 * each is parsed once per connection, as an application's prepared queries are.
 */
export async function openServer(name: ServerName): Promise<Conn> {
  const { default: pg } = await import('pg');
  const port = Number(process.env.BENCH_PORT);
  if (!port) throw new Error(`no BENCH_PORT for ${name}`);
  const db = `bench_${process.pid}`;
  const opts = { host: '127.0.0.1', port, user: 'postgres' };
  const admin = new pg.Client({ ...opts, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const client = new pg.Client({ ...opts, database: db });
  await client.connect();
  const names = new Map<string, string>();
  return {
    dialect: 'postgres',
    async exec(sql) { await client.query(sql); },
    async query(sql, params) {
      if (!params) return (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
      let n = names.get(sql);
      if (!n) names.set(sql, n = `s${names.size}`);
      return (await client.query({ name: n, text: sql, values: params, rowMode: 'array' })).rows as unknown[][];
    },
    errorCode: e => (e as { code?: string } | null)?.code,
    async close() {
      await client.end();
      await admin.query(`DROP DATABASE ${db}`);
      await admin.end();
    },
  };
}
