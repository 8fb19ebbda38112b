// Entry point of the `relata` command: `relata shell …` (psql-style client on
// an embedded database) and `relata serve …` (the PostgreSQL protocol server).
// bin/relata.js calls main() with the process's streams.
import type { Readable } from 'node:stream';
import { runShell } from './run-shell.js';
import type { TextWriter } from './output.js';
import type { SessionFactory, ShellSession } from './shell-session.js';

export interface CliIO {
  stdin: Readable;
  stdout: TextWriter;
  stderr: TextWriter;
  /** Standard input is a terminal: interactive shell with prompts. */
  stdinIsTTY?: boolean;
  /** Where the terminal echoes prompts (interactive mode). */
  terminalOutput?: import('node:stream').Writable;
  /** Environment (PGTZ, PGDATESTYLE). */
  env?: Record<string, string | undefined>;
  /** How to open a database; defaults to Session.create. */
  createSession?: SessionFactory;
}

const USAGE = `Usage: relata COMMAND [OPTION]...

Commands:
  shell [OPTION]... [DIR]   run SQL interactively or from a script, psql-style
                            (relata shell --help for its options)
  serve [OPTION]...         serve the database to PostgreSQL clients (psql, drivers)
                            (relata serve --help for its options)
  dump [OPTION]...          write a database as a SQL script for psql, as pg_dump does
                            (relata dump --help for its options)
  help                      show this help
`;

/** Opens the engine only when a shell runs, so the cli loads without it (tests use fakes). */
const defaultSessionFactory: SessionFactory = async (dir) => {
  if (dir !== undefined) return (await import('./shell-directory.js')).openDirectorySession(dir);
  const { Session } = await import('../session/session.js');
  return Session.create() as Promise<ShellSession>;
};

export function processIO(): CliIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    terminalOutput: process.stdout,
    env: process.env,
  };
}

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'shell':
      return runShell(rest, { ...io, createSession: io.createSession ?? defaultSessionFactory });
    case 'serve': {
      // loaded only when serving, as the shell loads the engine only when it runs
      const { runServe } = await import('../server/serve.js');
      return runServe(rest, io);
    }
    case 'dump': {
      const { runDump } = await import('./dump.js');
      return runDump(rest, io);
    }
    case undefined: case 'help': case '--help': case '-?':
      io.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.stderr.write(`relata: unknown command "${command}"\n${USAGE}`);
      return 1;
  }
}
