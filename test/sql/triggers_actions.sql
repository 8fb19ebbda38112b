-- FK cascades fire the child's user triggers; TRUNCATE triggers; deferred constraint triggers
CREATE TABLE log (msg text);
CREATE FUNCTION trg_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO log VALUES (TG_NAME || ' ' || TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_OP || ' ' || TG_TABLE_NAME
    || CASE WHEN TG_LEVEL = 'ROW' AND TG_OP <> 'INSERT' THEN ' old=' || OLD::text ELSE '' END
    || CASE WHEN TG_LEVEL = 'ROW' AND TG_OP <> 'DELETE' THEN ' new=' || NEW::text ELSE '' END);
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int, pid int REFERENCES parent ON DELETE CASCADE ON UPDATE SET NULL);
CREATE TRIGGER child_del AFTER DELETE OR UPDATE ON child FOR EACH ROW EXECUTE FUNCTION trg_log();
CREATE TRIGGER child_bdel BEFORE DELETE ON child FOR EACH ROW EXECUTE FUNCTION trg_log();
INSERT INTO parent VALUES (1), (2);
INSERT INTO child VALUES (10, 1), (20, 2);
DELETE FROM parent WHERE id = 1;
UPDATE parent SET id = 3 WHERE id = 2;
SELECT * FROM log;
SELECT * FROM child;
DELETE FROM log;
-- truncate triggers
CREATE TRIGGER t_trunc_b BEFORE TRUNCATE ON child FOR EACH STATEMENT EXECUTE FUNCTION trg_log();
CREATE TRIGGER t_trunc_a AFTER TRUNCATE ON child FOR EACH STATEMENT EXECUTE FUNCTION trg_log();
TRUNCATE child;
SELECT * FROM log;
DELETE FROM log;
-- deferred constraint trigger fires at commit
CREATE TABLE d (a int);
CREATE CONSTRAINT TRIGGER d_ct AFTER INSERT ON d DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION trg_log();
BEGIN;
INSERT INTO d VALUES (1);
SELECT count(*) FROM log;
COMMIT;
SELECT * FROM log;
DELETE FROM log;
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO d VALUES (2);
SELECT * FROM log;
COMMIT;
DELETE FROM log;
-- pending events block ALTER TABLE
CREATE TABLE pk2 (a int PRIMARY KEY);
CREATE TABLE fk2 (a int REFERENCES pk2 DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO fk2 VALUES (5);
ALTER TABLE fk2 ADD COLUMN b int;
ROLLBACK;
-- partitioned table: the trigger is cloned to partitions
CREATE TABLE pt (a int, b text) PARTITION BY LIST (a);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES IN (1);
CREATE TRIGGER pt_row AFTER INSERT ON pt FOR EACH ROW EXECUTE FUNCTION trg_log();
CREATE TABLE pt2 PARTITION OF pt FOR VALUES IN (2);
INSERT INTO pt VALUES (1, 'x'), (2, 'y');
SELECT * FROM log;
DELETE FROM log;
SELECT tgrelid::regclass, tgname, tgparentid <> 0 AS cloned FROM pg_trigger WHERE tgname = 'pt_row' ORDER BY 1;
\d pt1
DROP TRIGGER pt_row ON pt1;
DROP TRIGGER pt_row ON pt;
SELECT count(*) FROM pg_trigger WHERE tgname = 'pt_row';
-- ON CONFLICT fires INSERT then UPDATE triggers
CREATE TABLE oc (k int PRIMARY KEY, v text);
CREATE TRIGGER oc_b BEFORE INSERT OR UPDATE ON oc FOR EACH ROW EXECUTE FUNCTION trg_log();
CREATE TRIGGER oc_a AFTER INSERT OR UPDATE ON oc FOR EACH ROW EXECUTE FUNCTION trg_log();
CREATE TRIGGER oc_s AFTER INSERT OR UPDATE ON oc FOR EACH STATEMENT EXECUTE FUNCTION trg_log();
INSERT INTO oc VALUES (1, 'a');
INSERT INTO oc VALUES (1, 'b') ON CONFLICT (k) DO UPDATE SET v = excluded.v;
SELECT * FROM log;
DELETE FROM log;
-- COPY fires row triggers
COPY oc FROM stdin;
2	c
\.
SELECT * FROM log;
DELETE FROM log;
-- inheritance: row triggers of the child fire, statement triggers of the named table
CREATE TABLE ip (a int);
CREATE TABLE ic () INHERITS (ip);
CREATE TRIGGER ic_row AFTER UPDATE ON ic FOR EACH ROW EXECUTE FUNCTION trg_log();
CREATE TRIGGER ip_stmt AFTER UPDATE ON ip FOR EACH STATEMENT EXECUTE FUNCTION trg_log();
INSERT INTO ic VALUES (1);
UPDATE ip SET a = 2;
SELECT * FROM log;
DELETE FROM log;
-- dropping the function needs CASCADE
DROP FUNCTION trg_log();
DROP FUNCTION trg_log() CASCADE;
SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal;
