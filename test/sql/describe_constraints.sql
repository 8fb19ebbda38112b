-- psql's describe commands: multiple inheritance, deferrable and NULLS NOT DISTINCT keys, MATCH FULL, NOT VALID and NO INHERIT constraints
CREATE TABLE parent_a (a int CHECK (a > 0), shared text DEFAULT 'x');
CREATE TABLE parent_b (b int NOT NULL, shared text);
CREATE TABLE kid (c int) INHERITS (parent_a, parent_b);
CREATE TABLE kid2 () INHERITS (parent_a);
CREATE TABLE uq (id int, code text, CONSTRAINT uq_code UNIQUE NULLS NOT DISTINCT (code), CONSTRAINT uq_id UNIQUE (id) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE pk2 (x int, y int, PRIMARY KEY (x, y));
CREATE TABLE fk2 (x int, y int, z int DEFAULT 0,
  CONSTRAINT fk_full FOREIGN KEY (x, y) REFERENCES pk2 MATCH FULL ON DELETE SET NULL (x) ON UPDATE CASCADE,
  CONSTRAINT z_pos CHECK (z >= 0) NOT VALID,
  CONSTRAINT z_small CHECK (z < 100) NO INHERIT);
ALTER TABLE fk2 ADD CONSTRAINT fk_later FOREIGN KEY (x, y) REFERENCES pk2 NOT VALID;
ALTER TABLE fk2 ADD CONSTRAINT z_even CHECK (z % 2 = 0) NOT VALID;
CREATE TABLE selfref (id int PRIMARY KEY, parent int REFERENCES selfref ON DELETE RESTRICT);
CREATE UNIQUE INDEX kid_c_b ON kid (c, b);
\d parent_a
\d+ parent_a
\d parent_b
\d kid
\d+ kid
\d uq
\d uq_code
\d uq_id
\d pk2
\d pk2_pkey
\d fk2
\d+ fk2
\d selfref
\d kid_c_b
\di kid*
\dt+ nothing
