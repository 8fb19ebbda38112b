// Sequences, regclass through a session, and the system catalogs, end to end
// (expected values from PostgreSQL 15).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { Engine } from '../../src/session/engine.js';

/** Runs statements and returns the rows of the last one, each value as the session prints it. */
async function rows(s: Session, sql: string): Promise<string[][]> {
  const results = await s.query(sql);
  const last = results[results.length - 1];
  return (last.rows ?? []).map(r => r.map((v, i) => (v === null ? 'NULL' : s.formatValue(v, last.fields![i].typeOid))));
}

async function fails(s: Session, sql: string, code: string, message: string): Promise<void> {
  await assert.rejects(s.query(sql), (e: any) => {
    assert.equal(e.message, message);
    assert.equal(e.code, code);
    return true;
  });
}

test('regclass casts follow the search path and print qualified names when not visible', async () => {
  const s = await Session.create();
  await s.query('CREATE SCHEMA s2; CREATE TABLE s2.t2 (x int); CREATE TABLE "Foo Bar" (x int)');
  assert.deepEqual(await rows(s, `SELECT 's2.t2'::regclass, '"Foo Bar"'::regclass, 'pg_class'::regclass::oid`), [['s2.t2', '"Foo Bar"', '1259']]);
  await s.query('SET search_path = s2');
  assert.deepEqual(await rows(s, `SELECT 't2'::regclass, 'public."Foo Bar"'::regclass`), [['t2', 'public."Foo Bar"']]);
  await fails(s, `SELECT 'nonexist'::regclass`, '42P01', 'relation "nonexist" does not exist');
  await fails(s, `SELECT 'x.y'::regclass`, '3F000', 'schema "x" does not exist');
  assert.deepEqual(await rows(s, `SELECT 'integer[]'::regtype, 'varchar(3)'::regtype, 's2'::regnamespace`), [['integer[]', 'character varying', 's2']]);
  await fails(s, `SELECT 'foo'::regtype`, '42704', 'type "foo" does not exist');
});

test('two sessions see one catalog, each through its own search path', async () => {
  const engine = new Engine();
  const a = await Session.create(engine), b = await Session.create(engine);
  await a.query('CREATE SCHEMA app; CREATE TABLE app.t (x int)');
  await b.query('SET search_path = app, public');
  const oid = (await rows(a, `SELECT 'app.t'::regclass::oid`))[0][0];
  assert.deepEqual(await rows(a, `SELECT ${oid}::regclass`), [['app.t']]);
  assert.deepEqual(await rows(b, `SELECT ${oid}::regclass`), [['t']]);
});

test('nextval, currval, lastval and setval', async () => {
  const s = await Session.create();
  await s.query('CREATE SEQUENCE s1');
  await fails(s, `SELECT currval('s1')`, '55000', 'currval of sequence "s1" is not yet defined in this session');
  await fails(s, 'SELECT lastval()', '55000', 'lastval is not yet defined in this session');
  assert.deepEqual(await rows(s, `SELECT nextval('s1'), nextval('s1'), currval('s1'), lastval()`), [['1', '2', '2', '2']]);
  assert.deepEqual(await rows(s, 'SELECT * FROM s1'), [['2', '31', 't']]);
  assert.deepEqual(await rows(s, `SELECT setval('s1', 10, false), nextval('s1')`), [['10', '10']]);
  await fails(s, `SELECT setval('s1', 0)`, '22003', 'setval: value 0 is out of bounds for sequence "s1" (1..9223372036854775807)');
  await s.query('CREATE TABLE plain (x int)');
  await fails(s, `SELECT nextval('plain')`, '42809', '"plain" is not a sequence');
});

test('CACHE hands out values from the session and ALTER SEQUENCE discards them', async () => {
  const s = await Session.create();
  await s.query('CREATE SEQUENCE c5 CACHE 5');
  assert.deepEqual(await rows(s, `SELECT nextval('c5'), nextval('c5')`), [['1', '2']]);
  assert.deepEqual(await rows(s, 'SELECT last_value, log_cnt, is_called FROM c5'), [['5', '32', 't']]);
  await s.query('ALTER SEQUENCE c5 RESTART WITH 3');
  assert.deepEqual(await rows(s, `SELECT nextval('c5')`), [['3']]);
});

test('nextval is not rolled back; ALTER SEQUENCE is', async () => {
  const s = await Session.create();
  await s.query('CREATE SEQUENCE s; BEGIN; SELECT nextval(\'s\'); ROLLBACK');
  assert.deepEqual(await rows(s, `SELECT nextval('s')`), [['2']]);
  await s.query('BEGIN; ALTER SEQUENCE s RESTART WITH 100; ROLLBACK');
  assert.deepEqual(await rows(s, `SELECT nextval('s')`), [['3']]);
});

test('CREATE / ALTER SEQUENCE option errors', async () => {
  const s = await Session.create();
  await fails(s, 'CREATE SEQUENCE b MINVALUE 10 MAXVALUE 5', '22023', 'MINVALUE (10) must be less than MAXVALUE (5)');
  await fails(s, 'CREATE SEQUENCE b AS int2 MAXVALUE 40000', '22023', 'MAXVALUE (40000) is out of range for sequence data type smallint');
  await fails(s, 'CREATE SEQUENCE b START 5 START 6', '42601', 'conflicting or redundant options');
  await fails(s, 'CREATE SEQUENCE b CACHE 0', '22023', 'CACHE (0) must be greater than zero');
  await fails(s, 'CREATE SEQUENCE b OWNED BY foo', '42601', 'invalid OWNED BY option');
  await s.query('CREATE SEQUENCE d INCREMENT -2');
  assert.deepEqual(await rows(s, `SELECT start_value, min_value, max_value FROM pg_sequences WHERE sequencename = 'd'`),
    [['-1', '-9223372036854775808', '-1']]);
  await s.query('ALTER SEQUENCE d AS integer');
  assert.deepEqual(await rows(s, `SELECT data_type, min_value FROM pg_sequences WHERE sequencename = 'd'`), [['integer', '-2147483648']]);
});

test('serial and identity sequences belong to their columns', async () => {
  const s = await Session.create();
  await s.query('CREATE TABLE t (id serial, g bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5))');
  assert.deepEqual(await rows(s, `SELECT pg_get_serial_sequence('t', 'id'), pg_get_serial_sequence('t', 'g')`), [['public.t_id_seq', 'public.t_g_seq']]);
  assert.deepEqual(await rows(s, 'INSERT INTO t DEFAULT VALUES RETURNING id, g'), [['1', '10']]);
  await fails(s, 'DROP SEQUENCE t_id_seq', '2BP01', 'cannot drop sequence t_id_seq because other objects depend on it');
  await fails(s, 'DROP SEQUENCE t_g_seq', '2BP01', 'cannot drop sequence t_g_seq because column g of table t requires it');
  assert.deepEqual(await rows(s, `SELECT column_name, column_default, is_identity FROM information_schema.columns WHERE table_name = 't' ORDER BY 1`),
    [['g', 'NULL', 'YES'], ['id', `nextval('t_id_seq'::regclass)`, 'NO']]);
  await s.query('DROP TABLE t');
  assert.deepEqual(await rows(s, `SELECT count(*) FROM pg_class WHERE relname LIKE 't_%_seq'`), [['0']]);
});

test('system catalogs reflect the catalog and refuse changes', async () => {
  const s = await Session.create();
  await s.query('CREATE TABLE p (id int PRIMARY KEY, v text CHECK (v <> \'\')); CREATE TABLE c (pid int REFERENCES p) ');
  assert.deepEqual(await rows(s, `SELECT relname, relkind, relnatts, relchecks, relhasindex FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1`),
    [['c', 'r', '1', '0', 'f'], ['p', 'r', '2', '1', 't'], ['p_pkey', 'i', '1', '0', 'f']]);
  assert.deepEqual(await rows(s, `SELECT conname, contype, conkey::text, confrelid::regclass FROM pg_constraint WHERE conrelid = 'c'::regclass`),
    [['c_pid_fkey', 'f', '{1}', 'p']]);
  assert.deepEqual(await rows(s, `SELECT p.relname FROM p x, pg_class p WHERE x.tableoid = p.oid`), []);
  await fails(s, 'DROP TABLE pg_class', '42501', 'permission denied: "pg_class" is a system catalog');
  await fails(s, 'DELETE FROM pg_sequences', '55000', 'cannot delete from view "pg_sequences"');
  await fails(s, 'UPDATE pg_class SET relname = relname WHERE false', '0A000', 'modifying system catalog "pg_class" is not supported');
});
