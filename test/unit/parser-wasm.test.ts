// The parser's WebAssembly module as src/parser/wasm.ts loads it: started with a smaller initial
// memory (wasm-memory.ts), which it grows when a statement needs more; the text of a statement
// and of a syntax error come back as before. The grammar stays in V8's baseline code
// (wasm-tiering.ts) while other WebAssembly modules still tier up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { shrinkInitialMemory } from '../../src/parser/wasm-memory.js';
import { compileStartupEagerly } from '../../src/parser/wasm-hints.js';
import { loadParser, parse } from '../../src/parser/index.js';
import { Database } from '../../src/api/index.js';

const wasmFile = createRequire(import.meta.url).resolve('libpg-query/wasm/libpg-query.wasm');

/** The initial pages of libpg-query's one memory: its memory section is [5, 7, 1, 1, initial…, max…]. */
function initialPages(b: Uint8Array): number {
  const at = Buffer.from(b.buffer, b.byteOffset, b.length).indexOf(Buffer.from([5, 7, 1, 1]), 8);
  assert.ok(at > 0, 'a memory section with a maximum');
  let p = at + 4, r = 0, s = 0, x: number;
  do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return r;
}

test('the module starts with less memory: its stack and some heap, not 128 MiB', () => {
  const bytes = readFileSync(wasmFile);
  const smaller = Buffer.from(bytes);
  assert.ok(shrinkInitialMemory(smaller), 'libpg-query 15.6.3 is the layout wasm-memory.ts expects');
  assert.equal(smaller.length, bytes.length);
  assert.equal(initialPages(bytes), 2048);
  const pages = initialPages(smaller);
  assert.ok(pages < 1024 && pages > 512, `initial pages ${pages}`);
  // only the initial size differs
  let diff = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== smaller[i]) diff++;
  assert.ok(diff >= 1 && diff <= 2, `${diff} bytes differ`);
});

test('anything but such a module is left alone', () => {
  assert.equal(shrinkInitialMemory(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), false);
  // a module with an imported memory and no sections of its own: header, import section
  const imported = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 11, 1, 1, 0x6d, 3, 0x6d, 0x65, 0x6d, 2, 0, 1, 0]);
  const copy = new Uint8Array(imported);
  assert.equal(shrinkInitialMemory(copy), false);
  assert.deepEqual(copy, imported);
});

test('statements larger than the initial memory parse; errors keep their positions', async () => {
  await loadParser();
  const long = 'x'.repeat(48 * 2 ** 20);
  const [stmt] = parse(`SELECT '${long}' AS s`);
  const value = stmt.stmt.SelectStmt.targetList[0].ResTarget.val.A_Const.sval.sval;
  assert.equal(value.length, long.length);
  const db = await Database.open();
  assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  await assert.rejects(db.query('SELECT 1 FROM WHERE'), (e: any) => e.code === '42601' && e.message === 'syntax error at or near "WHERE"' && e.position === '15');
  await db.close();
});

// (V8 11.3 is Node.js 20: the version whose tiering budget wasm-tiering.ts knows how to put back)
const knownV8 = /^11\.3\./.test(process.versions.v8);

test('the grammar is not recompiled by TurboFan; a module compiled afterwards still is', { skip: !knownV8 }, () => {
  const parser = new URL('../../src/parser/index.js', import.meta.url).href;
  // a function counting in a loop up to its argument: (func (param i32) (result i32) (local i32) loop … br_if … end)
  const tiny = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 6, 1, 0x60, 1, 0x7f, 1, 0x7f, 3, 2, 1, 0, 7, 5, 1, 1, 0x66, 0, 0,
    0x0a, 0x19, 1, 0x17, 1, 1, 0x7f, 3, 0x40, 0x20, 1, 0x41, 1, 0x6a, 0x21, 1, 0x20, 1, 0x20, 0, 0x48, 0x0d, 0, 0x0b, 0x20, 1, 0x0b];
  const script = `
    const { loadParser, parse } = await import(${JSON.stringify(parser)});
    await loadParser();
    for (let i = 0; i < 40; i++) parse(\`SELECT \${i} AS x, y || 'a' FROM t JOIN u USING (id) WHERE a = $1 ORDER BY 1\`);
    const { instance } = await WebAssembly.instantiate(new Uint8Array(${JSON.stringify(tiny)}));
    if (instance.exports.f(5000000) !== 5000000) throw new Error('tiny module');
    await new Promise(r => setTimeout(r, 400));`;
  const out = execFileSync(process.execPath, ['--trace-wasm-compilation-times', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const turbofan = out.split('\n').filter(l => / using TurboFan, /.test(l)).map(l => Number(/bodysize (\d+)/.exec(l)?.[1]));
  // the tiny module's one function (23 bytes): the flag was put back for everyone else
  assert.ok(turbofan.includes(23), `tiny module tiered up: ${turbofan.join(', ')}`);
  // the grammar's functions (base_yyparse alone is 101 KB) stayed in Liftoff code
  assert.deepEqual(turbofan.filter(n => n !== 23), []);
});

test('the functions the first statements call are compiled before the first statement; the rest, and other modules, lazily', { skip: !knownV8 }, () => {
  const parser = new URL('../../src/parser/index.js', import.meta.url).href;
  const startupModule = new URL('../../src/parser/wasm-startup.js', import.meta.url).href;
  // a module of one function returning 7: compiled only once called while lazy compilation is back on
  const tiny = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 7, 5, 1, 1, 0x66, 0, 0,
    0x0a, 6, 1, 4, 0, 0x41, 7, 0x0b];
  const script = `
    const { loadParser, parse } = await import(${JSON.stringify(parser)});
    await loadParser();
    console.log('-- loaded');
    parse('SELECT 1 AS one');
    console.log('-- parsed');
    parse('CREATE TEMP SEQUENCE s; LISTEN x; ALTER SYSTEM SET work_mem = 1; DROP OPERATOR ===(int, int)');
    const { instance } = await WebAssembly.instantiate(new Uint8Array(${JSON.stringify(tiny)}));
    console.log('-- tiny compiled');
    if (instance.exports.f() !== 7) throw new Error('tiny module');
    const { STARTUP_FUNCTIONS } = await import(${JSON.stringify(startupModule)});
    console.log('-- startup ' + STARTUP_FUNCTIONS.join(','));`;
  const out = execFileSync(process.execPath, ['--trace-wasm-compilation-times', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const phase: string[] = [];
  let at = 'compile';
  // function index → the phase it was compiled in (index 0 is the tiny module's function: the
  // parser's first functions are imports)
  const compiled = new Map<string, string>();
  let startup: number[] = [];
  for (const l of out.split('\n')) {
    if (l.startsWith('-- startup ')) startup = l.slice(11).split(',').map(Number);
    else if (l.startsWith('-- ')) { at = l.slice(3); phase.push(at); }
    const f = /^Compiled function \S*#(\d+) using Liftoff/.exec(l);
    if (f) compiled.set(f[1], at);
  }
  assert.deepEqual(phase, ['loaded', 'parsed', 'tiny compiled']);
  assert.ok(startup.length > 20, `${startup.length} start-up functions`);
  // every start-up function was compiled while the module loaded, none of them on first call
  for (const f of startup) assert.equal(compiled.get(String(f)), 'compile', `start-up function #${f}`);
  // statements of kinds the start-up list leaves out compiled more functions then, lazily
  assert.ok([...compiled.values()].includes('parsed'), 'other functions are compiled on first call');
  // the flags were put back: a module compiled afterwards compiles its function on first call
  assert.equal(compiled.get('0'), 'tiny compiled');
});

test('the hints section is the same written in place, in the room before the module, or into a copy', { skip: !knownV8 }, () => {
  const file = readFileSync(wasmFile);
  const roomy = new Uint8Array(4096 + file.length);
  roomy.set(file, 4096);
  const inPlace = compileStartupEagerly(roomy.subarray(4096));
  assert.ok(inPlace, 'libpg-query 15.6.3 is the module wasm-startup.ts lists functions of');
  inPlace.restore();
  assert.equal(inPlace.bytes.buffer, roomy.buffer, 'written in place');
  const copied = compileStartupEagerly(new Uint8Array(file));
  assert.ok(copied);
  copied.restore();
  assert.notEqual(copied.bytes.buffer, roomy.buffer);
  assert.deepEqual(Buffer.from(inPlace.bytes), Buffer.from(copied.bytes));
  assert.ok((globalThis as any).WebAssembly.validate(copied.bytes));
  // the module's own bytes are all there, the section between its first 800 bytes and its code section
  const out = Buffer.from(copied.bytes);
  assert.ok(out.subarray(0, 800).equals(file.subarray(0, 800)));
  assert.ok(out.subarray(out.length - (file.length - 800)).equals(file.subarray(800)));
  assert.equal(out.indexOf('compilationHints'), 800 + 4); // after the section id, its size (2 bytes), the name's length
  // a module of another size is left alone
  assert.equal(compileStartupEagerly(file.subarray(0, file.length - 1)), null);
});
