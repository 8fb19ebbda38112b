// Lazy xid assignment (session/write-context.ts): as in PostgreSQL, a transaction takes its xid
// at its first write. Read-only statements take none (the running set and the shared snapshot
// stay as they are); a transaction that writes later sees its own rows and, under REPEATABLE
// READ, still only what its snapshot saw; row locks and the waits on them work as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { Engine } from '../../src/session/engine.js';

async function pair(): Promise<[Session, Session, Engine]> {
  const engine = new Engine();
  return [await Session.create(engine), await Session.create(engine), engine];
}

const rows = async (s: Session, sql: string) => (await s.query(sql))[0].rows;

test('read-only statements take no xid; the first write takes one', async () => {
  const [a, , engine] = await pair();
  await a.query('CREATE TABLE t (id int PRIMARY KEY)');
  const before = engine.tm.snapshot().xmax;
  for (let i = 0; i < 5; i++) await a.query('SELECT * FROM t');
  await a.query('BEGIN');
  await a.query('SELECT count(*) FROM t');
  assert.deepEqual(await rows(a, 'SELECT pg_current_xact_id_if_assigned() IS NULL AS unassigned'), [[true]]);
  assert.equal(engine.tm.snapshot().xmax, before, 'no xid handed out for reads');
  assert.equal(engine.tm.anyRunning, false);
  await a.query('INSERT INTO t VALUES (1)');
  assert.equal(engine.tm.anyRunning, true);
  const [[xmin, current]] = (await a.query('SELECT xmin::text, pg_current_xact_id()::text FROM t'))[0].rows!;
  assert.equal(xmin, current, 'the row shows the transaction\'s xid');
  await a.query('COMMIT');
  assert.equal(engine.tm.anyRunning, false);
});

test('REPEATABLE READ: a transaction that writes after reading sees its own rows and only its snapshot', async () => {
  const [a, b] = await pair();
  await a.query('CREATE TABLE t (id int PRIMARY KEY, v int)');
  await a.query('INSERT INTO t VALUES (1, 10)');
  await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  assert.deepEqual(await rows(a, 'SELECT id FROM t'), [[1]]);
  await b.query('INSERT INTO t VALUES (2, 20)');
  await a.query('INSERT INTO t VALUES (3, 30)');
  await a.query('UPDATE t SET v = v + 1 WHERE id = 1');
  assert.deepEqual(await rows(a, 'SELECT id, v FROM t ORDER BY id'), [[1, 11], [3, 30]]);
  assert.deepEqual(await rows(b, 'SELECT id, v FROM t ORDER BY id'), [[1, 10], [2, 20]]);
  await a.query('COMMIT');
  assert.deepEqual(await rows(b, 'SELECT id, v FROM t ORDER BY id'), [[1, 11], [2, 20], [3, 30]]);
});

test('a row lock taken by a transaction that had read only makes a writer wait until it ends', async () => {
  const [a, b] = await pair();
  await a.query('CREATE TABLE t (id int PRIMARY KEY, v int)');
  await a.query('INSERT INTO t VALUES (1, 10)');
  await a.query('BEGIN');
  await a.query('SELECT count(*) FROM t');
  await a.query('SELECT * FROM t WHERE id = 1 FOR UPDATE');
  await b.query("SET lock_timeout = '100ms'");
  await assert.rejects(b.query('UPDATE t SET v = 0 WHERE id = 1'), { code: '55P03' });
  const waiting = b.query("SET lock_timeout = 0").then(() => b.query('UPDATE t SET v = v + 5 WHERE id = 1'));
  await a.query('UPDATE t SET v = 20 WHERE id = 1');
  await a.query('COMMIT');
  assert.equal((await waiting)[0].command, 'UPDATE 1');
  assert.deepEqual(await rows(a, 'SELECT v FROM t'), [[25]]);
});

test('a savepoint before the first write: ROLLBACK TO undoes only what followed it', async () => {
  const [a, b] = await pair();
  await a.query('CREATE TABLE t (id int PRIMARY KEY)');
  await a.query('BEGIN');
  await a.query('SELECT * FROM t');
  await a.query('SAVEPOINT s');
  await a.query('INSERT INTO t VALUES (1)');
  await a.query('ROLLBACK TO s');
  await a.query('INSERT INTO t VALUES (2)');
  assert.deepEqual(await rows(a, 'SELECT id FROM t'), [[2]]);
  assert.deepEqual(await rows(b, 'SELECT id FROM t'), []);
  await a.query('COMMIT');
  assert.deepEqual(await rows(b, 'SELECT id FROM t'), [[2]]);
});
