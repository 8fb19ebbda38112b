-- ATTACH PARTITION / DETACH PARTITION, the bound checks of new partitions, and what
-- ALTER TABLE may not do to partitioned tables and partitions.

CREATE TABLE events (kind text, at int, note text) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a', 'b');
CREATE TABLE events_def PARTITION OF events DEFAULT;
-- bound specifications that do not fit the strategy, or overlap
CREATE TABLE bad PARTITION OF events FOR VALUES FROM ('a') TO ('b');
CREATE TABLE bad PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE bad PARTITION OF events FOR VALUES IN ('c', 'b');
CREATE TABLE bad PARTITION OF events DEFAULT;
CREATE TABLE bad PARTITION OF events FOR VALUES IN (at);
CREATE TABLE bad PARTITION OF events FOR VALUES IN ((SELECT 'x'));
CREATE TABLE bad PARTITION OF events FOR VALUES IN (max('x'));
CREATE TABLE bad PARTITION OF events (nosuch NOT NULL) FOR VALUES IN ('z');
CREATE TABLE bad PARTITION OF events (at NOT NULL, at DEFAULT 1) FOR VALUES IN ('z');
CREATE TABLE bad PARTITION OF events_a FOR VALUES IN ('z');
CREATE TABLE bad () INHERITS (events);
CREATE TABLE bad (x int) INHERITS (events_a) PARTITION BY LIST (x);
CREATE TABLE ok_c PARTITION OF events (at NOT NULL) FOR VALUES IN ('c', NULL, 'c');
SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'ok_c';

CREATE TABLE spans (lo int, hi int) PARTITION BY RANGE (lo, hi);
CREATE TABLE spans_1 PARTITION OF spans FOR VALUES FROM (1, MINVALUE) TO (1, MAXVALUE);
CREATE TABLE bad PARTITION OF spans FOR VALUES FROM (1) TO (2);
CREATE TABLE bad PARTITION OF spans FOR VALUES FROM (2, 5) TO (2, 5);
CREATE TABLE bad PARTITION OF spans FOR VALUES FROM (3, 1) TO (2, 9);
CREATE TABLE bad PARTITION OF spans FOR VALUES FROM (MAXVALUE, 1) TO (MAXVALUE, MAXVALUE);
CREATE TABLE bad PARTITION OF spans FOR VALUES FROM (0, 0) TO (1, 5);
CREATE TABLE bad PARTITION OF spans FOR VALUES FROM (NULL, 0) TO (1, 5);
CREATE TABLE bad PARTITION OF spans FOR VALUES FROM ('x', 0) TO (1, 5);
CREATE TABLE spans_2 PARTITION OF spans FOR VALUES FROM (1, MAXVALUE) TO (3, 0);

CREATE TABLE buckets (id bigint) PARTITION BY HASH (id);
CREATE TABLE buckets_0 PARTITION OF buckets FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE bad PARTITION OF buckets FOR VALUES WITH (MODULUS 6, REMAINDER 1);
CREATE TABLE bad PARTITION OF buckets FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE bad PARTITION OF buckets FOR VALUES WITH (MODULUS 0, REMAINDER 0);
CREATE TABLE bad PARTITION OF buckets FOR VALUES WITH (MODULUS 4, REMAINDER 4);
CREATE TABLE bad PARTITION OF buckets DEFAULT;
CREATE TABLE bad PARTITION OF buckets FOR VALUES IN (1);

-- partition keys that cannot be
CREATE TABLE bad (a int, b int) PARTITION BY LIST (a, b);
CREATE TABLE bad (a int) PARTITION BY RANGE (b);
CREATE TABLE bad (a int) PARTITION BY RANGE (ctid);
CREATE TABLE bad (a int) PARTITION BY RANGE ((1));
CREATE TABLE bad (a int) PARTITION BY RANGE ((a + random()::int));
CREATE TABLE bad (a int) PARTITION BY RANGE ((count(a)));
CREATE TABLE bad (a json) PARTITION BY LIST (a);
CREATE TABLE bad (a int) PARTITION BY WEIRD (a);
CREATE TABLE bad (a int CHECK (a > 0) NO INHERIT) PARTITION BY LIST (a);

-- ATTACH: the table must match the parent, and its rows the bound
CREATE TABLE events_x (kind text, at int, note text, extra int);
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN ('x');
ALTER TABLE events_x DROP COLUMN extra;
ALTER TABLE events_x ALTER COLUMN at TYPE bigint;
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN ('x');
ALTER TABLE events_x ALTER COLUMN at TYPE int;
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN ('x');
ALTER TABLE events_x ALTER COLUMN at SET NOT NULL;
INSERT INTO events_x VALUES ('y', 1, 'wrong partition');
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN ('x');
UPDATE events_x SET kind = 'x';
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN ('a');
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN (1, 2);
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN ('x');
ALTER TABLE events ATTACH PARTITION events_x FOR VALUES IN ('x');
INSERT INTO events VALUES ('x', 2, 'routed'), ('q', 3, 'to default');
SELECT tableoid::regclass, * FROM events ORDER BY at;
-- the default partition may not hold rows of a new partition
CREATE TABLE events_q (kind text NOT NULL, at int NOT NULL, note text);
ALTER TABLE events ATTACH PARTITION events_q FOR VALUES IN ('q');
DELETE FROM events_def;
ALTER TABLE events ATTACH PARTITION events_q FOR VALUES IN ('q');
SELECT attname, attislocal, attinhcount FROM pg_attribute WHERE attrelid = 'events_q'::regclass AND attnum > 0 ORDER BY attnum;
ALTER TABLE events ATTACH PARTITION nosuch FOR VALUES IN ('n');
ALTER TABLE events_q ATTACH PARTITION events_a FOR VALUES IN ('n');
ALTER TABLE events_a ATTACH PARTITION events FOR VALUES IN ('n');

-- what ALTER TABLE may not do to partitions and partitioned tables
ALTER TABLE events_q ADD COLUMN more int;
ALTER TABLE ONLY events ADD COLUMN more int;
ALTER TABLE events ADD COLUMN more int;
ALTER TABLE events DROP COLUMN kind;
ALTER TABLE events ALTER COLUMN kind TYPE varchar;
ALTER TABLE events_q DROP COLUMN more;
ALTER TABLE events_q ALTER COLUMN at DROP NOT NULL;
ALTER TABLE events_q NO INHERIT events;
ALTER TABLE events INHERIT events_q;
ALTER TABLE ONLY events ADD CONSTRAINT at_pos CHECK (at > 0);
ALTER TABLE events ADD CONSTRAINT at_pos CHECK (at > 0);
ALTER TABLE events_q DROP CONSTRAINT at_pos;
SELECT conname, conrelid::regclass, conislocal, coninhcount FROM pg_constraint WHERE conname = 'at_pos' ORDER BY 2::text;

-- DETACH: the partition keeps its columns and constraints as its own
ALTER TABLE events DETACH PARTITION events_q;
ALTER TABLE events DETACH PARTITION events_q;
ALTER TABLE events_q DETACH PARTITION events_a;
SELECT attname, attislocal, attinhcount FROM pg_attribute WHERE attrelid = 'events_q'::regclass AND attnum > 0 ORDER BY attnum;
SELECT conname, conislocal, coninhcount FROM pg_constraint WHERE conrelid = 'events_q'::regclass;
INSERT INTO events VALUES ('q', 5, 'now in the default partition');
SELECT tableoid::regclass, * FROM events ORDER BY at;
BEGIN;
ALTER TABLE events DETACH PARTITION events_def;
INSERT INTO events VALUES ('q', 6, 'fails');
ROLLBACK;
SELECT tableoid::regclass, count(*) FROM events GROUP BY 1 ORDER BY 1;
-- DETACH CONCURRENTLY: not in a transaction block, not with a default partition; keeps the bound as a CHECK
BEGIN;
ALTER TABLE spans DETACH PARTITION spans_2 CONCURRENTLY;
ROLLBACK;
CREATE TABLE spans_d PARTITION OF spans DEFAULT;
ALTER TABLE spans DETACH PARTITION spans_2 CONCURRENTLY;
DROP TABLE spans_d;
ALTER TABLE spans DETACH PARTITION spans_2 CONCURRENTLY;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'spans_2'::regclass;
INSERT INTO spans_2 VALUES (5, 5);
DROP TABLE events, events_q, spans, spans_2, buckets;
