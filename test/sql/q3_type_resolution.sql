-- Issue 3: type resolution — implicit / assignment / explicit casts, unknown literals, operator and
-- function overload choice, and the errors: operator / function does not exist (with HINTs), ambiguity.
CREATE TABLE t (i int, b bigint, n numeric(6,2), f float8, s text, v varchar(5), d date, flag boolean);
INSERT INTO t VALUES (1, 10000000000, 12.5, 0.5, '42', 'abc', '2024-01-02', true);
-- unknown literals take the other operand's type
SELECT i = '1', b > '5', n + '1.25', d > '2024-01-01', flag = 't', s || 1, v = 'abc' FROM t;
SELECT '1' + '2';
SELECT '1' = '1', pg_typeof('x'), pg_typeof('x' || 'y'), pg_typeof(NULL), pg_typeof(1::int2 + 1), pg_typeof(n * f) FROM t;
-- implicit casts in operators and functions
SELECT i + b, pg_typeof(i + b), i + n, pg_typeof(i + n), n * f, pg_typeof(f + n), round(i), round(f), length(v), abs(b) FROM t;
SELECT substr(12345::text, 2, 2), lpad(i::text, 3, '0') FROM t;
-- assignment casts on INSERT / UPDATE
INSERT INTO t (i, n, s, v) VALUES (2.6, '3.145', 7, 'xy');
INSERT INTO t (i) VALUES (1.5::float8);
INSERT INTO t (s) VALUES (1 + 1);
UPDATE t SET n = 1, b = 2.5 WHERE i = 2;
SELECT i, b, n, s, v FROM t ORDER BY i;
INSERT INTO t (d) VALUES (1);
INSERT INTO t (flag) VALUES (1);
INSERT INTO t (i) VALUES ('x');
INSERT INTO t (i) VALUES (now());
INSERT INTO t (n) VALUES (12345.67);
INSERT INTO t (v) VALUES ('abcdefg');
-- explicit casts
SELECT '12'::int + 1, CAST('3.7' AS numeric), 3.7::int, (-3.5)::int, 2.5::int, ' 42 '::int, 'yes'::boolean, 1::boolean, 't'::boolean::int;
SELECT 1::boolean::text, 'abc'::char(2), 12.345::numeric(4,2), 1e10::int8, 'a'::"char", 65::"char"::text;
SELECT 'x'::boolean;
SELECT '0x1A'::int;
SELECT 1.5::boolean;
SELECT true::date;
SELECT 1::date;
SELECT d::int FROM t WHERE i = 1;
-- operator does not exist (with HINT)
SELECT i = s FROM t;
SELECT 1 = 'a'::text;
SELECT d + flag FROM t;
SELECT s - 1 FROM t;
SELECT -s FROM t;
SELECT 'a'::text + 1;
SELECT 1 @@@ 2;
SELECT i FROM t WHERE s > 1;
SELECT i FROM t WHERE s IN (1, 2);
-- function does not exist (with HINT)
SELECT foo(1);
SELECT lower(1);
SELECT length(i) FROM t;
SELECT substr(i, 1, 1) FROM t;
SELECT round('x'::text);
SELECT abs();
SELECT pg_catalog.nosuch(1);
SELECT nosuch.f(1);
SELECT upper(s => 'x');
-- ambiguity
CREATE FUNCTION amb(a int, b float8) RETURNS text LANGUAGE sql AS $$ SELECT 'int,float8' $$;
CREATE FUNCTION amb(a float8, b int) RETURNS text LANGUAGE sql AS $$ SELECT 'float8,int' $$;
SELECT amb(1, 1);
SELECT amb(1, 1.5::float8), amb(1.5::float8, 1);
CREATE FUNCTION amb2(text) RETURNS text LANGUAGE sql AS $$ SELECT 'text' $$;
CREATE FUNCTION amb2(int) RETURNS text LANGUAGE sql AS $$ SELECT 'int' $$;
SELECT amb2('x'), amb2(1), amb2(1::int2);
CREATE FUNCTION amb3(int8) RETURNS text LANGUAGE sql AS $$ SELECT 'int8' $$;
CREATE FUNCTION amb3(numeric) RETURNS text LANGUAGE sql AS $$ SELECT 'numeric' $$;
SELECT amb3(1), amb3(1.5), amb3('7');
CREATE FUNCTION amb4(date) RETURNS text LANGUAGE sql AS $$ SELECT 'date' $$;
CREATE FUNCTION amb4(int) RETURNS text LANGUAGE sql AS $$ SELECT 'int' $$;
SELECT amb4('2024-01-01');
SELECT amb4(NULL);
SELECT 1 + NULL, NULL || NULL, pg_typeof(NULL + 1);
DROP FUNCTION amb(int, float8), amb(float8, int), amb2(text), amb2(int), amb3(int8), amb3(numeric), amb4(date), amb4(int);
-- column types in set operations and CASE follow the same rules
SELECT pg_typeof(x) FROM (SELECT 1 AS x UNION SELECT 2.5) s LIMIT 1;
SELECT pg_typeof(x) FROM (SELECT '1' AS x UNION SELECT '2') s LIMIT 1;
SELECT 1 UNION SELECT '1.5';
DROP TABLE t;
