// Cancel requests stop running statements (`relata serve` as a process of its own, since its
// thread is busy while a statement runs): node-postgres's client.cancel, a CancelRequest sent
// byte for byte, psql's Ctrl-C, pg_cancel_backend and pg_terminate_backend from another
// session. A canceled statement fails with 57014 within a second, a transaction block is
// aborted, the session and the others go on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as c from './server-client.js';

const BIN = fileURLToPath(new URL('./durability-serve.js', import.meta.url));
const PSQL = '/usr/lib/postgresql/15/bin/psql';
const skip = c.reference ? 'runs Relata itself' : false;
/** Long enough to be running when the cancel comes (seconds, not the test's lifetime). */
const LONG = 'SELECT count(*) FROM generate_series(1, 100000000)';

let server: ChildProcess;
let port = 0;

before(async () => {
  if (skip) return;
  server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  port = await new Promise<number>((resolve, reject) => {
    server.stdout!.on('data', d => { out += d; const m = /Listening on [^\n]*:(\d+)\n/.exec(out); if (m) resolve(Number(m[1])); });
    server.once('exit', code => reject(new Error(`relata serve exited (${code}): ${out}`)));
  });
});

after(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise(r => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
});

const connect = async (user = 'postgres') => {
  const client = new pg.Client({ host: '127.0.0.1', port, user, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
};
const pidOf = (client: pg.Client) => (client as any).processID as number;
const keyOf = (client: pg.Client) => (client as any).secretKey as number;

/** Runs `sql` on `client`, calls `cancel` once it is running; the error, and how long after the cancel it came. */
async function cancelled(client: pg.Client, sql: string, cancel: () => unknown, afterMs = 300): Promise<{ e: any; ms: number }> {
  // the error may come before the cancel's connection is closed: its handler is there from the start
  const failed = c.failure(client.query(sql));
  await c.sleep(afterMs);
  const sent = Date.now();
  await cancel();
  const e = await failed;
  return { e, ms: Date.now() - sent };
}

/** node-postgres's own cancel: a new connection sends CancelRequest with the client's pid and key. */
const pgCancel = (client: pg.Client) => () => (new pg.Client({ host: "127.0.0.1", port }) as any).cancel(client, (client as any).activeQuery);

/** A CancelRequest byte for byte, as libpq's PQcancel sends it; resolves when the server closed the connection. */
async function rawCancel(pid: number, key: number): Promise<void> {
  const r = await c.RawClient.connect(port);
  r.send(c.frame(null, c.int32(80877102), c.int32(pid), c.int32(key)));
  assert.equal(await r.next(), null, 'nothing answers a CancelRequest');
}

test('client.cancel stops a running statement within a second; the session goes on, others are not affected', { skip }, async () => {
  const a = await connect(), b = await connect();
  await b.query('CREATE TABLE other_t (n int)');
  await b.query('BEGIN; INSERT INTO other_t VALUES (1)');
  const { e, ms } = await cancelled(a, LONG, pgCancel(a));
  assert.equal(e.code, '57014');
  assert.equal(e.message, 'canceling statement due to user request');
  assert.ok(ms < 1000, `the error came ${ms} ms after the cancel`);
  assert.deepEqual((await a.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  // b's transaction is untouched
  await b.query('INSERT INTO other_t VALUES (2)');
  await b.query('COMMIT');
  assert.deepEqual((await a.query('SELECT count(*)::int AS n FROM other_t')).rows, [{ n: 2 }]);
  await a.end(); await b.end();
});

test('a canceled statement in a transaction block aborts it: 25P02 until ROLLBACK', { skip }, async () => {
  const a = await connect();
  await a.query('BEGIN');
  const { e } = await cancelled(a, 'SELECT count(*) FROM generate_series(1, 20000) x, generate_series(1, 20000) y', pgCancel(a));
  assert.equal(e.code, '57014');
  const aborted = await c.failure(a.query('SELECT 1'));
  assert.equal(aborted.code, '25P02');
  await a.query('ROLLBACK');
  assert.deepEqual((await a.query('SELECT 2 AS two')).rows, [{ two: 2 }]);
  await a.end();
});

test('long recursive WITH queries, sorts, PL/pgSQL loops and functions are canceled too', { skip }, async () => {
  const a = await connect();
  await a.query(`CREATE FUNCTION spin() RETURNS int LANGUAGE plpgsql AS $$ DECLARE i int := 0; BEGIN LOOP i := i + 1; END LOOP; END $$`);
  const cases: [string, RegExp | null][] = [
    ['WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t', null],
    ['SELECT count(*) FROM (SELECT g FROM generate_series(1, 5000000) g ORDER BY random()) s', null],
    ['DO $$ BEGIN LOOP END LOOP; END $$', /^PL\/pgSQL function inline_code_block line 1 at LOOP/],
    ['SELECT spin()', /^PL\/pgSQL function spin\(\) line 1 at LOOP/],
    ['SELECT generate_series(1, 100000000)', null],
  ];
  for (const [sql, where] of cases) {
    const { e, ms } = await cancelled(a, sql, () => rawCancel(pidOf(a), keyOf(a)), sql.includes('ORDER BY') ? 1500 : 300);
    assert.equal(e.code, '57014', sql);
    assert.ok(ms < 1000, `${sql}: ${ms} ms`);
    if (where) assert.match(String(e.where), where);
  }
  // EXCEPTION WHEN OTHERS does not catch a cancel (PL/pgSQL's rule); WHEN query_canceled does
  const { e } = await cancelled(a, `DO $$ BEGIN LOOP BEGIN PERFORM count(*) FROM generate_series(1, 100000);
    EXCEPTION WHEN others THEN RAISE NOTICE 'caught'; END; END LOOP; END $$`, () => rawCancel(pidOf(a), keyOf(a)));
  assert.equal(e.code, '57014');
  const notices: string[] = [];
  a.on('notice', n => notices.push(String(n.message)));
  const caught = a.query(`DO $$ BEGIN BEGIN PERFORM count(*) FROM generate_series(1, 100000000);
    EXCEPTION WHEN query_canceled THEN RAISE NOTICE 'caught %', SQLERRM; END; END $$`);
  await c.sleep(300);
  await rawCancel(pidOf(a), keyOf(a));
  await caught;
  assert.deepEqual(notices, ['caught canceling statement due to user request']);
  await a.end();
});

test('a wrong secret key is ignored; a cancel between statements is a no-op', { skip }, async () => {
  const a = await connect();
  const q = a.query('SELECT count(*)::int AS n FROM generate_series(1, 3000000)');
  await c.sleep(100);
  await rawCancel(pidOf(a), keyOf(a) ^ 1);
  await rawCancel(pidOf(a) + 1000000, keyOf(a));
  assert.deepEqual((await q).rows, [{ n: 3000000 }]);
  // idle: the cancel is for no statement, and none later
  await rawCancel(pidOf(a), keyOf(a));
  await c.sleep(100);
  assert.deepEqual((await a.query('SELECT count(*)::int AS n FROM generate_series(1, 3000000)')).rows, [{ n: 3000000 }]);
  await a.end();
});

test('pg_cancel_backend and pg_terminate_backend from another session', { skip }, async () => {
  const a = await connect(), b = await connect(), w = await connect();
  await a.query('CREATE TABLE sig_t (n int); INSERT INTO sig_t VALUES (1)');
  // a statement waiting for a lock is canceled
  await a.query('BEGIN; UPDATE sig_t SET n = 2');
  const waiting = w.query('UPDATE sig_t SET n = 3');
  await c.sleep(100);
  assert.deepEqual((await b.query('SELECT pg_cancel_backend($1) AS ok', [pidOf(w)])).rows, [{ ok: true }]);
  assert.equal((await c.failure(waiting)).code, '57014');
  // an idle one is not affected
  assert.deepEqual((await b.query('SELECT pg_cancel_backend($1) AS ok', [pidOf(a)])).rows, [{ ok: true }]);
  await a.query('COMMIT');
  assert.deepEqual((await a.query('SELECT n FROM sig_t')).rows, [{ n: 2 }]);
  // no such backend: a WARNING and false
  const warnings: string[] = [];
  b.on('notice', (n: any) => warnings.push(`${n.severity}: ${n.message}`));
  assert.deepEqual((await b.query('SELECT pg_cancel_backend(1) AS c, pg_terminate_backend(1) AS t')).rows, [{ c: false, t: false }]);
  assert.deepEqual(warnings, ['WARNING: PID 1 is not a PostgreSQL backend process', 'WARNING: PID 1 is not a PostgreSQL backend process']);
  assert.equal((await c.failure(b.query('SELECT pg_terminate_backend(1, -1)'))).message, '"timeout" must not be negative');
  // its own backend: the statement is canceled
  assert.equal((await c.failure(b.query('SELECT pg_cancel_backend(pg_backend_pid())'))).code, '57014');
  // terminating: the session ends with FATAL 57P01, the others go on
  const ended = new Promise<any>(resolve => { w.removeAllListeners('error'); w.on('error', resolve); });
  assert.deepEqual((await b.query('SELECT pg_terminate_backend($1) AS ok', [pidOf(w)])).rows, [{ ok: true }]);
  const fatal = await ended;
  assert.equal(fatal.code, '57P01');
  assert.equal(fatal.message, 'terminating connection due to administrator command');
  assert.deepEqual((await a.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  // a role without pg_signal_backend cannot signal a superuser's or another role's backend
  await a.query('CREATE ROLE sig_r LOGIN; CREATE ROLE sig_s LOGIN');
  const r = await connect('sig_r'), s = await connect('sig_s');
  assert.equal((await c.failure(r.query('SELECT pg_cancel_backend($1)', [pidOf(a)]))).message, 'must be a superuser to cancel superuser query');
  assert.equal((await c.failure(r.query('SELECT pg_terminate_backend($1)', [pidOf(s)]))).message,
    'must be a member of the role whose process is being terminated or member of pg_signal_backend');
  await a.query('GRANT pg_signal_backend TO sig_r');
  assert.deepEqual((await r.query('SELECT pg_cancel_backend($1) AS ok', [pidOf(s)])).rows, [{ ok: true }]);
  // its own: FATAL, and the connection is gone
  const own = await c.failure(s.query('SELECT pg_terminate_backend(pg_backend_pid())'));
  assert.equal(own.code, '57P01');
  await Promise.all([a.end(), b.end(), r.end(), s.end().catch(() => undefined)]);
});

test("psql's Ctrl-C (SIGINT) cancels its query", { skip: skip || (existsSync(PSQL) ? false : 'psql 15 is not installed') }, async () => {
  const p = spawn(PSQL, ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', LONG],
    { env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });
  let out = '';
  p.stdout.on('data', d => { out += d; });
  p.stderr.on('data', d => { out += d; });
  await c.sleep(700);
  const sent = Date.now();
  p.kill('SIGINT');
  const code = await new Promise(resolve => p.on('close', resolve));
  assert.ok(Date.now() - sent < 1000);
  assert.equal(out, 'Cancel request sent\nERROR:  canceling statement due to user request\n');
  assert.equal(code, 1);
});
