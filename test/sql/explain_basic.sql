-- EXPLAIN: plan shapes and node names as PostgreSQL prints them (COSTS OFF), for
-- choices the cost model makes plainly: index scans for selective equalities, hash
-- joins for equi-joins, semi/anti joins for EXISTS, sorts, aggregates, limits.
CREATE TABLE users (user_id serial PRIMARY KEY, username varchar(50) UNIQUE NOT NULL,
  email varchar(100) UNIQUE NOT NULL, created_at timestamp DEFAULT now());
CREATE TABLE user_profiles (user_id int PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  bio text, avatar_url varchar(255));
CREATE TABLE orders (order_id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  product varchar(100), amount numeric(10,2) CHECK (amount > 0));
CREATE INDEX orders_user_id_idx ON orders (user_id);
-- the bench's point join and per-user aggregate use the indexes
EXPLAIN (COSTS OFF) SELECT u.username, p.bio FROM users u JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = 1;
EXPLAIN (COSTS OFF) SELECT count(*) AS n, sum(amount) AS total FROM orders WHERE user_id = 1;
-- anti join and outer join
EXPLAIN (COSTS OFF) SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM user_profiles p WHERE p.user_id = u.user_id);
EXPLAIN (COSTS OFF) SELECT count(*), count(p.user_id) FROM users u LEFT JOIN user_profiles p ON p.user_id = u.user_id;
EXPLAIN (COSTS OFF) SELECT u.username FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.user_id);
EXPLAIN (COSTS OFF) SELECT * FROM users u LEFT JOIN orders o ON o.user_id = u.user_id WHERE o.amount IS NULL;
-- scans
EXPLAIN (COSTS OFF) SELECT * FROM users;
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE user_id = 42;
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE username = 'user7';
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE user_id IN (1, 2, 3);
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE user_id = 1 OR user_id = 2;
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE username LIKE 'a%' OR email = 'x';
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE amount > 10 AND user_id = 3;
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE 1 = 2;
-- upper nodes
EXPLAIN (COSTS OFF) SELECT user_id, count(*) FROM orders GROUP BY user_id HAVING count(*) > 1;
EXPLAIN (COSTS OFF) SELECT DISTINCT product FROM orders ORDER BY product;
EXPLAIN (COSTS OFF) SELECT * FROM users ORDER BY email LIMIT 5;
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE user_id = 1 FOR UPDATE;
EXPLAIN (COSTS OFF) SELECT 1;
EXPLAIN (COSTS OFF) SELECT CASE WHEN user_id > 1 THEN 'a' ELSE 'b' END FROM users WHERE CASE WHEN user_id > 1 THEN true ELSE false END;
-- subqueries that stay subqueries
EXPLAIN (COSTS OFF) SELECT u.username, (SELECT count(*) FROM orders o WHERE o.user_id = u.user_id) FROM users u;
-- joins
EXPLAIN (COSTS OFF) SELECT * FROM orders o JOIN users u ON u.user_id = o.user_id;
EXPLAIN (COSTS OFF) SELECT * FROM orders o JOIN users u USING (user_id) WHERE o.order_id = 5;
-- data-modifying statements
EXPLAIN (COSTS OFF) DELETE FROM users WHERE user_id = 1;
EXPLAIN (COSTS OFF) UPDATE orders SET amount = 1 WHERE user_id = 2;
EXPLAIN (COSTS OFF) INSERT INTO users (username, email) VALUES ('a', 'b');
-- costs shown: PostgreSQL's cost model on tables never analyzed
EXPLAIN SELECT * FROM users;
EXPLAIN SELECT * FROM orders WHERE user_id = 1;
EXPLAIN SELECT u.username, p.bio FROM users u JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = 1;
-- options
EXPLAIN (FORMAT TEXT, COSTS false) SELECT * FROM users;
EXPLAIN (COSTS OFF, NOSUCH) SELECT 1;
EXPLAIN (FORMAT XYZ) SELECT 1;
EXPLAIN (WAL) SELECT 1;
