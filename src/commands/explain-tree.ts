// The plan of a statement as EXPLAIN shows it: PostgreSQL's node names and properties,
// built from the planner's scan/join plan and upper steps (planner/upper.ts), with the
// subqueries that stay subqueries as SubPlans / InitPlans.
import type { CteDef, Expr, Query, SortKey } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { planUpper, splitAnd, entriesOf, isCorrelated, isPulledUp, pulledUp, type Est, type Plan } from '../planner/index.js';
import { stripRelabel } from '../planner/selectivity.js';
import type { OrderedGroup, OrderedItem } from '../planner/ordered-append.js';
import type { MinMaxAgg } from '../planner/minmax.js';
import { toArm, type UnionOrder } from '../planner/union-append.js';
import { setOpOrder } from '../planner/upper.js';
import { ExplainNames } from './explain-names.js';
import { columnsRead, newValueTexts, type ModifyTarget } from './explain-modify.js';
import { contains, forChildren, inheritanceTables, joinSuffix, quoteName, semiJoinConds } from './explain-util.js';

export interface ExplainNode {
  name: string;
  /** Text after the name: " on users u", " using users_pkey on users u". */
  detail: string;
  est?: Est;
  props: [string, string][];
  children: ExplainNode[];
  /** Printed after the children: InitPlans first, then SubPlans (label, plan). */
  subplans: { label: string; node: ExplainNode; init: boolean }[];
  /** Output column list (VERBOSE). */
  output?: string[];
  /** Lines printed as they are after Output (ModifyTable's "Update on child alias" list). */
  lines?: string[];
}

const node = (name: string, detail = '', est?: Est): ExplainNode => ({ name, detail, est, props: [], children: [], subplans: [] });

export class ExplainBuilder {
  constructor(readonly names: ExplainNames, readonly verbose: boolean) {}

  private get multi(): boolean { return this.names.entryCount > 1 || this.verbose; }

  /** Registers every range entry of the statement, outer levels first (for unique names and prefixes). */
  registerAll(analyzed: Query): void {
    // the query as planned: simple subqueries in FROM pulled up (planner/pullup.ts)
    const q = pulledUp(analyzed);
    this.names.register(q, e => isPulledUp(q, e));
    for (const c of q.ctes ?? []) { if (c.query) this.registerAll(c.query); if (c.recursive) this.registerAll(c.recursive.term); }
    if (q.setOp) { this.registerAll(q.setOp.left); this.registerAll(q.setOp.right); }
    q.entries.forEach((en, i) => { if (en.query && !isPulledUp(q, i)) this.registerAll(en.query); });
    const visit = (e: Expr) => {
      if (e.k === 'sublink') { this.registerAll(e.query); if (e.test) visit(e.test); return; }
      forChildren(e, visit);
    };
    for (const t of q.targets) visit(t.expr);
    if (q.where) visit(q.where);
    if (q.having) visit(q.having);
  }

  /** A query level's plan; `chain`: the enclosing levels. */
  query(analyzed: Query, chain: Query[] = []): ExplainNode {
    const q = pulledUp(analyzed);
    const here = [...chain, q];
    const pending: { label: string; node: ExplainNode; init: boolean }[] = [];
    // WITH queries are subplans of their level, numbered first
    for (const c of q.ctes ?? []) pending.push({ label: `CTE ${c.name}`, node: this.cte(c, here), init: true });
    if (q.setOp) {
      const top = this.setOp(q, chain);
      top.subplans.unshift(...pending);
      return top;
    }
    const up = planUpper(q);
    // a scan at the top of its level's plan computes the select list (no Aggregate above it)
    if (!up.steps.some(s => s.k === 'agg')) this.projecting.set(up.from, q);
    // sublinks of this level: select list, WHERE, HAVING (PostgreSQL's order), nested ones first
    const targetSubs = this.sublinks(q.targets.map(t => t.expr), here);
    const joined = semiJoinConds(up.from);
    const whereSubs = this.sublinks(splitAnd(q.where).filter(c => !joined.has(c)), here);
    const havingSubs = this.sublinks(q.having ? [q.having] : [], here);
    const minmax = up.steps.find(s => s.k === 'agg' && s.minmax);
    // InitPlans the planner adds (min/max from an index) go to the level's top node, after the sublinks'
    const minmaxInits: { label: string; node: ExplainNode; init: boolean }[] = [];
    let top = minmax?.k === 'agg' ? this.minmaxResult(minmax.minmax!, minmax.est, q, here, minmaxInits) : this.plan(up.from, q, here, whereSubs);
    for (const st of up.steps) {
      if (st === minmax) continue;
      const n = node('');
      n.est = st.est;
      n.children.push(top);
      switch (st.k) {
        case 'agg':
          n.name = st.strategy === 'plain' ? 'Aggregate' : st.strategy === 'hashed' ? 'HashAggregate' : st.strategy === 'mixed' ? 'MixedAggregate' : 'GroupAggregate';
          if (st.sets) {
            for (const set of st.sets) n.props.push(set.length ? ['Hash Key', set.map(k => this.upperKey(k, here)).join(', ')] : ['Group Key', '()']);
          } else if (st.keys.length) n.props.push(['Group Key', st.keys.map(k => this.upperKey(k, here)).join(', ')]);
          if (st.having) n.props.push(['Filter', this.names.expr(st.having, here, this.multi)]);
          break;
        case 'sort':
          n.name = 'Sort';
          n.props.push(['Sort Key', st.keys.map(k => this.sortKey(k, here)).join(', ')]);
          break;
        case 'distinct':
          n.name = st.hashed ? 'HashAggregate' : 'Unique';
          // an aggregate an InitPlan computes is a Param: a Group Key prints it bare
          if (st.hashed) n.props.push(['Group Key', st.keys.map(k => (this.names.isParam(q, k) ? this.names.expr(k, here, this.multi) : this.upperKey(k, here))).join(', ')]);
          break;
        case 'window': n.name = 'WindowAgg'; break;
        case 'lockrows': n.name = 'LockRows'; break;
        case 'limit': n.name = 'Limit'; break;
      }
      top = n;
    }
    // Output lists qualify columns only when the statement reads several relations (show_plan_tlist)
    // (an inheritance scan's members are range entries too)
    if (this.verbose) top.output = q.targets.filter(t => !t.junk).map(t => this.names.expr(t.expr, here, this.names.entryCount > 1 || this.inherited.has(q)));
    // InitPlans go to the top node; SubPlans of the select list and HAVING too
    const all = [...targetSubs, ...whereSubs, ...havingSubs];
    top.subplans.unshift(...pending, ...all.filter(s => s.init && !s.attached), ...minmaxInits);
    top.subplans.push(...[...targetSubs, ...havingSubs].filter(s => !s.init));
    const whereLeft = whereSubs.filter(s => !s.init && !s.attached);
    top.subplans.push(...whereLeft);
    return top;
  }

  /** min/max taken from indexes (planner/minmax.ts): a Result whose InitPlans each read one row (Limit) of an index scan. */
  private minmaxResult(list: MinMaxAgg[], est: Est, q: Query, here: Query[], inits: { label: string; node: ExplainNode; init: boolean }[]): ExplainNode {
    const entry = list[0]?.plan.entry ?? 0;
    const ref = this.names.refname(q, entry);
    const inScan = (m: Plan, alias: string) => {
      this.member = { table: (m as { table: Table }).table, alias };
      try { return this.names.withAlias(q, entry, alias, () => this.plan(m, q, here, [])); } finally { this.member = null; }
    };
    list.forEach((m, i) => {
      const label = this.names.initPlan(q, m.aggs);
      const limit = node('Limit', '', m.est);
      // each InitPlan reads its own copy of the table (and of its members): later copies are named ref_1, ref_2 …
      const n = m.members?.length ?? 0;
      if (m.unionArms) {
        // a UNION ALL subquery's arms (planner/minmax.ts): merged, the Sort Key in the first arm's terms
        const pe = q.from[0]?.k === 'entry' ? q.from[0].entry : entry;
        const sub = q.entries[pe].query;
        const outer = sub?.lateral ? here : here.slice(0, -1);
        const merge = node('Merge Append');
        const first = m.unionArms[0];
        const armArg = toArm(m.arg, first.query, pe);
        const key = this.names.expr(armArg, [...outer, first.query], true);
        merge.props.push(['Sort Key', (stripRelabel(armArg).k === 'var' ? key : `(${key})`) + (m.desc ? ' DESC' : '')]);
        for (const a of m.unionArms) merge.children.push(this.plan(a.plan, a.query, [...outer, a.query], []));
        limit.children.push(merge);
      } else if (!m.members) {
        limit.children.push(i === 0 ? this.plan(m.plan, q, here, []) : this.names.withAlias(q, entry, `${ref}_${i}`, () => this.plan(m.plan, q, here, [])));
      } else if (n === 1) {
        limit.children.push(inScan(m.members[0], i === 0 ? ref : `${ref}_${i}`));
      } else {
        const base = i * (n + 1);
        const parent = base === 0 ? ref : `${ref}_${base}`;
        const merge = node('Merge Append');
        const key = this.names.withAlias(q, entry, parent, () => this.names.expr(m.arg, here, true));
        merge.props.push(['Sort Key', (stripRelabel(m.arg).k === 'var' ? key : `(${key})`) + (m.desc ? ' DESC' : '')]);
        m.members.forEach((s, j) => merge.children.push(inScan(s, `${ref}_${base + j + 1}`)));
        limit.children.push(merge);
      }
      inits.push({ label, node: limit, init: true });
    });
    return node('Result', '', est);
  }

  private cte(c: CteDef, here: Query[]): ExplainNode {
    if (c.query && !c.recursive) return this.query(c.query, here);
    if (c.recursive && c.query) {
      const n = node('Recursive Union');
      n.children.push(this.query(c.query, here), this.query(c.recursive.term, here));
      return n;
    }
    return node('Result');
  }

  /** Plans the sublinks in `exprs` (not those that became joins): each a SubPlan or InitPlan. */
  private sublinks(exprs: Expr[], here: Query[]): { label: string; node: ExplainNode; init: boolean; e: Expr; attached?: boolean }[] {
    const out: { label: string; node: ExplainNode; init: boolean; e: Expr; attached?: boolean }[] = [];
    const visit = (e: Expr) => {
      if (e.k === 'sublink') {
        if (e.test) visit(e.test);
        const sub = this.query(e.query, here);
        const correlated = isCorrelated(e.query);
        const ref = this.names.subplan(e, correlated, correlated ? 1 : 0);
        out.push({ label: ref.label, node: sub, init: ref.initPlan, e });
        return;
      }
      forChildren(e, visit);
    };
    exprs.forEach(visit);
    return out;
  }

  private upperKey(e: Expr, here: Query[], prefix = this.multi): string {
    const s = this.names.expr(e, here, prefix);
    // a constant stays itself in the plan's target list (set_dummy_tlist_references): printed bare
    const x = stripRelabel(e);
    return x.k === 'var' || x.k === 'const' ? s : `(${s})`;
  }

  private sortKey(k: SortKey, here: Query[]): string {
    // a grouping-set key's use (grouping-sets.ts wraps it to be nulled per set) prints as the key
    const e = k.expr.k === 'func' && (k.expr.fn as { groupKey?: number }).groupKey !== undefined ? k.expr.args[0] : k.expr;
    let s = this.upperKey(e, here);
    if (k.desc) s += ' DESC';
    if (k.nullsFirst !== k.desc) s += k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
    return s;
  }

  /** The target of UPDATE / DELETE (ModifyTable names the parent, so its members are always numbered). */
  modifyTarget: ModifyTarget | null = null;

  /** Plans at the top of a query level (they compute its select list), by the level. */
  private projecting = new WeakMap<Plan, Query>();

  /**
   * Does a Subquery Scan only pass its subquery's rows on (setrefs.c's trivial_subqueryscan)?
   * INTERSECT / EXCEPT add a flag column; at the top of its level the scan computes the select
   * list, trivially only when that is the subquery's columns in order.
   */
  private trivialSubqueryScan(p: Plan & { k: 'subquery' }, q: Query): boolean {
    const op = p.query.setOp?.op;
    if (op === 'intersect' || op === 'except') return false;
    if (this.projecting.get(p) !== q) return true;
    const width = p.query.targets.filter(t => !t.junk).length;
    const out = q.targets.filter(t => !t.junk);
    return out.length === width && out.every((t, i) => t.expr.k === 'var' && t.expr.levelsUp === 0 && t.expr.entry === p.entry && t.expr.att === i);
  }

  /** While a member of an inheritance scan is printed: its table and alias (members()). */
  private member: { table: Table; alias: string } | null = null;

  /**
   * An inheritance scan by its members (planner/append.ts): none left is a Result that is never
   * true; one is shown alone, under the parent's name; more are an Append, named parent_1, parent_2 ….
   */
  private members(p: Plan & { k: 'seqscan' }, q: Query, here: Query[], subs: any): ExplainNode {
    const list = p.members!;
    if (!list.length) return Object.assign(node('Result', '', { ...p.est!, rows: 0, total: 0, startup: 0 }), { props: [['One-Time Filter', 'false']] as [string, string][] });
    const ref = this.names.refname(q, p.entry);
    const one = (m: Plan, alias: string) => {
      this.member = { table: (m as { table: Table }).table, alias };
      try { return this.names.withAlias(q, p.entry, alias, () => this.plan(m, q, here, subs)); } finally { this.member = null; }
    };
    if (p.order) return this.orderedMembers(p, p.order, q, here, subs, ref, one);
    const mt = this.modifyTarget?.q === q && this.modifyTarget.entry === p.entry ? this.modifyTarget : null;
    this.inherited.add(q);
    if (list.length === 1 && !mt) return one(list[0], ref);
    // UPDATE / DELETE name the parent themselves: the members are parent_1, parent_2 …
    const scans = list.map((m, i) => one(m, `${ref}_${i + 1}`));
    if (!mt && this.verbose) this.memberOutputs(q, here, p.entry, ref, scans);
    let top = scans.length === 1 ? scans[0] : Object.assign(node('Append', '', p.est), { children: scans });
    this.inherited.add(q);
    // a plain inheritance tree's new rows are projected by a Result above (a partitioned table's members project themselves)
    const projected = !!mt?.update && !p.table.partitionKey;
    if (projected) top = Object.assign(node('Result', '', p.est), { children: [top] });
    if (mt && this.verbose) this.modifyOutputs(mt, q, here, p.entry, ref, scans, projected ? top : null);
    return top;
  }

  /** Query levels that read an inheritance tree (its members are range entries: columns print qualified). */
  private inherited = new WeakSet<Query>();

  /**
   * VERBOSE: an Append's members return exactly the columns the level above reads (CP_EXACT_TLIST),
   * in the order it first reads them; shown for a level reading the tree alone, without a
   * projection above the Append (the select list its plain columns, or only aggregates).
   */
  private memberOutputs(q: Query, here: Query[], entry: number, ref: string, scans: ExplainNode[]): void {
    if (q.from.length !== 1 || scans.length < 2) return;
    const atts: number[] = [];
    let plainOnly = true;
    const visit = (e: Expr) => {
      if (e.k === 'var' && e.levelsUp === 0 && e.entry === entry) { if (!atts.includes(e.att)) atts.push(e.att); return; }
      if (e.k === 'sublink' || e.k === 'tableoid') { plainOnly = false; return; }
      if (e.k === 'aggref') { const a = q.aggs[e.index]; if (!a || a.filter || a.orderBy.length) plainOnly = false; else a.args.forEach(visit); return; }
      forChildren(e, visit);
    };
    for (const t of q.targets) {
      // an expression over the columns (not under an aggregate) needs a projection above the Append
      if (!q.grouped && t.expr.k !== 'var') plainOnly = false;
      visit(t.expr);
    }
    for (const g of q.groupBy) visit(g);
    if (q.having) visit(q.having);
    for (const o of q.orderBy) visit(o.expr);
    if (!plainOnly || !atts.length) return;
    scans.forEach((n, i) => {
      const alias = `${ref}_${i + 1}`;
      n.output = atts.map(att => this.names.withAlias(q, entry, alias, () =>
        this.names.expr({ k: 'var', type: 0, typmod: -1, levelsUp: 0, entry, att } as Expr, here, true)));
    });
  }

  /** VERBOSE: what the members of UPDATE / DELETE's target return (and the Result projecting them). */
  private modifyOutputs(mt: ModifyTarget, q: Query, here: Query[], entry: number, ref: string, scans: ExplainNode[], result: ExplainNode | null): void {
    const as = (alias: string) => (e: Expr) => this.names.withAlias(q, entry, alias, () => this.names.expr(e, here, true));
    const values = mt.update ? newValueTexts(mt.sets, as(ref)) : [];
    if (!values) return;
    const identity = (alias: string) => [`${quoteName(alias)}.tableoid`, `${quoteName(alias)}.ctid`];
    const columns = columnsRead(mt.sets, entry).map(att => ({ k: 'var', type: 0, typmod: -1, levelsUp: 0, entry, att }) as Expr);
    scans.forEach((n, i) => {
      const alias = `${ref}_${i + 1}`;
      const own = result ? columns.map(as(alias)) : newValueTexts(mt.sets, as(alias))!;
      n.output = [...own, ...identity(alias)];
    });
    if (result) result.output = [...values, ...identity(ref)];
  }

  /** A Merge Append or ordered Append (planner/ordered-append.ts), members named in the order the partitions expand. */
  private orderedMembers(p: Plan & { k: 'seqscan' }, g: OrderedGroup, q: Query, here: Query[], subs: any, ref: string,
    one: (m: Plan, alias: string) => ExplainNode): ExplainNode {
    const aliases = new Map<OrderedItem, string>();
    let n = 0;
    const number = (grp: OrderedGroup) => {
      for (const it of grp.items) {
        aliases.set(it, `${ref}_${++n}`);
        if ('group' in it) number(it.group);
      }
    };
    number(g);
    const keyText = (k: SortKey, alias: string) => this.names.withAlias(q, p.entry, alias, () => {
      const s = this.names.expr(k.expr, here, true);
      let t = stripRelabel(k.expr).k === 'var' ? s : `(${s})`;
      if (k.desc) t += ' DESC';
      if (k.nullsFirst !== k.desc) t += k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
      return t;
    });
    const total = (grp: OrderedGroup) => grp.items.length;
    const render = (grp: OrderedGroup, alias: string, top: boolean): ExplainNode => {
      const only = grp.items.length === 1 && top && !('group' in grp.items[0]);
      const items = !grp.merge && grp.keys[0]?.desc ? [...grp.items].reverse() : grp.items;
      const kids = items.map(it => {
        const a = only ? ref : aliases.get(it)!;
        if ('group' in it) {
          const first = it.group.items[0];
          return render(it.group, first ? aliases.get(first)! : a, false);
        }
        const scan = one(it.plan, a);
        if (!it.sorted) return scan;
        const s = node('Sort', '', undefined);
        s.props.push(['Sort Key', grp.keys.map(k => keyText(k, a)).join(', ')]);
        s.children.push(scan);
        return s;
      });
      if (only) return kids[0];
      const n2 = node(grp.merge ? 'Merge Append' : 'Append', '', top ? p.est : grp.est);
      if (grp.merge) n2.props.push(['Sort Key', grp.keys.map(k => keyText(k, alias)).join(', ')]);
      n2.children.push(...kids);
      void total;
      return n2;
    };
    return render(g, ref, true);
  }

  private relName(q: Query, entry: number): string {
    if (this.member) {
      const t = this.member.table;
      const rel = this.verbose ? `${quoteName(t.schema.name)}.${quoteName(t.name)}` : quoteName(t.name);
      return t.name === this.member.alias ? rel : `${rel} ${quoteName(this.member.alias)}`;
    }
    const en = q.entries[entry];
    const ref = this.names.refname(q, entry);
    const t = en.table;
    const rel = t ? (this.verbose ? `${quoteName(t.schema.name)}.${quoteName(t.name)}` : quoteName(t.name)) : ref;
    return t && ref === t.name ? rel : `${rel} ${quoteName(ref)}`;
  }

  private scanQual(n: ExplainNode, label: string, conds: Expr | Expr[] | null | undefined, here: Query[], own: number): void {
    const list = Array.isArray(conds) ? conds : splitAnd(conds ?? null);
    if (!list.length) return;
    const text = list.length === 1 ? this.names.expr(list[0], here, this.verbose, own)
      : `(${list.map(c => this.names.expr(c, here, this.verbose, own)).join(' AND ')})`;
    n.props.push([label, text]);
  }

  private upperQual(n: ExplainNode, label: string, conds: Expr | Expr[] | null | undefined, here: Query[]): void {
    const list = Array.isArray(conds) ? conds : splitAnd(conds ?? null);
    if (!list.length) return;
    const p = this.multi;
    const text = list.length === 1 ? this.names.expr(list[0], here, p) : `(${list.map(c => this.names.expr(c, here, p)).join(' AND ')})`;
    n.props.push([label, text]);
  }

  /** Index conditions with the index column on the left (as PostgreSQL commutes them). */
  private indexConds(conds: Expr[], entry: number): Expr[] {
    return conds.map(c => {
      if (c.k !== 'op' || c.args.length !== 2) return c;
      const right = stripRelabel(c.args[1]);
      const left = stripRelabel(c.args[0]);
      const isOwn = (x: Expr) => x.k === 'var' && x.levelsUp === 0 && x.entry === entry;
      if (!isOwn(left) && isOwn(right)) {
        const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' };
        return { ...c, op: { ...c.op, name: flip[c.op.name] ?? c.op.name }, args: [c.args[1], c.args[0]] };
      }
      return c;
    });
  }

  /** Attaches SubPlans used by `conds` to the node that evaluates them. */
  private attach(n: ExplainNode, conds: Expr[], subs: { label: string; node: ExplainNode; init: boolean; e: Expr; attached?: boolean }[]): void {
    for (const s of subs) {
      if (s.attached || s.init) continue;
      if (conds.some(c => contains(c, s.e))) { n.subplans.push(s); s.attached = true; }
    }
  }

  plan(p: Plan, q: Query, here: Query[], subs: { label: string; node: ExplainNode; init: boolean; e: Expr; attached?: boolean }[]): ExplainNode {
    switch (p.k) {
      case 'result': return node('Result', '', p.est);
      case 'filter': {
        const gate = splitAnd(p.cond).every(c => entriesOf(c).size === 0);
        if (gate || p.input.k === 'result') {
          const n = node('Result', '', p.est);
          this.upperQual(n, 'One-Time Filter', p.cond, here);
          if (p.input.k !== 'result') n.children.push(this.plan(p.input, q, here, subs));
          this.attach(n, [p.cond], subs);
          return n;
        }
        // conditions over a join's output are its Filter
        const child = this.plan(p.input, q, here, subs);
        const quals = splitAnd(p.cond);
        const i = child.props.findIndex(([l]) => l === 'Filter');
        if (i >= 0) child.props.splice(i, 1);
        this.upperQual(child, 'Filter', quals, here);
        child.est = p.est ?? child.est;
        this.attach(child, quals, subs);
        return child;
      }
      case 'seqscan': {
        if (p.members) return this.members(p, q, here, subs);
        const tables = p.inh ? inheritanceTables(p.table) : [p.table];
        if (tables.length > 1 || p.table.relkind === 'p') return this.appendScans(p, q, here, tables);
        const n = node('Seq Scan', ` on ${this.relName(q, p.entry)}`, p.est);
        this.scanQual(n, 'Filter', p.filter, here, p.entry);
        this.attach(n, splitAnd(p.filter), subs);
        return n;
      }
      case 'indexscan': {
        if (p.laterQuals) {
          // conditions on later index columns: shown as index conditions, not in the Filter
          const later = p.laterQuals;
          const filter = splitAnd(p.filter).filter(c => !later.used.includes(c));
          return this.plan({ ...p, indexCond: [...(p.indexCond ?? []), ...later.shown], filter: filter.length ? (filter.length === 1 ? filter[0] : { k: 'and', type: 16, typmod: -1, args: filter }) : null, laterQuals: undefined }, q, here, subs);
        }
        const conds = this.indexConds(p.indexCond ?? [], p.entry);
        if (p.bitmap) {
          const n = node('Bitmap Heap Scan', ` on ${this.relName(q, p.entry)}`, p.est);
          this.scanQual(n, 'Recheck Cond', conds, here, p.entry);
          this.scanQual(n, 'Filter', p.filter, here, p.entry);
          const ix = node('Bitmap Index Scan', ` on ${quoteName(p.index.name)}`, p.indexEst);
          this.scanQual(ix, 'Index Cond', conds, here, p.entry);
          n.children.push(ix);
          this.attach(n, splitAnd(p.filter), subs);
          return n;
        }
        // the rows UPDATE / DELETE change are fetched from the heap (an index-only scan has no row to change)
        const target = this.modifyTarget?.q === q && this.modifyTarget.entry === p.entry;
        const kind = p.indexOnly && !target ? 'Index Only Scan' : 'Index Scan';
        // a DESC index is kept ascending: reading it backward is its forward order
        const backward = !!p.backward !== ((p.index.options?.[p.keys.length] ?? p.index.options?.[0] ?? 0) & 1) > 0;
        const n = node(backward ? `${kind} Backward` : kind, ` using ${quoteName(p.index.name)} on ${this.relName(q, p.entry)}`, p.est);
        this.scanQual(n, 'Index Cond', conds, here, p.entry);
        this.scanQual(n, 'Filter', p.filter, here, p.entry);
        this.attach(n, splitAnd(p.filter), subs);
        return n;
      }
      case 'subquery': {
        // a plain subquery in FROM reads the levels above this one as its own outer levels (a LATERAL one, this level too)
        const subChain = p.query.lateral ? here : here.slice(0, -1);
        if (p.unionOrder) {
          // a UNION ALL read as an append relation: no Subquery Scan; a Result computes a select list of other expressions
          const merge = this.unionMerge(p.unionOrder, subChain, p.entry);
          if (this.trivialSubqueryScan(p, q)) return merge;
          return Object.assign(node('Result', '', p.est), { children: [merge] });
        }
        if (p.unionArms) {
          // its conditions pushed into the arms: an Append of them
          const append = node('Append', '', p.est);
          for (const a of p.unionArms) {
            if (a.query !== a.orig) this.names.same(pulledUp(a.query), pulledUp(a.orig));
            append.children.push(this.query(a.query, subChain));
          }
          if (this.trivialSubqueryScan(p, q)) return append;
          return Object.assign(node('Result', '', p.est), { children: [append] });
        }
        // a Subquery Scan that only passes its subquery's rows on is removed from the plan
        // (setrefs.c's trivial_subqueryscan)
        if (!p.filter && !this.verbose && this.trivialSubqueryScan(p, q)) {
          const sub = this.query(p.query, subChain);
          // (a set operation's columns are not one table's)
          if (!p.query.setOp) this.names.removeScan(q, p.entry, pulledUp(p.query));
          return sub;
        }
        const n = node('Subquery Scan', ` on ${quoteName(this.names.refname(q, p.entry))}`, p.est);
        this.scanQual(n, 'Filter', p.filter, here, -2);
        n.children.push(this.query(p.query, subChain));
        this.attach(n, splitAnd(p.filter), subs);
        return n;
      }
      case 'values': {
        const n = node('Values Scan', ` on ${quoteName(this.names.refname(q, p.entry))}`, p.est);
        this.scanQual(n, 'Filter', p.filter, here, p.entry);
        return n;
      }
      case 'function': {
        const fname = p.func.k === 'func' ? p.func.fn.name : 'function';
        const ref = this.names.refname(q, p.entry);
        const n = node('Function Scan', ` on ${quoteName(fname)}${ref !== fname ? ` ${quoteName(ref)}` : ''}`, p.est);
        this.scanQual(n, 'Filter', p.filter, here, p.entry);
        return n;
      }
      case 'ctescan': {
        const ref = this.names.refname(q, p.entry);
        const n = p.worktable ? node('WorkTable Scan', ` on ${quoteName(p.cte.name)}${ref !== p.cte.name ? ` ${quoteName(ref)}` : ''}`, p.est)
          : node('CTE Scan', ` on ${quoteName(p.cte.name)}${ref !== p.cte.name ? ` ${quoteName(ref)}` : ''}`, p.est);
        this.scanQual(n, 'Filter', p.filter, here, p.entry);
        return n;
      }
      case 'material': {
        const n = node('Materialize', '', p.est);
        n.children.push(this.plan(p.input, q, here, subs));
        return n;
      }
      case 'nestloop': {
        const n = node(`Nested Loop${joinSuffix(p.type)}`, '', p.est);
        // a parameterized Append's members check the join conditions themselves
        const param = p.inner.k === 'seqscan' ? p.inner.paramConds ?? [] : [];
        this.upperQual(n, 'Join Filter', splitAnd(p.cond).filter(c => !param.includes(c)), here);
        n.children.push(this.plan(p.outer, q, here, subs), this.plan(p.inner, q, here, subs));
        this.attach(n, splitAnd(p.cond), subs);
        return n;
      }
      case 'hashjoin': {
        const n = node(`Hash${joinSuffix(p.type)}`.replace(/^Hash$/, 'Hash Join'), '', p.est);
        const p2 = this.multi;
        const hc = p.outerKeys.map((k, i) => `(${this.names.expr(k, here, p2)} = ${this.names.expr(p.innerKeys[i], here, p2)})`);
        n.props.push(['Hash Cond', hc.length === 1 ? hc[0] : `(${hc.join(' AND ')})`]);
        this.upperQual(n, 'Join Filter', p.cond, here);
        const hash = node('Hash', '', p.hashEst);
        hash.children.push(this.plan(p.inner, q, here, subs));
        n.children.push(this.plan(p.outer, q, here, subs), hash);
        this.attach(n, splitAnd(p.cond), subs);
        return n;
      }
      case 'semijoin': {
        const strategy = p.strategy ?? 'semi';
        const n = node(strategy !== 'semi' ? 'Hash Join' : p.anti ? 'Hash Anti Join' : 'Hash Semi Join', '', p.est);
        this.names.same(p.sub, p.source);
        const subHere = [...here, p.sub];
        // the subquery's tables are printed as if pulled up into this level
        const hc = p.outerKeys.map((k, i) => `(${this.names.expr(k, here, true)} = ${this.names.expr(p.innerKeys[i], subHere, true)})`);
        n.props.push(['Hash Cond', hc.length === 1 ? hc[0] : `(${hc.join(' AND ')})`]);
        const hash = node('Hash', '', p.hashEst);
        let inner = this.plan(p.subPlan, p.sub, subHere, subs);
        if (strategy === 'uniqueAgg') {
          const agg = node('HashAggregate', '', p.aggEst);
          agg.props.push(['Group Key', p.innerKeys.map(k => this.upperKey(k, subHere, true)).join(', ')]);
          agg.children.push(inner);
          inner = agg;
        }
        hash.children.push(inner);
        n.children.push(this.plan(p.outer, q, here, subs), hash);
        return n;
      }
    }
  }

  /** A scan of an inheritance tree or partitioned table: an Append of one scan per table. */
  private appendScans(p: Plan & { k: 'seqscan' }, q: Query, here: Query[], tables: Table[]): ExplainNode {
    const n = node('Append', '', p.est);
    const ref = this.names.refname(q, p.entry);
    const scanned = tables.filter(t => t.relkind !== 'p');
    scanned.forEach((t, i) => {
      const alias = `${ref}_${i + 1}`;
      const rel = this.verbose ? `${quoteName(t.schema.name)}.${quoteName(t.name)}` : quoteName(t.name);
      const c = node('Seq Scan', ` on ${rel} ${quoteName(alias)}`);
      this.scanQual(c, 'Filter', p.filter, here, p.entry);
      n.children.push(c);
    });
    if (!scanned.length) return Object.assign(node('Result', '', p.est), { props: [['One-Time Filter', 'false']] as [string, string][] });
    return n;
  }

  /** ORDER BY over UNION ALL arms as a Merge Append (planner/union-append.ts); its Sort Key in the first arm's terms (the Append's target list is its first child's). */
  private unionMerge(o: UnionOrder, chain: Query[], entry: number): ExplainNode {
    const n = node('Merge Append', '', o.est);
    const first = o.arms[0].orig;
    const firstHere = [...chain, pulledUp(first)];
    n.props.push(['Sort Key', o.keys.map(k => this.sortKey({ ...k, expr: toArm(k.expr, first, entry) }, firstHere)).join(', ')]);
    for (const a of o.arms) {
      if (a.query !== a.orig) this.names.same(pulledUp(a.query), pulledUp(a.orig));
      let child = this.query(a.query, chain);
      if (a.sortAbove) {
        const sort = node('Sort');
        sort.props.push(['Sort Key', a.sortAbove.map(k => this.sortKey(k, [...chain, pulledUp(a.orig)])).join(', ')]);
        sort.children.push(child);
        child = sort;
      }
      n.children.push(child);
    }
    return n;
  }

  private setOp(q: Query, chain: Query[]): ExplainNode {
    const s = q.setOp!;
    const order = setOpOrder(q);
    if (order) {
      const merge = this.unionMerge(order, chain, 0);
      if (!q.limit && !q.offset) return merge;
      return Object.assign(node('Limit'), { children: [merge] });
    }
    const members: Query[] = [];
    // a chain of UNION ALL (or of the same UNION) flattens into one Append
    const collect = (x: Query) => {
      if (x.setOp && x.setOp.op === s.op && x.setOp.all === s.all && s.op === 'union' && !x.orderBy.length && !x.limit) {
        collect(x.setOp.left); collect(x.setOp.right);
      } else members.push(x);
    };
    collect(s.left); collect(s.right);
    const append = node('Append');
    const nodes = members.map(m => this.query(m, chain));
    if (s.op !== 'union') {
      // INTERSECT / EXCEPT read each input as a subquery named "*SELECT* n"; INTERSECT puts the smaller first
      nodes.forEach((n, i) => { const w = node('Subquery Scan', ` on "*SELECT* ${i + 1}"`); w.children.push(n); nodes[i] = w; });
      const rows = members.map(m => (m.setOp ? Infinity : planUpper(m).est.rows));
      if (s.op === 'intersect' && rows[0] > rows[1]) nodes.reverse();
    }
    append.children.push(...nodes);
    let top = append;
    if (s.op === 'union' && !s.all) {
      const h = node('HashAggregate');
      h.props.push(['Group Key', q.targets.map(t => this.names.expr(t.expr, [...chain, s.left], this.multi)).join(', ')]);
      h.children.push(append);
      top = h;
    } else if (s.op !== 'union') {
      const h = node(`HashSetOp ${s.op === 'intersect' ? 'Intersect' : 'Except'}${s.all ? ' All' : ''}`);
      h.children.push(append);
      top = h;
    }
    if (q.orderBy.length) {
      const n = node('Sort');
      n.props.push(['Sort Key', q.orderBy.map(k => this.sortKey(k, [...chain, q])).join(', ')]);
      n.children.push(top);
      top = n;
    }
    if (q.limit || q.offset) { const n = node('Limit'); n.children.push(top); top = n; }
    return top;
  }
}
