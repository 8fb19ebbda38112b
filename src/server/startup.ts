// The startup packet: protocol version and the parameters the client sends (user,
// database, options, and any setting such as application_name or DateStyle).
import { PgError } from '../errors/index.js';
import { MessageReader, PROTOCOL_3_0 } from './protocol.js';

export interface StartupPacket {
  major: number;
  minor: number;
  params: Map<string, string>;
}

export function readStartup(body: Buffer, code: number): StartupPacket {
  const r = new MessageReader(body);
  const params = new Map<string, string>();
  for (;;) {
    const name = r.cstring();
    if (name === '') break;
    params.set(name, r.cstring());
  }
  r.end();
  return { major: code >>> 16, minor: code & 0xffff, params };
}

export function fatal(code: string, message: string, fields: { detail?: string; hint?: string } = {}): PgError {
  const e = new PgError(code, message, fields);
  e.severity = 'FATAL';
  return e;
}

/** PostgreSQL's refusal of a protocol version other than 3.x. */
export function unsupportedProtocol(p: StartupPacket): PgError {
  return fatal('0A000', `unsupported frontend protocol ${p.major}.${p.minor}: server supports 3.0 to 3.0`);
}

/** Minor versions and `_pq_.` options the server does not know, for NegotiateProtocolVersion. */
export function protocolNegotiation(p: StartupPacket): { newest: number; unrecognized: string[] } | null {
  const unrecognized = [...p.params.keys()].filter(k => k.startsWith('_pq_.'));
  if (p.minor === 0 && !unrecognized.length) return null;
  return { newest: PROTOCOL_3_0, unrecognized };
}

/** Parameters of the packet that are not settings. */
const NOT_SETTINGS = new Set(['user', 'database', 'options', 'replication']);

/**
 * The settings a connection starts with, in PostgreSQL's order: those of `options` (`-c name=value`
 * or `--name=value`, words separated by spaces, `\` escaping), then the packet's own parameters.
 */
export function startupSettings(p: StartupPacket): [string, string][] {
  const out: [string, string][] = [];
  const words = splitOptions(p.params.get('options') ?? '');
  for (let i = 0; i < words.length; i++) {
    let w = words[i];
    if (w === '-c') w = words[++i] ?? '';
    else if (w.startsWith('-c')) w = w.slice(2);
    else if (w.startsWith('--')) w = w.slice(2);
    else throw fatal('42601', `invalid command-line argument for server process: ${w}`, { hint: 'Try "postgres --help" for more information.' });
    const eq = w.indexOf('=');
    if (eq <= 0) {
      throw fatal('42601', w.startsWith('-') || !w ? `invalid command-line argument for server process: ${w}` : `-c ${w} requires a value`);
    }
    out.push([w.slice(0, eq).replace(/-/g, '_'), w.slice(eq + 1)]);
  }
  for (const [k, v] of p.params) if (!NOT_SETTINGS.has(k) && !k.startsWith('_pq_.')) out.push([k, v]);
  return out;
}

/** pg_split_opts: whitespace separates words, a backslash takes the next character literally. */
function splitOptions(s: string): string[] {
  const out: string[] = [];
  let cur = '', has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/\s/.test(c)) { if (has) out.push(cur); cur = ''; has = false; continue; }
    if (c === '\\' && i + 1 < s.length) { cur += s[++i]; has = true; continue; }
    cur += c;
    has = true;
  }
  if (has) out.push(cur);
  return out;
}

/** The statement that applies one startup setting through the session's SET. */
export function setStatement(name: string, value: string): string {
  const ident = '"' + name.toLowerCase().replace(/"/g, '""') + '"';
  const literal = (v: string) => "'" + v.replace(/'/g, "''") + "'";
  if (name.toLowerCase() === 'search_path') return `SET search_path TO ${splitList(value).map(literal).join(', ') || "''"}`;
  return `SET ${ident} TO ${literal(value)}`;
}

/** A list setting's elements, as SplitIdentifierString reads them ("quoted" kept as is, others lowercased). */
function splitList(v: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,\s]+))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < v.length && (m = re.exec(v))) {
    out.push(m[1] !== undefined ? (m[1] === '$user' ? '$user' : m[1].replace(/""/g, '"')) : m[2].toLowerCase());
  }
  return out;
}
