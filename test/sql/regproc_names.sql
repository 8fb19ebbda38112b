-- regproc and regprocedure read and print function names along the search path (regproc.c).
create schema s1;
create function s1.f(int) returns int language sql as 'select 1';
create function public.g(int, text) returns int language sql as 'select 1';
create function public.g(numeric) returns int language sql as 'select 1';
SELECT 'now'::regproc, 'abs(int4)'::regprocedure, 'abs'::regproc::oid = 0;
SELECT 'abs(integer)'::regprocedure, 'pg_catalog.abs(int4)'::regprocedure, 'g(int,text)'::regprocedure, 'g(numeric(10,2))'::regprocedure;
SELECT 's1.f'::regproc, 's1.f(int)'::regprocedure, 'g(int4, text)'::regprocedure::oid > 0;
SELECT 'g'::regproc;
SELECT 'nosuch(int)'::regprocedure;
SELECT 'abs(text)'::regprocedure;
SELECT 'abs(int4'::regprocedure;
SELECT 's1.nosuch'::regproc;
SELECT 'nos.f'::regproc;
SELECT 0::regproc, 0::regprocedure, '-'::regproc, 99999999::regproc, 99999999::regprocedure;
SELECT 'pi'::regproc, 'now'::regproc::regprocedure, 'now'::regproc::oid::regprocedure;
set search_path = s1;
SELECT 's1.f'::regproc, 's1.f(int)'::regprocedure;
SELECT 'public.g(numeric)'::regprocedure;
