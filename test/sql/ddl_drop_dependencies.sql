-- DROP TABLE / INDEX / SEQUENCE / SCHEMA: IF EXISTS, RESTRICT errors whose
-- DETAIL lists several dependents, CASCADE notices (single and multi-line form).

-- IF EXISTS
DROP TABLE IF EXISTS nothing_here;
DROP TABLE nothing_here;
DROP INDEX IF EXISTS no_index;
DROP INDEX no_index;
DROP SEQUENCE IF EXISTS no_seq;
DROP SEQUENCE no_seq;
DROP SCHEMA IF EXISTS no_schema;
DROP SCHEMA no_schema;
CREATE TABLE present (id int);
DROP TABLE IF EXISTS nothing_here, present;
DROP TABLE present;

-- one table referenced by several others
CREATE TABLE hub (id int PRIMARY KEY);
CREATE TABLE spoke_a (id int PRIMARY KEY, hub_id int REFERENCES hub);
CREATE TABLE spoke_b (id int PRIMARY KEY, hub_id int CONSTRAINT b_to_hub REFERENCES hub);
CREATE TABLE spoke_c (id int PRIMARY KEY, hub_id int REFERENCES hub ON DELETE CASCADE,
    other_hub int REFERENCES hub);
DROP TABLE hub;
DROP TABLE hub RESTRICT;
-- dropping only the referencing table needs no CASCADE
DROP TABLE spoke_b;
DROP TABLE hub CASCADE;
SELECT conrelid::regclass::text AS tab, conname FROM pg_constraint
WHERE conrelid IN ('spoke_a'::regclass, 'spoke_c'::regclass) ORDER BY 1, 2;

-- dropping the referenced and the referencing table together needs no CASCADE
CREATE TABLE hub (id int PRIMARY KEY);
ALTER TABLE spoke_a ADD FOREIGN KEY (hub_id) REFERENCES hub;
DROP TABLE hub, spoke_a;
-- a missing name in the list fails the whole statement
DROP TABLE spoke_c, nothing_here;
SELECT count(*) FROM spoke_c;
DROP TABLE spoke_c;

-- DROP TABLE on something that is not a table
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE INDEX t_v_idx ON t (v);
CREATE SEQUENCE s;
DROP TABLE t_v_idx;
DROP TABLE s;
DROP INDEX t;
DROP SEQUENCE t;

-- DROP INDEX: a constraint's index cannot be dropped directly
DROP INDEX t_v_idx;
DROP INDEX t_pkey;
DROP INDEX IF EXISTS t_v_idx;
ALTER TABLE t DROP CONSTRAINT t_pkey;
SELECT count(*) FROM pg_indexes WHERE tablename = 't';

-- DROP SEQUENCE: a serial column's sequence is used by the column default
CREATE TABLE ser (id serial, other int DEFAULT nextval('s'));
DROP SEQUENCE ser_id_seq;
DROP SEQUENCE s;
DROP SEQUENCE s CASCADE;
SELECT column_name, column_default FROM information_schema.columns
WHERE table_name = 'ser' ORDER BY ordinal_position;
-- the owned sequence goes away with its table
DROP TABLE ser;
SELECT count(*) FROM pg_class WHERE relname = 'ser_id_seq';

-- DROP SCHEMA with contents
CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY);
CREATE TABLE app.orders (id int PRIMARY KEY, user_id int REFERENCES app.users);
CREATE SEQUENCE app.counter;
CREATE TABLE outside (id int, user_id int REFERENCES app.users);
DROP SCHEMA app;
DROP SCHEMA app RESTRICT;
DROP SCHEMA app CASCADE;
SELECT count(*) FROM pg_namespace WHERE nspname = 'app';
SELECT conname FROM pg_constraint WHERE conrelid = 'outside'::regclass;
DROP TABLE outside, t;
-- an empty schema drops without CASCADE
CREATE SCHEMA empty_one;
DROP SCHEMA empty_one;
-- several schemas at once, IF EXISTS
CREATE SCHEMA s1;
CREATE SCHEMA s2;
CREATE TABLE s2.x (id int);
DROP SCHEMA IF EXISTS s1, s2, s3 CASCADE;

-- a long cascade: inheritance children and referencing constraints together
CREATE TABLE base (id int PRIMARY KEY);
CREATE TABLE kid1 (extra int) INHERITS (base);
CREATE TABLE kid2 (extra int) INHERITS (base);
CREATE TABLE refs (base_id int REFERENCES base);
DROP TABLE base;
DROP TABLE base CASCADE;
SELECT relname FROM pg_class WHERE relname IN ('base', 'kid1', 'kid2', 'refs') ORDER BY relname;
DROP TABLE refs;
