-- Issue 3: math functions and arithmetic operators, with division by zero and out-of-range errors.
SELECT abs(-3), abs(-3.5), abs(-2.5::float8), sign(-2), sign(0.0), sign(3::float8);
SELECT ceil(4.2), ceiling(-4.2), floor(-4.2), floor(4.8::float8), round(2.5), round(-2.5), round(2.5::float8), round(3.14159, 2),
  round(1234.5, -2), trunc(-4.7), trunc(3.14159, 3), trunc(123.45, -1);
SELECT power(-8, 1.0 / 3);
SELECT exp(1), exp(1.0), ln(10), log(100), log(2, 64), log10(1000), ln(2.0);
SELECT mod(10, 3), mod(-10, 3), mod(10.5, 3), div(7, 2), div(-7.5, 2), gcd(12, 18), lcm(4, 6), gcd(0, 0);
SELECT factorial(5), factorial(0), factorial(20);
SELECT pi(), degrees(pi()), radians(180), sin(0), cos(0), tan(0), asin(1), acos(1), atan(1), atan2(1, 1), sind(30), cosd(60);
SELECT scale(1.2300), min_scale(1.2300), trim_scale(1.2300), 1.2300::numeric(10,1);
SELECT 10::numeric / 3, 1::numeric / 7 * 7, 2::numeric ^ 100, (1e20::numeric + 1)::text, 0.1::float8 + 0.2::float8, 1e300::float8 * 10;
SELECT 'NaN'::numeric, 'Infinity'::float8, '-inf'::float8 + 1, 'NaN'::float8 = 'NaN'::float8, 'NaN'::numeric > 1;
SELECT int4 '7' + int2 '3', pg_typeof(int2 '1' + int2 '1'), pg_typeof(1 + 1::bigint), pg_typeof(1 + 1.5), pg_typeof(1 + 1.5::float4),
  pg_typeof(1.5::float4 + 1.5::float8), pg_typeof(5 / 2.0);
SELECT 5 & 3, 5 | 3, 5 # 3, ~5, 1 << 4, 256 >> 2;
SELECT trunc(random() * 0) AS zero;
-- division by zero
SELECT 1 / 0;
SELECT 1.0 / 0;
SELECT 1::float8 / 0;
SELECT 5 % 0;
SELECT mod(5.5, 0);
SELECT div(1, 0);
-- out of range
SELECT 2147483647 + 1;
SELECT -2147483648 * -1;
SELECT 32767::int2 + 1::int2;
SELECT 9223372036854775807 + 1;
SELECT (-2147483648) / -1;
SELECT 2147483648::int4;
SELECT 40000::int2;
SELECT '99999999999999999999'::bigint;
SELECT 1e400::float8;
SELECT 12345.678::numeric(5,2);
SELECT abs(-2147483648);
SELECT sqrt(-1);
SELECT ln(0);
SELECT log(-1.0);
SELECT 0 ^ -1;
SELECT factorial(-1);
SELECT power(0.0, -1);
SELECT exp(10000);
SELECT 'abc'::int;
SELECT '1.5'::int;
SELECT ''::numeric;
