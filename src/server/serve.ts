// `relata serve [--host H] [--port P]`: serves the database over the PostgreSQL protocol
// until SIGINT or SIGTERM, then closes every connection (open transactions roll back).
import { RelataServer } from './server.js';

interface Output { write(s: string): unknown }

export interface ServeIO {
  stdout: Output;
  stderr: Output;
  /** Resolves when the server should stop (the CLI waits for SIGINT/SIGTERM). */
  stopSignal?: Promise<string>;
  /** Receives the running server (tests). */
  onListening?: (server: RelataServer) => void;
}

export const SERVE_USAGE = `Usage: relata serve [--host HOST] [--port PORT]

Serves an in-memory Relata database to PostgreSQL clients (psql, node-postgres, …).

Options:
  --host HOST   address to listen on (default 127.0.0.1)
  --port PORT   TCP port (default 5432; 0 picks a free one)
  --help        show this help
`;

interface ServeArgs { host: string; port: number }

function parseArgs(args: string[]): ServeArgs | string {
  const out: ServeArgs = { host: '127.0.0.1', port: 5432 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--host': case '-h': { const v = value(); if (!v) return 'option --host needs a value'; out.host = v; break; }
      case '--port': case '-p': {
        const v = value();
        const n = Number(v);
        if (!v || !Number.isInteger(n) || n < 0 || n > 65535) return `invalid port "${v ?? ''}"`;
        out.port = n;
        break;
      }
      case '--data': case '-D':
        return 'durable storage (--data) is not available yet; run without it to serve an in-memory database';
      default:
        return `unknown option "${args[i]}"`;
    }
  }
  return out;
}

/** Waits for SIGINT or SIGTERM, then removes its handlers. */
export function signalled(): Promise<string> {
  return new Promise(resolve => {
    const on = (sig: string) => { process.off('SIGINT', on); process.off('SIGTERM', on); resolve(sig); };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export async function runServe(args: string[], io: ServeIO): Promise<number> {
  if (args.includes('--help')) { io.stdout.write(SERVE_USAGE); return 0; }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') { io.stderr.write(`relata serve: ${parsed}\n${SERVE_USAGE}`); return 1; }
  let server: RelataServer;
  try {
    server = await RelataServer.start(parsed);
  } catch (e: any) {
    io.stderr.write(`relata serve: could not listen on ${parsed.host}:${parsed.port}: ${e?.code === 'EADDRINUSE' ? 'address already in use' : e?.message ?? e}\n`);
    return 1;
  }
  const { address, port } = server.address;
  const host = address.includes(':') ? `[${address}]` : address;
  io.stdout.write(
    `Relata is serving an in-memory database: what it holds is lost when the server stops (durable storage is not there yet).\n` +
    `Listening on ${host}:${port}\n` +
    `Connection string: postgres://postgres@${host}:${port}/postgres\n` +
    `psql: psql -h ${address} -p ${port} -U postgres postgres\n` +
    `Stop with Ctrl-C (SIGINT) or SIGTERM.\n`);
  io.onListening?.(server);
  const sig = await (io.stopSignal ?? signalled());
  io.stdout.write(`Received ${sig}: closing connections.\n`);
  await server.close();
  return 0;
}
