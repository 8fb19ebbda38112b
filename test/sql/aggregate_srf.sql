-- An aggregate without GROUP BY beside a set-returning function in the select list: the one
-- group's row is projected once per element of the set.
CREATE TABLE t (a int PRIMARY KEY, b numeric(10,2));
INSERT INTO t SELECT g, g * 1.5 FROM generate_series(1, 100) g;
SELECT max(a), generate_series(1, 3) AS g FROM t ORDER BY g DESC;
SELECT count(*), sum(b), unnest(ARRAY['x', 'y']) AS u FROM t;
SELECT sum(b), generate_series(1, 2) FROM t WHERE a > 1000;
SELECT min(a) + 1 AS m, generate_series(min(a), min(a) + 2) FROM t HAVING count(*) > 10;
SELECT min(a), generate_series(1, 2) FROM t HAVING count(*) > 1000;
-- the same statement run again gives the same rows (state reused between runs)
SELECT count(*), sum(b) FROM t;
SELECT count(*), sum(b) FROM t;
