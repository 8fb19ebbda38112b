-- Seed 003 (Data Definition chapter), part 3: inheritance (INHERITS, ONLY,
-- tableoid and the join with pg_class, the cities* syntax), modifying tables
-- (the ALTER TABLE forms the chapter lists), and dependency tracking
-- (DROP ... RESTRICT / CASCADE). tableoid is printed through regclass, never as an oid.

-- Inheritance
CREATE TABLE cities (
name text,
population float,
altitude int -- (in ft)
);
CREATE TABLE capitals (
state char(2)
) INHERITS (cities);

INSERT INTO cities VALUES
    ('Las Vegas', 2.583e+05, 2174),
    ('Mariposa', 1200, 1953),
    ('San Francisco', 873965, 63);
INSERT INTO capitals VALUES
    ('Madison', 269840, 845, 'WI'),
    ('Sacramento', 524943.5, 30, 'CA');

SELECT name, altitude
FROM cities
WHERE altitude > 500
ORDER BY name;

SELECT name, altitude
FROM ONLY cities
WHERE altitude > 500
ORDER BY name;

SELECT * FROM capitals ORDER BY name;
SELECT name, population FROM cities ORDER BY population;

SELECT c.tableoid::regclass AS tableoid, c.name, c.altitude
FROM cities c
WHERE c.altitude > 500
ORDER BY c.name;

SELECT p.relname, c.name, c.altitude
FROM cities c, pg_class p
WHERE c.altitude > 500 and c.tableoid = p.oid
ORDER BY c.name;

-- the explicit "scan the children too" syntax still works
SELECT * from cities* ORDER BY name;
-- the old configuration option no longer exists
SET SQL_Inheritance TO OFF;

-- UPDATE and DELETE also support ONLY
UPDATE ONLY cities SET altitude = altitude + 1 WHERE altitude < 100;
SELECT name, altitude FROM cities WHERE altitude < 100 ORDER BY name;
DELETE FROM ONLY cities WHERE name = 'Madison';
DELETE FROM cities WHERE name = 'Madison';
SELECT tableoid::regclass, count(*) FROM cities GROUP BY 1 ORDER BY tableoid::regclass::text;

-- indexes and foreign keys apply to single tables, not to inheritance children
ALTER TABLE cities ADD CONSTRAINT cities_name_key UNIQUE (name);
CREATE TABLE city_visits (city text REFERENCES cities (name), visited date);
INSERT INTO city_visits VALUES ('Las Vegas', '2002-08-05');
INSERT INTO city_visits VALUES ('Sacramento', '2002-08-06');
-- nor does the unique constraint see the children
INSERT INTO capitals VALUES ('Las Vegas', 1, 1, 'NV');
SELECT name, tableoid::regclass FROM cities WHERE name = 'Las Vegas' ORDER BY tableoid::regclass::text;

DROP TABLE city_visits;
-- dropping the parent needs CASCADE
DROP TABLE cities;
DROP TABLE cities CASCADE;

-- Modifying Tables
CREATE TABLE products (
product_no integer PRIMARY KEY,
name text,
price numeric
);
INSERT INTO products VALUES (1, 'Cheese', 9.99), (2, 'Bread', 1.99);
-- add a column
ALTER TABLE products ADD COLUMN description text;
-- add constraints
ALTER TABLE products ADD CHECK (name <> '');
ALTER TABLE products ADD CONSTRAINT some_name UNIQUE (product_no);
ALTER TABLE products ALTER COLUMN name SET NOT NULL;
INSERT INTO products VALUES (3, '', 1, 'empty name');
INSERT INTO products VALUES (3, NULL, 1, 'no name');
-- remove constraints
ALTER TABLE products DROP CONSTRAINT some_name;
ALTER TABLE products ALTER COLUMN name DROP NOT NULL;
INSERT INTO products VALUES (3, NULL, 1, 'no name');
-- change default values
ALTER TABLE products ALTER COLUMN price SET DEFAULT 7.77;
INSERT INTO products (product_no, name) VALUES (4, 'Milk');
ALTER TABLE products ALTER COLUMN price DROP DEFAULT;
INSERT INTO products (product_no, name) VALUES (5, 'Eggs');
-- rename a column, rename the table
ALTER TABLE products RENAME COLUMN product_no TO product_number;
ALTER TABLE products RENAME TO items;
SELECT * FROM items ORDER BY product_number;
-- what the early edition could not do: remove a column, change a data type
ALTER TABLE items DROP COLUMN description;
ALTER TABLE items ALTER COLUMN price TYPE numeric(10,2);
SELECT * FROM items ORDER BY product_number;
SELECT * FROM products;

-- Dependency Tracking
DROP TABLE items;
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
INSERT INTO products VALUES (1, 'Cheese', 9.99);
INSERT INTO orders VALUES (1, 1, 10);
DROP TABLE products;
DROP TABLE products RESTRICT;
DROP TABLE products CASCADE;
-- the orders table remains, without its foreign key constraint
SELECT * FROM orders;
INSERT INTO orders VALUES (2, 42, 1);
SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass ORDER BY conname;
DROP TABLE orders;
