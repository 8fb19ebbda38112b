-- temporary tables: the session's pg_temp schema, ON COMMIT, persistence rules
CREATE TEMP TABLE tt (a int PRIMARY KEY, b text);
INSERT INTO tt VALUES (1, 'x');
SELECT * FROM tt;
SELECT relpersistence, relname FROM pg_class WHERE relname IN ('tt', 'tt_pkey') ORDER BY 2;
SELECT nspname LIKE 'pg_temp_%' AS temp_schema FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid WHERE relname = 'tt';
-- a permanent table of the same name is hidden by the temporary one
CREATE TABLE tt (a int);
SELECT * FROM tt;
SELECT * FROM public.tt;
SELECT * FROM pg_temp.tt;
DROP TABLE tt;
SELECT * FROM tt;
-- foreign keys do not mix persistence
CREATE TEMP TABLE tref (a int PRIMARY KEY);
CREATE TABLE perm (a int REFERENCES tref);
CREATE TEMP TABLE t2 (a int REFERENCES public.tt);
CREATE TEMP TABLE t3 (a int REFERENCES tref);
-- ON COMMIT
CREATE TEMP TABLE ocd (a int) ON COMMIT DELETE ROWS;
BEGIN;
INSERT INTO ocd VALUES (1);
SELECT count(*) FROM ocd;
COMMIT;
SELECT count(*) FROM ocd;
BEGIN;
CREATE TEMP TABLE ocdrop (a int) ON COMMIT DROP;
INSERT INTO ocdrop VALUES (1);
COMMIT;
SELECT * FROM ocdrop;
CREATE TEMP TABLE ocp (a int) ON COMMIT PRESERVE ROWS;
INSERT INTO ocp VALUES (1);
SELECT * FROM ocp;
CREATE TABLE bad (a int) ON COMMIT DROP;
-- schema rules
CREATE TEMP TABLE public.x (a int);
CREATE TABLE pg_temp.y (a int);
CREATE UNLOGGED TABLE pg_temp.z (a int);
SELECT relpersistence FROM pg_class WHERE relname = 'y';
CREATE TABLE inh () INHERITS (y);
CREATE TEMP TABLE inh () INHERITS (y);
SET search_path = pg_temp, public;
CREATE TABLE made_temp (a int);
SELECT relpersistence FROM pg_class WHERE relname = 'made_temp';
RESET search_path;
-- sequences and serial columns
CREATE TEMP SEQUENCE tseq;
SELECT nextval('tseq');
CREATE TEMP TABLE ser (id serial, v text);
INSERT INTO ser (v) VALUES ('a'), ('b');
SELECT * FROM ser;
-- a rolled back creation
BEGIN;
CREATE TEMP TABLE rb (a int);
ROLLBACK;
SELECT * FROM rb;
-- DISCARD TEMP drops them all
DISCARD TEMP;
SELECT * FROM ser;
SELECT * FROM tref;
SELECT count(*) FROM pg_class WHERE relpersistence = 't';
