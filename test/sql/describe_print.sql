-- psql's describe commands: pattern rules and errors, and printing with \x, unaligned, tuples only, borders
CREATE TABLE book (id int PRIMARY KEY, title text NOT NULL, isbn varchar(13) UNIQUE);
CREATE TABLE "Odd""Name" (x int);
CREATE SEQUENCE book_seq;
-- patterns: case folding, quoting, wildcards, schema-qualified, too many dots, another database
\d BOOK
\d "BOOK"
\d b?ok
\dt "Odd""Name"
\dt *book*
\dt public.*
\d nodb.public.book
\d a.b.c.d
\dn public.x
\d book;
\d book extra
-- printing: expanded, unaligned, tuples only, a title wider than the table
\x
\d book
\dt
\dn
\x
\pset format unaligned
\d book
\dt
\pset format aligned
\t
\d book
\dt
\t
\pset border 2
\d book
\ds
\pset border 0
\d book_seq
\pset border 1
-- in a failed transaction the catalog queries fail too
BEGIN;
SELECT 1/0;
\d book
ROLLBACK;
\dS book
\d+ "Odd""Name"
