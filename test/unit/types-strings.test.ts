import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, opr, call, throwsPg, out } from './types-helpers.js';

const t = (name: string, ...args: unknown[]): unknown =>
  call(name, args.map((a) => (typeof a === 'number' ? 'int4' : 'text')), ...args);

test('string functions (outputs from PostgreSQL 15)', () => {
  assert.equal(t('initcap', 'hello wORLD foo-bar 3rd ébc'), 'Hello World Foo-Bar 3rd éBc');
  assert.equal(t('substr', 'hello', 2), 'ello');
  assert.equal(t('substr', 'hello', 0, 3), 'he');
  assert.equal(t('substr', 'hello', -1, 3), 'h');
  assert.equal(t('substring', 'hello', 2, 2), 'el');
  throwsPg(() => t('substr', 'hello', 2, -1), '22011', 'negative substring length not allowed');
  assert.equal(t('position', 'hello', 'lo'), 4);
  assert.equal(t('strpos', 'hello', ''), 1);
  assert.equal(t('btrim', '  x  '), 'x');
  assert.equal(t('btrim', 'xxaxx', 'x'), 'a');
  assert.equal(t('replace', 'abcabc', 'b', 'X'), 'aXcaXc');
  assert.equal(t('replace', 'abc', '', 'X'), 'abc');
  assert.equal(t('left', 'hello', 2), 'he');
  assert.equal(t('left', 'hello', -2), 'hel');
  assert.equal(t('right', 'hello', 2), 'lo');
  assert.equal(t('right', 'hello', -2), 'llo');
  assert.equal(t('lpad', 'hi', 5), '   hi');
  assert.equal(t('lpad', 'hi', 5, 'xy'), 'xyxhi');
  assert.equal(t('lpad', 'hello', 3), 'hel');
  assert.equal(t('rpad', 'hi', 5, 'xy'), 'hixyx');
  assert.equal(t('lpad', 'hi', -1), '');
  assert.equal(t('repeat', 'ab', 3), 'ababab');
  assert.equal(t('repeat', 'x', -1), '');
  assert.equal(t('reverse', 'abc'), 'cba');
  assert.equal(t('split_part', 'a,b,c', ',', 2), 'b');
  assert.equal(t('split_part', 'a,b,c', ',', -1), 'c');
  assert.equal(t('split_part', 'a,b,c', ',', 5), '');
  throwsPg(() => t('split_part', 'a,b', ',', 0), '22023', 'field position must not be zero');
  assert.equal(t('starts_with', 'hello', 'he'), true);
  assert.equal(t('md5', 'abc'), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(call('chr', ['int4'], 65), 'A');
  assert.equal(call('chr', ['int4'], 233), 'é');
  throwsPg(() => call('chr', ['int4'], 0), '54000', 'null character not permitted');
  assert.equal(t('ascii', 'é'), 233);
  assert.equal(t('ascii', ''), 0);
  assert.equal(call('to_hex', ['int4'], 255), 'ff');
  assert.equal(call('to_hex', ['int4'], -1), 'ffffffff');
  assert.equal(call('to_hex', ['int8'], 9223372036854775807n), '7fffffffffffffff');
  assert.equal(t('length', 'héllo'), 5);
  assert.equal(t('octet_length', 'héllo'), 6);
  assert.equal(t('lower', 'ÀB'), 'Àb');
  assert.equal(t('upper', 'àb'), 'àB');
  assert.equal(t('translate', 'hello', 'el', 'ip'), 'hippo');
  assert.equal(t('bit_length', 'abc'), 24);
  assert.equal(call('length', ['bpchar'], 'ab  '), 2);
  assert.equal(call('octet_length', ['bpchar'], 'ab  '), 4);
});

test('format and quoting', () => {
  const f = (...args: (string | null)[]): unknown => call('format', ['text', 'any'], ...args);
  assert.equal(f('%s %I %L %%', 'a', 'My Col', "it's"), `a "My Col" 'it''s' %`);
  assert.equal(f('%L', null), 'NULL');
  assert.equal(f('%I', 'abc'), 'abc');
  assert.equal(f('%s', null), '');
  assert.equal(f('%2$s %1$s', 'a', 'b'), 'b a');
  assert.equal(f('|%5s|%-5s|', 'ab', 'cd'), '|   ab|cd   |');
  throwsPg(() => f('%x', '1'), '22023', 'unrecognized format() type specifier "x"');
  throwsPg(() => f('%s %s', '1'), '22023', 'too few arguments for format()');
  assert.equal(t('quote_ident', 'abc'), 'abc');
  assert.equal(t('quote_ident', 'Abc'), '"Abc"');
  assert.equal(t('quote_ident', 'select'), '"select"');
  assert.equal(t('quote_literal', "a'b\\c"), "E'a''b\\\\c'");
  assert.equal(call('quote_nullable', ['text'], null), 'NULL');
  assert.equal(call('concat', ['any'], 'a', null, '1', 't', '1.50'), 'a1t1.50');
  assert.equal(call('concat_ws', ['text', 'any'], ',', 'a', null, 'b'), 'a,b');
});

test('LIKE and regular expressions', () => {
  assert.equal(opr('~~', 'text', 'text', 'abc', 'a%'), true);
  assert.equal(opr('~~', 'text', 'text', 'a_c', 'a\\_c'), true);
  assert.equal(opr('~~', 'text', 'text', 'abc', 'a\\_c'), false);
  assert.equal(opr('~~*', 'text', 'text', 'ABC', 'a%'), true);
  assert.equal(opr('~~', 'text', 'text', 'a%', call('like_escape', ['text', 'text'], 'a#%', '#')), true);
  assert.equal(opr('~~', 'text', 'text', 'a\nb', 'a_b'), true);
  assert.equal(opr('~~', 'text', 'text', 'x😀y', 'x_y'), true);
  throwsPg(() => opr('~~', 'text', 'text', 'abc', 'ab\\'), '22025', 'LIKE pattern must not end with escape character');
  assert.equal(opr('~', 'text', 'text', 'abc', '^a.c$'), true);
  assert.equal(opr('~*', 'text', 'text', 'abc', 'B'), true);
  assert.equal(opr('!~', 'text', 'text', 'abc', 'b'), false);
  throwsPg(() => opr('~', 'text', 'text', 'abc', '('), '2201B', 'invalid regular expression: parentheses () not balanced');
  assert.equal(t('regexp_replace', 'hello world', 'o', '0', 'g'), 'hell0 w0rld');
  assert.equal(t('regexp_replace', 'hello', '(l+)', '<\\1>'), 'he<ll>o');
  assert.equal(out('_text', t('regexp_match', 'foo123bar', '(\\d+)')), '{123}');
  assert.deepEqual(t('regexp_matches', 'a1b2', '\\d', 'g'), [['1'], ['2']]);
  assert.deepEqual(t('regexp_split_to_array', 'abc', ''), ['a', 'b', 'c']);
  assert.deepEqual(t('regexp_split_to_array', 'a, b,c', ',\\s*'), ['a', 'b', 'c']);
  assert.equal(opr('~', 'text', 'text', 'ab1', '[[:digit:]]'), true);
});

test('bytea and uuid', () => {
  assert.equal(io('bytea', 'a\\101\\\\b'), '\\x61415c62');
  assert.equal(io('bytea', '\\x 41 42'), '\\x4142');
  assert.equal(io('bytea', 'é'), '\\xc3a9');
  throwsPg(() => io('bytea', '\\xzz'), '22023', 'invalid hexadecimal digit: "z"');
  throwsPg(() => io('bytea', '\\x123'), '22023', 'invalid hexadecimal data: odd number of digits');
  throwsPg(() => io('bytea', 'a\\9'), '22P02', 'invalid input syntax for type bytea');
  assert.equal(io('uuid', '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  assert.equal(io('uuid', 'A0EEBC999C0B4EF8BB6D6BB9BD380A11'), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  throwsPg(() => io('uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'), '22P02',
    'invalid input syntax for type uuid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1"');
  assert.match(call('gen_random_uuid', []) as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
