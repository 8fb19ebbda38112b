-- PL/pgSQL: declarations, control structures, loops, RAISE, exceptions, queries
create table t (id int, v text);
insert into t values (1, 'one'), (2, 'two'), (3, 'three');

create function sum_to(n int) returns int language plpgsql as $$
declare
  s int := 0;
begin
  for i in 1..n loop
    s := s + i;
  end loop;
  return s;
end $$;
select sum_to(10), sum_to(0);

create function classify(x int) returns text language plpgsql immutable as $$
begin
  if x < 0 then
    return 'negative';
  elsif x = 0 then
    return 'zero';
  elseif x < 10 then
    return 'small';
  else
    return 'large';
  end if;
end $$;
select x, classify(x) from (values (-5), (0), (3), (42)) v(x);

create function case_test(x int) returns text language plpgsql as $$
begin
  case x
    when 1, 2 then return 'one or two';
    when 3 then return 'three';
    else return 'other';
  end case;
end $$;
select case_test(1), case_test(3), case_test(9);

create function loops() returns text language plpgsql as $$
declare
  i int := 0;
  r text := '';
begin
  loop
    i := i + 1;
    exit when i > 5;
    continue when i = 2;
    r := r || i;
  end loop;
  while i > 0 loop
    i := i - 2;
  end loop;
  for j in reverse 10..1 by 3 loop
    r := r || ',' || j;
  end loop;
  <<outer>>
  for a in 1..3 loop
    for b in 1..3 loop
      exit outer when a * b = 4;
      r := r || ' ' || a || b;
    end loop;
  end loop;
  return r;
end $$;
select loops();

create function rows_text() returns text language plpgsql as $$
declare
  rec record;
  acc text := '';
  n int;
begin
  for rec in select id, v from t order by id loop
    acc := acc || rec.id || '=' || rec.v || ';';
  end loop;
  select count(*) into n from t;
  return acc || ' count ' || n || ' found ' || found;
end $$;
select rows_text();

create function arr_sum(a int[]) returns int language plpgsql as $$
declare s int := 0; x int;
begin
  foreach x in array a loop
    s := s + x;
  end loop;
  return s;
end $$;
select arr_sum(array[1,2,3,4]);

create function setof_t(lim int) returns setof t language plpgsql as $$
declare r t%rowtype;
begin
  for r in select * from t where id <= lim order by id loop
    r.v := upper(r.v);
    return next r;
  end loop;
  return query select id * 10, v from t where id > lim order by id;
end $$;
select * from setof_t(2);

create function out_params(a int, out doubled int, out squared int) language plpgsql as $$
begin
  doubled := a * 2;
  squared := a * a;
end $$;
select * from out_params(5);

create function table_fn(n int) returns table(k int, label text) language plpgsql as $$
begin
  for i in 1..n loop
    k := i; label := 'item ' || i;
    return next;
  end loop;
end $$;
select * from table_fn(3);

-- RAISE levels, formats, USING
create function noisy(x int) returns int language plpgsql as $$
begin
  raise notice 'x is %, twice % and %% literal', x, x * 2;
  raise warning 'careful: %', x;
  if x > 5 then
    raise exception 'x too large: %', x using detail = 'x must be at most 5', hint = 'use a smaller x';
  end if;
  return x;
end $$;
select noisy(2);
select noisy(7);
create function raise_code() returns void language plpgsql as $$
begin
  raise exception using errcode = 'unique_violation', message = 'custom unique';
end $$;
select raise_code();
create function raise_cond() returns void language plpgsql as $$
begin
  raise division_by_zero;
end $$;
select raise_cond();

-- exceptions: handlers, SQLSTATE/SQLERRM, rollback of the block's changes
create function safe_div(a int, b int) returns int language plpgsql as $$
begin
  return a / b;
exception
  when division_by_zero then
    raise notice 'caught: % %', sqlstate, sqlerrm;
    return null;
end $$;
select safe_div(10, 2), safe_div(1, 0);

create function insert_or_fail(i int) returns text language plpgsql as $$
begin
  begin
    insert into t values (i, 'new');
    if i > 100 then
      raise exception 'too big';
    end if;
  exception when others then
    return 'rolled back: ' || sqlerrm;
  end;
  return 'inserted';
end $$;
select insert_or_fail(4);
select insert_or_fail(500);
select id from t order by id;

create function strict_into(want int) returns text language plpgsql as $$
declare v text;
begin
  select t.v into strict v from t where id >= want;
  return v;
exception
  when no_data_found then return 'none';
  when too_many_rows then return 'many';
end $$;
select strict_into(4), strict_into(1), strict_into(99);

-- DML with FOUND and GET DIAGNOSTICS, dynamic SQL
create function touch(pattern text) returns text language plpgsql as $$
declare n int;
begin
  update t set v = v || '!' where v like pattern;
  get diagnostics n = row_count;
  return n || ' rows, found ' || found;
end $$;
select touch('t%'), touch('zzz');

create function dyn_count(tab text, minid int) returns bigint language plpgsql as $$
declare c bigint;
begin
  execute 'select count(*) from ' || quote_ident(tab) || ' where id >= $1' into c using minid;
  return c;
end $$;
select dyn_count('t', 2);

-- errors carry CONTEXT lines
create function inner_fail(x int) returns int language plpgsql as $$
begin
  return 10 / x;
end $$;
create function outer_call(x int) returns int language plpgsql as $$
declare r int;
begin
  r := inner_fail(x);
  return r;
end $$;
select outer_call(0);
create function no_return() returns int language plpgsql as $$ begin end $$;
select no_return();
create function select_no_into() returns void language plpgsql as $$ begin select 1; end $$;
select select_no_into();
create function const_assign() returns int language plpgsql as $$
declare c constant int := 1;
begin
  c := 2;
  return c;
end $$;
select const_assign();
create function bad_body() returns int language plpgsql as $$ begin retur 1; end $$;
create function bad_end() returns int language plpgsql as $$ begin return 1 end $$;

-- procedures
create procedure add_row(i int, s text) language plpgsql as $$
begin
  insert into t values (i, s);
  raise notice 'added %', i;
end $$;
call add_row(10, 'ten');
select * from t where id = 10;
