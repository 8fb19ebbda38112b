-- Query features: WITH (recursive and data-modifying), row comparisons, subscripts,
-- multiple-column UPDATE, INSERT checks, ON CONFLICT, JSON builders and other functions.
-- WITH and WITH RECURSIVE
CREATE TABLE emp (id int PRIMARY KEY, name text, boss int REFERENCES emp, salary numeric(8,2));
INSERT INTO emp VALUES (1, 'ann', NULL, 5000), (2, 'bob', 1, 4000), (3, 'cid', 1, 3000), (4, 'dee', 2, 2500), (5, 'eve', 4, 2000);
-- recursive
WITH RECURSIVE chain(id, name, depth) AS (
  SELECT id, name, 0 FROM emp WHERE boss IS NULL
  UNION ALL
  SELECT e.id, e.name, c.depth + 1 FROM emp e JOIN chain c ON e.boss = c.id
)
SELECT * FROM chain ORDER BY depth, id;
WITH RECURSIVE n(x) AS (VALUES (1) UNION SELECT x + 1 FROM n WHERE x < 5) SELECT sum(x), count(*) FROM n;
WITH RECURSIVE n(x) AS (SELECT 1 UNION SELECT (x % 3) + 1 FROM n) SELECT * FROM n ORDER BY x;
WITH RECURSIVE t AS (SELECT 1 AS a UNION ALL SELECT a + 1 FROM t WHERE a < 3), u AS (SELECT a * 10 AS b FROM t) SELECT * FROM u;
WITH RECURSIVE x(n) AS (SELECT n FROM x) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 INTERSECT SELECT n + 1 FROM x) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x, x x2) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM emp LEFT JOIN x ON true) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT (SELECT n + 1 FROM x)) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x ORDER BY 1) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x LIMIT 3) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1::int UNION ALL SELECT n + 1::bigint FROM x WHERE n < 3) SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT name FROM emp UNION ALL SELECT n || 'x' FROM x WHERE length(n) < 5) SELECT count(*) FROM x;
WITH RECURSIVE x(n, m) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x) SELECT * FROM x;
WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT * FROM a) SELECT 1;
WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT 1;
WITH a AS (SELECT 1), a AS (SELECT 2) SELECT 1;
WITH RECURSIVE a AS (SELECT 1 AS x), b AS (SELECT x + 1 FROM a) SELECT * FROM b, a;
WITH a(x, y) AS (SELECT 1) SELECT 1;
WITH a AS (SELECT 1 AS x) SELECT * FROM a WHERE x IN (SELECT x FROM a);
WITH a AS (SELECT id FROM emp WHERE id < 3) SELECT (SELECT count(*) FROM a), * FROM a a1 JOIN a a2 USING (id);
SELECT * FROM (WITH q AS (SELECT 42 AS v) SELECT v FROM q) s;
SELECT (WITH q AS (SELECT e.id * 2 AS v) SELECT v FROM q) FROM emp e ORDER BY 1;

-- data-modifying WITH, multiple-column UPDATE, INSERT and ON CONFLICT
CREATE TABLE p (id int PRIMARY KEY, name text, price numeric(8,2) DEFAULT 1, stock int DEFAULT 0, sku text UNIQUE);
INSERT INTO p (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c');
CREATE TABLE log (id int, what text);
-- data-modifying WITH
WITH d AS (DELETE FROM p WHERE id = 3 RETURNING *), i AS (INSERT INTO log SELECT id, 'deleted ' || name FROM d RETURNING *)
SELECT (SELECT count(*) FROM p) AS still_sees, * FROM i;
SELECT * FROM p ORDER BY id;
SELECT * FROM log;
WITH u AS (UPDATE p SET stock = stock + 1 RETURNING id, stock) SELECT sum(stock) FROM u;
WITH u AS (UPDATE p SET stock = stock + 1) SELECT count(*) FROM p;
SELECT id, stock FROM p ORDER BY id;
WITH u AS (UPDATE p SET stock = 0) SELECT * FROM u;
SELECT * FROM (WITH d AS (DELETE FROM log RETURNING *) SELECT * FROM d) s;
WITH x AS (SELECT 1) , d AS (DELETE FROM log RETURNING id) INSERT INTO log SELECT id + 10, 'moved' FROM d RETURNING *;
WITH ins AS (INSERT INTO p (id, name) VALUES (9, 'z') RETURNING id) UPDATE p SET name = 'zz' WHERE id IN (SELECT id FROM ins);
SELECT * FROM p ORDER BY id;
WITH t AS (SELECT 5 AS v) INSERT INTO p (id, name) SELECT v, 'five' FROM t;
WITH t AS (SELECT 5 AS v) UPDATE p SET stock = t.v FROM t WHERE p.id = t.v RETURNING p.*;
WITH t AS (SELECT 1 AS v) DELETE FROM p USING t WHERE p.id = t.v RETURNING p.id, t.v;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) INSERT INTO log SELECT n, 'r' FROM r;
SELECT * FROM log ORDER BY id;
-- multi-column UPDATE
UPDATE p SET (name, stock) = ('x', 5) WHERE id = 2 RETURNING *;
UPDATE p SET (name, stock) = (SELECT 'y', 6) WHERE id = 2 RETURNING *;
UPDATE p SET (name, stock) = (SELECT what, id FROM log WHERE log.id = p.id + 100) WHERE id = 2 RETURNING *;
UPDATE p SET (name, stock) = ROW('w', 7), price = 2 WHERE id = 2 RETURNING *;
UPDATE p SET (name, stock) = (DEFAULT, DEFAULT) WHERE id = 2 RETURNING *;
UPDATE p SET (name, stock) = (SELECT 'x') WHERE id = 2;
UPDATE p SET (name, stock) = ('a', 1, 2);
UPDATE p SET (name) = ('z');
UPDATE p SET (name, stock) = (SELECT 'x', 'y');
UPDATE p SET (name, stock) = (1, 'y');
UPDATE p SET name = 'a', name = 'b';
UPDATE p SET nope = 1;
UPDATE p SET name[1] = 'x';
-- INSERT errors
INSERT INTO p VALUES (10, 'a', 1, 2, 'x', 6);
INSERT INTO p VALUES (10, 'a'), (11);
INSERT INTO p (id, name) SELECT 1;
INSERT INTO p (id) SELECT 1, 2;
INSERT INTO p (id, id) VALUES (1, 1);
INSERT INTO p VALUES (12, 'twelve');
INSERT INTO p VALUES (id);
INSERT INTO p VALUES (nam);
INSERT INTO p (id) VALUES (13) RETURNING nope;
-- ON CONFLICT
INSERT INTO p (id, name) VALUES (20, 'a'), (20, 'b') ON CONFLICT (id) DO UPDATE SET name = excluded.name;
INSERT INTO p (id, name) VALUES (20, 'a'), (20, 'b') ON CONFLICT (id) DO NOTHING;
INSERT INTO p (id, name) VALUES (21, 'a') ON CONFLICT (name) DO NOTHING;
INSERT INTO p (id, name) VALUES (21, 'a') ON CONFLICT ON CONSTRAINT nope DO NOTHING;
INSERT INTO p (id, name) VALUES (20, 'c') ON CONFLICT ON CONSTRAINT p_pkey DO UPDATE SET name = 'cc' RETURNING *;
INSERT INTO p (id, name, sku) VALUES (22, 'a', 'q') ON CONFLICT (sku) WHERE sku > 'a' DO NOTHING;
INSERT INTO p (id, name, sku) VALUES (23, 'a', 'q') ON CONFLICT (sku) WHERE sku > 'a' DO NOTHING;
INSERT INTO p (id, name) VALUES (20, 'x') ON CONFLICT (id) WHERE id > 0 DO UPDATE SET (name, stock) = (excluded.name || '!', p.stock + 1) RETURNING *;
INSERT INTO p AS t (id, name) VALUES (20, 'y') ON CONFLICT (id) DO UPDATE SET name = t.name || excluded.name WHERE t.stock > 100 RETURNING *;
INSERT INTO p (id, name) VALUES (20, 'x') ON CONFLICT DO UPDATE SET name = 'q';
INSERT INTO p (id, name) VALUES (20, 'x') ON CONFLICT (nope) DO NOTHING;
SELECT * FROM p ORDER BY id;

-- row comparisons, subscripts, hints, functions
CREATE TABLE t (id int, yname text, a int, b int);
INSERT INTO t VALUES (1, 'x', 1, 2), (2, 'y', 2, 1), (3, 'z', NULL, 3);
CREATE TABLE u (t_id int, ynam text);
SELECT (1,2) < (1,3), (1,null) < (2,1), (1,null) < (1,2), row(1,2) = row(1,2), (1,2) IS DISTINCT FROM (1,null), (1,2) IS NOT DISTINCT FROM (1,2);
SELECT id FROM t WHERE (a, b) > (1, 5) ORDER BY id;
SELECT id FROM t WHERE (a, b) <= (2, 1) ORDER BY id;
SELECT id FROM t WHERE (a, b) IN ((1, 2), (2, 2)) ORDER BY id;
SELECT id FROM t WHERE (a, b) NOT IN ((1, 2), (2, 2)) ORDER BY id;
SELECT id FROM t WHERE (a, b) IN (SELECT a, b FROM t WHERE id < 3) ORDER BY id;
SELECT id FROM t WHERE (a, b) = (SELECT a, b FROM t WHERE id = 2);
SELECT id FROM t WHERE (a, b) < ANY (SELECT a, b FROM t) ORDER BY id;
SELECT (1,2) = (SELECT 1);
SELECT (1,2) = (SELECT 1,2,3);
SELECT 1 IN (SELECT 1,2);
SELECT (SELECT 1,2);
SELECT (1,2) = (SELECT 1,2 UNION SELECT 1,3);
SELECT (1,'a') < (1, 2);
SELECT (1,2) ~~ (3,4);
SELECT (1,2) = (1,2,3);
SELECT (1,2) + (3,4);
SELECT ROW(1, 'a', NULL) IS NULL, ROW(NULL, NULL) IS NULL, ROW(1, 2) IS NOT NULL, ROW(1, NULL) IS NOT NULL;
-- subscripts
SELECT (ARRAY[10, 20, 30])[2], (ARRAY[10, 20, 30])[5], ('{1,2,3}'::int[])[2:3], ('{{1,2},{3,4}}'::int[])[2][1], ('{{1,2},{3,4}}'::int[])[1:2][2], ('{1,2,3}'::int[])[:2], ('{1,2,3}'::int[])[2:];
SELECT ('{1,2,3}'::int[])[1:2][1], ('{{1,2},{3,4}}'::int[])[2], ('{{1,2},{3,4}}'::int[])[1:1], ('{1,2,3}'::int[])[NULL], ('{1,2,3}'::int[])[3:1];
SELECT ('{1,2,3}'::int[])['a'];
SELECT ('{1,2,3}'::int[])[1.5];
SELECT ('{1,2,3}'::int[])['2'];
SELECT (1)[1];
SELECT a[1] FROM (SELECT ARRAY[id, a] AS a FROM t) s ORDER BY 1;
SELECT ('{a,b}'::varchar(3)[])[1];
SELECT array[array[1,2], null];
SELECT array[array[1,2], array[]::int[]];
SELECT array[array[1,2], array[3]];
-- column hints
SELECT ynam FROM t;
SELECT t.ynam FROM t;
SELECT t.id FROM t JOIN u ON u.t_id = t.idd;
SELECT ym FROM t, u;
SELECT nme FROM t;
SELECT yname2 FROM t, u;
SELECT u.yname FROM t, u;
SELECT x.id FROM t;
SELECT id FROM t WHERE id = (SELECT idd FROM u);
-- misc functions
SELECT concat('a', 1, NULL, 2.50, true), concat_ws('-', 1, 2), format('%s and %s', 1, 'two');
SELECT 'x' || 1, 1 || 'x', 'x' || NULL, 'a' || 1.5 || true;
SELECT pg_typeof(1), pg_typeof(2147483648), pg_typeof(1.0), pg_typeof('a'), pg_typeof(NULL), pg_typeof(ARRAY['x']), pg_typeof(now());
SELECT current_schema(), current_schemas(false), current_schemas(true);
SELECT jsonb_build_object('id', 1, 'tags', ARRAY['x', 'y'], 'ok', true, 'n', NULL), to_jsonb(1.50::numeric), to_jsonb('x'::text), jsonb_build_array(1, 'a', NULL);
SELECT json_build_object('d', '2024-01-02'::date, 't', '2024-01-02 10:11:12'::timestamp, 'tz', '2024-01-02 10:11:12+02'::timestamptz, 'a', ARRAY[[1, 2], [3, 4]]), json_build_array(1, 'a', NULL, true), to_json('x'::text), row_to_json(ROW(1, 'a'));
SELECT jsonb_build_object('a');
SELECT jsonb_build_object(NULL, 1);
SELECT json_build_object(NULL, 1);
SELECT name, count(*) FROM (SELECT yname AS name FROM t) s;

-- UPDATE … FROM, DELETE … USING, WITH scopes
DROP TABLE p, t, u, log;
CREATE TABLE p (id int PRIMARY KEY, v int);
CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p ON DELETE CASCADE, w int);
INSERT INTO p VALUES (1, 10), (2, 20), (3, 30);
INSERT INTO c VALUES (1, 1, 100), (2, 1, 200), (3, 2, 300);
INSERT INTO p WITH d AS (DELETE FROM c RETURNING *) SELECT 9, 9 FROM d;
WITH w AS (SELECT 2 AS k) DELETE FROM p WHERE id IN (SELECT k FROM w) RETURNING *;
SELECT * FROM c ORDER BY id;
UPDATE p SET v = c.w FROM c WHERE c.pid = p.id RETURNING p.*, c.id;
SELECT * FROM p ORDER BY id;
UPDATE p SET v = x.s FROM (SELECT pid, sum(w) AS s FROM c GROUP BY pid) x WHERE x.pid = p.id;
SELECT * FROM p ORDER BY id;
DELETE FROM c USING p WHERE c.pid = p.id AND p.v > 250 RETURNING c.*, p.v;
UPDATE p SET v = p2.v + 1 FROM p p2 WHERE p2.id = p.id - 2 RETURNING p.id, p.v;
UPDATE p SET v = 1 FROM c JOIN p q ON q.id = c.pid WHERE p.id = 5;
DELETE FROM p USING nosuch WHERE true;
UPDATE p SET v = v FROM p;
WITH a AS (SELECT 1 AS x) SELECT * FROM (WITH a AS (SELECT 2 AS x) SELECT x FROM a) s, a;
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM b;
BEGIN READ ONLY;
WITH d AS (DELETE FROM p RETURNING *) SELECT count(*) FROM d;
ROLLBACK;
WITH d AS (DELETE FROM p WHERE id = 1 RETURNING *) SELECT count(*) FROM d;
SELECT * FROM c ORDER BY id;
WITH d AS (INSERT INTO c VALUES (10, 99, 0) RETURNING *) SELECT * FROM d;
SELECT * FROM c ORDER BY id;

-- FROM item names
DROP TABLE c, p, emp;
CREATE TABLE t (id int);
CREATE SCHEMA s2; CREATE TABLE s2.t (id int);
SELECT * FROM t, t;
SELECT * FROM t, t t;
SELECT * FROM t, s2.t;
SELECT * FROM t a, t a;
SELECT * FROM (SELECT 1) a, (SELECT 2) a;
SELECT * FROM t JOIN t USING (id);
SELECT * FROM t a JOIN t b USING (id) JOIN t a ON true;
SELECT * FROM t a JOIN t b ON true JOIN t c USING (id);

-- row values and field selection
SELECT ROW(1,'a'), (1, 2.5), ROW(NULL, '', 'a b', 'x"y', 'p(q', '2024-01-01'::date, true, ARRAY[1,2]);
SELECT (1,2) = 1;
SELECT r FROM (SELECT ROW(2, 'b') AS r UNION ALL SELECT ROW(1, 'z')) s ORDER BY r;
SELECT ROW(1, 2) IS NULL, ROW(1, 2) = ROW(1, 2);
SELECT (1).f;
SELECT (ROW(1,2)).f1;
SELECT (ROW(1,2)).*;
SELECT ('{1}'::int[]).x;
SELECT (ARRAY[1,2])[1].x;
