-- Self-referencing foreign keys: a tree with ON DELETE CASCADE, inserts in
-- parent/child order inside one statement, and deleting whole subtrees under
-- NO ACTION and RESTRICT (immediate, deferrable, and with a re-created key).

CREATE TABLE category (
    id int PRIMARY KEY,
    parent_id int REFERENCES category ON DELETE CASCADE,
    name text NOT NULL
);
INSERT INTO category VALUES (1, NULL, 'root');
INSERT INTO category VALUES (2, 1, 'books'), (3, 1, 'music'), (4, 2, 'fiction'),
    (5, 4, 'crime'), (6, 3, 'jazz');
-- a child may come before its parent within one statement (checked at its end)
INSERT INTO category VALUES (8, 7, 'poetry'), (7, 2, 'non-fiction');
-- but not across statements
INSERT INTO category VALUES (10, 9, 'orphan');
-- a row may reference itself
INSERT INTO category VALUES (11, 11, 'self');
WITH RECURSIVE t(id, path) AS (
    SELECT id, name::text FROM category WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, t.path || '/' || c.name FROM category c JOIN t ON c.parent_id = t.id
)
SELECT id, path FROM t ORDER BY path;

-- deleting an inner node removes its whole subtree
DELETE FROM category WHERE name = 'books';
SELECT id, parent_id, name FROM category ORDER BY id;
-- the self-referencing row can be deleted
DELETE FROM category WHERE id = 11;
-- deleting the root removes everything
DELETE FROM category WHERE id = 1;
SELECT count(*) FROM category;
DROP TABLE category;

-- ON DELETE SET NULL: the reports of a deleted manager lose their manager
CREATE TABLE employee (id int PRIMARY KEY, name text,
    manager_id int REFERENCES employee ON DELETE SET NULL ON UPDATE CASCADE);
INSERT INTO employee VALUES (1, 'boss', NULL), (2, 'mid', 1), (3, 'dev', 2), (4, 'ops', 2);
DELETE FROM employee WHERE id = 2;
SELECT * FROM employee ORDER BY id;
-- ON UPDATE CASCADE: renumbering the boss renumbers the references
INSERT INTO employee VALUES (5, 'new mid', 1);
UPDATE employee SET id = 100 WHERE id = 1;
SELECT * FROM employee ORDER BY id;
DROP TABLE employee;

-- NO ACTION tree
CREATE TABLE tree_na (id int PRIMARY KEY, parent_id int REFERENCES tree_na);
INSERT INTO tree_na VALUES (1, NULL), (2, 1), (3, 2), (4, 3), (5, 1);
-- a node with children cannot be deleted on its own
DELETE FROM tree_na WHERE id = 2;
-- the whole subtree in one statement: nothing references a deleted row at the end
DELETE FROM tree_na WHERE id IN (2, 3, 4);
SELECT * FROM tree_na ORDER BY id;
-- deleting the key and re-creating it in the same statement is accepted
WITH gone AS (DELETE FROM tree_na WHERE id = 1 RETURNING id)
INSERT INTO tree_na SELECT id, NULL FROM gone;
SELECT * FROM tree_na ORDER BY id;
DROP TABLE tree_na;

-- RESTRICT tree
CREATE TABLE tree_r (id int PRIMARY KEY,
    parent_id int REFERENCES tree_r ON DELETE RESTRICT);
INSERT INTO tree_r VALUES (1, NULL), (2, 1), (3, 2), (4, 3), (5, 1);
DELETE FROM tree_r WHERE id = 2;
-- PostgreSQL also accepts the whole subtree in one statement under RESTRICT:
-- the referencing rows are deleted by the same statement
DELETE FROM tree_r WHERE id IN (2, 3, 4);
SELECT * FROM tree_r ORDER BY id;
-- but re-creating the deleted key in the same statement does not help
WITH gone AS (DELETE FROM tree_r WHERE id = 1 RETURNING id)
INSERT INTO tree_r SELECT id, NULL FROM gone;
SELECT * FROM tree_r ORDER BY id;
DROP TABLE tree_r;

-- deferrable: NO ACTION can wait until commit, RESTRICT cannot
CREATE TABLE tree_dna (id int PRIMARY KEY,
    parent_id int REFERENCES tree_dna DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE tree_dr (id int PRIMARY KEY,
    parent_id int REFERENCES tree_dr ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED);
INSERT INTO tree_dna VALUES (1, NULL), (2, 1), (3, 2);
INSERT INTO tree_dr VALUES (1, NULL), (2, 1), (3, 2);
BEGIN;
DELETE FROM tree_dna WHERE id = 1;
DELETE FROM tree_dna WHERE id = 2;
DELETE FROM tree_dna WHERE id = 3;
COMMIT;
SELECT count(*) AS tree_dna_rows FROM tree_dna;
BEGIN;
DELETE FROM tree_dr WHERE id = 1;
ROLLBACK;
-- a deferred NO ACTION violation still left at commit
BEGIN;
DELETE FROM tree_dr WHERE id = 3;
DELETE FROM tree_dna;
INSERT INTO tree_dna VALUES (1, NULL), (2, 1);
DELETE FROM tree_dna WHERE id = 1;
COMMIT;
SELECT (SELECT count(*) FROM tree_dna) AS tree_dna_rows, (SELECT count(*) FROM tree_dr) AS tree_dr_rows;
DROP TABLE tree_dna, tree_dr;
