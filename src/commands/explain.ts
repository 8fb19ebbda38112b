// EXPLAIN [ ( option [, …] ) ] statement: the plan the planner chose, in PostgreSQL's
// text format (node names, properties, "->" nesting, costs as "(cost=s..t rows=r width=w)").
// EXPLAIN ANALYZE (running the statement) and the XML/JSON/YAML formats are not supported.
import { PgError } from '../errors/index.js';
import type { DmlStatement } from '../analyzer/dml.js';
import type { Query } from '../analyzer/query.js';
import { planFrom, planUpper } from '../planner/index.js';
import { OID } from '../types/oids.js';
import type { FormatSettings } from '../types/type.js';
import type { StatementResult } from './utility.js';
import { ExplainNames } from './explain-names.js';
import { ExplainBuilder, type ExplainNode } from './explain-tree.js';
import { dummyModifyOutput, newValueTexts, plainInheritance, resultRelationLines, type ModifyTarget } from './explain-modify.js';
import type { Plan } from '../planner/index.js';
import { quoteName } from './explain-util.js';

export interface ExplainOptions { analyze: boolean; verbose: boolean; costs: boolean }

/** What EXPLAIN needs of the session: the statement analyzed (with its parameters, as it would run). */
export interface ExplainHost {
  settings: FormatSettings;
  analyze(kind: string, node: any): Query | DmlStatement;
}

const at = (d: any) => (d.location >= 0 ? { position: d.location + 1 } : {});

/** defGetBoolean. */
function bool(d: any): boolean {
  const a = d.arg;
  if (!a) return true;
  if (a.Integer) {
    if (a.Integer.ival === 0 || a.Integer.ival === 1) return a.Integer.ival === 1;
  } else if (a.Boolean) return !!a.Boolean.boolval;
  else {
    const s = String(a.String?.sval ?? '').toLowerCase();
    if (['true', 'on'].includes(s)) return true;
    if (['false', 'off'].includes(s)) return false;
  }
  throw new PgError('42601', `${d.defname} requires a Boolean value`, at(d));
}

export function explainOptions(options: any[] | undefined): ExplainOptions {
  const o: ExplainOptions = { analyze: false, verbose: false, costs: true };
  let timing: boolean | null = null, wal = false, format = 'text';
  for (const x of options ?? []) {
    const d = x.DefElem;
    switch (d.defname) {
      case 'analyze': o.analyze = bool(d); break;
      case 'verbose': o.verbose = bool(d); break;
      case 'costs': o.costs = bool(d); break;
      case 'buffers': case 'settings': case 'summary': bool(d); break;
      case 'wal': wal = bool(d); break;
      case 'timing': timing = bool(d); break;
      case 'format': {
        format = String(d.arg?.String?.sval ?? '').toLowerCase();
        if (!['text', 'xml', 'json', 'yaml'].includes(format)) {
          throw new PgError('22023', `unrecognized value for EXPLAIN option "format": "${d.arg?.String?.sval ?? ''}"`, at(d));
        }
        break;
      }
      default: throw new PgError('42601', `unrecognized EXPLAIN option "${d.defname}"`, at(d));
    }
  }
  if (wal && !o.analyze) throw new PgError('22023', 'EXPLAIN option WAL requires ANALYZE');
  if (timing && !o.analyze) throw new PgError('22023', 'EXPLAIN option TIMING requires ANALYZE');
  if (format !== 'text') throw new PgError('0A000', `EXPLAIN (FORMAT ${format.toUpperCase()}) is not supported`);
  if (o.analyze) throw new PgError('0A000', 'EXPLAIN ANALYZE is not supported');
  return o;
}

export function explain(n: any, host: ExplainHost): StatementResult {
  const opts = explainOptions(n.options);
  const [kind, inner] = Object.entries(n.query)[0] as [string, any];
  if (!['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt'].includes(kind)) {
    throw new PgError('0A000', `EXPLAIN of ${kind.replace(/Stmt$/, '')} is not supported`);
  }
  const stmt = host.analyze(kind, inner);
  const names = new ExplainNames(host.settings, opts.verbose);
  const b = new ExplainBuilder(names, opts.verbose);
  let root: ExplainNode;
  if ((stmt as Query).kind === 'select') {
    b.registerAll(stmt as Query);
    root = b.query(stmt as Query);
  } else root = dmlNode(stmt as DmlStatement, b, names);
  const lines: string[] = [];
  render(root, lines, 0, null, opts);
  return {
    command: 'EXPLAIN', rowCount: lines.length, rows: lines.map(l => [l]),
    fields: [{ name: 'QUERY PLAN', typeOid: OID.text, typmod: -1, tableOid: 0, columnNumber: 0 }],
  };
}

/** Insert / Update / Delete on a table (ModifyTable) over the plan that produces its rows. */
function dmlNode(s: DmlStatement, b: ExplainBuilder, names: ExplainNames): ExplainNode {
  const verb = s.kind === 'insert' ? 'Insert' : s.kind === 'update' ? 'Update' : 'Delete';
  const t = s.table;
  let child: ExplainNode;
  let alias = t.name;
  if (s.kind === 'insert') {
    if (s.select) {
      b.registerAll(s.select);
      child = b.query(s.select);
    } else if (s.values && s.values.length > 1) {
      names.entryCount += 2;
      child = { name: 'Values Scan', detail: ' on "*VALUES*"', props: [], children: [], subplans: [], est: { startup: 0, total: 0.0125 * s.values.length, rows: s.values.length, width: 4 } };
    } else {
      names.entryCount += 1;
      child = { name: 'Result', detail: '', props: [], children: [], subplans: [], est: { startup: 0, total: 0.01, rows: 1, width: 4 } };
    }
  } else {
    b.registerAll(s.query);
    alias = names.refname(s.query, 0);
    planUpper(s.query);
    const target: ModifyTarget = { q: s.query, entry: 0, update: s.kind === 'update', sets: s.kind === 'update' ? s.sets : [] };
    b.modifyTarget = target;
    child = b.plan(planFrom(s.query), s.query, [s.query], []);
    b.modifyTarget = null;
    subplanOutput(s, target, planFrom(s.query), child, names, alias);
  }
  const rel = names.verbose ? `${t.schema.name}.${t.name}` : t.name;
  const e = child.est;
  const n: ExplainNode = { name: `${verb} on ${rel}`, detail: alias !== t.name ? ` ${alias}` : '', props: [], children: [child], subplans: [],
    est: e ? { startup: e.startup, total: e.total, rows: 0, width: 0 } : undefined };
  if (s.kind !== 'insert') n.lines = resultRelationLines(verb, planFrom(s.query), alias, names.verbose);
  if (s.returning.length && s.kind !== 'insert') {
    // RETURNING is computed by ModifyTable, from the first result relation when there are several
    const members = n.lines?.length ? `${alias}_1` : alias;
    const prefix = names.entryCount > 1 || !!n.lines?.length || plainInheritance(t, !!s.query.entries[0].inh);
    n.output = s.returning.filter(r => !r.junk).map(r => names.withAlias(s.query, 0, members, () => names.expr(r.expr, [s.query], prefix)));
    if (n.est && e) n.est = { ...n.est, rows: e.rows, width: e.width };
  }
  if (s.kind === 'insert' && s.onConflict) {
    n.props.push(['Conflict Resolution', s.onConflict.action.toUpperCase()]);
    const arb = s.onConflict.arbiters ?? [];
    if (arb.length) n.props.push(['Conflict Arbiter Indexes', arb.map(i => i.name).join(', ')]);
  }
  return n;
}

/**
 * The outputs of the plan under UPDATE / DELETE of a table read alone (an inheritance tree's
 * members are handled where they are printed): the new values and ctid; WHERE false leaves a
 * Result that shows them (and its width).
 */
function subplanOutput(s: DmlStatement & { kind: 'update' | 'delete' }, m: ModifyTarget, from: Plan, child: ExplainNode, names: ExplainNames, alias: string): void {
  const q = s.query;
  const multi = names.entryCount > 1;
  if (from.k === 'filter' && from.input.k === 'result' && from.cond.k === 'const' && child.name === 'Result') {
    const d = dummyModifyOutput(m, s.table, !!q.entries[0].inh, (e, prefix) => names.expr(e, [q], prefix), multi, alias);
    if (names.verbose && d.output) child.output = d.output;
    if (child.est) child.est = { ...child.est, width: d.width };
    return;
  }
  if (!names.verbose || q.from.length !== 1 || (from.k !== 'seqscan' && from.k !== 'indexscan') || from.entry !== 0) return;
  if (from.k === 'seqscan' && from.members) return;
  if (!/Scan/.test(child.name)) return;
  const values = newValueTexts(m.sets, e => names.expr(e, [q], multi));
  if (values) child.output = [...values, multi ? `${quoteName(alias)}.ctid` : 'ctid'];
}

/**
 * printf's %.2f: the exact binary value rounded, as toFixed does, except that an exact tie
 * (1.625) goes to the even digit as glibc rounds it, where toFixed rounds up.
 */
const fmt = (x: number) => {
  const t = x * 100;
  if (!Number.isInteger(t) && Number.isInteger(t * 2)) {
    const f = Math.floor(t);
    return ((f % 2 === 0 ? f : f + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
};

/** explain.c's text format: "->" at each child, properties two spaces in from their node. */
function render(n: ExplainNode, out: string[], indent: number, planName: string | null, o: ExplainOptions): void {
  if (planName) {
    out.push(' '.repeat(indent * 2) + planName);
    indent++;
  }
  let line = '';
  if (indent) {
    line = ' '.repeat(indent * 2) + '->  ';
    indent += 2;
  }
  line += n.name + n.detail;
  if (o.costs && n.est) {
    line += `  (cost=${fmt(n.est.startup)}..${fmt(n.est.total)} rows=${Math.round(n.est.rows)} width=${Math.round(n.est.width)})`;
  }
  out.push(line);
  indent++;
  const pad = ' '.repeat(indent * 2);
  if (o.verbose && n.output) out.push(`${pad}Output: ${n.output.join(', ')}`);
  for (const l of n.lines ?? []) out.push(pad + l);
  for (const [label, text] of n.props) out.push(`${pad}${label}: ${text}`);
  for (const s of n.subplans.filter(x => x.init)) render(s.node, out, indent, s.label, o);
  for (const c of n.children) render(c, out, indent, null, o);
  for (const s of n.subplans.filter(x => !x.init)) render(s.node, out, indent, s.label, o);
}
