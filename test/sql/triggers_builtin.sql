CREATE TABLE s (a int, b text);
CREATE TRIGGER s_supp BEFORE UPDATE ON s FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
CREATE TRIGGER s_bad AFTER INSERT ON s FOR EACH ROW EXECUTE FUNCTION pg_catalog.suppress_redundant_updates_trigger();
INSERT INTO s VALUES (1, 'x'), (2, NULL);
DROP TRIGGER s_bad ON s;
INSERT INTO s VALUES (1, 'x'), (2, NULL);
UPDATE s SET b = b;
UPDATE s SET b = 'y' WHERE a = 1;
UPDATE s SET a = a;
\d s
