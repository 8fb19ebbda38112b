-- Keys, indexes and foreign keys of partitioned tables: unique constraints must contain the
-- partition key, every partition gets its own index and constraint, foreign keys are cloned
-- into partitions (referencing side) and per referenced partition (referenced side).

CREATE TABLE accounts (region int, id int, name text, PRIMARY KEY (id)) PARTITION BY LIST (region);
CREATE TABLE accounts (region int, id int, name text, UNIQUE (name)) PARTITION BY LIST ((region + 1));
CREATE TABLE accounts (region int, id int, name text, PRIMARY KEY (region, id)) PARTITION BY LIST (region);
CREATE TABLE accounts_1 PARTITION OF accounts FOR VALUES IN (1);
CREATE TABLE accounts_2 (id int NOT NULL, name text, region int NOT NULL);
ALTER TABLE accounts ATTACH PARTITION accounts_2 FOR VALUES IN (2);
CREATE TABLE accounts_3 PARTITION OF accounts FOR VALUES IN (3, 4) PARTITION BY LIST (id);
CREATE TABLE accounts_3_x PARTITION OF accounts_3 FOR VALUES IN (1, 2, 3);
ALTER TABLE accounts ADD CONSTRAINT accounts_name_key UNIQUE (name);
ALTER TABLE accounts ADD CONSTRAINT accounts_name_key UNIQUE (name, region);
SELECT c.relname, c.relkind, c.relispartition, i.inhparent::regclass AS parent
  FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
  WHERE c.relname LIKE 'accounts%' ORDER BY c.relname;
SELECT conname, conrelid::regclass, contype, conislocal, coninhcount, conparentid <> 0 AS has_parent
  FROM pg_constraint WHERE conrelid::regclass::text LIKE 'accounts%' ORDER BY conrelid::regclass::text, conname;
INSERT INTO accounts VALUES (1, 1, 'ann'), (2, 1, 'bob'), (3, 1, 'cid');
INSERT INTO accounts VALUES (1, 1, 'dup');
INSERT INTO accounts VALUES (2, 7, 'bob');
INSERT INTO accounts VALUES (4, 4, 'eve');
ALTER TABLE accounts_1 DROP CONSTRAINT accounts_1_pkey;
DROP INDEX accounts_1_pkey;
SELECT * FROM pg_partition_tree('accounts_pkey') ORDER BY relid::text;
SELECT relid, parentrelid, isleaf, level FROM pg_partition_tree('accounts') ORDER BY level, relid::text;
SELECT pg_partition_root('accounts_3_x'), pg_partition_root('accounts_1_pkey');
SELECT * FROM pg_partition_ancestors('accounts_3_x');
SELECT pg_get_partkeydef('accounts'::regclass), pg_get_partkeydef('accounts_3'::regclass);
SELECT relname, pg_get_expr(relpartbound, oid), pg_get_partition_constraintdef(oid)
  FROM pg_class WHERE relname IN ('accounts_1', 'accounts_3', 'accounts_3_x') ORDER BY relname;

-- plain indexes, ON ONLY and ATTACH PARTITION
CREATE INDEX accounts_name_idx ON accounts (name);
CREATE INDEX accounts_id_idx ON ONLY accounts (id);
CREATE INDEX acc1_id ON accounts_1 (id);
CREATE INDEX acc1_name ON accounts_1 (name);
ALTER INDEX accounts_id_idx ATTACH PARTITION acc1_name;
ALTER INDEX accounts_id_idx ATTACH PARTITION acc1_id;
DROP INDEX acc1_id;
SELECT indexrelid::regclass, indrelid::regclass FROM pg_index WHERE indrelid::regclass::text LIKE 'accounts%' ORDER BY 1::text;
DROP INDEX accounts_id_idx;
SELECT relname FROM pg_class WHERE relname IN ('accounts_id_idx', 'acc1_id');

-- a foreign key referencing a partitioned table
CREATE TABLE payments (id int, account int, region int, FOREIGN KEY (region, account) REFERENCES accounts ON DELETE CASCADE ON UPDATE CASCADE);
SELECT conname, conrelid::regclass, confrelid::regclass, conislocal, coninhcount
  FROM pg_constraint WHERE contype = 'f' ORDER BY conname;
INSERT INTO payments VALUES (1, 1, 1), (2, 1, 2), (3, 1, 3);
INSERT INTO payments VALUES (4, 9, 1);
UPDATE accounts SET id = 5 WHERE region = 2 AND id = 1 RETURNING tableoid::regclass, *;
SELECT * FROM payments ORDER BY id;
DELETE FROM accounts_1;
SELECT * FROM payments ORDER BY id;
ALTER TABLE payments DROP CONSTRAINT payments_region_account_fkey1;
ALTER TABLE payments DROP CONSTRAINT payments_region_account_fkey;
SELECT count(*) FROM pg_constraint WHERE contype = 'f';

-- a foreign key from a partitioned table
CREATE TABLE customers (id int PRIMARY KEY, name text);
INSERT INTO customers VALUES (1, 'x'), (2, 'y');
CREATE TABLE invoices (customer int REFERENCES customers ON DELETE SET NULL, year int) PARTITION BY RANGE (year);
CREATE TABLE invoices_2020 PARTITION OF invoices FOR VALUES FROM (2020) TO (2021);
CREATE TABLE invoices_2021 (year int, customer int);
INSERT INTO invoices_2021 VALUES (2021, 3);
ALTER TABLE invoices ATTACH PARTITION invoices_2021 FOR VALUES FROM (2021) TO (2022);
DELETE FROM invoices_2021;
ALTER TABLE invoices ATTACH PARTITION invoices_2021 FOR VALUES FROM (2021) TO (2022);
SELECT conname, conrelid::regclass, conislocal, coninhcount FROM pg_constraint WHERE contype = 'f' ORDER BY conrelid::regclass::text;
INSERT INTO invoices VALUES (1, 2020), (2, 2021);
INSERT INTO invoices VALUES (7, 2020);
INSERT INTO invoices_2021 VALUES (7, 2021);
DELETE FROM customers WHERE id = 1;
SELECT tableoid::regclass, * FROM invoices ORDER BY year;
ALTER TABLE invoices_2020 DROP CONSTRAINT invoices_customer_fkey;
ALTER TABLE invoices DETACH PARTITION invoices_2021;
SELECT conname, conrelid::regclass, conislocal, coninhcount FROM pg_constraint WHERE contype = 'f' ORDER BY conrelid::regclass::text;
ALTER TABLE ONLY invoices ADD FOREIGN KEY (customer) REFERENCES customers;
ALTER TABLE invoices ADD FOREIGN KEY (customer) REFERENCES customers NOT VALID;
TRUNCATE customers;
TRUNCATE customers CASCADE;
DROP TABLE payments, accounts, invoices, invoices_2021, customers;
