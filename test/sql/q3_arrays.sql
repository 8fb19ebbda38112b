-- Issue 3: array operators and functions.
CREATE TABLE t (id int, a int[], s text[]);
INSERT INTO t VALUES (1, '{1,2,3}', '{x,y}'), (2, '{}', '{}'), (3, '{4,NULL,6}', '{NULL}'), (4, NULL, NULL), (5, ARRAY[[1,2],[3,4]], '{{a,b},{c,d}}');
SELECT id, a[1], a[2:3], a[:2], a[2:], s[1], a[5], a[1][2], array_length(a, 1), array_length(a, 2), cardinality(a), array_ndims(a), array_dims(a),
  array_upper(a, 1), array_lower(a, 1) FROM t ORDER BY id;
SELECT id, a @> '{2}', a <@ '{1,2,3,4}', a && '{3,4}', 1 = ANY (a), 9 <> ALL (a), a = '{1,2,3}', a || 7, 0 || a FROM t WHERE id < 5 ORDER BY id;
SELECT a @> '{4}', a || ARRAY[5, 6], ARRAY[0, 0] || a, a && '{9}' FROM t WHERE id = 5;
SELECT ARRAY[1, 2] || ARRAY[3], ARRAY[[1]] || ARRAY[2], ARRAY[1, 2] < ARRAY[1, 3], ARRAY[1, 2] < ARRAY[1, 2, 0], ARRAY[NULL::int] = ARRAY[NULL::int];
SELECT array_append(ARRAY[1], 2), array_prepend(0, ARRAY[1]), array_cat(ARRAY[1], ARRAY[2, 3]), array_remove(ARRAY[1, 2, 1, NULL], 1),
  array_replace(ARRAY[1, 2, 1], 1, 9), array_position(ARRAY['a', 'b', 'a'], 'a'), array_position(ARRAY['a', 'b', 'a'], 'a', 2),
  array_positions(ARRAY[1, 2, 1, NULL], 1), array_position(ARRAY[1, NULL], NULL);
SELECT array_fill(7, ARRAY[2, 2]), array_fill(0, ARRAY[3], ARRAY[1]), array_fill('x'::text, ARRAY[0]), array_to_string(ARRAY[1, NULL, 3], ',', 'N'), string_to_array('1|2', '|')::int[],
  trim_array(ARRAY[1, 2, 3], 1);
SELECT ARRAY(SELECT id FROM t WHERE id < 4 ORDER BY id DESC), ARRAY[]::int[], '{}'::text[] = ARRAY[]::text[], ARRAY['a', NULL] IS NULL;
SELECT '{1, 2, 3}'::int[], '{"a b", "c\"d", NULL, "NULL"}'::text[], '{{1},{2}}'::int[];
SELECT pg_typeof(ARRAY[1, 2.5]), pg_typeof(ARRAY['a']), pg_typeof(ARRAY[1]::bigint[]), ARRAY[1, 2]::text[], '{1.7,2.2}'::numeric[]::int[];
SELECT unnest(ARRAY[1, 2]), generate_subscripts(ARRAY['a', 'b', 'c'], 1) ORDER BY 2;
SELECT * FROM unnest(ARRAY[1, 2, 3], ARRAY['a', 'b']) AS u(n, l);
SELECT * FROM unnest(ARRAY[[1, 2], [3, 4]]) WITH ORDINALITY AS u(v, i);
-- updates through subscripts
CREATE TABLE u (id int, a int[]);
INSERT INTO u VALUES (1, '{1,2,3}');
UPDATE u SET a[2] = 20;
UPDATE u SET a[5] = 50;
UPDATE u SET a[1:2] = '{8,9}';
SELECT * FROM u;
DROP TABLE u;
-- errors
SELECT ARRAY[1, 2] || ARRAY['a'];
SELECT ARRAY[1, 'a'];
SELECT '{1,2'::int[];
SELECT '{{1},{2,3}}'::int[];
SELECT ARRAY[[1, 2], [3]];
SELECT array_length(ARRAY[1], 'x');
SELECT ARRAY[1] @> ARRAY['a'];
SELECT array_fill(1, ARRAY[-1]);
DROP TABLE t;
