// psql backslash commands the shell understands (HandleSlashCmds / exec_command
// in src/bin/psql/command.c): \echo \qecho \warn \set \unset \getenv \pset \x \t \a \g
// \gx \gset \r \p \i \ir \q, and the describe commands \d[S+] \dt \di \ds \dv \dm \dE \dn \df \da
// (describe.ts). Others are reported and the script goes on.
import { dirname, resolve } from 'node:path';
import type { Shell, QueryOptions } from './shell.js';
import { restrictCommand } from './restrict.js';
import { describeCommand } from './describe.js';
import { SlashLexer } from './slash-lexer.js';
import type { SqlScanner } from './sql-scanner.js';
import { parseBool } from './variables.js';

export type SlashStatus =
  | { kind: 'skip' } // done, nothing to send
  | { kind: 'send'; options?: QueryOptions } // send the query buffer (\g)
  | { kind: 'error' }
  | { kind: 'terminate' } // \q
  | { kind: 'unknown' };

/** psql commands that exist but that this shell does not implement. */
const NOT_SUPPORTED = new Set([
  'bind', 'c', 'connect', 'C', 'cd', 'conninfo', 'copy', 'copyright', 'crosstabview', 'd', 'da', 'dA', 'dAc', 'dAf',
  'dAo', 'dAp', 'db', 'dc', 'dC', 'dd', 'dD', 'ddp', 'dE', 'des', 'det', 'deu', 'dew', 'df', 'dF', 'dFd', 'dFp', 'dFt',
  'dg', 'di', 'dl', 'dL', 'dm', 'dn', 'do', 'dO', 'dp', 'dP', 'drds', 'dRp', 'dRs', 'ds', 'dt', 'dT', 'du', 'dv', 'dx',
  'dX', 'dy', 'e', 'edit', 'echo_hidden', 'ef', 'encoding', 'errverbose', 'ev', 'f', 'gdesc',
 'h', 'help', 'H', 'html', 'l', 'list', 'lo_export', 'lo_import', 'lo_list', 'lo_unlink',
  'o', 'out', 'password', 'prompt', 's', 'setenv', 'sf', 'sv', 'T', 'timing', 'w', 'write', 'watch', 'z', '!', '?',
]);

const isNotSupported = (cmd: string): boolean => {
  const base = cmd.replace(/[+S]+$/, '');
  return NOT_SUPPORTED.has(cmd) || NOT_SUPPORTED.has(base) || /^d[a-zA-Z]*$/.test(base);
};

export async function runSlashCommand(
  shell: Shell,
  scanner: SqlScanner,
  query: { text: string },
  previous: string,
): Promise<SlashStatus> {
  const lex = new SlashLexer(scanner.rest, (name, q) => shell.variableText(name, q));
  const cmd = lex.commandName();
  const active = shell.conditionals.active();
  let status: SlashStatus;
  const restricted = restrictCommand(shell, cmd, lex, active);
  if (restricted) status = restricted;
  else if (['if', 'elif', 'else', 'endif'].includes(cmd)) status = conditional(shell, cmd, lex, query);
  else if (!active) {
    // inside a false branch: skip the command and its arguments unexpanded
    lex.wholeLine();
    status = isKnownCommand(cmd) ? { kind: 'skip' } : { kind: 'unknown' };
  } else status = await execCommand(shell, cmd, lex, query, previous);
  if (status.kind === 'unknown') {
    if (isNotSupported(cmd)) shell.logError(`\\${cmd}: command not supported by relata shell`);
    else shell.logError(`invalid command \\${cmd}`);
    status = { kind: 'error' };
  }
  if (status.kind !== 'error') {
    for (let a = lex.arg(); a; a = lex.arg()) if (active) shell.logWarning(`\\${cmd}: extra argument "${a.value}" ignored`);
  } else {
    lex.wholeLine();
  }
  lex.end();
  scanner.advance(lex.pos);
  return status;
}

const IMPLEMENTED = ['echo', 'qecho', 'warn', 'set', 'unset', 'getenv', 'gexec', 'pset', 'x', 't', 'a', 'g', 'gx', 'gset', 'r', 'reset',
  'p', 'print', 'i', 'include', 'ir', 'include_relative', 'q', 'quit', 'restrict', 'unrestrict'];
const isKnownCommand = (cmd: string) => IMPLEMENTED.includes(cmd) || isNotSupported(cmd);

/** The \if expression: all arguments joined by spaces, read as a boolean. */
function ifExpression(shell: Shell, lex: SlashLexer, what: string): boolean {
  const words: string[] = [];
  for (let a = lex.arg(); a; a = lex.arg()) words.push(a.value);
  const text = words.join(' ');
  const b = parseBool(text);
  if (b === undefined) shell.logError(`unrecognized value "${text}" for "${what}": Boolean expected`);
  return b === true;
}

function conditional(shell: Shell, cmd: string, lex: SlashLexer, query: { text: string }): SlashStatus {
  const cs = shell.conditionals;
  const discard = () => { query.text = query.text.slice(0, cs.savedQueryLength()); };
  const skipExpression = () => { lex.wholeLine(); };
  switch (cmd) {
    case 'if':
      if (cs.active()) {
        cs.push('true', query.text.length);
        if (!ifExpression(shell, lex, '\\if expression')) cs.poke('false');
      } else {
        cs.push('ignored', query.text.length);
        skipExpression();
      }
      return { kind: 'skip' };
    case 'elif':
      switch (cs.peek()) {
        case 'true': cs.saveQueryLength(query.text.length); cs.poke('ignored'); skipExpression(); return { kind: 'skip' };
        case 'false':
          discard();
          cs.poke('true');
          if (!ifExpression(shell, lex, '\\elif expression')) cs.poke('false');
          return { kind: 'skip' };
        case 'ignored': discard(); skipExpression(); return { kind: 'skip' };
        case 'none': shell.logError('\\elif: no matching \\if'); return { kind: 'error' };
        default: shell.logError('\\elif: cannot occur after \\else'); return { kind: 'error' };
      }
    case 'else':
      switch (cs.peek()) {
        case 'true': cs.saveQueryLength(query.text.length); cs.poke('else-false'); return { kind: 'skip' };
        case 'false': discard(); cs.poke('else-true'); return { kind: 'skip' };
        case 'ignored': discard(); cs.poke('else-false'); return { kind: 'skip' };
        case 'none': shell.logError('\\else: no matching \\if'); return { kind: 'error' };
        default: shell.logError('\\else: cannot occur after \\else'); return { kind: 'error' };
      }
    default: // endif
      switch (cs.peek()) {
        case 'none': shell.logError('\\endif: no matching \\if'); return { kind: 'error' };
        case 'true': case 'else-true': cs.pop(); return { kind: 'skip' };
        default: discard(); cs.pop(); return { kind: 'skip' };
      }
  }
}

async function execCommand(
  shell: Shell,
  cmd: string,
  lex: SlashLexer,
  query: { text: string },
  previous: string,
): Promise<SlashStatus> {
  const ok: SlashStatus = { kind: 'skip' };
  const err: SlashStatus = { kind: 'error' };
  switch (cmd) {
    case 'echo': case 'qecho': case 'warn': {
      let text = '';
      let noNewline = false;
      let first = true;
      for (let a = lex.arg(); a; a = lex.arg()) {
        if (first && !noNewline && !a.quote && a.value === '-n') {
          noNewline = true;
          continue;
        }
        if (!first) text += ' ';
        first = false;
        text += a.value;
      }
      if (!noNewline) text += '\n';
      if (cmd === 'warn') shell.out.err(text);
      else shell.out.out(text);
      return ok;
    }
    case 'set': {
      const name = lex.arg();
      if (!name) {
        shell.out.out(shell.vars.list());
        return ok;
      }
      let value = '';
      for (let a = lex.arg(); a; a = lex.arg()) value += a.value;
      return shell.vars.set(name.value, value) ? ok : err;
    }
    case 'getenv': {
      // psql: \getenv VAR ENVVAR sets VAR to the environment variable's value when it has one
      const name = lex.arg();
      const env = lex.arg();
      if (!name || !env) {
        shell.logError('\\getenv: missing required argument');
        return err;
      }
      const value = shell.env[env.value];
      return value === undefined || shell.vars.set(name.value, value) ? ok : err;
    }
    case 'unset': {
      const name = lex.arg();
      if (!name) {
        shell.logError('\\unset: missing required argument');
        return err;
      }
      return shell.vars.unset(name.value) ? ok : err;
    }
    case 'pset': {
      const name = lex.arg();
      if (!name) {
        shell.out.out(psetList(shell));
        return ok;
      }
      const value = lex.arg();
      return pset(shell, name.value, value?.value) ? ok : err;
    }
    case 'x': return pset(shell, 'expanded', lex.arg()?.value) ? ok : err;
    case 't': return pset(shell, 'tuples_only', lex.arg()?.value) ? ok : err;
    case 'a':
      return pset(shell, 'format', shell.print.format === 'aligned' ? 'unaligned' : 'aligned') ? ok : err;
    case 'g': case 'gx': {
      const target = lex.arg();
      if (target) {
        shell.logError(`\\${cmd}: sending output to a file or with options is not supported by relata shell`);
        return err;
      }
      return { kind: 'send', options: cmd === 'gx' ? { expanded: true } : {} };
    }
    case 'gexec': return { kind: 'send', options: { gexec: true } };
    case 'gset': {
      const prefix = lex.arg();
      return { kind: 'send', options: { gsetPrefix: prefix?.value ?? '' } };
    }
    case 'r': case 'reset':
      query.text = '';
      // psql also forgets open quotes and parentheses
      shell.scanner.reset();
      if (!shell.quiet) shell.out.out('Query buffer reset (cleared).\n');
      return ok;
    case 'p': case 'print':
      if (query.text.length > 0) shell.out.out(query.text + '\n');
      else if (previous.length > 0) shell.out.out(previous + '\n');
      else shell.out.out('Query buffer is empty.\n');
      return ok;
    case 'i': case 'include': case 'ir': case 'include_relative': {
      const file = lex.arg();
      if (!file) {
        shell.logError(`\\${cmd}: missing required argument`);
        return err;
      }
      let path = file.value;
      if ((cmd === 'ir' || cmd === 'include_relative') && shell.inputFile !== undefined && !path.startsWith('/')) {
        path = resolve(dirname(shell.inputFile), path);
      }
      const rc = await shell.runFile(path, path);
      if (shell.terminated) return { kind: 'terminate' };
      return rc === 0 ? ok : err;
    }
    case 'q': case 'quit':
      return { kind: 'terminate' };
    default: {
      // \d, \dt, \dn, \df … (describe.ts); other \d commands are unknown here
      const described = await describeCommand(shell, cmd, lex);
      return described === 'ok' ? ok : described === 'error' ? err : { kind: 'unknown' };
    }
  }
}

const onOff = (b: boolean) => (b ? 'on' : 'off');
/** psql's do_pset: change one printing option and report it unless quiet. */
export function pset(shell: Shell, name: string, value: string | undefined): boolean {
  const p = shell.print;
  const enumError = (param: string, allowed: string) =>
    shell.logError(`unrecognized value "${value}" for "${param}"\nAvailable values are: ${allowed}.`);
  // For these, psql 15 returns right after parsing a given value: no message.
  const silentBool = (param: string, set: (b: boolean) => void, cur: boolean): boolean | 'toggled' => {
    if (value === undefined) {
      set(!cur);
      return 'toggled';
    }
    const b = parseBool(value);
    if (b === undefined) {
      shell.logError(`unrecognized value "${value}" for "${param}": Boolean expected`);
      return false;
    }
    set(b);
    return true;
  };
  switch (name) {
    case 'border':
      if (value !== undefined) p.border = parseInt(value, 10) || 0;
      break;
    case 'expanded': case 'x':
      name = 'expanded';
      if (value === undefined) p.expanded = p.expanded === 'off' ? 'on' : 'off';
      else if (value.toLowerCase() === 'auto') p.expanded = 'auto';
      else {
        const b = parseBool(value);
        if (b === undefined) {
          enumError('expanded', 'on, off, auto');
          return false;
        }
        p.expanded = b ? 'on' : 'off';
      }
      break;
    case 'tuples_only': case 't': {
      const r = silentBool('tuples_only', (b) => { p.tuplesOnly = b; }, p.tuplesOnly);
      if (r !== 'toggled') return r;
      name = 'tuples_only';
      break;
    }
    case 'footer': {
      const r = silentBool('footer', (b) => { p.footer = b; }, p.footer);
      if (r !== 'toggled') return r;
      break;
    }
    case 'null':
      if (value !== undefined) p.nullPrint = value;
      break;
    case 'fieldsep':
      if (value !== undefined) p.fieldSep = value;
      break;
    case 'recordsep':
      if (value !== undefined) p.recordSep = value;
      break;
    case 'format': {
      if (value !== undefined) {
        const v = value.toLowerCase();
        const all = ['aligned', 'asciidoc', 'csv', 'html', 'latex', 'latex-longtable', 'troff-ms', 'unaligned', 'wrapped'];
        const match = all.filter((f) => f.startsWith(v));
        let chosen: string | undefined;
        if (match.includes(v)) chosen = v;
        else if (match.length === 1) chosen = match[0];
        else if (match.length > 1) {
          shell.logError(`\\pset: ambiguous abbreviation "${value}" matches both "${match[0]}" and "${match[1]}"`);
          return false;
        } else {
          shell.logError(`\\pset: allowed formats are ${all.join(', ')}`);
          return false;
        }
        if (chosen !== 'aligned' && chosen !== 'unaligned') {
          shell.logError(`\\pset: format ${chosen} is not supported by relata shell`);
          return false;
        }
        p.format = chosen;
      }
      break;
    }
    case 'pager':
      if (value !== undefined && value.toLowerCase() !== 'always' && parseBool(value) === undefined) {
        enumError('pager', 'on, off, always');
        return false;
      }
      break; // the shell never uses a pager
    default:
      shell.logError(`\\pset: unknown option: ${name}`);
      return false;
  }
  if (!shell.quiet) shell.out.out(psetInfo(shell, name) + '\n');
  return true;
}

function psetInfo(shell: Shell, name: string): string {
  const p = shell.print;
  switch (name) {
    case 'border': return `Border style is ${p.border}.`;
    case 'expanded':
      return p.expanded === 'auto' ? 'Expanded display is used automatically.' : `Expanded display is ${p.expanded}.`;
    case 'tuples_only': return `Tuples only is ${onOff(p.tuplesOnly)}.`;
    case 'footer': return `Default footer is ${onOff(p.footer)}.`;
    case 'null': return `Null display is "${p.nullPrint}".`;
    case 'fieldsep': return `Field separator is "${p.fieldSep}".`;
    case 'recordsep': return p.recordSep === '\n' ? 'Record separator is <newline>.' : `Record separator is "${p.recordSep}".`;
    case 'format': return `Output format is ${p.format}.`;
    case 'pager': return 'Pager usage is off.'; // never a pager here
    default: return '';
  }
}

function psetList(shell: Shell): string {
  const p = shell.print;
  const rows: [string, string][] = [
    ['border', String(p.border)],
    ['columns', '0'],
    ['csv_fieldsep', "','"],
    ['expanded', p.expanded],
    ['fieldsep', `'${p.fieldSep}'`],
    ['fieldsep_zero', 'off'],
    ['footer', onOff(p.footer)],
    ['format', p.format],
    ['linestyle', 'ascii'],
    ['null', `'${p.nullPrint}'`],
    ['numericlocale', 'off'],
    ['pager', '0'],
    ['pager_min_lines', '0'],
    ['recordsep', p.recordSep === '\n' ? "'\\n'" : `'${p.recordSep}'`],
    ['recordsep_zero', 'off'],
    ['tableattr', ''],
    ['title', ''],
    ['tuples_only', onOff(p.tuplesOnly)],
    ['unicode_border_linestyle', 'single'],
    ['unicode_column_linestyle', 'single'],
    ['unicode_header_linestyle', 'single'],
  ];
  return rows.map(([k, v]) => `${k.padEnd(24)} ${v}\n`).join('');
}
