// psql's describe commands (\d, \d+, \dt, \dt+, \di, \di+, \ds, \dn, \dn+) against relata serve
// print what they print against PostgreSQL 15: test/integration/psql/describe.out was
// recorded with `psql -X -a -f describe.sql` on a PostgreSQL 15 server (a fresh database).
// Skipped where psql is not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';

const PSQL = '/usr/lib/postgresql/15/bin/psql';
const dir = join(fileURLToPath(new URL('../../..', import.meta.url)), 'test', 'integration', 'psql');

let server: RelataServer;
before(async () => {
  server = await RelataServer.start({ port: 0 });
  const admin = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE DATABASE describe_test');
  await admin.end();
});
after(async () => { await server.close(); });

test('psql \\d, \\d+, \\dt, \\dt+, \\di, \\di+, \\ds, \\dn, \\dn+ print what they print against PostgreSQL 15',
  { skip: existsSync(PSQL) ? false : 'psql 15 is not installed' }, async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', PSQL, '-X', '-a', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', 'describe_test'],
        { env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^PG/.test(k))) });
      let text = '';
      p.stdout.on('data', d => { text += d; });
      p.on('error', reject);
      p.on('close', () => resolve(text));
      p.stdin.end(readFileSync(join(dir, 'describe.sql')));
    });
    assert.equal(out, readFileSync(join(dir, 'describe.out'), 'utf8'));
  });
