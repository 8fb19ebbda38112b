// What the analyzer needs from the session: the catalog, the search path, the
// settings, and the parameter types of the statement being analyzed.
import type { Catalog } from '../catalog/catalog.js';
import type { FormatSettings } from '../types/type.js';
import type { EvalContext } from '../types/registry.js';

export interface AnalyzeContext {
  catalog: Catalog;
  searchPath: string[];
  settings: FormatSettings;
  /** $n types, 1-based positions at index n-1; 0 (or unknown) = to be inferred. Inferred types are written back. */
  paramTypes: number[];
  /** Supplies values of SQL value functions (current_user, …) at run time. */
  currentUser: string;
  /** The role whose USAGE on schemas name lookup needs (privileges/check.ts); absent inside a view (its names are resolved). */
  lookupUser?: string;
  /** The role whose row-level security policies apply to tables read (the view owner inside a view); lookupUser when absent. */
  rlsUser?: string;
  /** For special values read at run time. */
  sessionValue: (name: string, ctx: EvalContext) => unknown;
  /**
   * Build the tree PostgreSQL stores (casts of constants kept, not folded; IN lists as
   * = ANY (ARRAY[…])), for printing it back (ruleutils.ts); never executed.
   */
  deparse?: boolean;
  /** Ephemeral named relations (a trigger's transition tables) read like WITH queries by unqualified name. */
  ephemeral?: (name: string) => import('./query.js').CteDef | undefined;
}
