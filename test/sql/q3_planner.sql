-- Issue 3: plans — index scans for equality and range predicates on multi-column B-tree indexes
-- (prefixes too), index nested-loop joins, hash joins without a usable index, hash aggregation,
-- sort avoidance through an index, LIMIT over ordered index scans; with the rows they return.
CREATE TABLE customers (id int PRIMARY KEY, region int NOT NULL, name text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, day int NOT NULL, status text NOT NULL, amount int NOT NULL);
INSERT INTO customers SELECT g, g % 20, 'cust' || g FROM generate_series(1, 2000) g;
INSERT INTO orders SELECT g, (g * 7) % 2000 + 1, g % 365, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'done' END, g % 1000 FROM generate_series(1, 20000) g;
CREATE INDEX orders_cust_day ON orders (customer_id, day);
CREATE INDEX customers_region_name ON customers (region, name);
CREATE TABLE notes (customer_ref int, body text);
INSERT INTO notes SELECT g % 500 + 1, 'note ' || g FROM generate_series(1, 3000) g;
ANALYZE customers;
ANALYZE orders;
ANALYZE notes;
-- equality on the full key and on a prefix, range on the second column
EXPLAIN (COSTS OFF) SELECT id FROM orders WHERE customer_id = 42 AND day = 100;
SELECT id FROM orders WHERE customer_id = 42 AND day = 100;
EXPLAIN (COSTS OFF) SELECT id, day FROM orders WHERE customer_id = 42 ORDER BY day;
SELECT id, day FROM orders WHERE customer_id = 42 ORDER BY day, id;
EXPLAIN (COSTS OFF) SELECT id FROM orders WHERE customer_id = 42 AND day BETWEEN 10 AND 200;
SELECT id FROM orders WHERE customer_id = 42 AND day BETWEEN 10 AND 200 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT name FROM customers WHERE region = 3 AND name > 'cust1900';
SELECT name FROM customers WHERE region = 3 AND name > 'cust1900' ORDER BY name;
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE id BETWEEN 100 AND 105;
SELECT * FROM orders WHERE id BETWEEN 100 AND 105 ORDER BY id;
-- a predicate on the second column alone cannot use the index prefix
EXPLAIN (COSTS OFF) SELECT count(*) FROM orders WHERE day = 5;
-- index nested loop: a selective outer side probing the inner side's index
EXPLAIN (COSTS OFF) SELECT c.name, o.id FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = 7;
SELECT c.name, o.id FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = 7 ORDER BY o.id;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id < 4;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id < 4 ORDER BY o.id;
-- hash join: equi-join without a usable index
EXPLAIN (COSTS OFF) SELECT count(*) FROM customers c JOIN notes n ON n.customer_ref = c.id;
SELECT count(*) FROM customers c JOIN notes n ON n.customer_ref = c.id;
-- hash aggregation
EXPLAIN (COSTS OFF) SELECT status, count(*), sum(amount) FROM orders GROUP BY status;
SELECT status, count(*), sum(amount) FROM orders GROUP BY status ORDER BY status;
EXPLAIN (COSTS OFF) SELECT day, count(*) FROM orders GROUP BY day;
EXPLAIN (COSTS OFF) SELECT DISTINCT status FROM orders;
-- sort avoidance: the index already gives the order
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY id;
EXPLAIN (COSTS OFF) SELECT region, name FROM customers WHERE region = 5 ORDER BY name;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY amount;
-- LIMIT over an ordered index scan
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY id DESC LIMIT 3;
SELECT * FROM orders ORDER BY id DESC LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id, day FROM orders WHERE customer_id = 9 ORDER BY day DESC LIMIT 2;
SELECT id, day FROM orders WHERE customer_id = 9 ORDER BY day DESC, id LIMIT 2;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY amount LIMIT 5;
DROP TABLE notes, orders, customers;
