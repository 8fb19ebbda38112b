// The server side of SCRAM-SHA-256 (RFC 5802 / 7677) as PostgreSQL runs it in SASL
// messages: client-first → server-first (nonce, salt, iterations) → client-final (proof)
// → server-final (signature). A role without a usable verifier gets a mock exchange that
// fails at the end, so a client cannot tell which roles exist.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hmac, sha256, SCRAM_ITERATIONS, type ScramVerifier } from '../commands/role-password.js';
import { protocolViolation } from './protocol.js';
import { fatal } from './startup.js';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';

/** A per-server secret that makes the mock salts stable for a role name, as PostgreSQL's mock_auth_nonce. */
const MOCK_NONCE = randomBytes(32);

const malformed = (detail: string) => {
  const e = protocolViolation('malformed SCRAM message');
  e.detail = detail;
  return e;
};

/** The "a=b" attributes of a SCRAM message, in order. */
function attributes(text: string): [string, string][] {
  return text.split(',').map(part => {
    if (!/^[A-Za-z]=/.test(part)) throw malformed(`Attribute expected, but found "${part.slice(0, 1)}".`);
    return [part[0], part.slice(2)];
  });
}

export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';
  private readonly verifier: ScramVerifier;

  /** `verifier` null: the role does not exist or has no SCRAM password (the exchange will fail). */
  constructor(private readonly user: string, private readonly real: ScramVerifier | null) {
    this.verifier = real ?? {
      iterations: SCRAM_ITERATIONS,
      salt: createHash('sha256').update(user).update(MOCK_NONCE).digest().subarray(0, 16),
      storedKey: randomBytes(32), serverKey: randomBytes(32),
    };
  }

  /** The client-first-message (SASLInitialResponse data) → the server-first-message. */
  first(data: string): string {
    // gs2-header: channel binding flag ("n" none, "y" client supports it but we offer none), optional authzid
    const m = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/s.exec(data);
    if (!m) throw malformed('Unexpected channel-binding flag.');
    if (m[1].startsWith('p=')) throw protocolViolation('channel binding is not supported by this server');
    if (m[2]) throw protocolViolation('client uses authorization identity, but it is not supported');
    this.gs2Header = `${m[1]},${m[2] ?? ''},`;
    this.clientFirstBare = m[3];
    const attrs = attributes(this.clientFirstBare);
    if (attrs[0]?.[0] === 'm') throw protocolViolation('client requires an unsupported SCRAM extension');
    const r = attrs.find(([k]) => k === 'r');
    if (!r || !r[1] || !/^[\x21-\x2b\x2d-\x7e]+$/.test(r[1])) throw malformed('Could not parse the client nonce.');
    this.nonce = r[1] + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /** The client-final-message → the server-final-message, or FATAL when the proof is wrong. */
  final(data: string): string {
    const proofAt = data.lastIndexOf(',p=');
    if (proofAt < 0) throw malformed('Could not find proof in client-final-message.');
    const withoutProof = data.slice(0, proofAt);
    const attrs = new Map(attributes(withoutProof));
    if (attrs.get('c') !== Buffer.from(this.gs2Header).toString('base64')) {
      throw protocolViolation('SCRAM channel binding check failed');
    }
    if (attrs.get('r') !== this.nonce) throw malformed('Nonce does not match.');
    const proof = Buffer.from(data.slice(proofAt + 3), 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    const ok = this.real !== null && proof.length === 32
      && timingSafeEqual(sha256(Buffer.from(proof.map((b, i) => b ^ signature[i]))), this.verifier.storedKey);
    if (!ok) throw passwordFailed(this.user);
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}

export const passwordFailed = (user: string) => fatal('28P01', `password authentication failed for user "${user}"`);
