// Splitting the bytes a client sends into messages: the startup packet (length first) and
// then typed messages (type byte, length), each checked against PostgreSQL's limits.
import { LARGE_MESSAGE_LIMIT, MAX_STARTUP_LENGTH, protocolViolation, SMALL_MESSAGE_LIMIT } from './protocol.js';

export interface Message {
  type: string;
  body: Buffer;
}

/** Message types PostgreSQL accepts after startup, with the largest body each may have. */
const LIMITS: Record<string, number> = {
  Q: LARGE_MESSAGE_LIMIT, P: LARGE_MESSAGE_LIMIT, B: LARGE_MESSAGE_LIMIT, F: LARGE_MESSAGE_LIMIT, d: LARGE_MESSAGE_LIMIT,
  D: SMALL_MESSAGE_LIMIT, E: SMALL_MESSAGE_LIMIT, C: SMALL_MESSAGE_LIMIT, S: SMALL_MESSAGE_LIMIT, H: SMALL_MESSAGE_LIMIT,
  X: SMALL_MESSAGE_LIMIT, c: SMALL_MESSAGE_LIMIT, f: SMALL_MESSAGE_LIMIT,
  // SASL responses (PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH); after authentication one is a protocol violation
  p: 65535,
};

/** 'invalid': a length PostgreSQL refuses by closing the connection without an answer. */
export type Taken<T> = T | 'invalid' | null;

export class InputBuffer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(d: Buffer): void {
    this.chunks.push(d);
    this.buffered += d.length;
  }

  get size(): number {
    return this.buffered;
  }

  /** The startup packet (or SSLRequest, CancelRequest…): its code and the rest of its body. */
  takeStartup(): Taken<{ code: number; body: Buffer }> {
    const head = this.peek(4);
    if (!head) return null;
    const len = head.readInt32BE(0);
    if (len < 8 || len > MAX_STARTUP_LENGTH) return 'invalid';
    if (!this.peek(len)) return null;
    const packet = this.consume(len);
    return { code: packet.readInt32BE(4), body: packet.subarray(8) };
  }

  /** The next complete message, or null until more bytes arrive; an unknown type is a FATAL error. */
  takeMessage(): Taken<Message> {
    const head = this.peek(5);
    if (!head) return null;
    const type = String.fromCharCode(head[0]);
    const limit = LIMITS[type];
    if (limit === undefined) throw protocolViolation(`invalid frontend message type ${head[0]}`);
    const len = head.readInt32BE(1);
    if (len < 4 || len - 4 > limit) return 'invalid';
    if (!this.peek(len + 1)) return null;
    return { type, body: this.consume(len + 1).subarray(5) };
  }

  /** The first n buffered bytes as one buffer, or null while fewer have arrived. */
  private peek(n: number): Buffer | null {
    if (this.buffered < n) return null;
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  private consume(n: number): Buffer {
    const head = this.peek(n)!;
    const out = Buffer.from(head.subarray(0, n));
    if (head.length === n) this.chunks.shift(); else this.chunks[0] = head.subarray(n);
    this.buffered -= n;
    return out;
  }
}
