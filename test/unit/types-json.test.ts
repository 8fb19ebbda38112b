import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, inp, out, opr, call, throwsPg } from './types-helpers.js';

test('jsonb normalization (outputs from PostgreSQL 15)', () => {
  assert.equal(io('jsonb', '{"b":1,"a":[1,2,{"x":null}],"aa":"s\\n\\u00e9","a":2, "n":1.50e1, "t":true}'),
    '{"a": 2, "b": 1, "n": 15.0, "t": true, "aa": "s\\né"}');
  assert.equal(io('jsonb', '[]'), '[]');
  assert.equal(io('jsonb', '{}'), '{}');
  assert.equal(io('jsonb', '"x"'), '"x"');
  assert.equal(io('jsonb', 'null'), 'null');
  assert.equal(io('jsonb', ' 1e3 '), '1000');
  assert.equal(io('jsonb', '-0'), '0');
  assert.equal(io('jsonb', '[1, [2, {"a": [3]}]]'), '[1, [2, {"a": [3]}]]');
  throwsPg(() => io('jsonb', '"\\u0000"'), '22P05', 'unsupported Unicode escape sequence', '\\u0000 cannot be converted to text.');
  assert.equal(io('json', '"\\u0000"'), '"\\u0000"');
  assert.equal(io('json', '{"a" :  1}'), '{"a" :  1}');
});

test('json syntax errors', () => {
  const cases: [string, string, string][] = [
    ['{"a":tru}', 'Token "tru" is invalid.', 'JSON data, line 1: {"a":tru...'],
    ['{"a" 1}', 'Expected ":", but found "1".', 'JSON data, line 1: {"a" 1...'],
    ['[1,2', 'The input string ended unexpectedly.', 'JSON data, line 1: [1,2'],
    ['', 'The input string ended unexpectedly.', 'JSON data, line 1: '],
    ['01', 'Token "01" is invalid.', 'JSON data, line 1: 01'],
    ['1.', 'Token "1." is invalid.', 'JSON data, line 1: 1.'],
    ['{"a":1,}', 'Expected string, but found "}".', 'JSON data, line 1: {"a":1,}'],
    ['[1 2]', 'Expected "," or "]", but found "2".', 'JSON data, line 1: [1 2...'],
    ['{1:2}', 'Expected string or "}", but found "1".', 'JSON data, line 1: {1...'],
    ['"abc', 'Token ""abc" is invalid.', 'JSON data, line 1: "abc'],
    ['nul', 'Token "nul" is invalid.', 'JSON data, line 1: nul'],
    ['{"a":1} x', 'Token "x" is invalid.', 'JSON data, line 1: {"a":1} x'],
    ['"\\x"', 'Escape sequence "\\x" is invalid.', 'JSON data, line 1: "\\x...'],
    ['"\\u12"', '"\\u" must be followed by four hexadecimal digits.', 'JSON data, line 1: "\\u12"'],
    ['-', 'Token "-" is invalid.', 'JSON data, line 1: -'],
    ['1e', 'Token "1e" is invalid.', 'JSON data, line 1: 1e'],
    ['{"a"', 'The input string ended unexpectedly.', 'JSON data, line 1: {"a"'],
    ['"a\tb"', 'Character with value 0x09 must be escaped.', 'JSON data, line 1: "a...'],
  ];
  for (const [s, detail, where] of cases) {
    for (const t of ['json', 'jsonb']) {
      assert.throws(() => io(t, s), (e: any) => {
        assert.equal(e.code, '22P02', s);
        assert.equal(e.message, 'invalid input syntax for type json');
        assert.equal(e.detail, detail, s);
        assert.equal(e.where, where, s);
        return true;
      });
    }
  }
});

test('jsonb operators', () => {
  const J = (s: string): unknown => inp('jsonb', s);
  assert.equal(opr('->>', 'jsonb', 'text', opr('->', 'jsonb', 'text', J('{"a":{"b":1}}'), 'a'), 'b'), '1');
  assert.equal(out('jsonb', opr('->', 'jsonb', 'int4', J('[1,2,3]'), -1)), '3');
  assert.equal(opr('@>', 'jsonb', 'jsonb', J('{"a":[1,2]}'), J('{"a":[2]}')), true);
  assert.equal(opr('<', 'jsonb', 'jsonb', J('1'), J('[1]')), true);
  assert.equal(opr('>', 'jsonb', 'jsonb', J('{"b":1}'), J('{"aa":1}')), true);
  assert.equal(opr('<', 'jsonb', 'jsonb', J('"a"'), J('1')), true);
  assert.equal(opr('=', 'jsonb', 'jsonb', J('{"a":1,"b":2}'), J('{"b":2, "a":1}')), true);
  assert.equal(opr('->', 'json', 'text', '{"a":1, "a":2}', 'a'), '2');
  assert.equal(call('jsonb_typeof', ['jsonb'], J('1.5')), 'number');
});
