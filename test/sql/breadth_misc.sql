-- set operations type untyped literals with the column's type
select '3.4'::numeric union select 'foo';
select 1 union all select '2' order by 1;
select 'x' union all select 'y' union all select 1;
select 1.5 union all select null union all select '2';
-- COLLATE: the C collation and its synonyms; others are refused
select 'a' collate "C" < 'b' as t, 'b'::varchar collate "default" > 'a' as t2, 'a' collate pg_catalog."POSIX" as a;
select 'a' collate "no_such_collation";
select 1 collate "C";
-- UPDATE … SET (a, b) = ROW(v.*)
create table ut (a int, b int);
insert into ut values (1, 2), (3, 4);
update ut set (a, b) = row(v.*) from (values (10, 20)) as v(i, j) where ut.a = 1;
select * from ut order by a;
-- identity columns: a non-DEFAULT value is refused before any row is made
create table idt (a int generated always as identity, b text);
insert into idt values (default, 'a');
insert into idt values (default, 'b'), (3, 'c');
insert into idt overriding user value values (default, 'd'), (-4, 'e');
select * from idt order by a;
-- casts of constants are folded before the statement runs
create table st (f1 text, f2 serial, f3 smallserial);
insert into st (f1, f3) values ('bogus', 32768);
select nextval('st_f2_seq');
select case when a > 100 then 32768::int2 else 0 end from idt;
-- typename(x) as a cast
select float8(q) from (values (1::int8), (2)) v(q);
select int4('7'), text(1.5), bool('t');
-- a WITH inside a recursive WITH query is visible to both of its terms
WITH RECURSIVE t(j) AS (
    WITH RECURSIVE s(i) AS (
        VALUES (1)
        UNION ALL
        SELECT i+1 FROM s WHERE i < 10
    )
    SELECT i FROM s
    UNION ALL
    SELECT j+1 FROM t WHERE j < 10
)
SELECT count(*), sum(j) FROM t;
-- t.* names its column t
create view view_a as select 1 as x;
select (select (a.*)::text) from view_a a;
select pg_lsn(23783416::numeric), '12/AB'::pg_lsn - '0/1'::pg_lsn as diff, '0/10'::pg_lsn + 5 as plus;
select pg_lsn(-1::numeric);
