// The parameter names (pg_proc.proargnames) and DEFAULT expressions (pronargdefaults, as
// pg_get_function_arguments prints them) of the built-in functions Relata has that PostgreSQL
// 15 declares with names: what named and mixed notation (make_interval(days => 3)) need.
// Taken from PostgreSQL's catalog; one entry per signature, input parameters only (VARIADIC
// ones left out: named notation for them is not supported here).

/** [function name, parameter names, DEFAULT texts of the parameters (null: none)]. */
type Entry = [string, string[], (string | null)[]?];

const ENTRIES: Entry[] = [
  ['json_array_elements_text', ['from_json']],
  ['json_array_elements', ['from_json']],
  ['json_each_text', ['from_json']],
  ['json_each', ['from_json']],
  ['jsonb_array_elements_text', ['from_json']],
  ['jsonb_array_elements', ['from_json']],
  ['jsonb_each_text', ['from_json']],
  ['jsonb_each', ['from_json']],
  ['jsonb_insert', ['jsonb_in', 'path', 'replacement', 'insert_after'], [null, null, null, 'false']],
  ['jsonb_set_lax', ['jsonb_in', 'path', 'replacement', 'create_if_missing', 'null_value_treatment'], [null, null, null, 'true', '\'use_json_null\'::text']],
  ['jsonb_set', ['jsonb_in', 'path', 'replacement', 'create_if_missing'], [null, null, null, 'true']],
  ['make_date', ['year', 'month', 'day']],
  ['make_interval', ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'], ['0', '0', '0', '0', '0', '0', '0.0']],
  ['make_timestamptz', ['year', 'month', 'mday', 'hour', 'min', 'sec']],
  ['make_timestamptz', ['year', 'month', 'mday', 'hour', 'min', 'sec', 'timezone']],
  ['make_timestamp', ['year', 'month', 'mday', 'hour', 'min', 'sec']],
  ['make_time', ['hour', 'min', 'sec']],
];

export interface BuiltinParams { names: string[]; defaults: (string | null)[] }

const byName = new Map<string, BuiltinParams[]>();
for (const [name, names, defaults] of ENTRIES) {
  let list = byName.get(name);
  if (!list) byName.set(name, list = []);
  list.push({ names, defaults: defaults ?? names.map(() => null) });
}

/** The named signatures of built-in function `name`. */
export const builtinParams = (name: string): BuiltinParams[] => byName.get(name) ?? [];
