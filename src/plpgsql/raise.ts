// RAISE (exec_stmt_raise): the message with % replaced by the parameters' text, USING
// options, levels below EXCEPTION delivered as notices, and RAISE; re-throwing.
import { PgError } from '../errors/index.js';
import { typeByOid } from '../types/registry.js';
import { OID } from '../types/oids.js';
import type { Stmt } from './ast.js';
import { conditionCode } from './conditions.js';
import type { Frame } from './frame.js';

type RaiseStmt = Extract<Stmt, { k: 'raise' }>;

export function execRaise(fr: Frame, s: RaiseStmt): void {
  if (!s.message && !s.condition && !s.sqlstate && !s.options.length) {
    const e = fr.errors[fr.errors.length - 1];
    if (!e) throw new PgError('0Z002', 'RAISE without parameters cannot be used outside an exception handler');
    throw e;
  }
  let message: string | null = null;
  if (s.message !== null) {
    const vals = s.params.map(p => {
      const v = fr.evalExpr(p, null);
      return v === null ? '<NULL>' : text(fr, v, fr.lastType);
    });
    let i = 0, out = '';
    const m = s.message;
    for (let k = 0; k < m.length; k++) {
      if (m[k] === '%') {
        if (m[k + 1] === '%') { out += '%'; k++; continue; }
        if (i >= vals.length) throw new PgError('42601', 'too few parameters specified for RAISE');
        out += vals[i++];
      } else out += m[k];
    }
    if (i < vals.length) throw new PgError('42601', 'too many parameters specified for RAISE');
    message = out;
  }
  let code = s.sqlstate ?? (s.condition ? conditionCode(s.condition) ?? null : null);
  if (s.condition && !code) throw new PgError('42704', `unrecognized exception condition "${s.condition}"`);
  const fields: Record<string, string> = {};
  for (const o of s.options) {
    const v = fr.evalExpr(o.expr, OID.text);
    if (v === null) throw new PgError('22004', `RAISE statement option cannot be null`);
    const sv = String(v);
    switch (o.name) {
      case 'errcode': code = /^[0-9A-Z]{5}$/.test(sv) ? sv : conditionCode(sv) ?? null;
        if (!code) throw new PgError('42704', `unrecognized exception condition "${sv}"`);
        break;
      case 'message': if (message !== null) throw new PgError('42601', 'RAISE option already specified: MESSAGE'); message = sv; break;
      case 'detail': fields.detail = sv; break;
      case 'hint': fields.hint = sv; break;
      case 'column': fields.column = sv; break;
      case 'constraint': fields.constraint = sv; break;
      case 'datatype': fields.dataType = sv; break;
      case 'table': fields.table = sv; break;
      case 'schema': fields.schema = sv; break;
      default: throw new PgError('42601', `unrecognized RAISE statement option "${o.name}"`);
    }
  }
  // without a message, the condition name or SQLSTATE is the message
  if (s.condition && message === null) message = s.condition;
  if (s.sqlstate && message === null) message = s.sqlstate;
  if (s.level === 'exception') {
    throw new PgError(code ?? 'P0001', message ?? (code ?? 'P0001'), fields);
  }
  const severity = s.level === 'warning' ? 'WARNING' : s.level === 'info' ? 'INFO' : s.level === 'log' ? 'LOG' : s.level === 'debug' ? 'DEBUG' : 'NOTICE';
  fr.host.notice({ severity, code: code ?? (severity === 'WARNING' ? '01000' : '00000'), message: message ?? '', ...fields } as any);
}

function text(fr: Frame, v: unknown, type: number): string {
  const t = typeByOid(type === OID.unknown ? OID.text : type);
  return t ? t.output(v, fr.ctx.settings) : String(v);
}
