// Runs one regression file the way pg_regress does, in a child process of the
// conformance runner (so a crash or a hang costs only this file):
//   node dist/test/conformance/worker.js NAME SQL_DIR OUT_DIR
// A fresh database; test_setup and the file's prerequisites run first, each in
// its own session with its output discarded; then NAME runs through Relata's
// shell as `psql -X -a -q`. Everything is written synchronously as it happens,
// so what was printed survives a hang: OUT_DIR/NAME.out (the output),
// OUT_DIR/NAME.events.jsonl (engine crashes: exceptions that are not PgError),
// OUT_DIR/NAME.current (the statement running now).
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { ShellSession } from '../../src/cli/shell-session.js';
import { PgError } from '../../src/errors/index.js';
import { Engine } from '../../src/session/engine.js';
import { Session } from '../../src/session/session.js';
import { prerequisites } from './schedule.js';

/** What pg_regress passes through PGOPTIONS (`-c intervalstyle=postgres_verbose`). */
const SESSION_SETTINGS = ['SET IntervalStyle = postgres_verbose'];
/** pg_regress's database name. */
const DATABASE = 'regression';

export interface CrashEvent {
  kind: 'crash' | 'abort' | 'setup';
  /** Characters of output written before the error was printed. */
  offset: number;
  /** The file the statement belongs to (a prerequisite, or the file itself). */
  file: string;
  sql: string;
  error: string;
  stack: string;
}

interface Sink {
  write(s: string): void;
  length: number;
}

function fileSink(path: string): Sink & { close(): void } {
  const fd = openSync(path, 'w');
  return {
    length: 0,
    write(s: string) {
      writeSync(fd, s);
      this.length += s.length;
    },
    close: () => closeSync(fd),
  };
}

const nullSink = (): Sink => ({ length: 0, write(s: string) { this.length += s.length; } });

async function run(name: string, sqlDir: string, outDir: string): Promise<void> {
  const events = openSync(`${outDir}/${name}.events.jsonl`, 'w');
  const currentPath = `${outDir}/${name}.current`;
  const engine = new Engine(DATABASE);
  const emit = (e: CrashEvent) => writeSync(events, JSON.stringify(e) + '\n');

  for (const file of [...prerequisites(name), name]) {
    const isMain = file === name;
    const out = isMain ? fileSink(`${outDir}/${name}.out`) : nullSink();
    let pending: Omit<CrashEvent, 'offset'> | null = null;
    const flushPending = () => {
      if (pending) emit({ ...pending, offset: isMain ? out.length : -1 });
      pending = null;
    };
    const stdout = { write: (s: string) => out.write(s) };
    // the shell writes pending standard output, then the error, to stderr: the
    // crash belongs where its ERROR line is printed
    const stderr = { write: (s: string) => { flushPending(); out.write(s); } };
    const createSession = async (): Promise<ShellSession> => {
      const session = await Session.create(engine);
      session.database = DATABASE;
      for (const sql of SESSION_SETTINGS) {
        try {
          await session.simpleQuery(sql, { result: () => undefined });
        } catch (e) {
          emit({ kind: 'setup', offset: -1, file, sql, error: describe(e), stack: stackOf(e) });
        }
      }
      return watch(session, (sql) => writeFileSync(currentPath, `${file}: ${sql}`), (sql, e) => {
        flushPending();
        pending = { kind: 'crash', file, sql, error: describe(e), stack: stackOf(e) };
      });
    };
    try {
      // pg_regress's psql variables: describe output without table access methods and compression
      await main(['shell', '-X', '-a', '-q', '-v', 'HIDE_TABLEAM=on', '-v', 'HIDE_TOAST_COMPRESSION=on'], {
        stdin: Readable.from([readFileSync(`${sqlDir}/${file}.sql`, 'utf8')]),
        stdout,
        stderr,
        stdinIsTTY: false,
        env: process.env,
        createSession,
      });
      flushPending();
    } catch (e) {
      flushPending();
      emit({ kind: 'abort', offset: isMain ? out.length : -1, file, sql: '', error: describe(e), stack: stackOf(e) });
    }
    if ('close' in out && typeof out.close === 'function') out.close();
  }
  writeFileSync(currentPath, '');
  closeSync(events);
}

/** The session, with every statement reported before it runs and every non-PgError exception reported. */
function watch(session: Session, starting: (sql: string) => void, crashed: (sql: string, e: unknown) => void): ShellSession {
  return new Proxy(session, {
    get(target, prop) {
      if (prop === 'simpleQuery') {
        return async (sql: string, sink: Parameters<Session['simpleQuery']>[1]) => {
          starting(sql);
          try {
            return await target.simpleQuery(sql, sink);
          } catch (e) {
            if (!(e instanceof PgError)) crashed(sql, e);
            throw e;
          }
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as unknown as ShellSession;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** The first frames of the stack in the project's own code, paths made relative. */
function stackOf(e: unknown): string {
  if (!(e instanceof Error) || !e.stack) return '';
  const frames = e.stack
    .split('\n')
    .filter((l) => l.trim().startsWith('at '))
    .map((l) => l.trim().replace(/file:\/\/\S*?\/dist\//, '').replace(/^at /, ''));
  const own = frames.filter((f) => /\bsrc\//.test(f));
  return (own.length > 0 ? own : frames).slice(0, 4).join(' < ');
}

const [name, sqlDir, outDir] = process.argv.slice(2);
if (!name || !sqlDir || !outDir) {
  process.stderr.write('usage: worker.js NAME SQL_DIR OUT_DIR\n');
  process.exit(2);
}
run(name, sqlDir, outDir).then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`conformance worker ${name}: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
