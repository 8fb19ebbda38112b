// A table's storage parameters, WITH ( … ) (reloptions.c): the heap's parameters and those of
// its TOAST table (toast.…), each checked for its type and range with PostgreSQL's errors,
// kept as pg_class.reloptions shows them ('name=value'). They tune storage and autovacuum,
// which Relata does not have, so they change no behaviour.
import { PgError } from '../errors/index.js';

type Kind = 'bool' | 'int' | 'real' | 'enum';
interface Option { kind: Kind; min?: number; max?: number; values?: string[]; toast?: boolean; heap?: boolean }

const INT_MAX = 2147483647;
const av = (kind: Kind, min: number, max: number): Option => ({ kind, min, max, toast: true, heap: true });
const OPTIONS: Record<string, Option> = {
  fillfactor: { kind: 'int', min: 10, max: 100, heap: true },
  autovacuum_enabled: { kind: 'bool', toast: true, heap: true },
  autovacuum_vacuum_threshold: av('int', 0, INT_MAX),
  autovacuum_vacuum_insert_threshold: av('int', -1, INT_MAX),
  autovacuum_analyze_threshold: { kind: 'int', min: 0, max: INT_MAX, heap: true },
  autovacuum_vacuum_cost_delay: av('real', 0, 100),
  autovacuum_vacuum_cost_limit: av('int', 1, 10000),
  autovacuum_freeze_min_age: av('int', 0, 1000000000),
  autovacuum_freeze_max_age: av('int', 100000, 2000000000),
  autovacuum_freeze_table_age: av('int', 0, 2000000000),
  autovacuum_multixact_freeze_min_age: av('int', 0, 1000000000),
  autovacuum_multixact_freeze_max_age: av('int', 10000, 2000000000),
  autovacuum_multixact_freeze_table_age: av('int', 0, 2000000000),
  log_autovacuum_min_duration: av('int', -1, INT_MAX),
  autovacuum_vacuum_scale_factor: av('real', 0, 100),
  autovacuum_vacuum_insert_scale_factor: av('real', 0, 100),
  autovacuum_analyze_scale_factor: { kind: 'real', min: 0, max: 100, heap: true },
  toast_tuple_target: { kind: 'int', min: 128, max: 8160, heap: true },
  parallel_workers: { kind: 'int', min: 0, max: 1024, heap: true },
  user_catalog_table: { kind: 'bool', heap: true },
  vacuum_index_cleanup: { kind: 'enum', values: ['on', 'off', 'auto'], toast: true, heap: true },
  vacuum_truncate: { kind: 'bool', toast: true, heap: true },
};

const valueText = (arg: any): string | null => {
  if (!arg) return null;
  if (arg.String) return arg.String.sval;
  if (arg.Integer) return String(arg.Integer.ival ?? 0);
  if (arg.Float) return arg.Float.fval;
  if (arg.Boolean) return arg.Boolean.boolval ? 'true' : 'false';
  if (arg.TypeName) return arg.TypeName.names.map((n: any) => n.String.sval).join('.');
  return null;
};

const BOOL_WORDS: Record<string, boolean> = { true: true, false: false, on: true, off: false, yes: true, no: false, '1': true, '0': false, t: true, f: false, y: true, n: false };

/** One parameter's value checked; the text pg_class.reloptions keeps. */
function checkValue(name: string, o: Option, raw: string | null): string {
  const v = raw ?? 'true';
  switch (o.kind) {
    case 'bool':
      if (BOOL_WORDS[v.toLowerCase()] === undefined) throw new PgError('22023', `invalid value for boolean option "${name}": ${v}`);
      return v;
    case 'enum':
      if (!o.values!.includes(v.toLowerCase())) {
        throw new PgError('22023', `invalid value for enum option "${name}": ${v}`, { detail: 'Valid values are "on", "off", and "auto".' });
      }
      return v;
    default: {
      const n = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v) ? Number(v) : NaN;
      const int = o.kind === 'int';
      if (Number.isNaN(n) || (int && !Number.isInteger(Math.round(n)))) {
        throw new PgError('22023', `invalid value for ${int ? 'integer' : 'floating point'} option "${name}": ${v}`);
      }
      const value = int ? Math.round(n) : n;
      if (value < o.min! || value > o.max!) {
        const bound = (x: number) => (int ? String(x) : x.toFixed(6));
        throw new PgError('22023', `value ${v} out of bounds for option "${name}"`,
          { detail: `Valid values are between "${bound(o.min!)}" and "${bound(o.max!)}".` });
      }
      return v;
    }
  }
}

/**
 * CREATE TABLE … WITH ( … ): the heap's reloptions ('name=value', as given); OIDS is refused
 * unless false. Unknown names and namespaces, wrong values and repeats fail as in PostgreSQL.
 */
export function tableReloptions(defs: any[] | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const d of defs ?? []) {
    const e = d.DefElem;
    const ns: string | undefined = e.defnamespace;
    const name: string = e.defname;
    const raw = valueText(e.arg);
    if (!ns && name === 'oids') {
      if (raw === null || BOOL_WORDS[raw.toLowerCase()]) throw new PgError('0A000', 'tables declared WITH OIDS are not supported');
      continue;
    }
    if (ns && ns !== 'toast') throw new PgError('22023', `unrecognized parameter namespace "${ns}"`);
    const o = OPTIONS[name];
    if (!o || (ns ? !o.toast : !o.heap)) throw new PgError('22023', `unrecognized parameter "${name}"`);
    const key = `${ns ?? ''}.${name}`;
    if (seen.has(key)) throw new PgError('22023', `parameter "${name}" specified more than once`);
    seen.add(key);
    const value = checkValue(name, o, raw);
    // the TOAST table's own parameters are its reloptions, not the table's
    if (!ns) out.push(`${name}=${value}`);
  }
  return out;
}
