-- LANGUAGE sql functions: parameters by number and name, DEFAULTs, named arguments,
-- SETOF / TABLE / OUT parameters, composite results, overloading, volatility and snapshots
create table items (id int primary key, name text, price numeric(8,2));
insert into items values (1, 'apple', 1.50), (2, 'pear', 2.25), (3, 'plum', 0.75);

create function add_one(int) returns int language sql as 'select $1 + 1';
select add_one(1), add_one(add_one(40));
select add_one(null);

create function mul(a int, b int default 10) returns int language sql immutable as $$ select a * b $$;
select mul(2), mul(2, 3), mul(b => 5, a => 1), mul(7, b => 2);
select mul(b => 1);

-- overloading by argument types
create function describe_it(int) returns text language sql as $$ select 'int ' || $1 $$;
create function describe_it(text) returns text language sql as $$ select 'text ' || $1 $$;
select describe_it(1), describe_it('x'), describe_it(1.5::int);

create function series(n int) returns setof int language sql as 'select generate_series(1, n)';
select * from series(3);
select series(2);
select * from series(null);

create function priced(lim numeric) returns table(id int, name text) language sql stable as $$
  select id, name from items where price <= lim order by id
$$;
select * from priced(2);
select p.name from priced(10) p where p.id > 1;

create function minmax(out lo numeric, out hi numeric) language sql as $$ select min(price), max(price) from items $$;
select * from minmax();
select minmax();

create function item_row(int) returns items language sql as $$ select * from items where id = $1 $$;
select * from item_row(2);
select (item_row(3)).name;

create function total() returns numeric language sql stable as 'select sum(price) from items';
select total();

-- several statements: the last one gives the result
create function bump(int) returns int language sql as $$
  update items set price = price + 1 where id = $1;
  select price::int from items where id = $1;
$$;
select bump(1);
select * from items order by id;

-- STABLE functions see the calling statement's snapshot; VOLATILE ones see its changes
create function max_price_stable() returns numeric language sql stable as 'select max(price) from items';
create function max_price_volatile() returns numeric language sql volatile as 'select max(price) from items';
begin;
update items set price = max_price_stable() + 10;
select id, price from items order by id;
rollback;
begin;
update items set price = max_price_volatile() + 10;
select id, price from items order by id;
rollback;

-- RETURN expression and BEGIN ATOMIC bodies
create function double_it(x int) returns int language sql return x * 2;
select double_it(21);
create function atomic_names() returns setof text language sql begin atomic select name from items order by id; end;
select * from atomic_names();

-- void functions
create function noop(int) returns void language sql as 'select 1';
select noop(1);

-- errors
select add_one('x');
select add_one(1, 2);
select nosuch(1);
select public.add_one(1, 2);
select nosuchschema.add_one(1);
create function bad_ret(int) returns int language sql as 'select ''x''';
create function bad_cols() returns int language sql as 'select 1, 2';
create function bad_col(int) returns int language sql as 'select nosuchcol';
create function bad_syntax(int) returns int language sql as 'selec 1';
create function bad_default(a int default 1, b int) returns int language sql as 'select 1';
create function bad_out(a int, out b int) returns text language sql as 'select 1';
create function bad_lang() returns int language nosuchlang as 'select 1';
select describe_it(1.5);

-- polymorphic, VARIADIC, INOUT; bodies not checked with check_function_bodies off
create function poly(anyelement) returns anyelement language sql as 'select $1';
select poly(1), poly('a'::text), poly(2.5);
create function first_of(anyarray) returns anyelement language sql as 'select $1[1]';
select first_of(array[3, 4]), first_of(array['x', 'y']);
create function vcount(variadic a int[]) returns int language sql as 'select array_length(a, 1)';
select vcount(1, 2, 3), vcount(variadic array[1, 2]);
create function rec_out(a int, out b int, inout c text) language sql as 'select a * 2, c || c';
select * from rec_out(2, 'x');
select rec_out(3, 'y');
select (rec_out(3, 'y')).c;
set check_function_bodies = false;
create function later() returns int language sql as 'select a from not_yet';
reset check_function_bodies;
select later();
create table not_yet (a int);
insert into not_yet values (7);
select later();
