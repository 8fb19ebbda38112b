// User-defined types in a data directory: enums (with labels added later), domains and
// composite types, and the columns and indexes of them, come back after a restart with
// their behaviour — ordering, input errors, domain checks, dependencies for DROP.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/api/index.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-usertypes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  assert.fail('expected an error');
}

test('enums, domains and composite types survive a restart with their rows and indexes', async () => {
  let db = await Database.open(dir);
  await db.exec(`
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE DOMAIN posint AS int NOT NULL CHECK (VALUE > 0);
    CREATE TYPE pair AS (a int, b text);
    CREATE TABLE t (id posint PRIMARY KEY, m mood, p pair, ms mood[]);
    CREATE INDEX t_m ON t (m);
    INSERT INTO t VALUES (1, 'happy', ROW(1, 'x'), '{ok,sad}'), (2, 'sad', NULL, NULL);
    ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
    INSERT INTO t VALUES (3, 'meh', '(3,"y z")', NULL);`);
  await db.close();

  db = await Database.open(dir);
  try {
    const ordered = await db.query(`SELECT id, m::text AS label, p::text AS pt, (p).b FROM t ORDER BY m`);
    assert.deepEqual(ordered.rows.map(r => [r.id, r.label, r.pt, r.b]), [[2, 'sad', null, null], [3, 'meh', '(3,"y z")', 'y z'], [1, 'happy', '(1,x)', 'x']]);
    const viaIndex = await db.query(`SELECT id FROM t WHERE m >= 'meh' ORDER BY m`);
    assert.deepEqual(viaIndex.rows.map(r => r.id), [3, 1]);
    const labels = await db.query(`SELECT enum_range(NULL::mood)::text AS r`);
    assert.equal(labels.rows[0].r, '{sad,meh,ok,happy}');
    const badLabel = await failure(db.query(`INSERT INTO t VALUES (4, 'angry')`));
    assert.equal(badLabel.code, '22P02');
    assert.equal(badLabel.message, 'invalid input value for enum mood: "angry"');
    const badDomain = await failure(db.query(`INSERT INTO t VALUES (0, 'ok')`));
    assert.equal(badDomain.code, '23514');
    assert.equal(badDomain.message, 'value for domain posint violates check constraint "posint_check"');
    const nullDomain = await failure(db.query(`INSERT INTO t (m) VALUES ('ok')`));
    assert.equal(nullDomain.message, 'domain posint does not allow null values');
    const dependent = await failure(db.query(`DROP TYPE mood`));
    assert.equal(dependent.code, '2BP01');
    assert.equal(dependent.message, 'cannot drop type mood because other objects depend on it');
    await db.query(`DROP TYPE mood CASCADE`);
    const columns = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position`);
    assert.deepEqual(columns.rows.map(r => r.column_name), ['id', 'p']);
  } finally {
    await db.close();
  }
  db = await Database.open(dir);
  try {
    const gone = await failure(db.query(`SELECT 'ok'::mood`));
    assert.equal(gone.code, '42704');
    const kept = await db.query(`SELECT pg_typeof(id)::text AS t FROM t LIMIT 1`);
    assert.equal(kept.rows[0].t, 'posint');
  } finally {
    await db.close();
  }
});
