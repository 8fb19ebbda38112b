-- PL/pgSQL: %TYPE / ALIAS / records, dynamic SQL, diagnostics, re-raising, ASSERT, triggers
create table acct (id int primary key, owner text not null, balance numeric(10,2) default 0);
insert into acct values (1, 'ann', 100), (2, 'bob', 50);

create function describe_acct(i acct.id%type) returns text language plpgsql stable as $$
declare
  a acct%rowtype;
  who alias for $1;
  bal acct.balance%type;
begin
  select * into a from acct where id = who;
  if not found then
    return 'no account ' || who;
  end if;
  bal := a.balance * 2;
  return a.owner || ' has ' || a.balance || ' (double ' || bal || ')';
end $$;
select describe_acct(1), describe_acct(3);

create function pair_info(out n bigint, out total numeric) language plpgsql as $$
begin
  select count(*), sum(balance) into n, total from acct;
end $$;
select * from pair_info();

create function transfer(src int, dst int, amount numeric) returns text language plpgsql as $$
declare
  rows_moved int;
begin
  update acct set balance = balance - amount where id = src;
  get diagnostics rows_moved = row_count;
  if rows_moved = 0 then
    raise exception 'no source account %', src using errcode = 'no_data_found';
  end if;
  update acct set balance = balance + amount where id = dst;
  if not found then
    raise exception 'no target account %', dst;
  end if;
  return 'moved ' || amount;
exception
  when no_data_found then
    return 'failed: ' || sqlerrm;
end $$;
select transfer(1, 2, 30);
select transfer(9, 2, 30);
select transfer(1, 9, 30);
select * from acct order by id;

-- GET STACKED DIAGNOSTICS and re-raising
create function stacked() returns text language plpgsql as $$
declare
  st text; msg text; det text; hnt text;
begin
  begin
    insert into acct values (1, 'dup');
  exception when unique_violation then
    get stacked diagnostics st = returned_sqlstate, msg = message_text, det = pg_exception_detail;
    return st || ' / ' || msg || ' / ' || det;
  end;
end $$;
select stacked();

create function reraise() returns void language plpgsql as $$
begin
  begin
    perform 1 / 0;
  exception when division_by_zero then
    raise notice 'caught, raising again';
    raise;
  end;
end $$;
select reraise();

create function by_state() returns text language plpgsql as $$
begin
  raise sqlstate '22012' using message = 'custom division';
exception when sqlstate '22012' then
  return 'caught ' || sqlstate || ': ' || sqlerrm;
end $$;
select by_state();

-- dynamic SQL
create function count_where(col text, val text) returns bigint language plpgsql as $$
declare
  c bigint;
  r record;
  total bigint := 0;
begin
  execute format('select count(*) from acct where %I = $1', col) into c using val;
  for r in execute 'select id, balance from acct order by id' loop
    total := total + r.id;
  end loop;
  return c * 100 + total;
end $$;
select count_where('owner', 'ann');

create function ids_above(lim numeric) returns setof int language plpgsql as $$
begin
  return query execute 'select id from acct where balance > $1 order by id' using lim;
end $$;
select * from ids_above(60);

-- ASSERT
create function check_positive(x int) returns int language plpgsql as $$
begin
  assert x > 0, 'x must be positive';
  assert x < 100;
  return x;
end $$;
select check_positive(5);
select check_positive(-1);
select check_positive(500);

-- errors at run time: record not assigned, strict violations, wrong types
create function unassigned() returns int language plpgsql as $$
declare r record;
begin
  return r.id;
end $$;
select unassigned();
create function bad_cast() returns int language plpgsql as $$
declare i int;
begin
  i := 'not a number';
  return i;
end $$;
select bad_cast();
create function null_bound() returns int language plpgsql as $$
begin
  for i in 1..null loop
  end loop;
  return 0;
end $$;
select null_bound();

-- triggers
create table audit (op text, id int, note text);
create function acct_audit() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    insert into audit values (tg_op, old.id, tg_table_name || ' ' || tg_when || ' ' || tg_level);
    return old;
  end if;
  new.owner := upper(new.owner);
  insert into audit values (tg_op, new.id, tg_argv[0]);
  return new;
end $$;
create trigger acct_audit before insert or update or delete on acct
  for each row execute function acct_audit('first arg');
insert into acct values (3, 'cy', 10);
update acct set balance = balance + 1 where id = 3;
delete from acct where id = 3;
select * from audit order by op, id;
create function skip_negative() returns trigger language plpgsql as $$
begin
  if new.balance < 0 then
    raise notice 'skipping %', new.id;
    return null;
  end if;
  return new;
end $$;
create trigger skip_negative before insert on acct for each row execute function skip_negative();
insert into acct values (4, 'dee', -5), (5, 'eve', 5);
select id, owner, balance from acct order by id;
drop function acct_audit();
drop function acct_audit() cascade;
