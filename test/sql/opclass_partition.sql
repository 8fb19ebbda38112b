-- CREATE OPERATOR CLASS / FAMILY: catalog rows, errors, partition keys using a class's
-- support functions (btree comparison, hash extended hash), dependencies, DROP and ALTER.
CREATE FUNCTION my_int4_sort(int4, int4) RETURNS int LANGUAGE sql
  AS $$ SELECT CASE WHEN $1 = $2 THEN 0 WHEN $1 > $2 THEN -1 ELSE 1 END; $$;
CREATE OPERATOR CLASS rev_int4_ops FOR TYPE int4 USING btree AS
  OPERATOR 1 > (int4, int4), OPERATOR 2 >= (int4, int4),
  OPERATOR 3 = (int4, int4), OPERATOR 4 <= (int4, int4),
  OPERATOR 5 < (int4, int4), FUNCTION 1 my_int4_sort(int4, int4);
SELECT opcname, opcmethod, opcintype::regtype, opcdefault, opckeytype,
       (SELECT opfname FROM pg_opfamily f WHERE f.oid = opcfamily) AS family
  FROM pg_opclass WHERE opcname = 'rev_int4_ops';
SELECT opfname, opfmethod FROM pg_opfamily WHERE opfname = 'rev_int4_ops';
SELECT amopstrategy, amoplefttype::regtype, amoprighttype::regtype, o.oprname, amoppurpose, amopmethod
  FROM pg_amop a JOIN pg_operator o ON o.oid = a.amopopr
  WHERE amopfamily = (SELECT oid FROM pg_opfamily WHERE opfname = 'rev_int4_ops') ORDER BY amopstrategy;
SELECT amprocnum, amproclefttype::regtype, amprocrighttype::regtype, p.proname
  FROM pg_amproc a JOIN pg_proc p ON p.oid = a.amproc
  WHERE amprocfamily = (SELECT oid FROM pg_opfamily WHERE opfname = 'rev_int4_ops');
-- errors
CREATE OPERATOR CLASS rev_int4_ops FOR TYPE int4 USING btree AS OPERATOR 1 <;
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING nosuch AS OPERATOR 1 <;
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS OPERATOR 6 < (int4, int4);
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS OPERATOR 1 <, FUNCTION 7 my_int4_sort(int4, int4);
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS OPERATOR 1 <<< (int4, int4);
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS OPERATOR 1 + (int4, int4);
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS OPERATOR 1 <, OPERATOR 1 <;
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS FUNCTION 1 nosuch(int4, int4);
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS FUNCTION 1 int4pl(int4, int4);
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING hash AS FUNCTION 2 my_int4_sort(int4, int4);
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree FAMILY nosuch AS OPERATOR 1 <;
CREATE OPERATOR CLASS c2 DEFAULT FOR TYPE int4 USING btree AS OPERATOR 1 <;
CREATE OPERATOR CLASS c2 FOR TYPE int4 USING btree AS OPERATOR 1 <, STORAGE int8;
-- a class without the support function a partition key needs
CREATE OPERATOR CLASS int4_nocmp FOR TYPE int4 USING btree AS OPERATOR 1 <;
CREATE TABLE nocmp (a int4) PARTITION BY RANGE (a int4_nocmp);
CREATE TABLE wrongtype (a text) PARTITION BY RANGE (a rev_int4_ops);
CREATE TABLE nosuchclass (a int4) PARTITION BY RANGE (a nosuch_ops);
DROP OPERATOR CLASS int4_nocmp USING btree;
DROP OPERATOR FAMILY int4_nocmp USING btree;
-- a range partition key ordered by the class's comparison function
CREATE TABLE rev (a int4) PARTITION BY RANGE (a rev_int4_ops);
\d+ rev
SELECT pg_get_partkeydef('rev'::regclass);
CREATE TABLE rev_hi PARTITION OF rev FOR VALUES FROM (100) TO (10);
CREATE TABLE rev_lo PARTITION OF rev FOR VALUES FROM (10) TO (0);
CREATE TABLE rev_bad PARTITION OF rev FOR VALUES FROM (0) TO (10);
INSERT INTO rev VALUES (50), (5), (10), (100);
INSERT INTO rev VALUES (0);
SELECT tableoid::regclass, a FROM rev ORDER BY a;
SELECT tableoid::regclass, a FROM rev WHERE a < 20 ORDER BY a;
SELECT tableoid::regclass, a FROM rev WHERE a = 50;
SELECT tableoid::regclass, a FROM rev WHERE a IN (5, 100) ORDER BY a;
INSERT INTO rev_lo VALUES (20);
-- hash classes with hand-rolled hash functions (as PostgreSQL's test_setup.sql)
CREATE FUNCTION hashint4_noop(value int4, seed int8) RETURNS int8 AS $$
  SELECT value + seed; $$ LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE;
CREATE OPERATOR CLASS test_int4_ops FOR TYPE int4 USING hash AS
  OPERATOR 1 =, FUNCTION 2 hashint4_noop(int4, int8);
CREATE FUNCTION hashtext_length(value text, seed int8) RETURNS int8 AS $$
  SELECT length(coalesce(value, ''))::int8 $$ LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE;
CREATE OPERATOR CLASS test_text_ops FOR TYPE text USING hash AS
  OPERATOR 1 =, FUNCTION 2 hashtext_length(text, int8);
CREATE TABLE hp (a int4, b text) PARTITION BY HASH (a test_int4_ops, b test_text_ops);
CREATE TABLE hp0 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE hp1 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE hp2 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE hp3 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 3);
INSERT INTO hp SELECT i, repeat('x', i % 3) FROM generate_series(1, 12) i;
INSERT INTO hp VALUES (NULL, 'abc'), (7, NULL), (NULL, NULL);
SELECT tableoid::regclass, a, b FROM hp ORDER BY a NULLS LAST, b NULLS LAST;
SELECT tableoid::regclass, count(*) FROM hp GROUP BY 1 ORDER BY 1;
INSERT INTO hp0 VALUES (1, 'x');
UPDATE hp SET a = a + 1 WHERE a = 1;
SELECT tableoid::regclass, a, b FROM hp WHERE a = 2 ORDER BY b;
\d hp
CREATE TABLE hp_one (a int4) PARTITION BY HASH (a test_int4_ops);
CREATE TABLE hp_one_0 PARTITION OF hp_one FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE hp_one_1 PARTITION OF hp_one FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO hp_one SELECT generate_series(1, 6);
SELECT tableoid::regclass, a FROM hp_one ORDER BY a;
SELECT * FROM hp_one WHERE a = 3;
SELECT tableoid::regclass, * FROM hp WHERE a = 4 AND b = 'x';
SELECT tableoid::regclass, * FROM hp_one WHERE a IN (2, 5) ORDER BY a;
CREATE TABLE hp_wrong (a int4) PARTITION BY HASH (a rev_int4_ops);
-- dependencies
DROP OPERATOR CLASS rev_int4_ops USING btree;
DROP FUNCTION my_int4_sort(int4, int4);
DROP OPERATOR FAMILY rev_int4_ops USING btree;
DROP FUNCTION hashint4_noop(int4, int8);
DROP TABLE rev;
DROP OPERATOR CLASS rev_int4_ops USING btree;
SELECT count(*) AS families_left FROM pg_opfamily WHERE opfname = 'rev_int4_ops';
DROP OPERATOR FAMILY rev_int4_ops USING btree;
DROP OPERATOR CLASS rev_int4_ops USING btree;
DROP OPERATOR CLASS IF EXISTS rev_int4_ops USING btree;
DROP OPERATOR CLASS IF EXISTS rev_int4_ops USING nosuch;
DROP OPERATOR FAMILY IF EXISTS rev_int4_ops USING btree;
DROP FUNCTION my_int4_sort(int4, int4);
BEGIN;
DROP FUNCTION hashint4_noop(int4, int8) CASCADE;
\d hp
ROLLBACK;
-- families: CREATE, ALTER … ADD / DROP, classes in them
CREATE OPERATOR FAMILY fam USING btree;
CREATE OPERATOR FAMILY fam USING btree;
CREATE OPERATOR FAMILY fam USING nosuch;
ALTER OPERATOR FAMILY fam USING btree ADD OPERATOR 1 < (int4, int8), OPERATOR 3 = (int4, int8);
ALTER OPERATOR FAMILY fam USING btree ADD OPERATOR 1 < (int4, int8);
ALTER OPERATOR FAMILY fam USING btree ADD FUNCTION 1 (int4, int4) btint4cmp(int4, int4);
SELECT amopstrategy, amoplefttype::regtype, amoprighttype::regtype FROM pg_amop
  WHERE amopfamily = (SELECT oid FROM pg_opfamily WHERE opfname = 'fam') ORDER BY 1;
ALTER OPERATOR FAMILY fam USING btree DROP OPERATOR 1 (int4, int8);
ALTER OPERATOR FAMILY fam USING btree DROP OPERATOR 1 (int4, int8);
ALTER OPERATOR FAMILY fam USING btree DROP FUNCTION 1 (int4, int4);
SELECT amopstrategy, amoplefttype::regtype, amoprighttype::regtype FROM pg_amop
  WHERE amopfamily = (SELECT oid FROM pg_opfamily WHERE opfname = 'fam') ORDER BY 1;
CREATE OPERATOR CLASS fam_int4 FOR TYPE int4 USING btree FAMILY fam AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(int4, int4);
CREATE TABLE famt (a int4) PARTITION BY LIST (a fam_int4);
CREATE TABLE famt_1 PARTITION OF famt FOR VALUES IN (1, 2);
INSERT INTO famt VALUES (1), (2);
INSERT INTO famt VALUES (3);
SELECT tableoid::regclass, a FROM famt ORDER BY a;
-- RENAME, SET SCHEMA, COMMENT
CREATE SCHEMA opcs;
ALTER OPERATOR CLASS fam_int4 USING btree RENAME TO fam_int4_ops;
ALTER OPERATOR CLASS fam_int4_ops USING btree SET SCHEMA opcs;
ALTER OPERATOR FAMILY fam USING btree SET SCHEMA opcs;
SELECT opcname, opcnamespace::regnamespace FROM pg_opclass WHERE opcname LIKE 'fam%';
SELECT pg_get_partkeydef('famt'::regclass);
COMMENT ON OPERATOR CLASS opcs.fam_int4_ops USING btree IS 'list class';
COMMENT ON OPERATOR FAMILY opcs.fam USING btree IS 'a family';
SELECT obj_description(oid, 'pg_opclass') FROM pg_opclass WHERE opcname = 'fam_int4_ops';
SELECT obj_description(oid, 'pg_opfamily') FROM pg_opfamily WHERE opfname = 'fam';
DROP SCHEMA opcs CASCADE;
DROP TABLE famt;
DROP SCHEMA opcs CASCADE;
-- a DEFAULT class of a composite type: used by a key naming no class; its = used on the type
CREATE TYPE pair AS (x int, y int);
CREATE FUNCTION pair_eq(pair, pair) RETURNS bool LANGUAGE sql AS 'SELECT $1.x = $2.x';
CREATE OPERATOR = (leftarg = pair, rightarg = pair, procedure = pair_eq);
CREATE FUNCTION pair_hash(pair, int8) RETURNS int8 LANGUAGE sql AS 'SELECT ($1.x + $2)';
CREATE OPERATOR CLASS pair_ops DEFAULT FOR TYPE pair USING hash AS
  OPERATOR 1 = (pair, pair), FUNCTION 2 pair_hash(pair, int8);
CREATE OPERATOR CLASS pair_ops2 DEFAULT FOR TYPE pair USING hash AS OPERATOR 1 = (pair, pair);
CREATE TABLE pt (p pair) PARTITION BY HASH (p);
\d pt
CREATE TABLE pt0 PARTITION OF pt FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO pt VALUES (ROW(1, 1)), (ROW(2, 1)), (ROW(3, 5));
SELECT tableoid::regclass, p FROM pt ORDER BY p;
SELECT ROW(1, 2)::pair = ROW(1, 3)::pair AS user_eq, ROW(1, 2) = ROW(1, 3) AS row_eq;
DROP OPERATOR CLASS pair_ops USING hash;
DROP OPERATOR = (pair, pair);
DROP OPERATOR = (pair, pair) CASCADE;
