// What depends on a function being dropped: partition keys, CHECK constraints and views that
// call it (PostgreSQL records these in pg_depend when it stores the expression; Relata keeps
// the expressions as parsed, so the calls are found by name and argument count at DROP).
import type { Catalog } from '../catalog/catalog.js';
import type { DepObject, UserFunction } from '../catalog/objects.js';
import { inputParams } from '../functions/catalog.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

interface Call { schema: string | null; name: string; nargs: number }

function callsIn(raw: unknown, names: Set<string>, out: Call[] = []): Call[] {
  if (Array.isArray(raw)) { for (const x of raw) callsIn(x, names, out); return out; }
  if (!raw || typeof raw !== 'object') return out;
  const fc = (raw as any).FuncCall;
  if (fc) {
    const parts = (fc.funcname as any[]).map(str);
    const name = parts[parts.length - 1];
    if (names.has(name)) out.push({ schema: parts.length > 1 ? parts[parts.length - 2] : null, name, nargs: (fc.args ?? []).length });
  }
  for (const k in raw as object) callsIn((raw as any)[k], names, out);
  return out;
}

function calls(f: UserFunction, c: Call): boolean {
  const n = inputParams(f).length;
  const variadic = inputParams(f).some(p => p.mode === 'v');
  return c.name === f.name && (c.schema === null || c.schema === f.schema.name)
    && c.nargs >= n - f.defaults.length && (c.nargs <= n || variadic);
}

/** Records (normal) dependencies on the functions from the objects whose expressions call them. */
export function addUsageDependencies(cat: Catalog, fns: UserFunction[]): void {
  if (!fns.length) return;
  const names = new Set(fns.map(f => f.name));
  const link = (dependent: DepObject, raw: unknown) => {
    const found = callsIn(raw, names);
    if (!found.length) return;
    for (const f of fns) {
      if (!found.some(c => calls(f, c))) continue;
      if (cat.deps.dependenciesOf(dependent).some(d => d.referenced.obj === f)) continue;
      cat.deps.add(dependent, 0, f, 0, 'n');
    }
  };
  for (const s of cat.schemas.values()) {
    for (const r of s.relations.values()) {
      if (r.kind === 'view') { link(r, r.query); continue; }
      if (r.kind !== 'table') continue;
      if (r.partitionKey?.exprs.length) link(r, r.partitionKey.exprs.map(e => e.expr));
      for (const c of r.constraints) if (c.type === 'c' && c.check) link(c, c.check.expr);
    }
  }
}
