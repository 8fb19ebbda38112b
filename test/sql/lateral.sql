-- LATERAL subqueries and functions in FROM reading the items to their left, and
-- CREATE TABLE AS / SELECT INTO.
create table nums (n int, label text);
insert into nums values (1, 'one'), (2, 'two'), (3, 'three');
select * from nums, generate_series(1, n) g order by n, g;
select n, g from nums cross join lateral generate_series(1, n) g where g > 1 order by 1, 2;
select * from (values (2),(3)) v(n), lateral (select n*10 as m) s;
select * from (values (2),(3)) v(n), (select n*10 as m) s;
select * from (values (2),(3)) v(n) left join lateral (select n*10 as m where n > 2) s on true;
select * from lateral (select 1) s;
select n, s.* from nums, lateral (select label || '!' as shout, n * n as sq) s order by n;
select n, x from nums join lateral (select max(g) as x from generate_series(1, n) g) m on m.x > 1 order by n;
select n, j.* from nums, lateral json_each(json_build_object('k', n)) j order by n;
select a.n, b.n from nums a, lateral (select * from nums b where b.n < a.n) b order by 1, 2;
select a.n, (select count(*) from lateral (select a.n) x) from nums a order by 1;
select n, e from nums, unnest(array[n, n + 10]) with ordinality as u(e, i) where i = 2 order by n;
select n, g from nums a full join lateral generate_series(0, a.n) g on true;
select * from nums a right join lateral (select a.n) s on true;
-- outer items by name (ss1.*), references out of reach (UPDATE … FROM / DELETE … USING)
CREATE TABLE TEXT_TBL (f1 text); INSERT INTO TEXT_TBL VALUES ('doh!'), ('hi de ho neighbor'); CREATE TABLE INT8_TBL(q1 int8, q2 int8); INSERT INTO INT8_TBL VALUES ('  123   ','  456'), ('123   ','4567890123456789'), ('4567890123456789','123'), (+4567890123456789,'4567890123456789'), ('+4567890123456789','-4567890123456789');
select * from
  text_tbl t1
  left join int8_tbl i8
  on i8.q2 = 123,
  lateral (select i8.q1, t2.f1 from text_tbl t2 limit 1) as ss1,
  lateral (select ss1.* from text_tbl t3 limit 1) as ss2
where t1.f1 = ss2.f1;

select * from
  text_tbl t1
  left join int8_tbl i8
  on i8.q2 = 123,
  lateral (select i8.q1, t2.f1 from text_tbl t2 limit 1) as ss1,
  lateral (select ss1.* from text_tbl t3 limit 1) as ss2
where t1.f1 = ss2.f1;

select 1 from
  text_tbl as tt1
  inner join text_tbl as tt2 on (tt1.f1 = 'foo')
  left join text_tbl as tt3 on (tt3.f1 = 'foo')
  left join text_tbl as tt4 on (tt3.f1 = tt4.f1),
  lateral (select tt4.f1 as c0 from text_tbl as tt5 limit 1) as ss1
where tt1.f1 = ss1.c0;

select 1 from
  text_tbl as tt1
  inner join text_tbl as tt2 on (tt1.f1 = 'foo')
  left join text_tbl as tt3 on (tt3.f1 = 'foo')
  left join text_tbl as tt4 on (tt3.f1 = tt4.f1),
  lateral (select tt4.f1 as c0 from text_tbl as tt5 limit 1) as ss1
where tt1.f1 = ss1.c0;

--
-- check a case in which a PlaceHolderVar forces join order
--

select ss2.* from
  int4_tbl i41
  left join int8_tbl i8
    join (select i42.f1 as c1, i43.f1 as c2, 42 as c3
          from int4_tbl i42, int4_tbl i43) ss1
    on i8.q1 = ss1.c2
  on i41.f1 = ss1.c1,
  lateral (select i41.*, i8.*, ss1.* from text_tbl limit 1) ss2
where ss1.c2 = 0;

select ss2.* from
  int4_tbl i41
  left join int8_tbl i8
    join (select i42.f1 as c1, i43.f1 as c2, 42 as c3
          from int4_tbl i42, int4_tbl i43) ss1
    on i8.q1 = ss1.c2
  on i41.f1 = ss1.c1,
  lateral (select i41.*, i8.*, ss1.* from text_tbl limit 1) ss2
where ss1.c2 = 0;

--
-- test successful handling of full join underneath left join (bug #14105)
--


create table xx1 as select f1 as x1, -f1 as x2 from (values (1),(2)) v(f1); create table int4_tbl (f1 int); insert into int4_tbl values (1),(2);
select 1 from tenk1 a, lateral (select max(a.unique1) from int4_tbl b) ss;

-- check behavior of LATERAL in UPDATE/DELETE

create temp table xx1 as select f1 as x1, -f1 as x2 from int4_tbl;

-- error, can't do this:
update xx1 set x2 = f1 from (select * from int4_tbl where f1 = x1) ss;
update xx1 set x2 = f1 from (select * from int4_tbl where f1 = xx1.x1) ss;
-- can't do it even with LATERAL:
update xx1 set x2 = f1 from lateral (select * from int4_tbl where f1 = x1) ss;
-- we might in future allow something like this, but for now it's an error:
update xx1 set x2 = f1 from xx1, lateral (select * from int4_tbl where f1 = x1) ss;

-- also errors:
delete from xx1 using (select * from int4_tbl where f1 = x1) ss;
delete from xx1 using (select * from int4_tbl where f1 = xx1.x1) ss;
delete from xx1 using lateral (select * from int4_tbl where f1 = x1) ss;

--
-- test LATERAL reference propagation down a multi-level inheritance hierarchy

-- CREATE TABLE AS and SELECT INTO
create table ctas1 as select 1 as a, 'x' as b, 1.5::numeric(5,2) as c, null as d;
select * from ctas1;
select attname, atttypid::regtype, atttypmod from pg_attribute where attrelid = 'ctas1'::regclass and attnum > 0 order by attnum;
create table ctas1 as select 1;
create table if not exists ctas1 as select 1;
create table ctas2 (x, y) as select 1, 2;
select * from ctas2;
create table ctas3 (x, y, z) as select 1, 2;
create table ctas4 as select n from nums with no data;
select * from ctas4;
select 1 as q, 2 as r into ctas5;
select * from ctas5;
select n into ctas6 from nums where false;
create table ctas7 as select generate_series(1,3) g;
select * from ctas7;
create table ctas8 as values (1, 'a'), (2, 'b');
select * from ctas8;
create table ctas9 (x) as select 1, 2;
select * from ctas9;
create table ctas10 as select 1 as a, 2 as a;
create table ctas11 as select 'abc'::varchar(5) v, 'x'::char(3) c;
select attname, format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'ctas11'::regclass and attnum > 0 order by attnum;
create table ctas13 (a) as select 1 union select 2;
select * from ctas13 order by a;
create table ctas15 as table ctas13;
select count(*) from ctas15;
create table ctas16 as select n, label from nums where n > 1;
insert into ctas16 values (9, 'nine');
select * from ctas16 order by n;
begin;
create table ctas17 as select 1 as x;
rollback;
select * from ctas17;
