-- psql meta-commands \gexec and \getenv; '…' strings while standard_conforming_strings is off
\getenv nothing RELATA_SURELY_UNSET_VARIABLE
\echo :nothing
SELECT 'CREATE TABLE gx (' || string_agg('c' || i || ' int', ', ') || ')' FROM generate_series(1, 3) i
\gexec
SELECT 'INSERT INTO gx VALUES (' || i || ', ' || i * 2 || ', ' || i * 3 || ')', NULL, 'SELECT count(*) FROM gx' FROM generate_series(1, 2) i
\gexec
SELECT * FROM gx ORDER BY c1;
SHOW standard_conforming_strings;
SET standard_conforming_strings = off;
SELECT 'a\\bcd' AS f1, 'a\\b\'cd' AS f2, 'ab\\\'cd' AS f5, '\\\\' AS f6, 'tab\there' AS f7;
SELECT 'it''s', 'no backslash', E'\\x41';
SET escape_string_warning = off;
SELECT 'a\\bcd' AS f1, 'abc\'def' AS f2;
SELECT U&'d\0061t';
RESET escape_string_warning;
RESET standard_conforming_strings;
SELECT 'a\bcd' AS f1, 'ab\' AS f2;
