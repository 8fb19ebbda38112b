-- pg_current_xact_id() and friends, the xid8 type
create table xt (a int);
begin;
select pg_current_xact_id_if_assigned() is null as unassigned;
insert into xt values (1) returning xmin = pg_current_xact_id()::xid as xmin_ok;
select pg_current_xact_id_if_assigned() = pg_current_xact_id() as assigned;
select pg_xact_status(pg_current_xact_id());
select txid_current() = pg_current_xact_id()::text::int8 as same;
update xt set a = 2 returning xmin = pg_current_xact_id()::xid as xmin_ok, xmax = 0 as xmax_zero;
savepoint s1;
update xt set a = 3 returning xmin = pg_current_xact_id()::xid as xmin_is_top;
rollback to s1;
commit;
select '123'::xid8, '123'::xid8 < '124'::xid8, '5'::xid8 = '5'::xid8, pg_typeof('1'::xid8);
select 'abc'::xid8;
select max(x), min(x) from (values ('3'::xid8), ('10'::xid8)) v(x);
select pg_xact_status('99999999999'::xid8);
select 12::xid8;
drop table xt;
