// The file operations the write-ahead log, checkpoints and the data directory use, behind
// one interface so that tests can inject disk errors (ENOSPC, EROFS, EIO) at any call.
// Everything is synchronous except fdatasync, which runs on libuv's thread pool so that
// commits arriving while one flush is in progress can share the next one (group commit).
import * as fs from 'node:fs';
import { PgError } from '../errors/index.js';

export interface StorageFs {
  open(path: string, flags: string): number;
  close(fd: number): void;
  /** Writes all of buf at position (looping over short writes). */
  write(fd: number, buf: Uint8Array, position: number): void;
  size(fd: number): number;
  fsync(fd: number): void;
  fdatasync(fd: number, done: (err: Error | null) => void): void;
  ftruncate(fd: number, length: number): void;
  readFile(path: string): Buffer;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  mkdir(path: string): void;
  readdir(path: string): string[];
  /** Removes a directory and everything in it. */
  rmTree(path: string): void;
  exists(path: string): boolean;
  /** fsync of a directory, so that the names created, renamed or removed in it are durable. */
  fsyncDir(path: string): void;
}

export const nodeFs: StorageFs = {
  open: (p, flags) => fs.openSync(p, flags, 0o600),
  close: fd => fs.closeSync(fd),
  write: (fd, buf, position) => {
    let done = 0;
    while (done < buf.length) done += fs.writeSync(fd, buf, done, buf.length - done, position + done);
  },
  size: fd => fs.fstatSync(fd).size,
  fsync: fd => fs.fsyncSync(fd),
  fdatasync: (fd, done) => fs.fdatasync(fd, err => done(err)),
  ftruncate: (fd, length) => fs.ftruncateSync(fd, length),
  readFile: p => fs.readFileSync(p),
  rename: (a, b) => fs.renameSync(a, b),
  unlink: p => fs.unlinkSync(p),
  mkdir: p => fs.mkdirSync(p, { recursive: true, mode: 0o700 }),
  readdir: p => fs.readdirSync(p),
  rmTree: p => fs.rmSync(p, { recursive: true, force: true }),
  exists: p => fs.existsSync(p),
  fsyncDir: p => {
    const fd = fs.openSync(p, 'r');
    try { fs.fsyncSync(fd); } catch (e: any) {
      // some file systems cannot fsync a directory; PostgreSQL ignores that too (fsync_fname)
      if (e?.code !== 'EINVAL' && e?.code !== 'EISDIR' && e?.code !== 'EBADF') throw e;
    } finally { fs.closeSync(fd); }
  },
};

/** strerror(3) texts for what a disk can answer, as PostgreSQL's %m prints them. */
const STRERROR: Record<string, string> = {
  ENOSPC: 'No space left on device', EIO: 'Input/output error', EROFS: 'Read-only file system',
  EACCES: 'Permission denied', EPERM: 'Operation not permitted', ENOENT: 'No such file or directory',
  EEXIST: 'File exists', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory', ENOTEMPTY: 'Directory not empty',
  EMFILE: 'Too many open files', ENFILE: 'Too many open files in system', EDQUOT: 'Disk quota exceeded',
  EFBIG: 'File too large', EBADF: 'Bad file descriptor', EINVAL: 'Invalid argument',
};

/** PostgreSQL's errcode_for_file_access (elog.c): the SQLSTATE for an errno. */
function fileErrorCode(errno: string | undefined): string {
  switch (errno) {
    case 'EPERM': case 'EACCES': case 'EROFS': return '42501';
    case 'ENOENT': return '58P01';
    case 'EEXIST': return '58P02';
    case 'ENOTDIR': case 'EISDIR': case 'ENOTEMPTY': return '42809';
    case 'ENOSPC': return '53100';
    case 'ENFILE': case 'EMFILE': return '53000';
    case 'EIO': return '58030';
  }
  return 'XX000';
}

/** A failed file operation as PostgreSQL reports it: `could not … "file": <strerror>`. */
export function fileError(e: unknown, what: string): PgError {
  if (e instanceof PgError) return e;
  const code = (e as { code?: string })?.code;
  const text = (code && STRERROR[code]) ?? (e as Error)?.message ?? String(e);
  return new PgError(fileErrorCode(code), `${what}: ${text}`);
}
