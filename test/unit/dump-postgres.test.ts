// A Relata database dumped, loaded into a PostgreSQL 15 server the test starts, and compared:
// psql loads the script with ON_ERROR_STOP, PostgreSQL then holds the same rows, constraints,
// columns, indexes, sequences and comments, and dumping it again — with relata dump and with
// pg_dump itself — gives back the same script. Skipped when the binaries are not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Database } from '../../src/api/index.js';
import { databaseSource, urlSource, type DumpSource, type Row } from '../../src/dump/source.js';
import { KEY, SCHEMA, dumpText } from './dump-schema.js';
import { noPostgres, startPostgres, type PgServer } from './dump-postgres-server.js';

const skip = noPostgres;
let pg: PgServer | undefined;
let db: Database;
let relata: DumpSource;
let script: string;

before(async () => {
  if (skip) return;
  db = await Database.open();
  await db.exec(SCHEMA);
  relata = databaseSource(db);
  script = await dumpText(relata);
  pg = startPostgres();
});

after(async () => {
  pg?.stop();
  await db?.close();
});

/** The lines that name the programs and versions, which differ by design. */
const normalize = (s: string) => s.replace(/^-- Dumped (from|by) .*\n/gm, '').replace(/^\\(un)?restrict \S+$/gm, '\\$1restrict KEY');

test('the dump of a Relata database loads into PostgreSQL 15 with psql -v ON_ERROR_STOP=1', { skip }, async () => {
  assert.equal((await pg!.run('psql', ['-X', '-q', '-d', 'postgres', '-c', 'CREATE DATABASE restored'])).code, 0);
  const r = await pg!.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'restored', '-f', '-'], script);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
});

/** What both databases must agree on, each as sorted rows of text. */
const CONTENT_QUERIES = [
  `SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
  `SELECT n.nspname, c.relname, k.conname, k.contype, pg_catalog.pg_get_constraintdef(k.oid), k.conislocal, k.coninhcount
   FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  `SELECT table_schema, table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,
   column_default, is_nullable, is_identity, identity_generation, identity_start, identity_increment
   FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
  `SELECT schemaname, tablename, indexname, indexdef FROM pg_catalog.pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  `SELECT schemaname, sequencename, data_type, start_value, min_value, max_value, increment_by, cycle, cache_size, last_value
   FROM pg_catalog.pg_sequences`,
  `SELECT c.relname, p.relname, i.inhseqno FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
   JOIN pg_catalog.pg_class p ON p.oid = i.inhparent`,
  `SELECT c.relname, d.objsubid, d.description FROM pg_catalog.pg_description d JOIN pg_catalog.pg_class c ON c.oid = d.objoid
   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE d.classoid = 1259 AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  `SELECT k.conname, d.description FROM pg_catalog.pg_description d JOIN pg_catalog.pg_constraint k ON k.oid = d.objoid WHERE d.classoid = 2606`,
  `SELECT n.nspname, d.description FROM pg_catalog.pg_description d JOIN pg_catalog.pg_namespace n ON n.oid = d.objoid
   WHERE d.classoid = 2615 AND n.nspname IN ('app', 'Other Schema')`,
];

const sorted = (rows: Row[]) => rows.map(r => JSON.stringify(r)).sort();

async function settle(src: DumpSource): Promise<void> {
  for (const s of ["SET TimeZone = 'UTC'", 'SET DateStyle = ISO', 'SET extra_float_digits = 3']) await src.query(s);
}

test('PostgreSQL then holds the same rows, constraints, columns, indexes, sequences and comments', { skip }, async () => {
  const restored = await urlSource(pg!.url('restored'));
  try {
    await settle(relata);
    await settle(restored);
    for (const q of CONTENT_QUERIES) assert.deepEqual(sorted(await restored.query(q)), sorted(await relata.query(q)), q);
    const tables = await relata.query(`SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')`);
    assert.equal(tables.length, 27);
    for (const [t] of tables) {
      const rows = await relata.query(`SELECT * FROM ONLY ${t}`);
      assert.deepEqual(sorted(await restored.query(`SELECT * FROM ONLY ${t}`)), sorted(rows), t!);
    }
  } finally {
    await restored.close();
  }
});

test('dumping the restored PostgreSQL database gives back the same script', { skip }, async () => {
  const restored = await urlSource(pg!.url('restored'));
  try {
    assert.equal(normalize(await dumpText(restored)), normalize(script));
  } finally {
    await restored.close();
  }
});

test("pg_dump's own dump of the restored database is the same script", { skip }, async () => {
  const r = await pg!.run('pg_dump', ['restored']);
  assert.equal(r.code, 0, r.err);
  assert.equal(normalize(r.out), normalize(script));
});

test('privileges (GRANT / REVOKE) come back as they were granted', { skip }, async () => {
  assert.match(script, /^GRANT SELECT ON TABLE app\.customer TO PUBLIC;$/m);
  assert.match(script, /^GRANT SELECT\(id\) ON TABLE app\.orders TO PUBLIC;$/m);
  assert.match(script, /^REVOKE ALL ON TABLE public\.b FROM postgres;$/m);
  const restored = await urlSource(pg!.url('restored'));
  try {
    const acls = `SELECT c.relname, c.relacl::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('app', 'public') AND c.relacl IS NOT NULL
      UNION ALL SELECT nspname, nspacl::text FROM pg_catalog.pg_namespace WHERE nspname = 'app'
      UNION ALL SELECT typname, typacl::text FROM pg_catalog.pg_type WHERE typname = 'mood'
      UNION ALL SELECT attname, attacl::text FROM pg_catalog.pg_attribute WHERE attrelid = 'app.orders'::regclass AND attacl IS NOT NULL`;
    const rows = await relata.query(acls);
    assert.equal(rows.length, 10);
    assert.deepEqual(sorted(await restored.query(acls)), sorted(rows));
  } finally {
    await restored.close();
  }
});
