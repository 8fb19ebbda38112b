// Hash joins (inner, left, right, full): the inner side read into a table by key, the outer
// side probing it. A sequential scan on either side runs inline here (seq-scan.ts's
// SeqCursor) rather than through its producer: no closure call per row, and a key that is a
// column of the scanned table is read straight off the row.
import type { Plan } from '../planner/index.js';
import { compile } from './compile.js';
import type { Env, Frame } from './env.js';
import { exprKey, IntsSpare, isIndex, RowTable, varKeyAtt } from './hash-keys.js';
import { compilePlan, hashFn, runSubquery, type Producer } from './query.js';
import { inlineScan, scanFrame, SeqCursor, type InlineScan } from './seq-scan.js';

function nullSlots(f: Frame, entries: number[]): void {
  for (const e of entries) { f[2 * e] = null; f[2 * e + 1] = null; }
}

export function compileHashJoin(plan: Plan & { k: 'hashjoin' }, width: number): Producer {
  const types = plan.innerKeys.map(k => k.type);
  const type = plan.type;
  const innerEntries = plan.innerEntries, outerEntries = plan.outerEntries;
  const ni = innerEntries.length, stride = 2 * ni;
  const keepAll = type === 'right' || type === 'full', nullFill = type === 'left' || type === 'full';
  // the inner rows' list made at the planner's estimate (bounded), not grown from empty: its
  // copies while growing were most of the join's allocation
  const expected = Math.max(0, Math.min(Math.ceil(plan.inner.est?.rows ?? 0), 1 << 16)) || 0;
  // sequential scans run inline (the inner only when it is the inner side's one entry)
  // (compiled outer side first, as before: of two unsupported features, the outer's is reported)
  const outerScan = inlineScan(plan.outer);
  const outer = outerScan ? null : compilePlan(plan.outer, width);
  const innerScan = plan.inner.k === 'seqscan' && ni === 1 && innerEntries[0] === plan.inner.entry ? inlineScan(plan.inner) : null;
  const inner = innerScan ? null : compilePlan(plan.inner, width);
  const innerAtt = innerScan ? varKeyAtt(plan.innerKeys, types, (plan.inner as { entry: number }).entry) : -1;
  const outerAtt = outerScan ? varKeyAtt(plan.outerKeys, types, (plan.outer as { entry: number }).entry) : -1;
  const h = hashFn(types[0]);
  const outerKey = exprKey(plan.outerKeys, types);
  const innerKey = exprKey(plan.innerKeys, types);
  const cond = plan.cond ? compile(plan.cond, runSubquery) : null;

  // the inner rows' list of the last run, kept for the next (cleared): a list of the
  // expected size is a large object, allocated and zeroed in fresh pages each run; a run
  // nested in a run of this join (a function called again from inside it) makes its own;
  // kept up to 1 MB (a list grown past the estimate is let go)
  let spare: unknown[] | null = null;
  const keep = Math.min(Math.max(expected * stride, 1024), 1 << 17);
  const ints = new IntsSpare();
  const run = (env: Env, emit: (f: Frame) => boolean | void, slots: unknown[]): boolean => {
    let nRows = 0;
    const table = new RowTable(expected, ints.take());
    try {
      let touched = 0;
      if (innerScan) {
        const cur = new SeqCursor(innerScan.table, innerScan.inh, env.view, innerAtt, types[0], h);
        const filter = innerScan.filter, slot = innerScan.slot, datas = cur.datas, tups = cur.tups, keys = cur.keys;
        const f = filter || innerAtt < 0 ? scanFrame(env, width) : null;
        for (let m = cur.fill(); m > 0; m = cur.fill()) {
          for (let j = 0; j < m; j++) {
            if (f) {
              f[slot] = datas[j]; f[slot + 1] = tups[j];
              if (filter && filter(f, env) !== true) continue;
            }
            const k = innerAtt >= 0 ? keys[j] : innerKey(f!, env);
            if (k === null && !keepAll) continue;
            const r = nRows++;
            slots[2 * r] = datas[j]; slots[2 * r + 1] = tups[j];
            if (k !== null) table.add(k, r);
          }
        }
      } else {
        inner!(env, f => {
          const k = innerKey(f, env);
          if (k === null && !keepAll) return;
          const r = nRows++;
          for (let i = 0, b = r * stride; i < ni; i++, b += 2) { const e = innerEntries[i]; slots[b] = f[2 * e]; slots[b + 1] = f[2 * e + 1]; }
          if (k !== null) table.add(k, r);
        });
      }
      const put = (f: Frame, r: number) => {
        for (let i = 0, b = r * stride; i < ni; i++, b += 2) { const e = innerEntries[i]; f[2 * e] = slots[b]; f[2 * e + 1] = slots[b + 1]; }
      };
      const matched = keepAll ? new Uint8Array(nRows) : null;
      // a key's first row (vals, or map), read inline below: the table is complete
      const vals = table.ints.vals, map = table.map;
      /** Joins outer row `of` (key k) to its inner rows; false when the consumer stops. */
      const probe = (of: Frame, k: unknown): boolean => {
        const first = k === null ? -1 : isIndex(k) && k < vals.length ? vals[k] - 1 : map.get(k) ?? -1;
        let any = false;
        if (first >= 0) {
          const rest = table.rest(k);
          // the outer frame is filled in place: consumers copy what they keep
          for (let j = -1, n = rest ? rest.length : 0; j < n; j++) {
            const r = j < 0 ? first : rest![j];
            put(of, r);
            if (cond && cond(of, env) !== true) continue;
            any = true;
            if (matched) matched[r] = 1;
            if (emit(of) === false) return false;
          }
        }
        if (!any && nullFill) {
          nullSlots(of, innerEntries);
          if (emit(of) === false) return false;
        }
        return true;
      };
      // a batch's matching inner rows' values are loaded for the whole batch first, so that their
      // loads overlap (the versions lie spread through memory); what reads them next, such as
      // count(p.col) above, then finds them in cache instead of waiting for each in turn
      const ahead = innerScan ? (keys: unknown[], m: number) => {
        let s = 0;
        for (let j = 0; j < m; j++) {
          const k = keys[j];
          const r = k === null ? -1 : isIndex(k) && k < vals.length ? vals[k] - 1 : map.get(k) ?? -1;
          if (r >= 0 && (slots[2 * r] as unknown[])[0] !== undefined) s++;
        }
        touched += s;
      } : null;
      const ok = outerScan ? probeScan(outerScan, outerAtt, types[0], env, width, h, outerKey, probe, ahead)
        : outer!(env, of => probe(of, outerKey(of, env)));
      if (!ok) return false;
      if (matched) {
        const f: Frame = new Array(width).fill(null);
        for (let r = 0; r < nRows; r++) {
          if (matched[r]) continue;
          put(f, r);
          nullSlots(f, outerEntries);
          if (emit(f) === false) return false;
        }
      }
      return true;
    } finally {
      // nothing of this run kept alive by the spare list
      slots.fill(undefined, 0, nRows * stride);
      ints.give(table.ints);
    }
  };
  return (env, emit) => {
    const slots = spare ?? (expected ? new Array(expected * stride) : []);
    spare = null;
    const ok = run(env, emit, slots);
    if (slots.length <= keep) spare = slots;
    return ok;
  };
}

/** Runs an outer sequential scan inline, each row (past its filter) probed with its key. */
function probeScan(scan: InlineScan, att: number, type: number, env: Env, width: number,
  h: (v: unknown) => string, key: (f: Frame, env: Env) => unknown, probe: (f: Frame, k: unknown) => boolean,
  ahead: ((keys: unknown[], m: number) => void) | null): boolean {
  const cur = new SeqCursor(scan.table, scan.inh, env.view, att, type, h);
  const f = scanFrame(env, width);
  const filter = scan.filter, slot = scan.slot, datas = cur.datas, tups = cur.tups, keys = cur.keys;
  for (let m = cur.fill(); m > 0; m = cur.fill()) {
    if (ahead && att >= 0) ahead(keys, m);
    for (let j = 0; j < m; j++) {
      f[slot] = datas[j]; f[slot + 1] = tups[j];
      if (filter && filter(f, env) !== true) continue;
      if (!probe(f, att >= 0 ? keys[j] : key(f, env))) return false;
    }
  }
  return true;
}
