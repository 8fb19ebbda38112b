-- Built-in functions called in named and mixed notation: the names are PostgreSQL's
-- (pg_proc.proargnames), an omitted parameter takes its DEFAULT.
SELECT make_interval(days => 3);
SELECT make_interval(hours => 2, mins => 30);
SELECT make_interval(1, secs => 2.5);
SELECT make_timestamp(year => 2020, month => 1, mday => 2, hour => 3, min => 4, sec => 5.5);
SELECT make_timestamptz(2020, 1, 2, 3, 4, 5, timezone => 'UTC');
SELECT make_date(year => 2021, month => 3, day => 4), make_time(hour => 1, min => 2, sec => 3);
SELECT jsonb_set('{"a":1}', '{a}', '2', create_if_missing => false);
SELECT jsonb_set(jsonb_in => '{"a":1}', path => '{b}', replacement => '2');
SELECT jsonb_set_lax('{"a":1}', '{a}', null, null_value_treatment => 'delete_key');
SELECT jsonb_insert('{"a":[1,2]}', '{a,0}', '0', insert_after => true);
SELECT * FROM jsonb_each(from_json => '{"a":1}');
SELECT make_interval(dayz => 3);
SELECT make_interval(days => 3, days => 4);
SELECT make_date(year => 2021, month => 3);
SELECT make_interval(days => 'x');
