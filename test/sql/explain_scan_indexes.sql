-- EXPLAIN of index scans PostgreSQL chooses for expression, partial, Boolean and descending
-- indexes, MIN / MAX from an index, and the order a scan checks its conditions in.
CREATE TABLE items (id int PRIMARY KEY, name text, price int, active boolean, created int);
INSERT INTO items SELECT g, 'Item ' || g, g % 100, g % 3 = 0, g % 1000 FROM generate_series(1, 5000) g;
CREATE UNIQUE INDEX items_lower_name ON items ((lower(name)));
CREATE INDEX items_price_desc ON items (price DESC);
CREATE INDEX items_active_created ON items (active, created);
CREATE INDEX items_cheap ON items (created) WHERE price < 10;
ANALYZE items;
EXPLAIN (COSTS OFF) SELECT id FROM items WHERE lower(name) = 'item 42';
SELECT id FROM items WHERE lower(name) = 'item 42';
EXPLAIN (COSTS OFF) SELECT id, price FROM items ORDER BY price DESC LIMIT 3;
SELECT id, price FROM items ORDER BY price DESC, id LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id, price FROM items ORDER BY price LIMIT 3;
EXPLAIN (COSTS OFF) SELECT * FROM items WHERE active ORDER BY created LIMIT 2;
SELECT * FROM items WHERE active ORDER BY created, id LIMIT 2;
EXPLAIN (COSTS OFF) SELECT * FROM items WHERE NOT active ORDER BY created DESC LIMIT 2;
EXPLAIN (COSTS OFF) SELECT * FROM items WHERE price < 10 AND created = 7;
SELECT * FROM items WHERE price < 10 AND created = 7 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT min(id), max(id) FROM items;
SELECT min(id), max(id) FROM items;
EXPLAIN (COSTS OFF) SELECT max(created) FROM items WHERE active;
SELECT max(created) FROM items WHERE active;
EXPLAIN (COSTS OFF) SELECT max(id) FROM items WHERE id < 100;
EXPLAIN (COSTS OFF) SELECT max(id) FROM items ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT count(*), max(id) FROM items;
EXPLAIN (COSTS OFF) SELECT min(name) FROM items;
EXPLAIN (COSTS OFF) SELECT * FROM items WHERE abs(price) = 5 AND created > 10;
DROP TABLE items;
