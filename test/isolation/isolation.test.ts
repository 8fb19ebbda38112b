// Isolation tests: each test/isolation/specs/NAME.spec (PostgreSQL's isolationtester format,
// modelled on src/test/isolation/specs) runs through runner.ts against Relata and must print
// exactly expected/NAME.out, which PostgreSQL 15's own isolationtester produced
// (regen-expected.sh). Where Relata deliberately differs from PostgreSQL (a serialization
// failure PostgreSQL's finer predicate locks avoid), expected/NAME.relata.out holds Relata's
// transcript and the spec's header comment says why. ISOLATION=name1,name2 runs only those.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadParser } from '../../src/parser/index.js';
import { parseSpec } from './spec.js';
import { runSpec } from './runner.js';

const dir = fileURLToPath(new URL('../../../test/isolation/', import.meta.url));
const actualDir = fileURLToPath(new URL('../../isolation-actual/', import.meta.url));
const only = process.env.ISOLATION?.split(',').filter(Boolean);

const names = readdirSync(dir + 'specs').filter(f => f.endsWith('.spec')).map(f => f.slice(0, -5)).sort()
  .filter(n => !only || only.includes(n));

for (const name of names) {
  test(`isolation: ${name}`, async () => {
    await loadParser();
    const spec = parseSpec(readFileSync(`${dir}specs/${name}.spec`, 'utf8'));
    const alt = `${dir}expected/${name}.relata.out`;
    const expected = readFileSync(existsSync(alt) ? alt : `${dir}expected/${name}.out`, 'utf8');
    const actual = await runSpec(spec);
    if (actual !== expected) {
      mkdirSync(actualDir, { recursive: true });
      writeFileSync(`${actualDir}${name}.out`, actual);
    }
    assert.equal(actual, expected, `transcript differs: diff test/isolation/expected/${name}.out dist/isolation-actual/${name}.out`);
  });
}
