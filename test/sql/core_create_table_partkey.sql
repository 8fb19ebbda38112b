-- partition keys (operator classes, collations, whole-row keys, array list bounds); filenodes
CREATE TABLE pk_point (a point) PARTITION BY LIST (a point_ops);
CREATE TABLE pk_point (a point) PARTITION BY RANGE (a point_ops);
CREATE TABLE pk_point (a point) PARTITION BY RANGE (a);
CREATE TABLE pk_int (a int) PARTITION BY RANGE (a box_ops);
CREATE TABLE pk_int (a int) PARTITION BY RANGE (a text_ops);
-- a COLLATE equal to the key's own collation is not printed
CREATE TABLE pk_coll (c text, d text) PARTITION BY RANGE (c COLLATE "default", d COLLATE "C");
\d pk_coll
SELECT pg_get_partkeydef('pk_coll'::regclass);
DROP TABLE pk_coll;
-- "(name)" naming no column is an expression
CREATE TABLE pk_x (a int) PARTITION BY LIST ((b));
CREATE TABLE pk_x (a int) PARTITION BY LIST (b);
-- whole-row key
CREATE TABLE pk_row (a int, b int) PARTITION BY LIST ((pk_row));
\d pk_row
CREATE TABLE pk_row1 PARTITION OF pk_row FOR VALUES IN ('(1,2)');
\d+ pk_row1
SELECT pg_get_partition_constraintdef('pk_row1'::regclass);
INSERT INTO pk_row VALUES (1, 2);
INSERT INTO pk_row1 VALUES (1, 3);
SELECT * FROM pk_row;
DROP TABLE pk_row;
-- array-typed list key: one equality per value
CREATE TABLE arrlp (a int[]) PARTITION BY LIST (a);
CREATE TABLE arrlp12 PARTITION OF arrlp FOR VALUES IN ('{1}', '{2}', NULL);
CREATE TABLE arrlp3 PARTITION OF arrlp FOR VALUES IN ('{3}');
CREATE TABLE arrlpd PARTITION OF arrlp DEFAULT;
SELECT relname, pg_get_partition_constraintdef(oid) FROM pg_class WHERE relname LIKE 'arrlp%' ORDER BY relname;
INSERT INTO arrlp VALUES ('{1}'), ('{3}'), ('{4}'), (NULL);
SELECT tableoid::regclass, a FROM arrlp ORDER BY 1, 2;
INSERT INTO arrlp3 VALUES ('{1}');
DROP TABLE arrlp;
-- a column used in a key expression makes the table depend on its type
CREATE FUNCTION pk_plusone(a int) RETURNS int AS $$ SELECT a + 1; $$ LANGUAGE SQL IMMUTABLE;
CREATE DOMAIN pk_dom AS int;
CREATE TABLE pk_dep (a pk_dom, b text) PARTITION BY RANGE (pk_plusone(a));
ALTER TABLE pk_dep DROP COLUMN a;
DROP DOMAIN pk_dom;
DROP DOMAIN pk_dom CASCADE;
TABLE pk_dep;
DROP FUNCTION pk_plusone(int);
-- filenodes: temporary relations are not found by pg_filenode_relation
CREATE TEMP TABLE fn_temp(c1 int);
CREATE TABLE fn_perm(c1 int primary key);
CREATE VIEW fn_view AS SELECT 1 AS x;
CREATE TABLE fn_parted(a int) PARTITION BY LIST (a);
SELECT relname, relpersistence, pg_relation_filenode(oid) = relfilenode AS same,
  pg_filenode_relation(reltablespace, pg_relation_filenode(oid)) AS rel
  FROM pg_class WHERE relname LIKE 'fn\_%' ORDER BY relname;
SELECT pg_relation_filenode('fn_view'), pg_relation_filenode('fn_parted'), pg_filenode_relation(0, 0);
DROP TABLE fn_temp, fn_perm, fn_parted; DROP VIEW fn_view;
