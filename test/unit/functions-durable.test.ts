// User-defined functions and procedures in a data directory: SQL and PL/pgSQL functions,
// overloads, DEFAULTs and procedures come back after a restart (the catalog image) and run
// as before; a trigger function runs through the published entry point (functions/trigger-call.ts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/api/index.js';
import { Session } from '../../src/session/session.js';
import { callTriggerFunction } from '../../src/functions/trigger-call.js';
import { userFunctionsNamed } from '../../src/functions/catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-functions-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('functions and procedures survive a restart', async () => {
  let db = await Database.open(dir);
  await db.exec(`
    CREATE TABLE t (id int PRIMARY KEY, v text);
    CREATE FUNCTION add(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql IMMUTABLE AS 'select a + b';
    CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS $$ select a || b $$;
    CREATE FUNCTION fill(n int) RETURNS int LANGUAGE plpgsql AS $$
      BEGIN
        FOR i IN 1..n LOOP INSERT INTO t VALUES (i, 'v' || i); END LOOP;
        RETURN n;
      END $$;
    CREATE PROCEDURE wipe(keep int) LANGUAGE plpgsql AS $$ BEGIN DELETE FROM t WHERE id > keep; END $$;
    COMMENT ON FUNCTION fill(int) IS 'fills t';`);
  await db.close();

  db = await Database.open(dir);
  try {
    const r = await db.query(`SELECT add(1) AS a, add(1, 2) AS b, add('x', 'y') AS c, fill(3) AS n`);
    assert.deepEqual([r.rows[0].a, r.rows[0].b, r.rows[0].c, r.rows[0].n], [11, 3, 'xy', 3]);
    await db.query(`CALL wipe(1)`);
    const left = await db.query(`SELECT id FROM t ORDER BY id`);
    assert.deepEqual(left.rows.map(x => x.id), [1]);
    const procs = await db.query(`SELECT proname, prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE nspname = 'public' ORDER BY proname, p.oid`);
    assert.deepEqual(procs.rows.map(x => `${x.proname}:${x.prokind}`), ['add:f', 'add:f', 'fill:f', 'wipe:p']);
    const comment = await db.query(`SELECT description FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid WHERE proname = 'fill'`);
    assert.equal(comment.rows[0].description, 'fills t');
    await db.query(`DROP FUNCTION add(int, int)`);
    await assert.rejects(db.query(`SELECT add(1)`), (e: any) => e.code === '42883');
  } finally {
    await db.close();
  }
});

test('a RETURNS trigger function runs through callTriggerFunction with NEW/OLD and TG_ variables', async () => {
  const s = await Session.create();
  await s.query(`CREATE TABLE tt (a int, b text)`);
  await s.query(`CREATE TABLE log (msg text)`);
  await s.query(`CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO log VALUES (TG_OP || ' ' || TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_TABLE_NAME || ' ' || TG_NARGS || ' ' || TG_ARGV[0]);
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      NEW.b := upper(NEW.b) || coalesce(OLD.b, '');
      RETURN NEW;
    END $$`);
  const engine = (s as any).engine;
  const cat = engine.catalog;
  const f = userFunctionsNamed(cat, null, 'trg', ['public'])[0];
  const table = cat.findRelation(null, 'tt', ['public']);
  // the trigger helper calls it from inside a statement; an open transaction block stands in here
  await s.query(`BEGIN`);
  const ctx = { settings: (s as any).settings, txnTimestamp: 0, stmtTimestamp: 0, session: s };
  const base = { name: 't1', when: 'BEFORE' as const, level: 'ROW' as const, relid: table.oid, tableName: 'tt', tableSchema: 'public', args: ['x'], rowType: table.oid };
  const inserted = callTriggerFunction(cat, f.oid, { ...base, op: 'INSERT', new: [1, 'abc'], old: null }, ctx);
  assert.deepEqual(inserted, [1, 'ABC']);
  const updated = callTriggerFunction(cat, f.oid, { ...base, op: 'UPDATE', new: [1, 'new'], old: [1, 'old'] }, ctx);
  assert.deepEqual(updated, [1, 'NEWold']);
  const deleted = callTriggerFunction(cat, f.oid, { ...base, op: 'DELETE', new: null, old: [2, 'gone'] }, ctx);
  assert.deepEqual(deleted, [2, 'gone']);
  const log = await s.query(`SELECT msg FROM log ORDER BY msg`);
  assert.deepEqual(log[0].rows!.map((r: unknown[]) => r[0]), ['DELETE BEFORE ROW tt 1 x', 'INSERT BEFORE ROW tt 1 x', 'UPDATE BEFORE ROW tt 1 x']);
  await s.query(`COMMIT`);
  await s.close();
});
