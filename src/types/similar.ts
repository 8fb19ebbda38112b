// SIMILAR TO and SUBSTRING(… SIMILAR … ESCAPE …): the SQL pattern is translated to a POSIX
// regular expression by similar_to_escape (similar_escape_internal in regexp.c), then matched
// with the ~ operator / the regex substring.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn } from './define.js';
import { compileRegex } from './pattern.js';

const { text } = OID;

/** similar_escape_internal: esc null = the default backslash, '' = no escape character. */
export function similarToRegex(pattern: string, esc: string | null): string {
  let e: string | null = esc === null ? '\\' : esc;
  if (e === '') e = null;
  else if (e !== null && Array.from(e).length > 1) {
    throw new PgError('22025', 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  }
  let out = '^(?:';
  let afterEscape = false, quotes = 0;
  // bracket expressions nest ([[:alpha:]]); a ] right after [ or [^ is a member, not the end
  let depth = 0, classPos = 0;
  // where the first part's quantifiers end: that part matches as little as it can (the
  // whole part is non-greedy in PostgreSQL's engine; here each of its quantifiers is)
  const lazy: number[] = [];
  const quantifier = (c: string) => c === '*' || c === '+' || c === '?' || c === '}' || c === '%';
  for (const c of pattern) {
    if (quotes === 0 && !afterEscape && depth === 0 && quantifier(c) && !(e !== null && c === e)) {
      out += c === '%' ? '.*' : c;
      lazy.push(out.length);
      continue;
    }
    if (afterEscape) {
      if (c === '"' && depth < 1) {
        if (quotes === 0) out += '){1,1}?(';
        else if (quotes === 1) out += '){1,1}(?:';
        else throw new PgError('2200B', 'SQL regular expression may not contain more than two escape-double-quote separators');
        quotes++;
      } else { out += '\\' + c; classPos = 3; }
      afterEscape = false;
    } else if (e !== null && c === e) afterEscape = true;
    else if (depth > 0) {
      if (c === '\\') out += '\\';
      out += c;
      if (c === ']' && classPos > 2) depth--;
      else if (c === '[') { depth++; classPos = 3; }
      else if (c === '^') classPos++;
      else classPos = 3;
    } else if (c === '[') { out += c; depth = 1; classPos = 1; }
    else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else if (c === '(') out += '(?:';
    else if (c === '\\' || c === '.' || c === '^' || c === '$') out += '\\' + c;
    else out += c;
  }
  if (quotes > 0) for (let i = lazy.length - 1; i >= 0; i--) out = out.slice(0, lazy[i]) + '?' + out.slice(lazy[i]);
  return out + ')$';
}

fn('similar_to_escape', [text], text, ([p]) => similarToRegex(p, null));
fn('similar_to_escape', [text, text], text, ([p, e]) => similarToRegex(p, e));
fn('similar_escape', [text, text], text, ([p, e]) => (p === null ? null : similarToRegex(p, e)), { strict: false });

/** textregexsubstr: the first parenthesized subexpression's match if there is one, else the whole match. */
export function regexSubstring(s: string, p: string): string | null {
  const m = compileRegex(p).exec(s);
  if (!m) return null;
  if (m.length > 1) return m[1] ?? null;
  return m[0];
}

fn('substring', [text, text], text, ([s, p]) => regexSubstring(s, p));
// an SQL function in PostgreSQL: its errors say so
fn('substring', [text, text, text], text, ([s, p, e]) => {
  try {
    return regexSubstring(s, similarToRegex(p, e));
  } catch (err) {
    if (err instanceof PgError && !err.where) err.where = 'SQL function "substring" statement 1';
    throw err;
  }
});
