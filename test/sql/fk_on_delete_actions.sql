-- ON DELETE referential actions: CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION,
-- with their errors and results.

CREATE TABLE parent (id int PRIMARY KEY, name text);
INSERT INTO parent VALUES (0, 'fallback'), (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');

-- CASCADE
CREATE TABLE c_cascade (id int PRIMARY KEY,
    pid int REFERENCES parent ON DELETE CASCADE, note text);
INSERT INTO c_cascade VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, NULL, 'orphan');
DELETE FROM parent WHERE id = 1 RETURNING *;
SELECT * FROM c_cascade ORDER BY id;
-- deleting several parents in one statement
DELETE FROM parent WHERE id IN (2, 3);
SELECT * FROM c_cascade ORDER BY id;
-- a parent without children
DELETE FROM parent WHERE id = 4;
DROP TABLE c_cascade;
INSERT INTO parent VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');

-- SET NULL
CREATE TABLE c_set_null (id int PRIMARY KEY,
    pid int REFERENCES parent ON DELETE SET NULL, note text);
INSERT INTO c_set_null VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z');
DELETE FROM parent WHERE id = 1;
SELECT * FROM c_set_null ORDER BY id;
DROP TABLE c_set_null;
INSERT INTO parent VALUES (1, 'a');

-- SET NULL on a NOT NULL column: the delete fails
CREATE TABLE c_set_null_nn (id int PRIMARY KEY,
    pid int NOT NULL REFERENCES parent ON DELETE SET NULL);
INSERT INTO c_set_null_nn VALUES (1, 1);
DELETE FROM parent WHERE id = 1;
SELECT * FROM parent WHERE id = 1;
DROP TABLE c_set_null_nn;

-- SET NULL whose result violates a CHECK constraint of the child
CREATE TABLE c_set_null_chk (id int PRIMARY KEY,
    pid int REFERENCES parent ON DELETE SET NULL,
    CONSTRAINT pid_required CHECK (pid IS NOT NULL OR id < 0));
INSERT INTO c_set_null_chk VALUES (1, 1), (-1, 1);
DELETE FROM parent WHERE id = 1;
DROP TABLE c_set_null_chk;

-- SET DEFAULT
CREATE TABLE c_set_default (id int PRIMARY KEY,
    pid int DEFAULT 0 REFERENCES parent ON DELETE SET DEFAULT);
INSERT INTO c_set_default VALUES (1, 1), (2, 2), (3, 2);
DELETE FROM parent WHERE id = 2;
SELECT * FROM c_set_default ORDER BY id;
-- the default must exist in the parent
ALTER TABLE c_set_default ALTER COLUMN pid SET DEFAULT 99;
DELETE FROM parent WHERE id = 1;
SELECT * FROM c_set_default ORDER BY id;
-- without a default, SET DEFAULT sets null
ALTER TABLE c_set_default ALTER COLUMN pid DROP DEFAULT;
DELETE FROM parent WHERE id = 1;
SELECT * FROM c_set_default ORDER BY id;
DROP TABLE c_set_default;
INSERT INTO parent VALUES (1, 'a'), (2, 'b');

-- SET NULL / SET DEFAULT with a column list (only those columns are set)
CREATE TABLE tenant_parent (tenant int, id int, PRIMARY KEY (tenant, id));
INSERT INTO tenant_parent VALUES (1, 1), (1, 2), (2, 1);
CREATE TABLE tenant_child (tenant int NOT NULL, id int PRIMARY KEY, pid int,
    FOREIGN KEY (tenant, pid) REFERENCES tenant_parent ON DELETE SET NULL (pid));
INSERT INTO tenant_child VALUES (1, 10, 1), (1, 11, 2), (2, 12, 1);
DELETE FROM tenant_parent WHERE tenant = 1 AND id = 1;
SELECT * FROM tenant_child ORDER BY id;
-- the column list must be part of the foreign key
CREATE TABLE bad_child (tenant int, pid int, other int,
    FOREIGN KEY (tenant, pid) REFERENCES tenant_parent ON DELETE SET NULL (other));
-- and is not allowed for ON UPDATE
CREATE TABLE bad_child (tenant int, pid int,
    FOREIGN KEY (tenant, pid) REFERENCES tenant_parent ON UPDATE SET NULL (pid));
DROP TABLE tenant_child, tenant_parent;

-- RESTRICT
CREATE TABLE c_restrict (id int PRIMARY KEY,
    pid int REFERENCES parent ON DELETE RESTRICT);
INSERT INTO c_restrict VALUES (1, 1);
DELETE FROM parent WHERE id = 1;
-- other parents can still go, in a statement that touches no referenced row
DELETE FROM parent WHERE id IN (3, 4);
-- one referenced row in a multi-row delete fails the whole statement
DELETE FROM parent WHERE id IN (1, 2);
SELECT * FROM parent ORDER BY id;
DROP TABLE c_restrict;

-- NO ACTION (explicit and default)
CREATE TABLE c_no_action (id int PRIMARY KEY,
    pid int REFERENCES parent ON DELETE NO ACTION);
CREATE TABLE c_default (id int PRIMARY KEY, pid int REFERENCES parent);
INSERT INTO c_no_action VALUES (1, 1);
INSERT INTO c_default VALUES (1, 2);
DELETE FROM parent WHERE id = 1;
DELETE FROM parent WHERE id = 2;
DELETE FROM parent;
SELECT confdeltype, conname FROM pg_constraint
WHERE conrelid IN ('c_no_action'::regclass, 'c_default'::regclass) AND contype = 'f'
ORDER BY conname;
DROP TABLE c_no_action, c_default;

-- two foreign keys from one child to one parent with different actions
CREATE TABLE edge (id int PRIMARY KEY,
    src int REFERENCES parent ON DELETE CASCADE,
    dst int REFERENCES parent ON DELETE SET NULL);
INSERT INTO edge VALUES (1, 0, 1), (2, 1, 2), (3, 2, 0);
DELETE FROM parent WHERE id = 1;
SELECT * FROM edge ORDER BY id;
-- CASCADE and SET NULL on the same row: the row is deleted
DELETE FROM parent WHERE id IN (0, 2);
SELECT * FROM edge ORDER BY id;
DROP TABLE edge;

-- a CASCADE and a blocking NO ACTION child on the same parent row: nothing is deleted
CREATE TABLE c1 (id int PRIMARY KEY, pid int REFERENCES parent ON DELETE CASCADE);
CREATE TABLE c2 (id int PRIMARY KEY, pid int REFERENCES parent);
INSERT INTO parent VALUES (5, 'e');
INSERT INTO c1 VALUES (1, 5);
INSERT INTO c2 VALUES (1, 5);
DELETE FROM parent WHERE id = 5;
SELECT (SELECT count(*) FROM parent WHERE id = 5) AS parents, (SELECT count(*) FROM c1) AS c1_rows;
DROP TABLE c1, c2, parent;
