// The bench's queries (bench/workloads.ts) are planned with the indexes: W2's point join and
// W3's per-user aggregate read index scans (also with their parameter bound, as the bench runs
// them), W4's NOT EXISTS is a hash anti join, and the answers stay right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { SCHEMA_PG, W2_SQL, W3_SQL, W4_ANTI_SQL, W4_LEFT_SQL } from '../../bench/workloads.js';

const N = 300;

async function loaded(): Promise<Session> {
  const s = await Session.create();
  for (const stmt of SCHEMA_PG.split(';').map(x => x.trim()).filter(Boolean)) await s.query(stmt);
  await s.query('BEGIN');
  for (let u = 1; u <= N; u++) {
    await s.query('INSERT INTO users (username, email) VALUES ($1, $2)', [`user${u}`, `user${u}@example.com`]);
    if (u % 10) await s.query('INSERT INTO user_profiles (user_id, bio) VALUES ($1, $2)', [u, `bio ${u}`]);
    for (let j = 0; j < 5; j++) await s.query('INSERT INTO orders (user_id, product, amount) VALUES ($1, $2, $3)', [u, `p${j}`, '1.50']);
  }
  await s.query('COMMIT');
  return s;
}

async function plan(s: Session, sql: string, params: unknown[] = []): Promise<string> {
  const [r] = await s.query(`EXPLAIN (COSTS OFF) ${sql}`, params);
  return r.rows!.map(x => x[0]).join('\n');
}

test('W2 (point join) uses the primary keys of both tables', async () => {
  const s = await loaded();
  const p = await plan(s, W2_SQL, ['7']);
  assert.match(p, /^Nested Loop\n/);
  assert.match(p, /Index Scan using users_pkey on users u\n\s+Index Cond: \(user_id = \$1\)/);
  assert.match(p, /Index Scan using user_profiles_pkey on user_profiles p\n\s+Index Cond: \(user_id = \$1\)/);
  assert.doesNotMatch(p, /Seq Scan/);
  const [r] = await s.query(W2_SQL, ['7']);
  assert.deepEqual(r.rows, [['user7', 'bio 7']]);
});

test('W3 (count and sum of one user) reads the orders index', async () => {
  const s = await loaded();
  const p = await plan(s, W3_SQL, ['12']);
  assert.match(p, /^Aggregate\n/);
  assert.match(p, /orders_user_id_idx/);
  assert.match(p, /Index Cond: \(user_id = \$1\)/);
  assert.doesNotMatch(p, /Seq Scan/);
  const [r] = await s.query(W3_SQL, ['12']);
  assert.equal(String(r.rows![0][0]), '5');
  assert.equal(String(r.rows![0][1]), '7.50');
});

test('W4: NOT EXISTS is a hash anti join, the LEFT JOIN a hash join', async () => {
  const s = await loaded();
  assert.match(await plan(s, W4_ANTI_SQL), /Hash Anti Join\n\s+Hash Cond: \(u\.user_id = p\.user_id\)/);
  assert.match(await plan(s, W4_LEFT_SQL), /Hash (Left|Right) Join/);
  const [anti] = await s.query(W4_ANTI_SQL);
  assert.equal(String(anti.rows![0][0]), String(N / 10));
  const [left] = await s.query(W4_LEFT_SQL);
  assert.deepEqual(left.rows![0].map(String), [String(N), String(N - N / 10)]);
});
