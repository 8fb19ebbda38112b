// PL/pgSQL's tokens (pl_scanner.c uses the core SQL scanner): words, quoted identifiers,
// numbers, string constants ('…', E'…', $tag$…$tag$), operators and punctuation, with their
// offsets so that SQL fragments are cut from the source text as written.
import { PgError } from '../errors/index.js';

export interface Token {
  /** 'word' (lower-cased in value), 'ident' (quoted), 'num', 'str', 'op', 'param' ($1), 'eof' */
  kind: 'word' | 'ident' | 'num' | 'str' | 'op' | 'param' | 'eof';
  value: string;
  start: number;
  end: number;
}

const OP_CHARS = '+-*/<>=~!@#%^&|`?';

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && src[i + 1] === '-') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      let depth = 1; i += 2;
      while (i < n && depth) {
        if (src[i] === '/' && src[i + 1] === '*') { depth++; i += 2; } else if (src[i] === '*' && src[i + 1] === '/') { depth--; i += 2; } else i++;
      }
      continue;
    }
    const start = i;
    if ((c === 'E' || c === 'e') && src[i + 1] === "'") { i = quoted(src, i + 1, "'", true); out.push({ kind: 'str', value: src.slice(start, i), start, end: i }); continue; }
    if (c === "'") { i = quoted(src, i, "'", false); out.push({ kind: 'str', value: src.slice(start, i), start, end: i }); continue; }
    if (c === '"') { i = quoted(src, i, '"', false); out.push({ kind: 'ident', value: src.slice(start + 1, i - 1).replace(/""/g, '"'), start, end: i }); continue; }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(src.slice(i));
      if (m) {
        const tag = m[0];
        const close = src.indexOf(tag, i + tag.length);
        if (close < 0) throw syntaxError(src, i, 'unterminated dollar-quoted string');
        i = close + tag.length;
        out.push({ kind: 'str', value: src.slice(start, i), start, end: i });
        continue;
      }
      const p = /^\$\d+/.exec(src.slice(i));
      if (p) { i += p[0].length; out.push({ kind: 'param', value: p[0], start, end: i }); continue; }
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      while (i < n && /[A-Za-z_0-9$\u0080-\uffff]/.test(src[i])) i++;
      out.push({ kind: 'word', value: src.slice(start, i).toLowerCase(), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (i < n && /[0-9]/.test(src[i])) i++;
      if (src[i] === '.' && src[i + 1] !== '.') { i++; while (i < n && /[0-9]/.test(src[i])) i++; }
      if (/[eE]/.test(src[i] ?? '') && /[-+0-9]/.test(src[i + 1] ?? '')) { i += 2; while (i < n && /[0-9]/.test(src[i])) i++; }
      out.push({ kind: 'num', value: src.slice(start, i), start, end: i });
      continue;
    }
    // two-character tokens PL/pgSQL cares about
    const two = src.slice(i, i + 2);
    if (two === ':=' || two === '..' || two === '<<' || two === '>>' || two === '=>' || two === '::') {
      // << and >> are label brackets only where PL/pgSQL expects them; as operators they stay whole
      i += 2; out.push({ kind: 'op', value: two, start, end: i }); continue;
    }
    if (OP_CHARS.includes(c)) {
      while (i < n && OP_CHARS.includes(src[i]) && !(src[i] === '-' && src[i + 1] === '-') && !(src[i] === '/' && src[i + 1] === '*')) i++;
      out.push({ kind: 'op', value: src.slice(start, i), start, end: i });
      continue;
    }
    i++;
    out.push({ kind: 'op', value: c, start, end: i });
  }
  out.push({ kind: 'eof', value: '', start: n, end: n });
  return out;
}

function quoted(src: string, i: number, q: string, backslash: boolean): number {
  i++;
  while (i < src.length) {
    if (backslash && src[i] === '\\') { i += 2; continue; }
    if (src[i] === q) {
      if (src[i + 1] === q) { i += 2; continue; }
      return i + 1;
    }
    i++;
  }
  throw syntaxError(src, src.length, q === '"' ? 'unterminated quoted identifier' : 'unterminated quoted string');
}

export function syntaxError(_src: string, _at: number, message: string): PgError {
  return new PgError('42601', message);
}

/** 1-based line of an offset. */
export function lineOf(src: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < src.length; i++) if (src[i] === '\n') line++;
  return line;
}
