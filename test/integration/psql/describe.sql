CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL UNIQUE, born date DEFAULT '2000-01-01');
CREATE TABLE book (id serial PRIMARY KEY, author_id int NOT NULL REFERENCES author ON DELETE CASCADE, title varchar(40), price numeric(6,2) CHECK (price > 0), code int GENERATED ALWAYS AS IDENTITY);
CREATE INDEX book_title_idx ON book (title);
COMMENT ON TABLE book IS 'books';
COMMENT ON COLUMN book.title IS 'the title';
CREATE TABLE special_book (extra text) INHERITS (book);
CREATE SCHEMA other;
CREATE SEQUENCE other.s;
\d author
\d book
\d+ book
\dt
\di
\ds
\dn
\d book_title_idx
\d special_book
\dt+
\d other.s
INSERT INTO author VALUES (1, 'Ann'), (2, 'Bob');
\dt+ author
\di+
\d+ author
\dn+
