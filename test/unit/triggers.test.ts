// Triggers in a data directory: their definitions (events, WHEN, UPDATE OF, arguments,
// enable state, constraint triggers) survive a restart and still fire; DROP FUNCTION sees
// them; relata's dump writes CREATE TRIGGER (and its enable state) after the table.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/api/index.js';
import { Session } from '../../src/session/session.js';
import { dumpText, sessionSource } from './dump-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-triggers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SETUP = `
  CREATE TABLE log (msg text);
  CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO log VALUES (TG_NAME || ':' || TG_OP || ':' || coalesce(TG_ARGV[1], '-'));
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END $$;
  CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.b := NEW.b || '!'; RETURN NEW; END $$;
  CREATE TABLE t (a int PRIMARY KEY, b text);
  CREATE TRIGGER t_bump BEFORE INSERT OR UPDATE OF b ON t FOR EACH ROW WHEN (new.a > 0) EXECUTE FUNCTION bump();
  CREATE TRIGGER t_note AFTER INSERT OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION note('x', 'y');
  CREATE TRIGGER t_off AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION note();
  ALTER TABLE t DISABLE TRIGGER t_off;
  CREATE CONSTRAINT TRIGGER t_ct AFTER UPDATE ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION note();
  COMMENT ON TRIGGER t_note ON t IS 'logs';`;

test('triggers survive a restart and fire as before', async () => {
  let db = await Database.open(dir);
  await db.exec(SETUP);
  await db.exec(`INSERT INTO t VALUES (1, 'a'), (-1, 'b')`);
  await db.close();

  db = await Database.open(dir);
  try {
    const defs = await db.query(`SELECT tgname, tgenabled, pg_get_triggerdef(oid, true) AS def FROM pg_trigger ORDER BY tgname`);
    assert.deepEqual(defs.rows.map(r => [r.tgname, r.tgenabled]), [['t_bump', 'O'], ['t_ct', 'O'], ['t_note', 'O'], ['t_off', 'D']]);
    assert.equal(defs.rows[0].def, 'CREATE TRIGGER t_bump BEFORE INSERT OR UPDATE OF b ON t FOR EACH ROW WHEN (new.a > 0) EXECUTE FUNCTION bump()');
    assert.equal(defs.rows[2].def, "CREATE TRIGGER t_note AFTER INSERT OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION note('x', 'y')");
    await db.exec(`INSERT INTO t VALUES (2, 'c')`);
    await db.exec(`DELETE FROM t WHERE a = -1`);
    await db.exec(`UPDATE t SET b = 'd' WHERE a = 2`);
    const rows = await db.query(`SELECT a, b FROM t ORDER BY a`);
    assert.deepEqual(rows.rows.map(r => [r.a, r.b]), [[1, 'a!'], [2, 'd!']]);
    const log = await db.query(`SELECT msg FROM log`);
    assert.deepEqual(log.rows.map(r => r.msg), ['t_note:INSERT:y', 't_note:INSERT:y', 't_note:INSERT:y', 't_note:DELETE:y', 't_ct:UPDATE:-']);
    const comment = await db.query(`SELECT obj_description(oid, 'pg_trigger') AS c FROM pg_trigger WHERE tgname = 't_note'`);
    assert.equal(comment.rows[0].c, 'logs');
    await assert.rejects(db.query(`DROP FUNCTION note()`), (e: { code: string; message: string }) =>
      e.code === '2BP01' && e.message === 'cannot drop function note() because other objects depend on it');
    await db.exec(`DROP TRIGGER t_bump ON t`);
  } finally {
    await db.close();
  }
  db = await Database.open(dir);
  try {
    const names = await db.query(`SELECT tgname FROM pg_trigger ORDER BY tgname`);
    assert.deepEqual(names.rows.map(r => r.tgname), ['t_ct', 't_note', 't_off']);
  } finally {
    await db.close();
  }
});

test('the dump writes triggers after their table, with their enable state and comment', async () => {
  const s = await Session.create();
  for (const stmt of SETUP.split(/;\s*(?=CREATE TABLE|CREATE TRIGGER|ALTER TABLE|CREATE CONSTRAINT|COMMENT ON)/)) await s.query(stmt);
  const text = await dumpText(sessionSource(s));
  const table = text.indexOf('CREATE TABLE public.t (');
  const trigger = text.indexOf('-- Name: t t_bump; Type: TRIGGER; Schema: public; Owner: ');
  assert.ok(table >= 0 && trigger > table, 'CREATE TRIGGER follows CREATE TABLE');
  assert.ok(text.includes('CREATE TRIGGER t_bump BEFORE INSERT OR UPDATE OF b ON public.t FOR EACH ROW WHEN ((new.a > 0)) EXECUTE FUNCTION public.bump();\n'));
  assert.ok(text.includes('CREATE CONSTRAINT TRIGGER t_ct AFTER UPDATE ON public.t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.note();\n'));
  assert.ok(text.includes('\nALTER TABLE public.t DISABLE TRIGGER t_off;\n'));
  assert.ok(text.includes("COMMENT ON TRIGGER t_note ON public.t IS 'logs';\n"));
  assert.ok(!text.includes('ADD CONSTRAINT t_ct'), 'a constraint trigger is not dumped as a constraint');
});
