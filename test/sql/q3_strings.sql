-- Issue 3: string functions and operators, with NULLs and edge cases.
SELECT 'abc' || 'def', 'abc' || NULL, 'n=' || 42, 42 || '!', concat('a', NULL, 1, true), concat_ws('-', 'a', NULL, 'b', 2);
SELECT length('héllo'), char_length('abc  '), octet_length('héllo'), bit_length('ab'), length(''), length(NULL::text);
SELECT upper('straße'), lower('ÀBC'), initcap('hello wORLD-foo bar_baz');
SELECT lpad('7', 3, '0'), lpad('hello', 3), rpad('ab', 6, 'xy'), lpad('x', 0), rpad('', 3, '');
SELECT trim('  x  ') || '|', ltrim('xxhixx', 'x'), rtrim('xxhixx', 'x'), btrim('xyhiyx', 'xy'),
  trim(BOTH 'x' FROM 'xhix'), trim(LEADING FROM '  a'), trim(TRAILING 'b' FROM 'abb');
SELECT substr('abcdef', 2, 3), substr('abcdef', 4), substr('abc', 0, 2), substr('abc', -1, 3), substring('abcdef' FROM 3 FOR 2),
  substring('abcdef' FROM 5), substring('abc' FOR 1);
SELECT substr('abc', 1, -1);
SELECT position('c' IN 'abcabc'), strpos('abcabc', 'ca'), position('z' IN 'abc'), position('' IN 'abc');
SELECT replace('banana', 'an', 'AN'), replace('abc', '', 'x'), translate('12345', '143', 'ax'), repeat('ab', 3), repeat('x', -1);
SELECT reverse('abc'), left('abcdef', 2), left('abcdef', -2), right('abcdef', 2), right('abcdef', -4);
SELECT split_part('a,b,,c', ',', 3), split_part('a,b,c', ',', 5), split_part('a,b,c', ',', -1), split_part('abc', '', 1);
SELECT split_part('a,b', ',', 0);
SELECT ascii('A'), ascii(''), chr(65), chr(233), md5('abc'), md5('');
SELECT chr(0);
SELECT starts_with('alphabet', 'alp'), 'alphabet' ^@ 'bet', to_hex(255), to_hex(-1), to_hex(9223372036854775807);
SELECT format('%s is %s', 'x', 42), format('%I.%L', 'My Table', E'it''s'), format('%3$s %1$s', 'a', 'b', 'c'),
  format('[%-5s][%5s]', 'ab', 'cd'), format('%s', NULL), format('%L', NULL), format('100%%');
SELECT format('%s %s', 'a');
SELECT format('%z', 1);
SELECT quote_ident('abc'), quote_ident('Abc'), quote_ident('a b'), quote_literal('it''s'), quote_literal(42), quote_nullable(NULL);
SELECT string_to_array('a,b,,c', ','), string_to_array('a b c', ' ', 'b'), string_to_array('abc', NULL), string_to_array('', ',');
SELECT array_to_string(ARRAY['a', NULL, 'c'], '-'), array_to_string(ARRAY['a', NULL, 'c'], '-', '*');
SELECT regexp_split_to_array('a1b22c', '[0-9]+'), overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4), overlay('abc' PLACING 'Z' FROM 2);
SELECT 'abc' < 'abd', 'abc' = 'abc ', 'abc'::char(5) = 'abc'::char(3), 'B' > 'a' COLLATE "C", 'a' || 'b' = 'ab';
SELECT 'abc'::char(5) || '|', length('abc'::char(5)), 'abcdef'::varchar(3), 'ab'::varchar(5) || '|';
SELECT 'abcdef'::char(2);
CREATE TABLE vc (v varchar(3));
INSERT INTO vc VALUES ('abcd');
INSERT INTO vc VALUES ('abc   ');
SELECT v, length(v) FROM vc;
DROP TABLE vc;
SELECT encode('hello'::bytea, 'base64'), encode('\x00ff'::bytea, 'hex'), decode('aGVsbG8=', 'base64'), convert_to('é', 'UTF8');
SELECT sha256('abc'::bytea), encode(sha256(''), 'hex') = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' AS ok;
SELECT unistr('d\0061t\+000061'), normalize('abc'), 'abc' IS NFC NORMALIZED;
SELECT length(repeat('x', 100000)), left(repeat('ab', 3), 4);
