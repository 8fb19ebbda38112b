-- Statistical aggregates: variance/stddev, covariance, correlation, regr_*, bit_and/bit_or/bit_xor; ordered-set
-- (percentile_cont/disc, mode) and hypothetical-set (rank, dense_rank, percent_rank, cume_dist) aggregates WITHIN GROUP.
create table agt (a int2, b float4, c numeric, d int8, e float8);
insert into agt values (56, 7.8, 7.8, 100, 0.5), (100, 99.097, 99.097, -5, 1.5), (0, 0.09561, 0.09561, 7, 2.5), (42, 324.78, 324.78, 123456789012, null);
select var_pop(a), var_samp(a), variance(a), stddev_pop(a), stddev_samp(a), stddev(a) from agt;
select var_pop(b), var_samp(b), stddev_pop(b), stddev_samp(b) from agt;
select var_pop(c), var_samp(c), stddev_pop(c), stddev_samp(c) from agt;
select var_pop(d), var_samp(d), stddev(d) from agt;
select var_pop(e), var_samp(e), stddev(e) from agt;
select var_pop(1.0::float8), var_samp(1.0::float8);
select stddev_pop(3.0::float8), stddev_samp(4.0::float8);
select var_pop(1.0::numeric), var_samp(2.0::numeric);
select stddev_pop(3.0::numeric), stddev_samp(4.0::numeric);
select var_pop('inf'::float8), var_samp('inf'::float8);
select var_pop('nan'::numeric), var_samp('nan'::numeric);
select var_pop(x::numeric) from (values (1),(2),(3),(4)) t(x);
select var_samp(x::numeric), stddev_samp(x::numeric) from (values (1),(2),(3),(4)) t(x);
select regr_count(b, a), regr_sxx(b, a), regr_syy(b, a), regr_sxy(b, a), regr_avgx(b, a), regr_avgy(b, a) from agt;
select regr_r2(b, a), regr_slope(b, a), regr_intercept(b, a), covar_pop(b, a), covar_samp(b, a), corr(b, a) from agt;
select covar_pop(1::float8, 2::float8), covar_samp(3::float8, 4::float8);
select corr(e, a) from agt;
select bit_and(a), bit_or(a), bit_xor(a), bit_and(d), bit_or(d) from agt;
select bit_and(x), bit_or(x) from (values (1),(3),(7)) v(x);
select var_pop('x'::text);
select regr_sxx(1, 'a'::text);
select variance(a) from agt where false;
select stddev(x) from (values (1.5),(2.5)) v(x);
select p, percentile_cont(p) within group (order by x::float8)
from generate_series(1,5) x,
     (values (0::float8),(0.1),(0.25),(0.4),(0.5),(0.6),(0.75),(0.9),(1)) v(p)
group by p order by p;
select p, sum() within group (order by x::float8)
from generate_series(1,5) x,
     (values (0::float8),(0.1),(0.25),(0.4),(0.5),(0.6),(0.75),(0.9),(1)) v(p)
group by p order by p;
select p, percentile_cont(p,p)
from generate_series(1,5) x,
     (values (0::float8),(0.1),(0.25),(0.4),(0.5),(0.6),(0.75),(0.9),(1)) v(p)
group by p order by p;
select percentile_cont(0.5) within group (order by x) from generate_series(0,999) x;
select percentile_disc(0.5) within group (order by x) from generate_series(0,999) x;
select rank(3) within group (order by x) from (values (1),(1),(2),(2),(3),(3),(4)) v(x);
select cume_dist(3) within group (order by x) from (values (1),(1),(2),(2),(3),(3),(4)) v(x);
select percent_rank(3) within group (order by x) from (values (1),(1),(2),(2),(3),(3),(4),(5)) v(x);
select dense_rank(3) within group (order by x) from (values (1),(1),(2),(2),(3),(3),(4)) v(x);
select percentile_disc(array[0,0.1,0.25,0.5,0.75,0.9,1]) within group (order by x) from generate_series(0,999) x;
select percentile_cont(array[0,0.25,0.5,0.75,1]) within group (order by x) from generate_series(0,999) x;
select percentile_disc(array[[null,1,0.5],[0.75,0.25,null]]) within group (order by x) from generate_series(0,999) x;
select percentile_cont(array[0,1,0.25,0.75,0.5,1,0.3,0.32,0.35,0.38,0.4]) within group (order by x) from generate_series(1,6) x;
select x % 3 as g, mode() within group (order by x % 2) from generate_series(1,10) x group by 1 order by 1;
select percentile_disc(array[0.25,0.5,0.75]) within group (order by x)
from unnest('{fred,jim,fred,jack,jill,fred,jill,jim,jim,sheila,jim,sheila}'::text[]) u(x);
select rank(x) within group (order by x) from generate_series(1,5) x;
select rank(sum(x)) within group (order by x) from generate_series(1,5) x;
select rank(3) within group (order by x) from (values ('fred'),('jim')) v(x);
select rank(3) within group (order by x, x) from generate_series(1,5) x;
select rank('fred') within group (order by x) from generate_series(1,5) x;
select rank('adam'::varchar) within group (order by x) from (values ('fred'),('jim')) v(x);
select rank('3') within group (order by x) from generate_series(1,5) x;
select percent_rank(0) within group (order by x) from generate_series(1,0) x;
select rank(3) from generate_series(1,2) x;
select mode() from generate_series(1,2) x;
select percentile_cont(0.5) within group (order by x::text) from generate_series(1,2) x;
select percentile_disc(0.5) within group (order by x) from generate_series(1,4) x where false;
select percentile_cont(1.5) within group (order by x) from generate_series(1,4) x;
select percentile_cont(array[0.5,null]) within group (order by x) from generate_series(1,4) x;
select percentile_cont(null) within group (order by x) from generate_series(1,4) x;
select percentile_cont(0.25) within group (order by x * interval '1 hour') from generate_series(1,4) x;
select rank(5, 3) within group (order by x desc, y) from (values (1, 1), (5, 2), (5, 4), (7, 0)) v(x, y);
select x, percentile_disc(0.5) within group (order by y) filter (where y > 1) from (values (1, 1), (1, 2), (1, 3), (2, 5)) v(x, y) group by x order by x;
create table ot (ten int, thousand int, hundred int, string4 name);
create view aggordview1 as
select ten,
       percentile_disc(0.5) within group (order by thousand) as p50,
       percentile_disc(0.5) within group (order by thousand) filter (where hundred=1) as px,
       rank(5,'AZZZZ',50) within group (order by hundred, string4 desc, hundred)
  from ot
 group by ten order by ten;
select pg_get_viewdef('aggordview1');
select string_agg(distinct a, ',' order by b) from (values ('x', 1)) v(a, b);
select string_agg(distinct a, ',' order by a) from (values ('x', 1), ('y', 2), ('x', 3)) v(a, b);
select array_agg(distinct a order by a desc) from (values (1),(2),(1)) v(a);
select array_agg(distinct a order by a + 1) from (values (1),(2),(1)) v(a);
