-- LATERAL items read the row of the items to their left: as the inner of an outer join, in
-- UNION ALL arms, in plain subqueries and WITH queries inside them, in VALUES, and when a
-- join holding them reads an item outside the join.
CREATE TABLE lt8 (q1 int8, q2 int8);
INSERT INTO lt8 VALUES (123, 456), (123, 4567890123456789), (4567890123456789, 123),
  (4567890123456789, 4567890123456789), (4567890123456789, -4567890123456789);
CREATE TABLE lt4 (f1 int);
INSERT INTO lt4 VALUES (0), (123456), (-123456), (2147483647), (-2147483647);
SELECT * FROM lt8 a LEFT JOIN LATERAL (SELECT *, a.q2 AS x FROM lt8 b) ss ON a.q2 = ss.q1 ORDER BY 1, 2, 3, 4;
SELECT * FROM lt8 a LEFT JOIN LATERAL (SELECT *, coalesce(a.q2, 42) AS x FROM lt8 b) ss ON a.q2 = ss.q1 ORDER BY 1, 2, 3, 4;
SELECT * FROM generate_series(100, 200) g,
  LATERAL (SELECT * FROM lt8 a WHERE g = q1 UNION ALL SELECT * FROM lt8 b WHERE g = q2) ss;
SELECT * FROM lt4 t, LATERAL (SELECT y FROM (SELECT t.f1 AS y) s1) s2 ORDER BY 1;
SELECT * FROM lt4 t, LATERAL (SELECT y FROM (SELECT t.f1 AS y, t4.f1 AS z FROM lt4 t4) s1 WHERE s1.y = s1.z) s2 ORDER BY 1;
SELECT * FROM lt4 AS i41,
  LATERAL (SELECT 1 AS x FROM (SELECT i41.f1 AS lat, i42.f1 AS loc FROM lt8 AS i81, lt4 AS i42) AS ss1
           RIGHT JOIN lt4 AS i43 ON (i43.f1 > 1) WHERE ss1.loc = ss1.lat) AS ss2
WHERE i41.f1 > 0 ORDER BY 1;
SELECT sum(o.q1), sum(ss.a) FROM lt8 o CROSS JOIN LATERAL (
  WITH RECURSIVE x(a) AS (SELECT o.q1 % 4 AS a UNION SELECT a + 1 FROM x WHERE a < 10) SELECT * FROM x) ss;
SELECT * FROM (SELECT f1 AS x FROM lt4) ss1 JOIN lt4 i4 ON x = f1, LATERAL (VALUES (x)) ss2(y) ORDER BY 1;
SELECT * FROM lt8 a, lt8 x LEFT JOIN LATERAL (SELECT a.q1 FROM lt4 y) ss(z) ON x.q2 = ss.z
  ORDER BY a.q1, a.q2, x.q1, x.q2, ss.z;
SELECT * FROM lt4 a, LATERAL (SELECT * FROM lt4 b LEFT JOIN lt8 c ON (b.f1 = q1 AND a.f1 = q2)) ss
  ORDER BY 1, 2;
