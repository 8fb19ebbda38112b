// The HINT of "column … does not exist": PostgreSQL's fuzzy search of every range
// entry in scope for the closest column name (errorMissingColumn in parse_relation.c).
import type { Scope } from './scope.js';

const MAX_FUZZY_DISTANCE = 3;

interface Match { alias: string; column: string | null }

/** Levenshtein distance with unit costs. */
export function levenshtein(a: string, b: string): number {
  const m = a.length, n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** The hint PostgreSQL gives for a missing column `qual.name` (qual null when unqualified), or undefined. */
export function missingColumnHint(scope: Scope, qual: string | null, name: string): string | undefined {
  let distance = MAX_FUZZY_DISTANCE + 1;
  let first: Match | null = null, second: Match | null = null;
  let exact: Match | null = null;
  search: for (let s: Scope | null = scope; s; s = s.parent) {
    for (const entry of [...s.query.entries, ...(s.hintEntries ?? [])]) {
      if (entry.kind === 'join') continue;
      const penalty = qual !== null ? levenshtein(qual, entry.alias) : 0;
      let found = false;
      for (const c of entry.columns) {
        if (c.dropped) continue;
        if (c.name === name) found = true;
        // updateFuzzyAttrMatchState
        if (penalty > distance) continue;
        const d = levenshtein(c.name, name);
        if (d > Math.floor(name.length / 2)) continue;
        const total = d + penalty;
        if (total < distance) {
          distance = total;
          first = { alias: entry.alias, column: c.name };
          second = null;
        } else if (total === distance) {
          if (second) { first = null; second = null; distance = total - 1; }
          else if (first) second = { alias: entry.alias, column: c.name };
          else if (distance <= MAX_FUZZY_DISTANCE) first = { alias: entry.alias, column: c.name };
        }
      }
      if (found && penalty === 0) { exact = { alias: entry.alias, column: null }; break search; }
    }
  }
  if (exact) return `There is a column named "${name}" in table "${exact.alias}", but it cannot be referenced from this part of the query.`;
  if (first && second) return `Perhaps you meant to reference the column "${first.alias}.${first.column}" or the column "${second.alias}.${second.column}".`;
  if (first) return `Perhaps you meant to reference the column "${first.alias}.${first.column}".`;
  return undefined;
}
