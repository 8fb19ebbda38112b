-- CREATE OR REPLACE, ALTER, DROP, COMMENT and the catalog views of functions
create function f(int) returns int language sql as 'select $1';
create function f(int) returns int language sql as 'select $1';
create or replace function f(int) returns text language sql as 'select $1::text';
create or replace procedure f(int) language sql as 'select $1';
create or replace function f(x int) returns int language sql as 'select $1 + 1';
select f(1);
create or replace function f(y int) returns int language sql as 'select $1 + 1';
create function f(text) returns int language sql immutable strict as 'select length($1)';
select proname, pronargs, prorettype::regtype, proargtypes, provolatile, proisstrict, prokind, proretset, prosrc
  from pg_proc where proname = 'f' order by oid;
select proname, proargnames, proargmodes, pronargdefaults from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace where nspname = 'public' order by proname, oid;
select lanname from pg_language order by oid;

-- DROP with argument lists, unique names, IF EXISTS
drop function f;
drop function if exists f;
drop function f(numeric);
drop function if exists f(numeric);
drop function if exists nosuch;
drop function nosuch;
drop function nosuch(int);
drop procedure f(int);
drop function f(text), f(int);
select count(*) from pg_proc where proname = 'f';

-- procedures and CALL
create table log (msg text);
create procedure note(m text, n int default 1) language sql as $$ insert into log select m || ' ' || g from generate_series(1, n) g $$;
call note('a');
call note('b', 2);
select * from log order by msg;
call nosuchproc(1);
select note('x');
create function fn_not_proc(int) returns int language sql as 'select 1';
call fn_not_proc(1);
drop procedure note;

-- ALTER FUNCTION
create function g(a int, b text default 'x') returns text language sql as 'select b || a';
alter function g(int, text) immutable strict cost 5;
select provolatile, proisstrict, procost from pg_proc where proname = 'g';
alter function g(int, text) rename to g2;
select g2(1);
create schema other;
alter function g2(int, text) set schema other;
select g2(1);
select other.g2(1, 'y');
alter function other.g2(int, text) set search_path = public;
select proconfig from pg_proc where proname = 'g2';
alter function nosuch(int) immutable;
comment on function other.g2(int, text) is 'the g function';
select d.description from pg_description d join pg_proc p on p.oid = d.objoid where p.proname = 'g2';

-- psql's \df
\df
\df other.*

-- dependencies: a function in a schema, a function on a type
create type mood as enum ('sad', 'ok');
create function cheer(mood) returns mood language sql as $$ select 'ok'::mood $$;
drop type mood;
drop schema other;
drop schema other cascade;
drop type mood cascade;
select count(*) from pg_proc where proname in ('g2', 'cheer');

-- DO blocks (PL/pgSQL)
do $$ begin raise notice 'from DO: %', 40 + 2; end $$;
do language plpgsql $$ declare x int := 1; begin x := x * 5; raise notice 'x=%', x; end $$;
do $$ begin perform nosuchfunc(); end $$;
do language sql $$ select 1 $$;

-- what calls a function depends on it: partition keys, CHECK constraints, views
create function plusone(a int) returns int language sql immutable as $$ select a + 1 $$;
create table partitioned (a int, b int) partition by range (a, plusone(b));
create table ck (a int check (plusone(a) > 0));
create view vv as select plusone(1);
drop function plusone(int);
drop function plusone(int) cascade;
\d ck
drop function if exists foo(no_such_type);
drop function if exists foo(no_such_schema.no_such_type);
