-- Issue 3: date/time functions — date_trunc, extract / date_part, age, interval arithmetic,
-- to_char / to_date / to_timestamp, make_date and friends (session time zone UTC).
SET TimeZone = 'UTC';
SELECT date_trunc('year', timestamp '2024-05-17 13:45:12.345'), date_trunc('quarter', timestamp '2024-05-17 13:45:12'),
  date_trunc('month', timestamp '2024-05-17 13:45:12'), date_trunc('week', timestamp '2024-05-17 13:45:12'),
  date_trunc('day', timestamp '2024-05-17 13:45:12'), date_trunc('hour', timestamp '2024-05-17 13:45:12'),
  date_trunc('minute', timestamp '2024-05-17 13:45:12.9'), date_trunc('second', timestamp '2024-05-17 13:45:12.9'),
  date_trunc('milliseconds', timestamp '2024-05-17 13:45:12.34567');
SELECT date_trunc('decade', date '2024-05-17'), date_trunc('century', timestamp '2001-01-01'), date_trunc('millennium', timestamp '2024-05-17');
SELECT date_trunc('day', timestamptz '2024-05-17 13:45:12+02'), date_trunc('day', timestamptz '2024-05-17 23:45:12+00', 'Asia/Tokyo');
SELECT date_trunc('hour', interval '2 days 3 hours 40 minutes'), date_trunc('year', interval '15 months');
SELECT date_trunc('fortnight', timestamp '2024-05-17');
SELECT extract(year FROM timestamp '2024-05-17 13:45:12.5'), extract(month FROM date '2024-05-17'), extract(day FROM date '2024-05-17'),
  extract(hour FROM timestamp '2024-05-17 13:45:12.5'), extract(minute FROM time '13:45:12'), extract(second FROM timestamp '2024-05-17 13:45:12.5');
SELECT extract(dow FROM date '2024-05-19'), extract(isodow FROM date '2024-05-19'), extract(doy FROM date '2024-12-31'),
  extract(week FROM date '2024-01-01'), extract(isoyear FROM date '2021-01-01'), extract(quarter FROM date '2024-05-17'),
  extract(epoch FROM timestamp '2024-01-01 00:00:00'), extract(epoch FROM interval '1 day 2 hours'), extract(century FROM date '2000-12-31'),
  extract(millennium FROM date '2001-01-01'), extract(decade FROM date '2024-01-01'), extract(julian FROM date '2024-01-01'),
  extract(microseconds FROM time '00:00:01.5'), extract(milliseconds FROM time '00:00:01.5');
SELECT extract(timezone FROM timestamptz '2024-05-17 12:00+00'), extract(epoch FROM timestamptz '2024-05-17 12:00+02');
SELECT extract(days FROM interval '40 days 5 hours'), extract(hour FROM interval '40 days 5 hours'), extract(month FROM interval '14 months'),
  extract(year FROM interval '14 months');
SELECT pg_typeof(extract(year FROM date '2024-01-01')), pg_typeof(date_part('year', date '2024-01-01'));
SELECT date_part('year', timestamp '2024-05-17'), date_part('dow', date '2024-05-17'), date_part('epoch', timestamp '1970-01-02'),
  date_part('hour', interval '3 hours'), date_part('day', NULL::date);
SELECT extract(foo FROM date '2024-01-01');
SELECT extract(hour FROM date '2024-01-01');
SELECT date_part('timezone', timestamp '2024-01-01');
SELECT age(timestamp '2024-05-17', timestamp '2000-02-29'), age(date '2024-03-01', date '2024-01-31'),
  age(timestamp '2020-01-01', timestamp '2024-05-17 06:00'), age(timestamp '2024-05-17 10:00', timestamp '2024-05-17 10:00');
SELECT age(timestamptz '2024-05-17 00:00+00', timestamptz '2023-05-17 12:00+00');
-- interval arithmetic
SELECT date '2024-01-31' + 1, date '2024-03-01' - 1, date '2024-03-01' - date '2024-02-01', date '2024-01-31' + interval '1 month',
  timestamp '2024-02-29 12:00' + interval '1 year', timestamp '2024-01-01' - interval '1 day 1 hour', date '2024-01-01' + time '10:30';
SELECT timestamp '2024-05-17 12:00' - timestamp '2024-05-15 10:30', timestamptz '2024-05-17 12:00+00' - timestamptz '2024-05-17 10:00+02';
SELECT interval '1 day' + interval '25 hours', interval '1 month' - interval '1 day', interval '1 hour' * 2.5, interval '1 day' / 3,
  -interval '1 year 2 months', interval '90 minutes' * -1, interval '2 months 40 days' / 2, 3 * interval '1 week';
SELECT interval '1 year 2 months 3 days 04:05:06.789', interval 'P1Y2M3DT4H5M6S', interval '-1 day +02:00', interval '1.5 years', interval '100000 hours';
SELECT justify_days(interval '35 days'), justify_hours(interval '27 hours'), justify_interval(interval '1 month -1 hour');
SELECT interval '1 day' = interval '24 hours', interval '1 month' = interval '30 days', interval '1 month' > interval '29 days';
SELECT time '10:00' + interval '15 hours', time '23:00' - time '01:30', timetz '10:00+02' + interval '1 hour';
SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-01-15', date '2024-03-01'),
  (date '2024-01-01', interval '1 day') OVERLAPS (date '2024-01-02', date '2024-01-03');
SELECT date '2024-01-01' + interval '1 month' * 13, date_bin('15 minutes', timestamp '2024-05-17 13:52:30', timestamp '2024-01-01');
SELECT date '2024-01-01' - interval '1 month' > date '2023-11-30', '2024-01-01'::date < '2024-01-01 00:00:01'::timestamp;
SELECT date '9999-12-31' + 1000000000;
SELECT timestamp '294276-12-31' + interval '1 year';
SELECT interval '2147483647 days' + interval '1 day';
SELECT date '2024-01-01' + date '2024-01-01';
SELECT timestamp '2024-01-01' + timestamp '2024-01-01';
-- make_date, make_time, make_timestamp, make_interval
SELECT make_date(2024, 2, 29), make_date(-44, 3, 15), make_time(13, 45, 12.5), make_timestamp(2024, 5, 17, 13, 45, 12.25),
  make_timestamptz(2024, 5, 17, 13, 45, 0, 'Europe/Paris'), make_interval(0, 0, 2), make_interval(1, 2, 3, 4, 5, 6, 7.5);
SELECT make_date(2023, 2, 29);
SELECT make_date(0, 1, 1);
SELECT make_time(25, 0, 0);
-- to_char
SELECT to_char(timestamp '2024-05-07 13:05:09.123456', 'YYYY-MM-DD HH24:MI:SS.US'),
  to_char(timestamp '2024-05-07 13:05:09', 'Day, DD Month YYYY HH12:MI AM'),
  to_char(timestamp '2024-05-07 13:05:09', 'FMDay FMDD FMMonth, Dy Mon, dy mon, DAY MONTH'),
  to_char(date '2024-05-07', 'YY YYY Y,YYY IYYY IW WW W Q DDD D J CC'),
  to_char(timestamp '2024-05-07 00:05:09', 'HH HH12 pm a.m. MS FF3 SSSS'),
  to_char(date '2024-05-07', '"Week" IW "of" YYYY'), to_char(date '2024-05-07', 'DDth Mon RM rm'),
  to_char(timestamptz '2024-05-07 13:05:09+00', 'YYYY-MM-DD HH24:MI TZ OF'), to_char(interval '3 days 04:05:06', 'DD HH24:MI:SS'),
  to_char(NULL::date, 'YYYY');
SELECT to_char(date '2024-05-07', 'YYYY-MM-DD Dy TZ'), to_char(timestamp '0044-03-15 12:00 BC', 'YYYY BC b.c. CC'), to_char(timestamp '2024-01-01 00:00', 'DDDth IWth Jth FMDDth Q"Q" \"x\"'),
  to_char(timestamp '2021-01-03', 'IYYY-IW-ID IDDD'), to_char(timestamp '2024-12-31 23:59:59.999999', 'HH12:MI:SS.FF6 PM ssss'), to_char(interval '1 year 2 months 3 days 25:06:07', 'YYYY MM DD HH24 HH MI SS');
SELECT to_char(timestamptz '2024-05-07 13:05:09+00', 'FMHH12 am, FMMonth FMDD, YYYY, TZH:TZM'), to_char(timestamp 'infinity', 'YYYY');
-- to_date / to_timestamp
SELECT to_date('2024-05-07', 'YYYY-MM-DD'), to_date('07 May 2024', 'DD Mon YYYY'), to_date('20240507', 'YYYYMMDD'),
  to_date('2024 128', 'YYYY DDD'), to_date('5/7/24', 'MM/DD/YY'), to_date('  2024-5-7', 'YYYY-MM-DD');
SELECT to_timestamp('2024-05-07 13:05:09', 'YYYY-MM-DD HH24:MI:SS'), to_timestamp('07/05/2024 01:05 PM', 'DD/MM/YYYY HH:MI AM'),
  to_timestamp(0), to_timestamp(1715087109.5), to_timestamp('2024-05-07 13:05:09.123', 'YYYY-MM-DD HH24:MI:SS.MS');
SELECT to_date('2024-13-01', 'YYYY-MM-DD');
SELECT to_date('2024-02-30', 'YYYY-MM-DD');
SELECT to_timestamp('25:00', 'HH24:MI');
SELECT to_date('abc', 'YYYY');
SELECT to_date('2024-060', 'YYYY-DDD'), to_date('March 3, 99', 'Month DD, YY'), to_timestamp('2024-05-07 11:30:00 PM', 'YYYY-MM-DD HH12:MI:SS AM'),
  to_timestamp('20240507 1305 +02', 'YYYYMMDD HH24MI TZH'), to_date('44-03-15 BC', 'YYYY-MM-DD BC');
SELECT to_timestamp('13:00', 'HH12:MI');
-- literals and input errors
SELECT date '2024-02-29', date 'epoch', date 'infinity' > date '2024-01-01', 'tomorrow'::date > 'yesterday'::date;
SELECT date '2023-02-29';
SELECT timestamp '2024-01-01 24:00:01';
SELECT interval '1 fortnight';
SELECT isfinite(date 'infinity'), isfinite(interval '1 day'), date 'infinity' - 1, timestamp '-infinity' + interval '1 day';
