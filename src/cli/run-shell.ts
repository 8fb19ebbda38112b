// `relata shell`: parse options, open the database, then run -c/-f actions,
// a script on standard input, or an interactive session (psql's startup.c).
import { existsSync } from 'node:fs';
import type { CliIO } from './main.js';
import { StreamLineSource, TerminalLineSource } from './line-source.js';
import { Output } from './output.js';
import { EXIT_FAILURE, EXIT_SUCCESS, EXIT_USER, Shell } from './shell.js';
import { parseShellArgs, SHELL_HELP, UsageError, type ShellArgs } from './shell-args.js';
import type { SessionFactory, ShellSession } from './shell-session.js';
import { runSlashCommand } from './slash-commands.js';

const VERSION = '0.1.0';

export async function runShell(argv: string[], io: CliIO & { createSession: SessionFactory }): Promise<number> {
  let args: ShellArgs;
  try {
    args = parseShellArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`relata shell: ${e.message}\nTry "relata shell --help" for more information.\n`);
    return EXIT_FAILURE;
  }
  if (args.help) {
    io.stdout.write(SHELL_HELP);
    return EXIT_SUCCESS;
  }
  for (const a of args.actions) {
    if (a.kind === 'file' && a.path !== '-' && !existsSync(a.path)) {
      io.stderr.write(`relata: error: ${a.path}: No such file or directory\n`);
      return EXIT_FAILURE;
    }
  }

  let session: ShellSession;
  try {
    session = await io.createSession(args.dir);
  } catch (e) {
    io.stderr.write(`relata: error: could not open the database: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2; // psql's EXIT_BADCONN
  }
  const out = new Output(io.stdout, io.stderr);
  const shell = new Shell(session, out);
  if (io.env) shell.env = io.env;
  try {
    return await runWithSession(shell, args, io);
  } finally {
    out.flush();
    // the session's temporary tables go with it
    await session.close?.();
  }
}

async function runWithSession(shell: Shell, args: ShellArgs, io: CliIO): Promise<number> {
  const { vars } = shell;
  for (const [name, value] of args.variables) {
    if (!vars.set(name, value)) return EXIT_FAILURE;
  }
  if (args.echoAll) vars.set('ECHO', 'all');
  else if (args.echoQueries) vars.set('ECHO', 'queries');
  else if (args.echoErrors) vars.set('ECHO', 'errors');
  if (args.quiet) vars.set('QUIET', 'on');
  await applyEnvironment(shell, io.env ?? {});

  const interactive = args.actions.length === 0 && Boolean(io.stdinIsTTY);
  if (args.singleTransaction && !interactive) await silently(shell, 'BEGIN');

  let rc = EXIT_SUCCESS;
  if (args.actions.length > 0) {
    for (const a of args.actions) {
      if (a.kind === 'command') rc = await runCommandString(shell, a.text);
      else if (a.path === '-') rc = await runStdinFile(shell, io);
      else rc = await shell.runFile(a.path, a.path);
      if (shell.terminated) break;
      if (rc !== EXIT_SUCCESS && vars.bool('ON_ERROR_STOP')) break;
    }
  } else if (interactive) {
    if (!shell.quiet) shell.out.out(`relata shell (Relata ${VERSION})\nType "help" for help.\n\n`);
    const src = new TerminalLineSource(io.stdin, io.terminalOutput ?? process.stdout);
    try {
      rc = await shell.mainLoop(src);
    } finally {
      src.close();
    }
  } else {
    rc = await shell.mainLoop(new StreamLineSource(io.stdin));
  }

  if (args.singleTransaction && !interactive) {
    await silently(shell, rc === EXIT_USER ? 'ROLLBACK' : 'COMMIT');
  }
  return rc;
}

async function runStdinFile(shell: Shell, io: CliIO): Promise<number> {
  const saved = shell.inputFile;
  shell.inputFile = '<stdin>';
  try {
    return await shell.mainLoop(new StreamLineSource(io.stdin));
  } finally {
    shell.inputFile = saved;
  }
}

/** -c: one backslash command line, or one query text sent as a whole. */
async function runCommandString(shell: Shell, text: string): Promise<number> {
  if (shell.vars.echo === 'all') shell.out.out(text + '\n');
  if (text.startsWith('\\')) {
    shell.scanner.reset();
    shell.scanner.setup(text);
    shell.scanner.advance(1);
    const status = await runSlashCommand(shell, shell.scanner, { text: '' }, '');
    if (status.kind === 'send') return EXIT_FAILURE; // nothing to send
    if (status.kind === 'terminate') shell.terminated = true;
    return status.kind === 'error' ? EXIT_FAILURE : EXIT_SUCCESS;
  }
  return (await shell.sendQuery(text)) ? EXIT_SUCCESS : EXIT_FAILURE;
}

/** Run a statement without printing anything except a failure. */
async function silently(shell: Shell, sql: string): Promise<boolean> {
  try {
    await shell.session.simpleQuery(sql, { result: () => undefined });
    return true;
  } catch (e) {
    shell.logError(`${sql}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

/** libpq sends PGTZ and PGDATESTYLE as session settings at connection time. */
async function applyEnvironment(shell: Shell, env: Record<string, string | undefined>): Promise<void> {
  const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
  if (env.PGTZ && env.PGTZ !== 'UTC') await silently(shell, `SET TimeZone TO ${q(env.PGTZ)}`);
  if (env.PGDATESTYLE && env.PGDATESTYLE.replace(/\s+/g, '').toUpperCase() !== 'ISO,MDY') {
    await silently(shell, `SET DateStyle TO ${q(env.PGDATESTYLE)}`);
  }
}

