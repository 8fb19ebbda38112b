// The settings PostgreSQL reports to the client with ParameterStatus (GUC_REPORT): all of
// them after startup, then each one whose value changed, before ReadyForQuery.
import type { Session } from '../session/session.js';
import { isSuperuser, sessionUser } from '../session/session-roles.js';
import { parameterStatus } from './messages.js';
import type { MessageWriter } from './protocol.js';

/** Names and values in PostgreSQL 15's order. */
export function reportedParameters(s: Session): [string, string][] {
  const st = s.settings;
  return [
    ['application_name', s.gucs.get('application_name') ?? ''],
    ['client_encoding', normalizeEncoding(s.gucs.get('client_encoding') ?? 'UTF8')],
    ['DateStyle', `${st.dateStyle}, ${st.dateOrder}`],
    ['default_transaction_read_only', s.transactionSetting('default_transaction_read_only') ?? 'off'],
    ['in_hot_standby', 'off'],
    ['integer_datetimes', 'on'],
    ['IntervalStyle', st.intervalStyle],
    ['is_superuser', isSuperuser(s) ? 'on' : 'off'],
    ['server_encoding', 'UTF8'],
    ['server_version', '15.18'],
    ['session_authorization', sessionUser(s)],
    ['standard_conforming_strings', s.gucs.get('standard_conforming_strings') ?? 'on'],
    ['TimeZone', st.timeZone],
  ];
}

/** Encodings a client may ask for: the server speaks UTF-8 only (SQL_ASCII passes bytes through). */
export function normalizeEncoding(name: string): string {
  const n = name.toUpperCase().replace(/[-_]/g, '');
  if (n === 'UTF8' || n === 'UNICODE') return 'UTF8';
  if (n === 'SQLASCII') return 'SQL_ASCII';
  return name;
}

export const supportedEncoding = (name: string) => ['UTF8', 'SQL_ASCII'].includes(normalizeEncoding(name));

/** Remembers what the client was told, to send only the changes. */
export class ReportedState {
  private last = new Map<string, string>();
  /** Inputs of the last report: the same ones give the same values (checked at every ReadyForQuery). */
  private inputs: unknown[] = [];

  /** The parameters whose value differs from the one last reported (all of them the first time). */
  changes(s: Session): [string, string][] {
    const out: [string, string][] = [];
    for (const [k, v] of reportedParameters(s)) {
      if (this.last.get(k) !== v) { this.last.set(k, v); out.push([k, v]); }
    }
    return out;
  }

  /** ParameterStatus for each parameter that changed since the last report. */
  report(s: Session, w: MessageWriter): void {
    if (!this.inputsChanged(s)) return;
    for (const [k, v] of this.changes(s)) parameterStatus(w, k, v);
  }

  /**
   * What the reported values are made of, compared with the last time: most commands change
   * none of it, and computing the values (role lookups, the encoding's name) would cost
   * more than the commands themselves.
   */
  private inputsChanged(s: Session): boolean {
    const st = s.settings, g = s.gucs, now = this.inputs;
    // compared in place first: an array of them per ReadyForQuery was most of this check's cost
    if (now.length && now[0] === g.get('application_name') && now[1] === g.get('client_encoding') && now[2] === st.dateStyle
      && now[3] === st.dateOrder && now[4] === s.txnDefaults.readOnly && now[5] === st.intervalStyle
      && now[6] === s.user && now[7] === s.sessionUser && now[8] === s.authenticatedUser
      && now[9] === g.get('standard_conforming_strings') && now[10] === st.timeZone && now[11] === isSuperuser(s)) return false;
    // (default_transaction_read_only is made of txnDefaults.readOnly: compared as it is, no string made)
    this.inputs = [g.get('application_name'), g.get('client_encoding'), st.dateStyle, st.dateOrder,
      s.txnDefaults.readOnly, st.intervalStyle, s.user, s.sessionUser, s.authenticatedUser,
      g.get('standard_conforming_strings'), st.timeZone, isSuperuser(s)];
    return true;
  }
}
