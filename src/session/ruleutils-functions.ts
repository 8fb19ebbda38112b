// pg_get_constraintdef, pg_get_expr, pg_get_indexdef: definitions printed back from the
// catalog as PostgreSQL's ruleutils.c prints them, names resolved along the session's
// search path. Also installs the printer the system views use for column defaults.
import { PgError } from '../errors/index.js';
import { policyExprOf } from '../catalog/system/pg-policy.js';
import { indexColumns } from '../catalog/index-keys.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { deparseCheck, deparseDefault } from '../analyzer/ruleutils-analyze.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Constraint, FkAction, Table } from '../catalog/objects.js';
import { relationByOid, relationIsVisible } from '../catalog/oid-index.js';
import { indexColumnDef, indexDef, installStoredExprPrinter, parseAttrdefNodeTree, parseConstraintNodeTree, PG_NODE_TREE } from '../catalog/system/index.js';
import { OID } from '../types/oids.js';
import { partboundExpr } from './partition-functions.js';
import { domainConstraintByOid } from '../catalog/system/pg-type-user.js';
import { domainConstraintDef } from '../commands/domain-check.js';
import { registerFunction, type EvalContext } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { FormatSettings } from '../types/type.js';

/** What printing needs from the session. */
export interface RuleutilsHost {
  readonly engine: { catalog: Catalog };
  readonly settings: FormatSettings;
  readonly user: string;
  lookupPath(): string[];
}

const hostOf = (ctx: EvalContext) => ctx.session as RuleutilsHost;

export function analyzeContext(h: RuleutilsHost): AnalyzeContext {
  return {
    catalog: h.engine.catalog, searchPath: h.lookupPath(), settings: h.settings, paramTypes: [], currentUser: h.user,
    sessionValue: () => null, deparse: true,
  };
}

/** generate_relation_name: schema-qualified unless the search path finds it by its bare name. */
function relationName(h: RuleutilsHost, t: Table): string {
  const visible = relationIsVisible(h.engine.catalog, t, h.lookupPath());
  return visible ? quoteIdent(t.name) : `${quoteIdent(t.schema.name)}.${quoteIdent(t.name)}`;
}

const columnList = (t: Table, attnums: number[]) => attnums.map(a => quoteIdent(t.columns[a - 1].name)).join(', ');

const ACTION: Record<FkAction, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** pg_get_constraintdef_worker. */
export function constraintDef(h: RuleutilsHost, c: Constraint, pretty = false): string {
  const t = c.table;
  let s: string;
  switch (c.type) {
    case 'p': case 'u':
      s = `${c.type === 'p' ? 'PRIMARY KEY' : 'UNIQUE'}${c.index?.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${columnList(t, c.columns)})`;
      break;
    case 'f': {
      const fk = c.fk!;
      s = `FOREIGN KEY (${columnList(t, c.columns)}) REFERENCES ${relationName(h, fk.refTable)}(${columnList(fk.refTable, fk.refColumns)})`;
      if (fk.match === 'f') s += ' MATCH FULL';
      else if (fk.match === 'p') s += ' MATCH PARTIAL';
      if (fk.onUpdate !== 'a') s += ` ON UPDATE ${ACTION[fk.onUpdate]}`;
      if (fk.onDelete !== 'a') s += ` ON DELETE ${ACTION[fk.onDelete]}`;
      if (fk.setColumns) s += ` (${columnList(t, fk.setColumns)})`;
      break;
    }
    case 'x': s = exclusionDef(c, pretty); break;
    case 'c': {
      const body = deparseCheck(analyzeContext(h), t, c.check!.expr, pretty);
      s = `CHECK (${body})${c.noInherit ? ' NO INHERIT' : ''}`;
      break;
    }
  }
  if (c.deferrable) s += ' DEFERRABLE';
  if (c.initiallyDeferred) s += ' INITIALLY DEFERRED';
  if (!c.validated) s += ' NOT VALID';
  return s;
}

/** EXCLUDE USING method (key WITH op, …) [INCLUDE (…)] [WHERE (pred)]. */
function exclusionDef(c: Constraint, pretty: boolean): string {
  const ix = c.index!;
  const cols = indexColumns(ix);
  const keys = cols.filter(k => k.key).map((k, i) => `${indexColumnDef(ix, k, pretty)} WITH ${ix.exclusion![i]}`);
  const inc = cols.filter(k => !k.key).map(k => quoteIdent(c.table.columns[k.attnum - 1].name));
  const pred = ix.predicate ? ` WHERE (${pretty ? ix.predicate.pretty : ix.predicate.text})` : '';
  return `EXCLUDE USING ${ix.method ?? 'btree'} (${keys.join(', ')})${inc.length ? ` INCLUDE (${inc.join(', ')})` : ''}${pred}`;
}

function constraintByOid(cat: Catalog, oid: number): Constraint | undefined {
  for (const t of cat.tables()) for (const c of t.constraints) if (c.oid === oid) return c;
  return undefined;
}

function getExpr(h: RuleutilsHost, tree: string, relid: number, pretty: boolean): string | null {
  // pg_class.relpartbound (partition-functions.ts)
  const bound = partboundExpr(h.engine.catalog, tree, (v, t) => (h as unknown as { formatValue(v: unknown, t: number): string }).formatValue(v, t));
  if (bound !== undefined) return bound;
  // pg_index.indpred / indexprs: a partial index's predicate, an index's expressions
  const ixm = /^\{(INDPRED|INDEXPRS) :indexrelid (\d+)\}$/.exec(tree);
  if (ixm) {
    const ix = relationByOid(h.engine.catalog, Number(ixm[2]));
    if (ix?.kind !== 'index') return null;
    if (ixm[1] === 'INDPRED') return ix.predicate ? (pretty ? ix.predicate.pretty : ix.predicate.text) : null;
    return (ix.exprs ?? []).map(e => (pretty ? e.pretty : e.text)).join(', ');
  }
  // pg_policy.polqual / polwithcheck (catalog/system/pg-policy.ts)
  const pol = policyExprOf(h.engine.catalog, tree);
  if (pol) {
    if (!pol.expr) return null;
    // printed as a CHECK expression over the table, which cannot hold a subquery
    try {
      return deparseCheck(analyzeContext(h), pol.table, pol.expr, pretty);
    } catch {
      throw new PgError('0A000', `printing the expression of policy "${pol.policy.name}" (a subquery) is not supported`);
    }
  }
  // pg_constraint.conbin: a CHECK constraint's expression
  const conoid = parseConstraintNodeTree(tree);
  if (conoid !== null) {
    const c = constraintByOid(h.engine.catalog, conoid);
    if (c?.check) return deparseCheck(analyzeContext(h), c.table, c.check.expr, pretty);
    const d = domainConstraintByOid(h.engine.catalog, conoid);
    return d ? domainConstraintDef(analyzeContext(h), d.domain.base!, d.constraint, pretty).replace(/^CHECK \((.*)\)( NOT VALID)?$/s, '$1') : null;
  }
  const ref = parseAttrdefNodeTree(tree);
  if (!ref) return null;
  const rel = relationByOid(h.engine.catalog, ref.relid) ?? relationByOid(h.engine.catalog, relid);
  return rel?.kind === 'table' ? deparseDefault(analyzeContext(h), rel, ref.attnum, pretty) : null;
}

function indexDefinition(h: RuleutilsHost, oid: number, column: number, pretty = false): string | null {
  const ix = relationByOid(h.engine.catalog, oid);
  if (ix?.kind !== 'index') return null;
  if (column <= 0) return indexDef(ix, pretty);
  const c = indexColumns(ix)[column - 1];
  return c === undefined ? '' : indexColumnDef(ix, c, pretty);
}

let registered = false;

/** Registers the functions (once) and installs this session's printer for the system views. */
export function registerRuleutilsFunctions(h: RuleutilsHost): void {
  installStoredExprPrinter(h.engine.catalog, {
    columnDefault: (t, attnum) => deparseDefault(analyzeContext(h), t, attnum),
    constraintDef: c => constraintDef(h, c),
  });
  if (registered) return;
  registered = true;
  const s = 's' as const;
  const condef = (oid: unknown, pretty: unknown, ctx: EvalContext) => {
    const c = constraintByOid(hostOf(ctx).engine.catalog, oid as number);
    if (c) return constraintDef(hostOf(ctx), c, pretty === true);
    // a domain's CHECK constraint (user-types.ts)
    const d = domainConstraintByOid(hostOf(ctx).engine.catalog, oid as number);
    return d ? domainConstraintDef(analyzeContext(hostOf(ctx)), d.domain.base!, d.constraint, pretty === true) : null;
  };
  registerFunction({ name: 'pg_get_constraintdef', args: [OID.oid], ret: OID.text, volatility: s, fn: ([oid], ctx) => condef(oid, false, ctx) });
  registerFunction({ name: 'pg_get_constraintdef', args: [OID.oid, OID.bool], ret: OID.text, volatility: s,
    fn: ([oid, pretty], ctx) => condef(oid, pretty, ctx) });
  registerFunction({ name: 'pg_get_expr', args: [PG_NODE_TREE, OID.oid], ret: OID.text, volatility: s,
    fn: ([tree, relid], ctx) => getExpr(hostOf(ctx), tree as string, relid as number, false) });
  registerFunction({ name: 'pg_get_expr', args: [PG_NODE_TREE, OID.oid, OID.bool], ret: OID.text, volatility: s,
    fn: ([tree, relid, pretty], ctx) => getExpr(hostOf(ctx), tree as string, relid as number, pretty === true) });
  registerFunction({ name: 'pg_get_indexdef', args: [OID.oid], ret: OID.text, volatility: s,
    fn: ([oid], ctx) => indexDefinition(hostOf(ctx), oid as number, 0) });
  registerFunction({ name: 'pg_get_indexdef', args: [OID.oid, OID.int4, OID.bool], ret: OID.text, volatility: s,
    fn: ([oid, col, pretty], ctx) => indexDefinition(hostOf(ctx), oid as number, col as number, pretty === true) });
}
