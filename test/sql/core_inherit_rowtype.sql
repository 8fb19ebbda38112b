-- A child table's row type converts to an ancestor's (ConvertRowtypeExpr), columns by name
create table base (i integer);
create table derived () inherits (base);
create table more_derived (like derived, b int) inherits (derived);
insert into derived (i) values (0);
insert into more_derived values (5, 6);
select derived::base from derived;
select NULL::derived::base;
select row(i, b)::more_derived::derived::base from more_derived;
select more_derived::base, more_derived::derived, (more_derived::base).i from more_derived;
select (1, 2)::more_derived::derived::base;
-- columns matched by name, not position
create table p2 (f1 text);
create table c2 (f3 int, f1 text) inherits (p2);
insert into c2 values ('x', 7);
select c2::p2 from c2;
-- implicit in function calls
create function basei(base) returns int as 'select $1.i * 10' language sql;
select basei(m.*), basei(d) from more_derived m, derived d;
create function p2text(p2) returns text as 'select $1.f1' language sql;
select p2text(c2.*) from c2;
-- union of regclass and oid resolves to regclass (the first; neither coerces one way only)
select pg_typeof(x) from (select 'a'::varchar as x union all select 'b'::text) s limit 1;
select pg_typeof(x) from (select 'pg_class'::regclass as x union all select 1::oid) s limit 1;
select pg_typeof(x) from (select 1::oid as x union all select 'pg_class'::regclass) s limit 1;
with recursive r as (select 'base'::regclass as c union all select inhrelid from pg_inherits, r where inhparent = r.c) select c from r;
