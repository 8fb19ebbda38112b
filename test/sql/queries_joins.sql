-- Queries: INNER/LEFT/RIGHT/FULL/CROSS joins, EXISTS/NOT EXISTS/IN subqueries,
-- GROUP BY with aggregates, DISTINCT, ORDER BY, LIMIT/OFFSET, CASE, COALESCE, casts.

CREATE TABLE dept (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE emp (id int PRIMARY KEY, name text NOT NULL, dept_id int REFERENCES dept,
    salary numeric(10,2), manager_id int REFERENCES emp);
INSERT INTO dept VALUES (1, 'engineering'), (2, 'sales'), (3, 'legal');
INSERT INTO emp VALUES
    (1, 'ann', 1, 5000, NULL), (2, 'bob', 1, 4000, 1), (3, 'cid', 2, 3000, 1),
    (4, 'dee', 2, 3500, 3), (5, 'eve', NULL, 2500, NULL), (6, 'fay', 1, NULL, 2);

-- INNER JOIN
SELECT e.name, d.name AS dept FROM emp e JOIN dept d ON d.id = e.dept_id ORDER BY e.name;
SELECT e.name, d.name AS dept FROM emp e INNER JOIN dept d ON d.id = e.dept_id AND d.name = 'sales'
ORDER BY e.name;
-- LEFT / RIGHT / FULL
SELECT e.name, d.name AS dept FROM emp e LEFT JOIN dept d ON d.id = e.dept_id ORDER BY e.name;
SELECT e.name, d.name AS dept FROM emp e RIGHT JOIN dept d ON d.id = e.dept_id ORDER BY d.name, e.name;
SELECT e.name, d.name AS dept FROM emp e FULL JOIN dept d ON d.id = e.dept_id
ORDER BY d.name NULLS FIRST, e.name;
-- USING
SELECT * FROM dept JOIN (SELECT dept_id AS id, count(*) AS n FROM emp GROUP BY dept_id) c USING (id)
ORDER BY id;
-- CROSS JOIN and comma join
SELECT d1.name, d2.name FROM dept d1 CROSS JOIN dept d2 WHERE d1.id < d2.id ORDER BY 1, 2;
SELECT count(*) FROM emp, dept;
-- self join
SELECT e.name, m.name AS manager FROM emp e LEFT JOIN emp m ON m.id = e.manager_id ORDER BY e.id;

-- EXISTS / NOT EXISTS / IN / NOT IN
SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id) ORDER BY name;
SELECT name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id) ORDER BY name;
SELECT name FROM emp WHERE dept_id IN (SELECT id FROM dept WHERE name <> 'engineering') ORDER BY name;
-- NOT IN with a NULL in the subquery yields no rows
SELECT name FROM dept WHERE id NOT IN (SELECT dept_id FROM emp) ORDER BY name;
SELECT name FROM dept WHERE id NOT IN (SELECT dept_id FROM emp WHERE dept_id IS NOT NULL) ORDER BY name;
-- scalar subqueries
SELECT name, (SELECT count(*) FROM emp e WHERE e.dept_id = d.id) AS headcount FROM dept d ORDER BY id;
SELECT name FROM emp WHERE salary = (SELECT max(salary) FROM emp);
SELECT (SELECT id FROM emp);

-- GROUP BY with aggregates
SELECT dept_id, count(*), count(salary) AS with_salary, sum(salary), avg(salary),
       min(salary), max(salary)
FROM emp GROUP BY dept_id ORDER BY dept_id NULLS LAST;
SELECT d.name, count(e.id) AS n, coalesce(sum(e.salary), 0) AS total
FROM dept d LEFT JOIN emp e ON e.dept_id = d.id GROUP BY d.name HAVING count(e.id) < 3 ORDER BY d.name;
SELECT count(*), sum(salary), avg(salary) FROM emp WHERE false;
SELECT round(avg(salary), 2) AS avg_salary, sum(id) AS id_sum, avg(id) AS id_avg FROM emp;
SELECT name, count(*) FROM emp;

-- DISTINCT, ORDER BY, LIMIT / OFFSET
SELECT DISTINCT dept_id FROM emp ORDER BY dept_id;
SELECT DISTINCT ON (dept_id) dept_id, name FROM emp ORDER BY dept_id, salary DESC NULLS LAST;
SELECT name, salary FROM emp ORDER BY salary DESC NULLS LAST, name LIMIT 3;
SELECT name FROM emp ORDER BY id LIMIT 2 OFFSET 2;
SELECT name FROM emp ORDER BY id OFFSET 5;
SELECT name FROM emp ORDER BY id LIMIT 0;
SELECT name FROM emp ORDER BY id FETCH FIRST 1 ROW ONLY;
SELECT name, salary FROM emp ORDER BY salary;
SELECT name, salary FROM emp ORDER BY salary DESC;
SELECT name FROM emp ORDER BY 2;

-- CASE, COALESCE, NULLIF, casts
SELECT name,
       CASE WHEN salary >= 4000 THEN 'high' WHEN salary >= 3000 THEN 'mid' ELSE 'low' END AS band,
       CASE dept_id WHEN 1 THEN 'eng' WHEN 2 THEN 'sales' END AS short,
       coalesce(salary, 0) AS salary_or_zero,
       nullif(dept_id, 1) AS not_eng
FROM emp ORDER BY id;
SELECT '42'::int + 1, CAST('3.14159' AS numeric(4,2)), 7 / 2, 7 / 2.0, 7 % 3, 2 ^ 10;
SELECT 1::text || 'x', 'true'::boolean, '2024-02-29'::date + 1, 10::float8 / 4;
SELECT 'abc'::int;
SELECT CAST(salary AS int) FROM emp WHERE id = 4;

-- set operations
SELECT name FROM dept UNION SELECT name FROM emp WHERE id < 3 ORDER BY 1;
SELECT dept_id FROM emp UNION ALL SELECT id FROM dept ORDER BY 1 NULLS FIRST;
SELECT id FROM dept EXCEPT SELECT dept_id FROM emp ORDER BY 1;
SELECT id FROM dept INTERSECT SELECT dept_id FROM emp ORDER BY 1;

DROP TABLE emp, dept;
