-- EXCLUDE constraints: creation, catalogs, enforcement (immediate and deferred), ALTER TABLE ADD
CREATE TABLE circles (
  c1 CIRCLE,
  c2 TEXT,
  EXCLUDE USING gist
    (c1 WITH &&, (c2::circle) WITH &&)
    WHERE (circle_center(c1) <> '(0,0)')
);
INSERT INTO circles VALUES('<(0,0), 5>', '<(0,0), 5>');
INSERT INTO circles VALUES('<(0,0), 5>', '<(0,0), 4>');
INSERT INTO circles VALUES('<(10,10), 10>', '<(0,0), 5>');
INSERT INTO circles VALUES('<(20,20), 10>', '<(0,0), 4>');
INSERT INTO circles VALUES('<(20,20), 1>', '<(0,0), 5>');
INSERT INTO circles VALUES('<(20,20), 10>', '<(10,10), 5>');
INSERT INTO circles VALUES(NULL, '<(0,0), 4>');
UPDATE circles SET c2 = '<(0,0), 3>' WHERE c1 ~= '<(20,20), 10>';
INSERT INTO circles VALUES('<(20,20), 10>', '<(0,0), 4>')
  ON CONFLICT ON CONSTRAINT circles_c1_c2_excl DO NOTHING;
INSERT INTO circles VALUES('<(20,20), 10>', '<(0,0), 4>') ON CONFLICT DO NOTHING;
INSERT INTO circles VALUES('<(20,20), 10>', '<(0,0), 4>')
  ON CONFLICT ON CONSTRAINT circles_c1_c2_excl DO UPDATE SET c2 = EXCLUDED.c2;
ALTER TABLE circles ADD EXCLUDE USING gist (c1 WITH &&, (c2::circle) WITH &&);
ALTER TABLE circles ADD CONSTRAINT circ_c1 EXCLUDE USING gist (c1 WITH ~=);
\d circles
SELECT conname, contype, conexclop, conkey, condeferrable, pg_get_constraintdef(oid)
  FROM pg_constraint WHERE conrelid = 'circles'::regclass ORDER BY conname;
SELECT indexrelid::regclass, indisexclusion, indisunique, indimmediate, pg_get_indexdef(indexrelid)
  FROM pg_index WHERE indrelid = 'circles'::regclass ORDER BY 1;
SELECT c.relname, a.amname FROM pg_class c JOIN pg_am a ON a.oid = c.relam
  WHERE c.relname LIKE 'circ%' AND c.relkind = 'i' ORDER BY 1;
SELECT * FROM circles ORDER BY c2;
DROP TABLE circles;

-- deferred
CREATE TABLE deferred_excl (
  f1 int,
  f2 int,
  CONSTRAINT deferred_excl_con EXCLUDE (f1 WITH =) INITIALLY DEFERRED
);
INSERT INTO deferred_excl VALUES(1);
INSERT INTO deferred_excl VALUES(2);
INSERT INTO deferred_excl VALUES(1);
INSERT INTO deferred_excl VALUES(1) ON CONFLICT ON CONSTRAINT deferred_excl_con DO NOTHING;
BEGIN;
INSERT INTO deferred_excl VALUES(2);
COMMIT;
BEGIN;
INSERT INTO deferred_excl VALUES(3);
INSERT INTO deferred_excl VALUES(3);
COMMIT;
BEGIN;
INSERT INTO deferred_excl VALUES(2, 1);
DELETE FROM deferred_excl WHERE f1 = 2 AND f2 IS NULL;
UPDATE deferred_excl SET f2 = 2 WHERE f1 = 2;
COMMIT;
SELECT * FROM deferred_excl ORDER BY f1;
BEGIN;
SET CONSTRAINTS deferred_excl_con IMMEDIATE;
INSERT INTO deferred_excl VALUES(1);
ROLLBACK;
\d deferred_excl
ALTER TABLE deferred_excl DROP CONSTRAINT deferred_excl_con;
UPDATE deferred_excl SET f1 = 3;
ALTER TABLE deferred_excl ADD EXCLUDE (f1 WITH =);
DROP TABLE deferred_excl;

-- other methods, INCLUDE, WHERE, errors
CREATE TABLE ex (a int, b int, CONSTRAINT ex_hash EXCLUDE USING hash (a WITH =));
CREATE TABLE ex2 (a int, b text, EXCLUDE USING btree (a WITH =, b WITH =) INCLUDE (b) WHERE (a > 0) DEFERRABLE);
\d ex2
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'ex2'::regclass;
INSERT INTO ex VALUES (1, 1), (2, 2);
INSERT INTO ex VALUES (1, 3);
INSERT INTO ex VALUES (NULL, 1), (NULL, 1);
UPDATE ex SET a = 2 WHERE b = 1;
INSERT INTO ex2 VALUES (0, 'x'), (0, 'x'), (1, 'x');
INSERT INTO ex2 VALUES (1, 'x');
CREATE TABLE bad (a int, EXCLUDE (a WITH <>));
CREATE TABLE bad (a int, EXCLUDE (a WITH <));
CREATE TABLE bad (a int, EXCLUDE (a WITH &&));
CREATE TABLE bad (a int, EXCLUDE USING gin (a WITH =));
CREATE TABLE bad (a int, EXCLUDE USING gist (a WITH =));
CREATE TABLE bad (a circle, EXCLUDE USING btree (a WITH =));
CREATE TABLE bad (a int, EXCLUDE USING foo (a WITH =));
CREATE TABLE bad (a int, EXCLUDE (z WITH =));
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name = 'ex';
ALTER TABLE ex RENAME CONSTRAINT ex_hash TO ex_hash2;
\d ex
ALTER TABLE ex ALTER COLUMN a TYPE bigint;
INSERT INTO ex VALUES (1, 9);
CREATE TABLE ex3 (LIKE ex2 INCLUDING INDEXES);
\d ex3
INSERT INTO ex3 VALUES (1, 'x'), (1, 'x');
DROP TABLE ex, ex2, ex3;
CREATE TABLE parted (a int) PARTITION BY RANGE (a);
ALTER TABLE parted ADD EXCLUDE (a WITH =);
CREATE TABLE parted2 (a int, EXCLUDE (a WITH =)) PARTITION BY RANGE (a);
DROP TABLE parted;
