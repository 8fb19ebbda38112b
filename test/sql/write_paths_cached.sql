-- What the write paths work out once and reuse (an INSERT's plan of defaults and identity
-- rules, compiled defaults and CHECKs, the index a cascade probes) must follow the catalog.
CREATE TABLE t (a int, b text DEFAULT 'first');
PREPARE ins(int) AS INSERT INTO t (a) VALUES ($1) RETURNING a, b;
EXECUTE ins(1);
ALTER TABLE t ALTER COLUMN b SET DEFAULT 'second';
EXECUTE ins(2);
ALTER TABLE t ADD COLUMN c int DEFAULT 7;
EXECUTE ins(3);
ALTER TABLE t ADD CONSTRAINT a_small CHECK (a < 5);
EXECUTE ins(4);
EXECUTE ins(5);
ALTER TABLE t DROP CONSTRAINT a_small;
EXECUTE ins(6);
ALTER TABLE t ALTER COLUMN a SET NOT NULL;
ALTER TABLE t ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY;
EXECUTE ins(7);
INSERT INTO t (b) VALUES ('x'), ('y') RETURNING *;
ALTER TABLE t DROP COLUMN c;
INSERT INTO t (b) VALUES (DEFAULT) RETURNING *;
SELECT * FROM t ORDER BY a, b;
-- a domain's default, until the column has its own
CREATE DOMAIN dd AS int DEFAULT 42;
CREATE TABLE dt (a int, b dd);
INSERT INTO dt (a) VALUES (1) RETURNING *;
ALTER DOMAIN dd SET DEFAULT 43;
INSERT INTO dt (a) VALUES (2) RETURNING *;
ALTER TABLE dt ALTER COLUMN b SET DEFAULT 7;
INSERT INTO dt (a) VALUES (3) RETURNING *;
ALTER TABLE dt ALTER COLUMN b DROP DEFAULT;
INSERT INTO dt (a) VALUES (4), (5) RETURNING *;
-- serial defaults and sequences handed out row by row
CREATE TABLE s (id serial PRIMARY KEY, v text);
INSERT INTO s (v) VALUES ('a'), ('b'), ('c') RETURNING *;
INSERT INTO s (v) SELECT 'g' || i FROM generate_series(1, 3) i RETURNING *;
INSERT INTO s VALUES (4, 'dup');
INSERT INTO s (v) VALUES ('d') RETURNING *;
SELECT last_value, log_cnt, is_called FROM s_id_seq;
-- the index a cascade or a check probes: created, dropped, and in another column order
CREATE TABLE par (a int, b int, UNIQUE (b, a));
CREATE TABLE chi (x int, y int, FOREIGN KEY (x, y) REFERENCES par (a, b) ON DELETE CASCADE);
INSERT INTO par VALUES (1, 10), (2, 20), (3, 30);
INSERT INTO chi VALUES (1, 10), (1, 10), (2, 20), (3, 30);
INSERT INTO chi VALUES (1, 20);
INSERT INTO chi VALUES (NULL, 20), (9, NULL);
DELETE FROM par WHERE a = 1;
CREATE INDEX chi_xy ON chi (x, y);
DELETE FROM par WHERE a = 2;
DROP INDEX chi_xy;
CREATE INDEX chi_yx ON chi (y, x);
DELETE FROM par WHERE a = 3 RETURNING *;
SELECT * FROM chi ORDER BY x, y;
-- an integer column referencing a numeric key
CREATE TABLE np (n numeric PRIMARY KEY);
CREATE TABLE nc (i int REFERENCES np ON DELETE CASCADE);
INSERT INTO np VALUES (1), (1.5), (2.0);
INSERT INTO nc VALUES (1), (2);
INSERT INTO nc VALUES (3);
DELETE FROM np WHERE n = 1.5;
DELETE FROM np WHERE n = 2 RETURNING *;
SELECT * FROM nc;
-- RETURNING of rows routed to partitions, and a failing row of a multi-row VALUES
CREATE TABLE p (id int, v text DEFAULT 'dv', n serial) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (10) TO (20);
INSERT INTO p (id) VALUES (1), (15), (3) RETURNING *, tableoid::regclass;
INSERT INTO p VALUES (2, DEFAULT), (12, 'x') RETURNING id, v, n;
INSERT INTO p (id) VALUES (4), (40);
ALTER TABLE p1 ALTER COLUMN v SET DEFAULT 'leaf';
INSERT INTO p1 (id) VALUES (5) RETURNING *;
INSERT INTO p (id) VALUES (6) RETURNING *;
-- cascades meet the child's row triggers
CREATE TABLE pp (id int PRIMARY KEY);
CREATE TABLE cc (id int REFERENCES pp ON DELETE CASCADE, c int);
CREATE TABLE log (msg text);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO log VALUES (TG_OP || ' ' || TG_WHEN || ' ' || TG_TABLE_NAME || ' ' || OLD.id || '/' || OLD.c);
  IF TG_WHEN = 'BEFORE' AND OLD.c = 2 THEN RETURN NULL; END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER b BEFORE DELETE ON cc FOR EACH ROW EXECUTE FUNCTION trg();
CREATE TRIGGER a AFTER DELETE ON cc FOR EACH ROW EXECUTE FUNCTION trg();
INSERT INTO pp VALUES (1), (2);
INSERT INTO cc VALUES (1, 1), (1, 2), (1, 3), (2, 4);
DELETE FROM pp WHERE id = 1;
SELECT * FROM log ORDER BY msg;
SELECT * FROM cc ORDER BY c;
DELETE FROM pp WHERE id = 2 RETURNING *;
SELECT count(*) FROM log;
