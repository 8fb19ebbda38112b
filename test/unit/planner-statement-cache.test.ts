// The statement cache (src/session/statement-cache.ts): a statement run again with the same
// parameter types, search path and settings reuses its analysis; any DDL (also one rolled
// back), a search_path change or a planner setting makes the next run analyze again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';

async function session(): Promise<Session> {
  const s = await Session.create();
  await s.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
  await s.query("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
  return s;
}

const rows = async (s: Session, sql: string, params: unknown[] = []) => (await s.query(sql, params))[0].rows;
const plan = async (s: Session, sql: string) => (await rows(s, `EXPLAIN (COSTS OFF) ${sql}`))!.map(r => r[0]).join('\n');

test('a parameterized statement run again reuses its analysis', async () => {
  const s = await session();
  const sql = 'SELECT v FROM t WHERE id = $1';
  assert.deepEqual(await rows(s, sql, ['1']), [['one']]);
  const { hits, misses } = s.statementCache;
  assert.deepEqual(await rows(s, sql, ['2']), [['two']]);
  assert.deepEqual(await rows(s, sql, ['1']), [['one']]);
  assert.equal(s.statementCache.hits, hits + 2);
  assert.equal(s.statementCache.misses, misses);
});

test('DDL invalidates: the next run sees the new definition', async () => {
  const s = await session();
  const sql = 'SELECT * FROM t WHERE id = $1';
  assert.deepEqual(await rows(s, sql, ['1']), [[1, 'one']]);
  await s.query("ALTER TABLE t ADD COLUMN w int DEFAULT 7");
  const misses = s.statementCache.misses;
  assert.deepEqual(await rows(s, sql, ['1']), [[1, 'one', 7]]);
  assert.equal(s.statementCache.misses, misses + 1);
});

test('DDL rolled back invalidates too', async () => {
  const s = await session();
  const sql = 'SELECT * FROM t WHERE id = $1';
  await rows(s, sql, ['1']);
  await s.query('BEGIN');
  await s.query('ALTER TABLE t DROP COLUMN v');
  assert.deepEqual(await rows(s, sql, ['1']), [[1]]);
  await s.query('ROLLBACK');
  assert.deepEqual(await rows(s, sql, ['1']), [[1, 'one']]);
});

test('a dropped and recreated table is the new one', async () => {
  const s = await session();
  const sql = 'SELECT count(*) FROM t WHERE id > $1';
  assert.deepEqual(await rows(s, sql, ['0']), [[2n]]);
  await s.query('DROP TABLE t');
  await s.query('CREATE TABLE t (id int)');
  assert.deepEqual(await rows(s, sql, ['0']), [[0n]]);
});

test('search_path decides which table a cached statement reads', async () => {
  const s = await session();
  await s.query('CREATE SCHEMA other');
  await s.query('CREATE TABLE other.t (id int, v text)');
  await s.query("INSERT INTO other.t VALUES (1, 'other one')");
  const sql = 'SELECT v FROM t WHERE id = $1';
  assert.deepEqual(await rows(s, sql, ['1']), [['one']]);
  await s.query('SET search_path = other, public');
  assert.deepEqual(await rows(s, sql, ['1']), [['other one']]);
  await s.query('SET search_path = public');
  assert.deepEqual(await rows(s, sql, ['1']), [['one']]);
});

test("a literal that reads the clock ('now') is analyzed every time", async () => {
  const s = await session();
  const sql = "SELECT 'now'::timestamptz";
  const [[a]] = (await rows(s, sql))!;
  await new Promise(r => setTimeout(r, 5));
  const [[b]] = (await rows(s, sql))!;
  assert.notEqual(a, b);
});

test('planner settings give a new plan for the same statement', async () => {
  const s = await session();
  const sql = 'SELECT v FROM t WHERE id = 1';
  assert.match(await plan(s, sql), /Index Scan using t_pkey on t/);
  await s.query('SET enable_indexscan = off');
  await s.query('SET enable_bitmapscan = off');
  assert.match(await plan(s, sql), /^Seq Scan on t\n  Filter: \(id = 1\)$/);
  assert.deepEqual(await rows(s, 'SELECT v FROM t WHERE id = $1', ['2']), [['two']]);
});
