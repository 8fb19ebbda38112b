-- aclexplode: one row per privilege of each ACL item.
CREATE ROLE regress_ae;
CREATE TABLE ae_t (a int);
GRANT SELECT, INSERT ON ae_t TO regress_ae WITH GRANT OPTION;
GRANT UPDATE ON ae_t TO PUBLIC;
SELECT pg_get_userbyid(a.grantor) AS grantor, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee, a.privilege_type, a.is_grantable FROM pg_class c, aclexplode(c.relacl) a WHERE c.relname = 'ae_t';
SELECT (aclexplode(relacl)).privilege_type FROM pg_class WHERE relname = 'ae_t';
DROP TABLE ae_t;
DROP ROLE regress_ae;
