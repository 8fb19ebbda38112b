// The PostgreSQL grammar itself (libpg-query, WASM), with a cache by SQL text so
// that repeated and prepared statements are parsed once.
import { PgError } from '../errors/index.js';
import { pgQuery, type PgQueryWasm } from './wasm.js';

export { loadParser } from './wasm.js';

/** One statement of a parsed text: its AST node and where it sits in the text. */
export interface RawStatement {
  /** The statement node, e.g. { SelectStmt: {...} } */
  stmt: Record<string, any>;
  /** Offset (0-based, in characters) of the statement in the text. */
  location: number;
  /** Length in characters; 0 means "to the end of the text". */
  length: number;
}

const cache = new Map<string, RawStatement[]>();
const CACHE_LIMIT = 2000;

/** Parses SQL text into its statements; throws PgError 42601 for a syntax error. */
export function parse(sql: string): RawStatement[] {
  const hit = cache.get(sql);
  if (hit) return hit;
  // an empty query is no statement (libpg-query refuses whitespace-only text)
  if (/^[ \t\n\r\f\v]*$/.test(sql)) return [];
  let tree: any;
  try {
    tree = parseSync(pgQuery ?? notLoaded(), sql);
  } catch (e: any) {
    const d = e?.sqlDetails;
    // the grammar's own checks (not the scanner's syntax errors) report position 0 when they give none
    const position = d && d.cursorPosition >= 0 && (d.cursorPosition > 0 || d.functionName === 'scanner_yyerror')
      ? byteToCharOffset(sql, d.cursorPosition) + 1 : undefined;
    const message = e?.message ?? 'syntax error';
    // PostgreSQL 15.18 refuses these in ALTER TABLE … ALTER CONSTRAINT itself, naming the constraint type
    const alterCon = /^ALTER CONSTRAINT statement constraints cannot be marked (NOT VALID|NO INHERIT)$/.exec(message);
    if (alterCon) throw new PgError('0A000', `FOREIGN KEY constraints cannot be marked ${alterCon[1]}`);
    throw new PgError(codeForParseError(message), message, { position, hint: GRAMMAR_HINTS[message] ?? unicodeEscapeHint(message, sql, position) });
  }
  const stmts: RawStatement[] = (tree.stmts ?? []).map((s: any) => ({
    stmt: s.stmt,
    location: byteToCharOffset(sql, s.stmt_location ?? 0),
    length: s.stmt_len ? byteToCharOffset(sql, (s.stmt_location ?? 0) + s.stmt_len) - byteToCharOffset(sql, s.stmt_location ?? 0) : 0,
  }));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, stmts);
  return stmts;
}

function notLoaded(): never {
  throw new Error('the SQL parser is not loaded: await loadParser() first');
}

/** What libpg-query's parseSync does, on our instance of its module: the parse tree as JSON. */
function parseSync(m: PgQueryWasm, query: string): any {
  const len = m.lengthBytesUTF8(query) + 1;
  const queryPtr = m._malloc(len);
  let resultPtr = 0;
  try {
    m.stringToUTF8(query, queryPtr, len);
    resultPtr = m._wasm_parse_query_raw(queryPtr);
    if (!resultPtr) throw new Error('Failed to allocate memory for parse result');
    // struct { char* parse_tree; char* stderr_buffer; PgQueryError* error; }
    const treePtr = m.getValue(resultPtr, 'i32');
    const errorPtr = m.getValue(resultPtr + 8, 'i32');
    if (errorPtr) {
      // struct { char* message; char* funcname; char* filename; int lineno; int cursorpos; char* context; }
      const messagePtr = m.getValue(errorPtr, 'i32');
      const funcnamePtr = m.getValue(errorPtr + 4, 'i32');
      const cursorpos = m.getValue(errorPtr + 16, 'i32');
      const message = messagePtr ? m.UTF8ToString(messagePtr) : 'Unknown error';
      throw new SqlError(message, {
        cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0,
        functionName: funcnamePtr ? m.UTF8ToString(funcnamePtr) : undefined,
      });
    }
    if (!treePtr) throw new Error('Parse result is null');
    return JSON.parse(m.UTF8ToString(treePtr));
  } finally {
    m._free(queryPtr);
    if (resultPtr) m._wasm_free_parse_result(resultPtr);
  }
}

/** A syntax error as libpg-query reports it (the position 0-based, in bytes). */
class SqlError extends Error {
  constructor(message: string, readonly sqlDetails: { cursorPosition: number; functionName?: string }) {
    super(message);
  }
}

/** HINTs the grammar gives with some of its errors (libpg-query reports only the message). */
const GRAMMAR_HINTS: Record<string, string> = {
  'subquery in FROM must have an alias': 'For example, FROM (SELECT ...) [AS] foo.',
  'missing argument': 'Use NONE to denote the missing argument of a unary operator.',
};

/** The lexer's hint for a bad Unicode escape depends on the kind of literal it is in (U&'…' or E'…'). */
function unicodeEscapeHint(message: string, sql: string, position: number | undefined): string | undefined {
  if (message !== 'invalid Unicode escape' || position === undefined) return undefined;
  const quote = sql.lastIndexOf("'", position - 1);
  return sql.slice(Math.max(0, quote - 2), quote).toUpperCase() === 'U&'
    ? 'Unicode escapes must be \\XXXX or \\+XXXXXX.' : 'Unicode escapes must be \\uXXXX or \\UXXXXXXXX.';
}

function codeForParseError(message: string): string {
  if (message.startsWith('unterminated')) return '42601';
  if (message.includes('out of range')) return '22003';
  if (message.startsWith('invalid')) return '42601';
  return '42601';
}

/** libpg-query reports byte offsets into the UTF-8 text; PostgreSQL positions count characters. */
function byteToCharOffset(sql: string, bytes: number): number {
  // Fast path: pure ASCII text.
  let i = 0, b = 0;
  while (i < sql.length && b < bytes) {
    const c = sql.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { b += 4; i++; }
    else b += 3;
    i++;
  }
  return i;
}

/** The text of one statement, as PostgreSQL sees it (for error positions relative to the whole text). */
export function statementText(sql: string, s: RawStatement): string {
  return s.length ? sql.slice(s.location, s.location + s.length) : sql.slice(s.location);
}
