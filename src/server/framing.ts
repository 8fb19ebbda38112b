// Splitting the bytes a client sends into messages: the startup packet (length first) and
// then typed messages (type byte, length), each checked against PostgreSQL's limits.
import { LARGE_MESSAGE_LIMIT, MAX_STARTUP_LENGTH, protocolViolation, SMALL_MESSAGE_LIMIT } from './protocol.js';

export interface Message {
  type: string;
  body: Buffer;
}

/** Message types PostgreSQL accepts after startup, with the largest body each may have. */
const LIMIT_BY_TYPE: Record<string, number> = {
  Q: LARGE_MESSAGE_LIMIT, P: LARGE_MESSAGE_LIMIT, B: LARGE_MESSAGE_LIMIT, F: LARGE_MESSAGE_LIMIT, d: LARGE_MESSAGE_LIMIT,
  D: SMALL_MESSAGE_LIMIT, E: SMALL_MESSAGE_LIMIT, C: SMALL_MESSAGE_LIMIT, S: SMALL_MESSAGE_LIMIT, H: SMALL_MESSAGE_LIMIT,
  X: SMALL_MESSAGE_LIMIT, c: SMALL_MESSAGE_LIMIT, f: SMALL_MESSAGE_LIMIT,
  // SASL responses (PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH); after authentication one is a protocol violation
  p: 65535,
};
/** The same, indexed by the type's byte. */
const LIMITS: (number | undefined)[] = Array.from({ length: 256 }, (_, i) => LIMIT_BY_TYPE[String.fromCharCode(i)]);

/** 'invalid': a length PostgreSQL refuses by closing the connection without an answer. */
export type Taken<T> = T | 'invalid' | null;

const EMPTY = Buffer.alloc(0);

/**
 * The bytes received and not yet handled: one buffer and a read position, with the chunks
 * that arrived after it. A chunk that arrives when everything before it was handled is used
 * as it is; a message split across chunks is joined once all of it has arrived. Messages are
 * read in place (start, end of their body in `buf`) while they are handled; the bodies
 * takeStartup and takeMessage hand out are copies of their own, since a socket that reads into
 * one buffer of its own (socket-reader.ts) writes it again once release() copied out the rest.
 */
export class InputBuffer {
  buf: Buffer = EMPTY;
  /** The end of the bytes received in buf (the socket's own buffer is longer than a read). */
  private lim = 0;
  private pos = 0;
  private more: Buffer[] = [];
  private moreBytes = 0;
  /** The last message taken by next(): its type (a character code) and body, buf[start, end). */
  type = 0;
  start = 0;
  end = 0;

  push(d: Buffer): void {
    if (this.pos >= this.lim && !this.more.length) { this.buf = d; this.pos = 0; this.lim = d.length; return; }
    this.more.push(d);
    this.moreBytes += d.length;
  }

  /** n bytes read into buf[0, n) (the socket's own buffer, see release): used in place when nothing is pending. */
  pushRead(buf: Buffer, n: number): void {
    if (this.pos >= this.lim && !this.more.length) { this.buf = buf; this.pos = 0; this.lim = n; return; }
    this.push(buf.subarray(0, n));
  }

  /**
   * The socket reads into `shared` again (its onread buffer, socket-reader.ts): bytes not yet
   * handled that are still there are copied out first.
   */
  release(shared: ArrayBufferLike): void {
    if (this.buf.buffer === shared) {
      this.buf = this.pos < this.lim ? Buffer.from(this.buf.subarray(this.pos, this.lim)) : EMPTY;
      this.pos = 0;
      this.lim = this.buf.length;
    }
    for (let i = 0; i < this.more.length; i++) if (this.more[i].buffer === shared) this.more[i] = Buffer.from(this.more[i]);
  }

  get size(): number {
    return this.lim - this.pos + this.moreBytes;
  }

  /** Whether n bytes have arrived, then contiguous in buf from pos. */
  private have(n: number): boolean {
    if (this.lim - this.pos >= n) return true;
    if (this.size < n) return false;
    this.buf = Buffer.concat([this.buf.subarray(this.pos, this.lim), ...this.more]);
    this.lim = this.buf.length;
    this.pos = 0;
    this.more = [];
    this.moreBytes = 0;
    return true;
  }

  /** The startup packet (or SSLRequest, CancelRequest…): its code and the rest of its body. */
  takeStartup(): Taken<{ code: number; body: Buffer }> {
    if (!this.have(4)) return null;
    const len = this.buf.readInt32BE(this.pos);
    if (len < 8 || len > MAX_STARTUP_LENGTH) return 'invalid';
    if (!this.have(len)) return null;
    const packet = Buffer.from(this.buf.subarray(this.pos, this.pos + len));
    this.pos += len;
    return { code: packet.readInt32BE(4), body: packet.subarray(8) };
  }

  /**
   * Moves to the next complete message (type, start, end); null until more bytes arrive. An
   * unknown type is a FATAL error; 'invalid' a length PostgreSQL refuses.
   */
  next(): Taken<true> {
    if (!this.have(5)) return null;
    const code = this.buf[this.pos];
    const limit = LIMITS[code];
    if (limit === undefined) throw protocolViolation(`invalid frontend message type ${code}`);
    const len = this.buf.readInt32BE(this.pos + 1);
    if (len < 4 || len - 4 > limit) return 'invalid';
    if (!this.have(len + 1)) return null;
    this.type = code;
    this.start = this.pos + 5;
    this.end = this.pos = this.pos + 1 + len;
    return true;
  }

  /** The next complete message as a type and a body of its own (COPY, authentication), or null until more bytes arrive. */
  takeMessage(): Taken<Message> {
    const m = this.next();
    if (m !== true) return m;
    return { type: String.fromCharCode(this.type), body: Buffer.from(this.buf.subarray(this.start, this.end)) };
  }
}
