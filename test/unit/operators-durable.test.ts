// User-defined operators, operator classes and families in a data directory: they come back
// after a restart (the catalog image) and behave as before — operator resolution, hash
// partition routing through the class's support function, pruning, dependencies; an index
// naming a user class is refused (0A000), never built with the type's own order.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/api/index.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-operators-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('operators and operator classes survive a restart', async () => {
  let db = await Database.open(dir);
  await db.exec(`
    CREATE FUNCTION xor8(int8, int8) RETURNS int8 LANGUAGE sql IMMUTABLE AS 'SELECT $1 # $2';
    CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = xor8);
    CREATE FUNCTION hash_noop(value int4, seed int8) RETURNS int8 LANGUAGE sql STRICT IMMUTABLE AS 'SELECT value + seed';
    CREATE OPERATOR CLASS noop_ops FOR TYPE int4 USING hash AS OPERATOR 1 =, FUNCTION 2 hash_noop(int4, int8);
    CREATE TABLE hp (a int4) PARTITION BY HASH (a noop_ops);
    CREATE TABLE hp0 PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 0);
    CREATE TABLE hp1 PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 1);
    COMMENT ON OPERATOR @#@ (int8, int8) IS 'exclusive or';`);
  await db.close();

  db = await Database.open(dir);
  try {
    const r = await db.query(`SELECT 5::int8 @#@ 3::int8 AS x`);
    assert.equal(String(r.rows[0].x), '6');
    // value + seed: odd values and even values alternate between the two partitions as in PostgreSQL
    await db.query(`INSERT INTO hp SELECT generate_series(1, 4)`);
    const rows = await db.query(`SELECT tableoid::regclass::text AS part, a FROM hp ORDER BY a`);
    assert.deepEqual(rows.rows.map(x => `${x.part}:${x.a}`), ['hp1:1', 'hp0:2', 'hp1:3', 'hp0:4']);
    const pruned = await db.query(`SELECT tableoid::regclass::text AS part FROM hp WHERE a = 3`);
    assert.deepEqual(pruned.rows.map(x => x.part), ['hp1']);
    const key = await db.query(`SELECT pg_get_partkeydef('hp'::regclass) AS k`);
    assert.equal(key.rows[0].k, 'HASH (a noop_ops)');
    const comment = await db.query(`SELECT obj_description(oid, 'pg_operator') AS d FROM pg_operator WHERE oprname = '@#@'`);
    assert.equal(comment.rows[0].d, 'exclusive or');
    await assert.rejects(db.query(`DROP FUNCTION xor8(int8, int8)`), (e: any) => e.code === '2BP01');
    await assert.rejects(db.query(`CREATE INDEX ON hp0 USING hash (a noop_ops)`), (e: any) => e.code === '0A000');
    await db.query(`DROP TABLE hp`);
    await db.query(`DROP OPERATOR CLASS noop_ops USING hash`);
    await db.query(`DROP OPERATOR FAMILY noop_ops USING hash`);
    await db.query(`DROP OPERATOR @#@ (int8, int8)`);
    await assert.rejects(db.query(`SELECT 5::int8 @#@ 3::int8`), (e: any) => e.code === '42883');
  } finally {
    await db.close();
  }
});
