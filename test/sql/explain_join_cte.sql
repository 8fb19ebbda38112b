-- WITH queries read once are inlined as subqueries and pulled up; MATERIALIZED ones, volatile
-- ones and ones read twice stay CTE Scans; unread ones are not planned.
CREATE TABLE ct (f1 int, f2 int);
CREATE TABLE ct4 (f1 int);
INSERT INTO ct VALUES (1, 2), (2, 3), (3, 4);
INSERT INTO ct4 VALUES (1), (2);
EXPLAIN (COSTS OFF) WITH x AS (SELECT * FROM (SELECT f1 FROM ct) ss) SELECT * FROM x WHERE f1 = 1;
WITH x AS (SELECT * FROM (SELECT f1 FROM ct) ss) SELECT * FROM x WHERE f1 = 1;
EXPLAIN (COSTS OFF) WITH x AS MATERIALIZED (SELECT * FROM ct) SELECT * FROM x WHERE f1 = 1;
EXPLAIN (COSTS OFF) WITH x AS (SELECT f1, random() AS r FROM ct) SELECT f1 FROM x WHERE f1 = 1;
WITH x AS (SELECT * FROM ct4) SELECT * FROM (WITH y AS (SELECT * FROM x) SELECT * FROM y) ss ORDER BY 1;
WITH x AS (SELECT 1 AS y) SELECT * FROM (WITH x AS (SELECT 2 AS y) SELECT * FROM x) ss, ct WHERE ct.f1 = ss.y;
EXPLAIN (COSTS OFF) WITH x AS (SELECT * FROM ct WHERE f2 > 2) SELECT * FROM x WHERE f1 = 3;
WITH x AS (SELECT * FROM ct WHERE f2 > 2) SELECT * FROM x JOIN ct4 USING (f1);
EXPLAIN (COSTS OFF) WITH unused AS (SELECT * FROM ct) SELECT * FROM ct4;
WITH RECURSIVE a AS (SELECT 1 AS x), b AS (SELECT x + 1 FROM a) SELECT * FROM b, a;
