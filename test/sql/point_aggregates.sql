-- Point queries and aggregates over an index (executor fast paths: one group without GROUP BY,
-- numeric sums in numbers while exact, equality index scans, nested loops by key).
CREATE TABLE pa_users (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE pa_profiles (id int PRIMARY KEY REFERENCES pa_users, bio text);
CREATE TABLE pa_orders (oid serial PRIMARY KEY, uid int NOT NULL, amount numeric(12,2), free numeric);
CREATE INDEX pa_orders_uid ON pa_orders (uid);
INSERT INTO pa_users SELECT g, 'user' || g FROM generate_series(1, 20) g;
INSERT INTO pa_profiles SELECT g, 'bio ' || g FROM generate_series(1, 20) g WHERE g % 3 <> 0;
INSERT INTO pa_orders (uid, amount, free) SELECT g % 20 + 1, (g * 7919 % 99999) / 100.0, g * 1.5 FROM generate_series(1, 100) g;
INSERT INTO pa_orders (uid, amount, free) VALUES (21, 9999999999.99, 90071992547409.91), (21, 0.01, 0.001),
  (21, NULL, 123456789012345678901234567890.5), (22, NULL, NULL), (23, 1.10, 'NaN'), (23, 2.20, 3),
  (24, 5, 'Infinity'), (24, 6, '-Infinity'), (25, 7, 'Infinity'), (25, 8, 1e-20);
ANALYZE pa_users; ANALYZE pa_profiles; ANALYZE pa_orders;
PREPARE w3(int) AS SELECT count(*) AS n, sum(amount) AS total, avg(amount) AS mean, sum(free) AS f, avg(free) AS af FROM pa_orders WHERE uid = $1;
EXECUTE w3(1);
EXECUTE w3(7);
EXECUTE w3(21);
EXECUTE w3(22);
EXECUTE w3(23);
EXECUTE w3(24);
EXECUTE w3(25);
EXECUTE w3(99);
SELECT uid, count(*), sum(amount), avg(free), count(amount) FILTER (WHERE amount > 100) FROM pa_orders WHERE uid IN (1, 2, 21, 23) GROUP BY uid ORDER BY uid;
SELECT sum(amount), sum(free) FROM pa_orders;
SELECT sum(x) FROM (VALUES (1.5::numeric), (2), (0.25), (NULL)) v(x);
-- an aggregate of this level read by a subquery, in the select list and in HAVING
SELECT count(*), (SELECT sum(o.amount) + count(*)) AS s FROM pa_orders o WHERE uid = 3;
SELECT count(*) FROM pa_orders o WHERE uid = 4 HAVING (SELECT sum(o.amount) > 100);
SELECT count(*) FROM pa_orders o WHERE uid = 4 HAVING (SELECT sum(o.amount) > 100000);
-- the point join, inner and left, and by a key that is missing
PREPARE w2(int) AS SELECT u.name, p.bio FROM pa_users u JOIN pa_profiles p ON p.id = u.id WHERE u.id = $1;
EXECUTE w2(1);
EXECUTE w2(3);
EXECUTE w2(50);
SELECT u.id, u.name, p.bio FROM pa_users u LEFT JOIN pa_profiles p ON p.id = u.id WHERE u.id IN (2, 3, 4) ORDER BY u.id;
SELECT u.id, (SELECT count(*) FROM pa_orders o WHERE o.uid = u.id) AS n, (SELECT sum(amount) FROM pa_orders o WHERE o.uid = u.id) AS s FROM pa_users u WHERE u.id <= 4 ORDER BY u.id;
-- a correlated subquery running the same kind of scan inside the scan's own rows
SELECT o.oid, o.amount, (SELECT count(*) FROM pa_orders o2 WHERE o2.uid = o.uid) FROM pa_orders o WHERE o.uid = 5 ORDER BY o.oid;
SELECT * FROM pa_orders WHERE uid = 6 ORDER BY oid LIMIT 2;
SELECT * FROM pa_orders WHERE uid = 6 LIMIT 0;
UPDATE pa_orders SET amount = amount + 1 WHERE uid = 7;
EXECUTE w3(7);
BEGIN;
DELETE FROM pa_orders WHERE uid = 7 AND oid > 40;
EXECUTE w3(7);
ROLLBACK;
EXECUTE w3(7);
SELECT sum(amount) FROM pa_orders WHERE uid = 1 AND amount > 100;
SELECT sum(amount::numeric(20,10)) FROM pa_orders WHERE uid = 21;
DROP TABLE pa_orders, pa_profiles, pa_users;
