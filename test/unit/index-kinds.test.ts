// Expression, partial and descending indexes across a restart (their definitions and the
// uniqueness they enforce come back from the checkpoint and the log), and the access methods
// Relata does not implement refused with 0A000 instead of being built as btree.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { openDir, removeScratch, run, scratchDir } from './durability-helpers.js';

after(removeScratch);

async function failure(s: { query(sql: string): Promise<unknown> }, sql: string): Promise<{ code: string; message: string; detail?: string }> {
  try { await s.query(sql); } catch (e) { return e as { code: string; message: string; detail?: string }; }
  assert.fail(`expected ${sql} to fail`);
}

test('gin, gist, brin and spgist indexes are refused, not built as btree', async () => {
  const s = await Session.create();
  await s.query('CREATE TABLE t (a int, b text)');
  for (const m of ['gin', 'gist', 'brin', 'spgist']) {
    const e = await failure(s, `CREATE INDEX ON t USING ${m} (a)`);
    assert.equal(e.code, '0A000');
    assert.equal(e.message, `index access method "${m}" is not supported`);
  }
  const [r] = await s.query("SELECT count(*) FROM pg_indexes WHERE tablename = 't'");
  assert.deepEqual(r.rows, [[0n]]);
});

test('expression and partial unique indexes keep their definition and uniqueness after a restart', async () => {
  const dir = scratchDir();
  let { store, s } = await openDir(dir);
  await run(s, `
CREATE TABLE u (id int, email text, active boolean, rank int);
CREATE UNIQUE INDEX u_email ON u ((lower(email)));
CREATE UNIQUE INDEX u_rank ON u (rank DESC) WHERE active;
INSERT INTO u VALUES (1, 'A@x', true, 1), (2, 'b@x', false, 1), (3, 'c@x', true, 2);
`);
  await store.close();
  ({ store, s } = await openDir(dir));
  const [defs] = await s.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'u' ORDER BY indexname");
  assert.deepEqual(defs.rows, [
    ['CREATE UNIQUE INDEX u_email ON public.u USING btree (lower(email))'],
    ['CREATE UNIQUE INDEX u_rank ON public.u USING btree (rank DESC) WHERE active'],
  ]);
  const dup = await failure(s, "INSERT INTO u VALUES (4, 'a@X', false, 9)");
  assert.equal(dup.code, '23505');
  assert.equal(dup.detail, 'Key (lower(email))=(a@x) already exists.');
  // rank 1 is taken only among active rows
  await s.query("INSERT INTO u VALUES (5, 'e@x', false, 2)");
  const partial = await failure(s, "INSERT INTO u VALUES (6, 'f@x', true, 2)");
  assert.equal(partial.code, '23505');
  assert.equal(partial.message, 'duplicate key value violates unique constraint "u_rank"');
  const [rows] = await s.query("SELECT id FROM u WHERE lower(email) = 'b@x'");
  assert.deepEqual(rows.rows, [[2]]);
  await store.close();
});
