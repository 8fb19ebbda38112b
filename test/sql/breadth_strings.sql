-- SIMILAR TO and SUBSTRING … SIMILAR
select 'abcdefg' similar to '_bcd%' as t, 'abcdefg' similar to 'bcd%' as f;
select 'abcd%' similar to '_bcd#%' escape '#' as t, 'abcd\efg' similar to '_bcd\%' escape '' as t2;
select 'abcdefg' similar to '_bcd%' escape null as n;
select 'abc' similar to '[[:alpha:]]%' as t, 'a]b' similar to '_[]]_' as t2;
select 'abcdefg' similar to '_bcd#%' escape '##' as error;
select substring('abcdefg' similar 'a#"(b_d)#"%' escape '#') as bcd,
       substring('abcdefg' from 'a#"%#"g' for '#') as bcdef,
       substring('abcdefg' similar 'a*#"%#"g*' escape '#') as abcdefg;
select substring('abcdefg' similar 'a*#"%#"g*#"x' escape '#') as error;
select similar_to_escape('a#"%#"b', '#'), similar_to_escape('abc%_');
select substring('foobar' from 'o(b)');
-- unistr
select unistr('\0064at\+0000610'), unistr('d\u0061t\U000000610'), unistr('a\\b');
select unistr('wrong: \db99');
select unistr('wrong: \+2FFFFF');
select unistr('wrong: \xyz');
-- bytea functions
set bytea_output to escape;
select substring('1234567890'::bytea from 3) as s1, substring('1234567890'::bytea from 4 for 3) as s2,
       substr('string'::bytea, -10, 2147483646) as s3;
select substring('string'::bytea from -10 for -2147483646) as error;
select trim(E'\\000'::bytea from E'\\000Tom\\000'::bytea), btrim(E'\\000trim\\000'::bytea, ''::bytea),
       ltrim(E'\\000Tom\\000'::bytea, E'\\000'::bytea), rtrim(E'\\000Tom\\000'::bytea, E'\\000'::bytea);
select encode(overlay(E'Th\\000omas'::bytea placing E'Th\\001omas'::bytea from 2), 'escape'),
       encode(overlay(E'Th\\000omas'::bytea placing E'\\002\\003'::bytea from 5 for 3), 'escape');
set bytea_output to hex;
select get_bit('\x1234567890abcdef00'::bytea, 43), set_bit('\x1234567890abcdef00'::bytea, 43, 0),
       set_byte('\x1234567890abcdef00'::bytea, 7, 11), bit_count('\x1234567890'::bytea);
select get_bit('\x1234567890abcdef00'::bytea, 99);
select set_byte('\x12'::bytea, 99, 11);
select 'abc'::bytea like '_b_'::bytea as t, 'abc'::bytea not like '_b_'::bytea as f,
       'a_c'::bytea like 'a$__'::bytea escape '$'::bytea as t2;
select sha224('abc'), sha256('abc'::bytea), md5('abc'::bytea);
select sha384(''), sha512('');
-- format
select format('Hello'), format('Hello %%'), format(NULL), format('%s, %s', variadic array[1, 2]);
select format('%2$s, %1$s', variadic array['first', 'second']), format('Hello', variadic NULL::int[]);
select format('>>%*1$s<<', 10, 'Hello'), format('>>%-10s<<', 'Hello'), format('>>%2$*1$L<<', -10, NULL);
select format('%*0$s', 'Hello');
select concat(variadic array[1, 2, 3]), concat_ws(',', variadic array[1, 2, 3]), concat(variadic NULL::int[]) is null;
select concat_ws(',', variadic 10);
-- function-call casts and internal functions
select float8(2::int8), int4(2.6::numeric), text(42), numeric(7::int2), int8('12');
select booleq(true, true), boolne(true, false), texteq('a', 'a'), numeric_inc(1.5);
select regexp_split_to_array('abc', 'b', 'g');
-- numeric limits
select round(4.5e131071, -131072) as zero, round(5e-16383, 16382) = 1e-16382 as t;
select round(5.5e131071, -131072);
select trunc(9.9e131071, -131071) = 9e131071 as t;
select (-1.0) ^ 2147483648 as one, (-1.0) ^ 1000000000000001 as minus_one;
select coalesce(nullif(0.9999999999 ^ 70000000000000, 0), 0) as underflows;
select log(0.0);
