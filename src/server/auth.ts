// Client authentication (PostgreSQL's ClientAuthentication): which method a connection
// gets, and the SASL exchange of SCRAM-SHA-256. Cleartext and MD5 passwords are never
// asked for: a role with a password authenticates with SCRAM, as with PostgreSQL's
// `scram-sha-256` method in pg_hba.conf.
import type { SharedCatalog } from '../catalog/shared.js';
import { parseScramVerifier } from '../commands/role-password.js';
import type { Message } from './framing.js';
import { MessageReader, protocolViolation, type MessageWriter } from './protocol.js';
import { passwordFailed, SCRAM_MECHANISM, ScramExchange } from './scram.js';

/**
 * - `default`: trust on loopback for roles without a password, SCRAM for the others and for
 *   every connection from another host (a role without a password cannot connect from there);
 * - `scram`: a password for everyone; `trust`: no password for anyone.
 */
export type AuthMode = 'default' | 'scram' | 'trust';

export interface AuthIO {
  out: MessageWriter;
  flush(): void;
  readMessage(): Promise<Message>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
export const isLoopback = (address: string | undefined) => !address || LOOPBACK.test(address);

export function authMethod(mode: AuthMode, shared: SharedCatalog, user: string, address: string | undefined): 'trust' | 'scram' {
  if (mode === 'trust') return 'trust';
  if (mode === 'scram') return 'scram';
  return isLoopback(address) && !shared.roles.get(user)?.password ? 'trust' : 'scram';
}

/** Runs SCRAM-SHA-256 with the client; returns once it proved the password, throws FATAL otherwise. */
export async function scramAuthenticate(io: AuthIO, shared: SharedCatalog, user: string, now: number): Promise<void> {
  const role = shared.roles.get(user);
  const verifier = role?.password ? parseScramVerifier(role.password) : null;
  // an expired password fails like a wrong one (PostgreSQL logs the reason, the client sees this)
  const usable = verifier && (role!.validUntil === null || role!.validUntil > now) ? verifier : null;
  const exchange = new ScramExchange(user, usable);
  io.out.begin('R').int32(10).cstring(SCRAM_MECHANISM).byte(0).end();
  io.flush();
  const initial = await saslMessage(io);
  const mechanism = initial.cstring();
  if (mechanism !== SCRAM_MECHANISM) throw protocolViolation('client selected an invalid SASL authentication mechanism');
  const len = initial.int32();
  const first = len < 0 ? '' : initial.bytes(len).toString('utf8');
  io.out.begin('R').int32(11).raw(Buffer.from(exchange.first(first))).end();
  io.flush();
  const response = await saslMessage(io);
  const final = exchange.final(response.bytes(response.remaining).toString('utf8'));
  if (!role) throw passwordFailed(user);
  io.out.begin('R').int32(12).raw(Buffer.from(final)).end();
}

async function saslMessage(io: AuthIO): Promise<MessageReader> {
  const m = await io.readMessage();
  if (m.type !== 'p') throw protocolViolation(`expected SASL response, got message type ${m.type.charCodeAt(0)}`);
  return new MessageReader(m.body);
}
