-- GRANT / REVOKE on tables, columns, sequences, schemas, databases and types:
-- the ACLs they leave (aclitem text), psql's \dp, and the has_*_privilege functions.
CREATE ROLE regress_priv_u1;
CREATE ROLE regress_priv_u2;
CREATE ROLE "regress priv u3";
CREATE TABLE priv_t (a int PRIMARY KEY, b text, c int);
CREATE SEQUENCE priv_seq;
CREATE VIEW priv_v AS SELECT a, b FROM priv_t;
CREATE SCHEMA priv_s;
CREATE TABLE priv_s.t1 (x int);
CREATE TABLE priv_s.t2 (y int);
CREATE DOMAIN priv_dom AS int;
-- the default privileges show as an empty ACL
SELECT relname, relacl FROM pg_class WHERE relname IN ('priv_t', 'priv_seq', 'priv_v') ORDER BY 1;
GRANT SELECT, INSERT ON priv_t TO regress_priv_u1 WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON TABLE priv_t TO "regress priv u3";
GRANT SELECT (a, b), UPDATE (c) ON priv_t TO regress_priv_u2;
GRANT REFERENCES (a) ON priv_t TO regress_priv_u2;
GRANT USAGE, SELECT ON SEQUENCE priv_seq TO regress_priv_u1;
GRANT SELECT ON priv_v TO PUBLIC;
SELECT relname, relacl FROM pg_class WHERE relname IN ('priv_t', 'priv_seq', 'priv_v') ORDER BY 1;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'priv_t'::regclass AND attnum > 0 ORDER BY attnum;
\dp priv_*
\z priv_t
-- privileges a kind of object does not have
GRANT USAGE ON priv_t TO regress_priv_u1;
GRANT DELETE ON SEQUENCE priv_seq TO regress_priv_u1;
GRANT INSERT, DELETE ON priv_seq TO regress_priv_u1;
GRANT SELECT ON SEQUENCE priv_t TO regress_priv_u1;
GRANT EXECUTE ON priv_t TO regress_priv_u1;
GRANT SELECT (nosuch) ON priv_t TO regress_priv_u1;
GRANT SELECT ON nosuch TO regress_priv_u1;
GRANT SELECT ON priv_t TO nosuch;
GRANT SELECT ON priv_t TO PUBLIC WITH GRANT OPTION;
-- revoking: privileges, grant options, and what was granted through them
SET ROLE regress_priv_u1;
GRANT SELECT ON priv_t TO regress_priv_u2;
GRANT INSERT ON priv_t TO regress_priv_u2, PUBLIC;
GRANT DELETE ON priv_t TO regress_priv_u2;
GRANT SELECT, DELETE ON priv_t TO regress_priv_u2;
GRANT ALL ON priv_t TO regress_priv_u2;
REVOKE UPDATE ON priv_t FROM regress_priv_u2;
RESET ROLE;
SELECT relacl FROM pg_class WHERE relname = 'priv_t';
REVOKE GRANT OPTION FOR SELECT ON priv_t FROM regress_priv_u1;
REVOKE GRANT OPTION FOR SELECT ON priv_t FROM regress_priv_u1 CASCADE;
SELECT relacl FROM pg_class WHERE relname = 'priv_t';
REVOKE INSERT ON priv_t FROM regress_priv_u1 CASCADE;
SELECT relacl FROM pg_class WHERE relname = 'priv_t';
REVOKE ALL ON priv_t FROM "regress priv u3";
REVOKE SELECT ON priv_t FROM regress_priv_u2;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'priv_t'::regclass AND attnum > 0 ORDER BY attnum;
SELECT relacl FROM pg_class WHERE relname = 'priv_t';
-- ALL TABLES IN SCHEMA, schemas, databases and types
GRANT SELECT ON ALL TABLES IN SCHEMA priv_s TO regress_priv_u1;
SELECT relname, relacl FROM pg_class WHERE relnamespace = 'priv_s'::regnamespace ORDER BY 1;
GRANT USAGE ON SCHEMA priv_s TO regress_priv_u1;
GRANT CREATE ON SCHEMA priv_s TO regress_priv_u2 WITH GRANT OPTION;
SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'priv_s';
GRANT USAGE ON SCHEMA nosuch TO regress_priv_u1;
GRANT SELECT ON SCHEMA priv_s TO regress_priv_u1;
GRANT USAGE ON DOMAIN priv_dom TO regress_priv_u1;
REVOKE USAGE ON TYPE priv_dom FROM PUBLIC;
SELECT typname, typacl FROM pg_type WHERE typname = 'priv_dom';
-- the privilege functions
SELECT has_table_privilege('regress_priv_u1', 'priv_t', 'SELECT') AS sel,
       has_table_privilege('regress_priv_u1', 'priv_t', 'select, delete') AS sel_del,
       has_table_privilege('regress_priv_u1', 'priv_t', 'INSERT WITH GRANT OPTION') AS ins_go,
       has_table_privilege('regress_priv_u2', 'priv_t'::regclass, 'UPDATE') AS u2_upd,
       has_table_privilege('priv_t', 'TRUNCATE') AS me_trunc;
SELECT has_column_privilege('regress_priv_u2', 'priv_t', 'a', 'SELECT') AS a_sel,
       has_column_privilege('regress_priv_u2', 'priv_t', 'c', 'SELECT') AS c_sel,
       has_column_privilege('regress_priv_u2', 'priv_t', 3::int2, 'UPDATE') AS c_upd,
       has_any_column_privilege('regress_priv_u2', 'priv_t', 'SELECT') AS any_sel,
       has_any_column_privilege('regress_priv_u1', 'priv_t', 'UPDATE') AS u1_any_upd;
SELECT has_sequence_privilege('regress_priv_u1', 'priv_seq', 'USAGE') AS usage,
       has_sequence_privilege('regress_priv_u1', 'priv_seq', 'UPDATE') AS upd,
       has_schema_privilege('regress_priv_u1', 'priv_s', 'USAGE') AS s_usage,
       has_schema_privilege('regress_priv_u1', 'priv_s', 'CREATE') AS s_create,
       has_schema_privilege('regress_priv_u2', 'priv_s', 'CREATE WITH GRANT OPTION') AS s_create_go;
SELECT has_table_privilege('regress_priv_u1', 'priv_t', 'FLY');
SELECT has_sequence_privilege('regress_priv_u1', 'priv_t', 'USAGE');
SELECT has_column_privilege('regress_priv_u1', 'priv_t', 'nosuch', 'SELECT');
SELECT has_table_privilege('nosuch_role', 'priv_t', 'SELECT');
DROP SCHEMA priv_s CASCADE;
DROP VIEW priv_v;
DROP TABLE priv_t;
DROP SEQUENCE priv_seq;
DROP DOMAIN priv_dom;
DROP ROLE regress_priv_u1;
DROP ROLE regress_priv_u2;
DROP ROLE "regress priv u3";
