#!/usr/bin/env node
// `npm run bundle` (after `tsc -p .`): the embedded API as one ES module, dist/relata.mjs, so
// that a process opening a database loads one file instead of ~300 (Node's ES module loader
// spends most of a cold start resolving and reading them). libpg-query stays external (its WASM).
// Uses esbuild when it is installed; without it the bundle is a one-line re-export of the
// unbundled API, so importing dist/relata.mjs always works.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/relata.mjs`;
let esbuild;
try { esbuild = await import('esbuild'); } catch { esbuild = null; }
if (!esbuild) {
  writeFileSync(out, "export * from './src/api/index.js';\n");
  console.log('bundle: esbuild not installed; dist/relata.mjs re-exports dist/src/api/index.js');
} else {
  await esbuild.build({
    entryPoints: [`${root}dist/src/api/index.js`], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    external: ['libpg-query'], outfile: out, logLevel: 'warning',
  });
  console.log('bundle: dist/relata.mjs');
}
