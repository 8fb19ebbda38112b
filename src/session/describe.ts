// What a statement takes and returns without running it: the parameter types and result
// columns the extended protocol's Parse and Describe report (ParameterDescription, RowDescription).
import type { AnalyzeContext } from '../analyzer/context.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { analyzeDmlStatement } from '../analyzer/dml.js';
import type { Table } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { domainBase } from '../types/domain.js';
import type { Field } from './result.js';

export interface StatementDescription {
  /** One type per parameter $1…$n; a type neither given nor deduced is text, as PostgreSQL resolves unknown. */
  paramTypes: number[];
  /** The result columns, or null when the statement returns no rows (NoData). */
  fields: Field[] | null;
}

/**
 * Analyzes `stmt` as Parse does: `given` holds the types the client specified (0 = unspecified).
 * When analysis deduced some types, a second pass with them known types every reference, as
 * the session does when it runs the statement.
 */
export function describeStatement(stmt: Record<string, any>, given: readonly number[], context: (types: number[]) => AnalyzeContext): StatementDescription {
  const [kind, node] = Object.entries(stmt)[0] as [string, any];
  const analyze = (types: number[]): Field[] | null => {
    const sa = new SelectAnalyzer(context(types));
    if (kind === 'SelectStmt') return fieldsOf(sa.select(node, null).targets);
    if (kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt') {
      const s = analyzeDmlStatement(sa, { [kind]: node });
      return node.returningList?.length ? fieldsOf(s.returning) : null;
    }
    if (kind === 'VariableShowStmt') return [{ name: String(node.name).toLowerCase(), typeOid: OID.text, typmod: -1, tableOid: 0, columnNumber: 0 }];
    return null;
  };
  const types = [...given];
  let fields = analyze(types);
  if (types.some((t, i) => t !== 0 && t !== given[i])) {
    const known = [...types];
    fields = analyze(known);
    types.splice(0, types.length, ...known);
  }
  return { paramTypes: types.map(t => t || OID.text), fields };
}

type Target = { name: string; expr: { type: number; typmod: number }; junk?: boolean; table?: Table; attnum?: number };

// A cached analysis (statement-cache.ts) returns the same targets on every run: its
// description is made once (the result's consumers only read it). Keyed by the targets
// array, which a new analysis replaces.
const described = new WeakMap<readonly Target[], Field[]>();
/** The last statement's (a loop runs one statement again and again): found without the map. */
let lastTargets: readonly Target[] | null = null, lastFields: Field[] | null = null;

export function fieldsOf(targets: Target[]): Field[] {
  if (targets === lastTargets) return lastFields!;
  let f = described.get(targets);
  if (!f) described.set(targets, f = describeTargets(targets));
  lastTargets = targets;
  lastFields = f;
  return f;
}

function describeTargets(targets: Target[]): Field[] {
  return targets.filter(t => !t.junk).map(t => {
    // a domain column is described by its base type (printtup's getBaseTypeAndTypmod)
    const base = domainBase(t.expr.type);
    return {
      name: t.name, typeOid: t.expr.type === OID.unknown ? OID.text : base ? base.oid : t.expr.type, typmod: base ? base.typmod : t.expr.typmod,
      tableOid: t.table?.oid ?? 0, columnNumber: t.attnum ?? 0,
    };
  });
}
