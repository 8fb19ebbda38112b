// User-defined aggregates (CREATE AGGREGATE) in a data directory: they survive a restart and
// still aggregate (their support functions found again); DROP FUNCTION of a support function
// sees them; relata's dump writes them as pg_dump does (dump-postgres loads and compares more).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/api/index.js';
import { Session } from '../../src/session/session.js';
import { dumpText, sessionSource } from './dump-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-aggregates-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SETUP = `
  CREATE FUNCTION cat_step(text, text) RETURNS text LANGUAGE sql AS $$ SELECT coalesce($1, '') || coalesce($2, '?') $$;
  CREATE FUNCTION cat_final(text) RETURNS text LANGUAGE sql AS $$ SELECT '[' || $1 || ']' $$;
  CREATE AGGREGATE cat(text) (sfunc = cat_step, stype = text, finalfunc = cat_final);
  CREATE AGGREGATE newsum (sfunc1 = int4pl, basetype = int4, stype1 = int4, initcond1 = '0');
  COMMENT ON AGGREGATE newsum(int4) IS 'sums'`;

test('aggregates survive a restart and aggregate as before', async () => {
  let db = await Database.open(dir);
  await db.exec(SETUP);
  await db.close();

  db = await Database.open(dir);
  try {
    const r = await db.query(`SELECT cat(s ORDER BY s) AS c, newsum(n) AS n FROM (VALUES ('b', 1), ('a', 2), (NULL, 3)) v(s, n)`);
    assert.deepEqual(r.rows.map(x => [x.c, x.n]), [['[ab?]', 6]]);
    const kinds = await db.query(`SELECT proname, prokind, obj_description(oid, 'pg_proc') AS d FROM pg_proc WHERE proname IN ('cat', 'newsum') ORDER BY 1`);
    assert.deepEqual(kinds.rows.map(x => [x.proname, x.prokind, x.d]), [['cat', 'a', null], ['newsum', 'a', 'sums']]);
    await assert.rejects(db.query(`DROP FUNCTION cat_final(text)`), (e: { code: string; message: string }) =>
      e.code === '2BP01' && e.message === 'cannot drop function cat_final(text) because other objects depend on it');
    await assert.rejects(db.query(`DROP FUNCTION newsum(int4)`), (e: { code: string; message: string }) =>
      e.code === '42809' && e.message === '"newsum" is an aggregate function');
    await db.exec(`DROP AGGREGATE newsum(int4)`);
  } finally {
    await db.close();
  }
  db = await Database.open(dir);
  try {
    const names = await db.query(`SELECT proname FROM pg_proc WHERE prokind = 'a' AND oid >= 16384 ORDER BY 1`);
    assert.deepEqual(names.rows.map(x => x.proname), ['cat']);
  } finally {
    await db.close();
  }
});

test('the dump writes the aggregates as pg_dump 15 does', async () => {
  const s = await Session.create();
  for (const stmt of SETUP.split(/;\s*(?=CREATE|COMMENT)/)) await s.query(stmt);
  const text = await dumpText(sessionSource(s));
  // pg_dump 15's text for the same definitions (checked against the reference server)
  assert.ok(text.includes(`CREATE AGGREGATE public.cat(text) (
    SFUNC = public.cat_step,
    STYPE = text,
    FINALFUNC = public.cat_final
);
`));
  assert.ok(text.includes(`--
-- Name: newsum(integer); Type: AGGREGATE; Schema: public; Owner: postgres
--

CREATE AGGREGATE public.newsum(integer) (
    SFUNC = int4pl,
    STYPE = integer,
    INITCOND = '0'
);


ALTER AGGREGATE public.newsum(integer) OWNER TO postgres;

--
-- Name: AGGREGATE newsum(integer); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON AGGREGATE public.newsum(integer) IS 'sums';
`));
});
