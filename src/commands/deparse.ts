// Expression text for catalogs and messages (a small deparser for what defaults and checks hold).
export function deparse(node: any): string {
  if (!node || typeof node !== 'object') return String(node);
  const [kind, n] = Object.entries(node)[0] as [string, any];
  switch (kind) {
    case 'A_Const':
      if (n.isnull) return 'NULL';
      if (n.ival !== undefined) return String(n.ival.ival ?? 0);
      if (n.fval !== undefined) return n.fval.fval;
      if (n.sval !== undefined) return `'${(n.sval.sval ?? '').replace(/'/g, "''")}'`;
      if (n.boolval !== undefined) return n.boolval.boolval ? 'true' : 'false';
      return '?';
    case 'ColumnRef': return n.fields.map((f: any) => f.String?.sval ?? '*').join('.');
    case 'FuncCall': return `${n.funcname.map((f: any) => f.String.sval).join('.')}(${(n.args ?? []).map(deparse).join(', ')})`;
    case 'A_Expr': {
      const op = n.name?.map((x: any) => x.String.sval).join('.') ?? '';
      if (n.kind === 'AEXPR_OP') return n.lexpr ? `(${deparse(n.lexpr)} ${op} ${deparse(n.rexpr)})` : `(${op} ${deparse(n.rexpr)})`;
      return `(${deparse(n.lexpr)} ${op} ${deparse(n.rexpr)})`;
    }
    case 'TypeCast': return `${deparse(n.arg)}::${n.typeName.names.map((x: any) => x.String.sval).filter((s: string) => s !== 'pg_catalog').join('.')}`;
    case 'BoolExpr': return `(${n.args.map(deparse).join(n.boolop === 'AND_EXPR' ? ' AND ' : ' OR ')})`;
    default: return kind;
  }
}
