CREATE TABLE base (id int PRIMARY KEY, v text);
CREATE VIEW agg AS SELECT DISTINCT id, upper(v) AS uv, length(v) AS n FROM base;
CREATE VIEW simple AS SELECT id, v FROM base;
CREATE FUNCTION agg_dml() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO base VALUES (NEW.id, lower(NEW.uv));
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE base SET v = lower(NEW.uv) WHERE id = OLD.id;
    NEW.n := 0;
    RETURN NEW;
  ELSE
    IF OLD.id = 99 THEN RETURN NULL; END IF;
    DELETE FROM base WHERE id = OLD.id;
    RETURN OLD;
  END IF;
END $$;
INSERT INTO agg VALUES (1, 'A', 0);
CREATE TRIGGER agg_ins INSTEAD OF INSERT OR UPDATE OR DELETE ON agg FOR EACH ROW EXECUTE FUNCTION agg_dml();
INSERT INTO agg VALUES (1, 'A', 0), (2, 'B', 0) RETURNING *;
INSERT INTO agg (id, uv) SELECT 99, 'Z';
SELECT * FROM base ORDER BY id;
UPDATE agg SET uv = 'BB' WHERE id = 2 RETURNING *;
UPDATE agg SET uv = uv || '!';
SELECT * FROM agg ORDER BY id;
DELETE FROM agg WHERE id = 1 RETURNING id, uv;
DELETE FROM agg;
SELECT * FROM base ORDER BY id;
-- an INSTEAD OF trigger takes over even where the view could be updated automatically
CREATE FUNCTION simple_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE NOTICE 'instead of % %', TG_OP, NEW; RETURN NULL; END $$;
CREATE TRIGGER s_ins INSTEAD OF INSERT ON simple FOR EACH ROW EXECUTE FUNCTION simple_ins();
INSERT INTO simple VALUES (5, 'five');
UPDATE simple SET v = 'x' WHERE id = 99;
SELECT * FROM base ORDER BY id;
\d simple
