-- psql's describe commands on views, sequences, schemas, defaults; lists and no-match errors
CREATE TABLE item (id serial PRIMARY KEY, name text NOT NULL, price numeric(8,2) DEFAULT 0, active boolean DEFAULT true);
CREATE VIEW active_items AS SELECT id, name FROM item WHERE active;
CREATE VIEW cheap AS SELECT i.name, i.price * 2 AS double_price FROM item i WHERE i.price < 10 ORDER BY i.name;
COMMENT ON VIEW cheap IS 'cheap things';
COMMENT ON COLUMN cheap.name IS 'item name';
CREATE SEQUENCE counter START 100 INCREMENT 5 MAXVALUE 1000 CYCLE CACHE 10;
CREATE SEQUENCE small_seq AS smallint;
CREATE SEQUENCE owned_seq OWNED BY item.price;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application objects';
CREATE TABLE app.settings (key text PRIMARY KEY, value text);
CREATE TABLE defaults (a int DEFAULT nextval('counter'), b text DEFAULT 'x' || 'y', c date DEFAULT CURRENT_DATE, d timestamptz DEFAULT now(), e int[] DEFAULT '{1,2}', f numeric DEFAULT -1.5, g text DEFAULT NULL, h varchar(10)[] , i char(3) DEFAULT 'ab');
\dv
\d active_items
\d+ active_items
\d+ cheap
\ds
\d counter
\d small_seq
\d owned_seq
\dn
\dn+
\dn app
\dt app.*
\d app.settings
\d app.settings_pkey
\dt
\d defaults
\d+ defaults
\df
\da
\dv nomatch
\ds nomatch
\di nomatch
\dn nomatch
\dt+ nomatch
\dt pg_catalog.pg_class
\dtS pg_namespace
