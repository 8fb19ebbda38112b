-- ALTER COLUMN … SET STATISTICS / SET STORAGE and ALTER INDEX … SET STATISTICS
create table st1 (a int, b text, c int[], d numeric);
create index st1_i on st1 (a, (a + 1), b);
create index st1_j on st1 (b) include (c);
create table st2 () inherits (st1);
alter table st1 alter b set storage main;
alter table st1 alter a set storage external;
alter table st1 alter b set storage bogus;
alter table st1 alter a set statistics 50;
alter table st1 alter a set statistics -2;
alter table st1 alter a set statistics 20000;
alter table st1 alter xmin set statistics 5;
alter table st1 alter xmin set storage plain;
alter table st1 alter zz set statistics 5;
alter table st1 alter zz set statistics -5;
alter table st1 alter column 1 set statistics 5;
alter index st1_i alter column 2 set statistics 70;
alter index st1_i alter column b set statistics 70;
alter index st1_i alter column 4 set statistics 7;
alter index st1_j alter column 2 set statistics 5;
alter table only st1 alter c set storage main;
alter table st1 alter d set storage plain, alter d set statistics 0;
select attrelid::regclass, attname, attstattarget, attstorage from pg_attribute
  where attrelid in ('st1'::regclass, 'st2'::regclass, 'st1_i'::regclass, 'st1_j'::regclass) and attnum > 0 order by 1, attnum;
\d+ st1
\d+ st2
\d+ st1_i
create table st3 () inherits (st1);
select attname, attstattarget, attstorage from pg_attribute where attrelid = 'st3'::regclass and attnum > 0 order by attnum;
begin;
alter table st1 alter b set storage plain;
alter table st1 alter b set statistics 3;
rollback;
select attname, attstattarget, attstorage from pg_attribute where attrelid = 'st1'::regclass and attname = 'b';
create view stv as select * from st1;
alter table stv alter a set statistics 5;
alter view stv alter a set storage plain;
create sequence stseq;
alter table stseq alter last_value set statistics 5;
-- column privileges are not inherited by a new child
create role st_reader;
create table sp (a int, b text);
grant select (a) on sp to st_reader;
create table sc () inherits (sp);
select attrelid::regclass, attname, attacl from pg_attribute where attrelid in ('sp'::regclass, 'sc'::regclass) and attnum > 0 order by 1, attnum;
drop table sp cascade;
drop role st_reader;
