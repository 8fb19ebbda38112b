#!/usr/bin/env node
// Run by scripts/bundle.js: ordinary statements through dist/relata-cached.mjs (tables with
// keys, parameterized inserts, queries with joins, aggregates and subqueries, updates, deletes,
// errors), then the code V8 compiled for them is written as dist/relata.cjs.cache.
const { Database, writeCodeCache } = await import(new URL('../dist/relata-cached.mjs', import.meta.url).href);
const db = await Database.open();
await db.query('SELECT 1');
await db.exec(`CREATE TABLE a (id serial PRIMARY KEY, name varchar(50) UNIQUE NOT NULL, at timestamp DEFAULT now());
CREATE TABLE b (id int PRIMARY KEY REFERENCES a ON DELETE CASCADE, note text);
CREATE TABLE c (id serial PRIMARY KEY, a_id int NOT NULL REFERENCES a ON DELETE CASCADE, v numeric(10,2) CHECK (v > 0));
CREATE INDEX ON c (a_id);`);
await db.query('BEGIN');
for (let i = 1; i <= 50; i++) {
  await db.query('INSERT INTO a (name) VALUES ($1)', [`n${i}`]);
  await db.query('INSERT INTO b (id, note) VALUES ($1, $2)', [i, `note ${i}`]);
  await db.query('INSERT INTO c (a_id, v) VALUES ($1, $2)', [i, `${i}.50`]);
}
await db.query('COMMIT');
for (let i = 1; i <= 20; i++) {
  await db.query('SELECT a.name, b.note FROM a JOIN b ON b.id = a.id WHERE a.id = $1', [i], { rowMode: 'array' });
  await db.query('SELECT count(*), sum(v) FROM c WHERE a_id = $1', [i]);
  await db.query('UPDATE b SET note = $2 WHERE id = $1', [i, 'x']);
}
await db.query('DELETE FROM b WHERE id = $1', [5]);
await db.query('SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.id = a.id)');
await db.query('SELECT count(*), count(b.id) FROM a LEFT JOIN b ON b.id = a.id');
await db.query('SELECT a.id, count(c.id) FROM a JOIN c ON c.a_id = a.id GROUP BY a.id ORDER BY 2 DESC LIMIT 5');
await db.query('DELETE FROM a WHERE id = $1', [7]);
for (const sql of ['INSERT INTO c (a_id, v) VALUES (9999, 1)', 'INSERT INTO a (name) VALUES (NULL)', 'SELECT 1/0']) {
  try { await db.query(sql); } catch { /* the error path is compiled too */ }
}
await db.close();
writeCodeCache();
