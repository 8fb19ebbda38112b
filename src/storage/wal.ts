// The write-ahead log: one record per committed transaction, appended at COMMIT and made
// durable with fdatasync before the client hears success. On disk a record is one or more
// frames [length u32][crc32 u32][flag u8][payload]: the checksum covers the length, the flag
// and the payload, and a record larger than a frame continues in the next ones (flag 1) up to
// its last frame (flag 0). Reading stops at the first frame that is short or fails its
// checksum: that is the torn tail of a crash, and everything from there on is discarded.
import { PgError } from '../errors/index.js';
import { crc32 } from './crc32.js';
import { fileError, type StorageFs } from './wal-fs.js';

const HEADER = 9;
/** Largest payload of one frame (a record may span several). */
export const MAX_FRAME = 16 * 1024 * 1024;

/** The frames of one record, ready to append. */
export function frameRecord(payload: Uint8Array, maxFrame = MAX_FRAME): Buffer {
  const parts = Math.max(1, Math.ceil(payload.length / maxFrame));
  const out = Buffer.allocUnsafe(payload.length + parts * HEADER);
  let at = 0;
  for (let i = 0; i < parts; i++) {
    const chunk = payload.subarray(i * maxFrame, Math.min(payload.length, (i + 1) * maxFrame));
    out.writeUInt32LE(chunk.length, at);
    out[at + 8] = i === parts - 1 ? 0 : 1;
    out.set(chunk, at + HEADER);
    let c = crc32(out, 0, at, at + 4);
    c = crc32(out, c, at + 8, at + HEADER + chunk.length);
    out.writeUInt32LE(c, at + 4);
    at += HEADER + chunk.length;
  }
  return out;
}

/**
 * Calls onRecord for each complete, intact record from the start of bytes; returns the
 * length of the valid prefix (where the next record would be appended).
 */
export function scanWal(bytes: Uint8Array, onRecord: (payload: Uint8Array) => void): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0, valid = 0;
  let parts: Uint8Array[] = [];
  while (at + HEADER <= bytes.length) {
    const len = view.getUint32(at, true);
    const flag = bytes[at + 8];
    if (len > MAX_FRAME || flag > 1 || at + HEADER + len > bytes.length) break;
    let c = crc32(bytes, 0, at, at + 4);
    c = crc32(bytes, c, at + 8, at + HEADER + len);
    if (c !== view.getUint32(at + 4, true)) break;
    parts.push(bytes.subarray(at + HEADER, at + HEADER + len));
    at += HEADER + len;
    if (flag === 0) {
      onRecord(parts.length === 1 ? parts[0] : Buffer.concat(parts));
      parts = [];
      valid = at;
    }
  }
  return valid;
}

interface Waiter { upTo: number; resolve: () => void; reject: (e: PgError) => void }

/**
 * Appends records to one log file and flushes them with group commit: at most one
 * fdatasync is in flight; commits that arrive meanwhile wait for the next one, which
 * covers them all. A failed write is cut off again (the transaction then aborts); a failed
 * flush, or a write that cannot be cut off, breaks the log: every later commit is refused
 * until the database is reopened and recovered, as PostgreSQL's PANIC would force.
 */
export class WalWriter {
  private end: number;
  private durable: number;
  private flushing = false;
  private waiters: Waiter[] = [];
  private closed = false;
  private onIdle: (() => void) | null = null;
  broken: PgError | null = null;

  private constructor(private readonly fs: StorageFs, readonly path: string, readonly name: string, private readonly fd: number, size: number) {
    this.end = size;
    this.durable = size;
  }

  /** Opens (creating when absent) a log file and cuts it to `validLength` when given. */
  static open(fs: StorageFs, path: string, name: string, validLength?: number): WalWriter {
    let fd: number;
    try { fd = fs.open(path, fs.exists(path) ? 'r+' : 'w+'); } catch (e) { throw fileError(e, `could not open file "${name}"`); }
    try {
      let size = fs.size(fd);
      if (validLength !== undefined && validLength < size) {
        fs.ftruncate(fd, validLength);
        fs.fsync(fd);
        size = validLength;
      }
      return new WalWriter(fs, path, name, fd, size);
    } catch (e) {
      fs.close(fd);
      throw fileError(e, `could not truncate file "${name}"`);
    }
  }

  get size(): number {
    return this.end;
  }

  /** Appends one record's frames; returns the offset a flush must reach for it to be durable. */
  append(frames: Uint8Array): number {
    if (this.broken) throw this.broken;
    const at = this.end;
    try {
      this.fs.write(this.fd, frames, at);
    } catch (e) {
      const err = fileError(e, `could not write to log file "${this.name}" at offset ${at}, length ${frames.length}`);
      try { this.fs.ftruncate(this.fd, at); } catch { this.broken = refusing(err); }
      throw err;
    }
    this.end = at + frames.length;
    return this.end;
  }

  /** Resolves once everything up to `upTo` is on disk. */
  waitFor(upTo: number): Promise<void> {
    if (this.durable >= upTo) return Promise.resolve();
    if (this.broken) return handled(Promise.reject(this.broken));
    const p = handled(new Promise<void>((resolve, reject) => this.waiters.push({ upTo, resolve, reject })));
    this.kick();
    return p;
  }

  /** Starts flushing what is appended without waiting for it (synchronous_commit = off). */
  flushSoon(): void {
    this.kick();
  }

  /** A promise for everything appended so far, or null when it is all on disk already. */
  pending(): Promise<void> | null {
    // after a failed flush nothing becomes durable any more: readers are not held up by it
    return this.durable >= this.end || this.broken ? null : this.waitFor(this.end);
  }

  private kick(): void {
    if (this.flushing || this.closed || this.broken || this.durable >= this.end) return;
    const target = this.end;
    this.flushing = true;
    this.fs.fdatasync(this.fd, err => {
      this.flushing = false;
      if (err) {
        if (!this.closed) this.fail(refusing(fileError(err, `could not fdatasync file "${this.name}"`)));
      } else if (target > this.durable) {
        this.durable = target;
        this.settle();
      }
      if (this.onIdle) this.onIdle();
      else this.kick();
    });
  }

  private settle(): void {
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.upTo <= this.durable ? w.resolve() : still.push(w));
    this.waiters = still;
  }

  private fail(e: PgError): void {
    this.broken = e;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w.reject(e);
  }

  /**
   * A checkpoint has made everything appended here durable: waiters are released and the
   * file is closed once no flush is in flight (the caller then removes it).
   */
  retire(): Promise<void> {
    this.durable = this.end;
    this.settle();
    return this.close(false);
  }

  /** Flushes what is appended (unless `flush` is false), then closes the file. */
  async close(flush = true): Promise<void> {
    if (flush && !this.broken) {
      const p = this.pending();
      if (p) await p;
    }
    if (this.closed) return;
    this.closed = true;
    if (this.flushing) await new Promise<void>(resolve => { this.onIdle = resolve; });
    if (this.waiters.length) this.fail(this.broken ?? new PgError('57P01', 'the database is being closed'));
    try { this.fs.close(this.fd); } catch { /* nothing more is written through it */ }
  }
}

/**
 * Marks a promise's rejection as handled (it still rejects for whoever awaits it): a commit's
 * flush that no one waits for must not end the process as an unhandled rejection.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** The error a broken log gives every later commit, with what to do about it. */
function refusing(e: PgError): PgError {
  e.hint = 'The database refuses further writes after this failure; close and reopen it to recover from its data directory.';
  return e;
}
