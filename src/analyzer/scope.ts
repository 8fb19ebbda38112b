// Name resolution scopes: which FROM items (and their columns) a name can reach.
import type { Expr, Query, RangeEntry } from './query.js';

export interface NsColumn { name: string; make: (levelsUp: number) => Expr; hiddenUnqualified?: boolean;
  /** Left out of * (the columns SEARCH / CYCLE add, read inside their own WITH query). */
  noStar?: boolean }

export interface NsItem {
  /** Alias (or table name) that qualifies its columns; null for an unaliased JOIN … USING. */
  alias: string | null;
  /** Schema of a table item, so "schema.table.column" resolves. */
  schema?: string;
  columns: NsColumn[];
  /** Range entry index, when the item is one entry (for tableoid and whole-row). */
  entry?: number;
  /** oid of a table named without an alias (two such items may share the name). */
  unaliasedRelid?: number;
  /** Only reachable by qualified names (the sides of a USING join stay qualified-only for merged names). */
  lateralOnly?: boolean;
  /** The target of UPDATE / DELETE: its FROM / USING items may not read it, not even LATERAL ones. */
  dmlTarget?: boolean;
}

export interface Scope {
  query: Query;
  items: NsItem[];
  parent: Scope | null;
  /** Where aggregate calls of this query level are collected; null where aggregates are not allowed. */
  aggContext: string | null;
  /** Entries that are in the statement but not visible here (INSERT's target), searched only for error hints. */
  hintEntries?: RangeEntry[];
  /** Set when an expression of this level references a higher level. */
  correlatedRefs: { count: number };
  /** Where window functions may not be written although aggregates may (HAVING, GROUP BY, …): the clause's name. */
  winContext?: string;
  /** The SELECT's WINDOW clause (analyzer/window.ts). */
  windowDefs?: Map<string, any>;
}
