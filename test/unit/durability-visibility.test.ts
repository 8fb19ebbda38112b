// A commit becomes visible to other sessions only once its log record is flushed (with a data
// directory and synchronous_commit on), as in PostgreSQL: until then its rows are invisible,
// its row locks and waits hold, and a crash during the flush loses a commit no one has seen.
// Group commit still shares one flush; synchronous_commit = off is visible at once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { durable } from '../../src/session/durable-engine.js';
import { Session } from '../../src/session/session.js';
import { FaultyFs, openDir, removeScratch, run, scratchDir } from './durability-helpers.js';

after(removeScratch);

const CHILD = fileURLToPath(new URL('./durability-visibility-child.js', import.meta.url));
const sink = { result: () => undefined };
const tick = (ms = 30) => new Promise(r => setTimeout(r, ms));

async function count(s: Session, where = 'true'): Promise<number> {
  const [r] = await s.query(`SELECT count(*)::int FROM t WHERE ${where}`);
  return r.rows![0][0] as number;
}

test('a commit is invisible to other sessions and keeps its row locks until its flush completes', async () => {
  const fs = new FaultyFs();
  const { store, s } = await openDir(scratchDir(), { fs });
  const other = await Session.create(s.engine);
  await run(s, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a')");
  fs.hold();
  await s.simpleQuery("INSERT INTO t VALUES (2, 'b'); UPDATE t SET v = 'c' WHERE id = 1", sink);
  let acknowledged = false;
  const ack = durable(s).then(() => { acknowledged = true; });
  assert.equal(await count(other), 1, 'the inserted row is not visible before the flush');
  assert.equal(await count(other, "v = 'a'"), 1, 'the old version is still the visible one');
  // a writer of the same row waits for the committing transaction, as for a running one
  let updated = false;
  const update = other.query("UPDATE t SET v = v || 'd' WHERE id = 1").then(() => { updated = true; });
  await tick();
  assert.equal(updated, false, 'the row lock is held until the commit is visible');
  assert.equal(acknowledged, false);
  fs.release();
  await Promise.all([ack, update]);
  // READ COMMITTED: the waiting UPDATE worked on the committed version
  assert.deepEqual((await other.query('SELECT v FROM t ORDER BY id'))[0].rows, [['cd'], ['b']]);
  await store.close();
});

test('group commit: sessions committing during one flush share the next and all become visible together', async () => {
  const fs = new FaultyFs();
  const { store, s } = await openDir(scratchDir(), { fs });
  await run(s, 'CREATE TABLE t (id int PRIMARY KEY)');
  const writers = await Promise.all([1, 2, 3, 4].map(() => Session.create(s.engine)));
  const reader = await Session.create(s.engine);
  fs.hold();
  const before = fs.syncs;
  for (const [i, w] of writers.entries()) await w.simpleQuery(`INSERT INTO t VALUES (${i + 1})`, sink);
  assert.equal(await count(reader), 0);
  fs.release();
  await Promise.all(writers.map(w => durable(w)));
  assert.equal(await count(reader), 4);
  assert.ok(fs.syncs - before <= 2, `4 commits used ${fs.syncs - before} flushes`);
  await store.close();
});

test('a COMMIT among the statements of one query: the next statement runs once the commit is visible', async () => {
  const fs = new FaultyFs();
  const { store, s } = await openDir(scratchDir(), { fs });
  await run(s, 'CREATE TABLE t (id int PRIMARY KEY)');
  fs.hold();
  let seen = -1;
  const q = s.simpleQuery('BEGIN; INSERT INTO t VALUES (1); COMMIT; SELECT count(*)::int FROM t',
    { result: r => { if (r.rows) seen = r.rows[0][0] as number; } });
  await tick();
  assert.equal(seen, -1, 'the SELECT waits for the flush of the COMMIT before it');
  fs.release();
  await q;
  await durable(s);
  assert.equal(seen, 1, 'and then sees its own commit');
  await store.close();
});

test('synchronous_commit = off: visible to others at once, before the flush', async () => {
  const fs = new FaultyFs();
  const { store, s } = await openDir(scratchDir(), { fs });
  const other = await Session.create(s.engine);
  await run(s, 'CREATE TABLE t (id int PRIMARY KEY)');
  await run(s, 'SET synchronous_commit = off');
  fs.hold();
  await run(s, 'INSERT INTO t VALUES (1)');
  assert.equal(await count(other), 1);
  fs.release();
  await store.close();
});

test('a failed flush: the commit was never visible, and is not after it failed', async () => {
  const fs = new FaultyFs();
  const { store, s } = await openDir(scratchDir(), { fs });
  const other = await Session.create(s.engine);
  await run(s, 'CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)');
  fs.fail('fdatasync', 'EIO', null, 1);
  await s.simpleQuery('INSERT INTO t VALUES (2)', sink);
  await assert.rejects(durable(s), { code: '58030' });
  assert.equal(await count(other), 1);
  await store.close().catch(() => undefined);
});

test('SIGKILL while a commit waits for its flush: no one saw the row, and it is absent after restart', async () => {
  const dir = scratchDir();
  const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stderr!.on('data', d => { err += d; });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', d => { out += d; if (out.includes('\n')) resolve(out); });
    child.on('exit', code => reject(new Error(`child exited (${code}): ${out}${err}`)));
  });
  assert.deepEqual(JSON.parse(line), { seen: 1 }, 'the other session did not see the unflushed commit');
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  const { store, s } = await openDir(dir);
  assert.deepEqual((await s.query('SELECT id FROM t ORDER BY id'))[0].rows, [[1]]);
  await store.close();
});
