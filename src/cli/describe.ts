// psql's \d family (exec_command_d in src/bin/psql/command.c, PostgreSQL 15): which
// describe function a command name selects. The commands run psql's own catalog queries
// through the session (describe-*.ts), so the shell and real psql against `relata serve`
// read the same catalogs and print the same thing.
import { DescribeContext } from './describe-exec.js';
import { describeAggregates, describeFunctions, listSchemas, listTables } from './describe-lists.js';
import { describeTableDetails } from './describe-table.js';
import { permissionsList } from './describe-privileges.js';
import type { Shell } from './shell.js';
import type { SlashLexer } from './slash-lexer.js';

/** 'ok', 'error' (the command failed), or 'unknown' (not a describe command this shell has). */
export type DescribeStatus = 'ok' | 'error' | 'unknown';

/** The one pattern argument: psql_scan_slash_option(OT_NORMAL, semicolon = true) drops trailing semicolons. */
function patternArg(lex: SlashLexer): string | null {
  const a = lex.arg();
  if (!a) return null;
  return a.quote === '"' && a.value.endsWith('"') ? a.value : a.value.replace(/;+$/, '');
}

export async function describeCommand(shell: Shell, cmd: string, lex: SlashLexer): Promise<DescribeStatus> {
  // \z is \dp (permissionsList)
  if (cmd === 'z' || cmd === 'dp') {
    const cx = new DescribeContext(shell);
    return (await permissionsList(cx, patternArg(lex))) ? 'ok' : 'error';
  }
  if (!/^d/.test(cmd)) return 'unknown';
  const verbose = cmd.includes('+');
  const system = cmd.includes('S');
  const cx = new DescribeContext(shell);
  let run: ((pattern: string | null) => Promise<boolean>) | null = null;
  switch (cmd[1]) {
    case undefined: case '+': case 'S':
      run = p => (p !== null ? describeTableDetails(cx, p, verbose) : listTables(cx, 'tvmsE', null, verbose, system));
      break;
    case 't': case 'v': case 'm': case 'i': case 's': case 'E':
      run = p => listTables(cx, cmd.slice(1), p, verbose, system);
      break;
    case 'n':
      run = p => listSchemas(cx, p, verbose, system);
      break;
    case 'a':
      if (cmd.slice(2).replace(/[S+]/g, '') !== '') return 'unknown';
      run = p => describeAggregates(cx, p, system);
      break;
    case 'f':
      if (!/^[\0+Sanptwx]/.test(cmd[2] ?? '\0')) return 'unknown';
      run = p => describeFunctions(cx, cmd.slice(2), p, verbose, system);
      break;
  }
  if (!run) return 'unknown';
  const pattern = patternArg(lex);
  return (await run(pattern)) ? 'ok' : 'error';
}
