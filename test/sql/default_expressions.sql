-- DEFAULT expressions: no column references, subqueries, aggregates or set-returning functions; assignable to the column
CREATE TABLE default_expr_column (id int DEFAULT (id));
CREATE TABLE default_expr_column (id int DEFAULT (bar.id));
CREATE TABLE default_expr_agg_column (id int DEFAULT (avg(id)));
CREATE TABLE default_expr_non_column (a int DEFAULT (avg(non_existent)));
CREATE TABLE default_expr_agg (a int DEFAULT (avg(1)));
CREATE TABLE default_expr_agg (a int DEFAULT (select 1));
CREATE TABLE default_expr_agg (a int DEFAULT (generate_series(1,3)));
CREATE TABLE dt (a int DEFAULT 'x'::text);
CREATE TABLE dt2 (a int DEFAULT '5', b timestamp DEFAULT now(), c serial, d text DEFAULT 1);
INSERT INTO dt2 DEFAULT VALUES;
SELECT a, c, d FROM dt2;
ALTER TABLE dt2 ALTER COLUMN a SET DEFAULT (a);
ALTER TABLE dt2 ADD COLUMN e int DEFAULT (select 1);
