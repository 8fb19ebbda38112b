// psql's \restrict KEY and \unrestrict KEY (psql 15.14 and later): pg_dump brackets a
// script with them so that, in between, no backslash command other than \unrestrict with
// the same key runs — data in the dump can never smuggle in a meta-command.
import type { Shell } from './shell.js';
import type { SlashLexer } from './slash-lexer.js';
import type { SlashStatus } from './slash-commands.js';

const keys = new WeakMap<Shell, string>();

/** The status of `cmd` when restricted mode decides it; null for the other commands outside that mode. */
export function restrictCommand(shell: Shell, cmd: string, lex: SlashLexer, active: boolean): SlashStatus | null {
  const key = keys.get(shell);
  if (key !== undefined && cmd !== 'unrestrict') {
    shell.logError('backslash commands are restricted; only \\unrestrict is allowed');
    return { kind: 'error' };
  }
  if (cmd !== 'restrict' && cmd !== 'unrestrict') return null;
  const arg = lex.arg();
  if (!active) return { kind: 'skip' };
  if (!arg || arg.value === '') {
    shell.logError(`\\${cmd}: missing required argument`);
    return { kind: 'error' };
  }
  if (cmd === 'restrict') {
    keys.set(shell, arg.value);
    return { kind: 'skip' };
  }
  if (key === undefined) {
    shell.logError('\\unrestrict: not currently in restricted mode');
    return { kind: 'error' };
  }
  if (arg.value !== key) {
    shell.logError('\\unrestrict: wrong key');
    return { kind: 'error' };
  }
  keys.delete(shell);
  return { kind: 'skip' };
}
