// A scripted stand-in for Session in the cli unit tests: each SQL text sent
// gets a canned reply (results, notices, or an error), and every text sent is
// recorded so tests can check exactly what the shell sent.
import { Readable } from 'node:stream';
import { PgError, type Notice } from '../../src/errors/index.js';
import { main } from '../../src/cli/main.js';
import type { Field, ResultSink, StatementResult } from '../../src/session/result.js';

export type Reply = { results?: StatementResult[]; notices?: Notice[]; error?: PgError };

export class FakeSession {
  readonly sent: string[] = [];
  transactionStatus: 'I' | 'T' | 'E' = 'I';

  constructor(private readonly replies: (sql: string) => Reply | undefined = () => undefined) {}

  async simpleQuery(sql: string, sink: ResultSink): Promise<void> {
    this.sent.push(sql);
    const r = this.replies(sql) ?? { results: [{ command: 'SELECT 1', fields: [field('?column?', 23)], rows: [[1]], rowCount: 1 }] };
    for (const n of r.notices ?? []) sink.notice?.(n);
    for (const res of r.results ?? []) sink.result(res);
    if (r.error) throw r.error;
  }

  formatValue(v: unknown): string {
    return typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
  }
}

export const field = (name: string, typeOid: number): Field => ({ name, typeOid, typmod: -1, tableOid: 0, columnNumber: 0 });

/** A one-column int4 SELECT result. */
export const intResult = (name: string, ...values: number[]): StatementResult => ({
  command: `SELECT ${values.length}`,
  fields: [field(name, 23)],
  rows: values.map((v) => [v]),
  rowCount: values.length,
});

/** Run `relata shell ARGS` on input with the fake session; stdout and stderr tagged or combined. */
export async function runShell(
  input: string,
  session: FakeSession,
  args: string[] = ['-a'],
): Promise<{ out: string; stdout: string; stderr: string; code: number }> {
  let out = '';
  let stdout = '';
  let stderr = '';
  const code = await main(['shell', ...args], {
    stdin: Readable.from([input]),
    stdout: { write: (s: string) => { out += s; stdout += s; } },
    stderr: { write: (s: string) => { out += s; stderr += s; } },
    stdinIsTTY: false,
    env: {},
    createSession: async () => session,
  });
  return { out, stdout, stderr, code };
}
