// The configuration parameters that change how Relata behaves, bound to the session: their
// check hooks (PostgreSQL's check_datestyle, check_timezone, check_search_path, …), how a new
// value reaches the session, and how SHOW prints it. The others are kept and shown only.
import { PgError, type Notice } from '../errors/index.js';
import { resolveZone } from '../types/timezone.js';
import { intervalIn } from '../types/interval.js';
import type { FormatSettings } from '../types/type.js';
import { splitIdentifiers } from './gucs-values.js';

/** What the bindings reach in the session. */
export interface GucHost {
  settings: FormatSettings;
  searchPath: string[];
  user: string;
  isSuperuser?: boolean;
  readonly inTransactionBlock: boolean;
  transactionSetting(name: string): string | undefined;
  setTransaction(options: any[], session: boolean): void;
  notice(n: Notice): void;
  /** SET ROLE / SET SESSION AUTHORIZATION, when the session knows roles (null: RESET / NONE). */
  setRole?(name: string | null): void;
  setSessionAuthorization?(name: string | null): void;
  currentRole?: string | null;
  sessionUser?: string | null;
  authenticatedUser?: string | null;
}

export interface Binding {
  /** The live value (setting form) when the session holds it. */
  read?(h: GucHost): string | undefined;
  /** The built-in default when it is the session's. */
  boot?(h: GucHost): string;
  /** SHOW's form of a setting. */
  show?(h: GucHost, setting: string): string;
  /** Validates (string and enum parameters) and returns the setting form; `name` is the canonical name. */
  check?(h: GucHost, value: string, name: string): string;
  /** A new value reaches the session. */
  assign?(h: GucHost, setting: string): void;
  /** SET handled by the session itself (value null: RESET). */
  set?(h: GucHost, value: string | null, local: boolean): void;
  /** For a transactional `set`: the value that puts the session back as it is now (null: RESET). */
  undoValue?(h: GucHost): string | null;
}

const invalid = (name: string, value: string, detail?: string) =>
  new PgError('22023', `invalid value for parameter "${name}": "${value}"`, detail ? { detail } : undefined);

type Style = FormatSettings['dateStyle'];
type Order = FormatSettings['dateOrder'];

/** check_datestyle: output style and field order words, the current ones kept where not given. */
function checkDateStyle(h: GucHost, value: string, name: string): string {
  const words = splitIdentifiers(value);
  if (!words) throw invalid(name, value, 'List syntax is invalid.');
  let style: Style = h.settings.dateStyle, order: Order = h.settings.dateOrder;
  let haveStyle = false, haveOrder = false, ok = true;
  const setStyle = (s: Style) => { if (haveStyle && style !== s) ok = false; style = s; haveStyle = true; };
  const setOrder = (o: Order) => { if (haveOrder && order !== o) ok = false; order = o; haveOrder = true; };
  for (const w of words) {
    const t = w.toLowerCase();
    if (t === 'iso') setStyle('ISO');
    else if (t === 'sql') setStyle('SQL');
    else if (t === 'postgres') setStyle('Postgres');
    else if (t === 'german') { setStyle('German'); if (!haveOrder) order = 'DMY'; }
    else if (t === 'ymd') setOrder('YMD');
    else if (t === 'dmy' || t === 'euro' || t === 'european') setOrder('DMY');
    else if (t === 'mdy' || t === 'us' || t === 'noneuro' || t === 'noneuropean') setOrder('MDY');
    else if (t === 'default') {
      if (!haveStyle) style = 'ISO';
      if (!haveOrder) order = 'MDY';
      haveStyle = haveOrder = true;
    } else throw invalid(name, value, `Unrecognized key word: "${w}".`);
    if (!ok) break;
  }
  if (!ok) throw invalid(name, value, 'Conflicting "datestyle" specifications.');
  return `${style}, ${order}`;
}

/** pg_tzset_offset's name for a zone `west` seconds west of Greenwich: <+05>-05. */
function offsetZoneName(west: number): string {
  let abs = Math.abs(west);
  let s = String(Math.floor(abs / 3600)).padStart(2, '0');
  abs %= 3600;
  if (abs) {
    s += ':' + String(Math.floor(abs / 60)).padStart(2, '0');
    abs %= 60;
    if (abs) s += ':' + String(abs).padStart(2, '0');
  }
  return west > 0 ? `<-${s}>+${s}` : `<+${s}>-${s}`;
}

/** check_timezone: INTERVAL '…' (flattened by SET), a number of hours, or a zone name. */
function checkTimeZone(h: GucHost, value: string, name: string): string {
  const hours = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : NaN;
  if (!Number.isNaN(hours)) {
    const west = Math.round(-hours * 3600);
    if (Math.abs(west) >= 168 * 3600) throw invalid(name, value, 'UTC timezone offset is out of range.');
    return offsetZoneName(west);
  }
  const iv = /^interval\s*'(.*)'$/i.exec(value.trim());
  if (iv) {
    let v;
    try { v = intervalIn(iv[1], -1, h.settings); } catch { throw invalid(name, value); }
    if (v.months) throw invalid(name, value, 'Cannot specify months in time zone interval.');
    if (v.days) throw invalid(name, value, 'Cannot specify days in time zone interval.');
    return offsetZoneName(-Math.trunc(v.micros / 1e6));
  }
  const z = resolveZone(value);
  if (!z) throw invalid(name, value);
  return z.name;
}

/** The zone name the session's formatting resolves: offsets as hours east. */
function zoneForSettings(display: string): string {
  const m = /^<([+-])(\d\d)(?::(\d\d)(?::(\d\d))?)?>/.exec(display);
  if (!m) return display;
  const east = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * (m[1] === '-' ? -1 : 1);
  return String(east / 3600);
}

/** check_search_path: a list of identifiers (the schemas need not exist). */
function checkSearchPath(_h: GucHost, value: string, name: string): string {
  const items = splitIdentifiers(value);
  if (!items) throw invalid(name, value, 'List syntax is invalid.');
  return value;
}

/** check_application_name / check_cluster_name: bytes outside printable ASCII become '?'. */
function asciiOnly(_h: GucHost, value: string): string {
  return Array.from(Buffer.from(value, 'utf8')).map(b => (b >= 32 && b <= 126 ? String.fromCharCode(b) : '?')).join('');
}

const ENCODINGS = new Set(['BIG5', 'EUC_CN', 'EUC_JP', 'EUC_JIS_2004', 'EUC_KR', 'EUC_TW', 'GB18030', 'GBK', 'ISO_8859_5', 'ISO_8859_6',
  'ISO_8859_7', 'ISO_8859_8', 'JOHAB', 'KOI8R', 'KOI8U', 'LATIN1', 'LATIN2', 'LATIN3', 'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8',
  'LATIN9', 'LATIN10', 'MULE_INTERNAL', 'SJIS', 'SHIFT_JIS_2004', 'SQL_ASCII', 'UHC', 'UTF8', 'WIN866', 'WIN874', 'WIN1250', 'WIN1251',
  'WIN1252', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1256', 'WIN1257', 'WIN1258']);

/** check_client_encoding: a known encoding; Relata converts only UTF8 (SQL_ASCII passes bytes through). */
function checkClientEncoding(_h: GucHost, value: string, name: string): string {
  const v = value.toUpperCase().replace(/[-_\s]/g, '');
  const canon = v === 'UTF8' || v === 'UNICODE' ? 'UTF8' : v === 'SQLASCII' ? 'SQL_ASCII' : [...ENCODINGS].find(e => e.replace(/_/g, '') === v);
  if (!canon) throw invalid(name, value);
  if (canon !== 'UTF8' && canon !== 'SQL_ASCII') throw new PgError('0A000', `client_encoding "${canon}" is not supported`);
  return canon;
}

/** check_locale: the locales Relata has (C and POSIX). */
function checkLocale(_h: GucHost, value: string, name: string): string {
  if (['', 'C', 'POSIX', 'C.UTF-8', 'C.utf8'].includes(value)) return value;
  throw invalid(name, value);
}

function transactionOption(h: GucHost, defname: string, value: string | null, session: boolean): void {
  // outside a transaction block the transaction's own settings end with the statement
  if (value === null || (!session && !h.inTransactionBlock)) return;
  const arg = defname === 'transaction_isolation' ? { A_Const: { sval: { sval: value } } } : { A_Const: { boolval: { boolval: value === 'on' } } };
  h.setTransaction([{ DefElem: { defname, arg } }], session);
}

const fixed = (v: string): Binding => ({ read: () => v });
const octal = (v: string) => '0' + Number(v).toString(8).padStart(3, '0');

export const BINDINGS: Record<string, Binding> = {
  datestyle: {
    read: h => `${h.settings.dateStyle}, ${h.settings.dateOrder}`,
    check: checkDateStyle,
    assign: (h, v) => {
      const [style, order] = v.split(', ');
      h.settings.dateStyle = style as Style;
      h.settings.dateOrder = order as Order;
    },
  },
  intervalstyle: { read: h => h.settings.intervalStyle, assign: (h, v) => { h.settings.intervalStyle = v as FormatSettings['intervalStyle']; } },
  timezone: {
    boot: () => 'UTC',
    check: checkTimeZone,
    assign: (h, v) => { h.settings.timeZone = zoneForSettings(v); },
  },
  extra_float_digits: { read: h => String(h.settings.extraFloatDigits), assign: (h, v) => { h.settings.extraFloatDigits = Number(v); } },
  bytea_output: { read: h => h.settings.byteaOutput, assign: (h, v) => { h.settings.byteaOutput = v as 'hex' | 'escape'; } },
  search_path: {
    // SHOW prints the setting as it was written (flattened by SET)
    check: checkSearchPath,
    assign: (h, v) => {
      h.searchPath.length = 0;
      h.searchPath.push(...(splitIdentifiers(v) ?? []).map(p => (p === '$user' ? '"$user"' : p)));
    },
  },
  application_name: { check: asciiOnly },
  cluster_name: { check: asciiOnly },
  client_encoding: { check: checkClientEncoding },
  lc_messages: { check: checkLocale },
  lc_monetary: { check: checkLocale },
  lc_numeric: { check: checkLocale },
  lc_time: { check: checkLocale },
  timezone_abbreviations: { check: (_h, v, name) => { if (v !== 'Default') throw invalid(name, v); return v; } },
  server_version: fixed('15.18'),
  server_version_num: fixed('150018'),
  server_encoding: fixed('UTF8'),
  is_superuser: { read: h => (h.isSuperuser ?? true ? 'on' : 'off') },
  session_authorization: {
    read: h => h.sessionUser ?? h.authenticatedUser ?? h.user,
    undoValue: h => h.sessionUser ?? null,
    set: (h, v) => {
      if (!h.setSessionAuthorization) throw new PgError('0A000', 'SET SESSION AUTHORIZATION is not supported');
      h.setSessionAuthorization(v);
    },
  },
  role: {
    read: h => h.currentRole ?? 'none',
    undoValue: h => h.currentRole ?? null,
    set: (h, v) => {
      const role = v === null || v.toLowerCase() === 'none' ? null : v;
      if (h.setRole) h.setRole(role);
      else if (role !== null) throw new PgError('0A000', 'SET ROLE is not supported');
    },
  },
  seed: { show: () => 'unavailable' },
  // file modes show in octal (show_data_directory_mode, show_log_file_mode, show_unix_socket_permissions)
  data_directory_mode: { show: (_h, v) => octal(v) },
  log_file_mode: { show: (_h, v) => octal(v) },
  unix_socket_permissions: { show: (_h, v) => octal(v) },
  transaction_isolation: { read: h => h.transactionSetting('transaction_isolation'), set: (h, v) => transactionOption(h, 'transaction_isolation', v, false) },
  transaction_read_only: { read: h => h.transactionSetting('transaction_read_only'), set: (h, v) => transactionOption(h, 'transaction_read_only', v, false) },
  transaction_deferrable: { read: h => h.transactionSetting('transaction_deferrable'), set: (h, v) => transactionOption(h, 'transaction_deferrable', v, false) },
  default_transaction_deferrable: {
    read: h => h.transactionSetting('default_transaction_deferrable'),
    set: (h, v) => transactionOption(h, 'transaction_deferrable', v ?? 'off', true),
  },
  default_transaction_isolation: {
    read: h => h.transactionSetting('default_transaction_isolation'),
    set: (h, v) => transactionOption(h, 'transaction_isolation', v ?? 'read committed', true),
  },
  default_transaction_read_only: {
    read: h => h.transactionSetting('default_transaction_read_only'),
    set: (h, v) => transactionOption(h, 'transaction_read_only', v ?? 'off', true),
  },
};
