// The names PostgreSQL gives select-list expressions without AS (FigureColname).
const str = (n: any): string => n.String?.sval ?? n.sval;

/** The column name PostgreSQL gives an unnamed select-list expression (FigureColname). */
export function figureColname(node: any): string {
  return colname(node)[0];
}

/**
 * FigureColnameInternal: the name and how strongly the expression suggests it (0 nothing,
 * 1 a type or keyword name that an outer cast or CASE may replace, 2 a column or function name).
 */
function colname(node: any): [string, number] {
  const [kind, n] = Object.entries(node)[0] as [string, any];
  switch (kind) {
    case 'TypeCast': {
      const inner = colname(n.arg);
      if (inner[1] > 1) return inner;
      const names = n.typeName.names.map(str);
      return [names[names.length - 1], 1];
    }
    case 'CaseExpr': {
      const inner: [string, number] = n.defresult ? colname(n.defresult) : ['?column?', 0];
      return inner[1] > 1 ? inner : ['case', 1];
    }
    case 'A_Const': case 'BoolExpr': case 'NullTest': case 'BooleanTest': return ['?column?', 0];
  }
  const name = plainColname(kind, n);
  return [name, name === '?column?' ? 0 : 2];
}

function plainColname(kind: string, n: any): string {
  switch (kind) {
    case 'ColumnRef': {
      // the last field name, ignoring "*" (t.* names the column t)
      const names = (n.fields as any[]).filter(f => f.String);
      return names.length ? str(names[names.length - 1]) : '?column?';
    }
    case 'FuncCall': return str(n.funcname[n.funcname.length - 1]);
    case 'CoalesceExpr': return 'coalesce';
    case 'GroupingFunc': return 'grouping';
    case 'MinMaxExpr': return n.op === 'IS_GREATEST' ? 'greatest' : 'least';
    case 'A_Expr': return n.kind === 'AEXPR_NULLIF' ? 'nullif' : '?column?';
    case 'SubLink': {
      if (n.subLinkType === 'EXISTS_SUBLINK') return 'exists';
      if (n.subLinkType === 'ARRAY_SUBLINK') return 'array';
      if (n.subLinkType === 'EXPR_SUBLINK') {
        // the subquery's first column's name: a set operation's is its leftmost branch's
        let sel = n.subselect.SelectStmt;
        while (sel?.larg) sel = sel.larg;
        const t = sel?.targetList?.[0]?.ResTarget;
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
    case 'RowExpr': return 'row';
    case 'A_Indirection': {
      // the last field name, if any; subscripts keep the name of what they subscript
      const fields = (n.indirection as any[]).filter(i => i.String);
      return fields.length ? str(fields[fields.length - 1]) : figureColname(n.arg);
    }
  }
  return '?column?';
}
