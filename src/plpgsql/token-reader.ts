// The token-level reading PL/pgSQL's grammar builds on: lookahead, keyword and operator tests,
// syntax errors at a token's position, and embedded SQL cut out up to a terminating token.
import { PgError } from '../errors/index.js';
import type { SqlText } from './ast.js';
import { lineOf, tokenize, type Token } from './lexer.js';

export class TokenReader {
  protected toks: Token[];
  protected i = 0;
  constructor(protected src: string) { this.toks = tokenize(src); }

  protected get t(): Token { return this.toks[this.i]; }
  protected peek(k = 1): Token { return this.toks[Math.min(this.i + k, this.toks.length - 1)]; }
  protected isWord(w: string, t = this.t): boolean { return t.kind === 'word' && t.value === w; }
  protected isOp(o: string, t = this.t): boolean { return t.kind === 'op' && t.value === o; }
  protected line(t = this.t): number { return lineOf(this.src, t.start); }

  protected error(t = this.t): PgError {
    if (t.kind === 'eof') return new PgError('42601', 'syntax error at end of input', { position: this.src.length + 1 });
    return new PgError('42601', `syntax error at or near "${this.src.slice(t.start, t.end)}"`, { position: t.start + 1 });
  }
  protected expectWord(w: string): void { if (!this.isWord(w)) throw this.error(); this.i++; }
  protected expectOp(o: string): void { if (!this.isOp(o)) throw this.error(); this.i++; }
  protected name(): string {
    const t = this.t;
    if (t.kind !== 'word' && t.kind !== 'ident') throw this.error();
    this.i++;
    return t.value;
  }


  /** SQL text from here up to (not including) one of the terminators at nesting depth 0. */
  protected sqlUntil(terms: string[], allowEmpty = false): SqlText {
    const first = this.t;
    let depth = 0;
    while (this.t.kind !== 'eof') {
      const t = this.t;
      if (depth === 0 && (t.kind === 'word' || t.kind === 'op') && terms.includes(t.value)) break;
      if (this.isOp('(') || this.isOp('[')) depth++;
      if (this.isOp(')') || this.isOp(']')) depth--;
      this.i++;
    }
    if (this.t.kind === 'eof') throw this.error();
    const text = this.src.slice(first.start, this.toks[this.i - 1] && this.i > 0 && this.toks[this.i - 1].end > first.start ? this.toks[this.i - 1].end : first.start);
    if (!text.trim() && !allowEmpty) throw this.error();
    return { text, line: lineOf(this.src, first.start), start: first.start };
  }

  protected usingList(terms: string[]): SqlText[] {
    const out: SqlText[] = [];
    if (!this.isWord('using')) return out;
    this.i++;
    for (;;) {
      out.push(this.sqlUntil([',', ...terms]));
      if (this.isOp(',')) { this.i++; continue; }
      return out;
    }
  }

  protected dotted(): string {
    let n = this.name();
    while (this.isOp('.')) { this.i++; n += '.' + this.name(); }
    return n;
  }
}

/** The value of a string constant token. */
export function unquote(tok: string): string {
  if (tok.startsWith('$')) { const m = /^\$[^$]*\$/.exec(tok)!; return tok.slice(m[0].length, tok.length - m[0].length); }
  if (/^[eE]'/.test(tok)) {
    return tok.slice(2, -1).replace(/''/g, "'").replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c);
  }
  return tok.slice(1, -1).replace(/''/g, "'");
}

