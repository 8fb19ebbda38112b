-- Seed 001, part 3: best practices (FK side, constraints, CASCADE / RESTRICT with
-- ON UPDATE CASCADE, indexes, COMMENT ON), the one-table alternative, and the
-- querying patterns (INNER JOIN, LEFT JOIN, EXISTS, NOT EXISTS).

-- 1. Choose the Right Side for the Foreign Key
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) NOT NULL
);

CREATE TABLE user_profiles (
    profile_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,  -- Foreign key here
    bio TEXT,
    FOREIGN KEY (user_id) REFERENCES users(user_id)
);

-- 2. Use Appropriate Constraints
CREATE TABLE user_settings (
    setting_id SERIAL PRIMARY KEY,
    user_id INT NOT NULL UNIQUE,  -- NOT NULL + UNIQUE enforces 1:1
    theme VARCHAR(20) DEFAULT 'light',
    language VARCHAR(10) DEFAULT 'en',
    timezone VARCHAR(50) DEFAULT 'UTC',
    notifications_enabled BOOLEAN DEFAULT true,
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

-- 3. Consider Using CASCADE
CREATE TABLE user_preferences (
    preference_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    -- When user is deleted, delete preferences too
    FOREIGN KEY (user_id) REFERENCES users(user_id) 
        ON DELETE CASCADE 
        ON UPDATE CASCADE
);

-- Alternative: Prevent deletion if preferences exist
CREATE TABLE user_subscription (
    subscription_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    FOREIGN KEY (user_id) REFERENCES users(user_id) 
        ON DELETE RESTRICT  -- Can't delete user with active subscription
        ON UPDATE CASCADE
);

INSERT INTO users (username) VALUES ('alice'), ('bob'), ('carol');
INSERT INTO user_profiles (user_id, bio) VALUES (1, 'Alice'), (2, 'Bob');
INSERT INTO user_settings (user_id, theme) VALUES (1, 'dark'), (2, DEFAULT), (3, 'solarized');
INSERT INTO user_preferences (user_id) VALUES (1), (2), (3);
INSERT INTO user_subscription (user_id) VALUES (2);
SELECT * FROM user_settings ORDER BY setting_id;

-- no action (default): user 1 still has a profile
DELETE FROM users WHERE user_id = 1;
-- restrict: once bob's profile is gone, his subscription still blocks the delete
DELETE FROM user_profiles WHERE user_id = 2;
DELETE FROM users WHERE user_id = 2;
-- user 3 has no profile and no subscription: settings and preferences cascade
DELETE FROM users WHERE user_id = 3;
SELECT user_id FROM user_settings ORDER BY user_id;
SELECT user_id FROM user_preferences ORDER BY user_id;

-- ON UPDATE CASCADE: changing bob's key is blocked by user_settings (no action on update) ...
UPDATE users SET user_id = 20 WHERE user_id = 2;
-- ... but allowed once the settings are gone; preferences and subscription follow
DELETE FROM user_settings WHERE user_id = 2;
UPDATE users SET user_id = 20 WHERE user_id = 2;
SELECT * FROM user_preferences ORDER BY preference_id;
SELECT * FROM user_subscription ORDER BY subscription_id;

-- 4. Add Appropriate Indexes
CREATE TABLE user_addresses (
    address_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    street VARCHAR(100),
    city VARCHAR(50),
    state VARCHAR(2),
    zip_code VARCHAR(10),
    country VARCHAR(50),
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

-- Additional index for geographic queries
CREATE INDEX idx_user_addresses_location 
ON user_addresses(city, state, country);

INSERT INTO user_addresses (user_id, street, city, state, zip_code, country)
VALUES (20, '1 Main St', 'Springfield', 'IL', '62701', 'USA');
SELECT city, state, country FROM user_addresses
WHERE city = 'Springfield' AND state = 'IL' AND country = 'USA';

-- 5. Document the Reason for Separation
CREATE TABLE employees (
    employee_id SERIAL PRIMARY KEY,
    first_name VARCHAR(50) NOT NULL
);

CREATE TABLE employee_ssn (
    ssn_id SERIAL PRIMARY KEY,
    employee_id INT UNIQUE NOT NULL,
    ssn_encrypted VARCHAR(255) NOT NULL,
    encryption_key_version INT NOT NULL,
    FOREIGN KEY (employee_id) REFERENCES employees(employee_id) ON DELETE CASCADE
);

COMMENT ON TABLE employee_ssn IS 
'Separated for PII compliance and access control. 
Only HR personnel should have access to this table.';

SELECT obj_description('employee_ssn'::regclass, 'pg_class') AS comment;

DROP TABLE employee_ssn, employees, user_addresses, user_subscription,
    user_preferences, user_settings, user_profiles, users;

-- Alternative: Keep Everything in One Table
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) NOT NULL,
    email VARCHAR(100) NOT NULL
);

CREATE TABLE user_profiles (
    profile_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50),
    FOREIGN KEY (user_id) REFERENCES users(user_id)
);

-- Consider combining them (users already exists: error)
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) NOT NULL,
    email VARCHAR(100) NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50)
);

DROP TABLE user_profiles, users;

CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) NOT NULL,
    email VARCHAR(100) NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50)
);
DROP TABLE users;

-- Querying One-to-One Relationships
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL
);

CREATE TABLE user_profiles (
    profile_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    bio TEXT,
    avatar_url VARCHAR(255),
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

INSERT INTO users (user_id, username, email) VALUES
    (121, 'ann', 'ann@example.com'),
    (122, 'ben', 'ben@example.com'),
    (123, 'cat', 'cat@example.com'),
    (124, 'dan', 'dan@example.com');
INSERT INTO user_profiles (user_id, bio, avatar_url) VALUES
    (123, 'Cat likes SQL', 'https://img.example.com/cat.png'),
    (121, 'Ann', NULL);

-- INNER JOIN (only records with both sides)
SELECT 
    u.user_id,
    u.username,
    u.email,
    up.bio,
    up.avatar_url
FROM users u
INNER JOIN user_profiles up ON u.user_id = up.user_id
WHERE u.user_id = 123;

-- LEFT JOIN: all users, even those without profiles
SELECT 
    u.user_id,
    u.username,
    u.email,
    up.bio,
    up.avatar_url
FROM users u
LEFT JOIN user_profiles up ON u.user_id = up.user_id
ORDER BY u.user_id;

-- Find users who have completed their profile
SELECT user_id, username, email
FROM users u
WHERE EXISTS (
    SELECT 1 
    FROM user_profiles up 
    WHERE up.user_id = u.user_id
)
ORDER BY user_id;

-- Find users without profiles
SELECT user_id, username, email
FROM users u
WHERE NOT EXISTS (
    SELECT 1 
    FROM user_profiles up 
    WHERE up.user_id = u.user_id
)
ORDER BY user_id;

DROP TABLE user_profiles, users;
