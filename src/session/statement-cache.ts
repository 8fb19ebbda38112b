// Analyzed statements cached for reuse, so that a parameterized statement run again
// (W1's INSERTs, an application's prepared queries) skips name resolution, type
// inference and coercion: the analysis tree is kept, and the executor's compiled
// program hangs off it (executor/query.ts keys programs by the tree).
//
// Entries are found by the parsed statement node (the parse cache hands out the same
// node for the same SQL text, so this is a cache by text) plus what else analysis reads:
// the parameter types the client gave, the search path and the settings constants are
// read with. An entry is valid while the catalog has not changed (Catalog.version is
// bumped by every DDL change and by undoing one).

/** What the session hands the cache for one statement. */
export interface CacheKeyParts {
  paramTypes: readonly number[];
  /** search_path as set; the schemas it resolves to change only with the catalog (its version). */
  searchPath: readonly string[];
  user: string;
  /** Settings that analysis reads (DateStyle's order, TimeZone, IntervalStyle for constants). */
  settings: string;
}

export interface CachedAnalysis<T> {
  stmt: T;
  /** Parameter types after analysis (0 = not deduced). */
  types: number[];
  /** Some parameter's type was deduced (its values are read with it). */
  typed: boolean;
  version: number;
}

/** Entries per statement node at most (distinct parameter types / search paths). */
const PER_NODE_LIMIT = 8;

export class StatementCache {
  private byNode = new WeakMap<object, Map<string, CachedAnalysis<unknown> | null>>();
  hits = 0;
  misses = 0;

  static key(p: CacheKeyParts): string {
    const types = p.paramTypes.length ? p.paramTypes.join(',') : '';
    return types + '\u0001' + p.searchPath.join('\u0002') + '\u0001' + p.user + '\u0001' + p.settings;
  }

  /** A valid entry, or undefined; null when the statement is known not to be cacheable. */
  /** The last entry found (a loop runs one statement again and again): found again without the maps. */
  private lastNode: object | null = null;
  private lastKey = '';
  private lastEntry: CachedAnalysis<unknown> | null = null;

  get<T>(node: object, key: string, version: number): CachedAnalysis<T> | null | undefined {
    const last = this.lastEntry;
    if (node === this.lastNode && last !== null && last.version === version && key === this.lastKey) return last as CachedAnalysis<T>;
    const m = this.byNode.get(node);
    if (!m) return undefined;
    const e = m.get(key);
    if (e === null) return null;
    if (!e) return undefined;
    if (e.version !== version) { m.delete(key); return undefined; }
    this.lastNode = node;
    this.lastKey = key;
    this.lastEntry = e;
    return e as CachedAnalysis<T>;
  }

  set<T>(node: object, key: string, entry: CachedAnalysis<T> | null): void {
    if (node === this.lastNode) this.lastEntry = null;
    let m = this.byNode.get(node);
    if (!m) { m = new Map(); this.byNode.set(node, m); }
    if (m.size >= PER_NODE_LIMIT) m.delete(m.keys().next().value!);
    m.set(key, entry as CachedAnalysis<unknown> | null);
  }

  clear(): void {
    this.byNode = new WeakMap();
    this.lastNode = null;
    this.lastEntry = null;
  }
}

// String constants whose input reads the clock ('now'::timestamp, 'today'::date): PostgreSQL
// reads them when it analyzes the statement, which for a simple or unnamed statement is every
// time it runs, so a tree holding their value must not be reused.
const CLOCK_WORDS = /now|today|tomorrow|yesterday/i;

/** Can the analysis of this raw statement be reused (no clock-reading literal in it)? */
export function isCacheable(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) { for (const x of n) stack.push(x); continue; }
    for (const k in n) {
      const v = (n as Record<string, unknown>)[k];
      // only literal text can read the clock; names (of columns, functions …) are not literals
      if (k === 'A_Const') {
        const text = (v as { sval?: { sval?: string } }).sval?.sval;
        if (text !== undefined && CLOCK_WORDS.test(text)) return false;
      } else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return true;
}
