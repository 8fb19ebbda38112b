// Cancel requests on their way from the acceptor process (acceptor-child.ts) to the server's
// main thread, which may be busy running a statement and so deaf to its event loop. The
// acceptor appends one record per CancelRequest to a small unlinked file both processes hold
// open; the main thread reads what is new with one positional read (fs.readSync: a system
// call, no allocation; nothing new reads 0 bytes) at the executor's checkpoint, every 4096
// rows (executor/deadline.ts), and at once when idle on the IPC message that follows each
// record. A record: pid, secret key, arrival time (ms), and a check word so that a record
// read while being written is read again later rather than misread.
import { readSync, writeSync } from 'node:fs';

export const RECORD_SIZE = 24;
const MAGIC = 0x52454c41; // "RELA"

export interface CancelRecord { pid: number; key: number; at: number }

const checkWord = (pid: number, key: number, at: number) => (pid ^ key ^ MAGIC ^ (at % 0x7fffffff)) | 0;

/** The acceptor's side: appends records. */
export class CancelOutbox {
  private next = 0;
  private readonly buf = Buffer.alloc(RECORD_SIZE);
  constructor(private readonly fd: number) {}

  post(pid: number, key: number): void {
    const at = Date.now();
    this.buf.writeInt32BE(pid | 0, 0);
    this.buf.writeInt32BE(key | 0, 4);
    this.buf.writeDoubleBE(at, 8);
    this.buf.writeInt32BE(checkWord(pid | 0, key | 0, at), 16);
    this.buf.writeInt32BE(0, 20);
    writeSync(this.fd, this.buf, 0, RECORD_SIZE, this.next);
    this.next += RECORD_SIZE;
  }
}

/** The main thread's side: reads the records not read yet. */
export class CancelInbox {
  private offset = 0;
  private buf = Buffer.alloc(RECORD_SIZE * 32);
  constructor(private readonly fd: number) {}

  /** The records arrived since the last call (usually none: one read of 0 bytes). */
  take(): CancelRecord[] | null {
    let out: CancelRecord[] | null = null;
    for (;;) {
      const n = readSync(this.fd, this.buf, 0, this.buf.length, this.offset);
      const whole = n - (n % RECORD_SIZE);
      for (let p = 0; p < whole; p += RECORD_SIZE) {
        const pid = this.buf.readInt32BE(p), key = this.buf.readInt32BE(p + 4), at = this.buf.readDoubleBE(p + 8);
        // torn (being written): read again at the next check
        if (this.buf.readInt32BE(p + 16) !== checkWord(pid, key, at)) return out;
        (out ??= []).push({ pid, key, at });
        this.offset += RECORD_SIZE;
      }
      if (n < this.buf.length) return out;
    }
  }
}
