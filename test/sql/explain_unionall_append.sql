-- UNION ALL read as an append relation (pull_up_simple_union_all / flatten_simple_union_all):
-- ORDER BY as a Merge Append of the arms, min/max from the arms' indexes, WHERE pushed into each arm
create table ua (a int primary key, b int);
create table ub (c int primary key, d int);
insert into ua select g, g % 10 from generate_series(1, 1000) g;
insert into ub select g * 2, g % 7 from generate_series(1, 1000) g;
vacuum analyze ua;
vacuum analyze ub;
set enable_seqscan = off;
set enable_bitmapscan = off;
-- a top-level UNION ALL: each arm delivers the order (an index scan, or a Sort)
explain (costs off) select a, b from ua union all select c, d from ub order by 1;
select a, b from ua union all select c, d from ub order by 1, 2 limit 6;
-- a UNION ALL subquery in FROM
explain (costs off) select x from (select a as x from ua union all select c from ub) s order by x;
select x from (select a as x from ua union all select c from ub) s order by x limit 5;
explain (costs off) select x + 1 from (select a as x from ua union all select c from ub) s order by x;
-- min / max from each arm's index, merged
explain (costs off) select min(x) from (select a as x from ua union all select c from ub) s;
explain (costs off) select max(x) from (select a as x from ua union all select c from ub) s;
select min(x), max(x) from (select a as x from ua union all select c from ub) s;
-- conditions go into every arm
explain (costs off) select x from (select a as x from ua union all select c from ub) s where x < 5;
select x from (select a as x from ua union all select c from ub) s where x < 5 order by x;
-- not simple: the arms' column types differ (the rows are the same)
select x from (select a as x from ua union all select 2.5) s order by x limit 3;
reset enable_seqscan;
reset enable_bitmapscan;
drop table ua, ub;
