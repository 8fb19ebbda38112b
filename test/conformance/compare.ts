// Statement-by-statement comparison of Relata's output of a regression file with
// PostgreSQL's (expected/NAME.out, or the NAME_N.out alternative that matches
// best), and the cause of each difference, grouped for the report.
import { modelScript } from './psql-model.js';
import { outputLines, pieceOutput, splitOutput, toUnits, type SplitResult, type Unit } from './split.js';

/** psql's describe commands answer from the server's catalogs: counted apart until the server can answer them. */
const DESCRIBE = /^(d\S*|l\+?|list\+?|z|sf\+?|sv\+?)$/;

/**
 * Counted in the statement rate? Describe commands were reported apart until the server
 * could answer psql's catalog queries; now they count, and describeTotal / describePassed
 * say how many of the counted statements they are.
 */
export const COUNT_DESCRIBE = true;

export interface Crash {
  kind: 'crash' | 'abort' | 'setup';
  offset: number;
  file: string;
  sql: string;
  error: string;
  stack: string;
}

export interface RunInfo {
  /** How the run ended: normally, killed after the time limit, or the worker failed. */
  status: 'ok' | 'timeout' | 'died';
  detail?: string;
  crashes: Crash[];
}

export interface Failure {
  line: number;
  label: string;
  cause: string;
  expected: string[];
  actual: string[] | null;
  /** The engine crash printed in this statement's output. */
  crash?: Crash;
}

export interface FileResult {
  name: string;
  /** The expected file used (NAME.out or an alternative). */
  expectedFile: string;
  total: number;
  passed: number;
  describeTotal: number;
  describePassed: number;
  failures: Failure[];
  describeFailures: Failure[];
  /** Units the expected output could not be cut into (a model error; excluded from the counts). */
  unsplit: number;
}

export function isDescribe(u: Unit): boolean {
  return u.meta.some((m) => DESCRIBE.test(m));
}

/** Compares one file's actual output with each expected alternative; keeps the best. */
export function compareFile(
  name: string,
  sql: string,
  expected: { file: string; text: string }[],
  actualText: string,
  run: RunInfo,
): FileResult {
  const units = toUnits(modelScript(sql));
  const actual = splitOutput(units, actualText);
  let best: FileResult | null = null;
  for (const e of expected) {
    const r = compareSplit(name, e.file, units, splitOutput(units, e.text), actual, actualText, run);
    if (!best || r.passed + r.describePassed > best.passed + best.describePassed) best = r;
  }
  if (!best) throw new Error(`${name}: no expected output`);
  return best;
}

function compareSplit(
  name: string,
  expectedFile: string,
  units: Unit[],
  expected: SplitResult,
  actual: SplitResult,
  actualText: string,
  run: RunInfo,
): FileResult {
  const r: FileResult = {
    name, expectedFile, total: 0, passed: 0, describeTotal: 0, describePassed: 0, failures: [], describeFailures: [], unsplit: 0,
  };
  const crashAt = crashUnits(actual, actualText, run.crashes);
  const lastFound = lastIndex(actual.pieces);
  units.forEach((u, i) => {
    if (!u.runs) return;
    const exp = pieceOutput(expected, i);
    if (exp === null) {
      r.unsplit++;
      return;
    }
    const act = pieceOutput(actual, i);
    const describe = isDescribe(u);
    const apart = describe && !COUNT_DESCRIBE;
    if (describe) r.describeTotal++;
    if (!apart) r.total++;
    if (act !== null && sameLines(exp, act)) {
      if (describe) r.describePassed++;
      if (!apart) r.passed++;
      return;
    }
    const crash = act === null ? undefined : crashAt.get(i);
    const cause = act === null ? notFound(i > lastFound, run) : classify(exp, act, crash);
    (apart ? r.describeFailures : r.failures).push({ line: u.firstLine, label: u.label, cause, expected: exp, actual: act, crash });
  });
  return r;
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((l, k) => l === b[k]);
}

function lastIndex<T>(xs: (T | null)[]): number {
  for (let i = xs.length - 1; i >= 0; i--) if (xs[i] !== null) return i;
  return -1;
}

/** The unit whose output each crash of the file itself was printed in. */
function crashUnits(split: SplitResult, text: string, crashes: Crash[]): Map<number, Crash> {
  const at = new Map<number, Crash>();
  for (const c of crashes) {
    if (c.offset < 0 || c.kind === 'setup') continue;
    const line = outputLines(text.slice(0, c.offset)).length;
    let unit = -1;
    split.pieces.forEach((p, i) => {
      if (p && p.echoAt <= line) unit = i;
    });
    if (unit >= 0 && !at.has(unit)) at.set(unit, c);
  }
  return at;
}

function notFound(afterEnd: boolean, run: RunInfo): string {
  if (!afterEnd) return 'output out of step (statement echo not found)';
  if (run.status === 'timeout') return `not reached: ${run.detail ?? 'time limit'}`;
  if (run.status === 'died') return `not reached: ${run.detail ?? 'the worker died'}`;
  const abort = run.crashes.find((c) => c.kind === 'abort');
  return abort ? `not reached: shell aborted: ${normalize(abort.error)}` : 'not reached (output ended early)';
}

/**
 * Makes similar messages group together: quoted names and values become "…",
 * except system catalog names (pg_…, information_schema…), which point at a
 * missing catalog rather than at an object an earlier statement failed to create.
 */
export function normalize(line: string): string {
  const hide = (q: string) => (m: string) => (/^.(pg_|information_schema)/.test(m) ? m : `${q}…${q}`);
  const s = line.replace(/"[^"]*"/g, hide('"')).replace(/'[^']*'/g, hide("'"));
  return s.length > 140 ? s.slice(0, 139) + '…' : s;
}

const CLIENT_MESSAGE = /^(\\\S+: |invalid command |unrecognized value |relata[: ]|error: )/;
const MESSAGE = /^(NOTICE|WARNING|DETAIL|HINT|CONTEXT|INFO):  /;

/** The cause of one statement's difference, in words a developer can act on. */
export function classify(expected: string[], actual: string[], crash?: Crash): string {
  if (crash) return `crash: ${normalize(crash.error)}`;
  const eErr = expected.find((l) => l.startsWith('ERROR:  '));
  const aErr = actual.find((l) => l.startsWith('ERROR:  '));
  if (aErr !== undefined && aErr !== eErr) return normalize(aErr);
  if (eErr !== undefined && aErr === undefined) return `missing error: ${normalize(eErr)}`;
  if (eErr !== undefined) return 'error DETAIL/HINT/LINE/CONTEXT differs';
  const client = actual.find((l) => CLIENT_MESSAGE.test(l) && !expected.includes(l));
  if (client !== undefined) return `shell: ${normalize(client)}`;
  const eRest = expected.filter((l) => !MESSAGE.test(l));
  const aRest = actual.filter((l) => !MESSAGE.test(l));
  if (sameLines(eRest, aRest)) return 'NOTICE/WARNING differs';
  if (eRest.length === 0) return 'unexpected output';
  if (aRest.length === 0) return 'missing output';
  if (sameLines([...eRest].sort(), [...aRest].sort())) return 'wrong row order';
  if (sameRowsOtherHeader(eRest, aRest)) return 'wrong column name';
  return 'wrong result';
}

/** An aligned table whose rows are the same (up to padding) under a different header line. */
function sameRowsOtherHeader(e: string[], a: string[]): boolean {
  if (e.length !== a.length || e.length < 3 || e[0] === a[0] || !/^-+(\+-+)*$/.test(e[1])) return false;
  const squeeze = (l: string) => l.trim().replace(/\s+/g, ' ');
  return e.slice(2).every((l, k) => squeeze(l) === squeeze(a[k + 2]));
}
