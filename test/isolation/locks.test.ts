// Waits and how they end, through Session objects on one Engine (the lock manager the server's
// connections share): the deadlock report (40P01 with PostgreSQL's DETAIL and HINT),
// lock_timeout, statement_timeout and cancel on row-lock waits, locks released by an error
// or ROLLBACK TO SAVEPOINT, SERIALIZABLE's failure fields, DDL against open writers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PgError } from '../../src/errors/index.js';
import { Engine } from '../../src/session/engine.js';
import type { StatementResult } from '../../src/session/result.js';
import { Session } from '../../src/session/session.js';

async function sessions(n: number, setup: string): Promise<{ engine: Engine; s: Session[] }> {
  const engine = new Engine();
  const s = await Promise.all(Array.from({ length: n }, () => Session.create(engine)));
  await run(s[0], setup);
  return { engine, s };
}

async function run(s: Session, sql: string): Promise<StatementResult[]> {
  const out: StatementResult[] = [];
  await s.simpleQuery(sql, { result: r => out.push(r) });
  return out;
}

/** Starts a query; the promise settles with its results or its error. */
function start(s: Session, sql: string): Promise<StatementResult[] | PgError> {
  return run(s, sql).catch(e => e);
}

const tick = () => new Promise(r => setTimeout(r, 5));
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !cond(); i++) await tick();
  assert.ok(cond());
}

const rows = (r: StatementResult[] | PgError) => (r instanceof PgError ? r : r[r.length - 1].rows);

test('a deadlock is reported to the session whose check finds it, with PostgreSQL\'s DETAIL and HINT', async () => {
  const { engine, s: [a, b] } = await sessions(2, 'CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0), (2, 0)');
  a.pid = 4001; b.pid = 4002;
  await run(a, "BEGIN; SET deadlock_timeout = '20ms'; UPDATE t SET v = 1 WHERE id = 1");
  await run(b, "BEGIN; SET deadlock_timeout = '10s'; UPDATE t SET v = 2 WHERE id = 2");
  const bWaits = start(b, 'UPDATE t SET v = 2 WHERE id = 1');
  await until(() => engine.locks.isWaiting(b));
  const e = await start(a, 'UPDATE t SET v = 1 WHERE id = 2');
  assert.ok(e instanceof PgError);
  assert.equal(e.code, '40P01');
  assert.equal(e.message, 'deadlock detected');
  assert.match(e.detail!, /^Process 4001 waits for ShareLock on transaction \d+; blocked by process 4002\.\nProcess 4002 waits for ShareLock on transaction \d+; blocked by process 4001\.$/);
  assert.equal(e.hint, 'See server log for query details.');
  // the failed transaction is aborted at once: b goes on
  assert.equal((await bWaits as StatementResult[])[0].command, 'UPDATE 1');
  assert.equal(a.transactionStatus, 'E');
  await run(a, 'ROLLBACK');
  await run(b, 'COMMIT');
  assert.deepEqual(rows(await run(a, 'SELECT id, v FROM t ORDER BY id')), [[1, 2], [2, 2]]);
});

test('lock_timeout, statement_timeout and a cancel end a row-lock wait; the transaction block fails', async () => {
  const { engine, s: [a, b] } = await sessions(2, 'CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0)');
  await run(a, 'BEGIN; SELECT * FROM t FOR UPDATE');
  await run(b, "SET lock_timeout = '30ms'");
  let e = await start(b, 'UPDATE t SET v = 1');
  assert.ok(e instanceof PgError);
  assert.deepEqual([e.code, e.message], ['55P03', 'canceling statement due to lock timeout']);
  await run(b, "RESET lock_timeout; SET statement_timeout = '30ms'");
  e = await start(b, 'BEGIN; DELETE FROM t');
  assert.ok(e instanceof PgError);
  assert.deepEqual([e.code, e.message], ['57014', 'canceling statement due to statement timeout']);
  assert.equal(b.transactionStatus, 'E');
  await run(b, 'ROLLBACK; RESET statement_timeout');
  const waiting = start(b, 'UPDATE t SET v = 2');
  await until(() => engine.locks.isWaiting(b));
  b.cancelWait(new PgError('57014', 'canceling statement due to user request'));
  e = await waiting;
  assert.ok(e instanceof PgError);
  assert.equal(e.message, 'canceling statement due to user request');
  assert.equal(b.transactionStatus, 'I');
  assert.equal(engine.locks.isWaiting(b), false);
  const nowait = await start(b, 'SELECT * FROM t FOR SHARE NOWAIT');
  assert.ok(nowait instanceof PgError);
  assert.deepEqual([nowait.code, nowait.message], ['55P03', 'could not obtain lock on row in relation "t"']);
  await run(a, 'COMMIT');
  assert.deepEqual(rows(await run(b, 'SELECT v FROM t FOR SHARE NOWAIT')), [[0]]);
});

test('locks go with the (sub)transaction that took them: an error, ROLLBACK TO SAVEPOINT', async () => {
  const { engine, s: [a, b] } = await sessions(2, 'CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0), (2, 0)');
  await run(a, 'BEGIN; UPDATE t SET v = 1 WHERE id = 1; SAVEPOINT s; UPDATE t SET v = 1 WHERE id = 2');
  const w2 = start(b, 'UPDATE t SET v = 2 WHERE id = 2');
  await until(() => engine.locks.isWaiting(b));
  await run(a, 'ROLLBACK TO SAVEPOINT s');
  assert.equal((await w2 as StatementResult[])[0].command, 'UPDATE 1');
  await run(a, 'ROLLBACK; BEGIN; UPDATE t SET v = 1 WHERE id = 1');
  const w1 = start(b, 'UPDATE t SET v = 2 WHERE id = 1');
  await until(() => engine.locks.isWaiting(b));
  // an error aborts a's transaction at once (PostgreSQL releases its locks before ROLLBACK)
  assert.ok(await start(a, 'SELECT 1/0') instanceof PgError);
  assert.equal((await w1 as StatementResult[])[0].command, 'UPDATE 1');
  await run(a, 'ROLLBACK');
  assert.deepEqual(rows(await run(a, 'SELECT id, v FROM t ORDER BY id')), [[1, 2], [2, 2]]);
});

test('SERIALIZABLE failures carry PostgreSQL\'s reason code and hint', async () => {
  const { s: [a, b] } = await sessions(2, "CREATE TABLE d (name text PRIMARY KEY, on_call bool); INSERT INTO d VALUES ('x', true), ('y', true)");
  await run(a, 'BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT count(*) FROM d WHERE on_call');
  await run(b, 'BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT count(*) FROM d WHERE on_call');
  await run(a, "UPDATE d SET on_call = false WHERE name = 'x'; COMMIT");
  const e = await start(b, "UPDATE d SET on_call = false WHERE name = 'y'");
  assert.ok(e instanceof PgError);
  assert.equal(e.code, '40001');
  assert.equal(e.message, 'could not serialize access due to read/write dependencies among transactions');
  assert.equal(e.detail, 'Reason code: Canceled on identification as a pivot, during write.');
  assert.equal(e.hint, 'The transaction might succeed if retried.');
  await run(b, 'ROLLBACK');
  // a retry succeeds (and sees the other's commit)
  await run(b, 'BEGIN ISOLATION LEVEL SERIALIZABLE');
  assert.deepEqual(rows(await run(b, 'SELECT count(*) FROM d WHERE on_call')), [[1n]]);
  await run(b, 'COMMIT');
});

test('DDL waits until open writers end; statements wait while DDL is uncommitted', async () => {
  const { engine, s: [a, b] } = await sessions(2, 'CREATE TABLE t (id int)');
  await run(a, 'BEGIN; INSERT INTO t VALUES (1)');
  // writers of rows share the database: b inserts at once
  assert.equal((await run(b, 'INSERT INTO t VALUES (2)'))[0].command, 'INSERT 0 1');
  const ddl = start(b, 'ALTER TABLE t ADD COLUMN v int');
  await until(() => engine.locks.isWaiting(b));
  await run(a, 'COMMIT');
  assert.equal((await ddl as StatementResult[])[0].command, 'ALTER TABLE');
  await run(b, 'BEGIN; CREATE TABLE u (x int)');
  const read = start(a, 'SELECT count(*) FROM t');
  await until(() => engine.locks.isWaiting(a));
  await run(b, 'ROLLBACK');
  assert.deepEqual(rows(await read), [[2n]]);
});
