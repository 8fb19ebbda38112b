// Which files run before a regression file in its database, as PostgreSQL's
// parallel_schedule orders them (../shared/pg-regress/README.md): test_setup
// first in every database; create_index before every file scheduled after it;
// create_misc before join and with; create_aggregate before aggregates.

/**
 * PostgreSQL 15's src/test/regress/parallel_schedule, its groups in order,
 * restricted to the files of ../shared/pg-regress (files in one group run side by
 * side there; here only the order of the groups matters).
 */
export const SCHEDULE: string[][] = [
  ['test_setup'],
  ['boolean', 'varchar', 'text', 'int4', 'int8', 'numeric'],
  ['strings'],
  ['insert'],
  ['create_misc', 'create_table'],
  ['create_index'],
  ['create_aggregate', 'constraints', 'select', 'inherit', 'drop_if_exists'],
  ['subselect', 'union', 'case', 'join', 'aggregates', 'transactions', 'update', 'delete', 'namespace'],
  ['identity'],
  ['foreign_key'],
  ['truncate', 'alter_table', 'sequence', 'with'],
];

export const SETUP = 'test_setup';

/** Files whose objects later files use, with the files that need them (README.md). */
const PREREQUISITES: { file: string; before: (name: string, group: number) => boolean }[] = [
  { file: 'create_misc', before: (name) => name === 'join' || name === 'with' },
  { file: 'create_index', before: (_name, group) => group > groupOf('create_index') },
  { file: 'create_aggregate', before: (name) => name === 'aggregates' },
];

/** The schedule group of a file; a file the schedule does not know runs last. */
export function groupOf(name: string): number {
  const g = SCHEDULE.findIndex((names) => names.includes(name));
  return g < 0 ? SCHEDULE.length : g;
}

/** The files to run, in order and silently, in a fresh database before `name`. */
export function prerequisites(name: string): string[] {
  if (name === SETUP) return [];
  const group = groupOf(name);
  const pre = PREREQUISITES.filter((p) => p.file !== name && p.before(name, group)).map((p) => p.file);
  pre.sort((a, b) => groupOf(a) - groupOf(b));
  return [SETUP, ...pre];
}
