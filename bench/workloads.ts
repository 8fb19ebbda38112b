// Workloads W1–W6 of issue 6. Each one times its statements, then checks the answer: a
// result that is wrong is reported as such (and never ranked), however fast it came.
import type { Conn } from './systems.js';

export interface Measure {
  /** The figure: rows/s, queries/s, deletes/s (higher is better), or ms/query, µs/attempt (lower). */
  value: number;
  /** Why the result is wrong; absent when every check passed. */
  wrong?: string;
}

export interface Sizes { n: number; k: number }

export const SCHEMA_PG = `
CREATE TABLE users (user_id serial PRIMARY KEY, username varchar(50) UNIQUE NOT NULL,
  email varchar(100) UNIQUE NOT NULL, created_at timestamp DEFAULT now());
CREATE TABLE user_profiles (user_id int PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  bio text, avatar_url varchar(255));
CREATE TABLE orders (order_id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  product varchar(100), amount numeric(10,2) CHECK (amount > 0));
CREATE INDEX orders_user_id_idx ON orders (user_id);`;

// SQLite's equivalent: INTEGER PRIMARY KEY is its auto-assigned key (serial's counterpart)
const SCHEMA_SQLITE = `
CREATE TABLE users (user_id INTEGER PRIMARY KEY, username varchar(50) UNIQUE NOT NULL,
  email varchar(100) UNIQUE NOT NULL, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE user_profiles (user_id INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  bio TEXT, avatar_url varchar(255));
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  product varchar(100), amount NUMERIC(10,2) CHECK (amount > 0));
CREATE INDEX orders_user_id_idx ON orders (user_id);`;

/** The queries of W2, W3 and W4 (tests check their plans use the indexes: test/unit/planner-bench-plans.test.ts). */
export const W2_SQL = 'SELECT u.username, p.bio FROM users u JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = $1';
export const W3_SQL = 'SELECT count(*) AS n, sum(amount) AS total FROM orders WHERE user_id = $1';
export const W4_ANTI_SQL = 'SELECT count(*) AS n FROM users u WHERE NOT EXISTS (SELECT 1 FROM user_profiles p WHERE p.user_id = u.user_id)';
export const W4_LEFT_SQL = 'SELECT count(*) AS n, count(p.user_id) AS m FROM users u LEFT JOIN user_profiles p ON p.user_id = u.user_id';

export const ORDERS_PER_USER = 5;
/** Order j (0-based) of user u costs this many cents: deterministic, always > 0. */
const cents = (u: number, j: number) => ((u * 7919 + j * 104729) % 99_999) + 1;
const money = (c: number) => (c / 100).toFixed(2);

const now = () => performance.now();
const num = (v: unknown) => Number(v);
/** Sums come back as text (numeric), float (SQLite) or number: compare in cents. */
const inCents = (v: unknown) => Math.round(Number(v) * 100);

async function counts(c: Conn): Promise<[number, number, number]> {
  const [[u]] = await c.query('SELECT count(*) AS n FROM users');
  const [[p]] = await c.query('SELECT count(*) AS n FROM user_profiles');
  const [[o]] = await c.query('SELECT count(*) AS n FROM orders');
  return [num(u), num(p), num(o)];
}

function expectCounts(got: number[], want: number[]): string | undefined {
  return got.every((g, i) => g === want[i]) ? undefined
    : `counts (users, profiles, orders) ${got.join('/')}, expected ${want.join('/')}`;
}

export async function createSchema(c: Conn): Promise<void> {
  await c.exec(c.dialect === 'sqlite' ? SCHEMA_SQLITE : SCHEMA_PG);
}

/** W1: N users, N profiles, 5N orders, one parameterized INSERT per row, in one transaction. */
export async function w1Load(c: Conn, { n }: Sizes): Promise<Measure> {
  const t = now();
  await c.query('BEGIN');
  for (let u = 1; u <= n; u++) {
    await c.query('INSERT INTO users (username, email) VALUES ($1, $2)', [`user${u}`, `user${u}@example.com`]);
    await c.query('INSERT INTO user_profiles (user_id, bio, avatar_url) VALUES ($1, $2, $3)',
      [u, `bio of user ${u}`, `https://example.com/avatars/${u}.png`]);
    for (let j = 0; j < ORDERS_PER_USER; j++) {
      await c.query('INSERT INTO orders (user_id, product, amount) VALUES ($1, $2, $3)', [u, `product ${j}`, money(cents(u, j))]);
    }
  }
  await c.query('COMMIT');
  const secs = (now() - t) / 1000;
  const rows = n * (2 + ORDERS_PER_USER);
  let wrong = expectCounts(await counts(c), [n, n, n * ORDERS_PER_USER]);
  const [[last]] = await c.query('SELECT max(user_id) AS m FROM users');
  if (!wrong && num(last) !== n) wrong = `serial user_id reached ${String(last)}, expected ${n}`;
  return { value: rows / secs, wrong };
}

/** Picks q user ids spread over 1..n. */
const spread = (n: number, q: number) => Array.from({ length: q }, (_, i) => 1 + ((i * 7919) % n));

/**
 * W2: point join users × user_profiles by user_id. q queries, or as many as run in budgetMs
 * (the bench: every user once, at most 2 s — a short sample measured JIT warm-up and whichever
 * garbage collection of W1's heap fell into it more than the rate).
 */
export async function w2PointJoin(c: Conn, { n }: Sizes, q: number, budgetMs = Infinity): Promise<Measure> {
  const ids = spread(n, q);
  const got: unknown[][][] = [];
  const t = now();
  for (const id of ids) {
    got.push(await c.query(W2_SQL, [id]));
    if (got.length % 100 === 0 && now() - t > budgetMs) break;
  }
  const secs = (now() - t) / 1000;
  const done = got.length;
  const bad = ids.slice(0, done).findIndex((id, i) => got[i].length !== 1 || got[i][0][0] !== `user${id}` || got[i][0][1] !== `bio of user ${id}`);
  return { value: done / secs, wrong: bad < 0 ? undefined : `user ${ids[bad]}: ${JSON.stringify(got[bad])}` };
}

/** W3: count(*) and sum(amount) of one user's orders (q queries or budgetMs, as W2). */
export async function w3Aggregate(c: Conn, { n }: Sizes, q: number, budgetMs = Infinity): Promise<Measure> {
  const ids = spread(n, q);
  const got: unknown[][][] = [];
  const t = now();
  for (const id of ids) {
    got.push(await c.query(W3_SQL, [id]));
    if (got.length % 100 === 0 && now() - t > budgetMs) break;
  }
  const secs = (now() - t) / 1000;
  const done = got.length;
  const expected = (id: number) => Array.from({ length: ORDERS_PER_USER }, (_, j) => cents(id, j)).reduce((a, b) => a + b);
  const bad = ids.slice(0, done).findIndex((id, i) => got[i].length !== 1 || num(got[i][0][0]) !== ORDERS_PER_USER || inCents(got[i][0][1]) !== expected(id));
  return { value: done / secs, wrong: bad < 0 ? undefined : `user ${ids[bad]}: ${JSON.stringify(got[bad])}, expected sum ${money(expected(ids[bad]))}` };
}

/**
 * W4: after deleting every 10th profile, a NOT EXISTS anti-join and a LEFT JOIN count over all
 * users: `rounds` pairs, or as many as run in budgetMs once three have (the bench: 20 pairs or
 * 2 s — three pairs measured the first run's JIT warm-up and garbage collection, as W2's short
 * sample did).
 */
export async function w4AntiJoin(c: Conn, { n }: Sizes, rounds: number, budgetMs = Infinity): Promise<Measure> {
  // one id at a time (untimed): pg-mem has no % operator
  for (let u = 10; u <= n; u += 10) await c.query('DELETE FROM user_profiles WHERE user_id = $1', [u]);
  const missing = Math.floor(n / 10);
  let wrong = expectCounts(await counts(c), [n, n - missing, n * ORDERS_PER_USER]);
  let queries = 0;
  const t = now();
  for (let r = 0; r < rounds && (r < 3 || now() - t <= budgetMs); r++) {
    const [[anti]] = await c.query(W4_ANTI_SQL);
    const [[all, matched]] = await c.query(W4_LEFT_SQL);
    queries += 2;
    if (!wrong && num(anti) !== missing) wrong = `NOT EXISTS count ${String(anti)}, expected ${missing}`;
    if (!wrong && (num(all) !== n || num(matched) !== n - missing)) wrong = `LEFT JOIN counts ${String(all)}/${String(matched)}, expected ${n}/${n - missing}`;
  }
  return { value: (now() - t) / queries, wrong };
}

/** W5: delete K users (that still have a profile) by primary key, each cascading to one profile and five orders. */
export async function w5CascadeDelete(c: Conn, { n, k }: Sizes): Promise<Measure> {
  const ids: number[] = [];
  for (let u = 1; ids.length < k; u++) if (u % 10 !== 0) ids.push(u);
  let deleted = 0;
  const t = now();
  for (const id of ids) {
    await c.query('DELETE FROM users WHERE user_id = $1', [id]);
    deleted++;
  }
  const secs = (now() - t) / 1000;
  const missing = Math.floor(n / 10);
  const wrong = expectCounts(await counts(c), [n - k, n - missing - k, (n - k) * ORDERS_PER_USER]);
  return { value: deleted / secs, wrong };
}

/** W6: K inserts of orders for users that do not exist, each failing with SQLSTATE 23503. */
export async function w6FkViolation(c: Conn, { n, k }: Sizes): Promise<Measure> {
  const codes: (string | undefined)[] = [];
  const t = now();
  for (let i = 1; i <= k; i++) {
    try {
      await c.query('INSERT INTO orders (user_id, product, amount) VALUES ($1, $2, $3)', [n + i, 'ghost', '1.00']);
      codes.push('no error');
    } catch (e) {
      codes.push(c.errorCode(e) ?? `no SQLSTATE (${String((e as Error).message).split('\n')[0]})`);
    }
  }
  const micros = ((now() - t) * 1000) / k;
  const bad = codes.find(code => code !== '23503');
  let wrong = bad === undefined ? undefined : `an attempt gave ${bad}, expected 23503`;
  const [[o]] = await c.query('SELECT count(*) AS n FROM orders');
  const kept = (n - k) * ORDERS_PER_USER;
  if (!wrong && num(o) !== kept) wrong = `${String(o)} orders after the failed inserts, expected ${kept}`;
  return { value: micros, wrong };
}
