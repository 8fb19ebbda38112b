// CREATE SCHEMA name CREATE TABLE … CREATE VIEW … (schemacmds.c, transformCreateSchemaStmt):
// each element names the new schema (or names none), they run sequences first, then tables,
// views, indexes, triggers and grants, with the new schema first in the search path.
import { PgError } from '../errors/index.js';
import type { CommandContext } from './context.js';

/** The node field holding the RangeVar each kind of element creates in. */
const TARGET: Record<string, string> = {
  CreateSeqStmt: 'sequence', CreateStmt: 'relation', ViewStmt: 'view', IndexStmt: 'relation', CreateTrigStmt: 'relation',
};
const ORDER = ['CreateSeqStmt', 'CreateStmt', 'ViewStmt', 'IndexStmt', 'CreateTrigStmt', 'GrantStmt'];

/** Runs the elements of a CREATE SCHEMA whose schema now exists; `run` runs one utility statement. */
export function createSchemaElements(cx: CommandContext, schema: string, elements: any[], run: (cx: CommandContext, kind: string, node: any) => unknown): void {
  const stmts: [string, any][] = [];
  for (const el of elements) {
    const [kind, node] = Object.entries(el)[0] as [string, any];
    const field = TARGET[kind];
    if (!field && kind !== 'GrantStmt') throw new PgError('XX000', `unrecognized node type in CREATE SCHEMA: ${kind}`);
    if (!field) { stmts.push([kind, node]); continue; }
    const rv = node[field];
    if (rv.schemaname && rv.schemaname !== schema) {
      throw new PgError('42P15', `CREATE specifies a schema (${rv.schemaname}) different from the one being created (${schema})`);
    }
    // the parsed statement is shared (statement cache): a copy names the schema
    stmts.push([kind, { ...node, [field]: { ...rv, schemaname: schema } }]);
  }
  stmts.sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]));
  const inner: CommandContext = {
    ...cx,
    analyze: { ...cx.analyze, searchPath: [schema, ...cx.analyze.searchPath.filter(p => p !== schema)] },
    creationSchema: () => schema,
  };
  for (const [kind, node] of stmts) run(inner, kind, node);
}
