-- Referential actions along chains of tables and around cycles:
-- 3-level cascades, mixed actions along a chain, a two-table cycle with deferred
-- foreign keys, and errors deep inside a cascade that leave nothing behind.

-- 3-level ON DELETE CASCADE chain: country <- city <- street
CREATE TABLE country (id int PRIMARY KEY, name text);
CREATE TABLE city (id int PRIMARY KEY,
    country_id int NOT NULL REFERENCES country ON DELETE CASCADE, name text);
CREATE TABLE street (id int PRIMARY KEY,
    city_id int NOT NULL REFERENCES city ON DELETE CASCADE, name text);
INSERT INTO country VALUES (1, 'France'), (2, 'Italy');
INSERT INTO city VALUES (10, 1, 'Paris'), (11, 1, 'Lyon'), (20, 2, 'Rome');
INSERT INTO street VALUES (100, 10, 'Rue de Rivoli'), (101, 10, 'Rue Cler'),
    (110, 11, 'Rue de la Republique'), (200, 20, 'Via del Corso');
DELETE FROM country WHERE id = 1;
SELECT * FROM city ORDER BY id;
SELECT * FROM street ORDER BY id;

-- the same chain with ON UPDATE CASCADE through a composite key
CREATE TABLE account (code text PRIMARY KEY);
CREATE TABLE project (account_code text REFERENCES account ON UPDATE CASCADE,
    n int, PRIMARY KEY (account_code, n));
CREATE TABLE task (id int PRIMARY KEY, account_code text, n int,
    FOREIGN KEY (account_code, n) REFERENCES project ON UPDATE CASCADE);
INSERT INTO account VALUES ('acme'), ('other');
INSERT INTO project VALUES ('acme', 1), ('acme', 2), ('other', 1);
INSERT INTO task VALUES (1, 'acme', 1), (2, 'acme', 2), (3, 'other', 1);
UPDATE account SET code = 'ACME' WHERE code = 'acme';
SELECT * FROM project ORDER BY account_code, n;
SELECT * FROM task ORDER BY id;
DROP TABLE task, project, account;

-- mixed actions: CASCADE, then SET NULL at the next level
ALTER TABLE street DROP CONSTRAINT street_city_id_fkey;
ALTER TABLE street ALTER COLUMN city_id DROP NOT NULL;
ALTER TABLE street ADD FOREIGN KEY (city_id) REFERENCES city ON DELETE SET NULL;
INSERT INTO city VALUES (21, 2, 'Milan');
INSERT INTO street VALUES (210, 21, 'Via Montenapoleone');
DELETE FROM country WHERE id = 2;
SELECT * FROM city ORDER BY id;
SELECT * FROM street ORDER BY id;
DELETE FROM street;

-- CASCADE, then RESTRICT at the next level: the error comes from deep in the
-- cascade and the whole statement is undone
INSERT INTO country VALUES (3, 'Spain');
INSERT INTO city VALUES (30, 3, 'Madrid'), (31, 3, 'Seville');
CREATE TABLE museum (id int PRIMARY KEY,
    city_id int REFERENCES city ON DELETE RESTRICT, name text);
INSERT INTO museum VALUES (1, 31, 'Museo de Bellas Artes');
INSERT INTO street VALUES (300, 30, 'Gran Via');
SELECT (SELECT count(*) FROM country) AS countries, (SELECT count(*) FROM city) AS cities,
       (SELECT count(*) FROM street) AS streets, (SELECT count(*) FROM museum) AS museums;
DELETE FROM country WHERE id = 3;
SELECT (SELECT count(*) FROM country) AS countries, (SELECT count(*) FROM city) AS cities,
       (SELECT count(*) FROM street) AS streets, (SELECT count(*) FROM museum) AS museums;
SELECT * FROM street ORDER BY id;

-- the same with NO ACTION at the last level
ALTER TABLE museum DROP CONSTRAINT museum_city_id_fkey;
ALTER TABLE museum ADD CONSTRAINT museum_city_fk FOREIGN KEY (city_id) REFERENCES city;
DELETE FROM country WHERE id = 3;
SELECT count(*) AS cities FROM city;

-- once the museum is gone, the cascade goes through
DELETE FROM museum;
DELETE FROM country WHERE id = 3;
SELECT (SELECT count(*) FROM country) AS countries, (SELECT count(*) FROM city) AS cities,
       (SELECT count(*) FROM street) AS streets;
DROP TABLE museum, street, city, country;

-- a cycle of two tables: each row needs the other, so the foreign keys are deferred
CREATE TABLE husband (id int PRIMARY KEY, wife_id int NOT NULL);
CREATE TABLE wife (id int PRIMARY KEY,
    husband_id int NOT NULL REFERENCES husband DEFERRABLE INITIALLY DEFERRED);
ALTER TABLE husband ADD CONSTRAINT husband_wife_fk FOREIGN KEY (wife_id)
    REFERENCES wife DEFERRABLE INITIALLY DEFERRED;
-- outside a transaction block the check happens at the implicit commit
INSERT INTO husband VALUES (1, 1);
BEGIN;
INSERT INTO husband VALUES (1, 1);
INSERT INTO wife VALUES (1, 1);
COMMIT;
BEGIN;
INSERT INTO husband VALUES (2, 2);
INSERT INTO wife VALUES (2, 3);
COMMIT;
SELECT h.id AS husband, w.id AS wife FROM husband h JOIN wife w ON w.husband_id = h.id ORDER BY h.id;
-- deleting one side alone fails at commit; deleting both in one transaction works
DELETE FROM wife WHERE id = 1;
BEGIN;
DELETE FROM wife WHERE id = 1;
DELETE FROM husband WHERE id = 1;
COMMIT;
SELECT count(*) FROM husband;
DROP TABLE husband;
DROP TABLE husband CASCADE;
DROP TABLE wife;

-- a cycle with ON DELETE CASCADE both ways: deleting one row removes both
CREATE TABLE node_a (id int PRIMARY KEY, b_id int);
CREATE TABLE node_b (id int PRIMARY KEY,
    a_id int REFERENCES node_a ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);
ALTER TABLE node_a ADD FOREIGN KEY (b_id) REFERENCES node_b
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO node_a VALUES (1, 1), (2, 2);
INSERT INTO node_b VALUES (1, 1), (2, 2);
COMMIT;
DELETE FROM node_a WHERE id = 1;
SELECT a.id AS a, b.id AS b FROM node_a a FULL JOIN node_b b ON b.a_id = a.id ORDER BY 1, 2;
DELETE FROM node_b;
SELECT count(*) AS a_rows FROM node_a;
DROP TABLE node_a, node_b;
