-- Multi-column foreign keys: MATCH SIMPLE (the default) vs MATCH FULL with
-- partially NULL keys, referencing a UNIQUE constraint, column order, actions.

CREATE TABLE region (country text, code int, name text, PRIMARY KEY (country, code));
INSERT INTO region VALUES ('fr', 1, 'Ile-de-France'), ('fr', 2, 'Bretagne'), ('it', 1, 'Lazio');

-- MATCH SIMPLE: a key with any NULL column is not checked at all
CREATE TABLE office_simple (id int PRIMARY KEY, country text, code int,
    FOREIGN KEY (country, code) REFERENCES region);
INSERT INTO office_simple VALUES (1, 'fr', 1);
INSERT INTO office_simple VALUES (2, 'fr', 3);
INSERT INTO office_simple VALUES (3, 'de', 1);
INSERT INTO office_simple VALUES (4, 'de', NULL);
INSERT INTO office_simple VALUES (5, NULL, 99);
INSERT INTO office_simple VALUES (6, NULL, NULL);
SELECT * FROM office_simple ORDER BY id;
UPDATE office_simple SET code = 7 WHERE id = 4;
UPDATE office_simple SET code = 1 WHERE id = 4;
UPDATE office_simple SET country = NULL WHERE id = 1;
SELECT * FROM office_simple ORDER BY id;

-- MATCH FULL: either all columns are NULL or none
CREATE TABLE office_full (id int PRIMARY KEY, country text, code int,
    FOREIGN KEY (country, code) REFERENCES region MATCH FULL);
INSERT INTO office_full VALUES (1, 'fr', 1);
INSERT INTO office_full VALUES (2, 'fr', 3);
INSERT INTO office_full VALUES (3, 'fr', NULL);
INSERT INTO office_full VALUES (4, NULL, 1);
INSERT INTO office_full VALUES (5, NULL, NULL);
UPDATE office_full SET code = NULL WHERE id = 1;
SELECT * FROM office_full ORDER BY id;

-- MATCH PARTIAL is not implemented
CREATE TABLE office_partial (id int PRIMARY KEY, country text, code int,
    FOREIGN KEY (country, code) REFERENCES region MATCH PARTIAL);

-- deleting a referenced region: partially-null rows do not reference it
DELETE FROM region WHERE country = 'fr' AND code = 1;
DELETE FROM office_simple WHERE id = 1 OR id = 2;
SELECT * FROM office_simple ORDER BY id;
DELETE FROM office_full WHERE id = 1;
DELETE FROM region WHERE country = 'fr' AND code = 1;
SELECT * FROM region ORDER BY country, code;
DROP TABLE office_simple, office_full;

-- ON DELETE SET NULL on a multi-column key sets every column
CREATE TABLE branch (id int PRIMARY KEY, country text, code int,
    FOREIGN KEY (country, code) REFERENCES region ON DELETE SET NULL ON UPDATE CASCADE);
INSERT INTO branch VALUES (1, 'fr', 2), (2, 'it', 1);
UPDATE region SET code = 20 WHERE country = 'fr' AND code = 2;
SELECT * FROM branch ORDER BY id;
UPDATE region SET country = 'IT' WHERE country = 'it';
DELETE FROM region WHERE code = 20;
SELECT * FROM branch ORDER BY id;
DROP TABLE branch;

-- referencing a UNIQUE constraint, columns listed in a different order
CREATE TABLE person (id int PRIMARY KEY, first text, last text, UNIQUE (last, first));
INSERT INTO person VALUES (1, 'Ada', 'Lovelace'), (2, 'Alan', 'Turing');
CREATE TABLE award (id int PRIMARY KEY, fname text, lname text,
    FOREIGN KEY (fname, lname) REFERENCES person (first, last));
INSERT INTO award VALUES (1, 'Ada', 'Lovelace');
INSERT INTO award VALUES (2, 'Lovelace', 'Ada');
INSERT INTO award VALUES (3, 'Alan', 'Lovelace');
DELETE FROM person WHERE id = 1;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = 'award'::regclass AND contype = 'f';
-- a subset of a unique key is not enough
CREATE TABLE bad_award (lname text REFERENCES person (last));
-- type mismatch between the columns
CREATE TABLE bad_award2 (fname int, lname text,
    FOREIGN KEY (fname, lname) REFERENCES person (first, last));
DROP TABLE award, person, region;
