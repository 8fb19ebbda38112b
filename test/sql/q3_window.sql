-- Issue 3: window functions, aggregates OVER, ROWS / RANGE / GROUPS frames, EXCLUDE, named windows.
CREATE TABLE emp (name text, dept text, salary int, hired date);
INSERT INTO emp VALUES
  ('ann', 'dev', 5000, '2019-01-10'), ('bob', 'dev', 4200, '2020-03-01'), ('cid', 'dev', 4200, '2021-07-15'),
  ('dee', 'ops', 3900, '2018-11-30'), ('eve', 'ops', NULL, '2022-02-02'), ('fay', 'sales', 3000, '2020-05-05'),
  ('gus', 'sales', 3500, '2020-05-05'), ('hal', 'sales', 3500, '2023-01-01');
-- ranking
SELECT name, dept, salary,
  row_number() OVER w, rank() OVER w, dense_rank() OVER w,
  percent_rank() OVER w, cume_dist() OVER w, ntile(2) OVER w
FROM emp WINDOW w AS (PARTITION BY dept ORDER BY salary DESC NULLS LAST) ORDER BY dept, row_number;
SELECT name, row_number() OVER () > 0 AS any_order FROM emp ORDER BY name;
SELECT name, ntile(3) OVER (ORDER BY name), ntile(10) OVER (ORDER BY name) FROM emp ORDER BY name;
-- offsets
SELECT name, salary, lag(salary) OVER o, lead(salary) OVER o, lag(salary, 2, -1) OVER o, lead(name, 3, 'none') OVER o
FROM emp WINDOW o AS (ORDER BY name) ORDER BY name;
SELECT name, first_value(name) OVER w, last_value(name) OVER w, nth_value(name, 2) OVER w
FROM emp WINDOW w AS (PARTITION BY dept ORDER BY hired) ORDER BY dept, hired, name;
SELECT name, last_value(name) OVER (PARTITION BY dept ORDER BY hired ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
  nth_value(salary, 3) OVER (ORDER BY name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
FROM emp ORDER BY name;
-- aggregates OVER: the default frame is RANGE UNBOUNDED PRECEDING .. CURRENT ROW (peers included)
SELECT name, dept, salary, sum(salary) OVER (PARTITION BY dept) AS dept_total,
  sum(salary) OVER (ORDER BY salary) AS running, count(*) OVER (ORDER BY salary) AS cnt,
  avg(salary) OVER (PARTITION BY dept)::numeric(10,2) AS dept_avg
FROM emp ORDER BY salary NULLS FIRST, name;
SELECT dept, max(salary), sum(sum(salary)) OVER () AS grand, rank() OVER (ORDER BY max(salary) DESC)
FROM emp GROUP BY dept ORDER BY dept;
-- ROWS frames
SELECT name, salary,
  sum(salary) OVER (ORDER BY name ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3,
  sum(salary) OVER (ORDER BY name ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest,
  count(*) OVER (ORDER BY name ROWS 2 PRECEDING) AS c2,
  array_agg(name) OVER (ORDER BY name ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) AS ahead
FROM emp ORDER BY name;
-- RANGE frames with offsets (numeric and date/interval)
SELECT name, salary,
  count(*) OVER (ORDER BY salary RANGE BETWEEN 300 PRECEDING AND 300 FOLLOWING) AS near,
  sum(salary) OVER (ORDER BY salary RANGE CURRENT ROW) AS peers
FROM emp ORDER BY salary NULLS FIRST, name;
SELECT name, hired,
  count(*) OVER (ORDER BY hired RANGE BETWEEN '1 year' PRECEDING AND CURRENT ROW) AS last_year
FROM emp ORDER BY hired, name;
SELECT name, salary, first_value(name) OVER (ORDER BY salary DESC RANGE BETWEEN 500 PRECEDING AND 500 FOLLOWING)
FROM emp WHERE salary IS NOT NULL ORDER BY salary DESC, name;
-- GROUPS frames
SELECT name, salary,
  array_agg(name) OVER (ORDER BY salary GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS g,
  count(*) OVER (ORDER BY salary GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS c
FROM emp ORDER BY salary NULLS FIRST, name;
-- EXCLUDE
SELECT name, salary,
  array_agg(name) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) AS ec,
  count(*) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS eg,
  count(*) OVER (ORDER BY salary GROUPS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) AS et,
  count(*) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE NO OTHERS) AS eno
FROM emp WHERE dept <> 'ops' ORDER BY salary, name;
-- named windows, referenced and refined
SELECT name, sum(salary) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s, rank() OVER w
FROM emp WINDOW w AS (PARTITION BY dept ORDER BY name) ORDER BY dept, name;
-- FILTER on window aggregates
SELECT name, count(*) FILTER (WHERE salary > 3600) OVER (ORDER BY name) FROM emp ORDER BY name;
-- window function in a subquery, filtered outside
SELECT * FROM (SELECT name, dept, rank() OVER (PARTITION BY dept ORDER BY salary DESC NULLS LAST) AS r FROM emp) s
WHERE r = 1 ORDER BY dept;
-- window functions in subqueries, IN lists, views, with DISTINCT and LIMIT
SELECT * FROM (SELECT name, row_number() OVER (ORDER BY name DESC) AS rn FROM emp) s WHERE rn <= 3 ORDER BY rn;
SELECT name FROM emp WHERE name IN (SELECT name FROM (SELECT name, rank() OVER (ORDER BY salary) AS r FROM emp) x WHERE r = 1);
SELECT DISTINCT dept, count(*) OVER (PARTITION BY dept) FROM emp ORDER BY 1;
SELECT name, sum(salary) OVER (ORDER BY name) FROM emp ORDER BY name DESC LIMIT 3;
SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), avg(x) OVER (ORDER BY x DESC RANGE BETWEEN 1.5 PRECEDING AND CURRENT ROW)
FROM (VALUES (1.0), (2.0), (2.5), (4.0), (NULL)) v(x) ORDER BY x;
SELECT d.dept, (SELECT max(r) FROM (SELECT rank() OVER (ORDER BY e.salary) AS r FROM emp e WHERE e.dept = d.dept) s) FROM (SELECT DISTINCT dept FROM emp) d ORDER BY 1;
CREATE VIEW ranked AS SELECT name, dept, rank() OVER (PARTITION BY dept ORDER BY salary DESC NULLS LAST) AS r,
  count(*) FILTER (WHERE salary > 3000) OVER (ORDER BY hired RANGE BETWEEN '1 year' PRECEDING AND CURRENT ROW EXCLUDE TIES) AS c
FROM emp;
SELECT * FROM ranked WHERE r = 1 ORDER BY dept, name;
SELECT pg_get_viewdef('ranked');
DROP VIEW ranked;
-- empty input
SELECT name, row_number() OVER () FROM emp WHERE false;
-- errors
SELECT name FROM emp WHERE rank() OVER (ORDER BY salary) = 1;
SELECT ntile(0) OVER (ORDER BY name) FROM emp;
SELECT nth_value(name, 0) OVER (ORDER BY name) FROM emp;
SELECT lag(name, -1) OVER (ORDER BY name) FROM emp;
SELECT sum(salary) OVER (ORDER BY salary ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT count(*) OVER (ORDER BY name RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT count(*) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT count(*) OVER (GROUPS 1 PRECEDING) FROM emp;
SELECT rank() OVER w FROM emp;
SELECT count(*) OVER (ORDER BY name ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM emp;
SELECT row_number(name) OVER () FROM emp;
SELECT sum(rank() OVER ()) FROM emp;
SELECT sum(rank() OVER ()) OVER () FROM emp;
SELECT row_number() FROM emp;
SELECT lower(name) OVER () FROM emp;
SELECT count(DISTINCT dept) OVER () FROM emp;
SELECT rank() FILTER (WHERE salary > 1) OVER () FROM emp;
SELECT dept FROM emp GROUP BY dept HAVING rank() OVER () > 1;
SELECT rank() OVER (PARTITION BY rank() OVER ()) FROM emp;
SELECT rank() OVER (w ORDER BY salary) FROM emp WINDOW w AS (ORDER BY name);
SELECT rank() OVER (w) FROM emp WINDOW w AS (ORDER BY name ROWS 1 PRECEDING);
SELECT rank() OVER w FROM emp WINDOW w AS (), w AS ();
SELECT count(*) OVER (ORDER BY hired RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT count(*) OVER (ORDER BY salary ROWS BETWEEN salary PRECEDING AND CURRENT ROW) FROM emp;
SELECT count(*) OVER (ORDER BY salary ROWS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM emp;
SELECT count(*) OVER (ORDER BY salary RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT name, rank() OVER (ORDER BY name) FROM emp FOR UPDATE;
SELECT name FROM emp WHERE salary = ANY (SELECT max(salary) OVER (PARTITION BY dept) FROM emp) ORDER BY 1;
DROP TABLE emp;
