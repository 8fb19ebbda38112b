-- Seed 001, part 2: vertical partitioning and the three implementation examples
-- (user authentication, company / legal entity in a transaction, vehicle registration).
-- Columns defaulting to NOW() are never printed.

-- 5. Vertical Partitioning
CREATE TABLE customers (
    customer_id SERIAL PRIMARY KEY,
    first_name VARCHAR(50) NOT NULL,
    last_name VARCHAR(50) NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL,
    phone VARCHAR(20),
    account_status VARCHAR(20) DEFAULT 'active'
);

CREATE TABLE customer_details (
    detail_id SERIAL PRIMARY KEY,
    customer_id INT UNIQUE NOT NULL,
    company_name VARCHAR(100),
    job_title VARCHAR(100),
    industry VARCHAR(50),
    annual_revenue DECIMAL(15,2),
    employee_count INT,
    website VARCHAR(255),
    notes TEXT,
    preferred_contact_method VARCHAR(20),
    FOREIGN KEY (customer_id) REFERENCES customers(customer_id) ON DELETE CASCADE
);

INSERT INTO customers (first_name, last_name, email) VALUES
    ('Max', 'Mustermann', 'max@example.com'),
    ('Erika', 'Musterfrau', 'erika@example.com');
INSERT INTO customer_details (customer_id, company_name, annual_revenue, employee_count)
VALUES (2, 'Muster GmbH', 1234567.891, 42);
SELECT c.customer_id, c.first_name, c.account_status, d.company_name, d.annual_revenue
FROM customers c LEFT JOIN customer_details d USING (customer_id)
ORDER BY c.customer_id;
DELETE FROM customers WHERE customer_id = 2;
SELECT count(*) FROM customer_details;

DROP TABLE customer_details, customers;

-- Example 1: User Authentication System
CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    email VARCHAR(100) UNIQUE NOT NULL,
    email_verified BOOLEAN DEFAULT false,
    is_active BOOLEAN DEFAULT true,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE user_auth (
    auth_id SERIAL PRIMARY KEY,
    user_id INT UNIQUE NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    password_salt VARCHAR(255) NOT NULL,
    password_updated_at TIMESTAMP DEFAULT NOW(),
    mfa_enabled BOOLEAN DEFAULT false,
    mfa_secret VARCHAR(100),
    FOREIGN KEY (user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

-- Insert user and auth data
INSERT INTO users (username, email) 
VALUES ('alice', 'alice@example.com')
RETURNING user_id;

-- Assuming user_id returned is 1
INSERT INTO user_auth (user_id, password_hash, password_salt)
VALUES (1, '$2b$12$...', 'random_salt_here');

-- created_at and updated_at come from the same NOW() (transaction start time)
SELECT user_id, email_verified, is_active, created_at = updated_at AS same_default_time
FROM users;

-- Query for login
SELECT 
    u.user_id,
    u.username,
    u.email,
    u.is_active,
    a.password_hash,
    a.password_salt,
    a.mfa_enabled
FROM users u
JOIN user_auth a ON u.user_id = a.user_id
WHERE u.username = 'alice' AND u.is_active = true;

-- Example 2: Company and Legal Entity
CREATE TABLE companies (
    company_id SERIAL PRIMARY KEY,
    company_name VARCHAR(200) NOT NULL,
    website VARCHAR(255),
    industry VARCHAR(100),
    founded_year INT,
    employee_count INT,
    headquarters_location VARCHAR(100)
);

CREATE TABLE company_legal_entities (
    entity_id SERIAL PRIMARY KEY,
    company_id INT UNIQUE NOT NULL,
    legal_name VARCHAR(200) NOT NULL,
    tax_id VARCHAR(50) UNIQUE NOT NULL,
    registration_number VARCHAR(50) UNIQUE NOT NULL,
    legal_structure VARCHAR(50), -- LLC, Corporation, etc.
    incorporation_date DATE,
    jurisdiction VARCHAR(100),
    registered_address TEXT,
    FOREIGN KEY (company_id) REFERENCES companies(company_id) ON DELETE CASCADE
);

-- First without preparing the sequence: the company gets id 1, so the
-- legal entity for company 42 fails and the whole transaction is rolled back.
BEGIN;

INSERT INTO companies (company_name, website, industry)
VALUES ('Tech Innovations Inc', 'https://techinno.com', 'Software')
RETURNING company_id;

INSERT INTO company_legal_entities (
    company_id, 
    legal_name, 
    tax_id, 
    registration_number,
    legal_structure
)
VALUES (
    42,
    'Tech Innovations Incorporated',
    '12-3456789',
    'REG-2024-001',
    'C-Corporation'
);

COMMIT;

SELECT count(*) FROM companies;

-- Now make the next company_id 42, as the seed assumes
SELECT setval('companies_company_id_seq', 41);

BEGIN;

INSERT INTO companies (company_name, website, industry)
VALUES ('Tech Innovations Inc', 'https://techinno.com', 'Software')
RETURNING company_id;

-- Assuming company_id is 42
INSERT INTO company_legal_entities (
    company_id, 
    legal_name, 
    tax_id, 
    registration_number,
    legal_structure
)
VALUES (
    42,
    'Tech Innovations Incorporated',
    '12-3456789',
    'REG-2024-001',
    'C-Corporation'
);

COMMIT;

SELECT c.company_id, c.company_name, e.entity_id, e.legal_name, e.tax_id, e.legal_structure
FROM companies c JOIN company_legal_entities e ON e.company_id = c.company_id;

-- Example 3: Vehicle and Vehicle Registration
CREATE TABLE vehicles (
    vehicle_id SERIAL PRIMARY KEY,
    vin VARCHAR(17) UNIQUE NOT NULL,
    make VARCHAR(50) NOT NULL,
    model VARCHAR(50) NOT NULL,
    year INT NOT NULL,
    color VARCHAR(30),
    mileage INT
);

CREATE TABLE vehicle_registrations (
    registration_id SERIAL PRIMARY KEY,
    vehicle_id INT UNIQUE NOT NULL,
    license_plate VARCHAR(20) UNIQUE NOT NULL,
    state VARCHAR(2) NOT NULL,
    registration_date DATE NOT NULL,
    expiration_date DATE NOT NULL,
    owner_name VARCHAR(100) NOT NULL,
    owner_address TEXT,
    FOREIGN KEY (vehicle_id) REFERENCES vehicles(vehicle_id) ON DELETE CASCADE
);

-- Create indexes for lookups
CREATE INDEX idx_registration_license_plate 
ON vehicle_registrations(license_plate);

CREATE INDEX idx_registration_expiration 
ON vehicle_registrations(expiration_date);

INSERT INTO vehicles (vin, make, model, year, color, mileage) VALUES
    ('1HGCM82633A004352', 'Honda', 'Accord', 2003, 'silver', 182000),
    ('5YJ3E1EA7KF317000', 'Tesla', 'Model 3', 2019, 'red', 40000);
INSERT INTO vehicle_registrations
    (vehicle_id, license_plate, state, registration_date, expiration_date, owner_name)
VALUES
    (1, 'ABC-1234', 'CA', '2024-01-10', '2025-01-10', 'Jane Driver'),
    (2, 'XYZ-9876', 'NV', '2023-06-01', '2024-06-01', 'John Rider');
-- VIN longer than 17 characters; state longer than 2
INSERT INTO vehicles (vin, make, model, year) VALUES ('1HGCM82633A0043521', 'Honda', 'Civic', 2004);
INSERT INTO vehicle_registrations
    (vehicle_id, license_plate, state, registration_date, expiration_date, owner_name)
VALUES (2, 'NEW-0001', 'NEV', '2024-06-01', '2025-06-01', 'John Rider');

-- Query by license plate
SELECT 
    v.vin,
    v.make,
    v.model,
    v.year,
    vr.license_plate,
    vr.owner_name,
    vr.expiration_date
FROM vehicles v
JOIN vehicle_registrations vr ON v.vehicle_id = vr.vehicle_id
WHERE vr.license_plate = 'ABC-1234';

DROP TABLE vehicle_registrations, vehicles, company_legal_entities, companies, user_auth, users;
