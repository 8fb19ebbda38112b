-- ALTER TABLE … OF type / NOT OF, and what a typed table refuses
create type of_t as (x int, y text);
create table of_r (x int, y text);
create table of_a (x int, y text);
alter table of_a of of_r;
alter table of_a of int4;
alter table of_a not of;
alter table of_a of of_t;
select reloftype::regtype from pg_class where relname = 'of_a';
\d of_a
drop type of_t;
alter table of_a of of_t, add column z int;
alter table of_a not of;
\d of_a
create view of_v as select 1 as x;
alter table of_v of of_t;
drop table of_a, of_r; drop type of_t;
create type of_t as (x int, y text);
create table of_b of of_t;
alter table of_b add column z int;
alter table of_b drop column y;
alter table of_b alter column y type varchar;
alter table of_b rename column y to yy;
alter table of_b alter y set default 'a';
create table of_c (x int, y text);
alter table of_c add column z int, of of_t;
alter table of_c of of_t, drop column y;
create table of_d (x int, y text) ;
create table of_e () inherits (of_d);
alter table of_d of of_t;
alter table of_e of of_t;
drop table of_b, of_c, of_d cascade; drop type of_t;
CREATE TYPE tt_t0 AS (z inet, x int, y numeric(8,2));
ALTER TYPE tt_t0 DROP ATTRIBUTE z;
CREATE TABLE tt0 (x int NOT NULL, y numeric(8,2));	-- OK
CREATE TABLE tt1 (x int, y bigint);					-- wrong base type
CREATE TABLE tt2 (x int, y numeric(9,2));			-- wrong typmod
CREATE TABLE tt3 (y numeric(8,2), x int);			-- wrong column order
CREATE TABLE tt4 (x int);							-- too few columns
CREATE TABLE tt5 (x int, y numeric(8,2), z int);	-- too few columns
CREATE TABLE tt6 () INHERITS (tt0);					-- can't have a parent
CREATE TABLE tt7 (x int, q text, y numeric(8,2));
ALTER TABLE tt7 DROP q;								-- OK

ALTER TABLE tt0 OF tt_t0;
ALTER TABLE tt1 OF tt_t0;
ALTER TABLE tt2 OF tt_t0;
ALTER TABLE tt3 OF tt_t0;
ALTER TABLE tt4 OF tt_t0;
ALTER TABLE tt5 OF tt_t0;
ALTER TABLE tt6 OF tt_t0;
ALTER TABLE tt7 OF tt_t0;

CREATE TYPE tt_t1 AS (x int, y numeric(8,2));
ALTER TABLE tt7 OF tt_t1;			-- reassign an already-typed table
ALTER TABLE tt7 NOT OF;
\d tt7
