// A data directory across restarts: a clean close and reopen, a crash (the files as they are
// at some moment, opened again), checkpoints that rotate the log, CREATE/DROP DATABASE in the
// store, the embedded Database.open(dir), and the lock file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../src/api/index.js';
import { DataDirectory } from '../../src/session/data-directory.js';
import { Session } from '../../src/session/session.js';
import { SCHEMA, crashCopy, openDir, removeScratch, run, scratchDir, snapshot } from './durability-helpers.js';

after(removeScratch);

const MORE = `
INSERT INTO app.parent (code, qty) VALUES ('d', 4);
INSERT INTO app.child (parent_id, tag) VALUES (4, 'z');
BEGIN; INSERT INTO app.parent (code) VALUES ('rolled back'); ROLLBACK;
BEGIN; INSERT INTO app.parent (code) VALUES ('e'); SAVEPOINT s; INSERT INTO app.parent (code) VALUES ('undone');
  ROLLBACK TO s; UPDATE app.parent SET note = 'kept' WHERE code = 'e'; COMMIT;
DELETE FROM app.parent WHERE code = 'a';
TRUNCATE app.derived;
INSERT INTO app.derived VALUES (7, 'seven', 7);
ALTER TABLE app.child ADD COLUMN weight numeric DEFAULT 1.25;
CREATE TABLE app.later (id int PRIMARY KEY, t text);
INSERT INTO app.later SELECT g, 'row ' || g FROM generate_series(1, 50) g;
SELECT nextval('app.counter');
COMMENT ON TABLE app.later IS 'made later';
`;

test('a clean close and reopen keeps DDL, rows, sequences and comments', async () => {
  const dir = scratchDir();
  let { store, s } = await openDir(dir);
  await run(s, SCHEMA);
  await run(s, MORE);
  const before = await snapshot(s);
  await store.close();
  assert.deepEqual(readdirSync(join(dir, 'base', 'postgres')).sort(), ['checkpoint', 'wal-00000002']);
  ({ store, s } = await openDir(dir));
  assert.deepEqual(await snapshot(s), before);
  const [r] = await s.query("SELECT nextval('app.counter'), nextval('app.parent_id_seq'), obj_description('app.later'::regclass)");
  assert.deepEqual(r.rows, [[25n, 8n, 'made later']]);
  await store.close();
});

test('a crash at any moment recovers every commit from the checkpoint and the log', async () => {
  const dir = scratchDir();
  const { store, s } = await openDir(dir);
  await run(s, SCHEMA);
  const afterSchema = await snapshot(s);
  const copy1 = crashCopy(dir);
  await run(s, MORE);
  const afterMore = await snapshot(s);
  const copy2 = crashCopy(dir);
  // an open transaction's rows are not there after the crash
  await run(s, "BEGIN; INSERT INTO app.parent (code) VALUES ('uncommitted'); CREATE TABLE app.ghost (x int)");
  const copy3 = crashCopy(dir);
  for (const [copy, expected] of [[copy1, afterSchema], [copy2, afterMore], [copy3, afterMore]] as const) {
    const r = await openDir(copy);
    assert.deepEqual(await snapshot(r.s), expected);
    await r.store.close();
  }
  await run(s, 'ROLLBACK');
  await store.close();
});

test('a small checkpoint threshold rotates the log; what each crash leaves still recovers', async () => {
  const dir = scratchDir();
  const { store, s } = await openDir(dir, { checkpointBytes: 3000 });
  await run(s, 'CREATE TABLE t (id serial PRIMARY KEY, v text)');
  const copies: [string, number][] = [];
  for (let i = 1; i <= 60; i++) {
    await run(s, `INSERT INTO t (v) VALUES ('${'v'.repeat(i * 3)}')`);
    if (i % 7 === 0) copies.push([crashCopy(dir), i]);
  }
  const logs = readdirSync(join(dir, 'base', 'postgres')).filter(f => f.startsWith('wal-'));
  assert.equal(logs.length, 1);
  assert.ok(Number(logs[0].slice(4)) > 3, `log generation moved on: ${logs[0]}`);
  for (const [copy, n] of copies) {
    const r = await openDir(copy);
    const [c] = await r.s.query('SELECT count(*), max(id), sum(length(v)) FROM t');
    assert.deepEqual(c.rows, [[BigInt(n), n, BigInt(3 * n * (n + 1) / 2)]], `copy after ${n} inserts`);
    await r.store.close();
  }
  await store.close();
});

test('the store creates a database from a template with its objects, renames and drops databases', async () => {
  const dir = scratchDir();
  let { store, s } = await openDir(dir);
  assert.deepEqual(store.names().sort(), ['postgres', 'template1']);
  await run(s, SCHEMA);
  const before = await snapshot(s);
  const copy = store.create('copy of postgres', store.open('postgres'));
  // the same objects and rows (information_schema names the database, which differs)
  const same = (snap: Record<string, string[]>) => Object.fromEntries(Object.entries(snap).filter(([k]) => !k.startsWith('information_schema')));
  assert.deepEqual(same(await snapshot(await Session.create(copy))), same(before));
  await run(await Session.create(copy), "INSERT INTO app.parent (code) VALUES ('in the copy')");
  assert.throws(() => store.create('copy of postgres', store.open('postgres')), { code: '42P04', message: 'database "copy of postgres" already exists' });
  store.create('doomed', store.open('template1'));
  store.drop('doomed');
  assert.throws(() => store.open('doomed'), { code: '3D000' });
  store.rename('copy of postgres', 'copy');
  assert.deepEqual(store.names().sort(), ['copy', 'postgres', 'template1']);
  await store.close();
  ({ store, s } = await openDir(dir));
  assert.deepEqual(store.names().sort(), ['copy', 'postgres', 'template1']);
  const c = await Session.create(store.open('copy'));
  const [r] = await c.query("SELECT code FROM app.parent ORDER BY code");
  assert.deepEqual(r.rows, [['a'], ['b'], ['in the copy']]);
  assert.deepEqual(await snapshot(s), before);
  await store.close();
});

test('Database.open(dir) persists across close and reopen; a second open of the directory is refused', async () => {
  const dir = scratchDir();
  let db = await Database.open(dir);
  await db.exec('CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) VALUES (\'one\'), (\'two\')');
  await db.query('BEGIN');
  await db.query("INSERT INTO notes (body) VALUES ('three')");
  await db.query('COMMIT');
  await assert.rejects(Database.open(dir), (e: any) => e.code === 'F0001' && /already open in this process/.test(e.message));
  await db.close();
  db = await Database.open(dir);
  const r = await db.query('SELECT id, body FROM notes ORDER BY id');
  assert.deepEqual(r.rows, [{ id: 1, body: 'one' }, { id: 2, body: 'two' }, { id: 3, body: 'three' }]);
  await db.close();
});

test('the lock file: a live process holding it is named; a dead one\'s lock is taken over', async () => {
  const dir = scratchDir();
  await DataDirectory.open(dir).close();
  // a process that has exited: its lock is stale
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeFileSync(join(dir, 'relata.lock'), `${dead}\n`);
  const store = DataDirectory.open(dir);
  await store.close();
  assert.equal(existsSync(join(dir, 'relata.lock')), false);
  // a live one (the test runner that started us)
  writeFileSync(join(dir, 'relata.lock'), `${process.ppid}\n`);
  assert.throws(() => DataDirectory.open(dir), {
    code: 'F0001', message: 'lock file "relata.lock" already exists',
    hint: `Is another Relata process (PID ${process.ppid}) running in data directory "${dir}"?`,
  });
});

test('a directory that is not a data directory is refused', () => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'something'), 'else');
  assert.throws(() => DataDirectory.open(dir), { code: '58P02', message: `directory "${dir}" exists but is not empty` });
  assert.equal(existsSync(join(dir, 'relata.lock')), false);
});
