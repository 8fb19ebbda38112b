CREATE TABLE tt (a int, b text);
CREATE FUNCTION show_tt() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT string_agg(o::text, ', ' ORDER BY o.a) INTO r FROM old_rows o;
    RAISE NOTICE '% old: %', TG_OP, r;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    SELECT string_agg(n::text, ', ' ORDER BY n.a) INTO r FROM new_rows n;
    RAISE NOTICE '% new: %', TG_OP, r;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tt_ins AFTER INSERT ON tt REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION show_tt();
CREATE TRIGGER tt_upd AFTER UPDATE ON tt REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION show_tt();
CREATE TRIGGER tt_del AFTER DELETE ON tt REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION show_tt();
INSERT INTO tt VALUES (1, 'a'), (2, 'b');
UPDATE tt SET b = b || '2';
DELETE FROM tt WHERE a = 1;
UPDATE tt SET b = 'z' WHERE false;
-- a partitioned table: rows of every partition, in the parent's layout
CREATE TABLE pp (a int, b text) PARTITION BY LIST (a);
CREATE TABLE pp1 (b text, a int);
ALTER TABLE pp ATTACH PARTITION pp1 FOR VALUES IN (1);
CREATE TABLE pp2 PARTITION OF pp FOR VALUES IN (2);
CREATE FUNCTION show_pp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  SELECT string_agg(o::text, ', ' ORDER BY o.a) INTO r FROM old_rows o; RAISE NOTICE 'old: %', r;
  SELECT string_agg(n::text, ', ' ORDER BY n.a) INTO r FROM new_rows n; RAISE NOTICE 'new: %', r;
  RETURN NULL;
END $$;
CREATE TRIGGER pp_upd AFTER UPDATE ON pp REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION show_pp();
INSERT INTO pp VALUES (1, 'x'), (2, 'y');
UPDATE pp SET b = b || '!';
UPDATE pp SET a = 2 WHERE a = 1;
SELECT tableoid::regclass, * FROM pp ORDER BY 1, 2;
CREATE TABLE r (a int);
CREATE FUNCTION r_show() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE NOTICE 'row % sees %', NEW.a, (SELECT string_agg(a::text, ',' ORDER BY a) FROM nt); RETURN NULL; END $$;
CREATE TRIGGER r_row AFTER INSERT ON r REFERENCING NEW TABLE AS nt FOR EACH ROW EXECUTE FUNCTION r_show();
INSERT INTO r VALUES (1), (2), (3);
INSERT INTO r VALUES (4);
