-- Seed 003 (Data Definition chapter), part 2: unique constraints, primary keys,
-- foreign keys (column and table form, shortened REFERENCES, multi-column,
-- many-to-many with ON DELETE RESTRICT / CASCADE), with data so they fire.

-- Unique Constraints
CREATE TABLE products (
product_no integer UNIQUE,
name text,
price numeric
);
INSERT INTO products VALUES (1, 'Cheese', 9.99), (2, 'Bread', 1.99);
INSERT INTO products VALUES (1, 'Other cheese', 5);
-- null values are not considered equal
INSERT INTO products VALUES (NULL, 'No number'), (NULL, 'No number either');
SELECT * FROM products ORDER BY product_no, name;
DROP TABLE products;

CREATE TABLE products (
product_no integer,
name text,
price numeric,
UNIQUE (product_no)
);
INSERT INTO products VALUES (1, 'Cheese', 9.99);
INSERT INTO products VALUES (1, 'Cheese', 9.99);
DROP TABLE products;

CREATE TABLE example (
a integer,
b integer,
c integer,
UNIQUE (a, c)
);
INSERT INTO example VALUES (1, 1, 1), (1, 2, 2), (2, 3, 1);
INSERT INTO example VALUES (1, 99, 1);
-- any number of rows with a null in one of the constrained columns
INSERT INTO example VALUES (1, 4, NULL), (1, 5, NULL), (NULL, 6, 1);
SELECT * FROM example ORDER BY b;
DROP TABLE example;

CREATE TABLE products (
product_no integer CONSTRAINT must_be_different UNIQUE,
name text,
price numeric
);
INSERT INTO products VALUES (7, 'Cheese', 9.99);
INSERT INTO products VALUES (7, 'Cheese', 9.99);
UPDATE products SET product_no = 8;
DROP TABLE products;

-- Primary Keys: UNIQUE NOT NULL accepts the same data as PRIMARY KEY
CREATE TABLE products (
product_no integer UNIQUE NOT NULL,
name text,
price numeric
);
INSERT INTO products VALUES (1, 'Cheese', 9.99);
INSERT INTO products VALUES (1, 'Cheese', 9.99);
INSERT INTO products VALUES (NULL, 'Cheese', 9.99);
DROP TABLE products;

CREATE TABLE products (
product_no integer PRIMARY KEY,
name text,
price numeric
);
INSERT INTO products VALUES (1, 'Cheese', 9.99);
INSERT INTO products VALUES (1, 'Cheese', 9.99);
INSERT INTO products VALUES (NULL, 'Cheese', 9.99);
DROP TABLE products;

CREATE TABLE example (
a integer,
b integer,
c integer,
PRIMARY KEY (a, c)
);
INSERT INTO example VALUES (1, 1, 1), (1, 2, 2);
INSERT INTO example VALUES (1, 3, 1);
INSERT INTO example VALUES (1, 4, NULL);
SELECT * FROM example ORDER BY a, c;
-- a table can have at most one primary key
ALTER TABLE example ADD PRIMARY KEY (b);
DROP TABLE example;

-- Foreign Keys
CREATE TABLE products (
product_no integer PRIMARY KEY,
name text,
price numeric
);
CREATE TABLE orders (
order_id integer PRIMARY KEY,
product_no integer REFERENCES products (product_no),
quantity integer
);
INSERT INTO products VALUES (1, 'Cheese', 9.99), (2, 'Bread', 1.99);
INSERT INTO orders VALUES (100, 1, 5);
INSERT INTO orders VALUES (101, 3, 1);
UPDATE orders SET product_no = 4 WHERE order_id = 100;
SELECT * FROM orders ORDER BY order_id;
DROP TABLE orders;

-- shortened: the primary key of the referenced table is used
CREATE TABLE orders (
order_id integer PRIMARY KEY,
product_no integer REFERENCES products,
quantity integer
);
INSERT INTO orders VALUES (100, 2, 5);
INSERT INTO orders VALUES (101, 3, 1);
DROP TABLE orders;

-- multi-column foreign key in table constraint form
CREATE TABLE other_table (
c1 integer,
c2 integer,
PRIMARY KEY (c1, c2)
);
CREATE TABLE t1 (
a integer PRIMARY KEY,
b integer,
c integer,
FOREIGN KEY (b, c) REFERENCES other_table (c1, c2)
);
INSERT INTO other_table VALUES (1, 1), (1, 2);
INSERT INTO t1 VALUES (1, 1, 1), (2, 1, 2);
INSERT INTO t1 VALUES (3, 2, 1);
-- one null column: the row is not checked (MATCH SIMPLE)
INSERT INTO t1 VALUES (4, 9, NULL);
SELECT * FROM t1 ORDER BY a;
DELETE FROM other_table WHERE c1 = 1 AND c2 = 2;
DROP TABLE t1, other_table;

-- many-to-many: the structure from the seed, taken literally, is not SQL
CREATE TABLE orders (
order_id integer PRIMARY KEY,
shipping_address text,
...
);
CREATE TABLE orders (
order_id integer PRIMARY KEY,
shipping_address text
);
CREATE TABLE order_items (
product_no integer REFERENCES products,
order_id integer REFERENCES orders,
quantity integer,
PRIMARY KEY (product_no, order_id)
);
INSERT INTO orders VALUES (1, '1 Main St'), (2, '2 Side St');
INSERT INTO order_items VALUES (1, 1, 3), (2, 1, 1), (1, 2, 7);
INSERT INTO order_items VALUES (1, 1, 4);
DELETE FROM orders WHERE order_id = 2;
DROP TABLE order_items;

-- removing a product still referenced is disallowed; removing an order removes its items
CREATE TABLE order_items (
product_no integer REFERENCES products ON DELETE RESTRICT,
order_id integer REFERENCES orders ON DELETE CASCADE,
quantity integer,
PRIMARY KEY (product_no, order_id)
);
INSERT INTO order_items VALUES (1, 1, 3), (2, 1, 1), (1, 2, 7);
DELETE FROM products WHERE product_no = 2;
DELETE FROM orders WHERE order_id = 1;
SELECT * FROM order_items ORDER BY product_no, order_id;
DELETE FROM products WHERE product_no = 2;
SELECT * FROM products ORDER BY product_no;

-- a foreign key must reference a primary key or unique constraint
CREATE TABLE bad_ref (name text REFERENCES products (name));
-- the number of referencing and referenced columns must match
CREATE TABLE bad_ref (a integer, FOREIGN KEY (a) REFERENCES other_table_missing (c1, c2));
CREATE TABLE bad_ref (a integer, b integer, FOREIGN KEY (a, b) REFERENCES products (product_no));

DROP TABLE order_items, orders, products;
