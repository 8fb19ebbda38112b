-- numeric held as a number while its coefficient is a safe integer (|coef| <= 2^53 - 1), as a
-- bigint beyond: input, typmod rounding, comparison, arithmetic, sums and output on both sides
-- of that edge, and the special values.
SELECT '9007199254740991'::numeric + 1 AS a, '9007199254740991'::numeric * '1.5' AS b,
  '-90071992547409.91'::numeric - '0.01' AS c, '90071992547409.91'::numeric + '0.001' AS d;
SELECT '4503599627370496'::numeric * 2 AS e, 94906265.62425156 * 94906265.62425156 AS f,
  '-9007199254740991'::numeric - 1 AS g, 0.000000000000001 * 0.1 AS h;
SELECT '0.005'::numeric(5,2) AS r1, '-0.005'::numeric(5,2) AS r2, '0.0049'::numeric(5,2) AS r3,
  '-12.345'::numeric(6,2) AS r4, '999.994'::numeric(5,2) AS r5, '1.5'::numeric(1,0) AS r6, '-2.5'::numeric(2,0) AS r7;
SELECT '123.456'::numeric(10,-1) AS n1, '-125'::numeric(3,-1) AS n2, '0.00001'::numeric(3,5) AS n3,
  'NaN'::numeric(4,2) AS n4, '12'::numeric(4,2) AS n5, '1e3'::numeric(6,1) AS n6;
SELECT '999.995'::numeric(5,2);
SELECT '99999999.995'::numeric(10,2);
SELECT '-99999999.995'::numeric(10,2);
SELECT '0.0001'::numeric(2,3);
SELECT '100'::numeric(2,3);
SELECT '-Infinity'::numeric(10,2);
SELECT '12345678901234567.5'::numeric(20,0) AS big1, '-0.5'::numeric(1,0) AS half;
SELECT 1.05::numeric * -0 AS z1, -0.00::numeric AS z2, 0 - 0.000 AS z3, -(0.0::numeric) AS z4,
  '1e-3'::numeric AS e1, '-1.5e2'::numeric AS e2, '12.5e-1'::numeric AS e3, '1e15'::numeric AS e4,
  '1e16'::numeric AS e5, '  +007.50  '::numeric AS e6, '.5e1'::numeric AS e7, '-0e5'::numeric AS e8;
SELECT 0.1::numeric + 0.02 AS s1, 1.10 * 1.10 AS m1, -7.25 * 4 AS m2, 100.00 - 100 AS s2,
  -3 * 0.00 AS m4, 5.5 - 5.50 AS s3, 123456789.123 + 0.0000001 AS s4;
SELECT 1.50 = 1.5 AS eq, 2.00 > 1.999 AS gt, -0.001 < 0 AS lt, 'NaN'::numeric > 'Infinity'::numeric AS nan_gt,
  '-Infinity'::numeric < -1e300 AS ninf, 'Infinity'::numeric > 9007199254740993 AS inf_big,
  9007199254740993::numeric > 9007199254740991.5 AS big_cmp, 'NaN'::numeric = 'NaN'::numeric AS nan_eq;
SELECT 'Infinity'::numeric + 1.5 AS i1, 'Infinity'::numeric - 'Infinity' AS i2, 'NaN'::numeric * 0 AS i3,
  '-Infinity'::numeric * -2.5 AS i4, 'Infinity'::numeric * 0 AS i5, -('Infinity'::numeric) AS i6, abs('-Infinity'::numeric) AS i7;
SELECT round(2.5), round(-2.5), round(1234.5678, 2), round(1234.5678, -2), round(-0.5), round(0.4999, 3),
  round(-1.005, 2), trunc(-1.999, 2), round(9007199254740991.5), round(0.5, 0);
SELECT 12345678901.23::numeric::float8 AS f1, 0.1::numeric::float8 AS f2, (-123.456)::numeric::float8 AS f3,
  1.23456789012345678::numeric::float8 AS f4, 4.35::numeric::int AS i, (-4.5)::numeric::int AS j;

-- stored values: a numeric(10,2) column with a CHECK, filled by parameters given as text
CREATE TABLE ne_orders (id serial PRIMARY KEY, grp int NOT NULL, amount numeric(10,2) CHECK (amount > 0), free numeric);
PREPARE ins(int, numeric, numeric) AS INSERT INTO ne_orders (grp, amount, free) VALUES ($1, $2, $3);
EXECUTE ins(1, '123.45', '1.5');
EXECUTE ins(1, '0.01', '1.50');
EXECUTE ins(1, '99999999.99', '-0.125');
EXECUTE ins(1, '7.005', '90071992547409.91');
EXECUTE ins(2, '1', '0.01');
EXECUTE ins(2, '1.999', '123456789012345678901234567890.5');
EXECUTE ins(2, '  42  ', '1e-20');
EXECUTE ins(3, '0.004', '1');
EXECUTE ins(3, '-5', '1');
EXECUTE ins(3, '100000000', '1');
EXECUTE ins(3, 'abc', '1');
EXECUTE ins(3, 'NaN', 'NaN');
EXECUTE ins(3, '0.005', 'Infinity');
SELECT id, grp, amount, free FROM ne_orders ORDER BY id;
SELECT grp, count(*), sum(amount), avg(amount), min(amount), max(amount), sum(free), avg(free) FROM ne_orders GROUP BY grp ORDER BY grp;
SELECT count(*), sum(amount), sum(free) FROM ne_orders WHERE grp = 1;
SELECT count(*), sum(amount) FROM ne_orders WHERE grp = 99;
SELECT free, count(*) FROM ne_orders GROUP BY free ORDER BY free;
SELECT DISTINCT free FROM ne_orders WHERE free < 2 ORDER BY 1;
SELECT amount FROM ne_orders WHERE amount > 1.5 AND amount <= 123.450 ORDER BY amount DESC;
SELECT id, amount * 100 AS cents, amount / 3 AS third, amount % 1 AS frac, -amount AS neg FROM ne_orders WHERE grp = 1 ORDER BY id;
UPDATE ne_orders SET amount = amount + 0.005 WHERE grp = 2 RETURNING id, amount;
UPDATE ne_orders SET amount = amount * 1000000 WHERE grp = 1;
SELECT sum(amount), sum(amount * 1000000), sum(amount::numeric(20,4)), sum(free) FROM ne_orders WHERE grp < 3;
SELECT sum(x), avg(x) FROM (VALUES (4503599627370496::numeric), (4503599627370496), (0.5)) t(x);
SELECT sum(x), avg(x) FROM (VALUES (9007199254740991::numeric), (9007199254740991), (-9007199254740991)) t(x);
SELECT sum(x) FROM (VALUES ('Infinity'::numeric), (1.5), ('-Infinity')) t(x);
SELECT sum(x), avg(x), count(*) FROM (VALUES (NULL::numeric)) t(x);
SELECT g, sum(g * 0.25), count(*) FROM generate_series(1, 3) g GROUP BY g ORDER BY g;
SELECT sum(x), avg(x) OVER () FROM (VALUES (1.25::numeric), (2.5)) t(x) GROUP BY x ORDER BY x;
SELECT x, sum(x) OVER (ORDER BY x), avg(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES (1.25::numeric), (2.5), (-0.125)) t(x) ORDER BY x;
SELECT (SELECT sum(amount) FROM ne_orders o2 WHERE o2.grp = o.grp) AS s, count(*) FROM ne_orders o GROUP BY grp ORDER BY grp;
