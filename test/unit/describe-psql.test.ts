// The real psql 15 binary's describe commands (\d, \d+, \dt, \di, \ds, \dv, \dn, \df …)
// against `relata serve`: psql sends its own catalog queries (describe.c) and must print
// byte for byte what it printed against PostgreSQL 15 for the same script, the golden
// files test/sql/describe_*.out (scripts/regen-expected.sh). The relata shell runs the
// same files in the golden suite. Skipped where psql is not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as c from './server-client.js';

const PSQL = '/usr/lib/postgresql/15/bin/psql';
const skip = existsSync(PSQL) ? false : 'psql 15 is not installed';
const sqlDir = fileURLToPath(new URL('../../../test/sql/', import.meta.url));

let server: c.TestServer;
before(async () => { server = await c.startServer(); });
after(async () => { await server?.close(); });

/** psql with the environment regen-expected.sh gives it, stdout and stderr on one pipe (in order). */
function psql(args: string[], input = ''): Promise<{ out: string; code: number | null }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^PG/.test(k) && k !== 'LC_ALL') env[k] = v;
  Object.assign(env, { PGTZ: 'UTC', PGDATESTYLE: 'ISO, MDY', LC_MESSAGES: 'C', PGCLIENTENCODING: 'UTF8' });
  const where = typeof server.port === 'string'
    ? ['-h', server.port.replace(/\/\.s\.PGSQL\.\d+$/, ''), '-p', server.port.replace(/^.*\.s\.PGSQL\./, '')]
    : ['-h', '127.0.0.1', '-p', String(server.port)];
  return new Promise((resolve, reject) => {
    const p = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', PSQL, '-X', ...where, '-U', 'postgres', ...args], { env });
    let out = '';
    p.stdout.on('data', d => { out += d; });
    p.on('error', reject);
    p.on('close', code => resolve({ out, code }));
    p.stdin.end(input);
  });
}

const files = existsSync(sqlDir) ? readdirSync(sqlDir).filter(f => /^describe_.*\.sql$/.test(f)).sort() : [];

test('there are describe golden files to run', () => {
  assert.ok(files.length >= 3, `describe_*.sql in ${sqlDir}`);
});

for (const file of files) {
  const name = file.replace(/\.sql$/, '');
  test(`psql -a < ${file} against relata serve prints ${name}.out`, { skip }, async () => {
    const db = `relata_${name}`;
    await psql(['-q', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${db}`]);
    const created = await psql(['-q', '-d', 'postgres', '-c', `CREATE DATABASE ${db}`]);
    assert.equal(created.out, '');
    const { out } = await psql(['-a', '-d', db], readFileSync(sqlDir + file, 'utf8'));
    assert.equal(out, readFileSync(sqlDir + name + '.out', 'utf8'));
    await psql(['-q', '-d', 'postgres', '-c', `DROP DATABASE ${db}`]);
  });
}
