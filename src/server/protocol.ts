// The byte level of PostgreSQL's protocol v3: reading the fields of a frontend message
// and building backend messages (type byte, int32 length that counts itself, body).
import { PgError } from '../errors/index.js';

export const PROTOCOL_3_0 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** PostgreSQL's limit on a startup packet (MAX_STARTUP_PACKET_LENGTH). */
export const MAX_STARTUP_LENGTH = 10000;
/** Messages that carry no payload worth more than this (Sync, Flush, Terminate, Describe, Close…). */
export const SMALL_MESSAGE_LIMIT = 10000;
/** Query, Parse, Bind, CopyData… (PostgreSQL allows 1 GB; an in-memory engine takes less). */
export const LARGE_MESSAGE_LIMIT = 256 * 1024 * 1024;

/** A violation of the protocol that ends the connection with this FATAL error. */
export const protocolViolation = (message: string) => {
  const e = new PgError('08P01', message);
  e.severity = 'FATAL';
  return e;
};

/** A malformed message body: an ERROR (PostgreSQL's pq_getmsg* functions), the connection goes on. */
const malformed = (message: string) => new PgError('08P01', message);

/**
 * Reads the fields of one message body in order; running past its end is a protocol violation.
 * The body is a range of a larger buffer (the connection's input), read in place; one reader
 * is reused for every message of a connection (reset).
 */
export class MessageReader {
  private pos: number;
  private end_: number;
  constructor(public buf: Buffer, start = 0, end = buf.length) {
    this.pos = start;
    this.end_ = end;
  }

  /** Reads another message body: buf[start, end). */
  reset(buf: Buffer, start: number, end: number): this {
    this.buf = buf;
    this.pos = start;
    this.end_ = end;
    return this;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.end_) throw malformed('insufficient data left in message');
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  byte(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0 || end >= this.end_) throw malformed('invalid string in message');
    const s = end === this.pos ? '' : this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }

  /**
   * cstring(), returning `same` itself when the bytes spell it in ASCII: a name read again
   * (Bind's statement name) costs no decoding, and the string keeps its hash for Map lookups.
   */
  cstringAs(same: string): string {
    const b = this.buf, at = this.pos, n = same.length;
    if (at + n < this.end_ && b[at + n] === 0) {
      let i = 0;
      for (let c; i < n && (c = same.charCodeAt(i)) < 0x80 && b[at + i] === c;) i++;
      if (i === n) { this.pos = at + n + 1; return same; }
    }
    return this.cstring();
  }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** Moves past n bytes (a value read later, where it is). */
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  get remaining(): number {
    return this.end_ - this.pos;
  }

  /** Where the next field starts in buf. */
  get offset(): number {
    return this.pos;
  }

  /** PostgreSQL's pq_getmsgend: a message with bytes left over is malformed. */
  end(): void {
    if (this.pos !== this.end_) throw malformed('invalid message format');
  }
}

/** Accumulates backend messages in one growing buffer, written to the socket in batches. */
const INITIAL_SIZE = 16384;
const SHRINK_ABOVE = 4 << 20;

/** Room for a string's UTF-8 bytes: 3 per UTF-16 code unit at most, counted exactly for long strings. */
const utf8Bound = (s: string) => (s.length < 16384 ? s.length * 3 : Buffer.byteLength(s));

/** Strings up to this long are written by a loop while they are ASCII (Buffer#write costs a native call: ≈ 100 ns). */
const SHORT_STRING = 64;

/** Writes s as UTF-8 at buf[at] (room checked by the caller); the number of bytes. */
function putString(buf: Buffer, s: string, at: number): number {
  const n = s.length;
  if (n > SHORT_STRING) return buf.write(s, at);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // not ASCII: the whole string again, as UTF-8 (what the loop wrote is overwritten)
    if (c > 0x7f) return buf.write(s, at);
    buf[at + i] = c;
  }
  return n;
}

/** A big-endian int32 at buf[at] (Buffer#writeInt32BE checks its range and offset each time). */
function put32(buf: Buffer, at: number, v: number): void {
  buf[at] = v >>> 24;
  buf[at + 1] = v >>> 16;
  buf[at + 2] = v >>> 8;
  buf[at + 3] = v;
}

export class MessageWriter {
  private buf = Buffer.allocUnsafe(INITIAL_SIZE);
  private len = 0;
  private start = -1;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buf.copy(grown, 0, 0, this.len);
    this.buf = grown;
  }

  /** Starts a message of `type` (a character code); end() fills in its length. */
  begin(type: string): this {
    this.ensure(5);
    this.buf[this.len] = type.charCodeAt(0);
    this.start = this.len + 1;
    this.len += 5;
    return this;
  }

  end(): this {
    put32(this.buf, this.start, this.len - this.start);
    this.start = -1;
    return this;
  }

  byte(v: number): this {
    this.ensure(1);
    this.buf[this.len++] = v;
    return this;
  }

  int16(v: number): this {
    this.ensure(2);
    const b = this.buf, at = this.len;
    b[at] = v >>> 8;
    b[at + 1] = v;
    this.len = at + 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    put32(this.buf, this.len, v);
    this.len += 4;
    return this;
  }

  cstring(s: string): this {
    this.ensure(utf8Bound(s) + 1);
    this.len += putString(this.buf, s, this.len);
    this.buf[this.len++] = 0;
    return this;
  }

  /** A length-prefixed value (int32 length, then the bytes); null is length -1. */
  value(v: Uint8Array | string | null): this {
    if (v === null) return this.int32(-1);
    if (typeof v === 'string') return this.text(v);
    this.int32(v.length);
    return this.raw(v);
  }

  /** A length-prefixed UTF-8 string, written in place (the length is filled in after). */
  text(v: string): this {
    this.ensure(4 + utf8Bound(v));
    const at = this.len;
    const n = putString(this.buf, v, at + 4);
    put32(this.buf, at, n);
    this.len = at + 4 + n;
    return this;
  }

  raw(v: Uint8Array): this {
    this.ensure(v.length);
    this.buf.set(v, this.len);
    this.len += v.length;
    return this;
  }

  get size(): number {
    return this.len;
  }

  /** A copy of what was written from `start` on (a message to replay later with raw()). */
  copyOut(start: number): Buffer {
    const out = Buffer.allocUnsafe(this.len - start);
    this.buf.copy(out, 0, start, this.len);
    return out;
  }

  /**
   * The bytes written so far (complete messages), in place: the connection hands them to the
   * socket, then calls sent() (no copy when the socket wrote them at once, the usual case).
   */
  pending(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  /** What pending() returned went to the socket; `kept`: the socket still holds it (a write not yet done). */
  sent(kept: boolean): void {
    this.len = 0;
    // a write in progress reads these bytes later: the writer goes on in a buffer of its own
    if (kept) this.buf = Buffer.allocUnsafe(this.buf.length > SHRINK_ABOVE ? INITIAL_SIZE : this.buf.length);
    else if (this.buf.length > SHRINK_ABOVE) this.buf = Buffer.allocUnsafe(INITIAL_SIZE);
  }

  /** The bytes written so far (complete messages) as a copy of their own, leaving the writer empty. */
  take(): Buffer {
    // a copy (small ones come from Node's buffer pool): the socket holds it until written
    const out = Buffer.allocUnsafe(this.len);
    this.buf.copy(out, 0, 0, this.len);
    this.len = 0;
    // a long result grew the buffer: it does not stay that large
    if (this.buf.length > SHRINK_ABOVE) this.buf = Buffer.allocUnsafe(INITIAL_SIZE);
    return out;
  }
}
