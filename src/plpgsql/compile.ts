// A PL/pgSQL function prepared for running (pl_comp.c in small): every variable gets a slot
// (parameters, FOUND, trigger variables, then each DECLARE in tree order), and each piece of
// embedded SQL knows which names are visible where it stands, so that it is parsed and
// bound to $n parameters once.
import { PgError } from '../errors/index.js';
import type { Block, SqlText, Stmt } from './ast.js';

export interface SlotDef { name: string; typeText: string | null; fixedType?: number; decl?: import('./ast.js').VarDecl }

export interface Compiled {
  body: Block;
  slots: SlotDef[];
  /** The visible names (name → 1-based slot) at each SQL text. */
  names: WeakMap<SqlText, Map<string, number>>;
  /** The visible names at each statement, for its targets (INTO, assignment, FOR variables). */
  stmtNames: WeakMap<object, Map<string, number>>;
  /** Slot of each declaration. */
  declSlot: WeakMap<object, number>;
  /** Slots of the parameters, in order; of the OUT parameters. */
  paramSlots: number[];
  outSlots: number[];
  foundSlot: number;
  /** Trigger variables by name (new, old, tg_op …), when a trigger function. */
  trigger: Map<string, number> | null;
  /** Every piece of embedded SQL, and whether it is an expression (run as SELECT expr). */
  sqlTexts: { t: SqlText; expr: boolean }[];
  /** Expressions' bound `SELECT expr` statements (frame.ts). */
  exprStmts?: WeakMap<SqlText, any>;
}

export const TRIGGER_VARS = ['new', 'old', 'tg_name', 'tg_when', 'tg_level', 'tg_op', 'tg_relid', 'tg_relname', 'tg_table_name', 'tg_table_schema', 'tg_nargs', 'tg_argv'];

export function compileFunction(body: Block, params: { name: string; type: number; out: boolean; in: boolean }[], isTrigger: boolean): Compiled {
  const slots: SlotDef[] = [];
  const add = (s: SlotDef) => { slots.push(s); return slots.length; };
  const top = new Map<string, number>();
  const paramSlots: number[] = [], outSlots: number[] = [];
  params.forEach((p, i) => {
    const slot = add({ name: p.name || `$${i + 1}`, typeText: null, fixedType: p.type });
    if (p.in) { paramSlots.push(slot); top.set(`$${paramSlots.length}`, slot); }
    if (p.out) outSlots.push(slot);
    if (p.name) top.set(p.name, slot);
  });
  const foundSlot = add({ name: 'found', typeText: null, fixedType: 16 });
  top.set('found', foundSlot);
  let trigger: Map<string, number> | null = null;
  if (isTrigger) {
    trigger = new Map();
    for (const v of TRIGGER_VARS) { const s = add({ name: v, typeText: null }); trigger.set(v, s); top.set(v, s); }
  }
  const c: Compiled = { body, slots, names: new WeakMap(), stmtNames: new WeakMap(), declSlot: new WeakMap(), paramSlots, outSlots, foundSlot, trigger, sqlTexts: [] };
  walkBlock(c, body, top, add);
  return c;
}

function walkBlock(c: Compiled, b: Block, outer: Map<string, number>, add: (s: SlotDef) => number): void {
  const scope = new Map(outer);
  for (const d of b.decls) {
    if (d.default) { c.names.set(d.default, new Map(scope)); c.sqlTexts.push({ t: d.default, expr: true }); }
    if (d.alias) {
      const target = scope.get(d.alias);
      if (!target) throw new PgError('42704', `variable "${d.alias}" does not exist`);
      scope.set(d.name, target);
      continue;
    }
    const slot = add({ name: d.name, typeText: d.type, decl: d });
    c.declSlot.set(d, slot);
    scope.set(d.name, slot);
  }
  c.stmtNames.set(b, scope);
  walkStmts(c, b.body, scope, add);
  if (b.handlers) {
    // SQLSTATE and SQLERRM exist inside exception handlers
    const hs = new Map(scope);
    const st = add({ name: 'sqlstate', typeText: null, fixedType: 25 });
    const sm = add({ name: 'sqlerrm', typeText: null, fixedType: 25 });
    hs.set('sqlstate', st);
    hs.set('sqlerrm', sm);
    c.stmtNames.set(b.handlers, hs);
    for (const h of b.handlers) walkStmts(c, h.body, hs, add);
  }
}

function walkStmts(c: Compiled, stmts: Stmt[], scope: Map<string, number>, add: (s: SlotDef) => number): void {
  const sql = (t: SqlText | null | undefined, expr = true) => { if (t) { c.names.set(t, scope); c.sqlTexts.push({ t, expr }); } };
  // targets must be known variables, and not CONSTANT ones (checked when the function is compiled)
  const known = (name: string, pos: number | undefined, assign: boolean) => {
    const slot = scope.get(name.split('.')[0]);
    const at = pos !== undefined ? { position: pos + 1 } : undefined;
    if (!slot) throw new PgError('42601', `"${name.split('.')[0]}" is not a known variable`, at);
    if (assign && c.slots[slot - 1].decl?.constant) throw new PgError('22005', `variable "${name.split('.')[0]}" is declared CONSTANT`, at);
  };
  for (const s of stmts) {
    c.stmtNames.set(s, scope);
    switch (s.k) {
      case 'block': walkBlock(c, s, scope, add); break;
      case 'assign': known(s.target.name, s.target.pos, true); sql(s.expr); s.target.subscripts?.forEach(t => sql(t)); break;
      case 'if': for (const br of s.branches) { sql(br.cond); walkStmts(c, br.body, scope, add); } if (s.else) walkStmts(c, s.else, scope, add); break;
      case 'case': sql(s.expr); for (const w of s.whens) { sql(w.exprs); walkStmts(c, w.body, scope, add); } if (s.else) walkStmts(c, s.else, scope, add); break;
      case 'loop': walkStmts(c, s.body, scope, add); break;
      case 'while': sql(s.cond); walkStmts(c, s.body, scope, add); break;
      case 'fori': {
        sql(s.lo); sql(s.hi); sql(s.by);
        // the integer loop variable is declared by the loop itself
        const inner = new Map(scope);
        const slot = add({ name: s.var, typeText: null, fixedType: 23 });
        inner.set(s.var, slot);
        c.declSlot.set(s, slot);
        c.stmtNames.set(s.body, inner);
        walkStmts(c, s.body, inner, add);
        break;
      }
      case 'forq':
        if (!s.targets.every(t => scope.has(t))) {
          throw new PgError('42601', 'loop variable of loop over rows must be a record variable or list of scalar variables', s.targetPos !== undefined ? { position: s.targetPos + 1 } : undefined);
        }
        sql(s.query, false); sql(s.dynamic); s.using.forEach(t => sql(t)); walkStmts(c, s.body, scope, add); break;
      case 'foreach': sql(s.array); walkStmts(c, s.body, scope, add); break;
      case 'exit': sql(s.when); break;
      case 'return': case 'return_next': sql(s.expr); break;
      case 'return_query': sql(s.query, false); sql(s.dynamic); s.using.forEach(t => sql(t)); break;
      case 'raise': s.params.forEach(t => sql(t)); s.options.forEach(o => sql(o.expr)); break;
      case 'assert': sql(s.cond); sql(s.message); break;
      case 'perform': sql(s.query); break;
      case 'call': sql(s.query, false); break;
      case 'sql': s.into?.forEach((n, i) => known(n, s.intoPos?.[i], true)); sql(s.query, false); break;
      case 'execute': s.into?.forEach(n => known(n, undefined, true)); sql(s.query); s.using.forEach(t => sql(t)); break;
      case 'getdiag': s.items.forEach(it => known(it.target, undefined, true)); break;
    }
  }
}
