-- Aggregates whose arguments read only columns of an outer query belong to that query
-- (agglevelsup): computed per group there, read by the subquery.
CREATE TABLE oa (a int, b int);
INSERT INTO oa VALUES (1, 1), (2, 1), (3, 2);
SELECT (SELECT max(oa.a)) FROM oa;
SELECT b, (SELECT sum(oa.a) + count(*) FROM oa o2 WHERE o2.b = oa.b) FROM oa GROUP BY b ORDER BY b;
SELECT b FROM oa GROUP BY b HAVING EXISTS (SELECT 1 FROM oa o2 WHERE sum(oa.a) = o2.a) ORDER BY b;
SELECT (SELECT count(*) FILTER (WHERE oa.a <> 0)) FROM oa;
SELECT (SELECT max(0) FILTER (WHERE oa.b = 2)) FROM oa;
SELECT (SELECT string_agg(oa.a::text, ',' ORDER BY oa.a DESC)) FROM oa;
SELECT max(a) FILTER (WHERE sum(b) > 0) FROM oa;
SELECT avg((SELECT avg(o2.a ORDER BY (SELECT avg(oa.b) FROM oa o3)) FROM oa o2)) FROM oa;
SELECT * FROM oa WHERE (SELECT max(oa.a)) > 1;
SELECT 1 FROM oa a, LATERAL (SELECT max(a.a) FROM oa b) ss;
SELECT (SELECT max((SELECT o2.b FROM oa o2 WHERE o2.a = oa.a))) FROM oa;
