-- Issue 3: LIKE / ILIKE / SIMILAR TO / POSIX regular expressions and the regexp functions.
CREATE TABLE w (id int, s text);
INSERT INTO w VALUES (1, 'Apple pie'), (2, 'apple'), (3, 'banana split'), (4, '100% juice'), (5, 'a_b'), (6, NULL), (7, '');
SELECT id FROM w WHERE s LIKE 'a%' ORDER BY id;
SELECT id FROM w WHERE s ILIKE 'a%' ORDER BY id;
SELECT id FROM w WHERE s NOT LIKE '%a%' ORDER BY id;
SELECT id FROM w WHERE s NOT ILIKE '%A%' ORDER BY id;
SELECT id FROM w WHERE s LIKE '_pple' ORDER BY id;
SELECT id FROM w WHERE s LIKE '%\%%' ORDER BY id;
SELECT id FROM w WHERE s LIKE 'a\_b' ORDER BY id;
SELECT id FROM w WHERE s LIKE 'a#_b' ESCAPE '#' ORDER BY id;
SELECT id FROM w WHERE s ~~ 'a%' OR s ~~* 'B%' ORDER BY id;
SELECT id FROM w WHERE s !~~ '%' ORDER BY id;
SELECT 'abc' LIKE 'abc', 'abc' LIKE 'ab', 'abc' LIKE '%', '' LIKE '', NULL LIKE 'a', 'a' LIKE NULL, 'ABC' ILIKE 'a_c', 'x' LIKE 'x' ESCAPE '';
SELECT 'abc' LIKE 'a\';
SELECT 'abc' LIKE 'a' ESCAPE 'xy';
-- SIMILAR TO
SELECT 'abc' SIMILAR TO 'abc', 'abc' SIMILAR TO 'a', 'abc' SIMILAR TO '%(b|d)%', 'abc' SIMILAR TO '(a|b)*c', 'aaa' SIMILAR TO 'a{2,3}',
  'a.c' SIMILAR TO 'a.c', 'abc' SIMILAR TO 'a.c', 'abc' NOT SIMILAR TO '_b_', 'a+b' SIMILAR TO 'a!+b' ESCAPE '!';
SELECT id FROM w WHERE s SIMILAR TO '[a-z]+ %' ORDER BY id;
SELECT substring('foobar' SIMILAR '%#"o_b#"%' ESCAPE '#'), substring('foobar' FROM '%#"o_b#"%' FOR '#'), substring('foobar' SIMILAR 'x#"y#"z' ESCAPE '#');
-- POSIX
SELECT id, s ~ '^[Aa]pp', s ~* '^APP', s !~ 'an', s !~* 'PIE' FROM w ORDER BY id;
SELECT 'abc' ~ 'b+', 'abc' ~ '^b', 'ABC' ~* 'b', 'x.y' ~ '\.', 'tab	x' ~ '\t', 'word boundary' ~ '\mbound', 'abc' ~ '(?i)ABC';
SELECT 'abc' ~ '(';
SELECT 'abc' ~ 'a{3,1}';
-- substring … from
SELECT substring('Thomas' FROM '...$'), substring('Thomas' FROM 'o(.)a'), substring('abc' FROM 'z'), substring('2024-05-17' FROM '^(\d+)-'),
  substring('Thomas', 'm.'), substring(NULL FROM 'x');
-- regexp functions
SELECT regexp_replace('Thomas', '.[mN]a.', 'M'), regexp_replace('aaa', 'a', 'b'), regexp_replace('aaa', 'a', 'b', 'g'),
  regexp_replace('Hello World', '(\w+) (\w+)', '\2 \1'), regexp_replace('ABC', 'b', 'x', 'i'), regexp_replace('a.b.c', '\.', '&&', 'g'),
  regexp_replace('foobarbaz', 'b..', 'X', 1, 2), regexp_replace('abc', '', '-', 'g');
SELECT regexp_matches('foobarbequebaz', '(bar)(beque)');
SELECT regexp_matches('foobarbequebazilbarfbonk', '(b[^b]+)(b[^b]+)', 'g');
SELECT regexp_matches('abc', 'x');
SELECT regexp_matches('aBc', 'b', 'ig'), regexp_match('foobar', 'o+(b)'), regexp_match('foo', 'x');
SELECT regexp_count('banana', 'an'), regexp_instr('banana', 'an', 1, 2), regexp_like('Banana', '^b', 'i'), regexp_substr('banana', 'a.a', 1, 2);
SELECT * FROM regexp_split_to_table('one, two,three', ',\s*') WITH ORDINALITY;
SELECT regexp_split_to_array('hello world', '\s+'), regexp_split_to_array('abc', '');
SELECT regexp_replace('abc', 'b', 'x', 'z');
SELECT regexp_matches('abc', 'b', 'z');
SELECT regexp_count('abc', 'b', 0);
DROP TABLE w;
