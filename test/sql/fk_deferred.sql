-- Deferred constraint checking: DEFERRABLE INITIALLY DEFERRED / IMMEDIATE,
-- SET CONSTRAINTS ALL / name DEFERRED / IMMEDIATE, errors at COMMIT, and a
-- statement that deletes and re-creates a referenced key under NO ACTION.

CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child_dd (id int PRIMARY KEY,
    pid int CONSTRAINT dd_fk REFERENCES parent DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE child_di (id int PRIMARY KEY,
    pid int CONSTRAINT di_fk REFERENCES parent DEFERRABLE INITIALLY IMMEDIATE);
CREATE TABLE child_nd (id int PRIMARY KEY,
    pid int CONSTRAINT nd_fk REFERENCES parent NOT DEFERRABLE);
SELECT conname, condeferrable, condeferred FROM pg_constraint
WHERE contype = 'f' ORDER BY conname;

-- INITIALLY DEFERRED: the child may come first, the check runs at COMMIT
BEGIN;
INSERT INTO child_dd VALUES (1, 1);
SELECT count(*) FROM child_dd;
INSERT INTO parent VALUES (1);
COMMIT;
-- a violation is reported by COMMIT, which rolls the transaction back
BEGIN;
INSERT INTO parent VALUES (2);
INSERT INTO child_dd VALUES (2, 99);
COMMIT;
SELECT * FROM parent ORDER BY id;
SELECT * FROM child_dd ORDER BY id;

-- INITIALLY IMMEDIATE and NOT DEFERRABLE: checked at the end of each statement
BEGIN;
INSERT INTO child_di VALUES (1, 5);
ROLLBACK;
BEGIN;
INSERT INTO child_nd VALUES (1, 5);
ROLLBACK;

-- SET CONSTRAINTS name DEFERRED makes the deferrable one wait
BEGIN;
SET CONSTRAINTS di_fk DEFERRED;
INSERT INTO child_di VALUES (1, 5);
INSERT INTO parent VALUES (5);
COMMIT;
SELECT * FROM child_di ORDER BY id;
-- a NOT DEFERRABLE constraint cannot be deferred
BEGIN;
SET CONSTRAINTS nd_fk DEFERRED;
ROLLBACK;
-- SET CONSTRAINTS ALL DEFERRED ignores the non-deferrable ones
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO child_di VALUES (2, 6);
INSERT INTO child_nd VALUES (2, 6);
ROLLBACK;
-- unknown constraint name
BEGIN;
SET CONSTRAINTS no_such_fk DEFERRED;
ROLLBACK;
-- outside a transaction block SET CONSTRAINTS has no lasting effect
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO child_di VALUES (3, 7);

-- SET CONSTRAINTS ... IMMEDIATE checks the pending events right away
BEGIN;
INSERT INTO child_dd VALUES (3, 8);
SET CONSTRAINTS dd_fk IMMEDIATE;
ROLLBACK;
BEGIN;
INSERT INTO child_dd VALUES (3, 8);
INSERT INTO parent VALUES (8);
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO child_dd VALUES (4, 9);
COMMIT;
SELECT * FROM child_dd ORDER BY id;

-- a deferred NO ACTION check on the referenced side
BEGIN;
DELETE FROM parent WHERE id = 1;
SELECT count(*) FROM parent WHERE id = 1;
INSERT INTO parent VALUES (1);
COMMIT;
BEGIN;
DELETE FROM parent WHERE id = 1;
COMMIT;
SELECT * FROM parent ORDER BY id;

-- an error aborts the transaction: COMMIT answers ROLLBACK and the pending
-- deferred check (pid 100) is never reported
BEGIN;
INSERT INTO child_dd VALUES (10, 100);
INSERT INTO parent VALUES (1);
COMMIT;

-- NO ACTION, not deferrable: a statement that deletes and re-creates the
-- referenced key passes, because the check runs at the end of the statement
INSERT INTO child_nd VALUES (10, 5);
WITH d AS (DELETE FROM parent WHERE id = 5 RETURNING id)
INSERT INTO parent SELECT id FROM d;
SELECT * FROM child_nd ORDER BY id;
-- the same with RESTRICT fails
CREATE TABLE child_r (id int PRIMARY KEY,
    pid int REFERENCES parent ON DELETE RESTRICT);
INSERT INTO child_r VALUES (1, 5);
WITH d AS (DELETE FROM parent WHERE id = 5 RETURNING id)
INSERT INTO parent SELECT id FROM d;
-- and without re-creating it, the first NO ACTION key in trigger order (di_fk) fails
DELETE FROM child_r;
DELETE FROM parent WHERE id = 5;

-- a deferred unique constraint: swapping values in two statements
CREATE TABLE seat (id int PRIMARY KEY, pos int CONSTRAINT seat_pos_key UNIQUE DEFERRABLE INITIALLY DEFERRED);
INSERT INTO seat VALUES (1, 1), (2, 2);
BEGIN;
UPDATE seat SET pos = 2 WHERE id = 1;
UPDATE seat SET pos = 1 WHERE id = 2;
COMMIT;
SELECT * FROM seat ORDER BY id;
BEGIN;
UPDATE seat SET pos = 1 WHERE id = 1;
COMMIT;
-- a deferrable unique constraint cannot be referenced by a foreign key
CREATE TABLE seat_ref (pos int REFERENCES seat (pos));
DROP TABLE seat, child_r, child_dd, child_di, child_nd, parent;
