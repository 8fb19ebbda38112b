// CREATE [OR REPLACE] VIEW (DefineView): the query is analyzed, its outputs become the
// view's columns (an untyped literal as text), and it is stored in canonical form — the
// text ruleutils prints with every relation schema-qualified and every alias spelled
// out — so that its meaning does not depend on the search path or on later renames.
// The view depends on every relation and column it reads (pg_depend, DROP … CASCADE).
import { PgError } from '../errors/index.js';
import type { Relation, Table, View } from '../catalog/objects.js';
import { parse } from '../parser/index.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import type { Query } from '../analyzer/query.js';
import { deparseQuery } from '../analyzer/ruleutils-query.js';
import { viewReferences } from '../analyzer/view.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { CommandContext } from './context.js';
import { resolveCreationSchema } from './create-table.js';
import { isTemp, tempCreationSchema } from './temp.js';
import { updatabilityError } from '../analyzer/view-updatable.js';
import { followColumnRename } from './view-rename.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

type ViewColumn = View['columns'][number];

export function createView(cx: CommandContext, n: any): string {
  const rv = n.view;
  const stmt = n.query?.SelectStmt;
  if (!stmt) throw new PgError('0A000', 'this form of CREATE VIEW is not supported');
  if (stmt.intoClause) throw new PgError('0A000', 'views must not contain SELECT INTO');
  const { checkOption, options } = viewOptions(n);
  const q = new SelectAnalyzer(cx.analyze).select(stmt, null);
  if (q.ctes?.some(c => c.dml)) throw new PgError('0A000', 'views must not contain data-modifying statements in WITH');
  const columns = viewColumns(q, ((n.aliases ?? []) as any[]).map(str));
  if (checkOption) {
    const why = updatabilityError(q);
    if (why) throw new PgError('0A000', 'WITH CHECK OPTION is supported only on automatically updatable views', { hint: why });
  }
  const refs = viewReferences(q);
  let schema = resolveCreationSchema(cx, rv);
  // a view over temporary relations is temporary itself
  if (!isTemp({ schema } as Relation) && refs.some(r => (r.obj.kind === 'table' || r.obj.kind === 'view') && isTemp(r.obj))) {
    cx.notice({ severity: 'NOTICE', code: '00000', message: `view "${rv.relname}" will be a temporary view` });
    schema = tempCreationSchema(cx, { ...rv, relpersistence: 't', schemaname: undefined })!;
  }
  const { query, text } = storedForm(cx, stmt, q, columns);
  const existing = schema.relations.get(rv.relname);
  if (existing) {
    if (!n.replace) throw new PgError('42P07', `relation "${rv.relname}" already exists`);
    if (existing.kind !== 'view') throw new PgError('42809', `"${rv.relname}" is not a view`);
    checkReplacement(existing, columns);
    for (const [k, v] of Object.entries({ query, text, columns, checkOption, options, searchPath: cx.analyze.searchPath })) {
      cx.catalog.set(existing, k as keyof View, v as never);
    }
    for (const d of [...cx.catalog.deps.dependenciesOf(existing)]) cx.catalog.deps.remove(d);
    recordDependencies(cx, existing, refs);
    return 'CREATE VIEW';
  }
  const view: View = {
    kind: 'view', relkind: 'v', oid: cx.catalog.allocOid(), name: rv.relname, schema, owner: cx.user,
    query, text, columns, searchPath: cx.analyze.searchPath, checkOption, options,
  };
  cx.catalog.addRelation(view);
  recordDependencies(cx, view, refs);
  return 'CREATE VIEW';
}

function viewOptions(n: any): { checkOption: View['checkOption']; options: string[] } {
  let checkOption: View['checkOption'] = n.withCheckOption === 'LOCAL_CHECK_OPTION' ? 'local'
    : n.withCheckOption === 'CASCADED_CHECK_OPTION' ? 'cascaded' : null;
  const options: string[] = [];
  for (const o of (n.options ?? []) as any[]) {
    const d = o.DefElem;
    const c = d.arg?.A_Const ?? d.arg;
    const value = d.arg === undefined ? 'true' : String(c?.sval?.sval ?? c?.ival?.ival ?? c?.boolval?.boolval ?? c?.String?.sval ?? '');
    if (d.defname === 'check_option') {
      if (value !== 'local' && value !== 'cascaded') throw new PgError('22023', 'invalid value for enum option "check_option": ' + value, { detail: 'Valid values are "local" and "cascaded".' });
      checkOption = value;
    } else if (d.defname !== 'security_barrier' && d.defname !== 'security_invoker') {
      throw new PgError('22023', `unrecognized parameter "${d.defname}"`);
    }
    options.push(`${d.defname}=${value}`);
  }
  return { checkOption, options };
}

function viewColumns(q: Query, aliases: string[]): ViewColumn[] {
  const outs = q.targets.filter(t => !t.junk);
  if (aliases.length > outs.length) throw new PgError('42601', 'CREATE VIEW specifies more column names than columns');
  const cols = outs.map((t, i) => {
    const unknown = t.expr.type === OID.unknown;
    return { name: aliases[i] ?? t.name, typeOid: unknown ? OID.text : t.expr.type, typmod: unknown ? -1 : t.expr.typmod };
  });
  const seen = new Set<string>();
  for (const c of cols) {
    if (seen.has(c.name)) throw new PgError('42701', `column "${c.name}" specified more than once`);
    seen.add(c.name);
    if (typeByOid(c.typeOid)?.category === 'P' && c.typeOid !== OID.record) {
      throw new PgError('42P16', `column "${c.name}" has pseudo-type ${typeDisplayName(c.typeOid)}`);
    }
  }
  return cols;
}

/**
 * The query as the view keeps it: printed back in canonical form and parsed again. When
 * printing cannot express something, or the reparsed text does not give the same columns,
 * the query as written is kept (its names resolved with the creation search path).
 */
function storedForm(cx: CommandContext, stmt: any, q: Query, columns: ViewColumn[]): { query: any; text: string } {
  try {
    const dq = new SelectAnalyzer({ ...cx.analyze, paramTypes: [], deparse: true }).select(stmt, null);
    const text = deparseQuery(dq, {
      settings: cx.analyze.settings, pretty: false, canonical: true,
      relationName: r => `${quoteIdent(r.schema.name)}.${quoteIdent(r.name)}`,
    }, columns.map(c => c.name));
    const reparsed = parse(text)[0].stmt.SelectStmt;
    const check = new SelectAnalyzer(cx.analyze).select(reparsed, null).targets.filter(t => !t.junk);
    const same = check.length === columns.length && check.every((t, i) =>
      (t.expr.type === OID.unknown ? OID.text : t.expr.type) === columns[i].typeOid && t.name === columns[i].name);
    if (same) return { query: reparsed, text };
  } catch (e) {
    if (!(e instanceof PgError)) throw e;
  }
  void q;
  return { query: stmt, text: '' };
}

/** CREATE OR REPLACE VIEW keeps the old columns (names and types) and may only add more at the end. */
function checkReplacement(old: View, cols: ViewColumn[]): void {
  if (cols.length < old.columns.length) throw new PgError('42P16', 'cannot drop columns from view');
  old.columns.forEach((c, i) => {
    const n = cols[i];
    if (n.name !== c.name) {
      throw new PgError('42P16', `cannot change name of view column "${c.name}" to "${n.name}"`,
        { hint: 'Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.' });
    }
    if (n.typeOid !== c.typeOid || n.typmod !== c.typmod) {
      throw new PgError('42P16', `cannot change data type of view column "${c.name}" from ${typeDisplayName(c.typeOid, c.typmod)} to ${typeDisplayName(n.typeOid, n.typmod)}`);
    }
  });
}

function recordDependencies(cx: CommandContext, view: View, refs: ReturnType<typeof viewReferences>): void {
  for (const r of refs) if (r.obj !== view) cx.catalog.deps.add(view, 0, r.obj, r.sub, 'n');
}

/** ALTER VIEW … RENAME COLUMN: the view's own column name (its query is untouched). */
export function renameViewColumn(cx: CommandContext, view: View, from: string, to: string): void {
  const i = view.columns.findIndex(c => c.name === from);
  if (i < 0) throw new PgError('42703', `column "${from}" does not exist`);
  if (view.columns.some(c => c.name === to)) throw new PgError('42701', `column "${to}" of relation "${view.name}" already exists`);
  const columns = view.columns.map((c, j) => (j === i ? { ...c, name: to } : c));
  cx.catalog.set(view, 'columns', columns);
  followColumnRename(cx, view, i + 1, from, to);
}

/** The views that read a relation (directly), for commands that change it. */
export function viewsReading(cx: CommandContext, rel: Table | View, attnum = 0): View[] {
  const out: View[] = [];
  for (const d of cx.catalog.deps.dependentsOf(rel, attnum)) {
    if (d.dependent.obj.kind === 'view' && !out.includes(d.dependent.obj)) out.push(d.dependent.obj);
  }
  return out;
}
