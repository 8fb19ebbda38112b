-- Window functions in plans: a WindowAgg per window over a Sort by its keys, and ORDER BY
-- sorted above them (never skipped because a scan below was ordered)
create table wt (a int primary key, b int);
insert into wt select g, (g * 7) % 2000 from generate_series(1, 2000) g;
analyze wt;
explain (costs off) select a, b, row_number() over (order by b) from wt order by a limit 5;
select a, b, row_number() over (order by b) from wt order by a limit 5;
select a, b, row_number() over (order by b) from wt where a < 6 order by a;
select a, b, rank() over (order by b desc) from wt where a between 10 and 14 order by a desc;
create table w (a int, b int);
explain (costs off) select a, row_number() over (partition by b order by a) from w;
explain (costs off) select a, sum(a) over () from w order by a;
explain (costs off) select a, rank() over (order by a), sum(b) over (partition by b order by a desc) from w order by a;
explain (costs off) select b, count(*) over (partition by b) from w order by b;
drop table wt, w;
