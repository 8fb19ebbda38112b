-- EXECUTE on user-defined functions: proacl, GRANT / REVOKE, enforcement, has_function_privilege.
CREATE ROLE regress_fx;
CREATE FUNCTION fx_add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';
SELECT proacl FROM pg_proc WHERE proname = 'fx_add';
REVOKE EXECUTE ON FUNCTION fx_add(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fx_add TO regress_fx WITH GRANT OPTION;
SELECT proacl FROM pg_proc WHERE proname = 'fx_add';
SET ROLE regress_fx;
SELECT fx_add(1, 2);
RESET ROLE;
REVOKE ALL ON FUNCTION fx_add(int, int) FROM regress_fx;
SET ROLE regress_fx;
SELECT fx_add(1, 2);
SELECT has_function_privilege('fx_add(int, int)', 'EXECUTE');
RESET ROLE;
\df fx_add
DROP FUNCTION fx_add(int, int);
DROP ROLE regress_fx;
