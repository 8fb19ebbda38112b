-- Declarative partitioning: creating partitioned tables and partitions, routing rows,
-- partition constraints on direct writes, UPDATE moving rows, scans of the parent.

-- range partitioning on two columns, one an expression
CREATE TABLE measurements (city text, day int, reading numeric) PARTITION BY RANGE (city, (day + 0));
INSERT INTO measurements VALUES ('oslo', 1, 1.5);  -- no partitions yet
CREATE TABLE m_oslo_early PARTITION OF measurements FOR VALUES FROM ('oslo', 1) TO ('oslo', 10);
CREATE TABLE m_oslo_late PARTITION OF measurements FOR VALUES FROM ('oslo', 10) TO ('oslo', 20);
CREATE TABLE m_rome PARTITION OF measurements FOR VALUES FROM ('rome', MINVALUE) TO ('rome', MAXVALUE);
INSERT INTO measurements VALUES ('oslo', 1, 1.5), ('oslo', 15, 2.5), ('rome', -100, 3.5), ('rome', 1000, 4.5);
INSERT INTO measurements VALUES ('oslo', 20, 0);   -- fails: no partition
INSERT INTO measurements VALUES ('oslo', NULL, 0); -- fails: range keys cannot be null
INSERT INTO measurements (city) VALUES ('paris');
SELECT tableoid::regclass, * FROM measurements;
SELECT tableoid::regclass, * FROM measurements ORDER BY reading DESC;
-- direct inserts are checked against the partition's bound
INSERT INTO m_oslo_early VALUES ('oslo', 12, 9);
INSERT INTO m_oslo_early VALUES ('rome', 2, 9);
INSERT INTO m_oslo_early VALUES ('oslo', 2, 9) RETURNING *;
SELECT count(*) FROM ONLY measurements;
-- a default partition takes what no other partition accepts
CREATE TABLE m_other PARTITION OF measurements DEFAULT;
INSERT INTO measurements VALUES ('paris', 1, 5), (NULL, NULL, 6) RETURNING tableoid::regclass, city, reading;
INSERT INTO m_other VALUES ('oslo', 3, 7);  -- belongs to m_oslo_early
-- a new partition may not take rows the default partition already holds
CREATE TABLE m_paris PARTITION OF measurements FOR VALUES FROM ('paris', 0) TO ('paris', 100);
DELETE FROM measurements WHERE city = 'paris';
CREATE TABLE m_paris PARTITION OF measurements FOR VALUES FROM ('paris', 0) TO ('paris', 100);

-- UPDATE moves rows between partitions, but not out of a partition named directly
UPDATE measurements SET day = day + 10 WHERE city = 'oslo' AND day < 10 RETURNING tableoid::regclass, *;
UPDATE m_oslo_late SET day = 1 WHERE day = 11;
UPDATE measurements SET city = 'paris' WHERE day = 15 RETURNING tableoid::regclass, city, day;
UPDATE measurements SET city = NULL WHERE city = 'rome' AND day > 0 RETURNING tableoid::regclass, city, day;
SELECT tableoid::regclass, * FROM measurements ORDER BY reading;
DELETE FROM measurements WHERE reading > 4 RETURNING tableoid::regclass, reading;

-- list partitioning, NULL and a multi-level tree
CREATE TABLE orders (id int, region text, amount int) PARTITION BY LIST (lower(region));
CREATE TABLE orders_north PARTITION OF orders FOR VALUES IN ('north', 'n');
CREATE TABLE orders_none PARTITION OF orders FOR VALUES IN (NULL);
CREATE TABLE orders_south PARTITION OF orders FOR VALUES IN ('south') PARTITION BY RANGE (amount);
CREATE TABLE orders_south_small PARTITION OF orders_south FOR VALUES FROM (MINVALUE) TO (100);
CREATE TABLE orders_south_big PARTITION OF orders_south FOR VALUES FROM (100) TO (MAXVALUE);
INSERT INTO orders VALUES (1, 'North', 5), (2, 'SOUTH', 50), (3, 'south', 500), (4, NULL, 1), (5, 'N', 7);
INSERT INTO orders VALUES (6, 'east', 1);
INSERT INTO orders VALUES (7, 'south', NULL);
INSERT INTO orders_south VALUES (8, 'north', 1);
INSERT INTO orders_south_big VALUES (9, 'south', 5);
SELECT tableoid::regclass, * FROM orders;
UPDATE orders SET amount = amount * 10 WHERE id = 2 RETURNING tableoid::regclass, *;
UPDATE orders_south SET region = 'north' WHERE id = 3;
SELECT tableoid::regclass, * FROM orders_south;

-- hash partitioning routes rows as PostgreSQL's hash functions do
CREATE TABLE hashed (k int, t text) PARTITION BY HASH (k, t);
CREATE TABLE hashed_0 PARTITION OF hashed FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE hashed_1 PARTITION OF hashed FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE hashed_2 PARTITION OF hashed FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO hashed VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, NULL), (NULL, 'x'), (NULL, NULL);
SELECT tableoid::regclass, * FROM hashed ORDER BY 1, 2, 3;
INSERT INTO hashed_0 VALUES (1, 'a');

-- constraints of partitioned tables reach the partitions
CREATE TABLE items (id int NOT NULL, qty int CHECK (qty >= 0), kind text) PARTITION BY LIST (kind);
CREATE TABLE items_a PARTITION OF items (qty DEFAULT 1) FOR VALUES IN ('a');
INSERT INTO items (id, kind) VALUES (1, 'a') RETURNING *;
INSERT INTO items VALUES (NULL, 1, 'a');
INSERT INTO items VALUES (2, -1, 'a');
SELECT attname, attnotnull, attislocal, attinhcount FROM pg_attribute WHERE attrelid = 'items_a'::regclass AND attnum > 0 ORDER BY attnum;
SELECT conname, conislocal, coninhcount FROM pg_constraint WHERE conrelid = 'items_a'::regclass;

-- TRUNCATE and DROP
TRUNCATE ONLY orders;
TRUNCATE orders;
SELECT count(*) FROM orders;
DROP TABLE orders_south_small;
DROP TABLE measurements, orders, hashed, items;
SELECT relname FROM pg_class WHERE relname LIKE 'm\_%' OR relname LIKE 'orders%' OR relname LIKE 'hashed%' OR relname LIKE 'items%';
