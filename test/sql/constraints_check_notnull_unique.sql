-- CHECK (named/unnamed, column/table level), NOT NULL, UNIQUE (multi-column,
-- NULLS NOT DISTINCT), PRIMARY KEY, and the names PostgreSQL generates for them,
-- including collisions.

CREATE TABLE item (
    id int PRIMARY KEY,
    price numeric CHECK (price > 0) CHECK (price < 1000),
    discount numeric CONSTRAINT discount_range CHECK (discount BETWEEN 0 AND 1),
    qty int NOT NULL CHECK (qty >= 0),
    code text UNIQUE,
    CHECK (price * (1 - discount) >= 1),
    CONSTRAINT qty_limit CHECK (qty <= 100)
);
SELECT conname, contype, pg_get_constraintdef(oid) AS def
FROM pg_constraint WHERE conrelid = 'item'::regclass ORDER BY conname;

INSERT INTO item VALUES (1, 10, 0.5, 3, 'A');
INSERT INTO item VALUES (2, 0, 0, 1, 'B');
INSERT INTO item VALUES (3, 2000, 0, 1, 'C');
INSERT INTO item VALUES (4, 10, 1.5, 1, 'D');
INSERT INTO item VALUES (5, 10, 0.95, 1, 'E');
INSERT INTO item VALUES (6, 10, 0, -1, 'F');
INSERT INTO item VALUES (7, 10, 0, 101, 'G');
INSERT INTO item VALUES (8, 10, 0, NULL, 'H');
INSERT INTO item VALUES (9, 10, 0, 1, 'A');
INSERT INTO item VALUES (1, 10, 0, 1, 'I');
-- several constraints violated at once: which one is reported
INSERT INTO item VALUES (10, -5, 2, -1, 'J');
-- null passes a CHECK
INSERT INTO item VALUES (11, NULL, NULL, 0, NULL);
UPDATE item SET qty = qty - 5 WHERE id = 1;
UPDATE item SET code = 'A' WHERE id = 11;
SELECT * FROM item ORDER BY id;

-- constraint name collisions: the second check on a column gets a suffix
CREATE TABLE coll (a int CHECK (a > 0), b int, CHECK (a > 0), CHECK (a < 10),
    CHECK (a <> b), CHECK (a + b > 0), UNIQUE (a), UNIQUE (a), UNIQUE (a, b));
SELECT conname, pg_get_constraintdef(oid) AS def
FROM pg_constraint WHERE conrelid = 'coll'::regclass ORDER BY conname;
-- an index name already taken by another relation
CREATE TABLE pk_clash_pkey (x int);
CREATE TABLE pk_clash (id int PRIMARY KEY, v int UNIQUE);
SELECT conname FROM pg_constraint WHERE conrelid = 'pk_clash'::regclass ORDER BY conname;
-- explicit duplicate constraint names are an error
CREATE TABLE dup_names (a int CONSTRAINT c1 CHECK (a > 0), b int CONSTRAINT c1 CHECK (b > 0));
CREATE TABLE dup_names (a int CONSTRAINT same UNIQUE, b int CONSTRAINT same UNIQUE);
-- generated names are truncated to 63 bytes
CREATE TABLE a_table_with_a_rather_long_name_for_testing_purposes (
    a_column_with_a_rather_long_name_as_well int CHECK (a_column_with_a_rather_long_name_as_well > 0)
        UNIQUE);
SELECT conname, length(conname) FROM pg_constraint
WHERE conrelid = 'a_table_with_a_rather_long_name_for_testing_purposes'::regclass ORDER BY conname;
INSERT INTO a_table_with_a_rather_long_name_for_testing_purposes VALUES (0);

-- UNIQUE: multi-column, NULLS DISTINCT (default) and NULLS NOT DISTINCT
CREATE TABLE u (a int, b int, UNIQUE (a, b));
INSERT INTO u VALUES (1, 1), (1, 2), (1, NULL), (1, NULL), (NULL, NULL), (NULL, NULL);
INSERT INTO u VALUES (1, 2);
SELECT a, b, count(*) FROM u GROUP BY a, b ORDER BY a, b;
CREATE TABLE u_nnd (a int, b int, UNIQUE NULLS NOT DISTINCT (a, b));
INSERT INTO u_nnd VALUES (1, NULL);
INSERT INTO u_nnd VALUES (1, NULL);
INSERT INTO u_nnd VALUES (NULL, NULL);
INSERT INTO u_nnd VALUES (NULL, NULL);
CREATE TABLE u_nnd_col (a int UNIQUE NULLS NOT DISTINCT);
INSERT INTO u_nnd_col VALUES (NULL), (NULL);
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'u_nnd'::regclass;
-- duplicates within one multi-row INSERT
INSERT INTO u VALUES (5, 5), (5, 5);
-- an UPDATE that temporarily collides fails (not deferrable)
CREATE TABLE seq_u (n int UNIQUE);
INSERT INTO seq_u VALUES (1), (2), (3);
UPDATE seq_u SET n = n + 1;
SELECT * FROM seq_u ORDER BY n;

-- PRIMARY KEY: implies NOT NULL; composite; only one per table
CREATE TABLE pk (a int, b text, c int, PRIMARY KEY (a, b));
INSERT INTO pk VALUES (1, 'x', 0), (1, 'y', 0);
INSERT INTO pk VALUES (1, 'x', 1);
INSERT INTO pk VALUES (NULL, 'x', 1);
INSERT INTO pk VALUES (2, NULL, 1);
SELECT attname, attnotnull FROM pg_attribute
WHERE attrelid = 'pk'::regclass AND attnum > 0 ORDER BY attnum;
CREATE TABLE two_pk (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE named_pk (a int CONSTRAINT my_pk PRIMARY KEY);
INSERT INTO named_pk VALUES (1), (1);

-- CHECK expressions that are not allowed
CREATE TABLE bad_check (a int CHECK (a > (SELECT 1)));
CREATE TABLE bad_check (a int CHECK (a > count(*)));
CREATE TABLE bad_check (a int CHECK (b > 0));
CREATE TABLE bad_check (a int CHECK (a));

DROP TABLE item, coll, pk_clash_pkey, pk_clash,
    a_table_with_a_rather_long_name_for_testing_purposes,
    u, u_nnd, u_nnd_col, seq_u, pk, named_pk;
