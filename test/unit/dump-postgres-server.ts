// A private PostgreSQL 15 for the dump tests: initdb into a fresh temp directory (owned by
// postgres and run through runuser when the tests run as root), the server on port 5511
// with its socket in that directory and no TCP, fsync off; stop() removes everything.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PGBIN = '/usr/lib/postgresql/15/bin';
export const PG_PORT = 5511;

/** Why the tests that need the binaries cannot run here, or false. */
export const noPostgres: string | false = ['initdb', 'pg_ctl', 'psql', 'pg_dump'].every(b => existsSync(join(PGBIN, b)))
  ? false : `PostgreSQL 15 binaries are not installed in ${PGBIN}`;

const asRoot = process.getuid?.() === 0;

export interface PgServer {
  dir: string;
  /** A connection string for node-postgres. */
  url(database?: string): string;
  /** Runs a PostgreSQL binary as the server's owner with the socket and port set: exit code and output (stdout and stderr). */
  run(bin: string, args: string[], input?: string): Promise<{ code: number | null; out: string; err: string }>;
  stop(): void;
}

/** The environment without libpq's PG* variables, which would point the clients elsewhere. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));

function command(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', join(PGBIN, bin), ...args]] : [join(PGBIN, bin), args];
}

export function startPostgres(): PgServer {
  const dir = mkdtempSync(join(tmpdir(), 'relata-dump-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const sync = (bin: string, args: string[]) => {
    const [cmd, a] = command(bin, args);
    execFileSync(cmd, a, { cwd: dir, stdio: 'pipe', env: { ...cleanEnv(), LC_ALL: 'C' } });
  };
  sync('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--locale=C', '-E', 'UTF8', '-N']);
  writeFileSync(join(dir, 'data', 'postgresql.auto.conf'),
    `port = ${PG_PORT}\nlisten_addresses = ''\nunix_socket_directories = '${dir}'\nfsync = off\ntimezone = 'UTC'\n`);
  if (asRoot) execFileSync('chown', ['postgres:', join(dir, 'data', 'postgresql.auto.conf')]);
  sync('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    dir,
    url: (database = 'postgres') => `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(dir)}&port=${PG_PORT}`,
    run: (bin, args, input = '') => new Promise((resolve, reject) => {
      const [cmd, a] = command(bin, ['-h', dir, '-p', String(PG_PORT), '-U', 'postgres', ...args]);
      const p = spawn(cmd, a, { cwd: dir, env: { ...cleanEnv(), LC_ALL: 'C', PGTZ: 'UTC' } });
      let out = '', err = '';
      p.stdout.on('data', d => { out += d; });
      p.stderr.on('data', d => { err += d; });
      p.on('error', reject);
      p.on('close', code => resolve({ code, out, err }));
      p.stdin.end(input);
    }),
    stop: () => {
      try { sync('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']); } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
}
