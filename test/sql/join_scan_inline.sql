-- Hash and semi joins over sequential scans (the executor runs such scans inline, with their
-- join keys kept beside the heap): NULL keys, duplicates, outer joins, scan filters,
-- inheritance children with another column order, versions deleted, updated and rolled
-- back, and a table rewritten by ALTER TABLE after its keys were read.
SET enable_nestloop = off;
SET enable_mergejoin = off;
CREATE TABLE a (id int, v text);
CREATE TABLE b (ref int, w text, n int);
INSERT INTO a SELECT g, 'a' || g FROM generate_series(1, 300) g;
INSERT INTO a VALUES (NULL, 'anull'), (5, 'a5bis');
INSERT INTO b SELECT g % 150, 'b' || g, g FROM generate_series(1, 400) g WHERE g % 7 <> 0;
INSERT INTO b VALUES (NULL, 'bnull', 0), (100000, 'far', 1), (2000000000, 'huge', 2);
ANALYZE a; ANALYZE b;
EXPLAIN (COSTS OFF) SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*) FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*) FROM a WHERE id IN (SELECT ref FROM b WHERE n > 100);
SELECT count(*) FROM a WHERE id NOT IN (SELECT ref FROM b WHERE ref IS NOT NULL);
SELECT count(*) FROM a WHERE v <> 'a7' AND NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id AND b.n < 200);
EXPLAIN (COSTS OFF) SELECT count(*), count(b.ref) FROM a LEFT JOIN b ON b.ref = a.id;
SELECT count(*), count(b.ref), sum(b.n) FROM a LEFT JOIN b ON b.ref = a.id;
SELECT count(*), count(a.id), count(b.ref) FROM a RIGHT JOIN b ON b.ref = a.id;
SELECT count(*), count(a.id), count(b.ref) FROM a FULL JOIN b ON b.ref = a.id;
SELECT count(*), sum(a.id) FROM a JOIN b ON b.ref = a.id AND b.n % 3 = 0 WHERE a.v LIKE 'a1%';
SELECT a.id, a.v, b.w FROM a JOIN b ON b.ref = a.id WHERE a.id < 4 ORDER BY 1, 2, 3;
SELECT a.id, b.w FROM a LEFT JOIN b ON b.ref = a.id AND b.w LIKE '%9' WHERE a.id BETWEEN 8 AND 12 OR a.id IS NULL ORDER BY 1, 2;
-- versions deleted, updated and inserted, also by the reading transaction itself
DELETE FROM b WHERE ref % 10 = 3;
UPDATE a SET id = id + 1000 WHERE id % 25 = 0;
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*), count(b.ref) FROM a LEFT JOIN b ON b.ref = a.id;
BEGIN;
DELETE FROM b WHERE ref % 10 = 4;
INSERT INTO b VALUES (1000, 'new', 5), (1025, 'new2', 6);
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*), count(b.ref) FROM a LEFT JOIN b ON b.ref = a.id;
ROLLBACK;
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*), count(b.ref) FROM a LEFT JOIN b ON b.ref = a.id;
-- a rewrite gives the versions new values: keys read before must not be used
ALTER TABLE b ALTER COLUMN ref TYPE bigint USING ref * 2;
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*), count(b.ref) FROM a LEFT JOIN b ON b.ref = a.id;
BEGIN;
ALTER TABLE a ALTER COLUMN id TYPE int USING id + 1;
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
ROLLBACK;
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
ALTER TABLE a ADD COLUMN extra int DEFAULT 7;
SELECT count(*), count(b.ref) FROM a LEFT JOIN b ON b.ref = a.id;
-- inheritance: a child with its columns in another order, scanned with its parent
CREATE TABLE c (w text, n int, ref bigint);
ALTER TABLE c INHERIT b;
INSERT INTO c VALUES ('c1', 1, 2), ('c2', 2, 4), ('c3', 3, NULL), ('c4', 4, 999);
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM ONLY b WHERE b.ref = a.id);
SELECT count(*), count(b.ref), count(b.w) FROM a LEFT JOIN b ON b.ref = a.id;
SELECT a.id, b.w FROM a JOIN b ON b.ref = a.id WHERE b.n < 5 ORDER BY 1, 2;
-- text and numeric keys
CREATE TABLE t1 (k text, x numeric);
CREATE TABLE t2 (k text, x numeric);
INSERT INTO t1 SELECT 'k' || (g % 40), g / 4.0 FROM generate_series(1, 200) g;
INSERT INTO t2 SELECT 'k' || (g % 30), g / 2.0 FROM generate_series(1, 100) g;
INSERT INTO t2 VALUES (NULL, NULL);
SELECT count(*) FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k);
SELECT count(*) FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.x = t1.x);
SELECT count(*), count(t2.k) FROM t1 LEFT JOIN t2 ON t2.x = t1.x;
SELECT count(*), count(t2.k) FROM t1 FULL JOIN t2 ON t2.k = t1.k;
-- a semi join stopped early by LIMIT, and one in a SERIALIZABLE transaction
SELECT a.id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.ref = a.id) ORDER BY a.id LIMIT 3;
SELECT v FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id) LIMIT 0;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.ref = a.id);
SELECT count(*), count(b.ref) FROM a LEFT JOIN b ON b.ref = a.id;
COMMIT;
DROP TABLE c;
DROP TABLE a, b, t1, t2;
