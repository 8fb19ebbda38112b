-- CREATE TABLE … LIKE with its INCLUDING options, CREATE TABLE … OF, CREATE SCHEMA with elements
create table lsrc (a int primary key, b varchar(10) not null default 'x', c numeric(5,2) check (c > 0), d int unique, e int generated always as identity (start 10), f int[]);
create index on lsrc (b);
create unique index lsrc_bd on lsrc (b, d);
comment on column lsrc.a is 'col a';
alter table lsrc add constraint named_chk check (d > 0);
create table l1 (like lsrc);
select column_name, data_type, is_nullable, column_default from information_schema.columns where table_name = 'l1' order by ordinal_position;
create table l2 (x int, like lsrc including all, y int);
select column_name, is_nullable, column_default, is_identity from information_schema.columns where table_name = 'l2' order by ordinal_position;
select conname, contype, pg_get_constraintdef(oid) from pg_constraint where conrelid = 'l2'::regclass order by conname;
select indexrelid::regclass from pg_index where indrelid = 'l2'::regclass order by 1;
select col_description('l2'::regclass, 2);
insert into l2 (a, c, d) values (1, 1, 1) returning *;
create table l3 (like lsrc including defaults including constraints, check (a > 1));
select conname from pg_constraint where conrelid = 'l3'::regclass order by conname;
create table l4 (like nosuch);
create table l4 (a int, like lsrc);
create sequence lseq;
create table l4 (like lseq);
create table l4 (like lsrc excluding all including indexes);
select indexrelid::regclass from pg_index where indrelid = 'l4'::regclass order by 1;
create table lp (a int, b text);
create table lc (like lp, b text, c int) inherits (lp);
select attname, attinhcount, attislocal from pg_attribute where attrelid = 'lc'::regclass and attnum > 0 order by attnum;
create table tof of int4;
create table tof of nosuch;
CREATE SCHEMA s1
  CREATE TABLE t2 (a int REFERENCES t1)
  CREATE SEQUENCE sq
  CREATE TABLE t1 (a int PRIMARY KEY, b int DEFAULT nextval('sq'))
  CREATE INDEX t1_b ON t1 (b);
SELECT relname, relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 's1' ORDER BY 1;
INSERT INTO s1.t1 (a) VALUES (1);
SELECT * FROM s1.t1;
CREATE SCHEMA s2 CREATE TABLE s1.x (a int);
CREATE SCHEMA s2 CREATE TABLE s2.x (a int) CREATE TABLE y (b int);
SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 's2' ORDER BY 1;
CREATE SCHEMA s3 CREATE TABLE x (a int) CREATE TABLE x (b int);
SELECT count(*) FROM pg_namespace WHERE nspname = 's3';
SHOW search_path;
SELECT pg_catalog.set_config('search_path', ' ', false);
SHOW search_path;
CREATE SCHEMA s4 CREATE TABLE z (a serial, b int UNIQUE);
RESET search_path;
SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 's4' ORDER BY 1;
CREATE SCHEMA AUTHORIZATION postgres;
SELECT nspname FROM pg_namespace WHERE nspname = 'postgres';
