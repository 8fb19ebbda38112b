-- Seed 003 (Data Definition chapter), part 1: table basics, default values,
-- check constraints (unnamed, named, multi-column, table constraints),
-- not-null constraints and the NULL constraint -- with data so each one fires.

-- Table Basics
CREATE TABLE my_first_table (
first_column text,
second_column integer
);
INSERT INTO my_first_table VALUES ('one', 1), ('two', NULL);
SELECT * FROM my_first_table ORDER BY first_column;

CREATE TABLE products (
product_no integer,
name text,
price numeric
);
-- no row identity: identical rows may coexist
INSERT INTO products VALUES (1, 'Cheese', 9.99), (1, 'Cheese', 9.99);
SELECT count(*) FROM products;

DROP TABLE my_first_table;
DROP TABLE products;
-- attempting to drop a table that does not exist is an error
DROP TABLE products;

-- Default Values
CREATE TABLE products (
product_no integer PRIMARY KEY,
name text,
price numeric DEFAULT 9.99
);
INSERT INTO products (product_no, name) VALUES (1, 'Cheese');
INSERT INTO products VALUES (2, 'Bread', DEFAULT);
INSERT INTO products VALUES (3, 'Milk', NULL);
INSERT INTO products DEFAULT VALUES;
UPDATE products SET price = DEFAULT WHERE product_no = 3;
SELECT * FROM products ORDER BY product_no;
DROP TABLE products;

-- Check Constraints
CREATE TABLE products (
product_no integer,
name text,
price numeric CHECK (price > 0)
);
INSERT INTO products VALUES (1, 'Cheese', 9.99);
INSERT INTO products VALUES (2, 'Free cheese', 0);
-- a check expression evaluating to null is satisfied
INSERT INTO products VALUES (3, 'Unknown price', NULL);
UPDATE products SET price = -1 WHERE product_no = 1;
SELECT * FROM products ORDER BY product_no;
DROP TABLE products;

-- named check constraint
CREATE TABLE products (
product_no integer,
name text,
price numeric CONSTRAINT positive_price CHECK (price > 0)
);
INSERT INTO products VALUES (1, 'Free cheese', 0);
DROP TABLE products;

-- check constraint referring to several columns
CREATE TABLE products (
product_no integer,
name text,
price numeric CHECK (price > 0),
discounted_price numeric CHECK (discounted_price > 0),
CHECK (price > discounted_price)
);
INSERT INTO products VALUES (1, 'Cheese', 10, 8);
INSERT INTO products VALUES (2, 'Cheese', 10, 0);
INSERT INTO products VALUES (3, 'Cheese', 10, 12);
INSERT INTO products VALUES (4, 'Cheese', -10, 12);
SELECT * FROM products ORDER BY product_no;
DROP TABLE products;

-- the same written as table constraints
CREATE TABLE products (
product_no integer,
name text,
price numeric,
CHECK (price > 0),
discounted_price numeric,
CHECK (discounted_price > 0),
CHECK (price > discounted_price)
);
INSERT INTO products VALUES (1, 'Cheese', 10, 8);
INSERT INTO products VALUES (2, 'Cheese', 0, 8);
INSERT INTO products VALUES (3, 'Cheese', 10, 11);
SELECT conname, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE conrelid = 'products'::regclass ORDER BY conname;
DROP TABLE products;

-- or even
CREATE TABLE products (
product_no integer,
name text,
price numeric CHECK (price > 0),
discounted_price numeric,
CHECK (discounted_price > 0 AND price > discounted_price)
);
INSERT INTO products VALUES (1, 'Cheese', 10, 8);
INSERT INTO products VALUES (2, 'Cheese', 10, -1);
-- null discounted_price: the table check yields null, which passes
INSERT INTO products VALUES (3, 'Cheese', 10, NULL);
SELECT * FROM products ORDER BY product_no;
DROP TABLE products;

-- Not-Null Constraints
CREATE TABLE products (
product_no integer NOT NULL,
name text NOT NULL,
price numeric
);
INSERT INTO products VALUES (1, 'Cheese', NULL);
INSERT INTO products VALUES (2, NULL, 1.5);
INSERT INTO products (name) VALUES ('No number');
UPDATE products SET product_no = NULL;
SELECT * FROM products;
DROP TABLE products;

-- a column with more than one constraint
CREATE TABLE products (
product_no integer NOT NULL,
name text NOT NULL,
price numeric NOT NULL CHECK (price > 0)
);
INSERT INTO products VALUES (1, 'Cheese', 2.5);
INSERT INTO products VALUES (2, 'Bread', NULL);
INSERT INTO products VALUES (3, 'Bread', 0);
SELECT * FROM products;
DROP TABLE products;

-- the NULL constraint: the column may be null (the default)
CREATE TABLE products (
product_no integer NULL,
name text NULL,
price numeric NULL
);
INSERT INTO products VALUES (NULL, NULL, NULL);
SELECT * FROM products;
DROP TABLE products;

-- NULL and NOT NULL together are contradictory
CREATE TABLE products (
product_no integer NULL NOT NULL
);
