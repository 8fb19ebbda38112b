// Installs the compiler of index expressions and partial-index predicates for the catalog
// (catalog/index-keys.ts): analyzed over the index's table and compiled once. They are
// immutable by definition, so they run with a fixed environment outside any statement.
import { setIndexExprCompiler } from '../catalog/index-keys.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { analyzePartitionExpr } from '../analyzer/partition-key.js';
import { analyzeCheck } from '../analyzer/stored-expr.js';
import { compile } from '../executor/compile.js';
import type { Env } from '../executor/env.js';
import { runSubquery } from '../executor/query.js';
import { defaultFormatSettings } from '../types/type.js';

setIndexExprCompiler((catalog, table, raw, predicate) => {
  const ctx: AnalyzeContext = {
    catalog, searchPath: ['pg_catalog', table.schema.name, 'public'], settings: defaultFormatSettings, paramTypes: [],
    currentUser: 'postgres', sessionValue: () => null,
  };
  const e = predicate ? analyzeCheck(ctx, table, raw) : analyzePartitionExpr(ctx, table, raw);
  const fn = compile(e, runSubquery);
  const env = { view: null, params: [], outer: [], aggs: null, ctx: { settings: defaultFormatSettings, txnTimestamp: 0, stmtTimestamp: 0 } } as unknown as Env;
  return row => fn([row, null], env);
});
