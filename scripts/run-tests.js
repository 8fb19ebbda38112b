#!/usr/bin/env node
// `npm test` (after `tsc -p .`): runs every dist/test/**/*.test.js with the Node
// test runner, whose summary (tests / pass / fail / todo …) ends the output.
// Arguments that are not options keep only test files whose path contains one
// of them:  node scripts/run-tests.js golden cli-   (options go to node --test).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(root, 'dist', 'test');

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(p));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(p);
  }
  return found;
}

const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('-'));
const nodeOptions = args.filter((a) => a.startsWith('-'));

let files = findTests(testDir).sort();
if (filters.length > 0) files = files.filter((f) => filters.some((s) => relative(root, f).includes(s)));
if (files.length === 0) {
  console.error(`run-tests: no test files found under ${relative(root, testDir) || testDir}` +
    (filters.length ? ` matching ${filters.join(', ')}` : '') + ' (did tsc run?)');
  process.exit(1);
}

const r = spawnSync(process.execPath, ['--test', ...nodeOptions, ...files], { stdio: 'inherit', cwd: root });
if (r.error) {
  console.error(`run-tests: could not start node: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
