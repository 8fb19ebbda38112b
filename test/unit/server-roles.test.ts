// Roles and authentication: CREATE / ALTER / DROP ROLE and GRANT / REVOKE of membership with
// PostgreSQL's errors and notices (checked against PostgreSQL 15), pg_roles / pg_authid /
// pg_auth_members, SCRAM-SHA-256 logins (node-postgres and psql), trust on loopback for
// roles without a password, and the FATAL errors of a refused login.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';
import * as c from './server-client.js';
import { failure, pgErrorFields as fields } from './server-client.js';

let server: RelataServer;
before(async () => { server = await RelataServer.start({ port: 0 }); });
after(async () => { await server.close(); });

async function connect(user = 'postgres', password?: string, database = 'postgres', port = server.port): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, database, password });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

test('CREATE ROLE / USER with attributes; pg_roles, pg_authid (a SCRAM verifier, never the password), pg_user', async () => {
  const admin = await connect();
  await admin.query("CREATE ROLE r_base");
  await admin.query("CREATE USER r_user PASSWORD 'secret' CREATEDB VALID UNTIL '2030-01-01'");
  await admin.query("CREATE ROLE r_super WITH SUPERUSER CREATEROLE NOINHERIT LOGIN REPLICATION BYPASSRLS CONNECTION LIMIT 4 IN ROLE r_base");
  await admin.query("CREATE ROLE r_group ROLE r_user ADMIN r_super");
  const roles = await admin.query(`SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit,
    rolpassword, rolvaliduntil::text, rolbypassrls FROM pg_roles WHERE rolname LIKE 'r\\_%' ORDER BY 1`);
  assert.deepEqual(roles.rows, [
    { rolname: 'r_base', rolsuper: false, rolinherit: true, rolcreaterole: false, rolcreatedb: false, rolcanlogin: false, rolreplication: false, rolconnlimit: -1, rolpassword: '********', rolvaliduntil: null, rolbypassrls: false },
    { rolname: 'r_group', rolsuper: false, rolinherit: true, rolcreaterole: false, rolcreatedb: false, rolcanlogin: false, rolreplication: false, rolconnlimit: -1, rolpassword: '********', rolvaliduntil: null, rolbypassrls: false },
    { rolname: 'r_super', rolsuper: true, rolinherit: false, rolcreaterole: true, rolcreatedb: false, rolcanlogin: true, rolreplication: true, rolconnlimit: 4, rolpassword: '********', rolvaliduntil: null, rolbypassrls: true },
    { rolname: 'r_user', rolsuper: false, rolinherit: true, rolcreaterole: false, rolcreatedb: true, rolcanlogin: true, rolreplication: false, rolconnlimit: -1, rolpassword: '********', rolvaliduntil: '2030-01-01 00:00:00+00', rolbypassrls: false },
  ]);
  const secret = (await admin.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'r_user'")).rows[0].rolpassword;
  assert.match(secret, /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
  const members = await admin.query(`SELECT r.rolname AS role, m.rolname AS member, admin_option, g.rolname AS grantor FROM pg_auth_members a
    JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.grantor WHERE r.rolname LIKE 'r\\_%' ORDER BY 1, 2`);
  assert.deepEqual(members.rows, [
    { role: 'r_base', member: 'r_super', admin_option: false, grantor: 'postgres' },
    { role: 'r_group', member: 'r_super', admin_option: true, grantor: 'postgres' },
    { role: 'r_group', member: 'r_user', admin_option: false, grantor: 'postgres' },
  ]);
  assert.deepEqual((await admin.query("SELECT usename, usecreatedb, usesuper, passwd FROM pg_user WHERE usename LIKE 'r\\_%' ORDER BY 1")).rows, [
    { usename: 'r_super', usecreatedb: false, usesuper: true, passwd: '********' },
    { usename: 'r_user', usecreatedb: true, usesuper: false, passwd: '********' },
  ]);
  await admin.query('DROP ROLE r_group, r_super, r_user, r_base');
  await admin.end();
});

test("role DDL: PostgreSQL's errors, notices and warnings; ROLLBACK undoes it", async () => {
  const admin = await connect();
  const notices: string[] = [];
  admin.on('notice', n => notices.push(`${n.severity} ${n.code} ${n.message}`));
  await admin.query('CREATE ROLE e_a');
  assert.deepEqual(fields(await failure(admin.query('CREATE ROLE e_a'))), { code: '42710', message: 'role "e_a" already exists' });
  assert.deepEqual(fields(await failure(admin.query('CREATE ROLE pg_foo'))), { code: '42939', message: 'role name "pg_foo" is reserved', detail: 'Role names starting with "pg_" are reserved.' });
  assert.deepEqual(fields(await failure(admin.query('CREATE ROLE e_b IN ROLE nosuch'))), { code: '42704', message: 'role "nosuch" does not exist' });
  assert.deepEqual(fields(await failure(admin.query('CREATE ROLE e_b LOGIN LOGIN'))), { code: '42601', message: 'conflicting or redundant options' });
  await admin.query('CREATE ROLE e_b SYSID 5');
  await admin.query('GRANT e_a TO e_b');
  await admin.query('GRANT e_a TO e_b');
  assert.deepEqual(fields(await failure(admin.query('GRANT e_b TO e_a'))), { code: '0LP01', message: 'role "e_b" is a member of role "e_a"' });
  assert.deepEqual(fields(await failure(admin.query('GRANT e_a TO e_a'))), { code: '0LP01', message: 'role "e_a" is a member of role "e_a"' });
  await admin.query('REVOKE e_a FROM e_b');
  await admin.query('REVOKE e_a FROM e_b');
  assert.deepEqual(fields(await failure(admin.query('DROP ROLE postgres'))), { code: '55006', message: 'current user cannot be dropped' });
  assert.deepEqual(fields(await failure(admin.query('DROP ROLE pg_monitor'))), { code: '2BP01', message: 'cannot drop role pg_monitor because it is required by the database system' });
  await admin.query('CREATE SCHEMA e_s');
  await admin.query('CREATE TABLE e_s.t (a int)');
  assert.deepEqual(fields(await failure(admin.query('ALTER ROLE postgres RENAME TO x'))), { code: '0A000', message: 'session user cannot be renamed' });
  await admin.query('DROP ROLE IF EXISTS nosuch, e_b');
  assert.deepEqual(fields(await failure(admin.query('DROP ROLE nosuch'))), { code: '42704', message: 'role "nosuch" does not exist' });
  await admin.query('BEGIN');
  await admin.query('CREATE ROLE e_tx');
  await admin.query('ALTER ROLE e_a RENAME TO e_renamed');
  await admin.query('ROLLBACK');
  assert.deepEqual((await admin.query("SELECT rolname FROM pg_roles WHERE rolname LIKE 'e\\_%' ORDER BY 1")).rows, [{ rolname: 'e_a' }]);
  await admin.query('ALTER ROLE e_a SET search_path = x, "Y"');
  assert.deepEqual((await admin.query("SELECT rolconfig FROM pg_roles WHERE rolname = 'e_a'")).rows, [{ rolconfig: ['search_path=x, "Y"'] }]);
  await admin.query('ALTER ROLE e_a RESET ALL');
  await admin.query('DROP ROLE e_a');
  assert.deepEqual(notices, [
    'NOTICE 00000 SYSID can no longer be specified',
    'NOTICE 00000 role "e_b" is already a member of role "e_a"',
    'WARNING 01000 role "e_b" is not a member of role "e_a"',
    'NOTICE 00000 role "nosuch" does not exist, skipping',
  ]);
  await admin.query('DROP SCHEMA e_s CASCADE');
  await admin.end();
});

test('a role that owns objects cannot be dropped: the DETAIL lists them', async () => {
  const admin = await connect();
  await admin.query('CREATE ROLE owner_r LOGIN CREATEDB');
  // PostgreSQL 15: only the database owner may create in public unless granted
  await admin.query('GRANT CREATE ON SCHEMA public TO PUBLIC');
  const owner = await connect('owner_r');
  await owner.query('CREATE TABLE owned (a int)');
  await owner.query('CREATE DATABASE owned_db');
  await owner.end();
  assert.deepEqual(fields(await failure(admin.query('DROP ROLE owner_r'))), {
    code: '2BP01', message: 'role "owner_r" cannot be dropped because some objects depend on it', detail: 'owner of table owned\nowner of database owned_db' });
  await admin.query('DROP TABLE owned');
  await admin.query('DROP DATABASE owned_db');
  await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  await admin.query('DROP ROLE owner_r');
  await admin.end();
});

test('a role without CREATEROLE or superuser is refused; CREATEDB lets it create databases; is_superuser is reported', async () => {
  const admin = await connect();
  await admin.query('CREATE ROLE plain LOGIN CREATEDB');
  const statuses: Record<string, string> = {};
  const plain = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'plain', database: 'postgres' });
  plain.on('error', () => undefined);
  (plain as any).connection.on('parameterStatus', (m: any) => { statuses[m.parameterName] = m.parameterValue; });
  await plain.connect();
  assert.equal(statuses.is_superuser, 'off');
  assert.equal(statuses.session_authorization, 'plain');
  assert.deepEqual(fields(await failure(plain.query('CREATE ROLE nope'))), { code: '42501', message: 'permission denied to create role' });
  assert.deepEqual(fields(await failure(plain.query('ALTER ROLE postgres NOSUPERUSER'))),
    { code: '42501', message: 'must be superuser to alter superuser roles or change superuser attribute' });
  await plain.query('CREATE DATABASE plain_db');
  assert.deepEqual((await plain.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'plain_db'")).rows, [{ owner: 'plain' }]);
  await plain.query('DROP DATABASE plain_db');
  assert.deepEqual((await plain.query("SELECT current_user, session_user, pg_has_role('plain', 'member') AS m")).rows, [{ current_user: 'plain', session_user: 'plain', m: true }]);
  await plain.end();
  await admin.query('ALTER ROLE plain NOLOGIN');
  assert.deepEqual(fields(await failure(connect('plain'))), { code: '28000', message: 'role "plain" is not permitted to log in' });
  await admin.query('DROP ROLE plain');
  await admin.end();
});

test('SCRAM-SHA-256: the right password logs in, a wrong or missing one does not; roles without a password are trusted on loopback', async () => {
  const admin = await connect();
  await admin.query("CREATE ROLE alice LOGIN PASSWORD 'correct horse'");
  await admin.query('CREATE ROLE bob LOGIN');
  const alice = await connect('alice', 'correct horse');
  assert.deepEqual((await alice.query('SELECT current_user')).rows, [{ current_user: 'alice' }]);
  await alice.end();
  assert.deepEqual(fields(await failure(connect('alice', 'wrong'))), { code: '28P01', message: 'password authentication failed for user "alice"' });
  const noPassword = await failure(connect('alice'));
  assert.match(noPassword.message, /password/);
  const bob = await connect('bob');
  assert.deepEqual((await bob.query('SELECT current_user')).rows, [{ current_user: 'bob' }]);
  await bob.end();
  assert.deepEqual(fields(await failure(connect('nobody'))), { code: '28000', message: 'role "nobody" does not exist' });
  // a password that has expired fails like a wrong one
  await admin.query("ALTER ROLE alice VALID UNTIL '2001-01-01'");
  assert.equal((await failure(connect('alice', 'correct horse'))).code, '28P01');
  await admin.query("ALTER ROLE alice VALID UNTIL 'infinity' PASSWORD 'new one'");
  await (await connect('alice', 'new one')).end();
  await admin.query('DROP ROLE alice, bob');
  await admin.end();
});

test('the protocol of a SCRAM exchange: AuthenticationSASL, Continue, Final, then AuthenticationOk', async () => {
  const admin = await connect();
  await admin.query("CREATE ROLE carol LOGIN PASSWORD 'pw'");
  await admin.end();
  const raw = await c.RawClient.connect(server.port);
  raw.send(c.startupMessage({ user: 'carol', database: 'postgres' }));
  const sasl = (await raw.next())!;
  assert.equal(sasl.type, 'R');
  assert.equal(sasl.body.readInt32BE(0), 10);
  assert.deepEqual(sasl.body.subarray(4).toString().split('\0'), ['SCRAM-SHA-256', '', '']);
  // a message other than a SASL response is a protocol violation
  raw.send(c.query('SELECT 1'));
  const err = (await raw.next())!;
  assert.deepEqual(c.errorFields(err), { S: 'FATAL', V: 'FATAL', C: '08P01', M: 'expected SASL response, got message type 81' });
  assert.equal(await raw.next(), null);
  const a2 = await connect();
  await a2.query('DROP ROLE carol');
  await a2.end();
});

test("--auth scram: every role needs a password; a role without one fails like a wrong password", async () => {
  const strict = await RelataServer.start({ port: 0, auth: 'scram', cluster: server.cluster });
  try {
    const admin = await connect();
    await admin.query("CREATE ROLE dave LOGIN PASSWORD 'pw'");
    await admin.end();
    await (await connect('dave', 'pw', 'postgres', strict.port)).end();
    assert.deepEqual(fields(await failure(connect('postgres', 'anything', 'postgres', strict.port))),
      { code: '28P01', message: 'password authentication failed for user "postgres"' });
    assert.deepEqual(fields(await failure(connect('nobody', 'anything', 'postgres', strict.port))),
      { code: '28P01', message: 'password authentication failed for user "nobody"' });
    const a2 = await connect();
    await a2.query('DROP ROLE dave');
    await a2.end();
  } finally {
    await (strict as any).listener.close(); // stops listening; the cluster stays open for the others
  }
});

const PSQL = '/usr/lib/postgresql/15/bin/psql';

test('psql logs in with a password (libpq speaks SCRAM)', { skip: existsSync(PSQL) ? false : 'psql 15 is not installed' }, async () => {
  const admin = await connect();
  await admin.query("CREATE ROLE erin LOGIN PASSWORD 's3cr3t'");
  const run = (password: string) => new Promise<string>((resolve, reject) => {
    const p = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', PSQL, '-X', '-At', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'erin', '-c', 'SELECT current_user', 'postgres'],
      { env: { ...process.env, PGPASSWORD: password } });
    let text = '';
    p.stdout.on('data', d => { text += d; });
    p.on('error', reject);
    p.on('close', () => resolve(text));
    p.stdin.end();
  });
  assert.equal(await run('s3cr3t'), 'erin\n');
  assert.equal(await run('nope'), `psql: error: connection to server at "127.0.0.1", port ${server.port} failed: FATAL:  password authentication failed for user "erin"\n`);
  await admin.query('DROP ROLE erin');
  await admin.end();
});

test('SET ROLE and SET SESSION AUTHORIZATION change current_user and session_user as in PostgreSQL', async () => {
  const admin = await connect();
  const statuses: Record<string, string> = {};
  (admin as any).connection.on('parameterStatus', (m: any) => { statuses[m.parameterName] = m.parameterValue; });
  await admin.query('CREATE ROLE sr_a; CREATE ROLE sr_b LOGIN; GRANT sr_a TO sr_b; GRANT CREATE ON SCHEMA public TO sr_a');
  const who = async () => (await admin.query('SELECT current_user AS c, session_user AS s')).rows[0];
  await admin.query('SET SESSION AUTHORIZATION sr_b');
  assert.deepEqual(await who(), { c: 'sr_b', s: 'sr_b' });
  assert.deepEqual([statuses.session_authorization, statuses.is_superuser], ['sr_b', 'off']);
  await admin.query('SET ROLE sr_a');
  assert.deepEqual(await who(), { c: 'sr_a', s: 'sr_b' });
  await admin.query('CREATE TABLE owned_by_a (x int)');
  assert.deepEqual((await admin.query("SELECT tableowner FROM pg_tables WHERE tablename = 'owned_by_a'")).rows, [{ tableowner: 'sr_a' }]);
  assert.deepEqual(fields(await failure(admin.query('SET ROLE postgres'))), { code: '42501', message: 'permission denied to set role "postgres"' });
  await admin.query('RESET ROLE');
  assert.deepEqual(await who(), { c: 'sr_b', s: 'sr_b' });
  assert.deepEqual(fields(await failure(admin.query('SET ROLE nosuch'))), { code: '22023', message: 'role "nosuch" does not exist' });
  await admin.query('RESET SESSION AUTHORIZATION');
  assert.deepEqual(await who(), { c: 'postgres', s: 'postgres' });
  assert.deepEqual([statuses.session_authorization, statuses.is_superuser], ['postgres', 'on']);
  await admin.query('DROP TABLE owned_by_a; REVOKE CREATE ON SCHEMA public FROM sr_a; DROP ROLE sr_b; DROP ROLE sr_a');
  await admin.end();
  const plain = await connect();
  await plain.query('CREATE ROLE sr_c LOGIN');
  await plain.end();
  const c2 = await connect('sr_c');
  assert.deepEqual(fields(await failure(c2.query('SET SESSION AUTHORIZATION postgres'))), { code: '42501', message: 'permission denied to set session authorization' });
  await c2.end();
  const a2 = await connect();
  await a2.query('DROP ROLE sr_c');
  await a2.end();
});
