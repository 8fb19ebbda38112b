-- ALTER TABLE beyond ddl_create_alter: defaults filled per row, inline constraints of
-- ADD COLUMN checked after the rows are filled, pass order, inheritance recursion and ONLY,
-- INHERIT / NO INHERIT, identity forms, renames, SET SCHEMA, and rollback of all of it.

CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'x'), (1, 'y'), (NULL, 'z');
-- volatile defaults give each row its own value; serial fills existing rows
ALTER TABLE t ADD COLUMN id serial;
CREATE SEQUENCE s START 100;
ALTER TABLE t ADD COLUMN n bigint DEFAULT nextval('s');
SELECT * FROM t ORDER BY id;
-- a non-volatile default is computed once, even for an empty table
CREATE TABLE empty (x int);
ALTER TABLE empty ADD COLUMN y int DEFAULT 1/0;
ALTER TABLE empty ADD COLUMN y int DEFAULT 'x';
ALTER TABLE empty ADD COLUMN y int DEFAULT 'x'::text;
ALTER TABLE empty ADD COLUMN y int DEFAULT y + 1;
ALTER TABLE empty ADD COLUMN y int DEFAULT (SELECT 1);
ALTER TABLE empty ADD COLUMN y int DEFAULT sum(1);
ALTER TABLE empty ADD COLUMN ctid int;
ALTER TABLE empty ADD CONSTRAINT c CHECK (nosuch > 0);
ALTER TABLE empty ADD CONSTRAINT c CHECK (x + 1);
ALTER TABLE empty ADD CONSTRAINT c CHECK (x > 'q');
ALTER TABLE empty ALTER x TYPE serial;
ALTER TABLE empty ALTER x TYPE nosuchtype;
-- inline constraints of ADD COLUMN see the filled rows
ALTER TABLE t ADD COLUMN c int DEFAULT 1 UNIQUE;
ALTER TABLE t ADD COLUMN c int DEFAULT 1 CHECK (c > 1);
ALTER TABLE t ADD COLUMN c int NOT NULL CHECK (c > 1);
ALTER TABLE t ADD COLUMN c int DEFAULT 1 PRIMARY KEY;
ALTER TABLE t ADD COLUMN c int NULL NOT NULL;
ALTER TABLE t ADD COLUMN c int DEFAULT 1 DEFAULT 2;
SELECT * FROM t ORDER BY id;
-- primary key: duplicates reported before nulls
ALTER TABLE t ADD PRIMARY KEY (a);
UPDATE t SET a = id;
ALTER TABLE t ADD PRIMARY KEY (a);
UPDATE t SET a = 3 WHERE a IS NULL;
ALTER TABLE t ADD PRIMARY KEY (a);
ALTER TABLE t ADD PRIMARY KEY (b);
ALTER TABLE t ADD UNIQUE (nosuch);
ALTER TABLE t ADD FOREIGN KEY (nosuch) REFERENCES t;
ALTER TABLE t ADD FOREIGN KEY (b) REFERENCES nosuch;
-- a foreign key written on an added column checks the filled rows
ALTER TABLE t ADD COLUMN c int DEFAULT 7 REFERENCES t;
ALTER TABLE t ADD COLUMN c int DEFAULT 2 REFERENCES t;
-- subcommands run by pass, not in the order written
ALTER TABLE t ADD COLUMN g int DEFAULT 1, DROP COLUMN g;
ALTER TABLE t DROP COLUMN b, ADD COLUMN b int;
ALTER TABLE t ADD COLUMN h int, ADD COLUMN h int;
ALTER TABLE t ALTER a TYPE bigint, ALTER a TYPE int;
ALTER TABLE t ALTER a TYPE bigint, DROP COLUMN a;
ALTER TABLE t DROP COLUMN c, DROP COLUMN c;
ALTER TABLE t ALTER n SET NOT NULL, ADD CONSTRAINT n_big CHECK (n > 100);
SELECT * FROM t ORDER BY id;

-- ALTER COLUMN TYPE: defaults, checks, indexes and foreign keys follow
CREATE TABLE k (id int PRIMARY KEY, v text DEFAULT 'none', q int CHECK (q > 0));
CREATE TABLE kr (k_id int REFERENCES k);
INSERT INTO k VALUES (1, 'one', 5), (2, 'two', 6);
INSERT INTO kr VALUES (1), (2);
ALTER TABLE k ALTER v TYPE int USING length(v);
ALTER TABLE k ALTER v DROP DEFAULT, ALTER v TYPE int USING length(v);
ALTER TABLE k ALTER q TYPE text;
ALTER TABLE k ALTER q TYPE numeric(4,1);
ALTER TABLE k ALTER id TYPE text;
ALTER TABLE k ALTER id TYPE bigint;
ALTER TABLE k ALTER COLUMN id TYPE int USING (SELECT 1);
ALTER TABLE k ALTER COLUMN id TYPE int USING sum(id);
ALTER TABLE k ALTER COLUMN id TYPE int USING 'x'::text;
ALTER TABLE k ALTER COLUMN id TYPE int USING id + 'x';
ALTER TABLE k ALTER id TYPE int USING id % 1;
INSERT INTO k VALUES (3, 3, 1.5);
INSERT INTO k VALUES (3, 3, 1.5);
SELECT * FROM k ORDER BY id;
INSERT INTO kr VALUES (9);

-- inheritance: recursion, merging, ONLY
CREATE TABLE p (a int, b text);
CREATE TABLE c (x int) INHERITS (p);
CREATE TABLE c2 (b text, y int) INHERITS (p);
INSERT INTO c VALUES (1, 'c', 10);
ALTER TABLE ONLY p ADD COLUMN z int;
ALTER TABLE p ADD COLUMN x int DEFAULT 5;
ALTER TABLE p ADD COLUMN y text;
SELECT * FROM c;
ALTER TABLE ONLY p DROP COLUMN b;
SELECT attrelid::regclass, attname, attinhcount, attislocal FROM pg_attribute
WHERE attrelid IN ('p'::regclass, 'c'::regclass, 'c2'::regclass) AND attnum > 0 AND NOT attisdropped ORDER BY 1, attnum;
ALTER TABLE c DROP COLUMN a;
ALTER TABLE c DROP COLUMN b;
ALTER TABLE ONLY p ADD CONSTRAINT ck CHECK (a > 0);
ALTER TABLE ONLY p ADD CONSTRAINT ck CHECK (a > 0) NO INHERIT;
ALTER TABLE p ADD CONSTRAINT ck2 CHECK (a > 0);
ALTER TABLE c ADD CONSTRAINT ck3 CHECK (a > 0);
ALTER TABLE p ADD CONSTRAINT ck3 CHECK (a >= 0);
ALTER TABLE p ADD CONSTRAINT ck3 CHECK (a > 0);
ALTER TABLE c DROP CONSTRAINT ck2;
ALTER TABLE ONLY p DROP CONSTRAINT ck2;
ALTER TABLE p DROP CONSTRAINT ck3;
SELECT conrelid::regclass, conname, coninhcount, conislocal FROM pg_constraint
WHERE conrelid IN ('p'::regclass, 'c'::regclass, 'c2'::regclass) ORDER BY 1, 2;
INSERT INTO c (a) VALUES (-1);
ALTER TABLE p ADD CONSTRAINT pos CHECK (a > 0);
ALTER TABLE p ADD CONSTRAINT pos CHECK (a > 0) NOT VALID;
ALTER TABLE ONLY p VALIDATE CONSTRAINT pos;
ALTER TABLE p VALIDATE CONSTRAINT pos;
DELETE FROM c WHERE a < 0;
ALTER TABLE p VALIDATE CONSTRAINT pos;
ALTER TABLE ONLY p ALTER COLUMN a TYPE bigint;
ALTER TABLE c ALTER COLUMN a TYPE bigint;
ALTER TABLE p ALTER COLUMN a TYPE bigint;
ALTER TABLE ONLY p RENAME COLUMN a TO aa;
ALTER TABLE c RENAME COLUMN a TO aa;
ALTER TABLE p RENAME COLUMN a TO aa;
ALTER TABLE p RENAME COLUMN aa TO x;
ALTER TABLE ONLY p RENAME CONSTRAINT pos TO positive;
ALTER TABLE c RENAME CONSTRAINT pos TO positive;
ALTER TABLE p RENAME CONSTRAINT pos TO positive;
INSERT INTO c (aa) VALUES (0);
ALTER TABLE p ALTER COLUMN aa SET DEFAULT 7;
ALTER TABLE ONLY p ALTER COLUMN x SET DEFAULT 8;
INSERT INTO c (x) VALUES (1);
ALTER TABLE p ALTER COLUMN aa SET NOT NULL;
INSERT INTO c2 (aa) VALUES (NULL);
ALTER TABLE c ALTER COLUMN aa DROP NOT NULL;
SELECT * FROM p ORDER BY aa;
SELECT attrelid::regclass, attname, attnotnull, atthasdef FROM pg_attribute
WHERE attrelid IN ('p'::regclass, 'c'::regclass, 'c2'::regclass) AND attnum > 0 AND NOT attisdropped ORDER BY 1, attnum;
SELECT conrelid::regclass, conname, coninhcount, conislocal FROM pg_constraint
WHERE conrelid IN ('p'::regclass, 'c'::regclass, 'c2'::regclass) ORDER BY 1, 2;
-- a primary key makes the children's key columns NOT NULL too (not with ONLY)
ALTER TABLE p ADD PRIMARY KEY (aa);
ALTER TABLE ONLY p ADD UNIQUE (x);
SELECT attrelid::regclass, attname, attnotnull FROM pg_attribute
WHERE attrelid IN ('p'::regclass, 'c'::regclass) AND attname IN ('aa', 'x') ORDER BY 1, attnum;

-- INHERIT / NO INHERIT
CREATE TABLE lone (aa bigint, q int);
ALTER TABLE lone INHERIT p;
ALTER TABLE lone ALTER aa SET NOT NULL;
ALTER TABLE lone INHERIT p;
ALTER TABLE lone ADD x int, ADD z int;
ALTER TABLE lone INHERIT p;
ALTER TABLE lone ADD CONSTRAINT positive CHECK (aa > 1);
ALTER TABLE lone INHERIT p;
ALTER TABLE lone DROP CONSTRAINT positive, ADD CONSTRAINT positive CHECK (aa > 0) NO INHERIT;
ALTER TABLE lone INHERIT p;
ALTER TABLE lone DROP CONSTRAINT positive, ADD CONSTRAINT positive CHECK (aa > 0);
ALTER TABLE lone INHERIT p;
ALTER TABLE lone INHERIT lone;
ALTER TABLE c INHERIT p;
ALTER TABLE p INHERIT c;
ALTER TABLE lone INHERIT nosuch;
CREATE SEQUENCE sq;
ALTER TABLE lone INHERIT sq;
SELECT inhrelid::regclass, inhparent::regclass FROM pg_inherits ORDER BY 1, 2;
ALTER TABLE lone NO INHERIT p;
ALTER TABLE lone NO INHERIT p;
SELECT conname, coninhcount, conislocal FROM pg_constraint WHERE conrelid = 'lone'::regclass;
SELECT attname, attinhcount, attislocal FROM pg_attribute WHERE attrelid = 'lone'::regclass AND attnum > 0 ORDER BY attnum;

-- wrong kinds of relation, unsupported forms
ALTER TABLE sq ADD COLUMN x int;
ALTER TABLE p_pkey DROP CONSTRAINT x;
ALTER SEQUENCE p RENAME TO p3;
ALTER TABLE pg_class ADD COLUMN x int;

-- identity columns
CREATE TABLE idt (id int, v text);
INSERT INTO idt VALUES (1, 'a');
ALTER TABLE idt ALTER id ADD GENERATED ALWAYS AS IDENTITY;
ALTER TABLE idt ALTER id SET NOT NULL, ALTER id ADD GENERATED ALWAYS AS IDENTITY (START WITH 10);
ALTER TABLE idt ALTER id ADD GENERATED BY DEFAULT AS IDENTITY;
ALTER TABLE idt ALTER id SET DEFAULT 5;
ALTER TABLE idt ALTER id DROP DEFAULT;
ALTER TABLE idt ALTER id DROP NOT NULL;
INSERT INTO idt (v) VALUES ('b');
ALTER TABLE idt ALTER id SET GENERATED BY DEFAULT, ALTER id RESTART WITH 50, ALTER id SET INCREMENT BY 5;
INSERT INTO idt (v) VALUES ('c'), ('d');
ALTER TABLE idt ALTER v SET GENERATED ALWAYS;
ALTER TABLE idt ADD COLUMN seq int GENERATED BY DEFAULT AS IDENTITY;
SELECT * FROM idt ORDER BY id;
ALTER TABLE idt ALTER id DROP IDENTITY;
ALTER TABLE idt ALTER id DROP IDENTITY IF EXISTS;
SELECT relname FROM pg_class WHERE relname LIKE 'idt%' ORDER BY 1;

-- renames: tables, indexes, sequences, columns, constraints, schemas
CREATE TABLE r (id serial PRIMARY KEY, v int CHECK (v > 0), w int, CONSTRAINT vw CHECK (r.v < w));
ALTER TABLE r RENAME COLUMN v TO value;
INSERT INTO r (value, w) VALUES (0, 1);
INSERT INTO r (value, w) VALUES (2, 1);
INSERT INTO r (value, w) VALUES (1, 2);
ALTER TABLE r RENAME COLUMN ctid TO x;
ALTER TABLE r RENAME COLUMN w TO xmin;
ALTER TABLE r RENAME CONSTRAINT r_pkey TO r_key;
SELECT relname FROM pg_class WHERE relname LIKE 'r\_%' ORDER BY 1;
ALTER INDEX r_key RENAME TO r_primary;
SELECT conname FROM pg_constraint WHERE conrelid = 'r'::regclass ORDER BY 1;
ALTER TABLE r RENAME CONSTRAINT vw TO r_primary;
ALTER TABLE r RENAME CONSTRAINT vw TO r_value_check;
ALTER SEQUENCE r_id_seq RENAME TO r_seq;
INSERT INTO r (value, w) VALUES (3, 4);
SELECT * FROM r ORDER BY id;
SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'r'::regclass;
ALTER TABLE IF EXISTS nosuch RENAME COLUMN a TO b;
ALTER TABLE IF EXISTS nosuch RENAME CONSTRAINT a TO b;
ALTER TABLE nosuch RENAME TO b;
CREATE SCHEMA s2;
ALTER TABLE r SET SCHEMA s2;
SELECT relname, relnamespace::regnamespace FROM pg_class WHERE relname LIKE 'r\_%' OR relname = 'r' ORDER BY 1;
INSERT INTO s2.r (value, w) VALUES (5, 6);
ALTER TABLE s2.r SET SCHEMA nosuch;
ALTER SEQUENCE s2.r_seq SET SCHEMA public;
ALTER TABLE IF EXISTS nosuch SET SCHEMA s2;
ALTER SCHEMA s2 RENAME TO s3;
ALTER SCHEMA s3 RENAME TO pg_s;
ALTER SCHEMA nosuch RENAME TO s4;
ALTER SCHEMA s3 RENAME TO public;
SELECT * FROM s3.r ORDER BY id;

-- all of it is transactional
BEGIN;
ALTER TABLE k ADD COLUMN extra int DEFAULT 42;
ALTER TABLE k RENAME TO k2;
ALTER TABLE k2 ALTER q TYPE int USING round(q);
ALTER TABLE k2 DROP COLUMN v;
SELECT * FROM k2 ORDER BY id;
ROLLBACK;
SELECT * FROM k ORDER BY id;
INSERT INTO k VALUES (4, 4, 4.5);
SELECT * FROM k ORDER BY id;

-- a type change rolled back leaves no trace in defaults and checks
CREATE TABLE x (id int, v int DEFAULT 5 CHECK (v < 10), w int DEFAULT 7);
BEGIN;
ALTER TABLE x ALTER v TYPE numeric(5,2), ALTER w TYPE text;
INSERT INTO x (id) VALUES (1);
INSERT INTO x VALUES (2, 9.5);
SELECT * FROM x;
ROLLBACK;
INSERT INTO x (id) VALUES (1);
INSERT INTO x VALUES (2, 9);
INSERT INTO x VALUES (3, 10);
SELECT id, v, pg_typeof(v), v + 1, w, pg_typeof(w), w + 1 FROM x ORDER BY id;

-- IF NOT EXISTS skips the column's constraints too; serial on a parent
CREATE TABLE pp (a int);
CREATE TABLE pc () INHERITS (pp);
INSERT INTO pc VALUES (1);
ALTER TABLE pp ADD COLUMN b int DEFAULT 0 CHECK (b > 0);
ALTER TABLE pp ADD COLUMN b int DEFAULT 1 CHECK (b > 0);
ALTER TABLE pp ADD COLUMN IF NOT EXISTS b int CHECK (b > 5);
ALTER TABLE pp ADD COLUMN IF NOT EXISTS b int UNIQUE;
SELECT conrelid::regclass, conname, coninhcount FROM pg_constraint WHERE conrelid IN ('pp'::regclass, 'pc'::regclass) ORDER BY 1, 2;
ALTER TABLE pp ADD COLUMN s serial;
INSERT INTO pp (a) VALUES (2);
INSERT INTO pc (a) VALUES (3);
SELECT * FROM pp ORDER BY s;

-- ALTER CONSTRAINT changes a foreign key's deferrability
CREATE TABLE dp (id int PRIMARY KEY);
CREATE TABLE dc (pid int CONSTRAINT dc_fk REFERENCES dp, CONSTRAINT dc_ck CHECK (pid > 0));
ALTER TABLE dc ALTER CONSTRAINT dc_ck DEFERRABLE;
ALTER TABLE dc ALTER CONSTRAINT nope DEFERRABLE;
ALTER TABLE dc ALTER CONSTRAINT dc_fk DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO dc VALUES (1);
INSERT INTO dp VALUES (1);
COMMIT;
ALTER TABLE dc ALTER CONSTRAINT dc_fk NOT DEFERRABLE;
BEGIN;
INSERT INTO dc VALUES (2);
ROLLBACK;
SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE conrelid = 'dc'::regclass ORDER BY 1;

DROP TABLE x, pp, pc, dc, dp;
DROP TABLE t, empty, k, kr, p, c, c2, lone, idt, s3.r;
DROP SEQUENCE s, sq;
DROP SCHEMA s3;

-- a default set by ALTER depends on the sequence it names, until it is dropped
CREATE SEQUENCE alt_seq;
CREATE TABLE alt_dep (a int, b int);
ALTER TABLE alt_dep ALTER COLUMN b SET DEFAULT nextval('alt_seq');
DROP SEQUENCE alt_seq;
ALTER TABLE alt_dep ALTER COLUMN b DROP DEFAULT;
DROP SEQUENCE alt_seq;
DROP TABLE alt_dep;
