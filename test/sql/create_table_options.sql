-- CREATE TABLE … WITH (storage parameters), WITH OIDS, pseudo-type columns
create table r1 (a int) with (autovacuum_enabled);
create table r2 (a int) with (autovacuum_enabled = x);
create table r3 (a int) with (autovacuum_vacuum_scale_factor = 200);
create table r4 (a int) with (fillfactor = x);
create table r5 (a int) with (fillfactor = 50, fillfactor = 60);
create table r6 (a int) with (toast.autovacuum_enabled = off, autovacuum_analyze_scale_factor = 0.5, vacuum_index_cleanup = auto);
select relname, reloptions from pg_class where relname like 'r_' order by 1;
create table r7 (a int) with (vacuum_index_cleanup = maybe);
create table r8 (a int) with (toast.fillfactor = 10);
create table r9 (a int) with (foo.bar = 1);
create table r10 (a int) with (fillfactor = 50.5);
create table r11 (a int) with (oids);
create table r12 (a int) with (oids = true);
create temp table r13 (a int) with (oids = false);
create table r14 (a int) with ("Fillfactor" = 10);
create table r15 (a int) with (fillfactor = 5);
create table u1 (a unknown);
