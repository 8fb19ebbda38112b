-- Seed 000: one-to-one relationship with ON DELETE CASCADE (site_user / profile),
-- every SQL example of the seed, in order.

-- Let's create the tables
CREATE TABLE site_user(
    id SERIAL PRIMARY KEY,
    username VARCHAR(100) NOT NULL UNIQUE,
    email VARCHAR(100) NOT NULL UNIQUE,
    password VARCHAR(100) NOT NULL
);

CREATE TABLE profile(
    site_user_id INT PRIMARY KEY UNIQUE,
    description TEXT NOT NULL,
    FOREIGN KEY(site_user_id)
    REFERENCES site_user(id)
    ON DELETE CASCADE
);

-- Let's add some data
INSERT INTO site_user(
    username,
    email,
    password
)
VALUES
('bobwatkins','bobwatkins@anemailaccount.com','1234');

INSERT INTO profile(
    site_user_id,
    description
)
VALUES
(1, 'Hi my name is Bob.');

SELECT * FROM site_user;
SELECT * FROM profile;

-- Test the unique constraint: another profile for user 1
INSERT INTO profile(
    site_user_id,
    description
)
VALUES
(1, 'Hi, I go by the name of Bob.');

-- Delete the user: the profile goes with it (ON DELETE CASCADE)
DELETE FROM site_user 
WHERE username = 'bobwatkins';

SELECT * FROM site_user;

SELECT * FROM profile;

-- Some more data, then TRUNCATE ... RESTART IDENTITY CASCADE
INSERT INTO site_user(username, email, password)
VALUES
('alice', 'alice@example.com', 'pw1'),
('carol', 'carol@example.com', 'pw2');

INSERT INTO profile(site_user_id, description)
VALUES (2, 'Alice here.'), (3, 'Carol here.');

SELECT * FROM site_user ORDER BY id;
SELECT * FROM profile ORDER BY site_user_id;

TRUNCATE TABLE site_user
RESTART IDENTITY
CASCADE;

TRUNCATE TABLE profile;

SELECT count(*) FROM site_user;
SELECT count(*) FROM profile;

-- The identity counter starts again at 1
INSERT INTO site_user(username, email, password)
VALUES ('dave', 'dave@example.com', 'pw3')
RETURNING id, username;

-- The seed's statement: not valid PostgreSQL (syntax error)
DROP site_user;

-- Dropping the referenced table without CASCADE fails
DROP TABLE site_user;

-- With CASCADE the foreign key constraint is dropped (NOTICE), profile remains
DROP TABLE site_user
CASCADE;

SELECT * FROM profile;
DROP TABLE profile;
