// SQLAlchemy 2 and Django 5.2 (psycopg 3) against relata serve: the checks are Python
// scripts (test/integration/python/*_check.py) run in the virtualenv .ci/run creates
// (.tmp/orm-venv, or RELATA_PYTHON); skipped when there is none. Each gets a database of its
// own, as their test runners do.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const python = process.env.RELATA_PYTHON ?? join(root, '.tmp', 'orm-venv', 'bin', 'python');
const skip = existsSync(python) ? false : `no Python virtualenv with SQLAlchemy and Django at ${python} (.ci/run creates it)`;

let server: RelataServer;
before(async () => { if (!skip) server = await RelataServer.start({ port: 0 }); });
after(async () => { if (!skip) await server.close(); });

async function runCheck(script: string, database: string): Promise<{ code: number | null; out: string }> {
  const admin = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return new Promise((resolve, reject) => {
    const p = spawn(python, [join(root, 'test', 'integration', 'python', script)],
      { env: { ...process.env, RELATA_URL: `postgresql://postgres@127.0.0.1:${server.port}/${database}`, PYTHONDONTWRITEBYTECODE: '1' } });
    let out = '';
    p.stdout.on('data', d => { out += d; });
    p.stderr.on('data', d => { out += d; });
    p.on('error', reject);
    p.on('close', code => resolve({ code, out }));
  });
}

test('SQLAlchemy 2: create_all, relationships (one-to-one, one-to-many, many-to-many, passive_deletes), reflection, drop_all', { skip }, async () => {
  const { code, out } = await runCheck('sqlalchemy_check.py', 'sqlalchemy_test');
  assert.equal(code, 0, out);
  assert.match(out, /sqlalchemy ok/);
});

test('Django 5.2: migrate, OneToOneField, IntegrityError on a duplicate, inspectdb', { skip }, async () => {
  const { code, out } = await runCheck('django_check.py', 'django_test');
  assert.equal(code, 0, out);
  assert.match(out, /django ok/);
});
