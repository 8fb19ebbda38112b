-- COMMENT ON TABLE / COLUMN / other objects, read back through obj_description
-- and col_description; replacing, removing, errors, and drop behaviour.

CREATE TABLE account (id int PRIMARY KEY, email text, CONSTRAINT email_has_at CHECK (email LIKE '%@%'));
COMMENT ON TABLE account IS 'Customer accounts';
COMMENT ON COLUMN account.id IS 'Surrogate key';
COMMENT ON COLUMN account.email IS 'Login e-mail
(second line, with ''quotes'')';
SELECT obj_description('account'::regclass, 'pg_class') AS table_comment;
SELECT obj_description('account'::regclass) AS without_catalog_name;
SELECT attname, col_description(attrelid, attnum) AS comment
FROM pg_attribute WHERE attrelid = 'account'::regclass AND attnum > 0 ORDER BY attnum;

-- replacing and removing comments
COMMENT ON TABLE account IS 'Accounts of customers';
SELECT obj_description('account'::regclass, 'pg_class');
COMMENT ON COLUMN account.id IS NULL;
COMMENT ON COLUMN account.email IS '';
SELECT attname, col_description(attrelid, attnum) IS NULL AS no_comment
FROM pg_attribute WHERE attrelid = 'account'::regclass AND attnum > 0 ORDER BY attnum;

-- comments on other objects
CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'Invoices and payments';
CREATE SEQUENCE billing.invoice_no;
COMMENT ON SEQUENCE billing.invoice_no IS 'Invoice numbers';
CREATE INDEX account_email_idx ON account (email);
COMMENT ON INDEX account_email_idx IS 'Lookup by e-mail';
COMMENT ON CONSTRAINT email_has_at ON account IS 'Cheap e-mail validation';
SELECT obj_description('billing'::regnamespace, 'pg_namespace') AS schema_comment,
       obj_description('billing.invoice_no'::regclass, 'pg_class') AS sequence_comment,
       obj_description('account_email_idx'::regclass, 'pg_class') AS index_comment;
SELECT c.conname, obj_description(c.oid, 'pg_constraint') AS comment
FROM pg_constraint c WHERE c.conrelid = 'account'::regclass ORDER BY c.conname;
-- the description catalog
SELECT count(*) FROM pg_description WHERE objoid = 'account'::regclass;

-- errors
COMMENT ON TABLE no_such_table IS 'x';
COMMENT ON COLUMN account.no_such_column IS 'x';
COMMENT ON COLUMN no_such_table.id IS 'x';
COMMENT ON TABLE billing.invoice_no IS 'a sequence is not a table';
COMMENT ON CONSTRAINT no_such ON account IS 'x';
COMMENT ON TABLE account IS 42;

-- comments follow renames and disappear with their objects
ALTER TABLE account RENAME TO customer_account;
ALTER TABLE customer_account RENAME COLUMN email TO mail;
COMMENT ON COLUMN customer_account.mail IS 'Renamed column';
SELECT obj_description('customer_account'::regclass, 'pg_class') AS table_comment,
       col_description('customer_account'::regclass, 2) AS column_comment;
ALTER TABLE customer_account DROP COLUMN mail;
SELECT count(*) AS column_comments FROM pg_description
WHERE objoid = 'customer_account'::regclass AND objsubid > 0;
-- comments inside a rolled-back transaction
BEGIN;
COMMENT ON TABLE customer_account IS 'temporary';
ROLLBACK;
SELECT obj_description('customer_account'::regclass, 'pg_class');
DROP TABLE customer_account;
SELECT count(*) AS leftover FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
WHERE c.relname IN ('account', 'customer_account');
DROP SCHEMA billing CASCADE;
