-- Row-level security policies as the catalogs and psql show them: pg_policy, \d footers, \dp.
CREATE ROLE regress_pd;
CREATE TABLE pd_t (id int, c int, note text);
CREATE TABLE pd_min (c1 int);
ALTER TABLE pd_t ENABLE ROW LEVEL SECURITY;
\d pd_t
CREATE POLICY seeall ON pd_t AS PERMISSIVE FOR SELECT USING (true);
CREATE POLICY upd ON pd_t FOR UPDATE TO regress_pd, PUBLIC USING (id > 0) WITH CHECK (c % 2 = 0);
CREATE POLICY ins ON pd_t FOR INSERT WITH CHECK (note IS NOT NULL AND note <> 'x');
\d pd_t
\dp pd_t
ALTER TABLE pd_t FORCE ROW LEVEL SECURITY;
\d pd_t
ALTER TABLE pd_t DISABLE ROW LEVEL SECURITY;
\d pd_t
SELECT polname, polcmd, polpermissive, pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid) FROM pg_policy ORDER BY 1;
DROP TABLE pd_t, pd_min;
DROP ROLE regress_pd;
