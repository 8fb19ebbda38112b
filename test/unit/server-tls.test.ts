// TLS: with a certificate and key the server answers SSLRequest with 'S' and goes on in
// TLS (psql sslmode=require, node-postgres ssl); without one it answers 'N' and a client
// that requires TLS gives up. The certificate is self-signed, made by openssl for the test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';
import * as c from './server-client.js';

const PSQL = '/usr/lib/postgresql/15/bin/psql';
let openssl = true;
try { execFileSync('openssl', ['version'], { stdio: 'ignore' }); } catch { openssl = false; }
const skip = openssl ? false : 'openssl is not installed';

let dir = '';
let server: RelataServer;
let plain: RelataServer;

before(async () => {
  if (!openssl) return;
  dir = mkdtempSync(join(tmpdir(), 'relata-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  server = await RelataServer.start({ port: 0, tls: { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) } });
  plain = await RelataServer.start({ port: 0 });
});
after(async () => {
  if (!openssl) return;
  await server.close();
  await plain.close();
  rmSync(dir, { recursive: true, force: true });
});

function psql(port: number, sslmode: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', PSQL, '-X', '-At', '-c', command, `host=127.0.0.1 port=${port} user=postgres dbname=postgres sslmode=${sslmode}`],
      { env: { ...process.env, PGPASSWORD: '' } });
    let out = '';
    p.stdout.on('data', d => { out += d; });
    p.on('error', reject);
    p.on('close', () => resolve(out));
    p.stdin.end();
  });
}

test('SSLRequest is answered S by a server with a certificate, N by one without', { skip }, async () => {
  for (const [s, answer] of [[server, 'S'], [plain, 'N']] as const) {
    const raw = await c.RawClient.connect(s.port);
    raw.send(c.frame(null, c.int32(80877103)));
    assert.equal(await raw.byte(), answer);
    raw.socket.destroy();
  }
});

test('psql with sslmode=require talks TLS to the server; to a server without TLS it gives up', { skip: skip || (existsSync(PSQL) ? false : 'psql 15 is not installed') }, async () => {
  const info = await psql(server.port, 'require', '\\conninfo');
  assert.match(info, /^You are connected to database "postgres" as user "postgres" on host "127\.0\.0\.1" at port "\d+"\.\nSSL connection \(protocol: TLSv1\.[23], cipher: [A-Z0-9_-]+, compression: off\)\n$/);
  assert.equal(await psql(server.port, 'require', 'SELECT 40 + 2'), '42\n');
  assert.equal(await psql(server.port, 'disable', 'SELECT 1'), '1\n');
  assert.equal(await psql(plain.port, 'require', 'SELECT 1'),
    `psql: error: connection to server at "127.0.0.1", port ${plain.port} failed: server does not support SSL, but SSL was required\n`);
});

test('node-postgres over TLS: queries and a password login', { skip }, async () => {
  const admin = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres', ssl: { rejectUnauthorized: false } });
  await admin.connect();
  assert.equal((admin as any).connection.stream.encrypted, true);
  await admin.query("CREATE ROLE tls_user LOGIN PASSWORD 'pw'");
  const user = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'tls_user', password: 'pw', database: 'postgres', ssl: { rejectUnauthorized: false } });
  await user.connect();
  assert.deepEqual((await user.query('SELECT current_user, 1 + 1 AS two')).rows, [{ current_user: 'tls_user', two: 2 }]);
  await user.end();
  await admin.query('DROP ROLE tls_user');
  await admin.end();
});
