// psql variables (\set, -v, :name interpolation) and the special ones that
// change the shell's behaviour (ON_ERROR_STOP, QUIET, ECHO, VERBOSITY, …).

export type EchoMode = 'none' | 'errors' | 'queries' | 'all';

/** psql's ParseVariableBool: unique prefixes of true/false/yes/no, on/off, 1/0. */
export function parseBool(value: string): boolean | undefined {
  const v = value.toLowerCase();
  const n = v.length;
  if (n > 0 && 'true'.startsWith(v)) return true;
  if (n > 0 && 'false'.startsWith(v)) return false;
  if (n > 0 && 'yes'.startsWith(v)) return true;
  if (n > 0 && 'no'.startsWith(v)) return false;
  if (n >= 2 && 'on'.startsWith(v)) return true;
  if (n >= 2 && 'off'.startsWith(v)) return false;
  if (v === '1') return true;
  if (v === '0') return false;
  return undefined;
}

const BOOL_VARS = ['ON_ERROR_STOP', 'QUIET', 'SINGLELINE', 'SINGLESTEP', 'AUTOCOMMIT', 'HIDE_TABLEAM', 'HIDE_TOAST_COMPRESSION'];
const ENUM_VARS: Record<string, string[]> = {
  ECHO: ['none', 'errors', 'queries', 'all'],
  VERBOSITY: ['default', 'verbose', 'terse', 'sqlstate'],
  SHOW_CONTEXT: ['never', 'errors', 'always'],
  ON_ERROR_ROLLBACK: ['on', 'off', 'interactive'],
  COMP_KEYWORD_CASE: ['lower', 'upper', 'preserve-lower', 'preserve-upper'],
  HISTCONTROL: ['none', 'ignorespace', 'ignoredups', 'ignoreboth'],
};

const validName = (name: string) => /^[A-Za-z0-9_\x80-\u{10ffff}]+$/u.test(name);

export class Variables {
  private readonly vars = new Map<string, string>();

  constructor(private readonly report: (message: string) => void) {
    this.vars.set('AUTOCOMMIT', 'on');
    this.vars.set('ECHO', 'none');
    this.vars.set('ON_ERROR_STOP', 'off');
    this.vars.set('QUIET', 'off');
    this.vars.set('SHOW_CONTEXT', 'errors');
    this.vars.set('VERBOSITY', 'default');
    this.vars.set('SHOW_ALL_RESULTS', 'on');
  }

  get(name: string): string | undefined {
    return this.vars.get(name);
  }

  /** Set a variable; false (after reporting why) when the value is not acceptable. */
  set(name: string, value: string): boolean {
    if (!validName(name)) {
      this.report(`invalid variable name: "${name}"`);
      return false;
    }
    if (BOOL_VARS.includes(name)) {
      if (value === '') value = 'on';
      if (parseBool(value) === undefined) {
        this.report(`unrecognized value "${value}" for "${name}": Boolean expected`);
        return false;
      }
    }
    const allowed = ENUM_VARS[name];
    if (allowed) {
      if (name === 'ON_ERROR_ROLLBACK' && parseBool(value) !== undefined) value = parseBool(value) ? 'on' : 'off';
      if (!allowed.includes(value.toLowerCase())) {
        this.report(`unrecognized value "${value}" for "${name}"\nAvailable values are: ${allowed.join(', ')}.`);
        return false;
      }
    }
    this.vars.set(name, value);
    return true;
  }

  unset(name: string): boolean {
    if (BOOL_VARS.includes(name) && this.vars.has(name)) return this.set(name, 'off');
    if (name in ENUM_VARS && this.vars.has(name)) {
      const dflt: Record<string, string> = { ECHO: 'none', VERBOSITY: 'default', SHOW_CONTEXT: 'errors', ON_ERROR_ROLLBACK: 'off', COMP_KEYWORD_CASE: 'preserve-upper', HISTCONTROL: 'none' };
      return this.set(name, dflt[name]);
    }
    this.vars.delete(name);
    return true;
  }

  bool(name: string): boolean {
    const v = this.vars.get(name);
    return v !== undefined && parseBool(v) === true;
  }

  /** "NAME = 'value'" lines, sorted by name, as a bare \set prints them. */
  list(): string {
    return [...this.vars.keys()].sort().map((k) => `${k} = '${this.vars.get(k)}'\n`).join('');
  }

  get echo(): EchoMode {
    return (this.vars.get('ECHO') ?? 'none').toLowerCase() as EchoMode;
  }
}
