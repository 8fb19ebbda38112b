-- A statement whose WITH queries write the same table as it does (or as each other) fires each
-- table's statement triggers of an event once: BEFORE at the first write, AFTER after the last,
-- with transition tables holding every write's rows.
create table tt(a int);
create function tf() returns trigger language plpgsql as $$ begin raise notice '% % % on %', tg_when, tg_level, tg_op, tg_table_name; return null; end $$;
create trigger bs before insert or update or delete on tt for each statement execute function tf();
create trigger as_ after insert or update or delete on tt for each statement execute function tf();
with w as (insert into tt values (1) returning a) insert into tt select a + 1 from w;
with w as (insert into tt values (5) returning a) select * from w;
with w1 as (insert into tt values (7)), w2 as (insert into tt values (8)) select 1;
with w1 as (update tt set a = a + 1 where a = 7), w2 as (update tt set a = a + 1 where a = 8) select 1;
select * from tt order by a;
drop trigger bs on tt;
drop trigger as_ on tt;
create function nf() returns trigger language plpgsql as $$ begin raise notice '% % on % (%)', tg_when, tg_op, tg_table_name, (select string_agg(a::text, ',' order by a) from nt); return null; end $$;
create trigger an after insert on tt referencing new table as nt for each statement execute function nf();
with w as (insert into tt values (10) returning a) insert into tt select a + 1 from w;
with w1 as (insert into tt values (20)), w2 as (insert into tt values (21), (22)) select 1;
-- a statement run by a trigger is a statement of its own: its triggers fire for it
create table log(msg text);
create function lf() returns trigger language plpgsql as $$ begin raise notice 'log % %', tg_when, tg_op; return null; end $$;
create trigger lb before insert on log for each statement execute function lf();
create function tf2() returns trigger language plpgsql as $$ begin insert into log values ('x'); return null; end $$;
create trigger ins_log after insert on tt for each statement execute function tf2();
with w as (insert into log values ('cte')) insert into tt values (3);
select count(*) from log;
