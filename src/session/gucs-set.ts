// SET / RESET / SHOW statements and the functions current_setting() and set_config(), on the
// session's parameters (gucs.ts). SET's arguments are flattened to one string as
// flatten_set_variable_args does: numbers as written, lists joined with ", ", items of
// quoted lists as identifiers, INTERVAL '…' for SET TIME ZONE INTERVAL.
import { PgError, type Notice } from '../errors/index.js';
import { intervalIn, intervalOut } from '../types/interval.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { FormatSettings } from '../types/type.js';
import type { Gucs } from './gucs.js';

/** What SET needs of the session besides its parameters. */
export interface SetHost {
  readonly config: Gucs;
  readonly settings: FormatSettings;
  readonly inTransactionBlock: boolean;
  notice(n: Notice): void;
  setTransaction(options: any[], session: boolean): void;
}

/** The value of one SET argument as text (A_Const, or INTERVAL '…' as a TypeCast). */
function argText(a: any, quote: boolean, settings: FormatSettings): string {
  if (a.TypeCast) {
    const text = a.TypeCast.arg.A_Const.sval.sval as string;
    return `INTERVAL '${intervalOut(intervalIn(text, -1, settings), settings.intervalStyle)}'`;
  }
  const c = a.A_Const;
  if (c.sval) return quote ? quoteIdent(c.sval.sval) : c.sval.sval;
  if (c.fval) return c.fval.fval;
  if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
  if (c.ival) return String(c.ival.ival ?? 0);
  throw new PgError('XX000', 'unrecognized node type in SET');
}

/** flatten_set_variable_args. */
function flatten(h: SetHost, name: string, args: any[]): string {
  const d = h.config.find(name);
  if (!d?.list && args.length !== 1) throw new PgError('22023', `SET ${name} takes only one argument`);
  return args.map(a => argText(a, !!d?.quote, h.settings)).join(', ');
}

/** SET / SET LOCAL / RESET / RESET ALL / SET … TO DEFAULT / SET … FROM CURRENT: the command tag. */
export function runSet(h: SetHost, n: any): string {
  const name: string = n.name ?? '';
  if (n.kind === 'VAR_SET_MULTI') {
    const what = name.toLowerCase();
    if (what === 'transaction' || what === 'session characteristics') {
      h.setTransaction(n.args ?? [], what !== 'transaction');
      return 'SET';
    }
    throw new PgError('0A000', `SET ${name} is not supported`);
  }
  if (n.is_local && !h.inTransactionBlock) {
    h.notice({ severity: 'WARNING', code: '25P01', message: 'SET LOCAL can only be used in transaction blocks' });
  }
  switch (n.kind) {
    case 'VAR_RESET_ALL': h.config.resetAll(); return 'RESET';
    case 'VAR_RESET': h.config.set(name, null, false); return 'RESET';
    case 'VAR_SET_DEFAULT': h.config.set(name, null, !!n.is_local); return 'SET';
    case 'VAR_SET_CURRENT': {
      const cur = h.config.showByName(name).value;
      h.config.set(name, cur, !!n.is_local);
      return 'SET';
    }
    default: h.config.set(name, flatten(h, name, n.args ?? []), !!n.is_local); return 'SET';
  }
}

/** SHOW name / SHOW ALL: the result's columns and rows. */
export function runShow(config: Gucs, name: string): { columns: string[]; rows: string[][] } {
  if (name.toLowerCase() === 'all') return { columns: ['name', 'setting', 'description'], rows: config.showAll() };
  const r = config.showByName(name);
  return { columns: [r.name], rows: [[r.value!]] };
}

let registered = false;

/** current_setting(name [, missing_ok]) and set_config(name, value, is_local). */
export function registerSettingFunctions(): void {
  if (registered) return;
  registered = true;
  const host = (ctx: EvalContext) => ctx.session as SetHost;
  registerFunction({ name: 'current_setting', args: [OID.text], ret: OID.text, volatility: 's',
    fn: ([name], ctx) => host(ctx).config.showByName(name as string).value });
  registerFunction({ name: 'current_setting', args: [OID.text, OID.bool], ret: OID.text, volatility: 's',
    fn: ([name, missingOk], ctx) => host(ctx).config.showByName(name as string, missingOk === true).value });
  registerFunction({ name: 'set_config', args: [OID.text, OID.text, OID.bool], ret: OID.text, volatility: 'v', strict: false,
    fn: ([name, value, local], ctx) => {
      if (name === null) throw new PgError('22004', 'SET requires parameter name');
      const config = host(ctx).config;
      config.set(name as string, value as string | null, local === true);
      return config.showByName(name as string).value;
    } });
}
