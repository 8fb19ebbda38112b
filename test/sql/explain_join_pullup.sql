-- Plans of joins with subqueries in FROM: simple subqueries and views are pulled up into
-- the join tree (pull_up_subqueries), useless LEFT JOINs are removed (remove_useless_joins),
-- EXISTS / IN over a unique key become plain joins.
CREATE TABLE pt1 (a int, b int);
CREATE TABLE pt2 (a int, c int);
INSERT INTO pt1 SELECT g, g % 10 FROM generate_series(1, 100) g;
INSERT INTO pt2 SELECT g, g % 7 FROM generate_series(1, 50) g;
ANALYZE pt1;
ANALYZE pt2;
EXPLAIN (COSTS OFF) SELECT * FROM pt1 JOIN (SELECT * FROM pt2 WHERE c > 2) ss ON pt1.a = ss.a;
SELECT count(*) FROM pt1 JOIN (SELECT * FROM pt2 WHERE c > 2) ss ON pt1.a = ss.a;
EXPLAIN (COSTS OFF) SELECT * FROM pt1 LEFT JOIN (SELECT a, c + 1 AS d FROM pt2 WHERE c > 2) ss ON pt1.a = ss.a WHERE pt1.a < 5;
SELECT * FROM pt1 LEFT JOIN (SELECT a, c + 1 AS d FROM pt2 WHERE c > 2) ss ON pt1.a = ss.a WHERE pt1.a < 5 ORDER BY 1;
-- a constant column under the nullable side stays a subquery (it would need a PlaceHolderVar)
SELECT * FROM pt1 LEFT JOIN (SELECT a, 42 AS d FROM pt2 WHERE c > 2) ss ON pt1.a = ss.a WHERE pt1.a < 5 ORDER BY 1;
SELECT pt1.a, (SELECT ss.c + pt1.b) FROM pt1, (SELECT * FROM pt2) ss WHERE ss.a = pt1.a AND pt1.a < 4 ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT * FROM pt1, LATERAL (SELECT * FROM pt2 WHERE pt2.a = pt1.a) ss WHERE pt1.b = 3;
SELECT * FROM pt1, LATERAL (SELECT * FROM pt2 WHERE pt2.a = pt1.a) ss WHERE pt1.b = 3 ORDER BY 1;
SELECT * FROM (SELECT * FROM (SELECT a AS x FROM pt1 WHERE a < 3) s1) s2;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM (SELECT * FROM (SELECT a AS x FROM pt1 WHERE a < 3) s1) s2;
EXPLAIN (COSTS OFF) SELECT pt1.*, pt2.* FROM pt1 LEFT JOIN (pt2 JOIN (SELECT 5 AS x) ss ON pt2.a = ss.x) ON pt1.a = pt2.a WHERE pt1.a = 5;
SELECT pt1.*, pt2.* FROM pt1 LEFT JOIN (pt2 JOIN (SELECT 5 AS x) ss ON pt2.a = ss.x) ON pt1.a = pt2.a WHERE pt1.a < 7 ORDER BY 1;
SELECT * FROM (SELECT 1 AS x) s, pt1 WHERE pt1.a = s.x;
EXPLAIN (COSTS OFF) SELECT * FROM (SELECT 1 AS x) s, pt1 WHERE pt1.a = s.x;
SELECT * FROM pt1, LATERAL (SELECT pt1.a * 2 AS y) s WHERE pt1.a < 3 ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT * FROM pt1 WHERE EXISTS (SELECT 1 FROM (SELECT * FROM pt2 WHERE c = 1) x WHERE x.a = pt1.a);
SELECT count(*) FROM pt1 WHERE EXISTS (SELECT 1 FROM (SELECT * FROM pt2 WHERE c = 1) x WHERE x.a = pt1.a);
CREATE VIEW pv AS SELECT a, c FROM pt2 WHERE c = 3;
EXPLAIN (COSTS OFF) SELECT * FROM pt1 JOIN pv USING (a);
SELECT * FROM pt1 JOIN pv USING (a) ORDER BY a;
-- join removal
CREATE TABLE ra (id int PRIMARY KEY, b_id int);
CREATE TABLE rb (id int PRIMARY KEY, c_id int);
CREATE TABLE rc (id int PRIMARY KEY);
CREATE TABLE rd (a int, b int);
INSERT INTO ra VALUES (0, 0), (1, NULL);
INSERT INTO rb VALUES (0, 0), (1, NULL);
INSERT INTO rc VALUES (0), (1);
INSERT INTO rd VALUES (1, 3), (2, 2), (3, 1);
EXPLAIN (COSTS OFF) SELECT ra.* FROM ra LEFT JOIN rb ON ra.b_id = rb.id;
EXPLAIN (COSTS OFF) SELECT rb.* FROM rb LEFT JOIN rc ON rb.c_id = rc.id;
EXPLAIN (COSTS OFF) SELECT ra.* FROM ra LEFT JOIN (rb LEFT JOIN rc ON rb.c_id = rc.id) ON (ra.b_id = rb.id);
EXPLAIN (COSTS OFF) SELECT id FROM ra WHERE id IN (SELECT rb.id FROM rb LEFT JOIN rc ON rb.id = rc.id);
EXPLAIN (COSTS OFF) SELECT rd.* FROM rd LEFT JOIN (SELECT DISTINCT * FROM rb) s ON rd.a = s.id AND rd.b = s.c_id;
EXPLAIN (COSTS OFF) SELECT rd.* FROM rd LEFT JOIN (SELECT id FROM ra UNION SELECT id FROM rb) s ON rd.a = s.id;
EXPLAIN (COSTS OFF) SELECT 1 FROM (SELECT ra.id FROM ra LEFT JOIN rb ON ra.b_id = rb.id) q, LATERAL generate_series(1, q.id) gs(i) WHERE q.id = gs.i;
SELECT ra.* FROM ra LEFT JOIN rb ON ra.b_id = rb.id ORDER BY 1;
-- not removable: a column of the inner side is read, or the join key is not unique
EXPLAIN (COSTS OFF) SELECT ra.*, rb.c_id FROM ra LEFT JOIN rb ON ra.b_id = rb.id;
SELECT ra.* FROM ra LEFT JOIN rb ON ra.b_id = rb.c_id ORDER BY 1;
