// The order of a dump, as pg_dump's: sorted by type, schema and name, moved only as far as
// dependencies require, loops broken the way pg_dump breaks them; names compared as bytes;
// the progress bar of long dumps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildObjects } from '../../src/dump/objects.js';
import type { SchemaModel } from '../../src/dump/read.js';
import { ProgressBar, LARGE_DUMP_ROWS } from '../../src/dump/progress.js';
import { sortObjects, strcmp, type SortObject } from '../../src/dump/sort.js';

const obj = (id: number, type: SortObject['type'], name: string, extra: Partial<SortObject> = {}): SortObject =>
  ({ id, type, namespace: type === 'preData' || type === 'postData' ? null : 'public', name, oid: id, deps: [], ...extra });

test('a serial column: the table, its sequence, then the default as its own statement', () => {
  const t = obj(1, 'table', 't');
  const seq = obj(2, 'table', 't_id_seq', { deps: [1] });
  const def = obj(3, 'attrdef', 't', { adnum: 1, owningTable: t, deps: [1, 2] });
  t.deps.push(3);
  const post = obj(5, 'postData', 'POST');
  const order = sortObjects([def, seq, t, post], post.id);
  assert.deepEqual(order.map(o => o.id), [1, 2, 3, 5]);
  assert.equal(def.separate, true);
  assert.deepEqual(t.deps, []);
});

test('a CHECK constraint stays inside CREATE TABLE when only its table is in the loop', () => {
  const t = obj(1, 'table', 't');
  const c = obj(2, 'constraint', 't_check', { contype: 'c', owningTable: t, deps: [1] });
  t.deps.push(2);
  const order = sortObjects([t, c], 9);
  assert.deepEqual(order.map(o => o.id), [2, 1]);
  assert.equal(c.separate, undefined);
});

test('objects keep their name order unless a dependency moves them: just before what needs them', () => {
  const a = obj(1, 'table', 'a', { deps: [3] });
  const b = obj(2, 'table', 'b');
  const z = obj(3, 'table', 'z');
  const ns = obj(4, 'namespace', 'zz', { namespace: null });
  assert.deepEqual(sortObjects([z, b, a, ns], 9).map(o => o.name), ['zz', 'z', 'a', 'b']);
});

test('names compare as UTF-8 bytes, as strcmp does', () => {
  assert.ok(strcmp('Z', 'a') < 0);
  assert.ok(strcmp('z', 'é') < 0);
  assert.ok(strcmp('\uFFFD', '😀') < 0);
  assert.ok(strcmp('ab', 'abc') < 0);
  assert.equal(strcmp('x', 'x'), 0);
});

test('objects the dump does not know are refused, not left out', () => {
  const ns = { oid: '2200', name: 'public', owner: 'postgres' };
  const model = (relkind: string, contype = 'c'): SchemaModel => ({
    serverVersion: '15', namespaces: [ns], relations: [{ oid: '16384', name: 'm', ns, relkind, owner: 'postgres', columns: [] }],
    attrdefs: [], constraints: [{ oid: '16390', name: 'x', relid: '16384', type: contype, indid: '0', validated: true, isLocal: true, def: '', parentid: '0' }],
    indexes: [], sequences: [], viewRules: new Map(), inherits: new Map(), comments: [], depends: [],
  });
  assert.throws(() => buildObjects(model('m')), /cannot dump materialized view "public.m": not supported yet/);
  assert.throws(() => buildObjects(model('r', 'z')), /constraint "x" of type "z" cannot be dumped yet/);
  assert.equal(buildObjects(model('r')).objects.filter(o => o.type === 'table').length, 1);
});

test('the progress bar: nothing for small dumps, one redrawn line, cleared at the end', () => {
  let out = '';
  let now = 0;
  const bar = new ProgressBar({ write: (s: string) => { out += s; return true; } }, 10, () => now);
  bar.update(5, 10);
  assert.equal(out, '');
  const total = LARGE_DUMP_ROWS * 2;
  bar.update(0, total);
  now += 50;
  bar.update(LARGE_DUMP_ROWS / 2, total);
  now += 200;
  bar.update(LARGE_DUMP_ROWS, total);
  bar.update(total, total);
  bar.finish();
  assert.equal(out, `\r[..........]   0% 0/${total} rows\r[#####.....]  50% ${LARGE_DUMP_ROWS}/${total} rows` +
    `\r[##########] 100% ${total}/${total} rows\r\x1b[K`);
});
