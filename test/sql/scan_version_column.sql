-- Sequential scans that take a version as visible without loading it, from what an earlier
-- scan recorded of the heap (never deleted, the same values array): deletes committed,
-- rolled back and made by the reading transaction, TRUNCATE rolled back, VACUUM, ALTER
-- TABLE's rewrite and its rollback, an inheritance child, and a function deleting rows of
-- the table while the scan runs.
SET enable_nestloop = off;
SET enable_mergejoin = off;
CREATE TABLE p (id int PRIMARY KEY, v int);
CREATE TABLE q (pid int, w text);
INSERT INTO p SELECT g, g % 10 FROM generate_series(1, 500) g;
INSERT INTO q SELECT g % 600, 'q' || g FROM generate_series(1, 800) g;
ANALYZE p; ANALYZE q;
SELECT count(*), sum(v) FROM p;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
SELECT count(*), count(q.pid) FROM p LEFT JOIN q ON q.pid = p.id;
-- a delete rolled back leaves its xmax set: the rows are seen again
BEGIN;
DELETE FROM p WHERE id % 3 = 0;
SELECT count(*), sum(v) FROM p;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
ROLLBACK;
SELECT count(*), sum(v) FROM p;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
-- a savepoint's delete rolled back
BEGIN;
SELECT count(*) FROM q;
SAVEPOINT s;
DELETE FROM q WHERE pid < 100;
SELECT count(*) FROM q;
SELECT count(*), count(q.pid) FROM p LEFT JOIN q ON q.pid = p.id;
ROLLBACK TO SAVEPOINT s;
SELECT count(*) FROM q;
SELECT count(*), count(q.pid) FROM p LEFT JOIN q ON q.pid = p.id;
COMMIT;
-- committed deletes and updates
DELETE FROM q WHERE pid % 7 = 0;
UPDATE p SET v = v + 100 WHERE id % 11 = 0;
SELECT count(*), sum(v) FROM p;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
SELECT count(*), count(q.pid) FROM p LEFT JOIN q ON q.pid = p.id;
-- TRUNCATE rolled back, then VACUUM
BEGIN;
TRUNCATE q;
SELECT count(*) FROM q;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
ROLLBACK;
SELECT count(*) FROM q;
VACUUM p;
VACUUM q;
SELECT count(*), sum(v) FROM p;
SELECT count(*), count(q.pid) FROM p LEFT JOIN q ON q.pid = p.id;
-- a rewrite gives every version a new values array; rolled back, the old ones again
BEGIN;
ALTER TABLE p ALTER COLUMN v TYPE int USING v * 2;
SELECT count(*), sum(v) FROM p;
SELECT count(*), sum(p.v) FROM q JOIN p ON p.v = q.pid;
ROLLBACK;
SELECT count(*), sum(v) FROM p;
SELECT count(*), sum(p.v) FROM q JOIN p ON p.v = q.pid;
ALTER TABLE q ALTER COLUMN pid TYPE int USING pid + 1;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
-- an inheritance child's deletes
CREATE TABLE pc (x text) INHERITS (p);
INSERT INTO pc VALUES (1000, 1, 'a'), (1001, 2, 'b'), (1002, 3, 'c');
SELECT count(*), sum(v) FROM p;
DELETE FROM pc WHERE id = 1001;
SELECT count(*), sum(v) FROM p;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
-- a function deleting rows of the table being scanned: the scan reads its snapshot
CREATE FUNCTION zap(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM p WHERE id = n + 1;
  RETURN n;
END $$;
SELECT count(*), sum(zap(id)) FROM ONLY p;
SELECT count(*), sum(v) FROM ONLY p;
SELECT count(*) FROM p WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.pid = p.id);
-- SERIALIZABLE scans examine every version
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*), sum(v) FROM p;
SELECT count(*), count(q.pid) FROM p LEFT JOIN q ON q.pid = p.id;
COMMIT;
DROP FUNCTION zap(int);
DROP TABLE pc, p, q;
