-- Transactions: BEGIN/COMMIT/ROLLBACK, SAVEPOINT/RELEASE/ROLLBACK TO, transactional
-- DDL, 25P02 after an error, statement atomicity of a failing multi-row insert
-- and of a failing cascade.

CREATE TABLE acct (id int PRIMARY KEY, balance int CHECK (balance >= 0));
INSERT INTO acct VALUES (1, 100), (2, 50);

-- COMMIT and ROLLBACK
BEGIN;
UPDATE acct SET balance = balance - 30 WHERE id = 1;
UPDATE acct SET balance = balance + 30 WHERE id = 2;
COMMIT;
SELECT * FROM acct ORDER BY id;
BEGIN;
DELETE FROM acct;
SELECT count(*) FROM acct;
ROLLBACK;
SELECT * FROM acct ORDER BY id;
START TRANSACTION;
INSERT INTO acct VALUES (3, 0);
END;
SELECT count(*) FROM acct;

-- warnings for transaction commands in the wrong state
COMMIT;
ROLLBACK;
BEGIN;
BEGIN;
COMMIT;

-- after an error the transaction is aborted until ROLLBACK
BEGIN;
INSERT INTO acct VALUES (4, 10);
INSERT INTO acct VALUES (1, 10);
SELECT * FROM acct;
INSERT INTO acct VALUES (5, 10);
COMMIT;
SELECT count(*) FROM acct WHERE id IN (4, 5);
BEGIN;
SELECT 1/0;
SELECT 1;
ROLLBACK;
SELECT 1;

-- savepoints
BEGIN;
INSERT INTO acct VALUES (10, 1);
SAVEPOINT a;
INSERT INTO acct VALUES (11, 1);
SAVEPOINT b;
INSERT INTO acct VALUES (12, 1);
ROLLBACK TO SAVEPOINT b;
SELECT id FROM acct WHERE id >= 10 ORDER BY id;
RELEASE SAVEPOINT a;
ROLLBACK TO SAVEPOINT a;
ROLLBACK;
SELECT count(*) FROM acct WHERE id >= 10;

-- ROLLBACK TO recovers from an error; the savepoint stays usable
BEGIN;
INSERT INTO acct VALUES (20, 1);
SAVEPOINT sp;
INSERT INTO acct VALUES (20, 2);
SELECT 1;
ROLLBACK TO sp;
INSERT INTO acct VALUES (21, 1);
SAVEPOINT sp;
UPDATE acct SET balance = -1 WHERE id = 21;
ROLLBACK TO sp;
RELEASE sp;
COMMIT;
SELECT * FROM acct WHERE id >= 20 ORDER BY id;
-- savepoint errors
SAVEPOINT outside;
BEGIN;
ROLLBACK TO nosuch;
ROLLBACK;
BEGIN;
RELEASE nosuch;
ROLLBACK;

-- transactional DDL
BEGIN;
CREATE TABLE temp_ddl (x int);
INSERT INTO temp_ddl VALUES (1);
ALTER TABLE acct ADD COLUMN note text;
ROLLBACK;
SELECT * FROM temp_ddl;
SELECT * FROM acct WHERE id = 1;
BEGIN;
DROP TABLE acct;
ROLLBACK;
SELECT count(*) FROM acct;
BEGIN;
CREATE TABLE kept (x int);
SAVEPOINT s;
DROP TABLE kept;
ROLLBACK TO s;
COMMIT;
SELECT count(*) FROM kept;

-- statement atomicity: a failing multi-row INSERT inserts nothing
INSERT INTO acct VALUES (30, 1), (31, 1), (1, 1), (32, 1);
INSERT INTO acct VALUES (30, 1), (31, -1);
SELECT count(*) FROM acct WHERE id >= 30;
-- a failing UPDATE changes nothing
UPDATE acct SET balance = balance - 75 WHERE id IN (1, 2);
SELECT * FROM acct ORDER BY id;

-- statement atomicity of a failing cascade
CREATE TABLE owner (id int PRIMARY KEY);
CREATE TABLE pet (id int PRIMARY KEY, owner_id int REFERENCES owner ON DELETE CASCADE);
CREATE TABLE vet_visit (pet_id int REFERENCES pet);
INSERT INTO owner VALUES (1), (2);
INSERT INTO pet VALUES (1, 1), (2, 1), (3, 2);
INSERT INTO vet_visit VALUES (2);
DELETE FROM owner;
SELECT (SELECT count(*) FROM owner) AS owners, (SELECT count(*) FROM pet) AS pets;
-- inside a transaction with a savepoint, only the failed statement is undone
BEGIN;
DELETE FROM owner WHERE id = 2;
SAVEPOINT before_fail;
DELETE FROM owner WHERE id = 1;
ROLLBACK TO before_fail;
COMMIT;
SELECT * FROM pet ORDER BY id;

-- read your own writes; other sessions' view is not tested here
BEGIN;
UPDATE acct SET balance = 999 WHERE id = 1;
SELECT balance FROM acct WHERE id = 1;
ROLLBACK;
SELECT balance FROM acct WHERE id = 1;

-- transaction isolation settings
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
COMMIT;
BEGIN;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SHOW transaction_isolation;
COMMIT;
SHOW transaction_isolation;
BEGIN READ ONLY;
INSERT INTO acct VALUES (40, 1);
ROLLBACK;

DROP TABLE vet_visit, pet, owner, kept, acct;
