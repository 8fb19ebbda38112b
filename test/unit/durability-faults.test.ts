// Disk errors (through an injected file layer) fail the transaction with PostgreSQL's error
// and leave the data directory recoverable; torn and damaged log tails are cut off on open;
// COMMIT waits for fdatasync (group commit shares one), unless synchronous_commit is off.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../src/session/session.js';
import { durable } from '../../src/session/durable-engine.js';
import pg from 'pg';
import { Cluster } from '../../src/session/cluster.js';
import { DataDirectory } from '../../src/session/data-directory.js';
import { RelataServer } from '../../src/server/server.js';
import { FaultyFs, crashCopy, openDir, removeScratch, run, scratchDir } from './durability-helpers.js';

after(removeScratch);

const count = async (s: Session, sql = 'SELECT count(*) FROM t') => (await s.query(sql))[0].rows![0][0];
const walOf = (dir: string) => {
  const db = join(dir, 'base', 'postgres');
  return join(db, readdirSync(db).find(f => f.startsWith('wal-'))!);
};

test('no space for the log: the commit fails with disk_full, its rows are gone, and writing resumes once there is space', async () => {
  const fs = new FaultyFs();
  const dir = scratchDir();
  const { store, s } = await openDir(dir, { fs });
  await run(s, 'CREATE TABLE t (id int PRIMARY KEY, v text)');
  await run(s, "INSERT INTO t VALUES (1, 'kept')");
  fs.fail('write', 'ENOSPC', /wal-/);
  await assert.rejects(run(s, "INSERT INTO t VALUES (2, 'lost')"), (e: any) => {
    assert.equal(e.code, '53100');
    assert.match(e.message, /^could not write to log file "wal-00000001" at offset \d+, length \d+: No space left on device$/);
    return true;
  });
  await assert.rejects(run(s, "BEGIN; INSERT INTO t VALUES (3, 'lost'); COMMIT"), { code: '53100' });
  assert.equal(s.transactionStatus, 'I');
  assert.equal(await count(s), 1n);
  // the key is free again: nothing of the failed commits remains in memory
  fs.heal();
  await run(s, "INSERT INTO t VALUES (2, 'after')");
  const copy = crashCopy(dir);
  const r = await openDir(copy);
  assert.deepEqual((await r.s.query('SELECT id, v FROM t ORDER BY id'))[0].rows, [[1, 'kept'], [2, 'after']]);
  await r.store.close();
  await store.close();
});

test('a read-only file system during DDL: the statement fails with PostgreSQL\'s error and the catalog change is undone', async () => {
  const fs = new FaultyFs();
  const dir = scratchDir();
  const { store, s } = await openDir(dir, { fs });
  fs.fail('write', 'EROFS', /wal-/);
  await assert.rejects(run(s, 'CREATE TABLE t (id int)'), { code: '42501', message: /Read-only file system$/ });
  await assert.rejects(s.query('SELECT * FROM t'), { code: '42P01' });
  fs.heal();
  await run(s, 'CREATE TABLE t (id int)');
  await store.close();
});

test('an I/O error on fdatasync fails the waiting commit and refuses later ones until the directory is reopened', async () => {
  const fs = new FaultyFs();
  const dir = scratchDir();
  let { store, s } = await openDir(dir, { fs });
  await run(s, 'CREATE TABLE t (id int PRIMARY KEY)');
  fs.fail('fdatasync', 'EIO', null, 1);
  await assert.rejects(run(s, 'INSERT INTO t VALUES (1)'), { code: '58030', message: 'could not fdatasync file "wal-00000001": Input/output error' });
  await assert.rejects(run(s, 'INSERT INTO t VALUES (2)'), (e: any) => e.code === '58030' && /refuses further writes/.test(e.hint));
  // reads go on; the commit whose flush failed never became visible (durability-visibility)
  assert.equal(await count(s), 0n);
  await store.close().catch(() => undefined);
  ({ store, s } = await openDir(dir, { fs }));
  // the close's checkpoint holds what was visible: the failed commit stays absent
  assert.equal(await count(s), 0n);
  await run(s, 'INSERT INTO t VALUES (2)');
  assert.equal(await count(s), 1n);
  await store.close();
});

test('a checkpoint that cannot be written leaves the log to recover from', async () => {
  const fs = new FaultyFs();
  const dir = scratchDir();
  let { store, s } = await openDir(dir, { fs });
  await run(s, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 10)");
  fs.fail('open', 'ENOSPC', /checkpoint\.tmp$/);
  await assert.rejects(store.close(), { code: '53100', message: 'could not create file "checkpoint.tmp": No space left on device' });
  fs.heal();
  ({ store, s } = await openDir(dir, { fs }));
  assert.equal(await count(s), 10n);
  // a failed rename after the temporary file was written: the old checkpoint stays in force
  fs.fail('rename', 'EIO', /checkpoint\.tmp$/);
  await run(s, 'INSERT INTO t VALUES (11)');
  await assert.rejects(store.close(), { code: '58030', message: 'could not rename file "checkpoint.tmp" to "checkpoint": Input/output error' });
  fs.heal();
  ({ store, s } = await openDir(dir, { fs }));
  assert.equal(await count(s), 11n);
  await store.close();
});

test('a log cut or damaged at random offsets recovers a prefix of the commits, and later commits follow it', async () => {
  const dir = scratchDir();
  const first = await openDir(dir);
  await run(first.s, 'CREATE TABLE t (id serial PRIMARY KEY, v text)');
  await first.store.close(); // the table is in the checkpoint, the log holds only the inserts
  const { store, s } = await openDir(dir);
  for (let i = 1; i <= 25; i++) await run(s, `INSERT INTO t (v) VALUES ('${'x'.repeat(i)}')`);
  const base = crashCopy(dir);
  await store.close();
  const size = readFileSync(walOf(base)).length;
  let seed = 12345;
  const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 12; round++) {
    const copy = crashCopy(base);
    const at = random(size);
    if (round % 2) truncateSync(walOf(copy), at);
    else { const b = readFileSync(walOf(copy)); b[at] ^= 0x5a; writeFileSync(walOf(copy), b); }
    let r = await openDir(copy);
    const [c] = await r.s.query('SELECT count(*), coalesce(max(id), 0), coalesce(sum(length(v)), 0) FROM t');
    const [n, max, sum] = c.rows![0] as [bigint, number, bigint];
    assert.equal(Number(n), max, `round ${round}: ids 1..n`);
    assert.equal(Number(sum), max * (max + 1) / 2, `round ${round}: each row whole`);
    // the damaged tail is gone for good: a new commit is found after it
    await run(r.s, "INSERT INTO t (v) VALUES ('new')");
    const [seq] = await r.s.query("SELECT max(id) FROM t WHERE v = 'new'");
    assert.ok((seq.rows![0][0] as number) > max, 'the sequence never hands out a committed id again');
    const again = crashCopy(copy);
    await r.store.close();
    r = await openDir(again);
    assert.equal(await count(r.s, "SELECT count(*) FROM t WHERE v = 'new'"), 1n);
    await r.store.close();
  }
});

test('COMMIT waits for fdatasync; concurrent commits share one; synchronous_commit = off does not wait', async () => {
  const fs = new FaultyFs();
  const dir = scratchDir();
  const { store, s } = await openDir(dir, { fs });
  await run(s, 'CREATE TABLE t (id int PRIMARY KEY)');
  const others = await Promise.all([1, 2, 3].map(() => Session.create(s.engine)));
  fs.hold();
  const syncsBefore = fs.syncs;
  let done = 0;
  const commits = [s, ...others].map((x, i) => run(x, `INSERT INTO t VALUES (${i + 1})`).then(() => { done++; }));
  await new Promise(r => setTimeout(r, 30));
  assert.equal(done, 0, 'no commit is acknowledged before its flush');
  fs.release();
  await Promise.all(commits);
  assert.equal(done, 4);
  assert.ok(fs.syncs - syncsBefore <= 2, `4 commits shared ${fs.syncs - syncsBefore} flushes`);
  // synchronous_commit = off: acknowledged at once
  await run(s, 'SET synchronous_commit = off');
  fs.hold();
  let quick = false;
  await s.simpleQuery('INSERT INTO t VALUES (10)', { result: () => undefined });
  await durable(s).then(() => { quick = true; });
  assert.ok(quick);
  fs.release();
  await store.close();
});

test('the server holds back ReadyForQuery until the commit is on disk; a failed flush ends the connection with FATAL', async () => {
  const fs = new FaultyFs();
  const dir = scratchDir();
  const cluster = new Cluster(DataDirectory.open(dir, { fs }));
  const server = await RelataServer.start({ port: 0, cluster });
  const connect = async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  try {
    const c = await connect();
    await c.query('CREATE TABLE t (id int PRIMARY KEY)');
    fs.hold();
    let acknowledged = false;
    const insert = c.query('INSERT INTO t VALUES (1)').then(() => { acknowledged = true; });
    await new Promise(r => setTimeout(r, 50));
    assert.equal(acknowledged, false, 'not acknowledged before fdatasync');
    fs.release();
    await insert;
    fs.fail('fdatasync', 'EIO', null, 1);
    await assert.rejects(c.query('INSERT INTO t VALUES (2)'), (e: any) => {
      assert.equal(e.code, '58030');
      assert.equal(e.severity, 'FATAL');
      assert.equal(e.message, 'could not fdatasync file "wal-00000001": Input/output error');
      return true;
    });
    const d = await connect();
    await assert.rejects(d.query('INSERT INTO t VALUES (3)'), { code: '58030' });
    // the commit whose flush failed was never visible
    assert.deepEqual((await d.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 1 }]);
    await d.end();
  } finally {
    await server.close().catch(() => undefined);
  }
});
