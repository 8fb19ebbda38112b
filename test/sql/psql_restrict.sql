-- psql's \restrict / \unrestrict (what pg_dump writes around a plain dump): in between,
-- no backslash command runs except \unrestrict with the same key; SQL still runs.
\unrestrict abc
\restrict
\restrict abc
select 1 as still_runs;
\echo not shown
\set x 1
\unrestrict wrong
\restrict other
\unrestrict abc
\echo back
\if false
\restrict ignored
\endif
\echo done
