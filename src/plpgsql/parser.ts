// A PL/pgSQL parser (pl_gram.y in small): blocks, declarations and the statements, with the
// embedded SQL kept as text up to the token that ends it, as PL/pgSQL's read_sql_construct does.
import { PgError } from '../errors/index.js';
import type { Block, SqlText, Stmt, Target, VarDecl } from './ast.js';
import { lineOf } from './lexer.js';
import { TokenReader, unquote } from './token-reader.js';

export { unquote };

const cache = new Map<string, Block>();

/** Parses a function body; the result is shared (never changed by the interpreter). */
export function parsePlpgsql(src: string): Block {
  const hit = cache.get(src);
  if (hit) return hit;
  const p = new Parser(src);
  const b = p.topBlock();
  if (cache.size > 500) cache.clear();
  cache.set(src, b);
  return b;
}

const STMT_END = new Set(['end', 'elsif', 'elseif', 'else', 'exception', 'when']);
const LEVELS = new Set(['debug', 'log', 'info', 'notice', 'warning', 'exception']);

class Parser extends TokenReader {
  topBlock(): Block {
    const label = this.label();
    const b = this.block(label);
    if (this.isOp(';')) this.i++;
    if (this.t.kind !== 'eof') throw this.error();
    return b;
  }

  private label(): string | null {
    if (!this.isOp('<<')) return null;
    this.i++;
    const l = this.name();
    this.expectOp('>>');
    return l;
  }

  private block(label: string | null): Block {
    const line = this.line();
    const decls: VarDecl[] = [];
    if (this.isWord('declare')) {
      this.i++;
      while (!this.isWord('begin')) {
        if (this.t.kind === 'eof') throw this.error();
        if (this.isWord('declare')) { this.i++; continue; }
        decls.push(this.decl());
      }
    }
    this.expectWord('begin');
    const body = this.stmts();
    let handlers: Block['handlers'] = null;
    if (this.isWord('exception')) {
      this.i++;
      handlers = [];
      while (this.isWord('when')) {
        this.i++;
        const conditions: string[] = [];
        for (;;) {
          if (this.isWord('sqlstate')) { this.i++; conditions.push('sqlstate:' + unquote(this.t.value)); this.i++; }
          else conditions.push(this.name());
          if (this.isWord('or')) { this.i++; continue; }
          break;
        }
        this.expectWord('then');
        handlers.push({ conditions, body: this.stmts() });
      }
    }
    this.expectWord('end');
    if ((this.t.kind === 'word' || this.t.kind === 'ident') && !this.isOp(';')) {
      const l = this.name();
      if (label !== l) throw new PgError('42601', label ? `end label "${l}" differs from block's label "${label}"` : `end label "${l}" specified for unlabeled block`);
    }
    return { k: 'block', line, label, decls, body, handlers };
  }

  private decl(): VarDecl {
    const line = this.line();
    const name = this.name();
    if (this.isWord('alias')) {
      this.i++;
      this.expectWord('for');
      const t = this.t;
      this.i++;
      this.expectOp(';');
      return { name, type: null, constant: false, notNull: false, default: null, alias: t.kind === 'param' ? t.value : t.value, line };
    }
    if (this.isWord('cursor') || (this.isWord('no') && this.isWord('scroll', this.peek())) || this.isWord('scroll')) throw new PgError('0A000', 'cursor variables are not supported');
    let constant = false;
    if (this.isWord('constant')) { constant = true; this.i++; }
    // the type: everything up to NOT NULL, DEFAULT, :=, =, COLLATE or ;
    const start = this.t.start;
    let depth = 0;
    while (this.t.kind !== 'eof') {
      if (depth === 0 && (this.isOp(';') || this.isOp(':=') || this.isOp('=') || this.isWord('default') || this.isWord('collate')
        || (this.isWord('not') && this.isWord('null', this.peek())))) break;
      if (this.isOp('(') || this.isOp('[')) depth++;
      if (this.isOp(')') || this.isOp(']')) depth--;
      this.i++;
    }
    const type = this.src.slice(start, this.toks[this.i - 1]?.end ?? start).trim();
    if (!type) throw this.error();
    if (this.isWord('collate')) { this.i++; this.name(); }
    let notNull = false;
    if (this.isWord('not')) { this.i += 2; notNull = true; }
    let def: SqlText | null = null;
    if (this.isOp(':=') || this.isOp('=') || this.isWord('default')) { this.i++; def = this.sqlUntil([';']); }
    this.expectOp(';');
    if (notNull && !def) throw new PgError('22004', `variable "${name}" must have a default value, since it's declared NOT NULL`);
    if (constant && !def) throw new PgError('22004', `variable "${name}" must have a default value, since it's declared CONSTANT`);
    return { name, type, constant, notNull, default: def, line };
  }

  private stmts(): Stmt[] {
    const out: Stmt[] = [];
    while (!(this.t.kind === 'word' && STMT_END.has(this.t.value)) && this.t.kind !== 'eof') out.push(this.stmt());
    return out;
  }


  private stmt(): Stmt {
    const line = this.line();
    const label = this.label();
    const t = this.t;
    if (t.kind !== 'word' && t.kind !== 'ident') throw this.error();
    const w = t.kind === 'word' ? t.value : '';
    if (label !== null && !['loop', 'while', 'for', 'foreach', 'begin', 'declare'].includes(w)) throw this.error();
    switch (w) {
      case 'begin': case 'declare': { const b = this.block(label); this.expectOp(';'); return b; }
      case 'if': return this.ifStmt(line);
      case 'case': return this.caseStmt(line);
      case 'loop': { this.i++; const body = this.loopBody(label); return { k: 'loop', line, label, body }; }
      case 'while': { this.i++; const cond = this.sqlUntil(['loop']); this.i++; return { k: 'while', line, label, cond, body: this.loopBody(label) }; }
      case 'for': return this.forStmt(line, label);
      case 'foreach': return this.foreachStmt(line, label);
      case 'exit': case 'continue': {
        this.i++;
        let l: string | null = null;
        if ((this.t.kind === 'word' && this.t.value !== 'when') || this.t.kind === 'ident') l = this.name();
        let when: SqlText | null = null;
        if (this.isWord('when')) { this.i++; when = this.sqlUntil([';']); }
        this.expectOp(';');
        return { k: 'exit', line, continue: w === 'continue', label: l, when };
      }
      case 'return': return this.returnStmt(line);
      case 'raise': return this.raiseStmt(line);
      case 'assert': {
        this.i++;
        const cond = this.sqlUntil([',', ';']);
        let message: SqlText | null = null;
        if (this.isOp(',')) { this.i++; message = this.sqlUntil([';']); }
        this.expectOp(';');
        return { k: 'assert', line, cond, message };
      }
      case 'perform': { this.i++; const q = this.sqlUntil([';']); this.i++; return { k: 'perform', line, query: q }; }
      case 'execute': return this.executeStmt(line);
      case 'get': return this.getDiag(line);
      case 'null': if (this.isOp(';', this.peek())) { this.i += 2; return { k: 'null', line }; } break;
      case 'call': { const q = this.sqlUntil([';']); this.i++; return { k: 'call', line, query: q }; }
      case 'commit': case 'rollback': {
        this.i++;
        if (this.isWord('and')) { this.i++; if (this.isWord('no')) this.i++; this.expectWord('chain'); }
        this.expectOp(';');
        return { k: 'commit', line, rollback: w === 'rollback' };
      }
      case 'open': case 'fetch': case 'move': case 'close': throw new PgError('0A000', 'cursors in PL/pgSQL are not supported');
    }
    // assignment: target := expr (or =)
    const nx = this.peek();
    if (this.isOp(':=', nx) || this.isOp('=', nx) || this.isOp('[', nx) || (this.isOp('.', nx) && (this.isOp(':=', this.peek(3)) || this.isOp('=', this.peek(3))))) {
      const target = this.target();
      if (!this.isOp(':=') && !this.isOp('=')) throw this.error();
      this.i++;
      const expr = this.sqlUntil([';']);
      this.i++;
      return { k: 'assign', line, target, expr };
    }
    return this.sqlStmt(line);
  }

  private target(): Target {
    const pos = this.t.start;
    const name = this.name();
    const t = this.targetRest(name);
    t.pos = pos;
    return t;
  }

  private targetRest(name: string): Target {
    if (this.isOp('.')) { this.i++; return { name, field: this.name() }; }
    if (this.isOp('[')) {
      const subscripts: SqlText[] = [];
      while (this.isOp('[')) { this.i++; subscripts.push(this.sqlUntil([']'])); this.i++; }
      return { name, subscripts };
    }
    return { name };
  }

  private loopBody(label: string | null): Stmt[] {
    const body = this.stmts();
    this.expectWord('end');
    this.expectWord('loop');
    if (this.t.kind === 'word' || this.t.kind === 'ident') {
      const l = this.name();
      if (l !== label) throw new PgError('42601', label ? `end label "${l}" differs from block's label "${label}"` : `end label "${l}" specified for unlabeled block`);
    }
    this.expectOp(';');
    return body;
  }

  private ifStmt(line: number): Stmt {
    this.i++;
    const branches: { cond: SqlText; body: Stmt[] }[] = [];
    const cond = this.sqlUntil(['then']);
    this.i++;
    branches.push({ cond, body: this.stmts() });
    let els: Stmt[] | null = null;
    for (;;) {
      if (this.isWord('elsif') || this.isWord('elseif')) {
        this.i++;
        const c = this.sqlUntil(['then']);
        this.i++;
        branches.push({ cond: c, body: this.stmts() });
        continue;
      }
      if (this.isWord('else')) { this.i++; els = this.stmts(); }
      break;
    }
    this.expectWord('end');
    this.expectWord('if');
    this.expectOp(';');
    return { k: 'if', line, branches, else: els };
  }

  private caseStmt(line: number): Stmt {
    this.i++;
    const expr = this.isWord('when') ? null : this.sqlUntil(['when']);
    const whens: { exprs: SqlText; body: Stmt[] }[] = [];
    while (this.isWord('when')) {
      this.i++;
      const exprs = this.sqlUntil(['then']);
      this.i++;
      whens.push({ exprs, body: this.stmts() });
    }
    let els: Stmt[] | null = null;
    if (this.isWord('else')) { this.i++; els = this.stmts(); }
    this.expectWord('end');
    this.expectWord('case');
    this.expectOp(';');
    return { k: 'case', line, expr, whens, else: els };
  }

  private forStmt(line: number, label: string | null): Stmt {
    this.i++;
    const targetPos = this.t.start;
    const targets = [this.name()];
    while (this.isOp(',')) { this.i++; targets.push(this.name()); }
    this.expectWord('in');
    if (this.isWord('execute')) {
      this.i++;
      const dynamic = this.sqlUntil(['loop', 'using']);
      const using = this.usingList(['loop']);
      this.expectWord('loop');
      return { k: 'forq', line, label, targets, query: null, dynamic, using, body: this.loopBody(label) };
    }
    let reverse = false;
    if (this.isWord('reverse')) { reverse = true; this.i++; }
    // an integer loop has ".." at depth 0 before LOOP
    let depth = 0, isRange = reverse;
    for (let j = this.i; j < this.toks.length; j++) {
      const t = this.toks[j];
      if (t.kind === 'op' && (t.value === '(' || t.value === '[')) depth++;
      else if (t.kind === 'op' && (t.value === ')' || t.value === ']')) depth--;
      else if (depth === 0 && t.kind === 'op' && t.value === '..') { isRange = true; break; }
      else if (depth === 0 && t.kind === 'word' && t.value === 'loop') break;
    }
    if (isRange) {
      const lo = this.sqlUntil(['..']);
      this.i++;
      const hi = this.sqlUntil(['by', 'loop']);
      let by: SqlText | null = null;
      if (this.isWord('by')) { this.i++; by = this.sqlUntil(['loop']); }
      this.expectWord('loop');
      return { k: 'fori', line, label, var: targets[0], reverse, lo, hi, by, body: this.loopBody(label) };
    }
    const query = this.sqlUntil(['loop']);
    this.i++;
    return { k: 'forq', line, label, targets, targetPos, query, dynamic: null, using: [], body: this.loopBody(label) };
  }

  private foreachStmt(line: number, label: string | null): Stmt {
    this.i++;
    const v = this.name();
    let slice = 0;
    if (this.isWord('slice')) { this.i++; slice = Number(this.t.value); this.i++; }
    this.expectWord('in');
    this.expectWord('array');
    const array = this.sqlUntil(['loop']);
    this.i++;
    return { k: 'foreach', line, label, var: v, slice, array, body: this.loopBody(label) };
  }

  private returnStmt(line: number): Stmt {
    this.i++;
    if (this.isWord('next')) {
      this.i++;
      const expr = this.isOp(';') ? null : this.sqlUntil([';']);
      this.i++;
      return { k: 'return_next', line, expr };
    }
    if (this.isWord('query')) {
      this.i++;
      if (this.isWord('execute')) {
        this.i++;
        const dynamic = this.sqlUntil([';', 'using']);
        const using = this.usingList([';']);
        this.expectOp(';');
        return { k: 'return_query', line, query: null, dynamic, using };
      }
      const query = this.sqlUntil([';']);
      this.i++;
      return { k: 'return_query', line, query, dynamic: null, using: [] };
    }
    const expr = this.isOp(';') ? null : this.sqlUntil([';']);
    this.expectOp(';');
    return { k: 'return', line, expr };
  }


  private raiseStmt(line: number): Stmt {
    this.i++;
    let level = 'exception';
    if (this.t.kind === 'word' && LEVELS.has(this.t.value)) { level = this.t.value; this.i++; }
    let condition: string | null = null, sqlstate: string | null = null, message: string | null = null;
    const params: SqlText[] = [];
    if (this.t.kind === 'str') {
      message = unquote(this.t.value);
      this.i++;
      while (this.isOp(',')) { this.i++; params.push(this.sqlUntil([',', ';', 'using'])); }
    } else if (this.isWord('sqlstate')) {
      this.i++;
      sqlstate = unquote(this.t.value);
      this.i++;
    } else if (this.t.kind === 'word' && this.t.value !== 'using') {
      condition = this.name();
    }
    const options: { name: string; expr: SqlText }[] = [];
    if (this.isWord('using')) {
      this.i++;
      for (;;) {
        const name = this.name();
        if (!this.isOp('=') && !this.isOp(':=')) throw this.error();
        this.i++;
        options.push({ name, expr: this.sqlUntil([',', ';']) });
        if (this.isOp(',')) { this.i++; continue; }
        break;
      }
    }
    this.expectOp(';');
    return { k: 'raise', line, level, condition, sqlstate, message, params, options };
  }

  private executeStmt(line: number): Stmt {
    this.i++;
    const query = this.sqlUntil([';', 'into', 'using']);
    let into: string[] | null = null, strict = false, using: SqlText[] = [];
    for (let round = 0; round < 2; round++) {
      if (this.isWord('into')) {
        this.i++;
        if (this.isWord('strict')) { strict = true; this.i++; }
        into = [this.dotted()];
        while (this.isOp(',')) { this.i++; into.push(this.dotted()); }
      } else if (this.isWord('using')) {
        using = this.usingList([';', 'into']);
      }
    }
    this.expectOp(';');
    return { k: 'execute', line, query, into, strict, using };
  }


  private getDiag(line: number): Stmt {
    this.i++;
    let stacked = false;
    if (this.isWord('stacked')) { stacked = true; this.i++; } else if (this.isWord('current')) this.i++;
    this.expectWord('diagnostics');
    const items: { target: string; item: string }[] = [];
    for (;;) {
      const target = this.name();
      if (!this.isOp('=') && !this.isOp(':=')) throw this.error();
      this.i++;
      items.push({ target, item: this.name() });
      if (this.isOp(',')) { this.i++; continue; }
      break;
    }
    this.expectOp(';');
    return { k: 'getdiag', line, stacked, items };
  }

  /** Any other statement is SQL, with an INTO clause taken out (SELECT … INTO x, INSERT … RETURNING … INTO x). */
  private sqlStmt(line: number): Stmt {
    const first = this.t;
    const isInsert = this.isWord('insert') || this.isWord('merge') || this.isWord('import');
    let depth = 0, intoAt = -1, intoEnd = -1, strict = false;
    const into: string[] = [], intoPos: number[] = [];
    let seenInsertInto = !isInsert;
    while (this.t.kind !== 'eof' && !(depth === 0 && this.isOp(';'))) {
      if (this.isOp('(') || this.isOp('[')) depth++;
      else if (this.isOp(')') || this.isOp(']')) depth--;
      else if (depth === 0 && this.isWord('into') && intoAt < 0) {
        if (!seenInsertInto) { seenInsertInto = true; this.i++; continue; }
        intoAt = this.t.start;
        this.i++;
        if (this.isWord('strict')) { strict = true; this.i++; }
        intoPos.push(this.t.start);
        into.push(this.dotted());
        while (this.isOp(',')) { this.i++; intoPos.push(this.t.start); into.push(this.dotted()); }
        intoEnd = this.t.start;
        continue;
      }
      this.i++;
    }
    if (this.t.kind === 'eof') throw this.error();
    const end = this.t.start;
    this.i++;
    const text = intoAt < 0 ? this.src.slice(first.start, end) : this.src.slice(first.start, intoAt) + ' ' + this.src.slice(intoEnd, end);
    return { k: 'sql', line, query: { text, line, start: first.start }, into: intoAt < 0 ? null : into, strict, intoPos };
  }
}