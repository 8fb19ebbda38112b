// `relata serve [--host H] [--port P]`: serves the database over the PostgreSQL protocol
// until SIGINT or SIGTERM, then closes every connection (open transactions roll back).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RelataServer } from './server.js';
import { Cluster } from '../session/cluster.js';
import { DataDirectory } from '../session/data-directory.js';
import type { AuthMode } from './auth.js';

interface Output { write(s: string): unknown }

export interface ServeIO {
  stdout: Output;
  stderr: Output;
  /** Resolves when the server should stop (the CLI waits for SIGINT/SIGTERM). */
  stopSignal?: Promise<string>;
  /** Receives the running server (tests). */
  onListening?: (server: RelataServer) => void;
}

export const SERVE_USAGE = `Usage: relata serve [--data DIR] [--host HOST] [--port PORT] [--tls-cert FILE --tls-key FILE] [--auth MODE]

Serves Relata databases to PostgreSQL clients (psql, node-postgres, …): those of a data
directory, or in memory without --data.

Options:
  --data DIR        data directory (created on first use): every commit is on disk
                    before the client hears of it
  --host HOST       address to listen on (default 127.0.0.1)
  --port PORT       TCP port (default 5432; 0 picks a free one)
  --tls-cert FILE   PEM certificate: clients may connect with TLS (sslmode=require)
  --tls-key FILE    its PEM private key
  --auth MODE       default: no password on loopback for roles without one, SCRAM-SHA-256
                    otherwise; scram: a password for every role; trust: no passwords
  --help            show this help
`;

interface ServeArgs { host: string; port: number; tlsCert?: string; tlsKey?: string; auth: AuthMode; data?: string }

function parseArgs(args: string[]): ServeArgs | string {
  const out: ServeArgs = { host: '127.0.0.1', port: 5432, auth: 'default' };
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
      case '--tls-cert': case '--tls-key': {
        const v = value();
        if (!v) return `option ${flag} needs a value`;
        if (flag === '--tls-cert') out.tlsCert = v; else out.tlsKey = v;
        break;
      }
      case '--auth': {
        const v = value();
        if (v !== 'default' && v !== 'scram' && v !== 'trust') return `invalid authentication mode "${v ?? ''}" (default, scram or trust)`;
        out.auth = v;
        break;
      }
      case '--data': case '-D': { const v = value(); if (!v) return 'option --data needs a directory'; out.data = v; break; }
      default:
        return `unknown option "${args[i]}"`;
    }
  }
  if (!out.tlsCert !== !out.tlsKey) return '--tls-cert and --tls-key go together';
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
  let tls: { cert: Buffer; key: Buffer } | undefined;
  try {
    if (parsed.tlsCert && parsed.tlsKey) tls = { cert: readFileSync(parsed.tlsCert), key: readFileSync(parsed.tlsKey) };
  } catch (e: any) {
    io.stderr.write(`relata serve: could not read the TLS certificate or key: ${e?.message ?? e}\n`);
    return 1;
  }
  let cluster: Cluster | undefined;
  if (parsed.data) {
    try {
      const store = DataDirectory.open(parsed.data);
      try { cluster = new Cluster(store, { stateFile: store.sharedStateFile }); } catch (e) { await store.close().catch(() => undefined); throw e; }
    } catch (e: any) {
      io.stderr.write(`relata serve: could not open data directory "${parsed.data}": ${e?.message ?? e}\n${e?.hint ? `HINT:  ${e.hint}\n` : ''}`);
      return 1;
    }
  }
  let server: RelataServer;
  try {
    server = await RelataServer.start({ host: parsed.host, port: parsed.port, auth: parsed.auth, tls, cluster });
  } catch (e: any) {
    io.stderr.write(`relata serve: could not listen on ${parsed.host}:${parsed.port}: ${e?.code === 'EADDRINUSE' ? 'address already in use' : e?.message ?? e}\n`);
    await cluster?.close().catch(() => undefined);
    return 1;
  }
  const { address, port } = server.address;
  const host = address.includes(':') ? `[${address}]` : address;
  io.stdout.write(
    (parsed.data ? `Relata is serving the data directory ${resolve(parsed.data)}\n`
      : `Relata is serving in-memory databases: what they hold is lost when the server stops (use --data DIR to keep it).\n`) +
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
