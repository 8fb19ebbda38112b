// Automatically updatable views (PostgreSQL's view_query_is_auto_updatable): a view
// that selects from exactly one table or view, without DISTINCT, grouping, set
// operations, WITH, LIMIT, aggregates or set-returning functions, passes INSERT, UPDATE
// and DELETE through to that relation.
import type { Query } from './query.js';
import { containsSrfCall } from './srf-walk.js';

/** Why a view's query is not automatically updatable (the DETAIL PostgreSQL gives), or null. */
export function updatabilityError(q: Query): string | null {
  if (q.distinct) return 'Views containing DISTINCT are not automatically updatable.';
  if (q.groupBy.length) return 'Views containing GROUP BY are not automatically updatable.';
  if (q.having) return 'Views containing HAVING are not automatically updatable.';
  if (q.setOp) return 'Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.';
  if (q.ctes?.length) return 'Views containing WITH are not automatically updatable.';
  if (q.limit || q.offset) return 'Views containing LIMIT or OFFSET are not automatically updatable.';
  if (q.aggs.length) return 'Views that return aggregate functions are not automatically updatable.';
  if (q.targets.some(t => containsSrfCall(t.expr))) return 'Views that return set-returning functions are not automatically updatable.';
  const single = 'Views that do not select from a single table or view are not automatically updatable.';
  if (q.from.length !== 1 || q.from[0].k !== 'entry') return single;
  const e = q.entries[q.from[0].entry];
  if (!(e.kind === 'table' || (e.kind === 'subquery' && e.view))) return single;
  return null;
}
