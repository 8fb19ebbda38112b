// Database.querySync: query()'s results and errors without a promise, and WouldWaitError —
// with nothing of the statement left — where the statement would have to wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, DatabaseError, WouldWaitError } from '../../src/api/index.js';
import { Engine } from '../../src/session/engine.js';
import { Session } from '../../src/session/session.js';
import { loadParser } from '../../src/parser/index.js';

async function fresh(): Promise<Database> {
  const db = await Database.open();
  await db.exec(`CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE child (id serial PRIMARY KEY, pid int REFERENCES parent, note varchar(5));
    INSERT INTO parent VALUES (1, 'a'), (2, 'b');`);
  return db;
}

test('querySync gives the result query() gives', async () => {
  const db = await fresh();
  const sql = 'SELECT id, name FROM parent WHERE id >= $1 ORDER BY id';
  assert.deepEqual(db.querySync(sql, [1]), await db.query(sql, [1]));
  assert.deepEqual(db.querySync({ text: sql, values: [2], rowMode: 'array' }), await db.query({ text: sql, values: [2], rowMode: 'array' }));
  const r = db.querySync(sql, [2], { rowMode: 'array' });
  assert.deepEqual(r.rows, [[2, 'b']]);
  assert.equal(r.command, 'SELECT');
  assert.equal(r.rowCount, 1);
  assert.equal(r.fields[1].name, 'name');
  const ins = db.querySync('INSERT INTO child (pid, note) VALUES ($1, $2) RETURNING id', [1, 'x']);
  assert.deepEqual([ins.command, ins.oid, ins.rowCount, ins.rows], ['INSERT', 0, 1, [{ id: 1 }]]);
  assert.deepEqual(db.querySync(''), { command: null, rowCount: null, oid: null, rows: [], fields: [] });
  // what querySync did is what the next query() sees
  assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM child')).rows, [{ n: 1 }]);
  await db.close();
});

test('querySync throws the statement\'s error; a transaction block fails as with query()', async () => {
  const db = await fresh();
  assert.throws(() => db.querySync('INSERT INTO child (pid) VALUES ($1)', [9]),
    (e: unknown) => e instanceof DatabaseError && e.code === '23503' && e.constraint === 'child_pid_fkey');
  assert.throws(() => db.querySync('SELEC 1'), (e: unknown) => e instanceof DatabaseError && e.code === '42601' && e.position === '1');
  assert.throws(() => db.querySync('SELECT 1; SELECT 2'), (e: unknown) => e instanceof DatabaseError && e.code === '42601');
  db.querySync('BEGIN');
  db.querySync('UPDATE parent SET name = $1 WHERE id = 1', ['z']);
  assert.equal(db.transactionStatus, 'T');
  assert.throws(() => db.querySync('SELECT 1/0'), (e: unknown) => e instanceof DatabaseError && e.code === '22012');
  assert.equal(db.transactionStatus, 'E');
  assert.throws(() => db.querySync('SELECT 1'), (e: unknown) => e instanceof DatabaseError && e.code === '25P02');
  assert.equal(db.querySync('ROLLBACK').command, 'ROLLBACK');
  assert.deepEqual(db.querySync('SELECT name FROM parent WHERE id = 1').rows, [{ name: 'a' }]);
  // a value that cannot be converted is the caller's error, thrown as it is
  const bad = { toPostgres() { throw new TypeError('no'); } };
  assert.throws(() => db.querySync('SELECT $1::text', [bad]), (e: unknown) => e instanceof TypeError && e.message === 'no');
  await db.close();
  assert.throws(() => db.querySync('SELECT 1'), /Database is closed/);
});

test('querySync refuses to wait: another call running, COPY', async () => {
  const db = await fresh();
  const running = db.exec('INSERT INTO parent VALUES (3, \'c\')');
  assert.throws(() => db.querySync('SELECT 1'), (e: unknown) => e instanceof WouldWaitError && /another call/.test((e as Error).message));
  await running;
  assert.deepEqual(db.querySync('SELECT count(*)::int AS n FROM parent').rows, [{ n: 3 }]);
  assert.throws(() => db.querySync('COPY parent TO STDOUT'), WouldWaitError);
  await db.close();
});

test('querySync on a data directory: a commit that must reach the disk is refused unrun', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'relata-query-sync-'));
  try {
    const db = await Database.open(dir);
    await db.query('CREATE TABLE t (x int)');
    assert.throws(() => db.querySync('INSERT INTO t VALUES (1)'), WouldWaitError);
    assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 0 }]);
    // inside a block statements commit nothing; the COMMIT itself waits
    await db.query('BEGIN');
    assert.equal(db.querySync('INSERT INTO t VALUES (2)').rowCount, 1);
    assert.throws(() => db.querySync('COMMIT'), WouldWaitError);
    assert.equal(db.transactionStatus, 'T');
    await db.query('COMMIT');
    // an asynchronous commit waits for nothing
    await db.query('SET synchronous_commit = off');
    assert.equal(db.querySync('INSERT INTO t VALUES (3)').rowCount, 1);
    assert.deepEqual(db.querySync('SELECT x FROM t ORDER BY x', [], { rowMode: 'array' }).rows, [[2], [3]]);
    await db.close();
    const again = await Database.open(dir);
    assert.deepEqual((await again.query('SELECT x FROM t ORDER BY x', [], { rowMode: 'array' })).rows, [[2], [3]]);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a statement that meets a row locked by another session is undone, not waited for (runParsedSync)', async () => {
  await loadParser();
  const engine = new Engine();
  const a = await Session.create(engine), b = await Session.create(engine);
  await a.query('CREATE TABLE t (id int PRIMARY KEY, v int)');
  await a.query('INSERT INTO t VALUES (1, 0), (2, 0)');
  await a.query('BEGIN');
  await a.query('UPDATE t SET v = 1 WHERE id = 1');
  const run = (sql: string) => b.runParsedSync(b.parseText(sql)[0].stmt, sql, []);
  run('BEGIN');
  assert.equal(run('UPDATE t SET v = 2 WHERE id = 2').command, 'UPDATE 1');
  assert.throws(() => run('UPDATE t SET v = 2 WHERE id = 1'), WouldWaitError);
  // b's block goes on; only the refused statement is gone
  assert.equal(b.transactionStatus, 'T');
  await a.query('COMMIT');
  assert.equal(run('UPDATE t SET v = v + 10 WHERE id = 1').command, 'UPDATE 1');
  run('COMMIT');
  assert.deepEqual((await a.query('SELECT id, v FROM t ORDER BY id'))[0].rows, [[1, 11], [2, 2]]);
  // the database lock another session holds (its DDL's) is refused likewise
  await a.query('BEGIN');
  await a.query('ALTER TABLE t ADD COLUMN w int');
  assert.throws(() => run('SELECT * FROM t'), WouldWaitError);
  await a.query('ROLLBACK');
  assert.deepEqual(run('SELECT count(*) FROM t').rows, [[2n]]);
});
