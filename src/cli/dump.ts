// `relata dump [--data DIR | URL] [-f FILE]`: a plain SQL dump (pg_dump's format) of a
// Relata data directory, a Relata server or a PostgreSQL server, that loads into
// PostgreSQL 15 with `psql -X -v ON_ERROR_STOP=1 -f FILE` and back into Relata.
import { createWriteStream, existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { CliIO } from './main.js';

export const DUMP_USAGE = `Usage: relata dump [OPTION]... (--data DIR | URL)

Writes a database as a plain SQL script, as pg_dump does, that psql loads into
PostgreSQL (or relata shell back into Relata).

Options:
  --data DIR           dump the Relata database in data directory DIR
  URL                  dump a running server, Relata's or PostgreSQL's
                       (postgres://user@host:port/database)
  -f, --file=FILE      write to FILE instead of standard output
  -O, --no-owner       leave out the commands that set objects' owners
  --restrict-key=KEY   the key of the script's \\restrict line (random by default)
  --no-progress        never show a progress bar
  --help               show this help
`;

interface DumpArgs {
  data?: string;
  url?: string;
  file?: string;
  noOwner: boolean;
  restrictKey?: string;
  progress: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): DumpArgs | string {
  const a: DumpArgs = { noOwner: false, progress: true, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = (): string | undefined => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '--help': case '-?': a.help = true; break;
      case '-O': case '--no-owner': a.noOwner = true; break;
      case '--no-progress': a.progress = false; break;
      case '--data': case '-D': { const v = value(); if (!v) return `option ${name} requires an argument`; a.data = v; break; }
      case '-f': case '--file': { const v = value(); if (!v) return `option ${name} requires an argument`; a.file = v; break; }
      case '--restrict-key': {
        const v = value();
        // pg_dump's rule: the key must be letters and digits, so it cannot end the \restrict line early
        if (!v || !/^[A-Za-z0-9]+$/.test(v)) return 'restrict key may only contain letters and digits';
        a.restrictKey = v;
        break;
      }
      default:
        if (arg.startsWith('-')) return `unrecognized option '${arg}'`;
        if (a.url !== undefined) return `too many command-line arguments (first is "${arg}")`;
        a.url = arg;
    }
  }
  if (!a.help && a.data === undefined && a.url === undefined) return 'no database given: use --data DIR or a connection URL';
  if (a.data !== undefined && a.url !== undefined) return 'give either --data DIR or a connection URL, not both';
  return a;
}

/** Writes to a stream, waiting when it asks the writer to ('drain'). */
function streamOutput(s: Writable | { write(text: string): unknown }) {
  return {
    write: (text: string): void | Promise<void> => {
      if (s.write(text) !== false || !('once' in s)) return;
      return new Promise<void>(resolve => (s as Writable).once('drain', () => resolve()));
    },
  };
}

const isTTY = (s: unknown): boolean => !!(s as { isTTY?: boolean } | null)?.isTTY;

export async function runDump(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`relata dump: error: ${args}\nTry "relata dump --help" for more information.\n`);
    return 1;
  }
  if (args.help) {
    io.stdout.write(DUMP_USAGE);
    return 0;
  }
  const { databaseSource, urlSource } = await import('../dump/source.js');
  const { dump } = await import('../dump/dump.js');
  const { ProgressBar } = await import('../dump/progress.js');
  let file: Writable | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    let source;
    if (args.data !== undefined) {
      // opening a directory that is not there would create an empty database: refuse, as pg_dump refuses a missing one
      if (!existsSync(args.data)) throw new Error(`data directory "${args.data}" does not exist`);
      const { Database } = await import('../api/database.js');
      const db = await Database.open(args.data);
      closeDb = () => db.close();
      source = databaseSource(db);
    } else {
      source = await urlSource(args.url!);
    }
    if (args.file !== undefined) {
      file = createWriteStream(args.file);
      await new Promise<void>((resolve, reject) => file!.once('open', () => resolve()).once('error', reject));
    }
    // the bar goes to a terminal, and never into the dump when the dump itself goes to that terminal
    const showBar = args.progress && isTTY(io.stderr) && (file !== undefined || !isTTY(io.stdout));
    const bar = showBar ? new ProgressBar(io.stderr as Writable) : null;
    try {
      await dump(source, streamOutput(file ?? io.stdout), {
        noOwner: args.noOwner, restrictKey: args.restrictKey, countRows: showBar, onProgress: bar ? (d, t) => bar.update(d, t) : undefined,
      });
    } finally {
      bar?.finish();
      await source.close();
    }
    if (file) await new Promise<void>((resolve, reject) => file!.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return 0;
  } catch (e) {
    file?.destroy();
    // as pg_dump reports: the message, then the server's DETAIL and HINT on lines of their own
    const err = e as { message: string; detail?: string; hint?: string };
    io.stderr.write(`relata dump: error: ${err.message}\n` + (err.detail ? `relata dump: detail: ${err.detail}\n` : '') +
      (err.hint ? `relata dump: hint: ${err.hint}\n` : ''));
    return 1;
  } finally {
    await closeDb?.();
  }
}
