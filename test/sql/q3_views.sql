-- Issue 3: views — CREATE [OR REPLACE] VIEW, views on views, simple updatable views
-- (INSERT / UPDATE / DELETE through them, WITH CHECK OPTION), and dependency tracking with DROP … CASCADE.
CREATE TABLE acct (id int PRIMARY KEY, owner text NOT NULL, balance numeric(10,2) DEFAULT 0, closed boolean DEFAULT false);
INSERT INTO acct VALUES (1, 'ann', 100), (2, 'bob', 0), (3, 'cid', 250.5), (4, 'dee', -20);
CREATE VIEW open_acct AS SELECT id, owner, balance FROM acct WHERE NOT closed;
CREATE VIEW rich AS SELECT id, owner AS who, balance FROM open_acct WHERE balance > 50;
SELECT * FROM rich ORDER BY id;
-- CREATE OR REPLACE may add columns at the end, not drop or rename or retype them
CREATE OR REPLACE VIEW open_acct AS SELECT id, owner, balance, balance * 2 AS dbl FROM acct WHERE NOT closed;
SELECT * FROM open_acct ORDER BY id;
CREATE OR REPLACE VIEW open_acct AS SELECT id, owner FROM acct;
CREATE OR REPLACE VIEW open_acct AS SELECT id, owner AS name, balance, balance * 2 AS dbl FROM acct;
CREATE OR REPLACE VIEW open_acct AS SELECT id, owner, balance::int, balance * 2 AS dbl FROM acct;
-- updatable: INSERT / UPDATE / DELETE go to the base table, defaults apply, RETURNING shows the view's columns
INSERT INTO open_acct (id, owner) VALUES (5, 'eve') RETURNING *;
UPDATE open_acct SET balance = balance + 10 WHERE owner IN ('bob', 'eve') RETURNING id, balance, dbl;
DELETE FROM open_acct WHERE balance < 0 RETURNING owner;
INSERT INTO rich (id, who, balance) VALUES (6, 'fay', 75);
UPDATE rich SET who = upper(who) WHERE id = 6;
SELECT * FROM acct ORDER BY id;
-- rows the view does not show are not touched; without CHECK OPTION rows may leave the view
UPDATE acct SET closed = true WHERE id = 3;
UPDATE open_acct SET balance = 0 WHERE id = 3;
UPDATE rich SET balance = 1 WHERE id = 1;
SELECT id, balance, closed FROM acct ORDER BY id;
-- non-updatable views and columns
CREATE VIEW totals AS SELECT owner, sum(balance) AS s FROM acct GROUP BY owner;
INSERT INTO totals VALUES ('x', 1);
UPDATE open_acct SET dbl = 1;
CREATE VIEW consts AS SELECT id, 'k' AS k FROM acct;
INSERT INTO consts (id) VALUES (9);
INSERT INTO consts (id, k) VALUES (10, 'z');
SELECT table_name, is_updatable, is_insertable_into FROM information_schema.views WHERE table_name IN ('open_acct', 'rich', 'totals', 'consts') ORDER BY 1;
-- WITH CHECK OPTION (local and cascaded)
CREATE VIEW positive AS SELECT * FROM acct WHERE balance >= 0 WITH CHECK OPTION;
INSERT INTO positive (id, owner, balance) VALUES (20, 'gil', -1);
UPDATE positive SET balance = -5 WHERE id = 1;
CREATE VIEW big_positive AS SELECT * FROM positive WHERE balance > 100 WITH LOCAL CHECK OPTION;
INSERT INTO big_positive (id, owner, balance) VALUES (21, 'hal', 50);
-- dependencies: DROP refuses while views depend, CASCADE drops them with a NOTICE
DROP VIEW open_acct;
DROP TABLE acct;
ALTER TABLE acct DROP COLUMN balance;
ALTER TABLE acct ALTER COLUMN owner TYPE varchar(20);
DROP VIEW open_acct CASCADE;
SELECT table_name FROM information_schema.views WHERE table_schema = 'public' ORDER BY 1;
DROP TABLE acct CASCADE;
SELECT table_name FROM information_schema.views WHERE table_schema = 'public' ORDER BY 1;
DROP VIEW IF EXISTS nosuch;
DROP VIEW nosuch;
