-- Issue 3: GROUP BY with HAVING, GROUPING SETS, ROLLUP, CUBE and GROUPING().
CREATE TABLE sales (region text, city text, product text, year int, qty int, price numeric(8,2));
INSERT INTO sales VALUES
  ('east', 'boston', 'apple', 2021, 10, 1.50),
  ('east', 'boston', 'pear', 2021, 5, 2.00),
  ('east', 'nyc', 'apple', 2022, 20, 1.60),
  ('east', 'nyc', 'pear', 2022, NULL, 2.10),
  ('west', 'la', 'apple', 2021, 7, 1.40),
  ('west', 'la', 'plum', 2022, 3, 3.00),
  ('west', 'sf', 'plum', 2022, 8, 3.10),
  (NULL, NULL, 'apple', 2022, 1, 1.00);
-- plain GROUP BY with HAVING, by expression and by ordinal
SELECT region, sum(qty) AS total FROM sales GROUP BY region HAVING sum(qty) > 5 ORDER BY region NULLS FIRST;
SELECT upper(product), count(*) FROM sales GROUP BY 1 ORDER BY 1;
SELECT year % 2 AS odd, max(price) FROM sales GROUP BY year % 2 ORDER BY odd;
SELECT count(*) FROM sales HAVING count(*) > 100;
SELECT count(*) FROM sales WHERE false HAVING true;
-- GROUPING SETS
SELECT region, product, sum(qty) FROM sales
  GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY region NULLS LAST, product NULLS LAST;
SELECT region, year, count(*), GROUPING(region, year) AS g FROM sales
  GROUP BY GROUPING SETS ((region, year), region, ()) ORDER BY g, region, year;
-- ROLLUP
SELECT region, city, sum(qty) AS q, GROUPING(region) AS gr, GROUPING(city) AS gc FROM sales
  GROUP BY ROLLUP (region, city) ORDER BY region NULLS LAST, city NULLS LAST, gr, gc;
SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region) HAVING sum(qty) > 10 ORDER BY 1;
-- CUBE
SELECT region, year, sum(qty) FROM sales WHERE region IS NOT NULL
  GROUP BY CUBE (region, year) ORDER BY region NULLS LAST, year NULLS LAST;
-- mixed: plain column with a ROLLUP and a CUBE
SELECT product, region, year, count(*) FROM sales WHERE region IS NOT NULL
  GROUP BY product, ROLLUP (region), CUBE (year) ORDER BY 1, 2 NULLS LAST, 3 NULLS LAST;
-- GROUP BY DISTINCT removes duplicate grouping sets
SELECT region, count(*) FROM sales GROUP BY DISTINCT ROLLUP (region), ROLLUP (region) ORDER BY 1 NULLS LAST, 2;
SELECT region, count(*) FROM sales GROUP BY ALL ROLLUP (region), ROLLUP (region) ORDER BY 1 NULLS LAST, 2;
-- empty input: the grand total row still appears
SELECT region, count(*), sum(qty) FROM sales WHERE false GROUP BY ROLLUP (region);
SELECT count(*) FROM sales WHERE false GROUP BY GROUPING SETS ((), ());
-- aggregates with FILTER inside grouping sets
SELECT region, count(*) FILTER (WHERE product = 'apple') AS apples FROM sales
  GROUP BY ROLLUP (region) ORDER BY 1 NULLS LAST, 2;
-- errors
SELECT region, city, sum(qty) FROM sales GROUP BY ROLLUP (region);
SELECT GROUPING(city) FROM sales GROUP BY region;
SELECT region FROM sales GROUP BY region HAVING GROUPING(region, region, region) > 99 AND city = 'x';
SELECT sum(qty) FROM sales GROUP BY sum(qty);
-- expressions over grouping columns, GROUPING in ORDER BY and HAVING, a view
SELECT upper(region) AS r, year + 1 AS next, sum(qty) FROM sales WHERE region IS NOT NULL
  GROUP BY ROLLUP (upper(region), year + 1) ORDER BY GROUPING(upper(region), year + 1), 1, 2;
SELECT region, product, count(*) FROM sales WHERE region IS NOT NULL
  GROUP BY GROUPING SETS ((region, product), region) HAVING GROUPING(product) = 1 OR count(*) > 1 ORDER BY 1, 2 NULLS LAST;
SELECT a, b, count(*) FROM (VALUES (1, 1), (1, 2), (2, 1)) v(a, b) GROUP BY CUBE ((a, b)) ORDER BY 1 NULLS LAST, 2 NULLS LAST;
SELECT a, b, c, count(*) FROM (VALUES (1, 1, 1), (1, 2, 1)) v(a, b, c) GROUP BY ROLLUP (a, (b, c)) ORDER BY 1 NULLS LAST, 2 NULLS LAST, 3 NULLS LAST;
SELECT count(*) FROM sales GROUP BY ();
SELECT region, GROUPING(region) FROM sales GROUP BY region ORDER BY 1;
SELECT GROUPING(region) FROM sales;
SELECT count(*) FROM sales WHERE GROUPING(region) = 0 GROUP BY ROLLUP (region);
DROP TABLE sales;
