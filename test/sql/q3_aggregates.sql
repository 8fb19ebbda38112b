-- Issue 3: aggregate functions, with FILTER, DISTINCT and ORDER BY inside, on empty input and NULLs.
CREATE TABLE t (grp text, n int, b boolean, s text, x numeric);
INSERT INTO t VALUES
  ('a', 1, true, 'one', 1.5), ('a', 2, true, 'two', NULL), ('a', 2, false, NULL, 2.25),
  ('b', NULL, NULL, 'four', 4), ('b', 5, true, 'five', 5), ('c', NULL, NULL, NULL, NULL);
SELECT grp, count(*), count(n), sum(n), avg(n), min(n), max(n) FROM t GROUP BY grp ORDER BY grp;
SELECT sum(x), avg(x), min(s), max(s), min(b::int), max(b::text) FROM t;
SELECT pg_typeof(sum(n)), pg_typeof(avg(n)), pg_typeof(sum(n::bigint)), pg_typeof(sum(x)), pg_typeof(count(*)) FROM t;
SELECT grp, bool_and(b), bool_or(b), every(b) FROM t GROUP BY grp ORDER BY grp;
SELECT grp, string_agg(s, ',') AS plain, string_agg(s, ',' ORDER BY s DESC) AS ordered,
  string_agg(DISTINCT s, '|' ORDER BY s) AS dist FROM t GROUP BY grp ORDER BY grp;
SELECT grp, array_agg(n) AS a, array_agg(n ORDER BY n DESC NULLS LAST) AS d, array_agg(DISTINCT n) AS u
  FROM t GROUP BY grp ORDER BY grp;
SELECT grp, json_agg(n) AS j, jsonb_agg(s ORDER BY s) AS jb FROM t GROUP BY grp ORDER BY grp;
SELECT json_agg(t ORDER BY n, s) FROM t WHERE grp = 'a';
SELECT jsonb_agg(DISTINCT grp) FROM t;
SELECT json_object_agg(s, n) FROM t WHERE s IS NOT NULL;
SELECT jsonb_object_agg(s, x ORDER BY s) FROM t WHERE s IS NOT NULL;
SELECT json_object_agg(s, n) FROM t;
-- FILTER
SELECT grp, count(*) FILTER (WHERE b) AS t_count, sum(n) FILTER (WHERE n > 1) AS big,
  array_agg(s) FILTER (WHERE s LIKE 't%') AS ts FROM t GROUP BY grp ORDER BY grp;
SELECT count(DISTINCT n), count(DISTINCT n) FILTER (WHERE b), sum(DISTINCT n), avg(DISTINCT n) FROM t;
-- empty input: count is 0, the others are NULL
SELECT count(*), count(n), sum(n), avg(n), min(n), max(n), bool_and(b), bool_or(b), every(b),
  string_agg(s, ','), array_agg(n), json_agg(n), jsonb_agg(n), json_object_agg(s, n) FROM t WHERE false;
SELECT grp, count(*) FROM t WHERE false GROUP BY grp;
-- aggregates over expressions and in expressions
SELECT sum(n * 2) + 1 AS s2, max(length(s)) AS ml, count(*) - count(n) AS nulls FROM t;
SELECT grp FROM t GROUP BY grp HAVING count(*) FILTER (WHERE n IS NULL) > 0 ORDER BY grp;
SELECT string_agg(grp, '') FROM (SELECT DISTINCT grp FROM t ORDER BY grp) s;
-- ORDER BY in aggregates with several keys
SELECT string_agg(grp || n, ' ' ORDER BY grp DESC, n) FROM t WHERE n IS NOT NULL;
-- numeric precision and overflow
SELECT sum(v), avg(v) FROM (VALUES (2147483647), (2147483647)) v(v);
SELECT sum(v) FROM (VALUES (9223372036854775807::bigint), (1::bigint)) v(v);
SELECT avg(v) FROM (VALUES (1.0::float8), (2.0), (4.0)) v(v);
SELECT sum(v) FROM (VALUES (32767::int2), (32767::int2)) v(v);
-- errors
SELECT grp, n FROM t GROUP BY grp;
SELECT count(*) FROM t WHERE count(*) > 1;
SELECT sum(count(*)) FROM t;
SELECT sum(s) FROM t;
SELECT string_agg(n, ',') FROM t;
SELECT avg(b) FROM t;
SELECT count(*) FILTER (WHERE count(*) > 1) FROM t;
SELECT array_agg(DISTINCT n ORDER BY s) FROM t;
DROP TABLE t;
