import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, inp, out, call, opr, throwsPg, T, ctx } from './types-helpers.js';
import { scalarArrayOp } from '../../src/types/arrays.js';

test('array text I/O (outputs from PostgreSQL 15)', () => {
  assert.equal(io('_int4', '{1,2,NULL}'), '{1,2,NULL}');
  assert.equal(io('_text', '{}'), '{}');
  assert.equal(out('_text', ['a b', '', 'NULL', 'null', 'x"y', 'a\\b', 'a,b', '{', 'é', 'plain']),
    '{"a b","","NULL","null","x\\"y","a\\\\b","a,b","{",é,plain}');
  assert.equal(io('_int4', '{{1,2},{3,4}}'), '{{1,2},{3,4}}');
  assert.equal(io('_text', '{ "a" , b c }'), '{a,"b c"}');
  assert.equal(io('_numeric', '{1.50,2}'), '{1.50,2}');
  assert.equal(io('_bool', '{t,false}'), '{t,f}');
  assert.deepEqual(inp('_text', '{a,"NULL",NULL}'), ['a', 'NULL', null]);
  const bad: [string, string][] = [
    ['1,2', 'Array value must start with "{" or dimension information.'],
    ['{1,2', 'Unexpected end of input.'],
    ['{1,{2}}', 'Unexpected "{" character.'],
    ['{{1},2}', 'Unexpected array element.'],
    ['{{1,2},{3}}', 'Multidimensional arrays must have sub-arrays with matching dimensions.'],
    ['{1}x', 'Junk after closing right brace.'],
    ['{"a}', 'Unexpected end of input.'],
    ['{1,,2}', 'Unexpected "," character.'],
  ];
  for (const [s, d] of bad) throwsPg(() => io('_int4', s), '22P02', `malformed array literal: "${s}"`, d);
  throwsPg(() => io('_text', '{a"b"}'), '22P02', 'malformed array literal: "{a"b"}"', 'Unexpected array element.');
  throwsPg(() => io('_int4', '{1,x}'), '22P02', 'invalid input syntax for type integer: "x"');
  assert.equal(T('_int4').formatType(-1), 'integer[]');
  assert.equal(T('_varchar').formatType(54), 'character varying(50)[]');
  assert.equal(T('_bpchar').formatType(8), 'character(4)[]');
});

test('array comparison and functions', () => {
  const A = (s: string): unknown => inp('_int4', s);
  assert.equal(opr('=', 'anyarray', 'anyarray', A('{{1,2},{3,4}}'), A('{{1,2},{3,4}}')), true);
  assert.equal(opr('<', 'anyarray', 'anyarray', A('{1,2}'), A('{1,3}')), true);
  assert.equal(opr('<', 'anyarray', 'anyarray', A('{1,2}'), A('{1,2,0}')), true);
  assert.equal(opr('>', 'anyarray', 'anyarray', A('{1,NULL}'), A('{1,5}')), true);
  assert.equal(opr('@>', 'anyarray', 'anyarray', [1, 2], [2]), true);
  assert.equal(opr('&&', 'anyarray', 'anyarray', [1], [2, 1]), true);
  assert.equal(call('array_length', ['anyarray', 'int4'], A('{{1,2},{3,4}}'), 2), 2);
  assert.equal(call('array_upper', ['anyarray', 'int4'], A('{1,2,3}'), 1), 3);
  assert.equal(call('array_lower', ['anyarray', 'int4'], A('{}'), 1), null);
  assert.equal(call('cardinality', ['anyarray'], A('{{1,2},{3,4}}')), 4);
  assert.deepEqual(call('array_append', ['anycompatiblearray', 'anycompatible'], [1, 2], 3), [1, 2, 3]);
  assert.deepEqual(call('array_prepend', ['anycompatible', 'anycompatiblearray'], 0, [1]), [0, 1]);
  assert.deepEqual(call('array_cat', ['anycompatiblearray', 'anycompatiblearray'], [1], [2, 3]), [1, 2, 3]);
  assert.equal(call('array_position', ['anycompatiblearray', 'anycompatible'], ['a', 'b', 'c'], 'b'), 2);
  assert.equal(call('array_dims', ['anyarray'], A('{{1,2},{3,4}}')), '[1:2][1:2]');
  assert.equal(call('array_to_string', ['anyarray', 'text', 'text'], [1, null, 3], ',', '*'), '1,*,3');
  assert.equal(out('_text', call('string_to_array', ['text', 'text'], 'a,b,,c', ',')), '{a,b,"",c}');
  assert.deepEqual(call('unnest', ['anyarray'], A('{{1,2},{3,4}}')), [1, 2, 3, 4]);
});

test('= ANY / <> ALL', () => {
  const eq = (a: unknown, b: unknown): unknown => a === b;
  const ne = (a: unknown, b: unknown): unknown => a !== b;
  assert.equal(scalarArrayOp(1, [1, null], eq, true, ctx), true);
  assert.equal(scalarArrayOp(2, [1, null], eq, true, ctx), null);
  assert.equal(scalarArrayOp(2, [], eq, true, ctx), false);
  assert.equal(scalarArrayOp(1, [2, 3], ne, false, ctx), true);
  assert.equal(scalarArrayOp(null, [], eq, true, ctx), false);
});
