-- statement_timeout cancels a long-running statement (57014), not only lock waits
CREATE TABLE big AS SELECT g FROM generate_series(1, 10000) g;
SET statement_timeout = '200ms';
SELECT count(*) FROM generate_series(1, 1e8);
SELECT count(*) FROM big a, big b;
\echo :LAST_ERROR_SQLSTATE
BEGIN;
SELECT count(*) FROM big a, big b;
SELECT 1;
ROLLBACK;
RESET statement_timeout;
SELECT count(*) FROM big a, big b WHERE a.g < 3 AND b.g < 5;
DROP TABLE big;
