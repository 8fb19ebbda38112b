// Checkpoint files: the whole committed state of a database, written atomically — to a
// temporary file, fsync'd, renamed over the previous checkpoint, then the directory
// fsync'd — so that a crash leaves either the old checkpoint or the new one, never a mix.
// The file is a magic string followed by records framed as in the log (wal.ts); the
// caller's last record marks the end, so a truncated file is recognised as such.
import { join } from 'node:path';
import { PgError } from '../errors/index.js';
import { frameRecord, scanWal } from './wal.js';
import { fileError, type StorageFs } from './wal-fs.js';

const MAGIC = Buffer.from('RELATACP1\n');

/** Writes `records` as the file `name` in dir, atomically. */
export function writeCheckpointFile(fs: StorageFs, dir: string, name: string, records: Iterable<Uint8Array>): void {
  const tmp = `${name}.tmp`;
  const tmpPath = join(dir, tmp);
  let fd: number;
  try { fd = fs.open(tmpPath, 'w'); } catch (e) { throw fileError(e, `could not create file "${tmp}"`); }
  try {
    let at = 0;
    const put = (b: Uint8Array) => { fs.write(fd, b, at); at += b.length; };
    try {
      put(MAGIC);
      for (const r of records) put(frameRecord(r));
    } catch (e) { throw fileError(e, `could not write to file "${tmp}"`); }
    try { fs.fsync(fd); } catch (e) { throw fileError(e, `could not fsync file "${tmp}"`); }
  } catch (e) {
    try { fs.close(fd); } catch { /* already failing */ }
    try { fs.unlink(tmpPath); } catch { /* a leftover temporary file is ignored and replaced */ }
    throw e;
  }
  try { fs.close(fd); } catch (e) { throw fileError(e, `could not close file "${tmp}"`); }
  try { fs.rename(tmpPath, join(dir, name)); } catch (e) { throw fileError(e, `could not rename file "${tmp}" to "${name}"`); }
  try { fs.fsyncDir(dir); } catch (e) { throw fileError(e, `could not fsync directory "${dir}"`); }
}

/** The records of a checkpoint file, or null when it does not exist. A damaged file is an error, never a silent loss. */
export function readCheckpointFile(fs: StorageFs, path: string, display: string): Uint8Array[] | null {
  if (!fs.exists(path)) return null;
  let bytes: Buffer;
  try { bytes = fs.readFile(path); } catch (e) { throw fileError(e, `could not read file "${display}"`); }
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt(display, 'it is not a Relata checkpoint');
  const records: Uint8Array[] = [];
  const body = bytes.subarray(MAGIC.length);
  const valid = scanWal(body, r => records.push(r));
  if (valid !== body.length) throw corrupt(display, `a record at offset ${MAGIC.length + valid} is damaged`);
  return records;
}

function corrupt(display: string, why: string): PgError {
  return new PgError('XX001', `checkpoint file "${display}" is corrupt: ${why}`);
}
