// Command-line options of `relata shell` (a subset of psql's).

export interface ShellArgs {
  echoAll: boolean;
  echoQueries: boolean;
  echoErrors: boolean;
  quiet: boolean;
  /** -c and -f actions, in the order given. */
  actions: ({ kind: 'command'; text: string } | { kind: 'file'; path: string })[];
  /** -v name=value and --set name=value. */
  variables: [string, string][];
  singleTransaction: boolean;
  help: boolean;
  /** Optional data directory for a durable database. */
  dir?: string;
}

export class UsageError extends Error {}

export function parseShellArgs(argv: string[]): ShellArgs {
  const a: ShellArgs = {
    echoAll: false, echoQueries: false, echoErrors: false, quiet: false, actions: [], variables: [],
    singleTransaction: false, help: false,
  };
  const takeValue = (i: number, opt: string, inline: string | undefined): [string, number] => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= argv.length) throw new UsageError(`option requires an argument -- '${opt.replace(/^-+/, '')}'`);
    return [argv[i + 1], i + 1];
  };
  const addVar = (spec: string) => {
    const eq = spec.indexOf('=');
    if (eq < 0) a.variables.push([spec, '']);
    else a.variables.push([spec.slice(0, eq), spec.slice(eq + 1)]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      if (i + 1 < argv.length) a.dir = argv[i + 1];
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      let v: string;
      switch (name) {
        case '--help': a.help = true; break;
        case '--echo-all': a.echoAll = true; break;
        case '--echo-queries': a.echoQueries = true; break;
        case '--echo-errors': a.echoErrors = true; break;
        case '--quiet': a.quiet = true; break;
        case '--no-psqlrc': break;
        case '--single-transaction': a.singleTransaction = true; break;
        case '--command': [v, i] = takeValue(i, name, inline); a.actions.push({ kind: 'command', text: v }); break;
        case '--file': [v, i] = takeValue(i, name, inline); a.actions.push({ kind: 'file', path: v }); break;
        case '--set': case '--variable': [v, i] = takeValue(i, name, inline); addVar(v); break;
        default: throw new UsageError(`unrecognized option '${arg}'`);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // bundled short options: -aq, -f FILE, -fFILE
      for (let k = 1; k < arg.length; k++) {
        const o = arg[k];
        const rest = arg.slice(k + 1);
        const val = (): string => {
          let v: string;
          [v, i] = takeValue(i, o, rest.length > 0 ? rest : undefined);
          k = arg.length;
          return v;
        };
        switch (o) {
          case 'a': a.echoAll = true; break;
          case 'e': a.echoQueries = true; break;
          case 'b': a.echoErrors = true; break;
          case 'q': a.quiet = true; break;
          case 'X': break;
          case '1': a.singleTransaction = true; break;
          case '?': a.help = true; break;
          case 'c': a.actions.push({ kind: 'command', text: val() }); break;
          case 'f': a.actions.push({ kind: 'file', path: val() }); break;
          case 'v': addVar(val()); break;
          default: throw new UsageError(`invalid option -- '${o}'`);
        }
      }
      continue;
    }
    if (a.dir !== undefined) throw new UsageError(`extra command-line argument "${arg}" ignored`);
    a.dir = arg;
  }
  return a;
}

export const SHELL_HELP = `relata shell runs SQL against a Relata database, the way psql does.

Usage:
  relata shell [OPTION]... [DIR]

DIR is the database directory (durable storage); without it the database
lives in memory and is gone when the shell exits.

Options:
  -a, --echo-all           echo all input from script
  -b, --echo-errors        echo failed commands
  -c, --command=COMMAND    run only single command (SQL or internal) and exit
  -e, --echo-queries       echo commands sent to server
  -f, --file=FILENAME      execute commands from file, then exit
  -q, --quiet              run quietly (no messages, only query output)
  -v, --set=, --variable=NAME=VALUE
                           set psql variable NAME to VALUE
  -X, --no-psqlrc          accepted for psql compatibility (there is no rc file)
  -1, --single-transaction execute as a single transaction (if non-interactive)
  -?, --help               show this help, then exit

Input is read from standard input unless -c or -f is given. Statements end
with a semicolon outside quotes, comments and parentheses, as in psql.
Backslash commands: \\echo \\qecho \\warn \\set \\unset \\pset \\x \\t \\a \\g \\gx \\gset
\\r \\p \\i \\ir \\q. The variable ON_ERROR_STOP stops a script at its first error.
`;
