// The planner's enable_* settings (SET enable_seqscan = off …). As in PostgreSQL, a disabled
// plan type is not forbidden but costed out of the way (disable_cost), so a query that has no
// other way still runs. The session installs the settings before each statement.

export interface PlannerSettings {
  seqscan: boolean;
  indexscan: boolean;
  indexonlyscan: boolean;
  bitmapscan: boolean;
  nestloop: boolean;
  hashjoin: boolean;
  mergejoin: boolean;
  hashagg: boolean;
  sort: boolean;
  material: boolean;
}

const NAMES: (keyof PlannerSettings)[] = ['seqscan', 'indexscan', 'indexonlyscan', 'bitmapscan', 'nestloop', 'hashjoin', 'mergejoin', 'hashagg', 'sort', 'material'];

const DEFAULTS: PlannerSettings = Object.fromEntries(NAMES.map(n => [n, true])) as unknown as PlannerSettings;

let current: PlannerSettings = DEFAULTS;
let currentKey = '';

export function plannerSettings(): PlannerSettings {
  return current;
}

/** parse_bool: on/off, true/false, yes/no, 1/0 and their prefixes. */
function isOff(v: string | undefined): boolean {
  if (v === undefined) return false;
  const s = v.trim().toLowerCase().replace(/^'|'$/g, '');
  return s === 'off' || s === '0' || s === 'no' || s === 'n' || 'false'.startsWith(s) && s.length > 0 && s[0] === 'f';
}

/**
 * Installs the settings a session has (name → value of the parameters set by SET) and returns
 * a key that differs whenever the planner's settings do (for the statement cache).
 */
export function usePlannerSettings(gucs: ReadonlyMap<string, string>): string {
  let key = '';
  // only the enable_* parameters that are off matter: a session seldom has any
  if (gucs.size) for (const [name, v] of gucs) if (name.startsWith('enable_') && isOff(v)) key += name + ';';
  if (key !== currentKey) {
    currentKey = key;
    const off = new Set(key.split(';'));
    current = Object.fromEntries(NAMES.map(n => [n, !off.has(`enable_${n}`)])) as unknown as PlannerSettings;
  }
  return key;
}
