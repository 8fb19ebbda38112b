-- Expression, partial, descending and INCLUDE indexes: definitions, catalogs, describe,
-- uniqueness (also of expressions and only where the predicate holds), refused methods.
CREATE TABLE people (id int PRIMARY KEY, email text, age int, active boolean, score int);
CREATE UNIQUE INDEX people_email_lower ON people ((lower(email)));
CREATE INDEX people_age_score ON people (age DESC, score NULLS FIRST) INCLUDE (email);
CREATE UNIQUE INDEX people_active_score ON people (score) WHERE active AND score > 0;
CREATE INDEX ON people ((age * 2), id DESC NULLS LAST);
CREATE INDEX ON people (abs(score)) WHERE age IS NOT NULL;
CREATE INDEX people_email_hash ON people USING hash (email);
\d people
\d people_email_lower
\d people_age_score
\d people_active_score
\d people_expr_id_idx
SELECT pg_get_indexdef('people_active_score'::regclass);
SELECT pg_get_indexdef('people_age_score'::regclass, 0, true);
SELECT pg_get_indexdef('people_expr_id_idx'::regclass, 1, true), pg_get_indexdef('people_expr_id_idx'::regclass, 2, false);
SELECT indexrelid::regclass, indnatts, indnkeyatts, indkey, indoption, indexprs IS NOT NULL AS has_exprs, indpred IS NOT NULL AS has_pred
  FROM pg_index WHERE indrelid = 'people'::regclass ORDER BY indexrelid::regclass::text;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'people' ORDER BY indexname;
SELECT pg_get_expr(indpred, indrelid), pg_get_expr(indpred, indrelid, true) FROM pg_index WHERE indexrelid = 'people_active_score'::regclass;
SELECT a.attname, a.attnum FROM pg_attribute a WHERE a.attrelid = 'people_expr_id_idx'::regclass ORDER BY a.attnum;
-- uniqueness of an expression
INSERT INTO people VALUES (1, 'Ann@example.com', 30, true, 5);
INSERT INTO people VALUES (2, 'ann@EXAMPLE.com', 31, true, 6);
INSERT INTO people VALUES (2, NULL, 31, true, 6);
INSERT INTO people VALUES (3, NULL, 32, true, 7);
-- uniqueness only where the predicate holds
INSERT INTO people VALUES (4, 'bob@example.com', 40, true, 5);
INSERT INTO people VALUES (5, 'carl@example.com', 41, false, 5);
INSERT INTO people VALUES (6, 'dora@example.com', 42, true, -5);
INSERT INTO people VALUES (7, 'eve@example.com', 43, true, -5);
UPDATE people SET active = true WHERE id = 5;
UPDATE people SET score = 9 WHERE id = 5;
UPDATE people SET active = true, score = 9 WHERE id = 6;
SELECT id, email, score FROM people ORDER BY id;
SELECT id FROM people WHERE lower(email) = 'ann@example.com';
-- a unique index over rows that already clash
CREATE UNIQUE INDEX people_age_u ON people ((age / 10));
CREATE UNIQUE INDEX people_score_u ON people (score) WHERE id < 5;
CREATE UNIQUE INDEX people_score_u2 ON people (score) WHERE id > 5;
BEGIN;
INSERT INTO people VALUES (8, 'f@example.com', 50, false, 9);
INSERT INTO people VALUES (9, 'g@example.com', 50, false, 9);
ROLLBACK;
-- ON CONFLICT does not infer a partial index without its predicate
INSERT INTO people VALUES (10, 'h@example.com', 1, true, 9) ON CONFLICT (score) DO NOTHING;
INSERT INTO people VALUES (10, 'h@example.com', 1, true, 9) ON CONFLICT DO NOTHING;
-- errors
CREATE INDEX ON people USING nosuch (email);
CREATE UNIQUE INDEX ON people USING hash (email);
CREATE INDEX ON people USING hash (email, age);
CREATE INDEX ON people ((random() > 0.5));
CREATE INDEX ON people (nosuch);
CREATE INDEX ON people (id) INCLUDE (nosuch);
CREATE INDEX ON people ((row(id, age)));
CREATE INDEX ON people (id) WHERE age > now()::date - date '2000-01-01';
CREATE INDEX ON people ((count(*)));
-- dropping a column an expression or predicate reads drops the index
ALTER TABLE people DROP COLUMN score;
\d people
DROP TABLE people;
