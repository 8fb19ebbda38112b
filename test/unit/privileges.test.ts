// Privileges: GRANT / REVOKE enforced for the embedded engine (SET ROLE), kept across a
// restart, checked once per analyzed statement (a cached statement is checked again after a
// GRANT or REVOKE changes the catalog), and enforced for two roles logged in through
// node-postgres, with PostgreSQL's error fields.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Database } from '../../src/api/index.js';
import { RelataServer } from '../../src/server/server.js';
import { Cluster } from '../../src/session/cluster.js';
import { DataDirectory } from '../../src/session/data-directory.js';

const denied = (table: string) => ({ code: '42501', message: `permission denied for table ${table}` });

test('embedded: SET ROLE, table and column privileges, views as their owner, superuser bypass', async () => {
  const db = await Database.open();
  try {
    await db.exec(`CREATE ROLE emb_reader; CREATE ROLE emb_owner;
      CREATE TABLE emb_t (id int PRIMARY KEY, secret text, pub text); INSERT INTO emb_t VALUES (1, 's', 'p');
      CREATE VIEW emb_v AS SELECT id, secret FROM emb_t; ALTER VIEW emb_v OWNER TO emb_owner;
      GRANT SELECT (id, pub) ON emb_t TO emb_reader; GRANT SELECT ON emb_v TO emb_reader`);
    await db.exec('SET ROLE emb_reader');
    assert.deepEqual((await db.query('SELECT id, pub FROM emb_t')).rows, [{ id: 1, pub: 'p' }]);
    await assert.rejects(db.query('SELECT * FROM emb_t'), denied('emb_t'));
    await assert.rejects(db.query('UPDATE emb_t SET pub = $1', ['x']), denied('emb_t'));
    // the view reads emb_t with its owner's privileges, and its owner has none yet
    await assert.rejects(db.query('SELECT * FROM emb_v'), denied('emb_t'));
    await db.exec('RESET ROLE');
    await db.exec('GRANT SELECT ON emb_t TO emb_owner');
    await db.exec('SET ROLE emb_reader');
    assert.deepEqual((await db.query('SELECT * FROM emb_v')).rows, [{ id: 1, secret: 's' }]);
    await db.exec('RESET ROLE');
    assert.equal((await db.query('SELECT current_user AS u')).rows[0].u, 'postgres');
    assert.equal((await db.query('SELECT count(*)::int AS n FROM emb_t')).rows[0].n, 1);
  } finally {
    await db.close();
  }
});

test('a statement analyzed once is checked again after GRANT / REVOKE (the cache follows the catalog)', async () => {
  const db = await Database.open();
  try {
    await db.exec('CREATE ROLE cache_u; CREATE TABLE cache_t (a int); INSERT INTO cache_t VALUES (1); SET ROLE cache_u');
    const q = 'SELECT a FROM cache_t WHERE a = $1';
    await assert.rejects(db.query(q, [1]), denied('cache_t'));
    await db.exec('RESET ROLE; GRANT SELECT ON cache_t TO cache_u; SET ROLE cache_u');
    for (let i = 0; i < 3; i++) assert.deepEqual((await db.query(q, [1])).rows, [{ a: 1 }]);
    await db.exec('RESET ROLE; REVOKE SELECT ON cache_t FROM cache_u; SET ROLE cache_u');
    await assert.rejects(db.query(q, [1]), denied('cache_t'));
  } finally {
    await db.close();
  }
});

test('privileges survive a restart of a server on a data directory (roles in the cluster state, ACLs in the catalog)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'relata-priv-'));
  const acls = `SELECT (SELECT relacl::text FROM pg_class WHERE relname = 't') AS rel,
    (SELECT nspacl::text FROM pg_namespace WHERE nspname = 'keep_s') AS nsp,
    (SELECT attacl::text FROM pg_attribute WHERE attrelid = 'keep_s.t'::regclass AND attname = 'a') AS col`;
  const expected = [{ rel: '{postgres=arwdDxt/postgres,keep_u=a*/postgres}', nsp: '{postgres=UC/postgres,keep_u=U/postgres}', col: '{keep_u=r/postgres}' }];
  const open = async () => {
    const store = DataDirectory.open(dir);
    const srv = await RelataServer.start({ port: 0, cluster: new Cluster(store, { stateFile: store.sharedStateFile }) });
    const client = new pg.Client({ host: '127.0.0.1', port: srv.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    return { srv, client };
  };
  try {
    let { srv, client } = await open();
    await client.query(`CREATE ROLE keep_u; CREATE SCHEMA keep_s; CREATE TABLE keep_s.t (a int, b int);
      GRANT USAGE ON SCHEMA keep_s TO keep_u; GRANT SELECT (a) ON keep_s.t TO keep_u; GRANT INSERT ON keep_s.t TO keep_u WITH GRANT OPTION`);
    assert.deepEqual((await client.query(acls)).rows, expected);
    await client.end();
    await srv.close();
    ({ srv, client } = await open());
    try {
      assert.deepEqual((await client.query(acls)).rows, expected);
      await client.query('SET ROLE keep_u');
      await assert.rejects(client.query('SELECT b FROM keep_s.t'), denied('t'));
      await client.query('INSERT INTO keep_s.t (a) VALUES (1)');
      assert.deepEqual((await client.query('SELECT a FROM keep_s.t')).rows, [{ a: 1 }]);
    } finally {
      await client.end();
      await srv.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

let server: RelataServer;
before(async () => { server = await RelataServer.start({ port: 0 }); });
after(async () => { await server.close(); });

async function connect(user: string, password?: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user, database: 'postgres', password });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

test('server: two roles through node-postgres, GRANT / REVOKE enforced with PostgreSQL error fields', async () => {
  const admin = await connect('postgres');
  await admin.query("CREATE ROLE srv_alice LOGIN PASSWORD 'pw'; CREATE TABLE srv_t (id int PRIMARY KEY, v text); INSERT INTO srv_t VALUES (1, 'one')");
  const alice = await connect('srv_alice', 'pw');
  try {
    assert.deepEqual((await alice.query('SELECT current_user AS cu, session_user AS su')).rows, [{ cu: 'srv_alice', su: 'srv_alice' }]);
    await assert.rejects(alice.query('SELECT * FROM srv_t'), { code: '42501', message: 'permission denied for table srv_t', severity: 'ERROR' });
    await admin.query('GRANT SELECT, INSERT ON srv_t TO srv_alice');
    // the extended protocol's prepared statement, run before and after a REVOKE
    const named = { name: 'srv_sel', text: 'SELECT v FROM srv_t WHERE id = $1', values: [1] };
    assert.deepEqual((await alice.query(named)).rows, [{ v: 'one' }]);
    await alice.query("INSERT INTO srv_t VALUES (2, 'two')");
    await assert.rejects(alice.query('DELETE FROM srv_t'), denied('srv_t'));
    await assert.rejects(alice.query('DROP TABLE srv_t'), { code: '42501', message: 'must be owner of table srv_t' });
    await admin.query('REVOKE SELECT ON srv_t FROM srv_alice');
    await assert.rejects(alice.query(named), denied('srv_t'));
    assert.deepEqual((await admin.query(`SELECT grantee, privilege_type, is_grantable FROM information_schema.table_privileges
      WHERE table_name = 'srv_t' AND grantee = 'srv_alice'`)).rows, [{ grantee: 'srv_alice', privilege_type: 'INSERT', is_grantable: 'NO' }]);
    assert.deepEqual((await admin.query("SELECT has_table_privilege('srv_alice', 'srv_t', 'INSERT') AS i, has_table_privilege('srv_alice', 'srv_t', 'SELECT') AS s")).rows,
      [{ i: true, s: false }]);
  } finally {
    await alice.end();
    await admin.query('DROP TABLE srv_t; DROP ROLE srv_alice');
    await admin.end();
  }
});
