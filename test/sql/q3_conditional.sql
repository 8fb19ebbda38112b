-- Issue 3: conditional expressions — CASE (simple and searched), COALESCE, NULLIF, GREATEST / LEAST,
-- and how they resolve their result type.
CREATE TABLE t (id int, a int, b text, c numeric);
INSERT INTO t VALUES (1, 5, 'x', 1.5), (2, NULL, NULL, NULL), (3, -1, 'y', 0), (4, 0, '', 10);
SELECT id, CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' WHEN a = 0 THEN 'zero' ELSE 'null' END FROM t ORDER BY id;
SELECT id, CASE a WHEN 5 THEN 'five' WHEN 0 THEN 'zero' END, CASE b WHEN NULL THEN 'never' ELSE 'else' END FROM t ORDER BY id;
SELECT CASE WHEN false THEN 1 END, CASE 1 WHEN 1 THEN 1.5 ELSE 2 END, pg_typeof(CASE WHEN true THEN 1 ELSE 2.5 END),
  pg_typeof(CASE WHEN true THEN 'a' ELSE 'b' END), pg_typeof(CASE WHEN true THEN 1 ELSE NULL END);
-- CASE short-circuits: the ELSE branch's division is never evaluated
SELECT id, CASE WHEN a = 0 THEN NULL ELSE 10 / a END FROM t ORDER BY id;
SELECT CASE WHEN 1 = 1 THEN 'ok' ELSE (1 / 0)::text END;
SELECT id, coalesce(a, -99), coalesce(b, 'none'), coalesce(NULL, NULL, c, 7), coalesce(a::numeric, c, 0) FROM t ORDER BY id;
SELECT pg_typeof(coalesce(1, 2.5)), pg_typeof(coalesce('1', 2)), coalesce(NULL::int), coalesce(1, 1 / 0);
SELECT id, nullif(a, 0), nullif(b, ''), nullif(1, 1.0), nullif('a', 'b') FROM t ORDER BY id;
SELECT id, greatest(a, 1, NULL), least(a, c, 2), greatest(b, 'm'), least('b', 'a', NULL) FROM t ORDER BY id;
SELECT greatest(NULL::int, NULL), pg_typeof(greatest(1, 2.5)), greatest(date '2024-01-01', '2023-12-31'), least(1, 2::bigint, 3::smallint);
-- nested and in WHERE / ORDER BY / GROUP BY
SELECT id FROM t WHERE CASE WHEN a IS NULL THEN true ELSE a > 0 END ORDER BY id;
SELECT id, b FROM t ORDER BY CASE WHEN b IS NULL THEN 0 ELSE 1 END, id DESC;
SELECT CASE WHEN a > 0 THEN 'pos' ELSE 'other' END AS k, count(*) FROM t GROUP BY 1 ORDER BY 1;
SELECT id, CASE WHEN a > 0 THEN CASE WHEN c > 1 THEN 'big' ELSE 'small' END ELSE coalesce(b, '?') END FROM t ORDER BY id;
SELECT num_nulls(1, NULL, 'a', NULL), num_nonnulls(1, NULL, 'a', NULL);
-- type errors
SELECT CASE WHEN true THEN 1 ELSE 'x' END;
SELECT CASE WHEN true THEN 1 ELSE true END;
SELECT coalesce(1, 'x');
SELECT coalesce(1, now());
SELECT greatest(1, 'a');
SELECT nullif(1, 'a');
SELECT CASE WHEN 1 THEN 2 END;
SELECT CASE 1 WHEN 'a' THEN 2 END;
DROP TABLE t;
