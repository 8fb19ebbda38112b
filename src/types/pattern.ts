// LIKE / ILIKE (~~ ~~* !~~ !~~*) with PostgreSQL's escape rules (backslash by
// default; LIKE … ESCAPE e is like_escape(pattern, e)), and POSIX regular
// expressions (~ ~* !~ !~*, regexp_replace, regexp_match, …) translated to JS.
// Compiled patterns are cached by pattern text.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { op, fn } from './define.js';
import { asciiLower } from './string-functions.js';

const { text, bool, bpchar, name } = OID;

type Matcher = (s: string) => boolean;
const likeCache = new Map<string, Matcher>();
const ilikeCache = new Map<string, Matcher>();

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** Compile a LIKE pattern (backslash escapes) to a matcher. */
export function compileLike(pattern: string): Matcher {
  // fast paths: no wildcards/escapes, 'abc%', '%abc', '%abc%'
  let lit = '';
  const parts: (string | 0 | 1)[] = []; // string literal, 0 = '%', 1 = '_'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (i + 1 >= pattern.length) throw new PgError('22025', 'LIKE pattern must not end with escape character');
      lit += pattern[++i];
    } else if (c === '%') {
      if (lit) { parts.push(lit); lit = ''; }
      if (parts[parts.length - 1] !== 0) parts.push(0);
    } else if (c === '_') {
      if (lit) { parts.push(lit); lit = ''; }
      parts.push(1);
    } else lit += c;
  }
  if (lit) parts.push(lit);
  if (parts.length === 0) return (s) => s === '';
  if (parts.length === 1) {
    const p = parts[0]!;
    if (p === 0) return () => true;
    if (typeof p === 'string') return (s) => s === p;
  }
  if (parts.length === 2 && parts[1] === 0 && typeof parts[0] === 'string') {
    const p = parts[0];
    return (s) => s.startsWith(p);
  }
  if (parts.length === 2 && parts[0] === 0 && typeof parts[1] === 'string') {
    const p = parts[1];
    return (s) => s.endsWith(p);
  }
  if (parts.length === 3 && parts[0] === 0 && parts[2] === 0 && typeof parts[1] === 'string') {
    const p = parts[1];
    return (s) => s.includes(p);
  }
  let src = '^';
  for (const p of parts) src += p === 0 ? '.*' : p === 1 ? '.' : p.replace(REGEX_SPECIAL, '\\$&');
  const re = new RegExp(src + '$', 'su');
  return (s) => re.test(s);
}

function cached(cache: Map<string, Matcher>, pattern: string, make: (p: string) => Matcher): Matcher {
  let m = cache.get(pattern);
  if (!m) {
    m = make(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, m);
  }
  return m;
}

export const like = (s: string, pattern: string): boolean => cached(likeCache, pattern, compileLike)(s);
export const ilike = (s: string, pattern: string): boolean =>
  cached(ilikeCache, pattern, (p) => compileLike(asciiLower(p)))(asciiLower(s));

/** like_escape(pattern, escape): rewrite a pattern with a custom escape character to backslash form. */
export function likeEscape(pattern: string, esc: string): string {
  if (esc === '\\') return pattern;
  const ec = Array.from(esc);
  if (ec.length > 1) {
    throw new PgError('22025', 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  }
  let out = '';
  const e = ec[0];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (e !== undefined && c === e) {
      if (i + 1 >= pattern.length) throw new PgError('22025', 'LIKE pattern must not end with escape character');
      const nx = pattern[++i]!;
      out += nx === '%' || nx === '_' || nx === '\\' ? '\\' + nx : nx;
    } else if (c === '\\') out += '\\\\';
    else out += c;
  }
  return out;
}

for (const t of [text, bpchar, name]) {
  op('~~', t, text, bool, (s: string, p: string) => like(s, p));
  op('!~~', t, text, bool, (s: string, p: string) => !like(s, p));
  op('~~*', t, text, bool, (s: string, p: string) => ilike(s, p));
  op('!~~*', t, text, bool, (s: string, p: string) => !ilike(s, p));
}
fn('like_escape', [text, text], text, ([p, e]) => likeEscape(p, e));
fn('like', [text, text], bool, ([s, p]) => like(s, p));
fn('ilike', [text, text], bool, ([s, p]) => ilike(s, p));

// ---- POSIX regular expressions ----
const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: 'a-zA-Z0-9_', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~',
};

/** Translate an ARE (PostgreSQL's regex flavour) to JS RegExp source. */
export function translateRegex(src: string): string {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inBracket) {
      if (c === '[' && src[i + 1] === ':') {
        const end = src.indexOf(':]', i + 2);
        if (end > 0) {
          const cls = CLASSES[src.slice(i + 2, end)];
          if (cls === undefined) throw invalidRegex('invalid character class');
          out += cls;
          i = end + 1;
          continue;
        }
      }
      if (c === ']' && !(out.endsWith('[') || out.endsWith('[^'))) inBracket = false;
      if (c === '\\') { out += '\\\\'; continue; }
      out += c === '[' ? '\\[' : c;
      continue;
    }
    if (c === '[') {
      inBracket = true;
      out += '[';
      if (src[i + 1] === '^') { out += '^'; i++; }
      if (src[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '\\' && i + 1 < src.length) {
      const d = src[++i]!;
      switch (d) {
        case 'm': out += '\\b(?=\\w)'; break;
        case 'M': out += '\\b(?<=\\w)'; break;
        case 'y': out += '\\b'; break;
        case 'Y': out += '\\B'; break;
        case 'A': out += '^'; break;
        case 'Z': out += '$'; break;
        // an escaped non-alphanumeric character is itself (JavaScript's u mode refuses most such escapes)
        default: out += /[A-Za-z0-9]/.test(d) || '^$\\.*+?()[]{}|/'.includes(d) ? '\\' + d : d;
      }
      continue;
    }
    out += c;
  }
  return out;
}

/** The 'x' option: white space and #-comments outside brackets are not part of the pattern. */
function expandedSyntax(p: string): string {
  let out = '', inBracket = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) { out += c + p[++i]; continue; }
    if (inBracket) { if (c === ']') inBracket = false; out += c; continue; }
    if (c === '[') { inBracket = true; out += c; continue; }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '#') { while (i < p.length && p[i] !== '\n') i++; continue; }
    out += c;
  }
  return out;
}

function invalidRegex(what: string): PgError {
  return new PgError('2201B', `invalid regular expression: ${what}`);
}

const regexCache = new Map<string, RegExp>();
/** Compile a PostgreSQL regex with flags ('i' case-insensitive, 'g' global, 'n'/'m' newline-sensitive). */
export function compileRegex(pattern: string, flags = ''): RegExp {
  const key = flags + '\u0000' + pattern;
  let re = regexCache.get(key);
  if (re) return re;
  // ARE embedded options at the start: (?i) and the like apply to the whole pattern
  const embedded = /^\(\?([a-z]+)\)/.exec(pattern);
  if (embedded) { flags += embedded[1]; pattern = pattern.slice(embedded[0].length); }
  if (flags.includes('x')) pattern = expandedSyntax(pattern);
  let js = 'u';
  let newlineSensitive = false;
  for (const f of flags) {
    if (f === 'i') js += 'i';
    else if (f === 'g') js += 'g';
    else if (f === 'n' || f === 'm') newlineSensitive = true;
    else if (f === 'c' || f === 's' || f === 'p' || f === 'w' || f === 'x' || f === 'b' || f === 'e' || f === 'q' || f === 't') { /* accepted */ } else {
      throw new PgError('22023', `invalid regular expression option: "${f}"`);
    }
  }
  if (!newlineSensitive) js += 's'; else js += 'm';
  try {
    re = new RegExp(translateRegex(pattern), js);
  } catch (e) {
    const msg = String((e as Error).message);
    if (/Unterminated group|Unmatched '\)'|unmatched/i.test(msg)) throw invalidRegex('parentheses () not balanced');
    if (/Unterminated character class/i.test(msg)) throw invalidRegex('brackets [] not balanced');
    if (/Nothing to repeat/i.test(msg)) throw invalidRegex('quantifier operand invalid');
    if (/Lone quantifier brackets|Incomplete quantifier/i.test(msg)) throw invalidRegex('braces {} not balanced');
    if (/numbers out of order/i.test(msg)) throw invalidRegex('invalid repetition count(s)');
    throw invalidRegex('invalid escape \\ sequence');
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(key, re);
  return re;
}

export const regexMatch = (s: string, p: string, flags = ''): boolean => compileRegex(p, flags.replace('g', '')).test(s);

for (const t of [text, bpchar, name]) {
  op('~', t, text, bool, (s: string, p: string) => regexMatch(s, p));
  op('!~', t, text, bool, (s: string, p: string) => !regexMatch(s, p));
  op('~*', t, text, bool, (s: string, p: string) => regexMatch(s, p, 'i'));
  op('!~*', t, text, bool, (s: string, p: string) => !regexMatch(s, p, 'i'));
}

/** Translate a PG replacement string (\1..\9, \&, \\) to a replacer function. */
function replacer(rep: string): (m: string, ...groups: unknown[]) => string {
  return (m: string, ...rest: unknown[]) => {
    let out = '';
    for (let i = 0; i < rep.length; i++) {
      const c = rep[i]!;
      if (c === '\\' && i + 1 < rep.length) {
        const d = rep[i + 1]!;
        if (d >= '1' && d <= '9') { const g = rest[Number(d) - 1]; out += typeof g === 'string' ? g : ''; i++; continue; }
        if (d === '&') { out += m; i++; continue; }
        if (d === '\\') { out += '\\'; i++; continue; }
      }
      out += c;
    }
    return out;
  };
}

export function regexpReplace(s: string, p: string, rep: string, flags = ''): string {
  const re = compileRegex(p, flags);
  re.lastIndex = 0;
  return s.replace(re, replacer(rep));
}
fn('regexp_replace', [text, text, text], text, ([s, p, r]) => regexpReplace(s, p, r));
fn('regexp_replace', [text, text, text, text], text, ([s, p, r, f]) => regexpReplace(s, p, r, f));

function matchGroups(m: RegExpExecArray): (string | null)[] {
  if (m.length === 1) return [m[0]];
  return m.slice(1).map((g) => (g === undefined ? null : g));
}
function regexpMatch(s: string, p: string, flags = ''): (string | null)[] | null {
  if (flags.includes('g')) throw new PgError('22023', 'regexp_match() does not support the "global" option', { hint: 'Use the regexp_matches function instead.' });
  const re = compileRegex(p, flags);
  const m = re.exec(s);
  return m ? matchGroups(m) : null;
}
const TEXT_ARRAY = OID._text;
fn('regexp_match', [text, text], TEXT_ARRAY, ([s, p]) => regexpMatch(s, p));
fn('regexp_match', [text, text, text], TEXT_ARRAY, ([s, p, f]) => regexpMatch(s, p, f));
function regexpMatches(s: string, p: string, flags = ''): (string | null)[][] {
  const re = compileRegex(p, flags);
  if (!re.global) { const m = re.exec(s); return m ? [matchGroups(m)] : []; }
  const out: (string | null)[][] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out.push(matchGroups(m));
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}
fn('regexp_matches', [text, text], TEXT_ARRAY, ([s, p]) => regexpMatches(s, p), { retSet: true });
fn('regexp_matches', [text, text, text], TEXT_ARRAY, ([s, p, f]) => regexpMatches(s, p, f), { retSet: true });
function regexpSplit(s: string, p: string, flags = ''): string[] {
  const re = compileRegex(p, flags.replace('g', '') + 'g');
  const out: string[] = [];
  let last = 0, pos = 0;
  for (;;) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    if (m[0].length === 0) {
      if (m.index >= s.length) break;
      if (m.index === last) { pos = m.index + 1; continue; }
    }
    out.push(s.slice(last, m.index));
    last = pos = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}
fn('regexp_split_to_array', [text, text], TEXT_ARRAY, ([s, p]) => regexpSplit(s, p));
const noGlobal = (fname: string, f: string) => {
  if (f.includes('g')) throw new PgError('22023', `${fname}() does not support the "global" option`);
  return f;
};
fn('regexp_split_to_array', [text, text, text], TEXT_ARRAY, ([s, p, f]) => regexpSplit(s, p, noGlobal('regexp_split_to_array', f)));
fn('regexp_split_to_table', [text, text], text, ([s, p]) => regexpSplit(s, p), { retSet: true });
fn('regexp_split_to_table', [text, text, text], text, ([s, p, f]) => regexpSplit(s, p, noGlobal('regexp_split_to_table', f)), { retSet: true });
