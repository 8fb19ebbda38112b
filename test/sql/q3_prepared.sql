-- Issue 3: prepared and parameterized statements — plans cached per statement, custom and generic
-- plans, re-planning after DDL, and result-type changes refused.
CREATE TABLE items (id int PRIMARY KEY, cat int, label text);
INSERT INTO items SELECT g, g % 10, 'item' || g FROM generate_series(1, 1000) g;
ANALYZE items;
PREPARE by_id(int) AS SELECT label FROM items WHERE id = $1;
EXECUTE by_id(5);
EXECUTE by_id(6);
EXECUTE by_id(7);
EXECUTE by_id(8);
EXECUTE by_id(9);
EXECUTE by_id(10);
EXECUTE by_id(NULL);
SET plan_cache_mode = force_custom_plan;
PREPARE by_cat(int) AS SELECT count(*) FROM items WHERE cat = $1;
EXPLAIN (COSTS OFF) EXECUTE by_cat(3);
EXECUTE by_cat(3);
RESET plan_cache_mode;
-- DDL invalidates the cached plan: a new index is used on the next execution
EXPLAIN (COSTS OFF) EXECUTE by_cat(4);
CREATE INDEX items_cat ON items (cat);
EXPLAIN (COSTS OFF) EXECUTE by_cat(4);
EXECUTE by_cat(4);
-- a statement prepared after ALTER TABLE sees the new column
ALTER TABLE items ADD COLUMN extra int DEFAULT 7;
PREPARE all_items AS SELECT * FROM items WHERE id = 1;
EXECUTE all_items;
-- dropping a referenced column makes re-planning fail
PREPARE labels(int) AS SELECT label FROM items WHERE id = $1;
EXECUTE labels(2);
ALTER TABLE items DROP COLUMN label;
EXECUTE labels(2);
-- parameter types: inferred, declared, and mismatched
PREPARE infer AS SELECT $1 + 1 AS next, $2 || 'x' AS s;
EXECUTE infer(41, 'a');
SELECT parameter_types FROM pg_prepared_statements WHERE name = 'infer';
PREPARE strict_types(int) AS SELECT $1::text;
EXECUTE strict_types('abc');
PREPARE unknown_param AS SELECT $1;
PREPARE too_high(int) AS SELECT $2;
EXECUTE unknown_param('x');
EXECUTE too_high(1);
SELECT name, parameter_types FROM pg_prepared_statements WHERE name IN ('unknown_param', 'too_high') ORDER BY 1;
DEALLOCATE ALL;
DROP TABLE items;
