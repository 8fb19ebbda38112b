-- MERGE (PostgreSQL 15)
CREATE TABLE target (tid int PRIMARY KEY, balance int, note text);
CREATE TABLE source (sid int, delta int);
INSERT INTO target VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c');
INSERT INTO source VALUES (1, 5), (2, -20), (4, 40), (5, 50);
MERGE INTO target t
USING source s ON t.tid = s.sid
WHEN MATCHED AND t.balance + s.delta <= 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET balance = t.balance + s.delta, note = t.note || '+'
WHEN NOT MATCHED AND s.delta > 45 THEN INSERT VALUES (s.sid, s.delta, 'new')
WHEN NOT MATCHED THEN DO NOTHING;
SELECT * FROM target ORDER BY tid;
-- source as a subquery, INSERT with a column list and DEFAULT
MERGE INTO target AS t
USING (SELECT 6 AS id, 60 AS amount) AS src ON t.tid = src.id
WHEN NOT MATCHED THEN INSERT (tid, balance) VALUES (src.id, DEFAULT);
SELECT * FROM target ORDER BY tid;
MERGE INTO target t USING (VALUES (7)) v(id) ON false
WHEN NOT MATCHED THEN INSERT DEFAULT VALUES;
-- a target row matched twice
INSERT INTO source VALUES (1, 1);
MERGE INTO target t USING source s ON t.tid = s.sid
WHEN MATCHED THEN UPDATE SET balance = 0;
-- DO NOTHING does not count
MERGE INTO target t USING source s ON t.tid = s.sid
WHEN MATCHED THEN DO NOTHING;
-- errors
MERGE INTO target t USING source s ON t.tid = s.sid
WHEN MATCHED THEN DELETE
WHEN MATCHED AND s.delta > 0 THEN DELETE;
MERGE INTO target t USING source s ON t.tid = s.sid
WHEN NOT MATCHED THEN INSERT (tid, nosuch) VALUES (1, 2);
MERGE INTO target t USING source s ON t.tid = s.sid
WHEN NOT MATCHED THEN INSERT (tid) VALUES (s.sid, 1);
MERGE INTO target t USING nosuch s ON t.tid = s.sid
WHEN MATCHED THEN DELETE;
CREATE VIEW tv AS SELECT * FROM target;
MERGE INTO tv t USING source s ON t.tid = s.sid
WHEN MATCHED THEN DELETE;
WITH RECURSIVE r AS (SELECT 1 AS a) MERGE INTO target t USING r ON t.tid = r.a WHEN MATCHED THEN DELETE;
-- a CTE as source
WITH src AS (SELECT 2 AS id, 7 AS amount)
MERGE INTO target t USING src ON t.tid = src.id
WHEN MATCHED THEN UPDATE SET balance = src.amount
WHEN NOT MATCHED THEN INSERT VALUES (src.id, src.amount, 'cte');
SELECT * FROM target ORDER BY tid;
-- identity columns
CREATE TABLE idt (a int GENERATED ALWAYS AS IDENTITY, b text);
MERGE INTO idt t USING (SELECT 10 AS x, 'v' AS y) s ON t.a = s.x
WHEN NOT MATCHED THEN INSERT (a, b) VALUES (s.x, s.y);
MERGE INTO idt t USING (SELECT 10 AS x, 'user' AS y) s ON t.a = s.x
WHEN NOT MATCHED THEN INSERT (a, b) OVERRIDING USER VALUE VALUES (s.x, s.y);
MERGE INTO idt t USING (SELECT 30 AS x, 'system' AS y) s ON t.a = s.x
WHEN NOT MATCHED THEN INSERT (a, b) OVERRIDING SYSTEM VALUE VALUES (s.x, s.y);
SELECT * FROM idt ORDER BY a;
-- read-only transaction
BEGIN READ ONLY;
MERGE INTO target t USING source s ON t.tid = s.sid WHEN MATCHED THEN DELETE;
ROLLBACK;
-- prepared MERGE
PREPARE m(int) AS MERGE INTO target t USING (SELECT $1 AS id) s ON t.tid = s.id
WHEN MATCHED THEN UPDATE SET note = 'prepared';
EXECUTE m(6);
SELECT * FROM target WHERE tid = 6;
DROP VIEW tv;
DROP TABLE target, source, idt;
