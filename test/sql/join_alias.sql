-- Join aliases: (a JOIN b ON …) AS x [(cols)], JOIN … USING (…) AS x, hidden items,
-- name conflicts across nesting levels, whole-row references to a join alias.
CREATE TABLE ja (i int, x int);
CREATE TABLE jb (i int, y int);
INSERT INTO ja VALUES (1, 10), (2, 20);
INSERT INTO jb VALUES (1, 100), (3, 300);
SELECT * FROM (ja JOIN jb ON ja.i = jb.i) AS j;
SELECT j.x, j.y FROM (ja JOIN jb ON ja.i = jb.i) AS j;
SELECT j.i FROM (ja JOIN jb ON ja.i = jb.i) AS j;
SELECT ja.x FROM (ja JOIN jb ON ja.i = jb.i) AS j;
SELECT * FROM (ja JOIN jb ON ja.i = jb.i) AS j(p, q, r, s);
SELECT * FROM (ja JOIN jb USING (i)) AS j(p, q, r);
SELECT * FROM (ja JOIN jb ON ja.i = jb.i) AS j(p, q, r, s, t);
SELECT j FROM (ja LEFT JOIN jb ON ja.i = jb.i) AS j ORDER BY 1;
SELECT * FROM (ja JOIN jb ON ja.i = jb.i) AS j, ja ORDER BY 5;
SELECT * FROM (ja AS a1 JOIN jb AS b1 ON true) AS a1 ORDER BY 1, 3;
SELECT * FROM ja x JOIN (ja x CROSS JOIN jb y) j ON x.i = j.y;
SELECT * FROM ja x JOIN (ja x CROSS JOIN jb y) j ON x.i = y.i;
SELECT * FROM ja x JOIN (ja x CROSS JOIN jb y) j ON x.i = i;
SELECT * FROM ja x CROSS JOIN (ja x CROSS JOIN LATERAL (SELECT x.i) ss);
SELECT * FROM ja x CROSS JOIN ja x;
-- JOIN … USING (…) AS alias names the merged columns only
SELECT * FROM ja JOIN jb USING (i) AS k;
SELECT k.i, ja.i, jb.i, k.* FROM ja JOIN jb USING (i) AS k;
SELECT * FROM ja LEFT JOIN jb USING (i) AS k WHERE k.i = 2;
SELECT k.x FROM ja JOIN jb USING (i) AS k;
SELECT k.i FROM ja FULL JOIN jb USING (i) AS k ORDER BY 1;
SELECT ROW(k.*) FROM ja JOIN jb USING (i) AS k;
SELECT row_to_json(k.*), row_to_json(j) FROM ja JOIN jb USING (i) AS k, (SELECT 1 AS one, 2 AS two) j;
SELECT * FROM ja a1 JOIN jb a2 USING (i) AS a1;
-- nested USING joins merge into one column
CREATE TABLE jt1 (name text, n int);
CREATE TABLE jt2 (name text, n int);
CREATE TABLE jt3 (name text, n int);
INSERT INTO jt1 VALUES ('bb', 11);
INSERT INTO jt2 VALUES ('bb', 12), ('cc', 22), ('ee', 42);
INSERT INTO jt3 VALUES ('bb', 13), ('cc', 23), ('dd', 33);
SELECT * FROM jt1 FULL JOIN jt2 USING (name) FULL JOIN jt3 USING (name) ORDER BY name;
SELECT * FROM jt1 JOIN jt2 USING (name) JOIN jt3 USING (name);
-- the whole row of the null-extended side is NULL
SELECT ja.i, count(jb.*), jb IS NULL AS nulled FROM ja LEFT JOIN jb ON ja.i = jb.i GROUP BY ja.i, jb.* ORDER BY 1;
