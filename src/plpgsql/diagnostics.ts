// GET [CURRENT | STACKED] DIAGNOSTICS, and the statement names CONTEXT lines use.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import type { Stmt } from './ast.js';
import type { Frame } from './frame.js';

export function getDiagnostics(fr: Frame, s: Extract<Stmt, { k: 'getdiag' }>): void {
  const names = fr.c.stmtNames.get(s)!;
  for (const it of s.items) {
    const slot = names.get(it.target);
    if (!slot) throw new PgError('42601', `"${it.target}" is not a known variable`);
    const err = fr.errors[fr.errors.length - 1];
    const v: Record<string, [unknown, number]> = {
      row_count: [fr.rowCount, OID.int8], returned_sqlstate: [err?.code ?? null, OID.text], message_text: [err?.message ?? null, OID.text],
      pg_exception_detail: [err?.detail ?? '', OID.text], pg_exception_hint: [err?.hint ?? '', OID.text],
      pg_exception_context: [err?.where ?? '', OID.text], column_name: [err?.column ?? '', OID.text],
      constraint_name: [err?.constraint ?? '', OID.text], table_name: [err?.table ?? '', OID.text], schema_name: [err?.schema ?? '', OID.text],
      pg_datatype_name: [err?.dataType ?? '', OID.text], pg_context: ['', OID.text],
    };
    const got = v[it.item];
    if (!got) throw new PgError('42601', `unrecognized GET DIAGNOSTICS item "${it.item}"`);
    fr.assignSlot(slot, got[0], got[1]);
  }
}

/** The statement name CONTEXT lines use (plpgsql_stmt_typename). */
export function stmtName(s: Stmt): string {
  switch (s.k) {
    case 'block': return 'statement block';
    case 'assign': return 'assignment';
    case 'if': return 'IF';
    case 'case': return 'CASE';
    case 'loop': return 'LOOP';
    case 'while': return 'WHILE';
    case 'fori': return 'FOR with integer loop variable';
    case 'forq': return s.dynamic ? 'FOR over EXECUTE statement' : 'FOR over SELECT rows';
    case 'foreach': return 'FOREACH over array';
    case 'exit': return s.continue ? 'CONTINUE' : 'EXIT';
    case 'return': return 'RETURN';
    case 'return_next': return 'RETURN NEXT';
    case 'return_query': return 'RETURN QUERY';
    case 'raise': return 'RAISE';
    case 'assert': return 'ASSERT';
    case 'perform': return 'PERFORM';
    case 'sql': return 'SQL statement';
    case 'execute': return 'EXECUTE';
    case 'getdiag': return 'GET DIAGNOSTICS';
    case 'null': return 'NULL';
    case 'call': return 'CALL';
    case 'commit': return s.rollback ? 'ROLLBACK' : 'COMMIT';
  }
}

