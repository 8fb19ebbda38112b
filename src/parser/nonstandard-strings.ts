// standard_conforming_strings = off: PostgreSQL's lexer reads '…' as it reads E'…' (backslash
// escapes), warning about each such string that holds a backslash while escape_string_warning
// is on, and refuses U&'…'. The grammar (libpg-query) always reads '…' as standard, so the
// text is rewritten first: each such literal becomes the standard literal of the same value,
// padded with spaces to its former length so that every position in the text stays right.
import { PgError } from '../errors/index.js';

export interface NonstandardWarning {
  message: string;
  hint: string;
  /** 1-based character position of the literal. */
  position: number;
}

const SINGLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

const cpLength = (s: string) => { let n = 0; for (const _ of s) n++; return n; };

/** The query text with '…' literals made standard, and the warnings PostgreSQL's lexer gives. */
export function rewriteNonstandardStrings(sql: string, warn: boolean): { sql: string; warnings: NonstandardWarning[] } {
  const warnings: NonstandardWarning[] = [];
  let out = '';
  let i = 0;
  const n = sql.length;
  const charPos = (at: number) => cpLength(sql.slice(0, at)) + 1;
  while (i < n) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const e = sql.indexOf('\n', i);
      const end = e < 0 ? n : e;
      out += sql.slice(i, end); i = end; continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      let depth = 0, j = i;
      while (j < n) {
        if (sql[j] === '/' && sql[j + 1] === '*') { depth++; j += 2; continue; }
        if (sql[j] === '*' && sql[j + 1] === '/') { depth--; j += 2; if (depth === 0) break; continue; }
        j++;
      }
      out += sql.slice(i, j); i = j; continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n) { if (sql[j] === '"') { if (sql[j + 1] === '"') { j += 2; continue; } j++; break; } j++; }
      out += sql.slice(i, j); i = j; continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i));
      if (m && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
        const close = sql.indexOf(m[0], i + m[0].length);
        const end = close < 0 ? n : close + m[0].length;
        out += sql.slice(i, end); i = end; continue;
      }
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j])) j++;
      const word = sql.slice(i, j);
      if (sql[j] === "'" && /^[eEbBxX]$/.test(word)) {
        // E'…' (already escaped), B'…', X'…': copied as they are
        const end = quotedEnd(sql, j, /^[eE]$/.test(word));
        out += sql.slice(i, end); i = end; continue;
      }
      if (/^[uU]$/.test(word) && sql[j] === '&' && sql[j + 1] === "'") {
        throw new PgError('0A000', 'unsafe use of string constant with Unicode escapes', { position: charPos(i),
          detail: 'String constants with Unicode escapes cannot be used when standard_conforming_strings is off.' });
      }
      out += word; i = j; continue;
    }
    if (c === "'") {
      const end = quotedEnd(sql, i, true);
      const raw = sql.slice(i, end);
      if (!raw.includes('\\')) { out += raw; i = end; continue; }
      const { value, escape } = unescape(raw.slice(1, raw.endsWith("'") && raw.length > 1 ? -1 : undefined));
      if (warn && escape) warnings.push({ ...escape, position: charPos(i) });
      const literal = "'" + value.replace(/'/g, "''") + "'";
      out += literal + ' '.repeat(Math.max(0, cpLength(raw) - cpLength(literal)));
      i = end;
      continue;
    }
    out += c; i++;
  }
  return { sql: out, warnings };
}

/** The index just after the closing quote of the literal whose opening quote is at `start`. */
function quotedEnd(sql: string, start: number, backslashes: boolean): number {
  let j = start + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (backslashes && c === '\\') { j += 2; continue; }
    if (c === "'") {
      if (sql[j + 1] === "'") { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

/** The value of an escaped literal's body, and the warning its first escape gives (check_string_escape_warning). */
function unescape(body: string): { value: string; escape: { message: string; hint: string } | null } {
  const bytes: number[] = [];
  let out = '';
  let escape: { message: string; hint: string } | null = null;
  const flush = () => {
    if (bytes.length) { out += Buffer.from(bytes).toString('utf8'); bytes.length = 0; }
  };
  const note = (ch: string) => {
    if (escape) return;
    escape = ch === "'" ? { message: "nonstandard use of \\' in a string literal", hint: "Use '' to write quotes in strings, or use the escape string syntax (E'...')." }
      : ch === '\\' ? { message: 'nonstandard use of \\\\ in a string literal', hint: "Use the escape string syntax for backslashes, e.g., E'\\\\'." }
      : { message: 'nonstandard use of escape in a string literal', hint: "Use the escape string syntax for escapes, e.g., E'\\r\\n'." };
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'" && body[i + 1] === "'") { flush(); out += "'"; i++; continue; }
    if (c !== '\\' || i + 1 >= body.length) { flush(); out += c; continue; }
    const e = body[i + 1];
    const rest = body.slice(i + 1);
    let m: RegExpExecArray | null;
    if ((m = /^[0-7]{1,3}/.exec(rest))) { note('0'); bytes.push(parseInt(m[0], 8) & 0xff); i += m[0].length; continue; }
    if ((m = /^x([0-9A-Fa-f]{1,2})/.exec(rest))) { note('x'); bytes.push(parseInt(m[1], 16)); i += m[0].length; continue; }
    if ((m = /^(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))/.exec(rest))) {
      note('u'); flush(); out += String.fromCodePoint(parseInt(m[1] ?? m[2], 16)); i += m[0].length; continue;
    }
    flush();
    note(e);
    out += SINGLE[e] ?? e;
    i++;
  }
  flush();
  return { value: out, escape };
}
