// The names PostgreSQL gives select-list expressions without AS (FigureColname).
const str = (n: any): string => n.String?.sval ?? n.sval;

/** The column name PostgreSQL gives an unnamed select-list expression (FigureColname). */
export function figureColname(node: any): string {
  const [kind, n] = Object.entries(node)[0] as [string, any];
  switch (kind) {
    case 'ColumnRef': {
      const last = n.fields[n.fields.length - 1];
      return last.String ? str(last) : '?column?';
    }
    case 'FuncCall': return str(n.funcname[n.funcname.length - 1]);
    case 'TypeCast': {
      const inner = figureColname(n.arg);
      if (inner !== '?column?') return inner;
      const names = n.typeName.names.map(str);
      const tn = names[names.length - 1];
      return tn === 'int4' ? 'int4' : tn === 'bpchar' ? 'bpchar' : tn;
    }
    case 'CaseExpr': return n.defresult ? (figureColname(n.defresult) === '?column?' ? 'case' : figureColname(n.defresult)) : 'case';
    case 'CoalesceExpr': return 'coalesce';
    case 'MinMaxExpr': return n.op === 'IS_GREATEST' ? 'greatest' : 'least';
    case 'A_Expr': return n.kind === 'AEXPR_NULLIF' ? 'nullif' : '?column?';
    case 'SubLink': {
      if (n.subLinkType === 'EXISTS_SUBLINK') return 'exists';
      if (n.subLinkType === 'ARRAY_SUBLINK') return 'array';
      if (n.subLinkType === 'EXPR_SUBLINK') {
        const t = n.subselect.SelectStmt?.targetList?.[0]?.ResTarget;
        if (t) return t.name ?? figureColname(t.val);
      }
      return '?column?';
    }
    case 'A_ArrayExpr': return 'array';
    case 'SQLValueFunction': {
      const map: Record<string, string> = { SVFOP_CURRENT_DATE: 'current_date', SVFOP_CURRENT_TIMESTAMP: 'current_timestamp', SVFOP_CURRENT_TIMESTAMP_N: 'current_timestamp',
        SVFOP_LOCALTIMESTAMP: 'localtimestamp', SVFOP_CURRENT_USER: 'current_user', SVFOP_SESSION_USER: 'session_user', SVFOP_USER: 'current_user',
        SVFOP_CURRENT_SCHEMA: 'current_schema', SVFOP_CURRENT_CATALOG: 'current_catalog', SVFOP_CURRENT_TIME: 'current_time', SVFOP_CURRENT_ROLE: 'current_role' };
      return map[n.op] ?? '?column?';
    }
    case 'A_Const': return '?column?';
    case 'RowExpr': return 'row';
    case 'A_Indirection': {
      // the last field name, if any; subscripts keep the name of what they subscript
      const fields = (n.indirection as any[]).filter(i => i.String);
      return fields.length ? str(fields[fields.length - 1]) : figureColname(n.arg);
    }
    case 'BoolExpr': case 'NullTest': case 'BooleanTest': return '?column?';
  }
  return '?column?';
}
