-- WITH RECURSIVE … SEARCH / CYCLE (rewriteSearchCycle), arrays of records
create table graph (f int, t int, label text);
insert into graph values
  (1, 2, 'arc 1 -> 2'), (1, 3, 'arc 1 -> 3'), (2, 3, 'arc 2 -> 3'),
  (1, 4, 'arc 1 -> 4'), (4, 5, 'arc 4 -> 5'), (5, 1, 'arc 5 -> 1');
-- depth first: the path of (f, t) records sorts in depth-first order
with recursive sg(f, t, label) as (
  select * from graph g where f = 1
  union all
  select g.* from graph g, sg where g.f = sg.t and g.f <> 1
) search depth first by f, t set seq
select f, t, label, seq from sg order by seq;
-- breadth first: (depth, f, t)
with recursive sg(f, t, label) as (
  select * from graph g where f = 1
  union all
  select g.* from graph g, sg where g.f = sg.t and g.f <> 1
) search breadth first by f, t set seq
select f, t, seq from sg order by seq;
with recursive test as (
  select 1 as x
  union all
  select x + 1 from test
) search breadth first by x set y
select * from test limit 4;
-- cycle detection: a row seen before on the path marks the cycle and stops there
with recursive sg(f, t, label) as (
  select * from graph g
  union all
  select g.* from graph g, sg where g.f = sg.t
) cycle f, t set is_cycle using path
select * from sg where is_cycle order by path;
with recursive test as (
  select 0 as x
  union all
  select (x + 1) % 4 from test where not is_cycle
) cycle x set is_cycle to 'Y' default 'N' using path
select * from test;
-- union distinct (records hashed), * in the recursive term leaves the added columns out
with recursive a as (
  select 1 as b
  union
  select * from a
) cycle b set c using p
select * from a;
with recursive sg(f, t) as (
  select f, t from graph where f = 4
  union all
  select g.f, g.t from graph g, sg where g.f = sg.t
) search depth first by f set s
  cycle f set c using p
select * from sg;
-- errors
with recursive sg(f, t, label) as (
  select * from graph union all select g.* from graph g, sg where g.f = sg.t
) search depth first by foo, tar set seq
select * from sg;
with recursive sg(f, t, label) as (
  select * from graph union all select g.* from graph g, sg where g.f = sg.t
) search depth first by f, t set label
select * from sg;
with recursive sg(f, t, label) as (
  select * from graph union all select g.* from graph g, sg where g.f = sg.t
) cycle f, t set is_cycle to true default 55 using path
select * from sg;
with recursive sg(f, t, label) as (
  select * from graph union all select g.* from graph g, sg where g.f = sg.t
) cycle f, t set foo to true default false using foo
select * from sg;
with recursive sg(f, t, label) as (
  select * from graph union all select g.* from graph g, sg where g.f = sg.t
) search depth first by f, t set foo
  cycle f, t set foo to true default false using path
select * from sg;
with x(col) as (select 1) search depth first by col set seq select * from x;
-- printed back
create view v_cycle as
with recursive sg(f, t, label) as (
  select * from graph g union all select g.* from graph g, sg where g.f = sg.t
) cycle f, t set is_cycle to 'Y' default 'N' using path
select f, t, label from sg;
select pg_get_viewdef('v_cycle');
select count(*) from v_cycle;
-- arrays of records
select array[row(1, 'a'), row(2, null)] as recs;
select row(1, 2) = any (array[row(1, 2), row(3, 4)]) as found;
select array[row(1, 2)] || array[row(2, 3)] as cat, array[row(1, 2)] < array[row(1, 3)] as lt;
-- a WITH query inside a correlated subquery is computed for each outer row
select (with cte(foo) as (values (f)) select (select foo from cte)) from (values (1), (2), (3)) v(f);
