-- Issue 3: SELECT clauses — subqueries everywhere, LATERAL, set operations with ALL, DISTINCT ON,
-- ORDER BY NULLS / expressions / ordinals, LIMIT / OFFSET / FETCH FIRST … WITH TIES, VALUES.
CREATE TABLE dept (id int PRIMARY KEY, name text);
CREATE TABLE emp (id int PRIMARY KEY, name text, dept_id int REFERENCES dept, salary int, boss int);
INSERT INTO dept VALUES (1, 'dev'), (2, 'ops'), (3, 'empty');
INSERT INTO emp VALUES (1, 'ann', 1, 5000, NULL), (2, 'bob', 1, 4000, 1), (3, 'cid', 2, 3000, 1),
  (4, 'dee', 2, 3000, 3), (5, 'eve', NULL, NULL, 3), (6, 'fay', 1, 4000, 2);
-- subquery in FROM, with column aliases
SELECT * FROM (SELECT dept_id, count(*) FROM emp GROUP BY dept_id) AS c(d, n) ORDER BY d NULLS FIRST;
-- scalar subqueries in the select list, correlated
SELECT d.name, (SELECT max(salary) FROM emp e WHERE e.dept_id = d.id) AS top FROM dept d ORDER BY d.id;
SELECT (SELECT name FROM emp WHERE id = 99) IS NULL AS no_row;
SELECT (SELECT name FROM emp);
-- WHERE: EXISTS, NOT EXISTS, IN, NOT IN with NULLs, ANY / ALL
SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id) ORDER BY 1;
SELECT name FROM dept d WHERE NOT EXISTS (SELECT FROM emp e WHERE e.dept_id = d.id);
SELECT name FROM emp WHERE dept_id IN (SELECT id FROM dept WHERE name <> 'ops') ORDER BY 1;
SELECT name FROM dept WHERE id NOT IN (SELECT dept_id FROM emp);
SELECT name FROM dept WHERE id NOT IN (SELECT dept_id FROM emp WHERE dept_id IS NOT NULL);
SELECT name FROM emp WHERE salary > ALL (SELECT salary FROM emp WHERE dept_id = 2) ORDER BY 1;
SELECT name FROM emp WHERE salary >= ALL (SELECT salary FROM emp WHERE salary IS NOT NULL);
SELECT name FROM emp WHERE salary > ALL (SELECT salary FROM emp);
SELECT name FROM emp WHERE salary = ANY (SELECT salary FROM emp WHERE dept_id = 2) ORDER BY 1;
SELECT name FROM emp WHERE salary < SOME (SELECT 3500) ORDER BY 1;
SELECT 1 = ANY (SELECT NULL::int), 1 = ALL (SELECT 1 WHERE false), 1 <> ALL (SELECT 2 UNION SELECT NULL);
SELECT name FROM emp WHERE (dept_id, salary) IN (SELECT dept_id, max(salary) FROM emp GROUP BY dept_id) ORDER BY 1;
-- correlated at depth two
SELECT d.name FROM dept d WHERE EXISTS (
  SELECT 1 FROM emp e WHERE e.dept_id = d.id AND EXISTS (
    SELECT 1 FROM emp b WHERE b.id = e.boss AND b.dept_id <> d.id)) ORDER BY 1;
SELECT e.name, (SELECT (SELECT d.name FROM dept d WHERE d.id = b.dept_id) FROM emp b WHERE b.id = e.boss) AS boss_dept
FROM emp e ORDER BY e.id;
-- LATERAL
SELECT d.name, top.name, top.salary FROM dept d,
  LATERAL (SELECT name, salary FROM emp e WHERE e.dept_id = d.id ORDER BY salary DESC, name LIMIT 2) top ORDER BY 1, 3 DESC, 2;
SELECT d.name, t.n FROM dept d LEFT JOIN LATERAL (SELECT count(*) AS n FROM emp e WHERE e.dept_id = d.id) t ON true ORDER BY 1;
SELECT d.name, x FROM dept d LEFT JOIN LATERAL (SELECT e.name AS x FROM emp e WHERE e.dept_id = d.id AND e.salary > 4500) s ON true ORDER BY 1, 2;
-- set operations, with and without ALL, and their precedence
SELECT salary FROM emp UNION SELECT 4000 ORDER BY 1 NULLS FIRST;
SELECT salary FROM emp UNION ALL SELECT 4000 ORDER BY 1 NULLS FIRST;
SELECT salary FROM emp INTERSECT SELECT unnest(ARRAY[3000, 3000, 4000, 7000]) ORDER BY 1;
SELECT salary FROM emp INTERSECT ALL SELECT unnest(ARRAY[3000, 3000, 3000, 4000]) ORDER BY 1;
SELECT salary FROM emp EXCEPT SELECT 3000 ORDER BY 1 NULLS FIRST;
SELECT salary FROM emp EXCEPT ALL SELECT unnest(ARRAY[3000, 4000]) ORDER BY 1 NULLS FIRST;
SELECT 1 UNION SELECT 2 INTERSECT SELECT 2 ORDER BY 1;
(SELECT 1 UNION SELECT 2) INTERSECT SELECT 2;
SELECT 1 AS a, 'x' AS b UNION SELECT 2, 'y' ORDER BY b DESC LIMIT 1;
SELECT 1 UNION SELECT 'a';
SELECT 1, 2 UNION SELECT 1;
SELECT 1.5 UNION SELECT 2 UNION SELECT 3::bigint ORDER BY 1;
-- DISTINCT and DISTINCT ON
SELECT DISTINCT dept_id FROM emp ORDER BY dept_id NULLS FIRST;
SELECT DISTINCT ON (dept_id) dept_id, name, salary FROM emp ORDER BY dept_id, salary DESC, name;
SELECT DISTINCT ON (salary / 1000) salary / 1000 AS k, name FROM emp ORDER BY salary / 1000, name;
SELECT DISTINCT ON (dept_id) name FROM emp ORDER BY name;
-- ORDER BY: NULLS FIRST / LAST, DESC, expressions, ordinals, output names, USING
SELECT name, salary FROM emp ORDER BY salary NULLS FIRST, name;
SELECT name, salary FROM emp ORDER BY salary DESC NULLS LAST, name DESC;
SELECT name, salary FROM emp ORDER BY salary DESC, name;
SELECT name, salary * 2 AS dbl FROM emp ORDER BY dbl, 1;
SELECT name FROM emp ORDER BY length(name) * -1, salary % 3000, name;
SELECT name, salary FROM emp ORDER BY salary USING >, name USING <;
SELECT name FROM emp ORDER BY 3;
SELECT name AS x, salary AS x FROM emp ORDER BY x;
-- LIMIT / OFFSET / FETCH FIRST … WITH TIES
SELECT name FROM emp ORDER BY id LIMIT 2 OFFSET 1;
SELECT name FROM emp ORDER BY id OFFSET 4;
SELECT name FROM emp ORDER BY id LIMIT ALL;
SELECT name FROM emp ORDER BY id LIMIT NULL OFFSET NULL;
SELECT name FROM emp ORDER BY id LIMIT 0;
SELECT name FROM emp ORDER BY id FETCH FIRST 2 ROWS ONLY;
SELECT name FROM emp ORDER BY id OFFSET 1 ROW FETCH NEXT ROW ONLY;
SELECT name, salary FROM emp ORDER BY salary DESC NULLS LAST FETCH FIRST 2 ROWS WITH TIES;
SELECT name, salary FROM emp ORDER BY salary FETCH FIRST 1 ROW WITH TIES;
SELECT name, salary FROM emp ORDER BY salary OFFSET 1 FETCH FIRST 2 ROWS WITH TIES;
SELECT name FROM emp FETCH FIRST 2 ROWS WITH TIES;
SELECT name FROM emp ORDER BY id LIMIT -1;
SELECT name FROM emp ORDER BY id OFFSET -1;
SELECT name FROM emp ORDER BY id LIMIT (SELECT count(*) FROM dept);
-- VALUES lists
VALUES (1, 'one'), (2, 'two'), (3, NULL) ORDER BY 1 DESC;
SELECT * FROM (VALUES (1, 2.5), (2, 3)) AS v(a, b) WHERE a > 1;
SELECT pg_typeof(column1), pg_typeof(column2) FROM (VALUES (1, NULL), (2.5, 'x')) v LIMIT 1;
VALUES (1), ('x');
VALUES (1, 2), (3);
SELECT * FROM (VALUES (1), (2)) v(a) JOIN (VALUES (2, 'b')) w(a, b) USING (a);
DROP TABLE emp, dept;
