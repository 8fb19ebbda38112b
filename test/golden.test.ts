// Golden files: each test/sql/NAME.sql runs through `relata shell -a` on a fresh
// in-memory database (one Session per file) and must print exactly
// test/sql/NAME.out, which the real PostgreSQL 15 psql produced
// (scripts/regen-expected.sh). Names listed in test/sql/EXPECTED_FAILURES are run
// too but reported as known failures (todo) until the engine catches up.
// GOLDEN=name1,name2 runs only those files. The actual output of a failing file is
// written to dist/golden-actual/NAME.out.
import { after, test } from 'node:test';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import { Session } from '../src/session/session.js';

const sqlDir = fileURLToPath(new URL('../../test/sql/', import.meta.url));
const actualDir = fileURLToPath(new URL('../golden-actual/', import.meta.url));
const TIMEOUT_MS = Number(process.env.GOLDEN_TIMEOUT_MS ?? 60_000);

function expectedFailures(): Set<string> {
  const p = sqlDir + 'EXPECTED_FAILURES';
  if (!existsSync(p)) return new Set();
  return new Set(
    readFileSync(p, 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter((l) => l.length > 0)
      .map((l) => l.replace(/\.sql$/, '')),
  );
}

/** Runs one script the way `psql -X -a < NAME.sql > NAME.out 2>&1` does. */
export async function runScript(sql: string): Promise<string> {
  let out = '';
  const writer = { write: (s: string) => { out += s; } };
  await main(['shell', '-X', '-a'], {
    stdin: Readable.from([sql]),
    stdout: writer,
    stderr: writer,
    stdinIsTTY: false,
    env: {},
    createSession: () => Session.create(),
  });
  return out;
}

/** A short unified-style diff around the first differing line. */
export function shortDiff(expected: string, actual: string, context = 3, window = 40): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  let first = 0;
  while (first < e.length && first < a.length && e[first] === a[first]) first++;
  const start = Math.max(0, first - context);
  const es = e.slice(first, first + window);
  const as = a.slice(first, first + window);
  // longest common subsequence over the window, to pair up unchanged lines
  const n = es.length;
  const m = as.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = es[i] === as[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lines: string[] = [];
  for (let k = start; k < first; k++) lines.push(' ' + e[k]);
  let i = 0;
  let j = 0;
  let changes = 0;
  while ((i < n || j < m) && changes < 20) {
    if (i < n && j < m && es[i] === as[j]) {
      lines.push(' ' + es[i]);
      i++;
      j++;
      if (lines.length > 2 * context + 30) break;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      lines.push('+' + as[j++]);
      changes++;
    } else {
      lines.push('-' + es[i++]);
      changes++;
    }
  }
  const header = `--- expected\n+++ actual\n@@ -${start + 1} +${start + 1} @@ (first difference at line ${first + 1})\n`;
  return header + lines.join('\n') + (i < n || j < m ? '\n…' : '');
}

const known = expectedFailures();
const only = process.env.GOLDEN ? new Set(process.env.GOLDEN.split(',').map((s) => s.trim())) : undefined;
const names = existsSync(sqlDir)
  ? readdirSync(sqlDir)
      .filter((f) => f.endsWith('.sql') && existsSync(sqlDir + f.replace(/\.sql$/, '.out')))
      .map((f) => f.replace(/\.sql$/, ''))
      .filter((n) => !only || only.has(n))
      .sort()
  : [];
const knownFailed: string[] = [];
const knownPassed: string[] = [];

for (const name of names) {
  const isKnown = known.has(name);
  test(`golden ${name}`, { todo: isKnown ? 'known failure (test/sql/EXPECTED_FAILURES)' : undefined, timeout: TIMEOUT_MS }, async () => {
    const sql = readFileSync(sqlDir + name + '.sql', 'utf8');
    const expected = readFileSync(sqlDir + name + '.out', 'utf8');
    const actual = await runScript(sql);
    if (actual === expected) {
      if (isKnown) knownPassed.push(name);
      return;
    }
    if (isKnown) knownFailed.push(name);
    mkdirSync(actualDir, { recursive: true });
    writeFileSync(actualDir + name + '.out', actual);
    throw new Error(`${name}.out differs (actual output: dist/golden-actual/${name}.out)\n${shortDiff(expected, actual)}`);
  });
}

after(() => {
  if (knownFailed.length > 0) {
    console.log(`golden: ${knownFailed.length} known failure(s) (test/sql/EXPECTED_FAILURES): ${knownFailed.join(', ')}`);
  }
  if (knownPassed.length > 0) {
    console.log(`golden: now passing, remove from test/sql/EXPECTED_FAILURES: ${knownPassed.join(', ')}`);
  }
});
