-- Seed 001, part 1: one-to-one relationships -- the two implementation methods
-- and the common use cases (sensitive data, optional data, access patterns,
-- large objects, vertical partitioning). Columns defaulting to NOW() are never printed.

-- Method 1: Foreign Key with UNIQUE Constraint
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE user_profiles (
    profile_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,  -- UNIQUE constraint enforces 1:1
    bio TEXT,
    avatar_url VARCHAR(255),
    date_of_birth DATE,
    phone_number VARCHAR(20),
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

INSERT INTO users (username, email) VALUES
    ('alice', 'alice@example.com'),
    ('bob', 'bob@example.com');
SELECT count(*) AS users_with_default_timestamp FROM users
WHERE created_at IS NOT NULL AND created_at <= now();
INSERT INTO user_profiles (user_id, bio, date_of_birth) VALUES
    (1, 'Alice bio', '1990-04-01');
-- a second profile for the same user violates the 1:1 UNIQUE
INSERT INTO user_profiles (user_id, bio) VALUES (1, 'Alice again');
-- a profile for a user that does not exist
INSERT INTO user_profiles (user_id, bio) VALUES (99, 'nobody');
-- user_id is NOT NULL
INSERT INTO user_profiles (user_id, bio) VALUES (NULL, 'nobody');
-- duplicate username
INSERT INTO users (username, email) VALUES ('alice', 'alice2@example.com');
SELECT profile_id, user_id, bio, date_of_birth FROM user_profiles ORDER BY profile_id;
DELETE FROM users WHERE username = 'alice';
SELECT count(*) FROM user_profiles;

DROP TABLE user_profiles;
DROP TABLE users;

-- Method 2: Shared Primary Key
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL
);

CREATE TABLE user_profiles (
    user_id INT PRIMARY KEY,  -- Same value as users.user_id
    bio TEXT,
    avatar_url VARCHAR(255),
    date_of_birth DATE,
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

INSERT INTO users (username, email) VALUES
    ('alice', 'alice@example.com'),
    ('bob', 'bob@example.com');
INSERT INTO user_profiles (user_id, bio) VALUES (1, 'Alice'), (2, 'Bob');
INSERT INTO user_profiles (user_id, bio) VALUES (2, 'Bob twice');
SELECT * FROM user_profiles ORDER BY user_id;
DELETE FROM users WHERE user_id = 2;
SELECT * FROM user_profiles ORDER BY user_id;

DROP TABLE user_profiles;
DROP TABLE users;

-- 1. Separating Sensitive Data
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE user_credentials (
    credential_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    salt VARCHAR(255) NOT NULL,
    two_factor_secret VARCHAR(100),
    last_password_change TIMESTAMP,
    failed_login_attempts INT DEFAULT 0,
    account_locked_until TIMESTAMP,
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

INSERT INTO users (user_id, username, email) VALUES
    (123, 'john_doe', 'john@example.com'),
    (124, 'jane_roe', 'jane@example.com');
INSERT INTO user_credentials (user_id, password_hash, salt, last_password_change) VALUES
    (123, 'hash-john', 'salt-john', '2024-01-15 10:30:00'),
    (124, 'hash-jane', 'salt-jane', NULL);
SELECT credential_id, user_id, failed_login_attempts, last_password_change
FROM user_credentials ORDER BY credential_id;

-- Query user without exposing credentials
SELECT user_id, username, email
FROM users
WHERE user_id = 123;

-- Only access credentials when needed for authentication
SELECT u.username, c.password_hash, c.salt
FROM users u
JOIN user_credentials c ON u.user_id = c.user_id
WHERE u.username = 'john_doe';

-- 2. Optional Extended Information
CREATE TABLE employees (
    employee_id SERIAL PRIMARY KEY,
    first_name VARCHAR(50) NOT NULL,
    last_name VARCHAR(50) NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL,
    hire_date DATE NOT NULL,
    department_id INT
);

CREATE TABLE employee_profiles (
    profile_id SERIAL PRIMARY KEY,
    employee_id INT UNIQUE NOT NULL,
    bio TEXT,
    photo_url VARCHAR(255),
    linkedin_url VARCHAR(255),
    twitter_handle VARCHAR(50),
    personal_website VARCHAR(255),
    emergency_contact_name VARCHAR(100),
    emergency_contact_phone VARCHAR(20),
    FOREIGN KEY (employee_id) REFERENCES employees(employee_id) ON DELETE CASCADE
);

INSERT INTO employees (first_name, last_name, email, hire_date, department_id) VALUES
    ('Ada', 'Lovelace', 'ada@example.com', '2020-03-01', 1),
    ('Alan', 'Turing', 'alan@example.com', '2021-07-15', 2),
    ('Grace', 'Hopper', 'grace@example.com', '2019-11-30', 1);
INSERT INTO employee_profiles (employee_id, bio, photo_url) VALUES
    (1, 'First programmer', 'https://img.example.com/ada.png'),
    (3, 'Compiler pioneer', NULL);

-- Get employees with or without profiles
SELECT 
    e.employee_id,
    e.first_name,
    e.last_name,
    ep.bio,
    ep.photo_url
FROM employees e
LEFT JOIN employee_profiles ep ON e.employee_id = ep.employee_id
ORDER BY e.employee_id;

-- 3. Different Access Patterns
CREATE TABLE products (
    product_id SERIAL PRIMARY KEY,
    product_name VARCHAR(200) NOT NULL,
    sku VARCHAR(50) UNIQUE NOT NULL,
    price DECIMAL(10,2) NOT NULL,
    category_id INT,
    in_stock BOOLEAN DEFAULT true
);

CREATE TABLE product_specifications (
    spec_id SERIAL PRIMARY KEY,
    product_id INT UNIQUE NOT NULL,
    detailed_description TEXT,
    technical_specs JSONB,
    warranty_info TEXT,
    manufacturer_details TEXT,
    compliance_certifications TEXT[],
    user_manual_url VARCHAR(255),
    FOREIGN KEY (product_id) REFERENCES products(product_id) ON DELETE CASCADE
);

INSERT INTO products (product_id, product_name, sku, price, category_id) VALUES
    (100, 'Basic Mouse', 'SKU-100', 9.5, 5),
    (101, 'Laptop Pro', 'SKU-101', 1299.999, 5),
    (102, 'Desk Lamp', 'SKU-102', 25, 7);
INSERT INTO product_specifications
    (product_id, detailed_description, technical_specs, compliance_certifications)
VALUES
    (101, '15 inch laptop', '{"ram": "16GB", "cpu": {"cores": 8, "ghz": 3.2}, "ports": ["usb-c", "hdmi"]}',
     ARRAY['CE', 'FCC']);
SELECT product_id, sku, price, in_stock FROM products ORDER BY product_id;

-- Most queries only need the product table
SELECT product_id, product_name, price
FROM products
WHERE category_id = 5
ORDER BY product_id;

-- Only fetch specs when needed
SELECT 
    p.product_name,
    ps.detailed_description,
    ps.technical_specs
FROM products p
JOIN product_specifications ps ON p.product_id = ps.product_id
WHERE p.product_id = 101;

SELECT compliance_certifications, technical_specs -> 'cpu' ->> 'cores' AS cores
FROM product_specifications WHERE product_id = 101;

-- 4. Different Data Types or Storage
DROP TABLE user_credentials;
DROP TABLE users;

CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL,
    account_status VARCHAR(20) DEFAULT 'active'
);

CREATE TABLE user_documents (
    document_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    profile_picture BYTEA,
    id_document BYTEA,
    resume_pdf BYTEA,
    picture_content_type VARCHAR(50),
    id_content_type VARCHAR(50),
    resume_content_type VARCHAR(50),
    uploaded_at TIMESTAMP DEFAULT NOW(),
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

INSERT INTO users (username, email) VALUES ('alice', 'alice@example.com');
INSERT INTO user_documents (user_id, profile_picture, picture_content_type)
VALUES (1, '\x89504e470d0a1a0a', 'image/png');
SELECT u.username, u.account_status, d.profile_picture, length(d.profile_picture) AS bytes,
       d.picture_content_type, d.uploaded_at <= now() AS uploaded_in_past
FROM users u JOIN user_documents d ON d.user_id = u.user_id;

DROP TABLE user_documents, users,
    product_specifications, products, employee_profiles, employees;
