// The catalog image: a schema with every kind of object, written and loaded into a new
// engine (copyEngine, which CREATE DATABASE … TEMPLATE and checkpoints use), shows the same
// catalog rows, data, sequence states and dependencies (DROP … CASCADE) as the original.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { Engine } from '../../src/session/engine.js';
import { copyEngine } from '../../src/session/engine-image.js';
import { encodeCatalog } from '../../src/catalog/serialize.js';
import { storedTables } from '../../src/session/engine-image.js';
import { parse } from '../../src/parser/index.js';
import { quoteIdent } from '../../src/types/string-functions.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA, rowsOf, snapshot } from './durability-helpers.js';
import type { Notice } from '../../src/errors/index.js';

async function built(): Promise<Session> {
  const s = await Session.create(new Engine('relata'));
  await s.simpleQuery(SCHEMA, { result: () => undefined });
  return s;
}

test('a copy through the catalog image shows the same catalog, rows and sequence states', async () => {
  const a = await built();
  const b = await Session.create(copyEngine(a.engine, 'relata'));
  assert.deepEqual(await snapshot(b), await snapshot(a));
  for (const s of [a, b]) {
    const [r] = await s.query("SELECT nextval('app.counter'), nextval('app.parent_id_seq'), nextval('app.child_id_seq')");
    assert.deepEqual(r.rows, [[20n, 4n, 4n]]);
  }
});

test('the copy keeps constraints working: unique, check, not null, foreign keys and their actions', async () => {
  const a = await built();
  const b = await Session.create(copyEngine(a.engine, 'relata'));
  for (const s of [a, b]) {
    await assert.rejects(s.query("INSERT INTO app.parent (code) VALUES ('a')"), { code: '23505', message: 'duplicate key value violates unique constraint "parent_code_key"' });
    await assert.rejects(s.query("INSERT INTO app.parent (code, qty) VALUES ('z', -1)"), { code: '23514' });
    await assert.rejects(s.query("INSERT INTO app.base VALUES (3, '')"), { code: '23514', constraint: 'b_nonempty' });
    await assert.rejects(s.query('INSERT INTO app.child (parent_id) VALUES (99)'), { code: '23503' });
    await assert.rejects(s.query("UPDATE app.parent SET id = 50 WHERE code = 'a'"), { code: '23503' });
    const [del] = await s.query("DELETE FROM app.parent WHERE code = 'a'");
    assert.equal(del.command, 'DELETE 1');
    const [left] = await s.query('SELECT parent_id, tag FROM app.child ORDER BY id');
    assert.deepEqual(left.rows, [[2, 'x']]);
    const [pair] = await s.query('SELECT a, b, note FROM app.pair ORDER BY note');
    assert.deepEqual(pair.rows, [[null, null, 'p'], [null, null, 'q']]);
  }
});

test('dependencies survive: DROP refuses with the same dependents, CASCADE drops the same objects', async () => {
  const a = await built();
  const b = await Session.create(copyEngine(a.engine, 'relata'));
  const outcomes: unknown[] = [];
  for (const s of [a, b]) {
    const notices: string[] = [];
    s.onNotice = (n: Notice) => notices.push(`${n.message}\n${n.detail ?? ''}`);
    const refused = await s.query('DROP TABLE app.parent').then(() => null, e => [e.code, e.message, e.detail]);
    await s.query('DROP TABLE app.parent CASCADE');
    await s.query('DROP TABLE app.base CASCADE');
    const left = await s.query("SELECT relname FROM pg_class WHERE relnamespace = 'app'::regnamespace ORDER BY 1");
    const cons = await s.query("SELECT conname FROM pg_constraint WHERE connamespace = 'app'::regnamespace ORDER BY 1");
    outcomes.push({ refused, notices, left: left[0].rows, cons: cons[0].rows });
  }
  assert.deepEqual(outcomes[1], outcomes[0]);
  assert.ok((outcomes[0] as any).refused[0] === '2BP01');
});

test('the image of an engine is the same bytes when written twice, and a copy of a copy is the same', async () => {
  const a = await built();
  assert.deepEqual(encodeCatalog(a.engine.catalog), encodeCatalog(a.engine.catalog));
  const b = copyEngine(a.engine, 'relata');
  const c = copyEngine(b, 'relata');
  assert.deepEqual(await snapshot(await Session.create(c)), await snapshot(a));
});

test('the copy is independent of the original', async () => {
  const a = await built();
  const b = await Session.create(copyEngine(a.engine, 'relata'));
  await b.query("INSERT INTO app.parent (code) VALUES ('only-in-copy')");
  await b.query('CREATE TABLE app.extra (x int)');
  const [r] = await a.query("SELECT count(*) FROM app.parent WHERE code = 'only-in-copy'");
  assert.deepEqual(r.rows, [[0n]]);
  await assert.rejects(a.query('SELECT * FROM app.extra'), { code: '42P01' });
});

test('the objects and rows every golden file leaves behind survive the image', async () => {
  const dir = join(process.cwd(), 'test', 'sql');
  const views = ['pg_class', 'pg_attribute', 'pg_constraint', 'pg_index', 'pg_depend', 'pg_description', 'pg_sequences', 'pg_attrdef', 'pg_inherits'];
  for (const f of readdirSync(dir).filter(n => n.endsWith('.sql'))) {
    const a = await Session.create(new Engine('relata'));
    let stmts: { stmt: Record<string, any> }[];
    // psql's backslash commands are the shell's, not SQL
    try { stmts = parse(readFileSync(join(dir, f), 'utf8').split('\n').filter(l => !l.startsWith('\\')).join('\n')); } catch { continue; }
    for (const s of stmts) await a.runStatementWaiting(s.stmt, []).catch(() => undefined);
    await a.query('ROLLBACK').catch(() => undefined);
    await a.close();
    const b = await Session.create(copyEngine(a.engine, 'relata'));
    for (const v of views) assert.deepEqual(await rowsOf(b, `SELECT * FROM pg_catalog.${v}`), await rowsOf(a, `SELECT * FROM pg_catalog.${v}`), `${f}: ${v}`);
    for (const t of storedTables(a.engine.catalog)) {
      const name = `${quoteIdent(t.schema.name)}.${quoteIdent(t.name)}`;
      assert.deepEqual(await rowsOf(b, `SELECT * FROM ONLY ${name}`), await rowsOf(a, `SELECT * FROM ONLY ${name}`), `${f}: ${name}`);
    }
  }
});

test('a long chain of tables referencing each other is written without deep recursion', async () => {
  const a = await Session.create(new Engine('relata'));
  await a.query('CREATE TABLE t0 (id int PRIMARY KEY)');
  for (let i = 1; i < 1200; i++) await a.query(`CREATE TABLE t${i} (id int PRIMARY KEY, p int REFERENCES t${i - 1})`);
  const b = await Session.create(copyEngine(a.engine, 'relata'));
  await b.query('INSERT INTO t0 VALUES (1)');
  await b.query('INSERT INTO t1 VALUES (1, 1)');
  await assert.rejects(b.query('INSERT INTO t1199 VALUES (1, 5)'), { code: '23503' });
});

test('user-defined types survive the image, with indexes on their columns', async (t) => {
  const a = await Session.create(new Engine('relata'));
  const made = await a.query("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')").then(() => true, e => { if (e.code !== '0A000') throw e; return false; });
  if (!made) { t.skip('CREATE TYPE … AS ENUM is not there yet'); return; }
  await a.simpleQuery(`CREATE TABLE p (id int PRIMARY KEY, m mood UNIQUE, ms mood[]);
    INSERT INTO p VALUES (1, 'happy', '{sad,ok}'), (2, 'sad', NULL), (3, 'ok', '{}')`, { result: () => undefined });
  const b = await Session.create(copyEngine(a.engine, 'relata'));
  for (const s of [a, b]) {
    // p.m: the column, in the enum's order (a bare m would name the text output column)
    const [r] = await s.query("SELECT id, m::text, ms::text FROM p WHERE m >= 'ok' ORDER BY p.m");
    assert.deepEqual(r.rows, [[3, 'ok', '{}'], [1, 'happy', '{sad,ok}']]);
    await assert.rejects(s.query("INSERT INTO p VALUES (4, 'sad', NULL)"), { code: '23505' });
  }
});
