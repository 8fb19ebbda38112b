-- EXPLAIN: index ranges, IN lists, ORDER BY through an index (forward and backward),
-- statistics from VACUUM / ANALYZE, and the planner's enable_* settings. Each query also
-- runs, so the plan's rows are checked too.
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 50) g;
INSERT INTO t VALUES (0, 'zero'), (-5, 'neg'), (100, 'hundred');
CREATE INDEX t_v ON t (v);
EXPLAIN (COSTS OFF) SELECT * FROM t ORDER BY id LIMIT 3;
SELECT * FROM t ORDER BY id LIMIT 3;
EXPLAIN (COSTS OFF) SELECT * FROM t ORDER BY id DESC LIMIT 3 OFFSET 2;
SELECT * FROM t ORDER BY id DESC LIMIT 3 OFFSET 2;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id > 45 ORDER BY id;
SELECT * FROM t WHERE id > 45 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id >= 48 AND id < 50 ORDER BY id DESC;
SELECT * FROM t WHERE id >= 48 AND id < 50 ORDER BY id DESC;
EXPLAIN (COSTS OFF) SELECT id FROM t WHERE id IN (3, 1, 2, 2, NULL) ORDER BY id;
SELECT id FROM t WHERE id IN (3, 1, 2, 2, NULL) ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE v = 'v7';
SELECT * FROM t WHERE v = 'v7';
-- after VACUUM ANALYZE the planner knows the table is small and all-visible
VACUUM ANALYZE t;
EXPLAIN SELECT * FROM t;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id = 7;
EXPLAIN (COSTS OFF) SELECT id FROM t WHERE id < 3;
SELECT id FROM t WHERE id < 3 ORDER BY id;
-- enable_* settings steer the choice
SET enable_indexscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id = 7;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id = 7;
SELECT * FROM t WHERE id = 7;
RESET enable_indexscan;
RESET enable_bitmapscan;
CREATE TABLE u (id int PRIMARY KEY, tid int);
INSERT INTO u SELECT g, g % 10 FROM generate_series(1, 20) g;
EXPLAIN (COSTS OFF) SELECT * FROM t JOIN u ON u.tid = t.id;
SELECT count(*) FROM t JOIN u ON u.tid = t.id;
-- constant conditions are decided when planning
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE 1 = 2;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE NULLIF(1, 1) IS NOT NULL;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id = 1 AND true;
