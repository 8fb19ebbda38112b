-- Issue 3: row constructors, row comparison, IS [NOT] DISTINCT FROM, IS NULL on rows.
CREATE TABLE p (a int, b text, c int);
INSERT INTO p VALUES (1, 'x', 10), (1, 'y', NULL), (2, 'x', 5), (NULL, 'z', 1), (2, NULL, 7);
SELECT ROW(1, 'a', NULL), (1, 2), ROW(), ROW(1), (SELECT ROW(a, b) FROM p WHERE c = 10);
SELECT a, b FROM p WHERE (a, b) = (1, 'x');
SELECT a, b FROM p WHERE ROW(a, b) <> ROW(1, 'x') ORDER BY a NULLS FIRST, b NULLS FIRST;
SELECT a, b, c FROM p WHERE (a, c) > (1, 5) ORDER BY a, b;
SELECT a, b, c FROM p WHERE (a, b, c) <= (2, 'x', 5) ORDER BY a, b;
SELECT (1, 2) < (1, 3), (1, 2) < (2, 1), (1, NULL) < (2, 1), (1, NULL) < (1, 2), (1, NULL) = (1, NULL), (1, NULL) = (2, NULL), (1, 2, 3) >= (1, 2, 3);
SELECT ROW(1, 2) IS NULL, ROW(NULL, NULL) IS NULL, ROW(1, NULL) IS NULL, ROW(1, NULL) IS NOT NULL, ROW(1, 2) IS NOT NULL, ROW(NULL, NULL) IS NOT NULL;
SELECT p IS NULL, p IS NOT NULL, p FROM p ORDER BY a NULLS FIRST, b NULLS FIRST;
-- IS DISTINCT FROM
SELECT a, c, a IS DISTINCT FROM 1, a IS NOT DISTINCT FROM NULL, c IS DISTINCT FROM a FROM p ORDER BY a NULLS FIRST, c NULLS FIRST;
SELECT NULL IS DISTINCT FROM NULL, 1 IS DISTINCT FROM NULL, 'a' IS NOT DISTINCT FROM 'a', (1, NULL) IS DISTINCT FROM (1, NULL), (1, 2) IS DISTINCT FROM (1, NULL);
SELECT count(*) FROM p x JOIN p y ON x.b IS NOT DISTINCT FROM y.b;
-- rows in IN lists, in subqueries, in VALUES, field selection
SELECT a, b FROM p WHERE (a, b) IN ((1, 'y'), (2, 'x')) ORDER BY a, b;
SELECT a, b FROM p WHERE (a, b) NOT IN (SELECT a, b FROM p WHERE c > 5) ORDER BY a, b;
SELECT (ROW(1, 'two'::text)).f2;
SELECT (p).b, (p.*).c FROM p WHERE a = 2 ORDER BY c;
SELECT row_to_json(ROW(1, 'a')), ROW(1, 'a')::text, (ROW(1, 2)::text)::text;
CREATE TYPE pair AS (x int, y text);
SELECT ROW(1, 'a')::pair, (ROW(1, 'a')::pair).y, ROW(1, 'a')::pair = ROW(1, 'a')::pair, ROW(2, 'a')::pair > ROW(1, 'z')::pair;
SELECT ROW(1, 2, 3)::pair;
DROP TYPE pair;
-- errors
SELECT (1, 2) = (1, 2, 3);
SELECT (1, 2) < (1, 'a');
SELECT ROW(1, 2) = 1;
SELECT (1, 2) IN (1, 2);
SELECT (ROW(1, 2)).f3;
DROP TABLE p;
