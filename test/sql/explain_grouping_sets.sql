-- GROUPING SETS / ROLLUP / CUBE in plans: HashAggregate / MixedAggregate with a Hash Key per set
create table gs (a int, b int, c int);
explain (costs off) select a, b, count(*) from gs group by rollup (a, b);
explain (costs off) select a, b, count(*) from gs group by grouping sets ((a), (b));
explain (costs off) select a, count(*) from gs group by cube (a);
explain (costs off) select a, b, count(*) from gs group by grouping sets ((a, b));
explain (costs off) select a, b, count(*) from gs group by rollup (a, b) order by a;
drop table gs;
