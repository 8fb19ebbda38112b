-- arrays of composite types: row types of CREATE TYPE … AS (…) and of tables.
create type cpair as (a int, b text);
select array[row(1, 'a')::cpair, row(2, 'b c')::cpair];
select '{"(1,a)","(2,\"b c\")",NULL,"(,)"}'::cpair[];
select ('{"(1,a)","(2,b)"}'::cpair[])[2], ('{"(1,a)","(2,b)"}'::cpair[])[2].b;
select '{{"(1,a)"},{"(2,b)"}}'::cpair[], array_dims('{{"(1,a)"},{"(2,b)"}}'::cpair[]);
select array[row(1, 'x')::cpair, null];
select '{"(1,a"}'::cpair[];
select pg_typeof(array[row(1, 'a')::cpair]), '{}'::cpair[];
create table ca (id int, c cpair, cs cpair[]);
insert into ca values (1, '(1,x)', '{"(1,x)","(2,y)",NULL,"(,)"}');
insert into ca values (2, row(3, 'z'), array[row(4, 'w')::cpair]);
insert into ca values (3, null, '{}');
select * from ca order by id;
select id, cs[1].a, cs[2], array_length(cs, 1) from ca order by id;
select array_agg(c order by id) from ca;
select array_agg(row(id, c) order by id) from ca;
select * from unnest('{"(1,a)","(2,b)"}'::cpair[]);
select * from unnest('{"(1,a)","(2,b)"}'::cpair[]) with ordinality as u(x, y, n);
select id, (unnest(cs)).* from ca order by id;
select array_append(cs, row(9, 'n')::cpair) from ca order by id;
select cs = cs, cs < array[row(5, 'a')::cpair] from ca order by id;
select distinct cs from ca order by cs;
update ca set cs[1] = row(7, 'q') where id = 2;
update ca set cs[2].b = 'changed' where id = 1;
select id, cs from ca order by id;
-- row types of tables
select array_agg(ca order by id) from ca;
select (array_agg(ca order by id))[1].c from ca;
select pg_typeof(array_agg(ca)) from ca;
create table ca_hist (snap ca[]);
insert into ca_hist select array_agg(ca order by id) from ca;
select snap[2].cs[1].b, array_length(snap, 1) from ca_hist;
select '{"(1,\"(1,x)\",{})"}'::ca[];
-- nested composites
create type cnest as (p cpair, tag text);
select array[row(row(1, 'a')::cpair, 't')::cnest];
select (('{"(\"(1,a)\",t)"}'::cnest[])[1]).p.b;
-- insert through indirection into composite-array columns
create type ctest as (if1 int, if2 text[]);
create table cins (f4 ctest[]);
insert into cins (f4[1].if2[1], f4[1].if2[2]) values ('foo', 'bar');
insert into cins (f4[1].if1, f4[1].if2[1]) values (1, 'fool');
update cins set f4[1].if2[3] = 'baz' where f4[1].if1 = 1;
select * from cins;
-- composite elements from functions, subqueries and operators
create function cmk(int) returns cpair language sql as $$ select row($1, 'f')::cpair $$;
select array[cmk(1), cmk(2)], array_agg(cmk(i)) from generate_series(1, 2) i;
select array_append('{}'::cpair[], (select c from ca where id = 2)), '{}'::cpair[] || cmk(3), cmk(3) || '{"(4,d)"}'::cpair[];
select array_to_string(array_agg(c order by id), ';'), cardinality(array_agg(c)) from ca;
select id, c = any(array[row(1, 'x')::cpair]), c = all('{"(1,x)"}'::cpair[]) from ca order by id;
select array_position(array_agg(c order by id), '(3,z)'::cpair), array_remove(array_agg(c order by id), '(1,x)'::cpair) from ca;
select json_agg(c order by id), to_json(array_agg(c order by id)) from ca;
select row_to_json(row(array[row(1, 'a')::cpair]));
copy (select cs from ca order by id) to stdout;
create table ccopy (cs cpair[]);
copy ccopy from stdin;
{"(7,\\"x y\\")",NULL}
\.
select cs, cs[1].b from ccopy;
do $$
declare arr cpair[] := array[row(1, 'z')::cpair];
begin
  arr := arr || row(2, 'y')::cpair;
  raise notice '% %', arr, arr[2].b;
end $$;
-- a composite type cannot contain itself
create table crec (f1 int);
alter table crec add column f2 crec[];
create domain crec_arr as crec[];
alter table crec add column f2 crec_arr;
drop domain crec_arr;
drop table crec;
\d ca
drop table cins, ca_hist, ccopy, ca;
drop function cmk(int);
drop type ctest;
drop type cnest;
drop type cpair;
