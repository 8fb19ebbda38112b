-- Schema USAGE on name lookup, DROP ROLE while privileges name the role, ALTER … OWNER TO
-- rewriting ACLs, and CREATE TABLE AS checked like the SELECT it runs.
CREATE ROLE regress_pr_a;
CREATE ROLE regress_pr_b;
CREATE SCHEMA pr_s;
CREATE TABLE pr_s.t (a int);
GRANT SELECT ON pr_s.t TO regress_pr_a;
SET ROLE regress_pr_a;
SELECT * FROM pr_s.t;
SELECT * FROM pr_s.nosuch;
SET search_path = pr_s, public;
SELECT * FROM t;
INSERT INTO pr_s.t VALUES (1);
RESET ROLE;
RESET search_path;
GRANT USAGE ON SCHEMA pr_s TO regress_pr_a;
SET ROLE regress_pr_a;
SELECT * FROM pr_s.t;
CREATE TABLE pr_copy AS SELECT * FROM pr_s.t;
RESET ROLE;
GRANT CREATE ON SCHEMA public TO regress_pr_a;
SET ROLE regress_pr_a;
CREATE TABLE pr_copy AS SELECT * FROM pr_s.t;
RESET ROLE;
-- ALTER … OWNER TO replaces the old owner in the ACL
CREATE TABLE pr_owned (a int);
GRANT SELECT ON pr_owned TO regress_pr_b WITH GRANT OPTION;
GRANT UPDATE (a) ON pr_owned TO regress_pr_b;
SELECT relacl FROM pg_class WHERE relname = 'pr_owned';
ALTER TABLE pr_owned OWNER TO regress_pr_a;
SELECT relacl FROM pg_class WHERE relname = 'pr_owned';
SELECT attacl FROM pg_attribute WHERE attrelid = 'pr_owned'::regclass AND attname = 'a';
ALTER SCHEMA pr_s OWNER TO regress_pr_b;
SELECT nspacl FROM pg_namespace WHERE nspname = 'pr_s';
-- a role named by privileges cannot be dropped
CREATE SEQUENCE pr_seq;
GRANT USAGE ON pr_seq TO regress_pr_b;
DROP ROLE regress_pr_b;
DROP ROLE regress_pr_a;
\dp pr_*
DROP TABLE pr_copy, pr_owned;
DROP SEQUENCE pr_seq;
DROP SCHEMA pr_s CASCADE;
REVOKE CREATE ON SCHEMA public FROM regress_pr_a;
DROP ROLE regress_pr_a;
DROP ROLE regress_pr_b;
