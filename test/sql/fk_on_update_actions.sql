-- ON UPDATE referential actions: CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION.

CREATE TABLE parent (id int PRIMARY KEY, name text);
INSERT INTO parent VALUES (0, 'fallback'), (1, 'a'), (2, 'b'), (3, 'c');

-- CASCADE: the children follow the new key
CREATE TABLE c_cascade (id int PRIMARY KEY,
    pid int REFERENCES parent ON UPDATE CASCADE);
INSERT INTO c_cascade VALUES (1, 1), (2, 1), (3, 2);
UPDATE parent SET id = 10 WHERE id = 1;
SELECT * FROM c_cascade ORDER BY id;
-- several parents in one statement
WITH u AS (UPDATE parent SET id = id + 100 WHERE id IN (2, 10) RETURNING id, name)
SELECT * FROM u ORDER BY id;
SELECT * FROM c_cascade ORDER BY id;
-- updating a non-key column does not touch the children
UPDATE parent SET name = 'A' WHERE id = 110;
SELECT * FROM c_cascade ORDER BY id;
-- updating the child to a key that does not exist fails
UPDATE c_cascade SET pid = 5 WHERE id = 1;
DROP TABLE c_cascade;
UPDATE parent SET id = 1 WHERE id = 110;
UPDATE parent SET id = 2 WHERE id = 102;

-- ON UPDATE CASCADE into a child whose new value violates its CHECK constraint
CREATE TABLE c_cascade_chk (id int PRIMARY KEY,
    pid int REFERENCES parent ON UPDATE CASCADE CHECK (pid < 50));
INSERT INTO c_cascade_chk VALUES (1, 1);
UPDATE parent SET id = 51 WHERE id = 1;
SELECT * FROM parent ORDER BY id;
DROP TABLE c_cascade_chk;

-- SET NULL
CREATE TABLE c_set_null (id int PRIMARY KEY,
    pid int REFERENCES parent ON UPDATE SET NULL);
INSERT INTO c_set_null VALUES (1, 1), (2, 2);
UPDATE parent SET id = 11 WHERE id = 1;
SELECT * FROM c_set_null ORDER BY id;
DROP TABLE c_set_null;
UPDATE parent SET id = 1 WHERE id = 11;

-- SET DEFAULT
CREATE TABLE c_set_default (id int PRIMARY KEY,
    pid int DEFAULT 0 REFERENCES parent ON UPDATE SET DEFAULT);
INSERT INTO c_set_default VALUES (1, 1), (2, 2);
UPDATE parent SET id = 12 WHERE id = 1;
SELECT * FROM c_set_default ORDER BY id;
-- updating the default row itself: SET DEFAULT puts back 0, which no longer exists
UPDATE parent SET id = 100 WHERE id = 0;
DROP TABLE c_set_default;
UPDATE parent SET id = 1 WHERE id = 12;

-- RESTRICT
CREATE TABLE c_restrict (id int PRIMARY KEY,
    pid int REFERENCES parent ON UPDATE RESTRICT);
INSERT INTO c_restrict VALUES (1, 1);
UPDATE parent SET id = 13 WHERE id = 1;
-- a key "updated" to the same value is not a change
UPDATE parent SET id = 1 WHERE id = 1;
UPDATE parent SET id = id, name = 'a2' WHERE id = 1;
-- moving the key away and re-creating it in the same statement is still refused
WITH moved AS (UPDATE parent SET id = 13 WHERE id = 1 RETURNING id)
INSERT INTO parent SELECT 1, 'replacement' FROM moved;
SELECT * FROM parent ORDER BY id;
DROP TABLE c_restrict;

-- NO ACTION: checked at the end of the statement, so re-creating the key is accepted
CREATE TABLE c_no_action (id int PRIMARY KEY,
    pid int REFERENCES parent ON UPDATE NO ACTION);
INSERT INTO c_no_action VALUES (1, 1);
UPDATE parent SET id = 13 WHERE id = 1;
WITH moved AS (UPDATE parent SET id = 13 WHERE id = 1 RETURNING id)
INSERT INTO parent SELECT 1, 'replacement' FROM moved;
SELECT * FROM parent ORDER BY id;
SELECT c.id, c.pid, p.name FROM c_no_action c JOIN parent p ON p.id = c.pid;
DROP TABLE c_no_action;

-- ON DELETE and ON UPDATE may differ on one foreign key
CREATE TABLE c_mixed (id int PRIMARY KEY,
    pid int REFERENCES parent ON DELETE SET NULL ON UPDATE CASCADE);
INSERT INTO c_mixed VALUES (1, 2), (2, 3);
UPDATE parent SET id = 20 WHERE id = 2;
DELETE FROM parent WHERE id = 3;
SELECT * FROM c_mixed ORDER BY id;
SELECT conname, confupdtype, confdeltype FROM pg_constraint
WHERE conrelid = 'c_mixed'::regclass AND contype = 'f';
DROP TABLE c_mixed;

-- multi-column key: ON UPDATE CASCADE updates all key columns
CREATE TABLE mparent (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE mchild (id int PRIMARY KEY, a int, b int,
    FOREIGN KEY (a, b) REFERENCES mparent ON UPDATE CASCADE);
INSERT INTO mparent VALUES (1, 1), (1, 2);
INSERT INTO mchild VALUES (1, 1, 1), (2, 1, 2);
UPDATE mparent SET b = b * 10 WHERE a = 1;
SELECT * FROM mchild ORDER BY id;
UPDATE mparent SET a = 5 WHERE b = 10;
SELECT * FROM mchild ORDER BY id;
DROP TABLE mchild, mparent, parent;
