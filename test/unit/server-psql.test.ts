// The real psql binary against the server: what it prints is byte for byte what it prints
// against PostgreSQL 15 (the expected text below was recorded from psql -X -a on PostgreSQL 15).
// Skipped where psql is not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as c from './server-client.js';
import { runServe } from '../../src/server/serve.js';

const PSQL = '/usr/lib/postgresql/15/bin/psql';
const skip = existsSync(PSQL) ? false : 'psql 15 is not installed';

let server: c.TestServer;
before(async () => { server = await c.startServer(); });
after(async () => { await server.close(); });

/** The environment without the libpq variables that would change what psql asks for. */
function clientEnv(): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^PG(TZ|OPTIONS|DATESTYLE|CLIENTENCODING|USER|DATABASE|HOST|PORT)$/.test(k)) e[k] = v;
  return e;
}

function psql(args: string[], input = '', env: Record<string, string> = {}): Promise<{ out: string; code: number | null }> {
  const where = typeof server.port === 'string'
    ? ['-h', server.port.replace(/\/\.s\.PGSQL\.\d+$/, ''), '-p', server.port.replace(/^.*\.s\.PGSQL\./, '')]
    : ['-h', '127.0.0.1', '-p', String(server.port)];
  return new Promise((resolve, reject) => {
    // one pipe for stdout and stderr, so that errors come in order with the results
    const p = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', PSQL, '-X', ...where, ...args], { env: { ...clientEnv(), ...env } });
    let out = '';
    p.stdout.on('data', d => { out += d; });
    p.on('error', reject);
    p.on('close', code => resolve({ out, code }));
    p.stdin.end(input);
  });
}

const SCRIPT = `CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE book (id serial PRIMARY KEY, author_id int NOT NULL REFERENCES author ON DELETE CASCADE, title varchar(40), price numeric(6,2) CHECK (price > 0));
INSERT INTO author VALUES (1, 'Ann'), (2, 'Bob');
INSERT INTO book (author_id, title, price) VALUES (1, 'One', 10.5), (1, 'Two', 20), (2, 'Three', NULL) RETURNING id, title;
INSERT INTO book (author_id, title) VALUES (3, 'Nope');
INSERT INTO author VALUES (3, 'Ann');
UPDATE book SET price = -1 WHERE id = 1;
SELECT a.name, count(b.id) AS books, sum(b.price) FROM author a LEFT JOIN book b ON b.author_id = a.id GROUP BY a.name ORDER BY a.name;
BEGIN;
DELETE FROM author WHERE id = 1;
SELECT count(*) FROM book;
SELECT nosuch FROM book;
SELECT 1;
ROLLBACK;
SELECT count(*) FROM book;
DROP TABLE IF EXISTS missing;
\\x
SELECT * FROM author WHERE id = 2;
\\x
SELECT 'multi' AS a \\; SELECT 'statement' AS b;
COMMIT;
DROP TABLE book, author;
`;

const EXPECTED = `CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE
CREATE TABLE book (id serial PRIMARY KEY, author_id int NOT NULL REFERENCES author ON DELETE CASCADE, title varchar(40), price numeric(6,2) CHECK (price > 0));
CREATE TABLE
INSERT INTO author VALUES (1, 'Ann'), (2, 'Bob');
INSERT 0 2
INSERT INTO book (author_id, title, price) VALUES (1, 'One', 10.5), (1, 'Two', 20), (2, 'Three', NULL) RETURNING id, title;
 id | title 
----+-------
  1 | One
  2 | Two
  3 | Three
(3 rows)

INSERT 0 3
INSERT INTO book (author_id, title) VALUES (3, 'Nope');
psql:<stdin>:5: ERROR:  insert or update on table "book" violates foreign key constraint "book_author_id_fkey"
DETAIL:  Key (author_id)=(3) is not present in table "author".
INSERT INTO author VALUES (3, 'Ann');
psql:<stdin>:6: ERROR:  duplicate key value violates unique constraint "author_name_key"
DETAIL:  Key (name)=(Ann) already exists.
UPDATE book SET price = -1 WHERE id = 1;
psql:<stdin>:7: ERROR:  new row for relation "book" violates check constraint "book_price_check"
DETAIL:  Failing row contains (1, 1, One, -1.00).
SELECT a.name, count(b.id) AS books, sum(b.price) FROM author a LEFT JOIN book b ON b.author_id = a.id GROUP BY a.name ORDER BY a.name;
 name | books |  sum  
------+-------+-------
 Ann  |     2 | 30.50
 Bob  |     1 |      
(2 rows)

BEGIN;
BEGIN
DELETE FROM author WHERE id = 1;
DELETE 1
SELECT count(*) FROM book;
 count 
-------
     1
(1 row)

SELECT nosuch FROM book;
psql:<stdin>:12: ERROR:  column "nosuch" does not exist
LINE 1: SELECT nosuch FROM book;
               ^
SELECT 1;
psql:<stdin>:13: ERROR:  current transaction is aborted, commands ignored until end of transaction block
ROLLBACK;
ROLLBACK
SELECT count(*) FROM book;
 count 
-------
     3
(1 row)

DROP TABLE IF EXISTS missing;
psql:<stdin>:16: NOTICE:  table "missing" does not exist, skipping
DROP TABLE
\\x
Expanded display is on.
SELECT * FROM author WHERE id = 2;
-[ RECORD 1 ]
id   | 2
name | Bob

\\x
Expanded display is off.
SELECT 'multi' AS a \\; SELECT 'statement' AS b;
   a   
-------
 multi
(1 row)

     b     
-----------
 statement
(1 row)

COMMIT;
psql:<stdin>:21: WARNING:  there is no transaction in progress
COMMIT
DROP TABLE book, author;
DROP TABLE
`;

test('a script through psql -a: results, tags, errors with DETAIL and LINE, notices, warnings, \\x, \\;', { skip }, async () => {
  const { out, code } = await psql(['-a', '-U', 'postgres', '-d', c.testDatabase, '-f', '-'], SCRIPT);
  assert.equal(out, EXPECTED);
  assert.equal(code, 0);
});

const COPY_SCRIPT = `CREATE TABLE ct (a int, b text, c date DEFAULT '2000-01-01');
COPY ct (a, b) FROM STDIN;
1	one
2	\\N
3	tab\\there
\\.
COPY ct FROM STDIN WITH (FORMAT csv, HEADER);
a,b,c
4,"x, ""y""",2024-01-02
5,,
6,"",
\\.
COPY ct TO STDOUT;
COPY ct TO STDOUT WITH (FORMAT csv, HEADER);
COPY (SELECT a, b FROM ct WHERE a > 4) TO STDOUT CSV;
COPY ct (a) FROM STDIN;
x
\\.
COPY ct (a, b) FROM STDIN;
1	2	3
\\.
COPY ct (a, b) FROM STDIN;
7
\\.
COPY nosuch FROM STDIN;
COPY ct (zz) FROM STDIN;
SELECT count(*) FROM ct;
COPY ct (a, b) FROM STDIN (FORMAT csv);
4,"5
\\.
COPY ct TO STDOUT (FORMAT csv, FORCE_QUOTE *, DELIMITER ';');
BEGIN;
COPY ct (a) FROM STDIN;
10
11
\\.
SELECT count(*) FROM ct;
ROLLBACK;
SELECT count(*) FROM ct;
`;

const COPY_EXPECTED = `CREATE TABLE ct (a int, b text, c date DEFAULT '2000-01-01');
CREATE TABLE
COPY ct (a, b) FROM STDIN;
COPY 3
COPY ct FROM STDIN WITH (FORMAT csv, HEADER);
COPY 3
COPY ct TO STDOUT;
1	one	2000-01-01
2	\\N	2000-01-01
3	tab\\there	2000-01-01
4	x, "y"	2024-01-02
5	\\N	\\N
6		\\N
COPY ct TO STDOUT WITH (FORMAT csv, HEADER);
a,b,c
1,one,2000-01-01
2,,2000-01-01
3,tab	here,2000-01-01
4,"x, ""y""",2024-01-02
5,,
6,"",
COPY (SELECT a, b FROM ct WHERE a > 4) TO STDOUT CSV;
5,
6,""
COPY ct (a) FROM STDIN;
psql:<stdin>:18: ERROR:  invalid input syntax for type integer: "x"
CONTEXT:  COPY ct, line 1, column a: "x"
COPY ct (a, b) FROM STDIN;
psql:<stdin>:21: ERROR:  extra data after last expected column
CONTEXT:  COPY ct, line 1: "1	2	3"
COPY ct (a, b) FROM STDIN;
psql:<stdin>:24: ERROR:  missing data for column "b"
CONTEXT:  COPY ct, line 1: "7"
COPY nosuch FROM STDIN;
psql:<stdin>:25: ERROR:  relation "nosuch" does not exist
COPY ct (zz) FROM STDIN;
psql:<stdin>:26: ERROR:  column "zz" of relation "ct" does not exist
SELECT count(*) FROM ct;
 count 
-------
     6
(1 row)

COPY ct (a, b) FROM STDIN (FORMAT csv);
psql:<stdin>:30: ERROR:  unterminated CSV quoted field
CONTEXT:  COPY ct, line 1: "4,"5
\\.
"
COPY ct TO STDOUT (FORMAT csv, FORCE_QUOTE *, DELIMITER ';');
"1";"one";"2000-01-01"
"2";;"2000-01-01"
"3";"tab	here";"2000-01-01"
"4";"x, ""y""";"2024-01-02"
"5";;
"6";"";
BEGIN;
BEGIN
COPY ct (a) FROM STDIN;
COPY 2
SELECT count(*) FROM ct;
 count 
-------
     8
(1 row)

ROLLBACK;
ROLLBACK
SELECT count(*) FROM ct;
 count 
-------
     6
(1 row)

`;

test('COPY FROM STDIN and TO STDOUT through psql: text and csv, options, errors with their CONTEXT, in a transaction', { skip }, async () => {
  const { out, code } = await psql(['-a', '-U', 'postgres', '-d', c.testDatabase, '-f', '-'], COPY_SCRIPT);
  assert.equal(out, COPY_EXPECTED);
  assert.equal(code, 0);
});

test('psql connection errors and startup options', { skip }, async () => {
  const role = await psql(['-U', 'nobody', '-c', 'SELECT 1']);
  assert.equal(role.code, 2);
  assert.match(role.out, /^psql: error: connection to server .* failed: FATAL:  role "nobody" does not exist\n$/);
  const db = await psql(['-U', 'postgres', '-d', 'nodb', '-c', 'SELECT 1']);
  assert.match(db.out, /failed: FATAL:  database "nodb" does not exist\n$/);
  // psql's own application_name (a startup parameter) wins over the one in options
  const opts = await psql(['-U', 'postgres', '-d', c.testDatabase, '-tA', '-c', 'SHOW application_name', '-c', 'SHOW search_path', '-c', 'SHOW DateStyle'], '',
    { PGOPTIONS: '-c application_name=fromopts -c search_path=a,\\ b', PGDATESTYLE: 'SQL, DMY' });
  assert.equal(opts.out, 'psql\na, b\nSQL, DMY\n');
  const failed = await psql(['-U', 'postgres', '-d', c.testDatabase, '-tA', '-c', 'SELECT 1 AS one', '-c', 'SELECT 1/0']);
  assert.equal(failed.out, '1\nERROR:  division by zero\n');
  assert.equal(failed.code, 1);
});

test('relata serve prints where it listens and how to connect, serves psql, and stops on its signal', { skip: skip || (c.reference ? 'runs Relata itself' : false) }, async () => {
  let stop!: (sig: string) => void;
  const stopSignal = new Promise<string>(resolve => { stop = resolve; });
  let out = '';
  let port = 0;
  const done = runServe(['--port', '0'], { stdout: { write: s => { out += s; } }, stderr: { write: s => { out += s; } }, stopSignal,
    onListening: s => { port = s.port; } });
  while (!port) await c.sleep(10);
  assert.match(out, /in-memory database/);
  assert.ok(out.includes(`Connection string: postgres://postgres@127.0.0.1:${port}/postgres\n`));
  assert.ok(out.includes(`psql: psql -h 127.0.0.1 -p ${port} -U postgres postgres\n`));
  const r = await new Promise<string>((resolve, reject) => {
    const p = spawn(PSQL, ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-tA', '-c', 'SELECT 6 * 7']);
    let o = '';
    p.stdout.on('data', d => { o += d; });
    p.on('error', reject);
    p.on('close', () => resolve(o));
  });
  assert.equal(r, '42\n');
  stop('SIGTERM');
  assert.equal(await done, 0);
  assert.match(out, /Received SIGTERM: closing connections\.\n$/);
});

test('relata serve refuses --data without a directory, and bad options', async () => {
  let err = '';
  const io = { stdout: { write: () => undefined }, stderr: { write: (s: string) => { err += s; } } };
  assert.equal(await runServe(['--data'], io), 1);
  assert.match(err, /option --data needs a directory/);
  assert.equal(await runServe(['--port', 'abc'], io), 1);
  assert.match(err, /invalid port "abc"/);
});
