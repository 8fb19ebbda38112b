-- Error reports: syntax errors at various positions (incl. multi-line statements
-- and the end of input), undefined tables/columns/functions with their positions
-- and HINTs.

-- syntax errors
SELEC 1;
SELECT 1 +;
SELECT * FROM;
SELECT (1, 2));
CREATE TABLE t (id int,);
CREATE TABLE t (id int
    name text);
INSERT INTO t VALUES (1, 2)
  RETURNING;
-- a string literal spanning two lines is fine
SELECT 'two;
lines';
SELECT 1 FROM (SELECT 2);
SELECT
    a,
    b
FROM
    t
WHERE
    a = = 1;
SELECT 1 2;
SELECT $$dollar;
quoted$$;
select * from where;
UPDATE SET x = 1;
DELETE t;
CREATE TABLE select (x int);
CREATE TABLE "select" (x int);
DROP TABLE "select";
SELECT 1;;
SELECT 1 ; SELECT 2;

-- undefined tables
SELECT * FROM nosuch;
SELECT *
FROM
  nosuch_multi_line;
SELECT * FROM public.nosuch;
INSERT INTO nosuch VALUES (1);
UPDATE nosuch SET x = 1;
DELETE FROM nosuch;

-- undefined columns, with hints
CREATE TABLE t (id int PRIMARY KEY, yname text, created date);
CREATE TABLE u (id int, t_id int);
SELECT x FROM t;
SELECT t.x FROM t;
SELECT yname, nmae FROM t;
SELECT ynam FROM t;
SELECT t.ynam FROM t;
SELECT id FROM t, u;
SELECT t.id FROM t JOIN u ON u.t_id = t.idd;
SELECT z.id FROM t;
SELECT id FROM t WHERE t.created > u.id;
SELECT "YNAME" FROM t;
-- the hint needs a close enough name: one letter off a one-letter name is not,
-- two letters against a one-letter name is (with the table qualifier)
CREATE TABLE ty (y int);
SELECT x FROM ty;
SELECT ym FROM ty, u;
SELECT ynam FROM ty, t;
SELECT
  id,
  yname,
  bogus
FROM t;
INSERT INTO t (id, name) VALUES (1, 'x');
UPDATE t SET nmae = 'x';
SELECT * FROM t ORDER BY nope;
SELECT count(*) FROM t GROUP BY nope;

-- functions and operators
SELECT no_such_function(1);
SELECT lower(1, 2);
SELECT 'a' + 1;
SELECT 1 + 'a';
SELECT date '2024-01-01' + date '2024-01-02';
SELECT length();

-- type errors
SELECT 1 WHERE 1;
SELECT id FROM t WHERE yname = 1;
INSERT INTO t (id, created) VALUES ('one', 'today');
INSERT INTO t (id, created) VALUES (1, 'not a date');
SELECT CASE WHEN true THEN 1 ELSE 'x' END;
SELECT ARRAY[1, 'x'];

DROP TABLE t, u, ty;
