-- INSERT / UPDATE / DELETE: multi-row VALUES, DEFAULT, INSERT ... SELECT,
-- ON CONFLICT DO NOTHING / DO UPDATE with EXCLUDED, UPDATE ... FROM,
-- DELETE ... USING, RETURNING on all of them.

CREATE TABLE product (
    id int PRIMARY KEY,
    name text NOT NULL,
    price numeric(8,2) DEFAULT 1.00,
    stock int NOT NULL DEFAULT 0,
    sku text UNIQUE
);

-- multi-row VALUES, DEFAULT, column lists
INSERT INTO product VALUES (1, 'pen', 1.5, 10, 'P-1'), (2, 'pencil', DEFAULT, 5, 'P-2');
INSERT INTO product (id, name) VALUES (3, 'eraser');
INSERT INTO product (name, id, sku) VALUES ('ruler', 4, 'R-4') RETURNING *;
INSERT INTO product DEFAULT VALUES;
INSERT INTO product (id, name) VALUES (5);
INSERT INTO product (id) VALUES (5, 'too many');
INSERT INTO product (id, nope) VALUES (5, 'x');
INSERT INTO product VALUES (5, 'cheap', 'abc');
INSERT INTO product VALUES (5, 'pricey', 123456789);
SELECT * FROM product ORDER BY id;

-- INSERT ... SELECT
CREATE TABLE archive (id int PRIMARY KEY, name text, archived boolean DEFAULT true);
INSERT INTO archive (id, name) SELECT id, name FROM product WHERE stock > 0 ORDER BY id;
INSERT INTO archive (id, name) SELECT id + 100, upper(name) FROM product WHERE id <= 2
ORDER BY id RETURNING id, name, archived;
SELECT * FROM archive ORDER BY id;

-- ON CONFLICT DO NOTHING
INSERT INTO product (id, name) VALUES (1, 'duplicate pen') ON CONFLICT DO NOTHING;
INSERT INTO product (id, name, sku) VALUES (6, 'dup sku', 'P-1') ON CONFLICT (id) DO NOTHING;
INSERT INTO product (id, name, sku) VALUES (6, 'dup sku', 'P-1') ON CONFLICT DO NOTHING
RETURNING id;
INSERT INTO product (id, name) VALUES (1, 'dup'), (7, 'notebook') ON CONFLICT DO NOTHING
RETURNING id, name;

-- ON CONFLICT DO UPDATE with EXCLUDED
INSERT INTO product (id, name, stock) VALUES (1, 'pen', 5)
ON CONFLICT (id) DO UPDATE SET stock = product.stock + EXCLUDED.stock
RETURNING id, name, stock;
INSERT INTO product (id, name, sku, price) VALUES (99, 'pen v2', 'P-1', 2.25)
ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price
RETURNING id, name, price, sku;
-- with a WHERE on the update: no row updated, nothing returned
INSERT INTO product (id, name) VALUES (2, 'pencil')
ON CONFLICT (id) DO UPDATE SET stock = 0 WHERE product.stock > 100
RETURNING id;
-- affecting the same row twice in one command
INSERT INTO product (id, name) VALUES (3, 'a'), (3, 'b')
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name;
-- a conflict target without a matching unique index
INSERT INTO product (id, name) VALUES (3, 'a') ON CONFLICT (name) DO NOTHING;
-- ON CONFLICT ON CONSTRAINT
INSERT INTO product (id, name) VALUES (3, 'big eraser')
ON CONFLICT ON CONSTRAINT product_pkey DO UPDATE SET name = EXCLUDED.name;
SELECT * FROM product ORDER BY id;

-- UPDATE with expressions, RETURNING, and no matching rows
UPDATE product SET price = price * 2 WHERE id = 2 RETURNING id, price;
UPDATE product SET stock = stock - 1 WHERE id = 42;
UPDATE product SET name = NULL WHERE id = 2;
UPDATE product SET nope = 1;
UPDATE product SET (price, stock) = (9.99, 99) WHERE id = 4 RETURNING *;

-- UPDATE ... FROM
CREATE TABLE delivery (product_id int, qty int);
INSERT INTO delivery VALUES (2, 20), (3, 30), (42, 1);
WITH u AS (
    UPDATE product p SET stock = p.stock + d.qty
    FROM delivery d WHERE d.product_id = p.id
    RETURNING p.id, p.name, p.stock, d.qty
)
SELECT * FROM u ORDER BY id;
SELECT id, stock FROM product ORDER BY id;

-- DELETE ... USING, RETURNING
DELETE FROM archive a USING product p
WHERE a.id = p.id AND p.stock < 20
RETURNING a.id, a.name, p.stock;
WITH d AS (DELETE FROM archive WHERE id > 100 RETURNING *)
SELECT * FROM d ORDER BY id;
DELETE FROM archive WHERE false;
SELECT * FROM archive ORDER BY id;
DELETE FROM product WHERE id = 7 RETURNING name, price * stock AS value;
DELETE FROM product p WHERE p.nope = 1;

-- data-modifying statement in WITH
WITH moved AS (DELETE FROM product WHERE stock < 20 RETURNING id, name)
INSERT INTO archive (id, name, archived) SELECT id, name, false FROM moved;
SELECT * FROM archive ORDER BY id;
SELECT id FROM product ORDER BY id;

DROP TABLE delivery, archive, product;
