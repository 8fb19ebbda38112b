-- CREATE TABLE IF NOT EXISTS, ALTER TABLE: ADD/DROP COLUMN, ADD/DROP CONSTRAINT
-- with existing violating rows, NOT VALID + VALIDATE CONSTRAINT, SET/DROP DEFAULT,
-- SET/DROP NOT NULL, ALTER COLUMN TYPE ... USING, RENAME table/column/constraint.

CREATE TABLE t (id int PRIMARY KEY, name text);
CREATE TABLE IF NOT EXISTS t (other int);
CREATE TABLE t (id int);
-- IF NOT EXISTS also notices a clash with an index name
CREATE TABLE IF NOT EXISTS t_pkey (x int);
CREATE TABLE IF NOT EXISTS t2 (x int);
-- duplicate column names
CREATE TABLE bad (a int, a text);
-- unknown type
CREATE TABLE bad (a no_such_type);
INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, NULL);

-- ADD COLUMN, with and without default
ALTER TABLE t ADD COLUMN score int;
ALTER TABLE t ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE t ADD COLUMN IF NOT EXISTS score int;
ALTER TABLE t ADD COLUMN score int;
-- NOT NULL without default on a non-empty table
ALTER TABLE t ADD COLUMN required int NOT NULL;
SELECT * FROM t ORDER BY id;

-- DROP COLUMN
ALTER TABLE t DROP COLUMN score;
ALTER TABLE t DROP COLUMN score;
ALTER TABLE t DROP COLUMN IF EXISTS score;
SELECT * FROM t ORDER BY id;

-- ADD CONSTRAINT with rows that violate it
ALTER TABLE t ADD CONSTRAINT name_present CHECK (name IS NOT NULL);
INSERT INTO t VALUES (4, 'one');
ALTER TABLE t ADD CONSTRAINT name_unique UNIQUE (name);
DELETE FROM t WHERE id = 4;
ALTER TABLE t ADD CONSTRAINT name_unique UNIQUE (name);
ALTER TABLE t ADD CONSTRAINT name_unique UNIQUE (id);

-- NOT VALID: existing rows are not checked, new rows are
ALTER TABLE t ADD CONSTRAINT name_present CHECK (name IS NOT NULL) NOT VALID;
INSERT INTO t VALUES (5, NULL);
SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 't'::regclass ORDER BY conname;
ALTER TABLE t VALIDATE CONSTRAINT name_present;
UPDATE t SET name = 'three' WHERE id = 3;
ALTER TABLE t VALIDATE CONSTRAINT name_present;
SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 't'::regclass ORDER BY conname;
ALTER TABLE t VALIDATE CONSTRAINT no_such_constraint;

-- a foreign key added to existing data, and NOT VALID
CREATE TABLE ref (id int PRIMARY KEY, t_id int);
INSERT INTO ref VALUES (1, 1), (2, 99);
ALTER TABLE ref ADD CONSTRAINT ref_t_fk FOREIGN KEY (t_id) REFERENCES t;
ALTER TABLE ref ADD CONSTRAINT ref_t_fk FOREIGN KEY (t_id) REFERENCES t NOT VALID;
INSERT INTO ref VALUES (3, 98);
ALTER TABLE ref VALIDATE CONSTRAINT ref_t_fk;
UPDATE ref SET t_id = 2 WHERE id = 2;
ALTER TABLE ref VALIDATE CONSTRAINT ref_t_fk;

-- DROP CONSTRAINT
ALTER TABLE t DROP CONSTRAINT name_unique;
ALTER TABLE t DROP CONSTRAINT name_unique;
ALTER TABLE t DROP CONSTRAINT IF EXISTS name_unique;
-- the primary key is referenced by ref_t_fk
ALTER TABLE t DROP CONSTRAINT t_pkey;

-- SET / DROP DEFAULT
ALTER TABLE t ALTER COLUMN name SET DEFAULT 'anonymous';
INSERT INTO t (id) VALUES (6);
ALTER TABLE t ALTER COLUMN name DROP DEFAULT;
INSERT INTO t (id) VALUES (7);
ALTER TABLE t ALTER COLUMN nope SET DEFAULT 1;
ALTER TABLE t ALTER COLUMN active SET DEFAULT 'maybe';

-- SET / DROP NOT NULL
ALTER TABLE t ALTER COLUMN name SET NOT NULL;
DELETE FROM t WHERE id = 7;
ALTER TABLE t DROP CONSTRAINT name_present;
ALTER TABLE t ALTER COLUMN name SET NOT NULL;
INSERT INTO t (id) VALUES (8);
ALTER TABLE t ALTER COLUMN name DROP NOT NULL;
-- a primary key column cannot drop NOT NULL
ALTER TABLE t ALTER COLUMN id DROP NOT NULL;
SELECT * FROM t ORDER BY id;

-- ALTER COLUMN TYPE
CREATE TABLE m (id int PRIMARY KEY, amount text, flag text, big bigint);
INSERT INTO m VALUES (1, '10.5', 'yes', 1), (2, '7', 'no', 2);
ALTER TABLE m ALTER COLUMN amount TYPE numeric(6,1);
ALTER TABLE m ALTER COLUMN amount TYPE numeric(6,1) USING amount::numeric(6,1);
ALTER TABLE m ALTER COLUMN flag TYPE boolean;
ALTER TABLE m ALTER COLUMN flag TYPE boolean USING flag = 'yes';
ALTER TABLE m ALTER COLUMN big TYPE smallint;
ALTER TABLE m ALTER COLUMN id TYPE bigint;
SELECT * FROM m ORDER BY id;
UPDATE m SET big = 40000 WHERE id = 1;
ALTER TABLE m ALTER COLUMN amount TYPE int USING round(amount)::int;
SELECT * FROM m ORDER BY id;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid = 'm'::regclass AND attnum > 0 ORDER BY attnum;
-- a value that no longer fits
INSERT INTO m VALUES (3, 1, true, 1);
ALTER TABLE m ALTER COLUMN amount TYPE varchar(1) USING amount::text || 'x';

-- RENAME table, column, constraint
ALTER TABLE m RENAME TO money;
ALTER TABLE money RENAME COLUMN amount TO total;
ALTER TABLE money RENAME COLUMN total TO id;
ALTER TABLE money RENAME COLUMN nope TO x;
ALTER TABLE money RENAME CONSTRAINT m_pkey TO money_pkey;
ALTER TABLE money RENAME CONSTRAINT m_pkey TO money_pkey;
ALTER TABLE money RENAME TO t;
SELECT conname FROM pg_constraint WHERE conrelid = 'money'::regclass ORDER BY conname;
SELECT * FROM money ORDER BY id;
SELECT * FROM m;
ALTER TABLE IF EXISTS m RENAME TO mm;
ALTER TABLE m ADD COLUMN x int;

-- several actions in one ALTER TABLE: all or nothing
ALTER TABLE money ADD COLUMN note text, ADD CONSTRAINT total_pos CHECK (total > 5);
ALTER TABLE money ADD COLUMN note text DEFAULT 'n/a', ADD CONSTRAINT total_pos CHECK (total > 0);
SELECT * FROM money ORDER BY id;

DROP TABLE ref, t, t2, money;
