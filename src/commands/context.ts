// What utility commands need from the session.
import type { Catalog } from '../catalog/catalog.js';
import type { Notice } from '../errors/index.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import type { WriteContext } from '../integrity/context.js';
import type { ReadView } from '../storage/visibility.js';
import type { TransactionManager } from '../storage/transactions.js';

export interface CommandContext {
  catalog: Catalog;
  tm: TransactionManager;
  analyze: AnalyzeContext;
  /** Current write state of the statement (xid, cid, RI queues). */
  write: WriteContext;
  view: ReadView;
  user: string;
  notice(n: Notice): void;
  /** The session's temporary namespace (pg_temp_N), when it has one. */
  temp?: import('./temp.js').TempNamespace;
  /** Schema new objects go to: the first existing schema of the search path. */
  creationSchema(): string;
  /**
   * Compiles ALTER TABLE's DEFAULT or USING expression (kind names it in errors, e.g. 'DEFAULT
   * expressions') over one row of `table` (none: no columns), assigned to a column of the type.
   */
  compileExpr(table: import('../catalog/objects.js').Table | null, expr: any, kind: string, typeOid: number, typmod: number): CompiledExpr;
  /** The statement's evaluation context (TRUNCATE's triggers call functions with it). */
  evalContext?(): import('../types/registry.js').EvalContext;
  /** Evaluates a (raw) expression on a row of a table, for CHECK validation of existing rows. */
  checkExisting(table: import('../catalog/objects.js').Table, con: import('../catalog/objects.js').Constraint): void;
}

/** An ALTER TABLE expression compiled for one row: fn is null when its type does not coerce. */
export interface CompiledExpr {
  /** The expression's own type, before coercion. */
  type: number;
  /** Calls a volatile function: evaluate it once per row. */
  volatile: boolean;
  fn: ((row: unknown[]) => unknown) | null;
}
