// Plan-time partition pruning (PostgreSQL's partprune.c): the scan's conditions on the
// partition key become pruning steps — a lookup value per key prefix with a btree strategy,
// combined by INTERSECT (AND) and UNION (OR) — each answered from the bound info by
// get_matching_list_bounds / get_matching_range_bounds / get_matching_hash_bounds. The
// partitions left are the ones EXPLAIN shows; the executor may still read the others
// (their rows fail the same conditions).
import { opclassAllows } from '../catalog/operators.js';
import type { Expr } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { boundInfo, hashKey, rboundKeyCmp, type BoundInfo } from '../catalog/partition-bounds.js';
import { deparseExpr } from '../analyzer/ruleutils.js';
import { defaultFormatSettings } from '../types/type.js';
import { splitAnd } from './plan.js';
import { stripRelabel } from './selectivity.js';

/** btree strategies; 0 stands for <> (list partitioning only). */
type Strategy = 0 | 1 | 2 | 3 | 4 | 5;
const STRATEGY: Record<string, Strategy> = { '<': 1, '<=': 2, '=': 3, '>=': 4, '>': 5, '<>': 0 };
const COMMUTE: Record<string, string> = { '<': '>', '<=': '>=', '=': '=', '>=': '<=', '>': '<', '<>': '<>' };

interface KeyClause { keyno: number; strategy: Strategy; value: unknown }
interface StepResult { offsets: Set<number>; scanDefault: boolean; scanNull: boolean }
type Step = (info: BoundInfo) => StepResult;

/** A column of the scanned entry, by the table column's name (partitions may number columns differently). */
export type ColumnNameOf = (e: Expr) => string | null;

const FAMILY: Record<number, string> = { 20: 'int', 21: 'int', 23: 'int', 25: 'text', 1043: 'text', 19: 'text', 1042: 'bpchar',
  700: 'float', 701: 'float', 1700: 'numeric', 16: 'bool', 1082: 'date', 1114: 'ts', 1184: 'tstz' };
const sameFamily = (a: number, b: number) => a === b || (FAMILY[a] !== undefined && FAMILY[a] === FAMILY[b]);

/** A constant as a value of the key's type (cross-type integer comparisons). */
function asKeyValue(v: unknown, keyType: number): unknown {
  if (keyType === 20 && typeof v === 'number') return BigInt(v);
  if ((keyType === 21 || keyType === 23) && typeof v === 'bigint') return Number(v);
  return v;
}

/**
 * An expression over one scan's columns as deparse_expression prints a stored key expression
 * (bare column names), to compare with partition key and index expressions; null when it reads
 * anything else.
 */
export function exprKeyText(e: Expr, columnName: ColumnNameOf): string | null {
  try {
    return deparseExpr(e, { settings: defaultFormatSettings, varName: (l, en, att) => {
      const name = columnName({ k: 'var', type: 0, typmod: -1, levelsUp: l, entry: en, att });
      if (name === null) throw new Error('not a column');
      return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
    } });
  } catch { return null; }
}

class Pruner {
  constructor(readonly t: Table, readonly columnName: ColumnNameOf) {}

  /** Which key column an expression is (a column, or the text of a key expression), or -1. */
  keyOf(e: Expr): number {
    const key = this.t.partitionKey!;
    const x = stripRelabel(e);
    let exprIdx = 0;
    for (let i = 0; i < key.attnums.length; i++) {
      const a = key.attnums[i];
      if (a !== 0) {
        if (x.k === 'var' && this.columnName(x) === this.t.columns[a - 1].name) return i;
      } else {
        const text = key.exprs[exprIdx++]?.text;
        if (x.k !== 'var' && x.k !== 'const' && this.exprText(x) === text) return i;
      }
    }
    return -1;
  }

  private exprText(e: Expr): string | null {
    return exprKeyText(e, this.columnName);
  }

  private constOk(c: Expr, keyno: number): c is Expr & { k: 'const' } {
    return c.k === 'const' && sameFamily(c.type, this.t.partitionKey!.types[keyno]);
  }

  /** Steps for AND-ed clauses (gen_partprune_steps_internal); null: contradictory; [] : nothing usable. */
  steps(clauses: Expr[]): Step[] | null {
    const key = this.t.partitionKey!;
    const n = key.attnums.length;
    const keyclauses: KeyClause[][] = Array.from({ length: n }, () => []);
    const nullkeys = new Set<number>(), notnullkeys = new Set<number>();
    const result: Step[] = [];
    for (const raw of clauses) {
      const c = raw;
      if (c.k === 'const' && (c.value === null || c.value === false)) return null;
      if (c.k === 'or') {
        const arms: Step[] = [];
        let allContradictory = true;
        for (const arg of c.args) {
          const s = this.steps(splitAnd(arg));
          if (s === null) continue;
          allContradictory = false;
          arms.push(s.length ? combine(s, 'and') : all);
        }
        if (allContradictory) return null;
        result.push(combine(arms, 'or'));
        continue;
      }
      if (c.k === 'and') {
        const s = this.steps(c.args);
        if (s === null) return null;
        if (s.length) result.push(combine(s, 'and'));
        continue;
      }
      if (c.k === 'nulltest' && !c.row) {
        const k = this.keyOf(c.arg);
        if (k < 0) continue;
        if (c.isNull) {
          if (notnullkeys.has(k) || keyclauses[k].length) return null;
          nullkeys.add(k);
        } else {
          if (nullkeys.has(k)) return null;
          notnullkeys.add(k);
        }
        continue;
      }
      const m = this.match(c);
      if (m === 'contradict') return null;
      if (!m) continue;
      if (Array.isArray(m)) { result.push(m.length ? combine(m, 'or') : none); continue; }
      if (nullkeys.has(m.keyno)) return null;
      keyclauses[m.keyno].push(m);
    }
    if (nullkeys.size && (key.strategy !== 'h' || nullkeys.size === n)) {
      result.push(info => nullStep(info, nullkeys));
    } else if (keyclauses.some(k => k.length)) {
      result.push(...this.opSteps(keyclauses, nullkeys));
    } else if (notnullkeys.size === n) {
      result.push(info => notNullStep(info));
    }
    return result;
  }

  /** One clause against the key: a key clause, OR-ed equality steps (= ANY), or nothing. */
  private match(c: Expr): KeyClause | Step[] | 'contradict' | null {
    const key = this.t.partitionKey!;
    if (c.k === 'op' && c.args.length === 2 && STRATEGY[c.op.name] !== undefined && !c.op.user) {
      let k = this.keyOf(c.args[0]), other = c.args[1], op = c.op.name;
      if (k < 0) { k = this.keyOf(c.args[1]); other = c.args[0]; op = COMMUTE[op]; }
      if (k < 0 || !this.constOk(other, k)) return null;
      // a user-defined class orders (or hashes) the key its own way (catalog/operators.ts)
      const uc = key.userOpclasses?.[k];
      if (uc && !opclassAllows(uc, c.op.name, c.op.left, c.op.right)) return null;
      if (!sameFamily(c.op.left, key.types[k]) && !sameFamily(c.op.right, key.types[k])) return null;
      if (other.value === null) return 'contradict';
      const strategy = STRATEGY[op];
      if (strategy === 0 && key.strategy !== 'l') return null;
      if (key.strategy === 'h' && strategy !== 3) return null;
      return { keyno: k, strategy, value: asKeyValue(other.value, key.types[k]) };
    }
    if (c.k === 'scalararray' && c.op.name === '=' && c.any && !c.op.user) {
      const k = this.keyOf(c.args[0]);
      const arr = c.args[1];
      if (k < 0 || arr.k !== 'const' || !Array.isArray(arr.value)) return null;
      // key = ANY (array): one equality step per element, OR-ed (NULL elements match nothing)
      const steps: Step[] = [];
      for (const v of arr.value as unknown[]) {
        if (v === null) continue;
        const s = this.steps([{ k: 'op', type: 16, typmod: -1, op: { ...c.op }, args: [c.args[0], { k: 'const', type: elemType(arr.type, key.types[k]), typmod: -1, value: v }] } as Expr]);
        if (s && s.length) steps.push(combine(s, 'and'));
      }
      return steps;
    }
    if (key.types.length && (c.k === 'var' || c.k === 'not' || c.k === 'booltest')) {
      // a Boolean key: b, NOT b, b IS TRUE / FALSE
      const base = c.k === 'var' ? c : c.arg;
      const k = this.keyOf(base);
      if (k < 0 || key.types[k] !== 16) return null;
      if (c.k === 'booltest') {
        if (c.test === 'unknown' || c.negate) return null;
        return { keyno: k, strategy: 3, value: c.test === 'true' };
      }
      return { keyno: k, strategy: 3, value: c.k === 'var' };
    }
    return null;
  }

  /** gen_prune_steps_from_opexps: for list and range, a lookup with the prefix of earlier keys' inclusive clauses. */
  private opSteps(keyclauses: KeyClause[][], nullkeys: Set<number>): Step[] {
    const key = this.t.partitionKey!;
    const out: Step[] = [];
    if (key.strategy === 'h') {
      if (keyclauses.some((k, i) => !k.length && !nullkeys.has(i))) return [];
      // one step per combination of equality values
      const combos = cartesian(keyclauses.map((k, i) => (nullkeys.has(i) ? [null] : k.map(c => c.value))));
      for (const values of combos) out.push(info => hashStep(info, values));
      return out;
    }
    const usable: KeyClause[] = [];
    for (let i = 0; i < keyclauses.length; i++) {
      const list = keyclauses[i];
      if (key.strategy === 'r' && !list.length) break;
      let next = true;
      for (const c of list) {
        usable.push(c);
        if (c.strategy === 1 || c.strategy === 5) next = false;
      }
      if (!next) break;
    }
    for (const strat of [1, 2, 3, 4, 5, 0] as Strategy[]) {
      for (const pc of usable.filter(c => c.strategy === strat)) {
        if (pc.keyno === 0) { out.push(info => matching(info, strat, [pc.value], key.attnums.length)); continue; }
        // the prefix: per earlier key, its = clauses and, for </<=, its <= ones (for >/>=, its >= ones)
        const prefix: unknown[][] = [];
        let valid = true;
        for (let k = 0; k < pc.keyno; k++) {
          const vals = usable.filter(c => c.keyno === k && (c.strategy === 3 || ((strat === 1 || strat === 2) && c.strategy === 2)
            || ((strat === 4 || strat === 5) && c.strategy === 4))).map(c => c.value);
          if (!vals.length) { valid = false; break; }
          prefix.push(vals);
        }
        if (!valid) break;
        for (const p of cartesian(prefix)) out.push(info => matching(info, strat, [...p, pc.value], key.attnums.length));
      }
    }
    return out;
  }
}

function elemType(arrayType: number, keyType: number): number {
  // the array's element type is the key's family in practice; the key type keeps comparisons exact
  void arrayType;
  return keyType;
}

function cartesian(lists: unknown[][]): unknown[][] {
  let out: unknown[][] = [[]];
  for (const l of lists) out = out.flatMap(p => l.map(v => [...p, v]));
  return out;
}

const all: Step = info => ({ offsets: new Set(range(0, nindexes(info) - 1)), scanDefault: !!info.defaultPart, scanNull: info.nullIndex >= 0 });
const none: Step = () => ({ offsets: new Set(), scanDefault: false, scanNull: false });

function combine(steps: Step[], op: 'and' | 'or'): Step {
  if (steps.length === 1) return steps[0];
  return info => {
    const rs = steps.map(s => s(info));
    if (op === 'or') {
      const offsets = new Set<number>();
      for (const r of rs) r.offsets.forEach(o => offsets.add(o));
      return { offsets, scanDefault: rs.some(r => r.scanDefault), scanNull: rs.some(r => r.scanNull) };
    }
    let offsets = rs[0].offsets;
    for (const r of rs.slice(1)) offsets = new Set([...offsets].filter(o => r.offsets.has(o)));
    return { offsets, scanDefault: rs.every(r => r.scanDefault), scanNull: rs.every(r => r.scanNull) };
  };
}

const range = (a: number, b: number): number[] => { const out: number[] = []; for (let i = a; i <= b; i++) out.push(i); return out; };

/** boundinfo->nindexes: list values, range bounds + 1, or the greatest hash modulus. */
function nindexes(info: BoundInfo): number {
  return info.strategy === 'l' ? info.listValues.length : info.strategy === 'r' ? info.rangeIndexes.length : info.hashIndexes.length;
}

function nullStep(info: BoundInfo, nullkeys: Set<number>): StepResult {
  const r: StepResult = { offsets: new Set(), scanDefault: false, scanNull: false };
  if (info.strategy === 'l') {
    if (info.nullIndex >= 0) r.scanNull = true; else r.scanDefault = !!info.defaultPart;
  } else if (info.strategy === 'r') r.scanDefault = !!info.defaultPart;
  else return hashStep(info, info.types.map((_, i) => (nullkeys.has(i) ? null : undefined)));
  return r;
}

function notNullStep(info: BoundInfo): StepResult {
  // every partition but the null-accepting one (a lookup with no values)
  if (info.strategy === 'h') return all(info);
  return { offsets: new Set(range(0, nindexes(info) - 1)), scanDefault: !!info.defaultPart, scanNull: false };
}

function hashStep(info: BoundInfo, values: unknown[]): StepResult {
  const r: StepResult = { offsets: new Set(), scanDefault: false, scanNull: false };
  const greatest = info.hashIndexes.length;
  if (!greatest) return r;
  const off = Number(hashKey(info, values.map(v => (v === undefined ? null : v))) % BigInt(greatest));
  if (info.hashIndexes[off] >= 0) r.offsets.add(off);
  return r;
}

/** get_matching_list_bounds / get_matching_range_bounds for one lookup. */
function matching(info: BoundInfo, strat: Strategy, values: unknown[], partnatts: number): StepResult {
  return info.strategy === 'l' ? listBounds(info, strat, values[0]) : rangeBounds(info, strat, values, partnatts);
}

/** partition_list_bsearch: greatest datum <= value (-1 if none), and whether equal. */
function listBsearch(info: BoundInfo, v: unknown): { off: number; eq: boolean } {
  let lo = -1, hi = info.listValues.length - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    const c = info.cmps[0](info.listValues[mid].value, v);
    if (c <= 0) { lo = mid; if (c === 0) return { off: mid, eq: true }; } else hi = mid - 1;
  }
  return { off: lo, eq: false };
}

function listBounds(info: BoundInfo, strat: Strategy, value: unknown): StepResult {
  const r: StepResult = { offsets: new Set(), scanDefault: false, scanNull: false };
  const hasDefault = !!info.defaultPart;
  const nd = info.listValues.length;
  if (nd === 0) { r.scanDefault = hasDefault; return r; }
  let minoff = 0, maxoff = nd - 1;
  if (strat === 0) {
    r.offsets = new Set(range(0, nd - 1));
    const { off, eq } = listBsearch(info, value);
    if (off >= 0 && eq) r.offsets.delete(off);
    r.scanDefault = hasDefault;
    return r;
  }
  if (strat !== 3) r.scanDefault = hasDefault;
  const { off: found, eq } = listBsearch(info, value);
  let off = found;
  switch (strat) {
    case 3:
      if (off >= 0 && eq) r.offsets.add(off); else r.scanDefault = hasDefault;
      return r;
    case 4: case 5:
      if (off >= 0) { if (!eq || strat === 5) off++; } else off = 0;
      if (off > nd - 1) return r;
      minoff = off;
      break;
    case 2: case 1:
      if (off >= 0 && eq && strat === 1) off--;
      if (off < 0) return r;
      maxoff = off;
      break;
  }
  r.offsets = new Set(range(minoff, maxoff));
  return r;
}

/** partition_range_datum_bsearch: greatest bound <= the lookup prefix (-1 if none), and whether equal. */
function rangeBsearch(info: BoundInfo, values: unknown[]): { off: number; eq: boolean } {
  let lo = -1, hi = info.range.length - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    const c = rboundKeyCmp(info.cmps, info.range[mid].datums, values);
    if (c <= 0) { lo = mid; if (c === 0) return { off: mid, eq: true }; } else hi = mid - 1;
  }
  return { off: lo, eq: false };
}

function rangeBounds(info: BoundInfo, strat: Strategy, values: unknown[], partnatts: number): StepResult {
  const r: StepResult = { offsets: new Set(), scanDefault: false, scanNull: false };
  const hasDefault = !!info.defaultPart;
  const nd = info.range.length;
  const idx = info.rangeIndexes;
  const cmpAt = (o: number) => rboundKeyCmp(info.cmps, info.range[o].datums, values);
  const kindAt = (o: number, k: number) => info.range[o].datums[k]?.kind;
  const nvalues = values.length;
  if (nd === 0) { r.scanDefault = hasDefault; return r; }
  let minoff = 0, maxoff = nd;
  if (nvalues < partnatts) r.scanDefault = hasDefault;
  let { off, eq } = rangeBsearch(info, values);
  const inclusive = strat === 2 || strat === 4;
  switch (strat) {
    case 3:
      if (off >= 0 && eq) {
        if (nvalues === partnatts) { r.offsets.add(off + 1); return r; }
        const saved = off;
        while (off >= 1 && cmpAt(off - 1) === 0) off--;
        if (kindAt(off, nvalues) === 'minvalue') off++;
        minoff = off;
        off = saved;
        while (off < nd - 1 && cmpAt(off + 1) === 0) off++;
        maxoff = off + 1;
        r.offsets = new Set(range(minoff, maxoff));
      } else r.offsets.add(off + 1);
      return r;
    case 4: case 5:
      if (off < 0) minoff = 0;
      else if (eq && nvalues < partnatts) {
        while (off >= 1 && off < nd - 1) {
          const next = inclusive ? off - 1 : off + 1;
          if (cmpAt(next) !== 0) break;
          off = next;
        }
        minoff = inclusive ? off : off + 1;
      } else minoff = off + 1;
      break;
    case 1: case 2:
      if (off >= 0) {
        if (eq && nvalues < partnatts) {
          while (off >= 1 && off < nd - 1) {
            const next = inclusive ? off + 1 : off - 1;
            if (cmpAt(next) !== 0) break;
            off = next;
          }
          maxoff = inclusive ? off + 1 : off;
        } else if (!eq || inclusive) maxoff = off + 1;
        else maxoff = off;
      } else maxoff = off + 1;
      break;
  }
  // a MINVALUE lower bound / MAXVALUE upper bound: do not reach into the default partition
  if (minoff < nd && idx[minoff] < 0 && kindAt(minoff, nvalues - 1) === 'minvalue') minoff++;
  if (maxoff >= 1 && idx[maxoff] < 0 && kindAt(maxoff - 1, nvalues - 1) === 'maxvalue') maxoff--;
  if (minoff <= maxoff) r.offsets = new Set(range(minoff, maxoff));
  return r;
}

/** The partitions (canonical indexes into boundInfo(t).parts) left after pruning with `conds`. */
export function prunedPartitions(t: Table, conds: Expr[], columnName: ColumnNameOf): number[] {
  const info = boundInfo(t);
  const nparts = info.parts.length;
  const every = range(0, nparts - 1);
  if (!nparts) return [];
  const steps = new Pruner(t, columnName).steps(conds);
  if (steps === null) return [];
  if (!steps.length) return every;
  const res = combine(steps, 'and')(info);
  const out = new Set<number>();
  let scanDefault = res.scanDefault;
  for (const o of res.offsets) {
    const pi = info.strategy === 'l' ? info.listValues[o]?.index : info.strategy === 'r' ? info.rangeIndexes[o] : info.hashIndexes[o];
    if (pi === undefined || pi < 0) { scanDefault ||= !!info.defaultPart; continue; }
    out.add(pi);
  }
  if (res.scanNull && info.nullIndex >= 0) out.add(info.nullIndex);
  if (scanDefault && info.defaultPart) out.add(info.parts.indexOf(info.defaultPart));
  return [...out].sort((a, b) => a - b);
}

/**
 * The leaf tables a scan of `t` (with its partitions) reads after pruning, in the order the
 * Append lists them: partitions in bound order, a sub-partitioned one's own in its place.
 */
export function liveLeaves(t: Table, conds: Expr[], columnName: ColumnNameOf): Table[] {
  if (!t.partitionKey) return [t];
  const info = boundInfo(t);
  const out: Table[] = [];
  for (const i of prunedPartitions(t, conds, columnName)) {
    const p = info.parts[i];
    if (p.partitionKey) out.push(...liveLeaves(p, conds, columnName));
    else out.push(p);
  }
  return out;
}
