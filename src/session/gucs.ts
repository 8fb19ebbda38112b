// The session's configuration parameters (guc.c): every parameter PostgreSQL 15 has, from
// gucs-data.ts, with its type, unit, range, allowed values and context; SET / SET LOCAL /
// RESET / RESET ALL with PostgreSQL's validation and errors; SHOW in PostgreSQL's form; values
// that follow the transaction (undone by ROLLBACK and ROLLBACK TO SAVEPOINT, SET LOCAL ending
// with the transaction); pg_settings, current_setting() and set_config(). Parameters that
// change Relata's behaviour are bound to the session (gucs-bindings.ts).
import { PgError, type Notice } from '../errors/index.js';
import { GUC_ROWS } from './gucs-data.js';
import { fmtG, parseBool, parseIntSetting, parseRealSetting, showInt, showReal, type GucType } from './gucs-values.js';
import { BINDINGS, type GucHost } from './gucs-bindings.js';

export interface GucDef {
  name: string;
  type: GucType;
  context: string;
  unit: string | null;
  min: number;
  max: number;
  enumVals: string[] | null;
  boot: string;
  category: string;
  desc: string;
  extra: string | null;
  /** GUC_LIST_INPUT: SET takes a list; GUC_LIST_QUOTE: its items are quoted identifiers. */
  list?: boolean;
  quote?: boolean;
  /** GUC_NO_SHOW_ALL: not in SHOW ALL nor pg_settings. */
  hidden?: boolean;
  /** GUC_NO_RESET_ALL. */
  noResetAll?: boolean;
  /** A placeholder for a custom (dotted) name, created by SET. */
  custom?: boolean;
}

const REGISTRY = new Map<string, GucDef>();
for (const [name, type, context, unit, min, max, enumVals, boot, category, desc, extra] of GUC_ROWS) {
  REGISTRY.set(name.toLowerCase(), { name, type, context, unit, min: min ?? 0, max: max ?? 0, enumVals, boot, category, desc, extra });
}
// parameters pg_settings does not list (GUC_NO_SHOW_ALL)
const hidden = (name: string, type: GucType, context: string, boot: string, desc: string): void => {
  REGISTRY.set(name, { name, type, context, unit: null, min: -1, max: 1, enumVals: null, boot, category: 'Ungrouped', desc, extra: null, hidden: true, noResetAll: true });
};
hidden('is_superuser', 'bool', 'internal', 'on', 'Shows whether the current user is a superuser.');
hidden('role', 'string', 'user', 'none', 'Sets the current role.');
hidden('session_authorization', 'string', 'user', '', 'Sets the session user name.');
hidden('seed', 'real', 'user', '0', 'Sets the seed for random-number generation.');
for (const n of ['datestyle', 'log_destination', 'wal_consistency_checking', 'unix_socket_directories']) REGISTRY.get(n)!.list = true;
for (const n of ['search_path', 'temp_tablespaces', 'session_preload_libraries', 'shared_preload_libraries', 'local_preload_libraries']) {
  Object.assign(REGISTRY.get(n)!, { list: true, quote: true });
}
for (const n of ['transaction_isolation', 'transaction_read_only', 'transaction_deferrable']) REGISTRY.get(n)!.noResetAll = true;
// Relata's identity rather than the reference server's build string
REGISTRY.get('server_version')!.boot = '15.18';

/** Levels of client_min_messages, lowest first (a notice reaches the client at or above it). */
const MESSAGE_LEVELS = ['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'log', 'notice', 'warning', 'error'];

/** valid_custom_variable_name: two or more identifiers separated by dots. */
const validCustomName = (n: string) => /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*(\.[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)+$/.test(n);

interface Entry { value: string; source: string; local?: { value: string; source: string } }

export class Gucs {
  /** Current values of the parameters changed in this session (setting form), by lower-case name. */
  private readonly entries = new Map<string, Entry>();
  /** Placeholders for custom names created by SET. */
  private readonly customs = new Map<string, GucDef>();
  /** Values the session starts with (client options) and RESET returns to. */
  private readonly resets = new Map<string, { value: string; source: string }>();
  /** Names SET LOCAL changed in this transaction. */
  private readonly locals = new Set<string>();
  /** Session-held parameters (role, …) SET LOCAL changed: how to put them back at the end of the transaction. */
  private readonly localReverts = new Map<string, () => void>();

  /**
   * `mirror` receives each current value (setting form) of a changed parameter: the session's
   * `gucs` map, read by the server (statement_timeout, application_name, …).
   */
  constructor(private readonly host: GucHost, private readonly mirror: Map<string, string>, private readonly record: (undo: () => void) => void) {}

  /** The definition of a parameter, or null (name as given, any case). */
  find(name: string): GucDef | null {
    const key = name.toLowerCase();
    return REGISTRY.get(key) ?? this.customs.get(key) ?? null;
  }

  private require(name: string): GucDef {
    const d = this.find(name);
    if (!d) throw new PgError('42704', `unrecognized configuration parameter "${name}"`);
    return d;
  }

  /** The current value in setting form (pg_settings.setting). */
  setting(d: GucDef): string {
    const b = BINDINGS[d.name.toLowerCase()];
    const read = b?.read?.(this.host);
    if (read !== undefined) return read;
    return this.entries.get(d.name.toLowerCase())?.value ?? this.resets.get(d.name.toLowerCase())?.value ?? this.defaultOf(d);
  }

  private defaultOf(d: GucDef): string {
    return BINDINGS[d.name.toLowerCase()]?.boot?.(this.host) ?? d.boot;
  }

  private resetValue(d: GucDef): string {
    return this.resets.get(d.name.toLowerCase())?.value ?? this.defaultOf(d);
  }

  /** SHOW's text for a parameter. */
  show(d: GucDef): string {
    const v = this.setting(d);
    const b = BINDINGS[d.name.toLowerCase()];
    if (b?.show) return b.show(this.host, v);
    if (d.type === 'integer') return showInt(Number(v), d.unit);
    if (d.type === 'real') return showReal(Number(v), d.unit);
    return v;
  }

  /** SHOW name / current_setting(name): the column name and the value. */
  showByName(name: string, missingOk = false): { name: string; value: string | null } {
    const d = missingOk ? this.find(name) : this.require(name);
    if (!d) return { name, value: null };
    return { name: d.name, value: this.show(d) };
  }

  /** SHOW ALL: name, setting, description of every parameter pg_settings lists. */
  showAll(): string[][] {
    return this.listed().map(d => [d.name, this.show(d), d.desc]);
  }

  private listed(): GucDef[] {
    const all = [...REGISTRY.values(), ...this.customs.values()].filter(d => !d.hidden);
    return all.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
  }

  /** Does a notice of this severity reach the client under client_min_messages? */
  noticeVisible(n: Notice): boolean {
    if (n.severity === 'INFO') return true;
    const min = MESSAGE_LEVELS.indexOf(this.setting(REGISTRY.get('client_min_messages')!));
    const level = n.severity === 'DEBUG' ? 4 : MESSAGE_LEVELS.indexOf(n.severity.toLowerCase());
    return level >= min;
  }

  /**
   * set_config_option: `value` null means the reset value. `userName` is the name as the
   * statement wrote it (PostgreSQL's messages repeat it).
   */
  set(userName: string, value: string | null, local: boolean, source = 'session'): void {
    const d = this.findOrCreate(userName);
    checkContext(d, userName, this.host.isSuperuser ?? true);
    const key = d.name.toLowerCase();
    const b = BINDINGS[key];
    if (b?.set) {
      const before = b.undoValue?.(this.host);
      b.set(this.host, value === null ? null : this.validate(d, userName, value), local);
      if (before !== undefined) {
        // SET ROLE and the like follow the transaction too (ROLLBACK undoes them, SET LOCAL ends with it)
        const revert = () => b.set!(this.host, before, false);
        this.record(revert);
        if (local && !this.localReverts.has(key)) this.localReverts.set(key, revert);
      }
      return;
    }
    const v = value === null ? this.resetValue(d) : this.validate(d, userName, value);
    const src = value === null ? (this.resets.get(key)?.source ?? 'default') : source;
    this.assign(d, v, src, local);
  }

  private findOrCreate(name: string): GucDef {
    const d = this.find(name);
    if (d) return d;
    if (!name.includes('.')) throw new PgError('42704', `unrecognized configuration parameter "${name}"`);
    if (!validCustomName(name)) {
      throw new PgError('42602', `invalid configuration parameter name "${name}"`,
        { detail: 'Custom parameter names must be two or more simple identifiers separated by dots.' });
    }
    const def: GucDef = { name: name.toLowerCase(), type: 'string', context: 'user', unit: null, min: 0, max: 0, enumVals: null, boot: '',
      category: 'Customized Options', desc: 'Sets the custom option.', extra: null, custom: true };
    this.customs.set(def.name, def);
    return def;
  }

  /** parse_and_validate_value: the value in setting form. */
  validate(d: GucDef, userName: string, value: string): string {
    const b = BINDINGS[d.name.toLowerCase()];
    switch (d.type) {
      case 'bool': {
        const v = parseBool(value);
        if (v === null) throw new PgError('22023', `parameter "${userName}" requires a Boolean value`);
        return v ? 'on' : 'off';
      }
      case 'integer': return String(parseIntSetting(value, { name: userName, unit: d.unit, min: d.min, max: d.max }));
      case 'real': return String(parseRealSetting(value, { name: userName, unit: d.unit, min: d.min, max: d.max }));
      case 'enum': {
        const v = d.enumVals!.find(e => e.toLowerCase() === value.toLowerCase());
        if (v === undefined) {
          throw new PgError('22023', `invalid value for parameter "${userName}": "${value}"`, { hint: `Available values: ${d.enumVals!.join(', ')}.` });
        }
        return b?.check ? b.check(this.host, v, d.name) : v;
      }
      default: return b?.check ? b.check(this.host, value, d.name) : value;
    }
  }

  /** Sets the value (SET or SET LOCAL), recording how ROLLBACK undoes it. */
  private assign(d: GucDef, value: string, source: string, local: boolean): void {
    const key = d.name.toLowerCase();
    const before = this.entries.get(key);
    const wasLocal = this.locals.has(key);
    const prior: Entry = before ? { ...before, local: before.local && { ...before.local } } : { value: this.setting(d), source: 'default' };
    const next: Entry = { value, source };
    if (local) {
      // the value after the transaction is the one before SET LOCAL (or a later SET's)
      next.local = wasLocal ? prior.local : { value: prior.value, source: prior.source };
    } else if (wasLocal) next.local = { value, source };
    this.put(d, next);
    if (local) this.locals.add(key);
    this.record(() => {
      this.put(d, before ?? null);
      if (!wasLocal) this.locals.delete(key);
    });
  }

  private put(d: GucDef, e: Entry | null): void {
    const key = d.name.toLowerCase();
    if (e) this.entries.set(key, e); else this.entries.delete(key);
    const value = e?.value ?? this.resetValue(d);
    this.mirror.set(key, value);
    BINDINGS[key]?.assign?.(this.host, value);
  }

  /** End of the transaction (after ROLLBACK undid its changes): SET LOCAL values end. */
  endTransaction(): void {
    if (this.locals.size === 0 && this.localReverts.size === 0) return; // the common case: no SET LOCAL (once per statement)
    for (const key of this.locals) {
      const d = this.find(key);
      const e = this.entries.get(key);
      if (d && e?.local) this.put(d, { value: e.local.value, source: e.local.source });
    }
    this.locals.clear();
    for (const revert of this.localReverts.values()) revert();
    this.localReverts.clear();
  }

  /** RESET ALL. */
  resetAll(): void {
    for (const d of [...REGISTRY.values(), ...this.customs.values()]) {
      if (d.noResetAll || (d.context !== 'user' && d.context !== 'superuser')) continue;
      const key = d.name.toLowerCase();
      if (!this.entries.has(key) && !BINDINGS[key]?.read) continue;
      if (BINDINGS[key]?.set) continue;
      this.assign(d, this.resetValue(d), this.resets.get(key)?.source ?? 'default', false);
    }
  }

  /** A setting the session starts with (a client's startup options, PGTZ, …): also what RESET returns to. */
  startup(name: string, value: string): void {
    const d = this.require(name);
    const v = this.validate(d, name, value);
    this.resets.set(d.name.toLowerCase(), { value: v, source: 'client' });
    this.put(d, { value: v, source: 'client' });
  }

  /** pg_settings' rows. */
  rows(): unknown[][] {
    return this.listed().map(d => {
      const key = d.name.toLowerCase();
      const num = (x: number) => (d.type === 'integer' ? String(x) : fmtG(x));
      const numeric = d.type === 'integer' || d.type === 'real';
      return [d.name, this.setting(d), d.unit, d.category, d.desc, d.extra, d.context, d.type, this.entries.get(key)?.source ?? this.resets.get(key)?.source ?? 'default',
        numeric ? num(d.min) : null, numeric ? num(d.max) : null, d.enumVals, this.defaultOf(d), this.resetValue(d), null, null, false];
    });
  }
}

/** set_config_option's check of when a parameter may change (SET runs at session level). */
function checkContext(d: GucDef, name: string, superuser: boolean): void {
  switch (d.context) {
    case 'internal': throw new PgError('55P02', `parameter "${name}" cannot be changed`);
    case 'postmaster': throw new PgError('55P02', `parameter "${name}" cannot be changed without restarting the server`);
    case 'sighup': throw new PgError('55P02', `parameter "${name}" cannot be changed now`);
    case 'backend': case 'superuser-backend': throw new PgError('55P02', `parameter "${name}" cannot be set after connection start`);
    case 'superuser': if (!superuser) throw new PgError('42501', `permission denied to set parameter "${name}"`);
  }
}
