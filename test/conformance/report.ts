// The conformance results as a console table, as CONFORMANCE.md (committed, so
// the history shows progress), and per file as the failing statements with
// PostgreSQL's and Relata's output side by side (dist/conformance/NAME.failures.txt).
import { COUNT_DESCRIBE, type Failure, type FileResult } from './compare.js';

export interface Totals {
  total: number;
  passed: number;
  describeTotal: number;
  describePassed: number;
}

export function totals(results: FileResult[]): Totals {
  const t: Totals = { total: 0, passed: 0, describeTotal: 0, describePassed: 0 };
  for (const r of results) {
    t.total += r.total;
    t.passed += r.passed;
    t.describeTotal += r.describeTotal;
    t.describePassed += r.describePassed;
  }
  return t;
}

export const pct = (p: number, t: number): string => (t === 0 ? '-' : `${((100 * p) / t).toFixed(1)}%`);

export function consoleTable(results: FileResult[], seconds: Map<string, number>): string {
  const w = Math.max(4, ...results.map((r) => r.name.length));
  const row = (name: string, p: number, t: number, dp: number, dt: number, s: string) =>
    `${name.padEnd(w)}  ${`${p}/${t}`.padStart(11)}  ${pct(p, t).padStart(6)}  ${(dt ? `${dp}/${dt}` : '').padStart(10)}  ${s.padStart(7)}`;
  const lines = [`${'file'.padEnd(w)}  ${'passed'.padStart(11)}  ${'rate'.padStart(6)}  ${(COUNT_DESCRIBE ? '\\d of them' : '\\d (apart)').padStart(10)}  ${'time'.padStart(7)}`];
  for (const r of results) {
    const s = seconds.get(r.name);
    lines.push(row(r.name, r.passed, r.total, r.describePassed, r.describeTotal, s === undefined ? '' : `${s.toFixed(1)} s`));
  }
  const t = totals(results);
  lines.push(row('all', t.passed, t.total, t.describePassed, t.describeTotal, ''));
  return lines.join('\n') + '\n';
}

/** Failures grouped by cause, most frequent first, each with its first occurrence. */
export function groupCauses(failures: Failure[]): { cause: string; count: number; first: Failure }[] {
  const groups = new Map<string, { cause: string; count: number; first: Failure }>();
  for (const f of failures) {
    const g = groups.get(f.cause);
    if (g) g.count++;
    else groups.set(f.cause, { cause: f.cause, count: 1, first: f });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
}

const cell = (s: string): string => '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|') + '`';
const shortLabel = (s: string): string => (s.length > 60 ? s.slice(0, 59) + '…' : s);

const PER_FILE_CAUSES = 25;
const TOP_CAUSES = 40;

export function markdown(results: FileResult[]): string {
  const t = totals(results);
  const out: string[] = [];
  out.push('# Conformance with PostgreSQL 15\'s regression tests', '');
  out.push(
    'Written by `npm run conformance` (see README, "Conformance"): each file of `../shared/pg-regress/sql` runs through',
    'Relata as pg_regress runs it through PostgreSQL, and each statement\'s output is compared with the block',
    'PostgreSQL printed for it in `expected/`. A statement passes when its block is identical.',
    '',
  );
  out.push(`**${t.passed} of ${t.total} statements pass (${pct(t.passed, t.total)})** over ${results.length} files.`);
  out.push(COUNT_DESCRIBE
    ? `Describe commands (\`\\d\` and the like, answered from the catalogs), counted with the statements: ${t.describePassed} of ${t.describeTotal} pass.`
    : `Meta-commands, not yet answerable (\`\\d\` and other describe commands, counted apart): ${t.describePassed} of ${t.describeTotal} pass.`,
  '');
  out.push(`| file | passed | total | rate | \`\\d\` ${COUNT_DESCRIBE ? 'of them' : 'apart'} |`, '|---|---:|---:|---:|---:|');
  for (const r of results) {
    out.push(`| ${r.name} | ${r.passed} | ${r.total} | ${pct(r.passed, r.total)} | ${r.describeTotal ? `${r.describePassed}/${r.describeTotal}` : ''} |`);
  }
  out.push(`| **all** | **${t.passed}** | **${t.total}** | **${pct(t.passed, t.total)}** | ${t.describePassed}/${t.describeTotal} |`, '');

  const all = results.flatMap((r) => r.failures.map((f) => ({ ...f, file: r.name })));
  const top = groupCauses(all);
  out.push('## Most frequent causes, all files', '');
  out.push('| statements | cause | first seen |', '|---:|---|---|');
  for (const g of top.slice(0, TOP_CAUSES)) {
    const f = g.first as Failure & { file: string };
    out.push(`| ${g.count} | ${cell(g.cause)} | ${f.file}:${f.line} |`);
  }
  if (top.length > TOP_CAUSES) out.push(`| … | ${top.length - TOP_CAUSES} more causes | |`);
  out.push('');

  const crashed = results.flatMap((r) => [...r.failures, ...r.describeFailures].filter((f) => f.crash).map((f) => ({ ...f, file: r.name })));
  if (crashed.length > 0) {
    out.push('## Engine crashes (exceptions that are not PgError)', '');
    out.push('Each is a bug whatever the statement: the engine must answer with a PgError. Reproduce with the statement at file:line.', '');
    const byError = new Map<string, { n: number; f: (typeof crashed)[number] }>();
    for (const f of crashed) {
      const c = f.crash!;
      const key = c.error + ' @ ' + c.stack.split(' < ')[0];
      const g = byError.get(key);
      if (g) g.n++;
      else byError.set(key, { n: 1, f });
    }
    out.push('| times | error | at | first statement |', '|---:|---|---|---|');
    for (const { n, f } of [...byError.values()].sort((a, b) => b.n - a.n)) {
      const c = f.crash!;
      out.push(`| ${n} | ${cell(c.error)} | ${cell(c.stack.split(' < ')[0] ?? '')} | ${f.file}:${f.line} ${cell(shortLabel(c.sql.replace(/\s+/g, ' ').trim()))} |`);
    }
    out.push('');
  }

  out.push('## Remaining failures per file', '');
  out.push('Per file, the failing statements grouped by cause: Relata\'s first `ERROR:` line where Relata fails');
  out.push('differently from PostgreSQL, `missing error` where PostgreSQL fails and Relata does not, `wrong result`');
  out.push('and its kinds where neither fails. `dist/conformance/NAME.failures.txt` shows each one in full.');
  out.push('`… does not exist` and `current transaction is aborted` mostly follow an earlier failure in the same file.', '');
  for (const r of results) {
    if (r.failures.length === 0 && r.describeFailures.length === 0) continue;
    out.push(`### ${r.name} — ${r.passed}/${r.total}`, '');
    const groups = groupCauses(r.failures);
    for (const g of groups.slice(0, PER_FILE_CAUSES)) out.push(`- ${g.count} × ${cell(g.cause)} (first: line ${g.first.line})`);
    if (groups.length > PER_FILE_CAUSES) {
      const rest = groups.slice(PER_FILE_CAUSES);
      out.push(`- ${rest.reduce((n, g) => n + g.count, 0)} × in ${rest.length} other causes`);
    }
    if (r.describeFailures.length > 0) out.push(`- meta-commands, not yet answerable: ${r.describeFailures.length} × \`\\d\`…`);
    if (r.unsplit > 0) out.push(`- ${r.unsplit} statements the expected output could not be cut into (runner bug)`);
    out.push('');
  }
  return out.join('\n');
}

/** Every failing statement of a file with both outputs, for a developer to read. */
export function failuresText(r: FileResult): string {
  const parts: string[] = [`${r.name}: ${r.passed}/${r.total} statements pass (expected output: ${r.expectedFile})`, ''];
  for (const f of [...r.failures, ...r.describeFailures].sort((a, b) => a.line - b.line)) {
    parts.push(`=== line ${f.line}: ${f.cause}`, `    ${f.label}`);
    parts.push('--- PostgreSQL', ...f.expected);
    parts.push('+++ Relata', ...(f.actual ?? ['(not in the output)']), '');
  }
  return parts.join('\n');
}
