-- CREATE OPERATOR: binary and prefix operators over SQL and built-in functions,
-- resolution next to the built-in operators, shells, dependencies, DROP and ALTER.
CREATE FUNCTION xor8(int8, int8) RETURNS int8 LANGUAGE sql IMMUTABLE AS 'SELECT $1 # $2';
CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = xor8);
SELECT 5::int8 @#@ 3::int8 AS exact, 5 @#@ 3 AS coerced, NULL::int8 @#@ 1 AS strictness;
SELECT 'a' @#@ 'b';
SELECT 1.5 @#@ 2;
CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = xor8);
CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = nosuch);
CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8);
CREATE OPERATOR @#@ (procedure = xor8);
CREATE OPERATOR @#@ (leftarg = int8, procedure = xor8);
CREATE OPERATOR a+ (leftarg = int8, rightarg = int8, procedure = xor8);
CREATE OPERATOR +- (leftarg = int8, rightarg = int8, procedure = xor8);
CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = xor8, negator = !@#@);
CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = xor8, hashes);
CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = xor8, colour = red);
-- a prefix operator over a built-in function
CREATE OPERATOR ~~~ (rightarg = int4, procedure = int4um);
SELECT ~~~ 7 AS neg, ~~~ (~~~ 7) AS twice;
SELECT oprname, oprkind, oprleft::regtype, oprright::regtype, oprresult::regtype, oprcanhash, oprcanmerge
  FROM pg_operator WHERE oprname IN ('@#@', '~~~') ORDER BY oprname;
-- commutator and negator: shells until defined
CREATE FUNCTION int_eq(int4, int4) RETURNS bool LANGUAGE sql AS 'SELECT $1 = $2';
CREATE FUNCTION int_ne(int4, int4) RETURNS bool LANGUAGE sql AS 'SELECT $1 <> $2';
CREATE OPERATOR === (leftarg = int4, rightarg = int4, procedure = int_eq, commutator = ===, negator = !==,
  restrict = eqsel, join = eqjoinsel, hashes, merges);
SELECT o.oprname, o.oprresult::regtype, o.oprcom = o.oid AS self_commutator, n.oprname AS negator
  FROM pg_operator o LEFT JOIN pg_operator n ON n.oid = o.oprnegate
  WHERE o.oprname IN ('===', '!==') ORDER BY 1;
SELECT 1 === 1 AS eq;
SELECT 1 !== 2 AS shell;
CREATE OPERATOR !== (leftarg = int4, rightarg = int4, procedure = int_ne, negator = ===);
SELECT 1 === 1 AS eq, 1 !== 1 AS ne, 1 !== 2 AS ne2;
SELECT o.oprname, n.oprname AS negator FROM pg_operator o JOIN pg_operator n ON n.oid = o.oprnegate
  WHERE o.oprname IN ('===', '!==') ORDER BY 1;
CREATE OPERATOR !!! (leftarg = int4, rightarg = int4, procedure = int_ne, negator = !!!);
-- operators in WHERE, joins and IN
CREATE TABLE nums (n int4, m int8);
INSERT INTO nums VALUES (1, 10), (2, 20), (3, 30), (NULL, 40);
SELECT n FROM nums WHERE n === 2;
SELECT a.n, b.n FROM nums a JOIN nums b ON a.n === b.n ORDER BY 1;
SELECT n, m @#@ 1 AS x FROM nums ORDER BY n;
-- an operator between different types used by IN (subquery)
CREATE TABLE words (w text);
INSERT INTO words VALUES ('10'), ('30'), ('x');
SELECT m FROM nums WHERE m IN (SELECT w FROM words);
CREATE FUNCTION int8_text_eq(int8, text) RETURNS bool LANGUAGE sql AS 'SELECT $1::text = $2';
CREATE OPERATOR = (procedure = int8_text_eq, leftarg = int8, rightarg = text);
SELECT m FROM nums WHERE m IN (SELECT w FROM words) ORDER BY m;
SELECT 10::int8 = '10'::text AS user_eq, 10::int8 = 10 AS builtin_eq;
-- a domain's own operator wins over its base type's
CREATE DOMAIN ci AS text;
CREATE FUNCTION ci_eq(ci, ci) RETURNS bool LANGUAGE sql AS 'SELECT lower($1) = lower($2)';
CREATE OPERATOR = (procedure = ci_eq, leftarg = ci, rightarg = ci);
SELECT 'ABC'::ci = 'abc'::ci AS domain_op, 'ABC'::text = 'abc'::text AS text_op;
SELECT CASE 'ABC'::ci WHEN 'abc'::ci THEN 'matched' ELSE 'not matched' END;
-- schemas: qualified names, OPERATOR() syntax, visibility
CREATE SCHEMA ops;
CREATE FUNCTION ops.cat3(text, text) RETURNS text LANGUAGE sql AS $$ SELECT $1 || '-' || $2 $$;
CREATE OPERATOR ops.<%> (leftarg = text, rightarg = text, procedure = ops.cat3);
SELECT 'a' <%> 'b';
SELECT 'a' OPERATOR(ops.<%>) 'b';
SET search_path = public, ops;
SELECT 'a' <%> 'b';
RESET search_path;
SELECT 1 OPERATOR(pg_catalog.+) 2 AS builtin, 'x' OPERATOR(nosuch.<%>) 'y';
-- COMMENT ON OPERATOR
COMMENT ON OPERATOR === (int4, int4) IS 'equal, slowly';
SELECT obj_description(oid, 'pg_operator') FROM pg_operator WHERE oprname = '===';
COMMENT ON OPERATOR === (int4, int4) IS NULL;
SELECT obj_description(oid, 'pg_operator') FROM pg_operator WHERE oprname = '===';
COMMENT ON OPERATOR ==== (int4, int4) IS 'nothing';
-- ALTER OPERATOR
ALTER OPERATOR === (int4, int4) SET (RESTRICT = NONE, JOIN = NONE);
SELECT oprrest = 0 AS no_restrict, oprjoin = 0 AS no_join FROM pg_operator WHERE oprname = '===';
ALTER OPERATOR @#@ (int8, int8) SET (RESTRICT = eqsel);
ALTER OPERATOR ops.<%> (text, text) SET SCHEMA public;
SELECT 'a' <%> 'b';
ALTER OPERATOR <%> (text, text) SET SCHEMA ops;
SELECT 'a' <%> 'b';
-- views depend on the operators they use, and print them qualified when not visible
CREATE VIEW opview AS SELECT n === 1 AS one, 'a' OPERATOR(ops.<%>) 'b' AS cat FROM nums WHERE n === 2;
SELECT pg_get_viewdef('opview'::regclass);
SELECT * FROM opview;
DROP OPERATOR === (int4, int4);
DROP VIEW opview;
-- dependencies: the function, the type
DROP FUNCTION xor8(int8, int8);
DROP FUNCTION int_eq(int4, int4);
DROP DOMAIN ci;
BEGIN;
DROP DOMAIN ci CASCADE;
ROLLBACK;
DROP FUNCTION xor8(int8, int8) CASCADE;
SELECT 1::int8 @#@ 2::int8;
-- DROP OPERATOR
DROP OPERATOR ~~~ (none, int4);
DROP OPERATOR ~~~ (none, int4);
DROP OPERATOR IF EXISTS ~~~ (none, int4);
DROP OPERATOR === (int4);
DROP OPERATOR === (int4, none);
DROP OPERATOR IF EXISTS === (nosuch, int4);
DROP OPERATOR IF EXISTS nosuch.=== (int4, int4);
DROP OPERATOR + (int4, int4);
DROP OPERATOR === (int4, int4), !== (int4, int4);
SELECT count(*) FROM pg_operator WHERE oprname IN ('===', '!==');
DROP SCHEMA ops CASCADE;
DROP OPERATOR = (int8, text);
SELECT m FROM nums WHERE m IN (SELECT w FROM words);
