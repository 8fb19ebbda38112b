-- ALTER … OWNER TO (what pg_dump writes after each object): schemas, tables and their
-- serial sequences, sequences, views; an index keeps its table's owner; an owned sequence
-- cannot be given away alone.
CREATE ROLE alice;
CREATE ROLE bob;
CREATE SCHEMA own_s;
ALTER SCHEMA own_s OWNER TO alice;
CREATE TABLE own_s.t (id serial PRIMARY KEY, x int GENERATED ALWAYS AS IDENTITY);
CREATE INDEX t_x ON own_s.t (x);
CREATE SEQUENCE own_s.free;
CREATE VIEW own_s.v AS SELECT id FROM own_s.t;
ALTER TABLE own_s.t OWNER TO bob;
ALTER SEQUENCE own_s.free OWNER TO alice;
ALTER TABLE own_s.v OWNER TO alice;
ALTER VIEW own_s.v OWNER TO CURRENT_USER;
ALTER INDEX own_s.t_x OWNER TO alice;
ALTER SEQUENCE own_s.t_id_seq OWNER TO alice;
ALTER SEQUENCE own_s.t_id_seq OWNER TO bob;
ALTER TABLE own_s.t OWNER TO nobody;
ALTER SCHEMA nosuch OWNER TO alice;
ALTER TABLE IF EXISTS own_s.nosuch OWNER TO alice;
SELECT n.nspname, r.rolname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'own_s';
SELECT c.relname, c.relkind, r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
  WHERE c.relnamespace = 'own_s'::regnamespace ORDER BY 1;
BEGIN;
ALTER TABLE own_s.t OWNER TO alice;
ROLLBACK;
SELECT c.relname, r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.relname IN ('t', 't_id_seq') ORDER BY 1;
DROP VIEW own_s.v;
DROP SCHEMA own_s CASCADE;
DROP ROLE alice;
DROP ROLE bob;
