-- Issue 3: json / jsonb operators and functions.
CREATE TABLE docs (id int, j jsonb, t json);
INSERT INTO docs VALUES
  (1, '{"name": "ann", "age": 30, "tags": ["a", "b"], "addr": {"city": "Oslo", "zip": "0150"}}', '{"a": 1, "a": 2}'),
  (2, '{"name": "bob", "age": null, "tags": [], "addr": {"city": "Rome"}}', '[1, "two", null]'),
  (3, '[1, 2, {"x": [10, 20]}]', '"str"'),
  (4, NULL, NULL);
SELECT id, j -> 'name', j ->> 'name', j -> 'age', j ->> 'age', j -> 'tags' -> 0, j -> 'tags' ->> 1, j -> 2, j -> -1 FROM docs ORDER BY id;
SELECT id, j #> '{addr,city}', j #>> '{addr,city}', j #> '{2,x,1}', j #>> '{tags}', j #> '{}' FROM docs ORDER BY id;
SELECT t -> 'a', t ->> 'a', t -> 1, t ->> 1, t #>> '{1}' FROM docs WHERE id IN (1, 2) ORDER BY id;
SELECT '{"a": {"b": [1, 2]}}'::json #> '{a,b}', '[1,2,3]'::jsonb ->> 5, '{"a": 1}'::jsonb -> 'missing', '"x"'::jsonb -> 'a';
-- containment and existence
SELECT id, j @> '{"name": "ann"}', j @> '{"tags": ["b"]}', '{"age": 30}' <@ j, j ? 'age', j ?| ARRAY['zip', 'age'], j ?& ARRAY['name', 'addr', 'x']
FROM docs ORDER BY id;
SELECT '[1, 2, [3]]'::jsonb @> '[[3]]', '[1, 2]'::jsonb @> '1', '"a"'::jsonb ? 'a', '["a", "b"]'::jsonb ? 'b', '{"a": null}'::jsonb ? 'a';
SELECT id FROM docs WHERE j @> '{"addr": {"city": "Rome"}}';
-- modification operators
SELECT '{"a": 1, "b": 2}'::jsonb - 'a', '[1, 2, 3]'::jsonb - 1, '[1, 2, 3]'::jsonb - -1, '{"a": 1, "b": 2, "c": 3}'::jsonb - ARRAY['a', 'c'],
  '{"a": {"b": 1, "c": 2}}'::jsonb #- '{a,b}', '{"a": 1}'::jsonb || '{"b": 2}', '[1]'::jsonb || '[2, 3]', '{"a": 1}'::jsonb || '[1]';
-- jsonb_set, jsonb_insert, strip nulls, pretty
SELECT jsonb_set(j, '{addr,city}', '"Bergen"'), jsonb_set(j, '{tags,0}', '"z"'), jsonb_set(j, '{new}', '1', false) FROM docs WHERE id = 1;
SELECT jsonb_set('[1, 2]', '{5}', '9'), jsonb_set('{"a": 1}', '{b,c}', '2'), jsonb_set('{"a": 1}', '{a}', NULL), jsonb_set_lax('{"a": 1}', '{a}', NULL);
SELECT jsonb_insert('{"a": [0, 1]}', '{a,1}', '"x"'), jsonb_insert('{"a": [0, 1]}', '{a,1}', '"x"', true), jsonb_strip_nulls('{"a": null, "b": {"c": null, "d": 1}}');
SELECT jsonb_pretty('{"a": [1, {"b": null}], "c": "d"}');
SELECT jsonb_insert('{"a": 1}', '{a}', '2');
-- builders
SELECT json_build_object('a', 1, 'b', 'two', 'c', NULL, 'd', ARRAY[1, 2]), jsonb_build_object('k', true, 'n', 1.50, 'nested', jsonb_build_object('x', 'y')),
  json_build_array(1, 'a', NULL, 2.5), jsonb_build_array(), json_object('{a, 1, b, 2}'), jsonb_object('{a, b}', '{1, 2}');
SELECT to_json('text "quoted"'::text), to_jsonb(1.5), to_jsonb(ARRAY[1, NULL]), to_json(date '2024-01-02'), to_jsonb(ROW(1, 'a')), row_to_json(ROW(1, 'x')),
  array_to_json(ARRAY[[1, 2], [3, 4]]), to_json(NULL::text);
SELECT jsonb_build_object('a');
SELECT jsonb_build_object(NULL, 1);
-- processing functions
SELECT * FROM json_each('{"a": 1, "b": [2], "c": null}') ORDER BY key;
SELECT * FROM jsonb_each_text('{"a": 1, "b": "x", "c": null}') ORDER BY key;
SELECT key, value FROM docs, jsonb_each(j -> 'addr') WHERE id = 1 ORDER BY key;
SELECT * FROM jsonb_array_elements('[1, "a", null, {"b": 2}]');
SELECT * FROM json_array_elements_text('[1, "a", null]');
SELECT jsonb_object_keys(j) FROM docs WHERE id = 1 ORDER BY 1;
SELECT jsonb_array_length(j -> 'tags'), jsonb_typeof(j), jsonb_typeof(j -> 'age'), json_typeof(t) FROM docs ORDER BY id;
-- json[b]_to_record[set] with a column definition list
SELECT * FROM jsonb_to_record('{"a": 1, "b": "x", "c": [1]}') AS r(a int, b text, c jsonb, d date);
SELECT * FROM json_to_recordset('[{"a": 1}, {"a": 2, "b": "y"}]') AS r(a int, b text);
SELECT * FROM jsonb_to_record('{"a": 1}') AS r(a int);
SELECT * FROM jsonb_to_recordset('[{"a": "x"}]') AS r(a int);
SELECT * FROM generate_series(1, 2) AS g(x int);
SELECT * FROM jsonb_each('[1]');
SELECT jsonb_array_length('{"a": 1}');
SELECT jsonb_object_keys('[1]');
-- comparison, equality, ordering, casts
SELECT '{"a": 1, "b": 2}'::jsonb = '{"b": 2, "a": 1}', '[1, 2]'::jsonb < '[1, 3]', '1'::jsonb < '"a"', 'null'::jsonb IS NULL;
SELECT j FROM docs WHERE j IS NOT NULL ORDER BY j;
SELECT ('{"n": 42}'::jsonb -> 'n')::int, ('{"n": 4.5}'::jsonb -> 'n')::numeric, ('true'::jsonb)::boolean, '{"a":1,  "b" : [1 ,2]}'::json, '{"a":1,  "b" : [1 ,2]}'::jsonb;
SELECT ('"x"'::jsonb)::int;
SELECT '{"a": }'::jsonb;
SELECT '{"a": 1}'::json = '{"a": 1}'::json;
SELECT '{"a": 1}'::jsonb @> '{"a": 1}'::json;
SELECT j -> 1.5 FROM docs;
DROP TABLE docs;
