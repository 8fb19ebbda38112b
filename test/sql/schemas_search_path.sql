-- Schemas and search_path: qualified names, resolution order, creation target,
-- cross-schema foreign keys, errors for missing schemas and objects.

SHOW search_path;
SELECT current_schema();
SELECT current_schemas(false);

CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE SCHEMA sales;
CREATE SCHEMA IF NOT EXISTS sales;
-- reserved prefix
CREATE SCHEMA pg_mine;

CREATE TABLE sales.customer (id int PRIMARY KEY, name text);
CREATE TABLE hr.customer (id int PRIMARY KEY, name text, dept text);
CREATE TABLE public.customer (id int PRIMARY KEY, name text);
INSERT INTO sales.customer VALUES (1, 'sales customer');
INSERT INTO hr.customer VALUES (1, 'hr customer', 'it');
INSERT INTO public.customer VALUES (1, 'public customer');

-- unqualified names resolve through the search_path
SELECT name FROM customer;
SET search_path TO sales, public;
SHOW search_path;
SELECT current_schema();
SELECT name FROM customer;
SET search_path TO hr, sales;
SELECT name, dept FROM customer;
SELECT c.name FROM public.customer c;
-- a database name in front is a cross-database reference
SELECT name FROM other_db.sales.customer;

-- new tables go into the first schema of the path
CREATE TABLE only_here (x int);
SELECT schemaname, tablename FROM pg_tables WHERE tablename = 'only_here';
-- a schema that does not exist in the path is skipped
SET search_path TO nonexistent, sales;
SELECT current_schema();
SELECT name FROM customer;
-- an empty path: nothing resolves, nothing can be created without a schema
SET search_path TO '';
SELECT current_schema();
SELECT name FROM customer;
CREATE TABLE nowhere (x int);
SELECT name FROM sales.customer;
RESET search_path;
SHOW search_path;

-- errors with qualified names
SELECT * FROM nosuch.customer;
SELECT * FROM sales.nosuch;
CREATE TABLE nosuch.t (x int);
INSERT INTO nosuch.customer VALUES (1);

-- cross-schema foreign keys, with qualified names in messages
CREATE TABLE hr.badge (id int PRIMARY KEY,
    customer_id int REFERENCES sales.customer ON DELETE CASCADE);
INSERT INTO hr.badge VALUES (1, 1);
INSERT INTO hr.badge VALUES (2, 2);
DROP TABLE sales.customer;
DELETE FROM sales.customer WHERE id = 1;
SELECT count(*) FROM hr.badge;

-- the same table name in two schemas: constraint names are per table
SELECT n.nspname, c.conname FROM pg_constraint c
JOIN pg_namespace n ON n.oid = c.connamespace
WHERE c.conname LIKE 'customer%' ORDER BY 1, 2;

-- moving a table to another schema
ALTER TABLE hr.badge SET SCHEMA sales;
SELECT schemaname, tablename FROM pg_tables WHERE tablename = 'badge';
ALTER TABLE sales.badge SET SCHEMA nosuch;
-- renaming a schema
ALTER SCHEMA hr RENAME TO people;
SELECT name FROM people.customer;
SELECT name FROM hr.customer;

-- pg_catalog is implicitly searched first: a public.pg_class does not hide it
SET search_path TO public;
CREATE TABLE public.pg_class (x int);
SELECT count(*) > 0 AS catalog_rows FROM pg_class;
SELECT count(*) AS own_rows FROM public.pg_class;
-- unless pg_catalog is placed explicitly later in the path
SET search_path TO public, pg_catalog;
SELECT count(*) AS own_rows FROM pg_class;
RESET search_path;

DROP SCHEMA sales CASCADE;
DROP SCHEMA people CASCADE;
DROP TABLE customer, public.pg_class;
