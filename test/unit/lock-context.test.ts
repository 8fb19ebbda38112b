// An error that ends a wait for a row (lock_timeout here; a deadlock, statement_timeout or a
// cancel alike) carries PostgreSQL's CONTEXT naming the row by its ctid: while updating /
// deleting / locking tuple (0,N) in relation "t". A foreign-key check's wait carries none
// (PostgreSQL's adds its SQL statement, which Relata does not write).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';

async function failure(s: Session, sql: string): Promise<{ code?: string; message: string; where?: string }> {
  try { await s.query(sql); } catch (e: any) { return { code: e.code, message: e.message, where: e.where }; }
  throw new Error(`${sql} did not fail`);
}

test('a lock wait that times out names the tuple it waited for, as PostgreSQL does', async () => {
  const a = await Session.create();
  const b = await Session.create(a.engine);
  await a.query('CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 1), (2, 2); CREATE TABLE c (id int, pid int REFERENCES t)');
  const [one, two] = (await a.query('SELECT ctid FROM t ORDER BY id'))[0].rows!.map(r => r[0]);
  await a.query('BEGIN; UPDATE t SET v = 9 WHERE id = 1; DELETE FROM t WHERE id = 2');
  await b.query("SET lock_timeout = '50ms'");
  const timeout = { code: '55P03', message: 'canceling statement due to lock timeout' };
  assert.deepEqual(await failure(b, 'UPDATE t SET v = 3 WHERE id = 1'), { ...timeout, where: `while updating tuple ${one} in relation "t"` });
  assert.deepEqual(await failure(b, 'DELETE FROM t WHERE id = 1'), { ...timeout, where: `while deleting tuple ${one} in relation "t"` });
  assert.deepEqual(await failure(b, 'SELECT * FROM t WHERE id = 1 FOR UPDATE'), { ...timeout, where: `while locking tuple ${one} in relation "t"` });
  assert.deepEqual(await failure(b, 'SELECT * FROM t WHERE id = 2 FOR KEY SHARE'), { ...timeout, where: `while locking tuple ${two} in relation "t"` });
  assert.deepEqual(await failure(b, 'UPDATE t SET v = 3 WHERE id = 2'), { ...timeout, where: `while updating tuple ${two} in relation "t"` });
  assert.deepEqual(await failure(b, 'INSERT INTO c VALUES (1, 2)'), { ...timeout, where: undefined });
  await a.query('ROLLBACK');
  assert.equal((await b.query('UPDATE t SET v = 3 WHERE id = 1'))[0].rowCount, 1);
});
