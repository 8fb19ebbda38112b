-- COPY FROM STDIN / TO STDOUT through the shell, and server-side files
CREATE TABLE cp (a int, b text, c numeric DEFAULT 1.5);
COPY cp FROM stdin;
1	one	10
2	\N	20
3	tab\there	30
\.
COPY cp (a, b) FROM stdin;
4	four
\.
SELECT * FROM cp ORDER BY a;
COPY cp TO stdout;
COPY cp (b, a) TO stdout WITH (FORMAT csv, HEADER);
COPY (SELECT a, b FROM cp WHERE a > 2 ORDER BY a) TO stdout;
COPY cp FROM stdin WITH (FORMAT csv);
5,"quoted, text",50
6,,60
\.
SELECT * FROM cp WHERE a >= 5 ORDER BY a;
-- errors in the data name the line and column
COPY cp FROM stdin;
7	seven	70
8	eight
\.
COPY cp FROM stdin;
9	nine	90	extra
\.
COPY cp FROM stdin;
x	ten	100
\.
SELECT count(*) FROM cp;
-- errors before the data
COPY cp (z) FROM stdin;
COPY cp (a, a) TO stdout;
COPY nosuch FROM stdin;
CREATE SEQUENCE cp_seq;
COPY cp_seq TO stdout;
COPY cp TO stdout WHERE a > 1;
COPY (INSERT INTO cp VALUES (1)) TO stdout;
-- server-side files
COPY cp TO '/dev/null';
COPY cp FROM '/dev/null';
COPY cp FROM '/nonexistent/cp.data';
COPY cp TO '/nonexistent/cp.data';
COPY cp TO 'relative.data';
COPY cp FROM '/tmp';
-- in a transaction block
BEGIN;
COPY cp FROM stdin;
11	eleven	110
\.
SELECT count(*) FROM cp;
ROLLBACK;
SELECT count(*) FROM cp;
BEGIN READ ONLY;
COPY cp FROM stdin;
COPY cp TO stdout;
ROLLBACK;
BEGIN;
COPY nosuch FROM stdin;
SELECT 1;
ROLLBACK;
-- constraint violations name the line
create table cp1 (a int primary key);
create table cc1 (a int check (a > 0), b int not null, c int unique, d int references cp1);
copy cc1 from stdin;
1	1	1	\N
-1	1	2	\N
\.
copy cc1 from stdin;
1	1	1	\N
2	\N	2	\N
\.
copy cc1 from stdin;
1	1	1	\N
2	2	1	\N
\.
copy cc1 from stdin;
1	1	1	\N
2	2	2	5
\.
