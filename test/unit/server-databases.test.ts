// Several databases on one server: CREATE / DROP / ALTER DATABASE with PostgreSQL's errors
// (checked against PostgreSQL 15), templates copied with their objects and rows, settings
// applied at connection, sessions that keep a database busy, pg_database and psql's \l, \c.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';
import { Cluster } from '../../src/session/cluster.js';
import { MemoryStore } from '../../src/session/memory-store.js';
import { failure, pgErrorFields as fields } from './server-client.js';

let server: RelataServer;
before(async () => { server = await RelataServer.start({ port: 0, cluster: new Cluster(new MemoryStore(), { busyWaitMs: 200 }) }); });
after(async () => { await server.close(); });

async function connect(database = 'postgres', user = 'postgres'): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user, database });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

test('CREATE DATABASE makes a database of its own; DROP DATABASE removes it', async () => {
  const admin = await connect();
  assert.equal((await admin.query('CREATE DATABASE shop')).command, 'CREATE');
  const shop = await connect('shop');
  assert.deepEqual((await shop.query('SELECT current_database() AS db, current_catalog AS cat')).rows, [{ db: 'shop', cat: 'shop' }]);
  await shop.query('CREATE TABLE item (id int PRIMARY KEY)');
  assert.equal((await failure(admin.query('SELECT * FROM item'))).code, '42P01');
  const dbs = await admin.query("SELECT datname, datistemplate, datallowconn, pg_catalog.pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS enc FROM pg_database ORDER BY datname");
  assert.deepEqual(dbs.rows, [
    { datname: 'postgres', datistemplate: false, datallowconn: true, owner: 'postgres', enc: 'UTF8' },
    { datname: 'shop', datistemplate: false, datallowconn: true, owner: 'postgres', enc: 'UTF8' },
    { datname: 'template0', datistemplate: true, datallowconn: false, owner: 'postgres', enc: 'UTF8' },
    { datname: 'template1', datistemplate: true, datallowconn: true, owner: 'postgres', enc: 'UTF8' },
  ]);
  await shop.end();
  // the client has just gone: the server waits for its session to end, as PostgreSQL does
  await admin.query('DROP DATABASE shop');
  assert.equal((await admin.query("SELECT count(*)::int AS n FROM pg_database WHERE datname = 'shop'")).rows[0].n, 0);
  const gone = await failure(connect('shop'));
  assert.deepEqual(fields(gone), { code: '3D000', message: 'database "shop" does not exist' });
  await admin.end();
});

test("PostgreSQL's errors and notices for CREATE and DROP DATABASE", async () => {
  const admin = await connect();
  const notices: string[] = [];
  admin.on('notice', n => notices.push(`${n.code} ${n.message}`));
  await admin.query('CREATE DATABASE errs');
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE errs'))), { code: '42P04', message: 'database "errs" already exists' });
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE e2 TEMPLATE nosuch'))), { code: '3D000', message: 'template database "nosuch" does not exist' });
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE e2 WITH bogus 1'))), { code: '42601', message: 'option "bogus" not recognized' });
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE e2 OWNER postgres OWNER postgres'))), { code: '42601', message: 'conflicting or redundant options' });
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE e2 OWNER nosuchrole'))), { code: '42704', message: 'role "nosuchrole" does not exist' });
  assert.deepEqual(fields(await failure(admin.query("CREATE DATABASE e2 ENCODING 'LATIN99'"))), { code: '42704', message: 'LATIN99 is not a valid encoding name' });
  assert.deepEqual(fields(await failure(admin.query("CREATE DATABASE e2 ENCODING 'LATIN1'"))), {
    code: '22023', message: 'new encoding (LATIN1) is incompatible with the encoding of the template database (UTF8)',
    hint: 'Use the same encoding as in the template database, or use template0 as template.' });
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE e2 CONNECTION LIMIT -5'))), { code: '22023', message: 'invalid connection limit: -5' });
  await admin.query("CREATE DATABASE e3 WITH OWNER = postgres ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0 CONNECTION LIMIT 5 IS_TEMPLATE false ALLOW_CONNECTIONS true");
  await admin.query('BEGIN');
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE e4'))), { code: '25001', message: 'CREATE DATABASE cannot run inside a transaction block' });
  await admin.query('ROLLBACK');
  assert.deepEqual(fields(await failure(admin.query('DROP DATABASE nosuch'))), { code: '3D000', message: 'database "nosuch" does not exist' });
  assert.equal((await admin.query('DROP DATABASE IF EXISTS nosuch')).command, 'DROP');
  assert.deepEqual(notices, ['00000 database "nosuch" does not exist, skipping']);
  assert.deepEqual(fields(await failure(admin.query('DROP DATABASE postgres'))), { code: '55006', message: 'cannot drop the currently open database' });
  assert.deepEqual(fields(await failure(admin.query('DROP DATABASE template1'))), { code: '42809', message: 'cannot drop a template database' });
  assert.deepEqual(fields(await failure(connect('template0'))), { code: '55000', message: 'database "template0" is not currently accepting connections' });
  await admin.query('DROP DATABASE errs');
  await admin.query('DROP DATABASE e3');
  await admin.end();
});

test('a database in use by another session: DROP and CREATE … TEMPLATE wait, then refuse; WITH (FORCE) ends the session', async () => {
  const admin = await connect();
  await admin.query('CREATE DATABASE busy');
  const user = await connect('busy');
  const busy = await failure(admin.query('DROP DATABASE busy'));
  assert.deepEqual(fields(busy), { code: '55006', message: 'database "busy" is being accessed by other users', detail: 'There is 1 other session using the database.' });
  const second = await connect('busy');
  assert.deepEqual(fields(await failure(admin.query('CREATE DATABASE copy TEMPLATE busy'))),
    { code: '55006', message: 'source database "busy" is being accessed by other users', detail: 'There are 2 other sessions using the database.' });
  assert.deepEqual(fields(await failure(admin.query('ALTER DATABASE busy RENAME TO idle'))),
    { code: '55006', message: 'database "busy" is being accessed by other users', detail: 'There are 2 other sessions using the database.' });
  const ended = new Promise<any>(resolve => user.on('error', resolve));
  await admin.query('DROP DATABASE busy WITH (FORCE)');
  assert.deepEqual(fields(await ended), { code: '57P01', message: 'terminating connection due to administrator command' });
  await admin.end();
  await second.end().catch(() => undefined);
});

test('CREATE DATABASE … TEMPLATE copies the committed objects and rows of the template', async () => {
  const admin = await connect();
  await admin.query('CREATE DATABASE tmpl');
  const t = await connect('tmpl');
  await t.query(`CREATE TABLE parent (id serial PRIMARY KEY, name text UNIQUE);
    CREATE TABLE child (id int PRIMARY KEY, p int REFERENCES parent ON DELETE CASCADE);
    INSERT INTO parent (name) VALUES ('a'), ('b'); INSERT INTO child VALUES (1, 1), (2, 2)`);
  await t.end();
  await admin.query('CREATE DATABASE copied TEMPLATE tmpl');
  const c = await connect('copied');
  assert.deepEqual((await c.query('SELECT p.name, c.id FROM child c JOIN parent p ON p.id = c.p ORDER BY 2')).rows, [{ name: 'a', id: 1 }, { name: 'b', id: 2 }]);
  await c.query('DELETE FROM parent WHERE id = 1');
  assert.deepEqual((await c.query('SELECT id FROM child')).rows, [{ id: 2 }]);
  assert.deepEqual((await c.query("INSERT INTO parent (name) VALUES ('c') RETURNING id")).rows, [{ id: 3 }]);
  assert.equal((await failure(c.query("INSERT INTO parent (name) VALUES ('b')"))).code, '23505');
  await c.end();
  const t2 = await connect('tmpl');
  assert.deepEqual((await t2.query('SELECT count(*)::int AS n FROM child')).rows, [{ n: 2 }]);
  await t2.end();
  await admin.query('DROP DATABASE copied');
  await admin.query('DROP DATABASE tmpl');
  await admin.end();
});

test('ALTER DATABASE: SET (applied when a session starts), RESET, RENAME, CONNECTION LIMIT, IS_TEMPLATE', async () => {
  const admin = await connect();
  await admin.query('CREATE DATABASE conf');
  await admin.query("ALTER DATABASE conf SET search_path = app, public");
  await admin.query("ALTER DATABASE conf SET DateStyle = 'German'");
  assert.deepEqual(fields(await failure(admin.query('ALTER DATABASE conf SET nosuch_param = 1'))), { code: '42704', message: 'unrecognized configuration parameter "nosuch_param"' });
  assert.deepEqual(fields(await failure(admin.query('ALTER DATABASE nosuch SET work_mem = 1'))), { code: '3D000', message: 'database "nosuch" does not exist' });
  const settings = await admin.query("SELECT setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE datname = 'conf'");
  assert.deepEqual(settings.rows, [{ setconfig: ['search_path=app, public', 'DateStyle=German'] }]);
  const s = await connect('conf');
  assert.deepEqual((await s.query('SHOW search_path')).rows, [{ search_path: 'app, public' }]);
  assert.deepEqual((await s.query("SELECT date '2024-03-05'::text AS d")).rows, [{ d: '05.03.2024' }]);
  await s.end();
  await admin.query('ALTER DATABASE conf RESET DateStyle');
  const s2 = await connect('conf');
  assert.deepEqual((await s2.query('SHOW DateStyle')).rows, [{ DateStyle: 'ISO, MDY' }]);
  await s2.end();
  await admin.query('ALTER DATABASE conf RESET ALL');
  assert.equal((await admin.query("SELECT count(*)::int AS n FROM pg_db_role_setting")).rows[0].n, 0);
  await admin.query('ALTER DATABASE conf RENAME TO conf2');
  assert.deepEqual(fields(await failure(admin.query('ALTER DATABASE conf2 RENAME TO postgres'))), { code: '42P04', message: 'database "postgres" already exists' });
  assert.deepEqual(fields(await failure(admin.query('ALTER DATABASE postgres RENAME TO x'))), { code: '0A000', message: 'current database cannot be renamed' });
  const renamed = await connect('conf2');
  assert.deepEqual((await renamed.query('SELECT current_database()')).rows, [{ current_database: 'conf2' }]);
  await renamed.end();
  await admin.query('ALTER DATABASE conf2 CONNECTION LIMIT 3');
  await admin.query('ALTER DATABASE conf2 IS_TEMPLATE true');
  assert.deepEqual((await admin.query("SELECT datconnlimit, datistemplate FROM pg_database WHERE datname = 'conf2'")).rows, [{ datconnlimit: 3, datistemplate: true }]);
  assert.equal((await failure(admin.query('DROP DATABASE conf2'))).code, '42809');
  await admin.query('ALTER DATABASE conf2 IS_TEMPLATE false');
  await admin.query('DROP DATABASE conf2');
  await admin.end();
});

const PSQL = '/usr/lib/postgresql/15/bin/psql';

test('psql: \\l lists the databases, \\c moves between them', { skip: existsSync(PSQL) ? false : 'psql 15 is not installed' }, async () => {
  const script = 'CREATE DATABASE psqldb;\n\\c psqldb\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (7);\n\\c postgres\nSELECT count(*) FROM pg_database;\n\\c psqldb\nTABLE t;\n\\c postgres\nDROP DATABASE psqldb;\n\\l\n';
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', PSQL, '-X', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', 'postgres'],
      { env: { ...process.env, PGPASSWORD: '', PGOPTIONS: '' } });
    let text = '';
    p.stdout.on('data', d => { text += d; });
    p.on('error', reject);
    p.on('close', () => resolve(text));
    p.stdin.end(script);
  });
  assert.equal(out, `CREATE DATABASE
You are now connected to database "psqldb" as user "postgres".
CREATE TABLE
INSERT 0 1
You are now connected to database "postgres" as user "postgres".
 count 
-------
     4
(1 row)

You are now connected to database "psqldb" as user "postgres".
 a 
---
 7
(1 row)

You are now connected to database "postgres" as user "postgres".
DROP DATABASE
                                            List of databases
   Name    |  Owner   | Encoding | Collate | Ctype | ICU Locale | Locale Provider |   Access privileges   
-----------+----------+----------+---------+-------+------------+-----------------+-----------------------
 postgres  | postgres | UTF8     | C       | C     |            | libc            | 
 template0 | postgres | UTF8     | C       | C     |            | libc            | =c/postgres          +
           |          |          |         |       |            |                 | postgres=CTc/postgres
 template1 | postgres | UTF8     | C       | C     |            | libc            | =c/postgres          +
           |          |          |         |       |            |                 | postgres=CTc/postgres
(3 rows)

`);
});
