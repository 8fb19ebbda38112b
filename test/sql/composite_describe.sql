-- \d of composite types, COMMENT ON COLUMN of their attributes, and their pg_class entries as regclass
create type test_type as (a int, b text);
\d test_type
\d+ test_type
comment on type test_type is 'tt';
comment on column test_type.a is 'col a';
\d+ test_type
create schema s2; create type s2.test_type as (z int);
set search_path = s2, public;
\d test_type
reset search_path;
\d test_type
\d s2.test_type
select 'test_type'::regclass, col_description('test_type'::regclass, 1), pg_table_is_visible('test_type'::regclass);
set search_path = s2, public;
select 'public.test_type'::regclass, pg_table_is_visible('public.test_type'::regclass);
reset search_path;
create role ct_other;
set role ct_other;
comment on column test_type.a is 'x';
comment on column test_type.zz is 'x';
reset role;
drop role ct_other;
