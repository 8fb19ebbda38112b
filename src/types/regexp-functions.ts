// PostgreSQL 15's regular-expression functions with a start position and an occurrence:
// regexp_count, regexp_instr, regexp_like, regexp_substr, and regexp_replace(…, start
// [, n [, flags]]). Positions count characters from 1; the search begins at `start`
// (anchors still refer to the whole string); empty matches advance by one character.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn } from './define.js';
import { functionsNamed } from './registry.js';
import { compileRegex } from './pattern.js';

const { text, int4, bool } = OID;

const badParam = (name: string, v: number) => new PgError('22023', `invalid value for parameter "${name}": ${v}`);

function noGlobal(flags: string, fname: string): string {
  compileRegex('', flags); // validates the options
  if (flags.includes('g')) throw new PgError('22023', `${fname}() does not support the "global" option`);
  return flags;
}

const indexed = new Map<string, RegExp>();
/** The pattern compiled for scanning with group positions (flags d and g). */
function scanner(pattern: string, flags: string): RegExp {
  const key = flags + '\u0000' + pattern;
  let re = indexed.get(key);
  if (!re) {
    const base = compileRegex(pattern, flags.replace(/g/g, ''));
    re = new RegExp(base.source, base.flags.replace(/g/g, '') + 'gd');
    if (indexed.size > 500) indexed.clear();
    indexed.set(key, re);
  }
  return re;
}

/** UTF-16 index of character position `chars` (0-based); past the end when the string is shorter. */
function unitIndex(s: string, chars: number): number {
  let i = 0;
  for (let c = 0; c < chars; c++) {
    if (i >= s.length) return s.length + 1;
    i += s.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return i;
}

const charIndex = (s: string, unit: number): number => [...s.slice(0, unit)].length;

/** The matches from character `start` (1-based) on. */
function* matches(s: string, pattern: string, flags: string, start: number): Generator<RegExpExecArray> {
  const re = scanner(pattern, flags);
  let pos = unitIndex(s, start - 1);
  while (pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return;
    yield m;
    pos = m.index + m[0].length + (m[0].length === 0 ? (s.codePointAt(m.index)! > 0xffff ? 2 : 1) : 0);
  }
}

function nth(s: string, pattern: string, flags: string, start: number, n: number): RegExpExecArray | null {
  let i = 0;
  for (const m of matches(s, pattern, flags, start)) if (++i === n) return m;
  return null;
}

function checkStart(start: number): void { if (start <= 0) throw badParam('start', start); }

function regexpCount(s: string, p: string, start = 1, flags = ''): number {
  checkStart(start);
  noGlobal(flags, 'regexp_count');
  let n = 0;
  for (const _ of matches(s, p, flags, start)) n++;
  return n;
}

function regexpInstr(s: string, p: string, start = 1, n = 1, endoption = 0, flags = '', subexpr = 0): number {
  checkStart(start);
  if (n <= 0) throw badParam('n', n);
  if (endoption !== 0 && endoption !== 1) throw badParam('endoption', endoption);
  noGlobal(flags, 'regexp_instr');
  if (subexpr < 0) throw badParam('subexpr', subexpr);
  const m = nth(s, p, flags, start, n);
  if (!m || subexpr >= m.length) return 0;
  const span = m.indices![subexpr];
  if (!span) return 0;
  return charIndex(s, endoption ? span[1] : span[0]) + 1;
}

function regexpSubstr(s: string, p: string, start = 1, n = 1, flags = '', subexpr = 0): string | null {
  checkStart(start);
  if (n <= 0) throw badParam('n', n);
  noGlobal(flags, 'regexp_substr');
  if (subexpr < 0) throw badParam('subexpr', subexpr);
  const m = nth(s, p, flags, start, n);
  if (!m || subexpr >= m.length) return null;
  return m[subexpr] ?? null;
}

function regexpLike(s: string, p: string, flags = ''): boolean {
  noGlobal(flags, 'regexp_like');
  return nth(s, p, flags, 1, 1) !== null;
}

/** regexp_replace(source, pattern, replacement, start [, n [, flags]]): the n-th match on, or all when n is 0. */
function regexpReplaceFrom(s: string, p: string, rep: string, start: number, n: number | null, flags = ''): string {
  checkStart(start);
  if (n !== null && n < 0) throw badParam('n', n);
  compileRegex('', flags);
  const count = n ?? (flags.includes('g') ? 0 : 1);
  let out = '', last = 0, i = 0;
  for (const m of matches(s, p, flags, start)) {
    i++;
    if (count !== 0 && i < count) continue;
    out += s.slice(last, m.index) + substitute(rep, m);
    last = m.index + m[0].length;
    if (count !== 0) break;
  }
  return out + s.slice(last);
}

/** The replacement text with \1…\9 and \& filled in from the match. */
function substitute(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '\\' && i + 1 < rep.length) {
      const d = rep[i + 1];
      if (d >= '1' && d <= '9') { out += m[Number(d)] ?? ''; i++; continue; }
      if (d === '&') { out += m[0]; i++; continue; }
      if (d === '\\') { out += '\\'; i++; continue; }
    }
    out += c;
  }
  return out;
}

fn('regexp_count', [text, text], int4, ([s, p]) => regexpCount(s, p));
fn('regexp_count', [text, text, int4], int4, ([s, p, st]) => regexpCount(s, p, st));
fn('regexp_count', [text, text, int4, text], int4, ([s, p, st, f]) => regexpCount(s, p, st, f));
fn('regexp_instr', [text, text], int4, ([s, p]) => regexpInstr(s, p));
fn('regexp_instr', [text, text, int4], int4, ([s, p, st]) => regexpInstr(s, p, st));
fn('regexp_instr', [text, text, int4, int4], int4, ([s, p, st, n]) => regexpInstr(s, p, st, n));
fn('regexp_instr', [text, text, int4, int4, int4], int4, ([s, p, st, n, e]) => regexpInstr(s, p, st, n, e));
fn('regexp_instr', [text, text, int4, int4, int4, text], int4, ([s, p, st, n, e, f]) => regexpInstr(s, p, st, n, e, f));
fn('regexp_instr', [text, text, int4, int4, int4, text, int4], int4, ([s, p, st, n, e, f, x]) => regexpInstr(s, p, st, n, e, f, x));
fn('regexp_substr', [text, text], text, ([s, p]) => regexpSubstr(s, p));
fn('regexp_substr', [text, text, int4], text, ([s, p, st]) => regexpSubstr(s, p, st));
fn('regexp_substr', [text, text, int4, int4], text, ([s, p, st, n]) => regexpSubstr(s, p, st, n));
fn('regexp_substr', [text, text, int4, int4, text], text, ([s, p, st, n, f]) => regexpSubstr(s, p, st, n, f));
fn('regexp_substr', [text, text, int4, int4, text, int4], text, ([s, p, st, n, f, x]) => regexpSubstr(s, p, st, n, f, x));
fn('regexp_like', [text, text], bool, ([s, p]) => regexpLike(s, p));
fn('regexp_like', [text, text, text], bool, ([s, p, f]) => regexpLike(s, p, f));
fn('regexp_replace', [text, text, text, int4], text, ([s, p, r, st]) => regexpReplaceFrom(s, p, r, st, null));
fn('regexp_replace', [text, text, text, int4, int4], text, ([s, p, r, st, n]) => regexpReplaceFrom(s, p, r, st, n));
fn('regexp_replace', [text, text, text, int4, int4, text], text, ([s, p, r, st, n, f]) => regexpReplaceFrom(s, p, r, st, n, f));

// regexp_replace(s, p, r, flags) with flags that look like a start position: PostgreSQL's hint
for (const f of functionsNamed('regexp_replace') ?? []) {
  if (f.args.length !== 4 || f.args[3] !== text) continue;
  const inner = f.fn;
  f.fn = (args, ctx) => {
    const flags = args[3] as string;
    if (flags.length > 0 && flags[0] >= '0' && flags[0] <= '9') {
      throw new PgError('22023', `invalid regular expression option: "${flags[0]}"`,
        { hint: 'If you meant to use regexp_replace() with a start parameter, cast the fourth argument to integer explicitly.' });
    }
    return inner(args, ctx);
  };
}
