-- Table inheritance: INHERITS, column merging, ONLY in SELECT/UPDATE/DELETE,
-- tableoid, inherited CHECK / NOT NULL constraints, non-inherited indexes and
-- foreign keys, multiple inheritance, ALTER on the parent, NO INHERIT.

CREATE TABLE vehicle (id int, name text NOT NULL, wheels int CHECK (wheels >= 0));
CREATE TABLE car (doors int DEFAULT 4) INHERITS (vehicle);
CREATE TABLE truck (payload numeric) INHERITS (vehicle);
INSERT INTO vehicle VALUES (1, 'unicycle', 1);
INSERT INTO car (id, name, wheels) VALUES (2, 'sedan', 4);
INSERT INTO truck VALUES (3, 'lorry', 6, 12.5);

SELECT * FROM vehicle ORDER BY id;
SELECT * FROM ONLY vehicle ORDER BY id;
SELECT * FROM car ORDER BY id;
SELECT tableoid::regclass AS source, id, name FROM vehicle ORDER BY id;
SELECT v.id, p.relname FROM vehicle v JOIN pg_class p ON p.oid = v.tableoid ORDER BY v.id;

-- constraints are inherited: CHECK and NOT NULL apply to the children
INSERT INTO car VALUES (4, NULL, 4, 2);
INSERT INTO truck VALUES (5, 'broken', -1, 1);
-- but unique constraints / primary keys are not
ALTER TABLE vehicle ADD PRIMARY KEY (id);
INSERT INTO vehicle VALUES (1, 'dup', 1);
INSERT INTO car VALUES (1, 'dup car', 4, 2);
SELECT id, name, tableoid::regclass FROM vehicle WHERE id = 1 ORDER BY name;

-- UPDATE / DELETE through the parent reach the children, unless ONLY
UPDATE vehicle SET wheels = wheels + 1 WHERE id IN (1, 3);
SELECT id, name, wheels FROM vehicle ORDER BY id, name;
UPDATE ONLY vehicle SET wheels = 0;
SELECT id, name, wheels FROM vehicle ORDER BY id, name;
DELETE FROM ONLY vehicle WHERE name = 'dup car';
DELETE FROM vehicle WHERE name = 'dup car';
SELECT count(*) FROM car;

-- merging columns: same name and type are merged, a type clash is an error
CREATE TABLE amphibious (name text, wheels int, draft numeric) INHERITS (vehicle);
CREATE TABLE bad_child (wheels text) INHERITS (vehicle);
SELECT attname, attinhcount, attislocal FROM pg_attribute
WHERE attrelid = 'amphibious'::regclass AND attnum > 0 ORDER BY attnum;

-- multiple inheritance
CREATE TABLE registered (plate text);
CREATE TABLE taxi (licence int) INHERITS (car, registered);
INSERT INTO taxi VALUES (10, 'cab', 4, 4, 'NY-1', 77);
SELECT id, name, tableoid::regclass FROM vehicle WHERE id = 10;
SELECT plate, tableoid::regclass FROM registered;
SELECT inhrelid::regclass::text AS child, inhparent::regclass::text AS parent, inhseqno
FROM pg_inherits ORDER BY 1, 3;

-- ALTER TABLE on the parent propagates to the children
ALTER TABLE vehicle ADD COLUMN color text DEFAULT 'white';
SELECT id, name, color FROM vehicle ORDER BY id, name;
SELECT * FROM taxi;
ALTER TABLE vehicle DROP COLUMN color;
ALTER TABLE car DROP COLUMN wheels;
-- a NO INHERIT check applies to the parent only
ALTER TABLE vehicle ADD CONSTRAINT parent_only CHECK (id < 100) NO INHERIT;
INSERT INTO vehicle VALUES (100, 'too big', 1);
INSERT INTO car VALUES (100, 'fine', 4, 2);
-- foreign keys referencing the parent do not see child rows
CREATE TABLE trip (vehicle_id int REFERENCES vehicle);
INSERT INTO trip VALUES (1);
INSERT INTO trip VALUES (2);

-- detaching and attaching
ALTER TABLE truck NO INHERIT vehicle;
SELECT count(*) FROM vehicle WHERE id = 3;
ALTER TABLE truck INHERIT vehicle;
SELECT count(*) FROM vehicle WHERE id = 3;
CREATE TABLE lonely (id int);
ALTER TABLE lonely INHERIT vehicle;

DROP TABLE vehicle;
DROP TABLE vehicle CASCADE;
DROP TABLE registered, lonely, trip;
