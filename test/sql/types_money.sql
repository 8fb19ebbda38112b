-- money (cash.c) with lc_monetary = C: input, output, range errors, casts,
-- arithmetic, comparisons and ordering, aggregates, cash_words, catalog facts.
select '$1,234.56'::money, '1234.56'::money, '-1'::money, '(12.34)'::money, '12.34-'::money;
select '12.345'::money, '12.355'::money, '-12.345'::money, ' $ 1,234.567 '::money, '$-0.5'::money;
select ''::money, '$'::money, '+3'::money, '1,2,3.4'::money;
select '92233720368547758.07'::money, '-92233720368547758.08'::money;
-- errors
select '92233720368547758.08'::money;
select '-92233720368547758.09'::money;
select '1.2.3'::money;
select 'abc'::money;
select '1e5'::money;
-- casts (all assignment casts: int4, int8, numeric to money; money to numeric)
select 5::money, 5::bigint::money, 5.678::numeric::money, (-5.675)::money, '5.67'::money::numeric;
select money(12), money(12::bigint), money(1.005), "numeric"('7.10'::money);
select 1e18::numeric::money;
select 'nan'::numeric::money;
select 92233720368547758::bigint::money;
select 5.5::float8::money;
select 1::money::int4;
select '1'::money::text, '$2.50'::text::money;
create table money_t (id int, m money);
insert into money_t values (1, 10), (2, 2.5), (3, '-$3.25'), (4, null), (5, '0.01');
insert into money_t values (6, 1.5::float8);
select * from money_t order by m, id;
select * from money_t order by m desc nulls last;
-- arithmetic
select '10'::money + '0.5'::money, '10'::money - '10.5'::money, '10'::money / '3'::money;
select '7'::money * 3, 3 * '7'::money, '7'::money * 2::smallint, 2::bigint * '7'::money;
select '7'::money * 1.5::float4, '7'::money * 1.005, 1.005 * '7'::money;
select '7'::money / 2, '-7.01'::money / 2, '7'::money / 3::float4, '7'::money / 0.5;
select '92233720368547758.07'::money + '0.01'::money;
select '-92233720368547758.08'::money - '0.01'::money;
select '92233720368547758.07'::money * 2;
select '1'::money * 'infinity'::float8;
select '1'::money * 1e308::float8;
select '1'::money / 0;
select '1'::money / 0::float8;
select '1'::money / '0'::money;
select -'1'::money;
select '1'::money + 1;
-- comparisons, ordering, grouping
select '1'::money < '2'::money, '1'::money = '1.00', '1'::money <> '1.01', '2'::money >= '2';
select cash_cmp('1', '2'), cashlarger('1', '2'), cashsmaller('1', '2');
select distinct m from money_t where m is not null order by 1;
select m, count(*) from (values ('1'::money), ('2'), ('1')) v(m) group by m order by m;
select sum(m), min(m), max(m), count(m) from money_t;
-- no hash opclass: grouping and DISTINCT sort
explain (costs off) select distinct m from money_t;
explain (costs off) select m, count(*) from money_t group by m;
select sum(m) from money_t where false;
select avg(m) from money_t;
select array[1::money, null, '2.5'], '{$1.00,"$1,000.00"}'::money[];
select m from money_t where m in ('10', '0.01') order by m;
create index on money_t (m);
select id from money_t where m > '1' order by m;
-- cash_words
select cash_words('1234567.89'), cash_words('-1.01'), cash_words('0');
select cash_words('100'), cash_words('120'), cash_words('115'), cash_words('0.01'), cash_words('92233720368547758.07');
-- partition keys
create table moneyp (a money) partition by list (a);
create table moneyp_10 partition of moneyp for values in (10);
create table moneyp_11 partition of moneyp for values in ('11');
create table moneyp_12 partition of moneyp for values in (to_char(12, '99')::int);
insert into moneyp values (10), ('11'), (12);
select tableoid::regclass, a from moneyp order by a;
drop table moneyp;
-- a recursive UNION needs hashable columns
with recursive t(n) as (values (1::money) union select n + 1::money from t where n < 3::money) select * from t;
with recursive t(n) as (values (1::money) union all select n + 1::money from t where n < 3::money) select * from t;
-- catalog
select oid, typname, typlen, typbyval, typcategory, typarray from pg_type where typname in ('money', '_money') order by oid;
select format_type(790, -1), pg_typeof('1'::money);
\d money_t
drop table money_t;
