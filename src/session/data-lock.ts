// The lock file of a data directory (PostgreSQL's postmaster.pid): one process at a time,
// and one DataDirectory per directory within a process. A lock left by a process that no
// longer runs (killed, crashed) is taken over.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { PgError } from '../errors/index.js';
import { fileError, type StorageFs } from '../storage/wal-fs.js';

export const LOCK_FILE = 'relata.lock';

/** Directories this process holds (by real path). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e: any) { return e?.code === 'EPERM'; }
}

/** Takes the directory's lock; returns its release. */
export function acquireLock(fs: StorageFs, dir: string): () => void {
  const key = realpathSync(dir);
  if (held.has(key)) {
    throw new PgError('F0001', `data directory "${dir}" is already open in this process`,
      { hint: 'Close the other Database or server using it first.' });
  }
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = fs.open(path, 'wx');
    } catch (e: any) {
      if (e?.code !== 'EEXIST' || attempt > 2) throw fileError(e, `could not create lock file "${path}"`);
      const other = Number.parseInt(String(readOr(fs, path)), 10);
      // our own pid is stale too when no DataDirectory of ours holds it (a container restarted with the same pid)
      if (Number.isInteger(other) && other > 0 && other !== process.pid && alive(other)) {
        throw new PgError('F0001', `lock file "${LOCK_FILE}" already exists`,
          { hint: `Is another Relata process (PID ${other}) running in data directory "${dir}"?` });
      }
      try { fs.unlink(path); } catch { /* another process took it over first: try again */ }
      continue;
    }
    try {
      fs.write(fd, Buffer.from(`${process.pid}\n`), 0);
      fs.fsync(fd);
    } catch (e) {
      fs.close(fd);
      try { fs.unlink(path); } catch { /* nothing to undo */ }
      throw fileError(e, `could not write lock file "${path}"`);
    }
    fs.close(fd);
    held.add(key);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.delete(key);
      try { if (Number.parseInt(String(readOr(fs, path)), 10) === process.pid) fs.unlink(path); } catch { /* already gone */ }
    };
  }
}

function readOr(fs: StorageFs, path: string): string {
  try { return fs.readFile(path).toString('utf8'); } catch { return ''; }
}
