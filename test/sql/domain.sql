-- Domains: CREATE DOMAIN with NOT NULL, DEFAULT and CHECK constraints, coercion checks,
-- domains over domains, ALTER DOMAIN (validating stored values), DROP DOMAIN
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE DOMAIN posint AS int;
CREATE DOMAIN bad1 AS int CHECK (x > 0);
CREATE DOMAIN bad2 AS int CHECK (VALUE + 1);
CREATE DOMAIN bad3 AS int CHECK ((SELECT 1) > 0);
CREATE DOMAIN bad4 AS int CHECK (sum(VALUE) > 0);
CREATE DOMAIN bad5 AS int NULL NOT NULL;
CREATE DOMAIN bad6 AS int DEFAULT 1 DEFAULT 2;
CREATE DOMAIN bad7 AS int UNIQUE;
CREATE DOMAIN bad8 AS nosuchtype;
CREATE DOMAIN small AS posint CONSTRAINT under_ten CHECK (VALUE < 10) DEFAULT 5;
CREATE DOMAIN code AS varchar(4) NOT NULL CHECK (VALUE ~ '^[A-Z]+$');
SELECT 5::posint, 4::small, 'AB'::code;
SELECT 0::posint;
SELECT 0::small;
SELECT 20::small;
SELECT 'ab'::code;
SELECT 'ABCDEF'::code;
SELECT NULL::posint;
SELECT NULL::code;
SELECT 'x'::posint;
SELECT 7::posint + 1, pg_typeof(7::posint), pg_typeof(7::posint + 1), 7::posint = 7;
CREATE TABLE item (id int PRIMARY KEY, qty posint, size small, c code);
INSERT INTO item VALUES (1, 3, 2, 'X');
INSERT INTO item VALUES (2, -1, 2, 'X');
INSERT INTO item VALUES (3, 1, 12, 'X');
INSERT INTO item VALUES (4, 1, 2, 'x1');
INSERT INTO item (id, qty) VALUES (5, 1);
INSERT INTO item (id, qty, c) VALUES (6, 1, 'Q');
INSERT INTO item (id, c) VALUES (7, 'Q');
SELECT * FROM item ORDER BY id;
UPDATE item SET qty = qty - 3;
UPDATE item SET qty = qty + 1 WHERE id = 1;
UPDATE item SET size = DEFAULT WHERE id = 1;
UPDATE item SET c = NULL;
SELECT * FROM item ORDER BY id;
SELECT id, qty * 2 AS doubled, size + qty AS total FROM item ORDER BY id;
SELECT max(qty), sum(size) FROM item;
SELECT typname, typtype, typcategory, format_type(typbasetype, typtypmod), typnotnull, typdefault FROM pg_type WHERE typname IN ('posint', 'small', 'code') ORDER BY 1;
SELECT t.typname, c.conname, c.contype, c.convalidated, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid WHERE t.typnamespace = 'public'::regnamespace ORDER BY 1, 2;
CREATE DOMAIN evenint AS posint CHECK (VALUE % 2 = 0);
CREATE TABLE evens (e evenint CHECK (e < 100));
SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.contypid = 'evenint'::regtype OR c.conrelid = 'evens'::regclass ORDER BY 1;
DROP TABLE evens;
DROP DOMAIN evenint;
-- ALTER DOMAIN
ALTER DOMAIN posint ADD CONSTRAINT not_big CHECK (VALUE < 4);
ALTER DOMAIN posint ADD CONSTRAINT not_big CHECK (VALUE < 400);
ALTER DOMAIN posint ADD CONSTRAINT not_big CHECK (VALUE < 500);
INSERT INTO item (id, qty, c) VALUES (8, 401, 'Q');
ALTER DOMAIN posint DROP CONSTRAINT nope;
ALTER DOMAIN posint DROP CONSTRAINT IF EXISTS nope;
ALTER DOMAIN posint DROP CONSTRAINT not_big;
INSERT INTO item (id, qty, c) VALUES (8, 401, 'Q');
ALTER DOMAIN posint ADD CHECK (VALUE <> 99);
INSERT INTO item (id, qty, c) VALUES (9, 99, 'Q');
ALTER DOMAIN posint ADD CONSTRAINT later CHECK (VALUE > 300) NOT VALID;
INSERT INTO item (id, qty, size, c) VALUES (10, 5, 1, 'Q');
ALTER DOMAIN posint VALIDATE CONSTRAINT later;
ALTER DOMAIN posint DROP CONSTRAINT later;
ALTER DOMAIN code DROP NOT NULL;
INSERT INTO item (id, qty) VALUES (11, 2);
ALTER DOMAIN code SET NOT NULL;
DELETE FROM item WHERE c IS NULL;
ALTER DOMAIN code SET NOT NULL;
ALTER DOMAIN small SET DEFAULT 7;
INSERT INTO item (id, qty, c) VALUES (12, 2, 'Z');
ALTER DOMAIN small DROP DEFAULT;
INSERT INTO item (id, qty, c) VALUES (13, 2, 'Z');
SELECT * FROM item ORDER BY id;
ALTER DOMAIN nosuch DROP NOT NULL;
ALTER DOMAIN int4 DROP NOT NULL;
BEGIN;
ALTER DOMAIN posint ADD CONSTRAINT tiny CHECK (VALUE < 2) NOT VALID;
SELECT 3::posint;
ROLLBACK;
SELECT 3::posint;
-- casts and COPY check too
SELECT '3'::text::posint, CAST(2.4 AS posint);
SELECT CAST(-2.4 AS posint);
COPY item (id, qty, c) FROM stdin;
20	4	A
\.
COPY item (id, qty, c) FROM stdin;
21	-4	A
\.
-- DROP DOMAIN
DROP DOMAIN posint;
DROP DOMAIN item;
DROP TYPE posint;
DROP DOMAIN nosuch;
DROP DOMAIN IF EXISTS nosuch;
DROP DOMAIN posint CASCADE;
SELECT * FROM item ORDER BY id;
DROP DOMAIN code;
DROP TABLE item;
DROP DOMAIN code;
