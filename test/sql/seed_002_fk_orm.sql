-- Seed 002: the SQL that the SQLAlchemy models of the seed stand for:
-- users/orders (one-to-many), profile (one-to-one through a unique FK),
-- user_courses (many-to-many association table), the blog example, and each
-- referential action (CASCADE, SET NULL, RESTRICT, NO ACTION, SET DEFAULT).

-- SQL Equivalent
CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    name VARCHAR(100)
);

CREATE TABLE orders (
    order_id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),  -- Foreign Key
    product VARCHAR(100)
);

INSERT INTO users (name) VALUES ('Alice'), ('Bob'), ('Charlie');

-- Valid: user 1 exists
INSERT INTO orders (user_id, product) VALUES (1, 'Laptop');
-- Invalid: user 999 doesn't exist
INSERT INTO orders (user_id, product) VALUES (999, 'Laptop');
-- A NULL foreign key is not checked
INSERT INTO orders (user_id, product) VALUES (NULL, 'Gift card');
INSERT INTO orders (user_id, product) VALUES (2, 'Phone'), (1, 'Mouse'), (3, 'Keyboard');

-- One-to-many: each user's orders
SELECT u.name, o.order_id, o.product
FROM users u JOIN orders o ON o.user_id = u.id
ORDER BY u.id, o.order_id;
SELECT u.name, count(o.order_id) AS n_orders
FROM users u LEFT JOIN orders o ON o.user_id = u.id
GROUP BY u.id, u.name ORDER BY u.id;

-- Without ondelete the FK is NO ACTION: a referenced user cannot be deleted
DELETE FROM users WHERE id = 3;
UPDATE users SET id = 30 WHERE id = 3;

-- One-to-one: profile.user_id is UNIQUE
CREATE TABLE profiles (
    id SERIAL PRIMARY KEY,
    user_id INTEGER UNIQUE REFERENCES users(id)
);
INSERT INTO profiles (user_id) VALUES (1), (2);
INSERT INTO profiles (user_id) VALUES (1);
-- several NULLs are allowed in a UNIQUE column
INSERT INTO profiles (user_id) VALUES (NULL), (NULL);
SELECT p.id, p.user_id, u.name FROM profiles p LEFT JOIN users u ON u.id = p.user_id ORDER BY p.id;

-- Many-to-many: association table with two foreign keys
CREATE TABLE courses (
    id SERIAL PRIMARY KEY,
    title VARCHAR(100)
);
CREATE TABLE user_courses (
    user_id INTEGER REFERENCES users(id),
    course_id INTEGER REFERENCES courses(id)
);
INSERT INTO courses (title) VALUES ('SQL'), ('Python'), ('Databases');
INSERT INTO user_courses VALUES (1, 1), (1, 3), (2, 1), (3, 2), (3, 3);
INSERT INTO user_courses VALUES (2, 42);
SELECT u.name, c.title
FROM users u
JOIN user_courses uc ON uc.user_id = u.id
JOIN courses c ON c.id = uc.course_id
ORDER BY u.name, c.title;
SELECT c.title, count(*) AS students
FROM courses c JOIN user_courses uc ON uc.course_id = c.id
GROUP BY c.title ORDER BY c.title;

-- Example 1: Blog System
CREATE TABLE categories (
    id SERIAL PRIMARY KEY,
    name VARCHAR
);
CREATE TABLE posts (
    id SERIAL PRIMARY KEY,
    title VARCHAR,
    author_id INTEGER REFERENCES users(id),
    category_id INTEGER REFERENCES categories(id)
);
INSERT INTO categories (name) VALUES ('news'), ('howto');
INSERT INTO posts (title, author_id, category_id) VALUES
    ('Hello', 1, 1), ('Joins explained', 2, 2), ('Draft', 2, NULL);
INSERT INTO posts (title, author_id, category_id) VALUES ('Bad', 1, 7);
SELECT p.title, u.name AS author, c.name AS category
FROM posts p JOIN users u ON u.id = p.author_id
LEFT JOIN categories c ON c.id = p.category_id
ORDER BY p.id;

DROP TABLE posts, categories, user_courses, courses, profiles, orders, users;

-- Cascade rules: one parent, one child table per ondelete option
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO parent VALUES (0, 'default parent'), (1, 'one'), (2, 'two'), (3, 'three');

CREATE TABLE child_cascade (id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE);
CREATE TABLE child_set_null (id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES parent(id) ON DELETE SET NULL);
CREATE TABLE child_set_default (id INTEGER PRIMARY KEY,
    parent_id INTEGER DEFAULT 0 REFERENCES parent(id) ON DELETE SET DEFAULT);
CREATE TABLE child_restrict (id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES parent(id) ON DELETE RESTRICT);
CREATE TABLE child_no_action (id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES parent(id) ON DELETE NO ACTION);

INSERT INTO child_cascade VALUES (10, 1), (11, 1), (12, 2);
INSERT INTO child_set_null VALUES (20, 1), (21, 2);
INSERT INTO child_set_default VALUES (30, 1), (31, 2);

-- CASCADE deletes the children, SET NULL / SET DEFAULT rewrite them
DELETE FROM parent WHERE id = 1;
SELECT * FROM child_cascade ORDER BY id;
SELECT * FROM child_set_null ORDER BY id;
SELECT * FROM child_set_default ORDER BY id;

-- RESTRICT: prevent parent deletion if children exist
INSERT INTO child_restrict VALUES (40, 3);
DELETE FROM parent WHERE id = 3;
-- NO ACTION: similar to RESTRICT
DELETE FROM child_restrict;
INSERT INTO child_no_action VALUES (50, 3);
DELETE FROM parent WHERE id = 3;

-- SET DEFAULT: the default value must itself satisfy the foreign key
DELETE FROM parent WHERE id = 0;
SELECT * FROM parent ORDER BY id;

DROP TABLE child_cascade, child_set_null, child_set_default, child_restrict,
    child_no_action, parent;
