-- EXPLAIN of inheritance trees and ModifyTable: VERBOSE outputs of UPDATE / DELETE,
-- WHERE false, min/max with conditions on later index columns, partitioned-table
-- statistics, a parameterized Append inside a nested loop. Rows must not change.
create table some_tab (a int, b int);
create table some_tab_child () inherits (some_tab);
insert into some_tab_child values (1, 2), (3, 4);
create table plain (a int, b int, c text);
insert into plain values (1, 2, 'x'), (3, 4, 'y');
create table parted_tab (a int, b char) partition by list (a);
create table parted_tab_part1 partition of parted_tab for values in (1);
create table parted_tab_part2 partition of parted_tab for values in (2);
insert into parted_tab values (1, 'a'), (2, 'b');
explain (verbose, costs off) update some_tab set a = a + 1 where false;
explain (verbose, costs off) update some_tab set b = 5, a = a + 1 where false returning b, a;
explain (verbose) update plain set c = 'x', a = b where false returning *;
explain (verbose) delete from plain where false;
explain (verbose) delete from some_tab where false;
explain update parted_tab set a = 2 where false;
explain update parted_tab set b = 'x' where false;
explain (verbose, costs off) update plain set b = a * 2 + b, a = 3 where b = 3 returning a + 1;
explain (verbose, costs off) delete from plain where a = 1;
explain (costs off) update some_tab set a = a + 1 where a = 3;
explain (verbose, costs off) update some_tab set b = a * 2 + b, a = 3 where b = 3;
explain (verbose, costs off) delete from some_tab where a = 3;
explain (verbose, costs off) update parted_tab set a = a + 1 where b = 'x';
explain (verbose, costs off) update parted_tab set b = 'y' where a = 1;
explain (verbose, costs off) delete from parted_tab where b = 'x';
update some_tab set b = a * 2 + b, a = 3 where b = 4 returning *;
update parted_tab set b = 'y' where a = 1 returning *;
select * from some_tab order by a, b;
select * from parted_tab order by a;
-- min / max over an index with a condition on its second column
create table parted_minmax (a int, b varchar(16)) partition by range (a);
create table parted_minmax1 partition of parted_minmax for values from (1) to (10);
create index parted_minmax1i on parted_minmax1 (a, b);
insert into parted_minmax values (1, '12345');
explain (costs off) select min(a), max(a) from parted_minmax where b = '12345';
select min(a), max(a) from parted_minmax where b = '12345';
-- a partitioned table's statistics are its partitions' rows
create table permtest_parent (a int, b text, c text) partition by list (a);
create table permtest_child (b text, c text, a int) partition by list (b);
create table permtest_grandchild (c text, b text, a int);
alter table permtest_child attach partition permtest_grandchild for values in ('a');
alter table permtest_parent attach partition permtest_child for values in (1);
insert into permtest_parent select 1, 'a', left(md5(i::text), 5) from generate_series(0, 100) i;
analyze permtest_parent;
explain select * from permtest_parent p1 inner join permtest_parent p2 on p1.a = p2.a and p1.c ~ 'a1$';
explain select * from permtest_grandchild;
select count(*) from permtest_parent p1 inner join permtest_parent p2 on p1.a = p2.a and p1.c ~ 'a1$';
-- the members of an inheritance tree scanned by index per outer row
create table int4_tbl (f1 int4);
insert into int4_tbl values (0), (123456), (-123456), (2147483647), (-2147483647);
analyze int4_tbl;
create table patest0 (id, x) as select x, x from generate_series(0, 1000) x;
create table patest1 () inherits (patest0);
insert into patest1 select x, x from generate_series(0, 1000) x;
create table patest2 () inherits (patest0);
insert into patest2 select x, x from generate_series(0, 1000) x;
create index patest0i on patest0 (id);
create index patest1i on patest1 (id);
create index patest2i on patest2 (id);
analyze patest0;
analyze patest1;
analyze patest2;
explain (costs off) select * from patest0 join (select f1 from int4_tbl limit 1) ss on id = f1;
select * from patest0 join (select f1 from int4_tbl limit 1) ss on id = f1;
drop index patest2i;
explain (costs off) select * from patest0 join (select f1 from int4_tbl limit 1) ss on id = f1;
select * from patest0 join (select f1 from int4_tbl limit 1) ss on id = f1;
-- an aggregate over the members: each returns the column it reads
explain (verbose, costs off) select min(x - id) from patest0;
select min(x - id) from patest0;
