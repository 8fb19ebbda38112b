// The PL/pgSQL syntax tree (PostgreSQL's plpgsql.h PLpgSQL_stmt_* in small): statements keep
// their line for CONTEXT lines; embedded SQL stays text, compiled on first execution.

/** An SQL expression or query as written. */
export interface SqlText { text: string; line: number; /** offset in the body */ start?: number }

export interface VarDecl {
  name: string;
  /** Type as written ('integer', 'foo%ROWTYPE', 'record'); null for an ALIAS. */
  type: string | null;
  constant: boolean;
  notNull: boolean;
  default: SqlText | null;
  /** ALIAS FOR name / $n */
  alias?: string;
  line: number;
}

export interface Block {
  k: 'block';
  line: number;
  label: string | null;
  decls: VarDecl[];
  body: Stmt[];
  handlers: { conditions: string[]; body: Stmt[] }[] | null;
}

export type Target = { name: string; field?: string; subscripts?: SqlText[]; pos?: number };

export type Stmt =
  | Block
  | { k: 'assign'; line: number; target: Target; expr: SqlText }
  | { k: 'if'; line: number; branches: { cond: SqlText; body: Stmt[] }[]; else: Stmt[] | null }
  | { k: 'case'; line: number; expr: SqlText | null; whens: { exprs: SqlText; body: Stmt[] }[]; else: Stmt[] | null }
  | { k: 'loop'; line: number; label: string | null; body: Stmt[] }
  | { k: 'while'; line: number; label: string | null; cond: SqlText; body: Stmt[] }
  | { k: 'fori'; line: number; label: string | null; var: string; reverse: boolean; lo: SqlText; hi: SqlText; by: SqlText | null; body: Stmt[] }
  | { k: 'forq'; line: number; label: string | null; targets: string[]; targetPos?: number; query: SqlText | null; dynamic: SqlText | null; using: SqlText[]; body: Stmt[] }
  | { k: 'foreach'; line: number; label: string | null; var: string; slice: number; array: SqlText; body: Stmt[] }
  | { k: 'exit'; line: number; continue: boolean; label: string | null; when: SqlText | null }
  | { k: 'return'; line: number; expr: SqlText | null }
  | { k: 'return_next'; line: number; expr: SqlText | null }
  | { k: 'return_query'; line: number; query: SqlText | null; dynamic: SqlText | null; using: SqlText[] }
  | { k: 'raise'; line: number; level: string; condition: string | null; sqlstate: string | null; message: string | null; params: SqlText[]; options: { name: string; expr: SqlText }[] }
  | { k: 'assert'; line: number; cond: SqlText; message: SqlText | null }
  | { k: 'perform'; line: number; query: SqlText }
  | { k: 'sql'; line: number; query: SqlText; into: string[] | null; strict: boolean; intoPos?: number[] }
  | { k: 'execute'; line: number; query: SqlText; into: string[] | null; strict: boolean; using: SqlText[] }
  | { k: 'getdiag'; line: number; stacked: boolean; items: { target: string; item: string }[] }
  | { k: 'null'; line: number }
  | { k: 'call'; line: number; query: SqlText }
  | { k: 'commit'; line: number; rollback: boolean };
