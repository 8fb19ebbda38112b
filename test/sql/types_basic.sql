-- Text output of the basic types, their limits and errors: integers, numeric,
-- float, varchar/char, boolean, date/time types, bytea, uuid, json/jsonb, arrays.

-- integers
SELECT 32767::smallint, (-32768)::smallint, 2147483647::int, (-2147483648)::int,
       9223372036854775807::bigint, (-9223372036854775808)::bigint;
SELECT 32768::smallint;
SELECT 2147483648::int;
SELECT 9223372036854775808::bigint;
SELECT 2147483647::int + 1;
SELECT 32767::smallint + 1::smallint;
SELECT (-9223372036854775807)::bigint - 2;
SELECT '  42  '::int, '+7'::int, '-0'::int;
SELECT '4.5'::int;
SELECT 4.5::int, 5.5::int, (-4.5)::int;
SELECT 7 / 0;
SELECT pg_typeof(1), pg_typeof(2147483648), pg_typeof(1.0), pg_typeof(1::int2 + 1::int2);
CREATE TABLE ints (s smallint, i int, b bigint);
INSERT INTO ints VALUES (1, 1, 1);
INSERT INTO ints VALUES (40000, 1, 1);
INSERT INTO ints VALUES (1, 3000000000, 1);
INSERT INTO ints VALUES (1, 1, '1e3');

-- numeric(p,s): rounding and overflow
SELECT 1.005::numeric(5,2), 1.015::numeric(5,2), (-1.005)::numeric(5,2), 2.5::numeric(3,0);
SELECT 123.456::numeric(5,2);
SELECT 1234.5::numeric(5,2);
SELECT 0.001::numeric(3,2), 1::numeric(10,4), 1.10::numeric, 100::numeric / 3;
SELECT numeric 'NaN', 'nan'::numeric + 1;
SELECT 1.0 / 3, 2.0 / 3 * 3, 10::numeric ^ 20, round(2.5), round(-2.5), trunc(2.99);
SELECT '1e1000'::numeric > 0 AS big, 1e-3, 1.5e3, 0.0;
SELECT 'abc'::numeric;
CREATE TABLE money_t (amount numeric(6,2));
INSERT INTO money_t VALUES (1234.567), (-9999.994);
INSERT INTO money_t VALUES (9999.995);
SELECT amount FROM money_t ORDER BY amount;

-- real / double precision
SELECT 1.5::real, 0.1::real, 0.1::float8, 1e100::float8, 1/3::float8, 123456789.0::real;
SELECT '1e39'::real;
SELECT 'Infinity'::float8, '-inf'::float8, 'nan'::float8, 0.0::float8 * -1;
SELECT 3.0::float8 / 0;
SELECT 1e308::float8 * 10;
SELECT 100000000000000000000::float8, 1e-5::float8, 0.00001234::float8, 1e15::float8, 1e16::float8;

-- varchar(n) / char(n) / text
CREATE TABLE strs (v varchar(5), c char(5), t text);
INSERT INTO strs VALUES ('abc', 'abc', 'abc');
INSERT INTO strs VALUES ('abcdef', 'x', 'x');
INSERT INTO strs VALUES ('x', 'abcdef', 'x');
-- trailing spaces beyond the limit are trimmed silently
INSERT INTO strs VALUES ('abcde   ', 'abcde   ', 'abcde   ');
SELECT v, c, t, length(v) AS lv, length(c) AS lc, length(t) AS lt, c || '|' AS c_cat,
       octet_length(c) AS oc FROM strs ORDER BY v;
-- an explicit cast truncates instead of failing
SELECT 'abcdef'::varchar(3), 'abcdef'::char(2), 'a'::char(3) = 'a  '::char(3);

-- boolean
SELECT true, false, 't'::boolean, 'yes'::boolean, 'off'::boolean, '1'::boolean, ' TRUE '::boolean;
SELECT 'maybe'::boolean;
SELECT true AND NULL, false AND NULL, true OR NULL, NOT NULL::boolean, NULL::boolean IS UNKNOWN;

-- date / timestamp / timestamptz / interval (PGTZ=UTC, DateStyle ISO, MDY)
SELECT '2024-02-29'::date, 'Jan 8, 1999'::date, '1/8/1999'::date, '19990108'::date;
SELECT '2023-02-29'::date;
SELECT '2024-03-01'::date - '2024-02-01'::date, '2024-01-31'::date + 1, '2024-01-31'::date + interval '1 month';
SELECT '2024-05-06 07:08:09.123456'::timestamp, '2024-05-06 07:08:09.1234567'::timestamp,
       '2024-05-06'::timestamp;
SELECT '2024-05-06 07:08:09+02'::timestamptz, '2024-05-06 07:08:09 America/New_York'::timestamptz;
SELECT '2024-05-06 25:00:00'::timestamp;
SELECT 'infinity'::timestamp, '-infinity'::date, 'epoch'::timestamptz;
SELECT '1 day 2 hours'::interval, '90 minutes'::interval, '1 year 13 months'::interval,
       '-1 day +02:03:04.5'::interval, interval '1' day * 3, '2 weeks'::interval;
SELECT '2024-05-06 10:00'::timestamp - '2024-05-01 08:30'::timestamp;
SELECT extract(year FROM '2024-05-06'::date), date_trunc('month', '2024-05-06 07:08'::timestamp);
SELECT '10:30'::time, '10:30:15.5+05'::timetz;
SELECT 'yesterday'::date < 'tomorrow'::date AS relative_ok;

-- bytea
SELECT '\xDEADbeef'::bytea, 'abc'::bytea, E'\\000\\001'::bytea, length('\x0001ff'::bytea);
SELECT '\xzz'::bytea;
SET bytea_output = 'escape';
SELECT 'abc\000'::bytea, '\xdeadbeef'::bytea;
RESET bytea_output;

-- uuid
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid, '{a0eebc999c0b4ef8bb6d6bb9bd380a11}'::uuid;
SELECT 'not-a-uuid'::uuid;

-- json / jsonb
SELECT '{"b": 1, "a": [1, 2.50, "x"], "a": null}'::json;
SELECT '{"b": 1, "a": [1, 2.50, "x"], "a": null}'::jsonb;
SELECT '{"k": {"n": [10, 20]}}'::jsonb -> 'k' -> 'n' ->> 1, '{"k": 1}'::jsonb ? 'k',
       '{"a":1,"b":2}'::jsonb @> '{"a":1}', jsonb_typeof('[1]'), '"\u00e9"'::jsonb;
SELECT '{bad json}'::jsonb;
SELECT jsonb_build_object('id', 1, 'tags', ARRAY['x', 'y']), to_jsonb(1.50::numeric), '[]'::jsonb;

-- arrays
SELECT ARRAY[1, 2, 3], '{a,"b c",NULL,"NULL"}'::text[], ARRAY[[1, 2], [3, 4]], '{}'::int[];
SELECT (ARRAY[10, 20, 30])[2], (ARRAY[10, 20, 30])[5], array_length(ARRAY[1, 2, 3], 1),
       cardinality(ARRAY[[1, 2], [3, 4]]), 3 = ANY (ARRAY[1, 2, 3]), ARRAY[1, 2] || 3;
SELECT '{1,2'::int[];
SELECT ARRAY[[1, 2], [3]];
SELECT ARRAY['a', NULL]::varchar(1)[], '{"with \"quote\"", "x,y"}'::text[];

DROP TABLE ints, money_t, strs;
