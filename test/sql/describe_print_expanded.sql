-- psql's describe commands with \x, unaligned output and \pset footer off: sequences keep their footer, lists their title
CREATE TABLE t (id serial PRIMARY KEY);
CREATE SEQUENCE s;
\x
\d t_id_seq
\d s
\dn nomatch
\ds
\pset format unaligned
\d t_id_seq
\d s
\ds
\x
\pset footer off
\ds
\d t_id_seq
\pset format aligned
\ds
\d t_id_seq
\dn nomatch
