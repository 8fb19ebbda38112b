// Parameter names in function bodies: a ColumnRef naming a parameter (a, f.a, or a.field of
// a composite parameter) becomes a ParamRef ($n), so that the body's statements analyze and
// cache like any statement with parameters.
const str = (n: any): string | undefined => n?.String?.sval;

/** A copy of the AST with parameter names replaced; `names` maps a name to its 1-based $n. */
export function bindParamNames(node: any, names: ReadonlyMap<string, number>, fname: string): any {
  if (!names.size) return node;
  const walk = (x: any): any => {
    if (Array.isArray(x)) return x.map(walk);
    if (!x || typeof x !== 'object') return x;
    // TG_ARGV is subscripted from 0 (its lower bound); Relata's arrays start at 1
    if (x.A_Indirection?.arg?.ColumnRef && names.has('tg_argv') && str(x.A_Indirection.arg.ColumnRef.fields?.[0]) === 'tg_argv') {
      const ind = (x.A_Indirection.indirection as any[]).map(i => (i.A_Indices?.uidx && !i.A_Indices.is_slice
        ? { A_Indices: { ...i.A_Indices, uidx: { A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: '+' } }], lexpr: walk(i.A_Indices.uidx), rexpr: { A_Const: { ival: { ival: 1 }, location: -1 } }, location: -1 } } } }
        : walk(i)));
      return { A_Indirection: { arg: walk(x.A_Indirection.arg), indirection: ind } };
    }
    if (x.ColumnRef) {
      const r = refOf(x.ColumnRef, names, fname);
      if (r) return r;
      return x;
    }
    const out: any = {};
    for (const k of Object.keys(x)) out[k] = walk(x[k]);
    return out;
  };
  return walk(node);
}

function refOf(cr: any, names: ReadonlyMap<string, number>, fname: string): any {
  const f = cr.fields as any[];
  const parts = f.map(str);
  if (parts.some(p => p === undefined && false)) return null;
  let i = 0;
  if (parts.length >= 2 && parts[0] === fname && parts[1] !== undefined && names.has(parts[1])) i = 1;
  const first = parts[i];
  if (first === undefined || !names.has(first)) return null;
  const p = { ParamRef: { number: names.get(first)!, location: cr.location } };
  const rest = f.slice(i + 1);
  if (!rest.length) return p;
  return { A_Indirection: { arg: p, indirection: rest } };
}
