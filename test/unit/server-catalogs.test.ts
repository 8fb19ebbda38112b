// What clients ask the server about itself and its catalogs (answers checked against
// PostgreSQL 15): version(), current_database(), the access and visibility functions,
// pg_am / pg_collation / pg_proc / pg_opclass / empty catalogs of absent features,
// pg_index's operator classes, pg_stat_activity, DEALLOCATE of protocol statements, and the
// cluster's state file (roles and databases kept across a restart).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';
import { Cluster } from '../../src/session/cluster.js';
import { MemoryStore } from '../../src/session/memory-store.js';
import { failure } from './server-client.js';

let server: RelataServer;
let client: pg.Client;
before(async () => {
  server = await RelataServer.start({ port: 0 });
  client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres', application_name: 'catalog-test' });
  await client.connect();
});
after(async () => { await client.end(); await server.close(); });

test('server and session functions', async () => {
  const r = await client.query(`SELECT version() AS v, current_database() AS db, pg_backend_pid() AS pid, pg_encoding_to_char(6) AS enc,
    pg_char_to_encoding('UTF8') AS code, pg_get_userbyid(10) AS owner, pg_get_userbyid(12345) AS unknown,
    pg_size_pretty(123456789::bigint) AS big, pg_size_pretty(10240::bigint) AS small, pg_size_pretty(-20000::bigint) AS neg,
    to_regclass('nosuch') AS nothing, to_regtype('int4')::text AS int4, pg_is_in_recovery() AS recovery`);
  const row = r.rows[0];
  assert.match(row.v, /^PostgreSQL 15\.\d+ /);
  assert.equal(row.pid, (client as any).processID);
  assert.deepEqual({ ...row, v: undefined, pid: undefined }, {
    v: undefined, pid: undefined, db: 'postgres', enc: 'UTF8', code: 6, owner: 'postgres', unknown: 'unknown (OID=12345)', big: '118 MB', small: '10 kB',
    neg: '-20 kB', nothing: null, int4: 'integer', recovery: false });
});

test('privilege and visibility functions', async () => {
  await client.query('CREATE TABLE priv_t (a int); CREATE SCHEMA hidden; CREATE TABLE hidden.h (b int)');
  const r = await client.query(`SELECT has_table_privilege('priv_t', 'SELECT, INSERT') AS t, has_table_privilege('postgres', 'priv_t'::regclass, 'UPDATE') AS u,
    has_schema_privilege('public', 'USAGE') AS s, has_database_privilege('postgres', 'CONNECT') AS d, has_column_privilege('priv_t', 'a', 'SELECT') AS c,
    pg_has_role('postgres', 'MEMBER') AS m, pg_table_is_visible('priv_t'::regclass) AS visible, pg_table_is_visible('hidden.h'::regclass) AS invisible,
    pg_type_is_visible(23) AS type_visible`);
  assert.deepEqual(r.rows, [{ t: true, u: true, s: true, d: true, c: true, m: true, visible: true, invisible: false, type_visible: true }]);
  assert.deepEqual([(await failure(client.query("SELECT has_table_privilege('nosuch', 'select')"))).message,
    (await failure(client.query("SELECT has_table_privilege('priv_t', 'foo')"))).message],
  ['relation "nosuch" does not exist', 'unrecognized privilege type: "foo"']);
  await client.query('DROP TABLE priv_t; DROP SCHEMA hidden CASCADE');
});

test('pg_am, pg_collation, pg_proc, pg_opclass and the catalogs of features Relata lacks', async () => {
  assert.deepEqual((await client.query('SELECT amname FROM pg_am ORDER BY oid')).rows.map(r => r.amname), ['heap', 'btree', 'hash', 'gist', 'gin', 'brin', 'spgist']);
  assert.deepEqual((await client.query('SELECT collname FROM pg_collation WHERE oid IN (100, 950, 951) ORDER BY oid')).rows.map(r => r.collname), ['default', 'C', 'POSIX']);
  const lower = await client.query("SELECT proname, prorettype::regtype::text AS ret, proargtypes::text AS args, provolatile, proisstrict FROM pg_proc WHERE proname = 'lower'");
  assert.deepEqual(lower.rows, [{ proname: 'lower', ret: 'text', args: '25', provolatile: 'i', proisstrict: true }]);
  for (const t of ['pg_trigger', 'pg_policy', 'pg_enum', 'pg_publication', 'pg_statistic_ext', 'pg_extension', 'pg_rewrite', 'pg_foreign_table']) {
    assert.deepEqual((await client.query(`SELECT count(*)::int AS n FROM ${t}`)).rows, [{ n: 0 }], t);
  }
  await client.query('CREATE TABLE ix_t (id int PRIMARY KEY, name varchar(10), at timestamptz); CREATE INDEX ix_t_name_at ON ix_t (name, at)');
  const ix = await client.query(`SELECT c.relname, i.indkey::text AS key, i.indclass::text AS class, i.indcollation::text AS coll,
    (SELECT string_agg(opcname, ',' ORDER BY opcname) FROM pg_opclass o WHERE o.oid = ANY (i.indclass)) AS opcs
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'ix_t'::regclass ORDER BY 1`);
  assert.deepEqual(ix.rows, [
    { relname: 'ix_t_name_at', key: '2 3', class: '3126 3127', coll: '100 0', opcs: 'text_ops,timestamptz_ops' },
    { relname: 'ix_t_pkey', key: '1', class: '1978', coll: '0', opcs: 'int4_ops' },
  ]);
  const stats = await client.query("SELECT relname, indexrelname FROM pg_stat_user_indexes WHERE relname = 'ix_t' ORDER BY 2");
  assert.deepEqual(stats.rows, [{ relname: 'ix_t', indexrelname: 'ix_t_name_at' }, { relname: 'ix_t', indexrelname: 'ix_t_pkey' }]);
  await client.query('DROP TABLE ix_t');
});

test('pg_stat_activity lists the sessions of the server', async () => {
  const other = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'template1', application_name: 'other' });
  await other.connect();
  const r = await client.query(`SELECT datname, usename, application_name, state, query, backend_type, pid = pg_backend_pid() AS me
    FROM pg_stat_activity ORDER BY application_name`);
  assert.deepEqual(r.rows.map(x => ({ ...x, query: x.me ? x.query : '' })), [
    { datname: 'postgres', usename: 'postgres', application_name: 'catalog-test', state: 'active', query: r.rows[0].query, backend_type: 'client backend', me: true },
    { datname: 'template1', usename: 'postgres', application_name: 'other', state: 'idle', query: '', backend_type: 'client backend', me: false },
  ]);
  assert.match(r.rows[0].query, /FROM pg_stat_activity/);
  await other.end();
});

test('SQL DEALLOCATE drops the statements of the extended protocol', async () => {
  await client.query({ name: 'named_stmt', text: 'SELECT $1::int AS n', values: [1] });
  assert.equal((await client.query('DEALLOCATE named_stmt')).command, 'DEALLOCATE');
  const e = await failure(client.query('DEALLOCATE named_stmt'));
  assert.deepEqual([e.code, e.message], ['26000', 'prepared statement "named_stmt" does not exist']);
  assert.equal((await client.query('DEALLOCATE ALL')).command, 'DEALLOCATE');
});

test("a cluster's roles, databases and their settings survive in its state file", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'relata-cluster-'));
  try {
    const stateFile = join(dir, 'global.json');
    const first = new Cluster(new MemoryStore(), { stateFile });
    first.shared.roles.set('kept', { ...first.shared.superuser, oid: first.shared.allocOid(), name: 'kept', superuser: false });
    first.shared.addDatabase('extra', undefined, { owner: first.shared.roles.get('kept')! });
    first.shared.settings.push({ database: 0, role: first.shared.roles.get('kept')!.oid, config: ['search_path=a'] });
    first.persist();
    const second = new Cluster(new MemoryStore(), { stateFile });
    assert.equal(second.shared.roles.get('kept')?.superuser, false);
    assert.equal(second.shared.databases.get('extra')?.owner, second.shared.roles.get('kept'));
    assert.deepEqual(second.shared.settings, [{ database: 0, role: second.shared.roles.get('kept')!.oid, config: ['search_path=a'] }]);
    // the store lacked "extra": the cluster made it, so that every listed database can be opened
    assert.ok(second.engine('extra').catalog.schemas.has('public'));
    assert.ok(second.shared.allocOid() > second.shared.roles.get('kept')!.oid);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
