-- CREATE AGGREGATE / DROP AGGREGATE / COMMENT ON AGGREGATE (user-defined aggregates)
CREATE TABLE agg_t (g int, x int, y int8, s text);
INSERT INTO agg_t VALUES (1, 1, 10, 'a'), (1, 2, NULL, 'b'), (2, NULL, 30, 'c'), (2, 4, 40, NULL), (2, 5, 50, 'e');

-- built-in support functions, new and old syntax
CREATE AGGREGATE newavg (
   sfunc = int4_avg_accum, basetype = int4, stype = _int8,
   finalfunc = int8_avg,
   initcond1 = '{0,0}'
);
CREATE AGGREGATE newsum (sfunc1 = int4pl, basetype = int4, stype1 = int4, initcond1 = '0');
CREATE AGGREGATE newcnt (*) (sfunc = int8inc, stype = int8, initcond = '0', parallel = safe);
CREATE AGGREGATE oldcnt (sfunc = int8inc, basetype = 'ANY', stype = int8, initcond = '0');
CREATE AGGREGATE newcnt ("any") (sfunc = int8inc_any, stype = int8, initcond = '0');
CREATE AGGREGATE mymax (int4) (sfunc = int4larger, stype = int4);
SELECT newavg(x), newsum(x), newcnt(*), oldcnt(*), newcnt(x), newcnt(s), mymax(x) FROM agg_t;
SELECT g, newavg(x), newsum(x), newcnt(*), mymax(x) FROM agg_t GROUP BY g ORDER BY g;
SELECT newavg(x), newsum(x), newcnt(*), mymax(x) FROM agg_t WHERE false;

-- FILTER, DISTINCT, ORDER BY, HAVING, nested in expressions
SELECT newsum(x) FILTER (WHERE g = 2), newcnt(DISTINCT g), mymax(x ORDER BY x DESC) FROM agg_t;
SELECT g FROM agg_t GROUP BY g HAVING newsum(x) > 5 ORDER BY g;
SELECT newsum(x) + 1 AS plus_one, coalesce(mymax(NULL::int), -1) AS none FROM agg_t;

-- SQL and PL/pgSQL support functions: strict and non-strict, final functions
CREATE FUNCTION sum3(int8, int8, int8) RETURNS int8 AS 'select $1 + $2 + $3' LANGUAGE sql STRICT IMMUTABLE;
CREATE AGGREGATE sum2(int8, int8) (sfunc = sum3, stype = int8, initcond = '0');
SELECT sum2(y, y), sum2(DISTINCT y, 1) FROM agg_t;
CREATE FUNCTION cat_step(text, text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN coalesce($1, '') || coalesce($2, '?');
END $$;
CREATE FUNCTION cat_final(text) RETURNS text LANGUAGE sql AS $$ SELECT '[' || $1 || ']' $$;
CREATE AGGREGATE cat(text) (sfunc = cat_step, stype = text, finalfunc = cat_final);
SELECT cat(s ORDER BY s), cat(s ORDER BY s DESC) FROM agg_t;
SELECT g, cat(s) FROM agg_t GROUP BY g ORDER BY g;
CREATE FUNCTION first_step(int, int) RETURNS int LANGUAGE sql STRICT AS 'select $1';
CREATE AGGREGATE first_x(int) (sfunc = first_step, stype = int);
SELECT first_x(x ORDER BY x DESC), first_x(x ORDER BY x) FROM agg_t;

-- identical calls are evaluated once (the transition function runs once per row)
CREATE FUNCTION noisy_step(int, int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'step %', $2;
  RETURN coalesce($1, 0) + $2;
END $$;
CREATE AGGREGATE noisy(int) (sfunc = noisy_step, stype = int);
SELECT noisy(x), noisy(x) + 1 AS plus FROM (VALUES (1), (3)) v(x);
-- a plain function and an aggregate of the same name
CREATE FUNCTION first_x(text) RETURNS text LANGUAGE sql AS 'select $1';
SELECT first_x('plain'), first_x(x) FROM agg_t;

-- catalog: pg_proc and \da
SELECT proname, prokind, pronargs, prorettype::regtype FROM pg_proc WHERE proname IN ('newavg', 'newsum', 'cat', 'sum2') ORDER BY 1;
COMMENT ON AGGREGATE newavg (int4) IS 'an agg comment';
COMMENT ON AGGREGATE newcnt (*) IS 'an agg(*) comment';
COMMENT ON AGGREGATE nosuchagg (*) IS 'should fail';
COMMENT ON AGGREGATE newavg_wrong (int4) IS 'an agg comment';
DROP AGGREGATE newcnt("any");
\da new*

-- errors
CREATE AGGREGATE bad1 (int4) (sfunc = nosuch, stype = int4);
CREATE AGGREGATE bad1 (int4) (stype = int4);
CREATE AGGREGATE bad1 (int4) (sfunc = int4pl);
CREATE AGGREGATE bad1 (int4) (sfunc = int4pl, stype = int4, finalfunc = nosuch);
CREATE AGGREGATE bad1 (int4) (sfunc = int4pl, stype = int4, initcond = 'x');
CREATE AGGREGATE bad1 (int4) (sfunc = int4pl, stype = int4, bogus = 1);
CREATE AGGREGATE bad1 (int4) (sfunc = int4pl, stype = int4);
CREATE OR REPLACE AGGREGATE bad1 (int4) (sfunc = int4pl, stype = int4, initcond = '100');
SELECT bad1(x) FROM agg_t;
SELECT newsum(s) FROM agg_t;
SELECT newsum(*) FROM agg_t;

-- DROP
DROP FUNCTION bad1(int4);
DROP AGGREGATE sum3(int8, int8, int8);
DROP AGGREGATE bad1(int8);
DROP AGGREGATE IF EXISTS bad1(int8);
DROP AGGREGATE nosuchagg(*);
DROP AGGREGATE bad1(int4);
DROP FUNCTION cat_final(text);
DROP FUNCTION cat_final(text) CASCADE;
SELECT cat(s) FROM agg_t;
DROP AGGREGATE newcnt(*), oldcnt(*);
SELECT proname FROM pg_proc WHERE prokind = 'a' AND pronamespace = 'public'::regnamespace ORDER BY 1;
