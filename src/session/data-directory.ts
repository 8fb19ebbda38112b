// A data directory: a cluster of databases kept on disk.
//   DIR/relata.lock              the process holding it (data-lock.ts)
//   DIR/RELATA_VERSION           written last when the directory is initialised
//   DIR/global.json              the cluster's roles and databases (the server's Cluster writes it)
//   DIR/base/<name>/checkpoint   a database's last checkpoint
//   DIR/base/<name>/wal-N        its write-ahead log since that checkpoint
// Database names are encoded in directory names (anything but letters, digits, _ and - as
// %XX). Opening a database recovers it: checkpoint, then the log up to its first damaged
// record, the rest of which is cut off.
import { join } from 'node:path';
import { PgError } from '../errors/index.js';
import { readCheckpointFile, writeCheckpointFile } from '../storage/checkpoint.js';
import { scanWal, WalWriter } from '../storage/wal.js';
import { fileError, nodeFs, type StorageFs } from '../storage/wal-fs.js';
import { acquireLock, LOCK_FILE } from './data-lock.js';
import { CHECKPOINT_FILE, DurableStorage, walFile, type DurableOptions } from './durable-engine.js';
import { Replay, stateRecords } from './engine-image.js';
import { Engine } from './engine.js';
import type { DatabaseStore } from './memory-store.js';

export const VERSION_FILE = 'RELATA_VERSION';
const VERSION = '1';
/** What a new data directory starts with (the server's cluster adds template0). */
const INITIAL_DATABASES = ['template1', 'postgres'];

export interface DataDirectoryOptions extends DurableOptions {
  /** File operations (tests inject disk errors). */
  fs?: StorageFs;
}

const encodeName = (name: string) => [...Buffer.from(name, 'utf8')]
  .map(b => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const decodeName = (dir: string) => Buffer.from(dir.replace(/%([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

export class DataDirectory implements DatabaseStore {
  private readonly engines = new Map<string, DurableStorage>();
  private closed = false;

  private constructor(readonly dir: string, private readonly fs: StorageFs, private readonly options: DataDirectoryOptions,
    private readonly release: () => void) {}

  /** Opens (initialising on first use, with the databases postgres and template1) and locks a data directory. */
  static open(dir: string, options: DataDirectoryOptions = {}): DataDirectory {
    const fs = options.fs ?? nodeFs;
    try { fs.mkdir(dir); } catch (e) { throw fileError(e, `could not create directory "${dir}"`); }
    const release = acquireLock(fs, dir);
    try {
      const d = new DataDirectory(dir, fs, options, release);
      d.prepare();
      return d;
    } catch (e) {
      release();
      throw e;
    }
  }

  private get base(): string {
    return join(this.dir, 'base');
  }

  /** Where the server's cluster keeps its roles and list of databases. */
  get sharedStateFile(): string {
    return join(this.dir, 'global.json');
  }

  private prepare(): void {
    const fs = this.fs;
    const versionPath = join(this.dir, VERSION_FILE);
    if (fs.exists(versionPath)) {
      const v = fs.readFile(versionPath).toString('utf8').trim();
      if (v !== VERSION) throw new PgError('XX000', `data directory "${this.dir}" has format ${v}; this version of Relata reads format ${VERSION}`);
    } else {
      const foreign = fs.readdir(this.dir).filter(f => f !== LOCK_FILE && f !== 'base' && f !== `${VERSION_FILE}.tmp`);
      if (foreign.length) {
        throw new PgError('58P02', `directory "${this.dir}" exists but is not empty`,
          { hint: 'It is not a Relata data directory: use an empty or new directory.' });
      }
    }
    try { fs.mkdir(this.base); } catch (e) { throw fileError(e, `could not create directory "${this.base}"`); }
    // leftovers of a crash in the middle of CREATE or DROP DATABASE
    for (const f of fs.readdir(this.base)) if (f.startsWith('.')) fs.rmTree(join(this.base, f));
    if (!fs.exists(versionPath)) {
      for (const name of INITIAL_DATABASES) if (!fs.exists(join(this.base, encodeName(name)))) this.writeDatabase(name, new Engine(name));
      const tmp = `${versionPath}.tmp`;
      try {
        const fd = fs.open(tmp, 'w');
        try { fs.write(fd, Buffer.from(`${VERSION}\n`), 0); fs.fsync(fd); } finally { fs.close(fd); }
        fs.rename(tmp, versionPath);
        fs.fsyncDir(this.dir);
      } catch (e) { throw fileError(e, `could not write file "${VERSION_FILE}"`); }
    }
  }

  private check(): void {
    if (this.closed) throw new PgError('55000', `data directory "${this.dir}" is closed`);
  }

  names(): string[] {
    this.check();
    return this.fs.readdir(this.base).filter(f => !f.startsWith('.')).map(decodeName);
  }

  /** The database's engine, recovered from its checkpoint and log on first open. */
  open(name: string): Engine {
    this.check();
    const open = this.engines.get(name);
    if (open) return open.engine;
    const dbDir = join(this.base, encodeName(name));
    if (!this.fs.exists(dbDir)) throw new PgError('3D000', `database "${name}" does not exist`);
    const storage = this.recover(name, dbDir);
    this.engines.set(name, storage);
    return storage.engine;
  }

  private recover(name: string, dbDir: string): DurableStorage {
    const fs = this.fs;
    const records = readCheckpointFile(fs, join(dbDir, CHECKPOINT_FILE), `base/${encodeName(name)}/${CHECKPOINT_FILE}`);
    if (!records) throw new PgError('58P01', `database "${name}" has no checkpoint file in "${dbDir}"`);
    const replay = new Replay();
    for (const r of records) replay.checkpointRecord(r);
    if (!replay.complete) throw new PgError('XX001', `checkpoint of database "${name}" is incomplete`);
    const log = walFile(replay.gen);
    const logPath = join(dbDir, log);
    let valid = 0;
    if (fs.exists(logPath)) {
      let bytes: Buffer;
      try { bytes = fs.readFile(logPath); } catch (e) { throw fileError(e, `could not read file "${log}"`); }
      valid = scanWal(bytes, rec => replay.logRecord(rec));
    }
    // a log older than the checkpoint, one of a checkpoint never completed, a checkpoint's temporary file
    for (const f of fs.readdir(dbDir)) {
      if ((f.startsWith('wal-') && f !== log) || f.endsWith('.tmp')) {
        try { fs.unlink(join(dbDir, f)); } catch { /* harmless: it is ignored */ }
      }
    }
    const engine = replay.build(name);
    const existed = fs.exists(logPath);
    const wal = WalWriter.open(fs, logPath, log, valid);
    // a new log's name must be on disk before a commit in it can count as durable
    if (!existed) {
      try { fs.fsyncDir(dbDir); } catch (e) { void wal.close(false); throw fileError(e, `could not fsync directory "${dbDir}"`); }
    }
    return new DurableStorage(engine, fs, dbDir, replay.gen, wal, this.options);
  }

  /** Writes a new database as a checkpoint of `template`'s committed state, then opens it. */
  create(name: string, template: Engine): Engine {
    this.check();
    if (this.fs.exists(join(this.base, encodeName(name)))) throw new PgError('42P04', `database "${name}" already exists`);
    this.writeDatabase(name, template);
    return this.open(name);
  }

  /** A database directory filled under a temporary name and renamed into place: there whole, or not at all. */
  private writeDatabase(name: string, template: Engine): void {
    const fs = this.fs;
    const enc = encodeName(name);
    const tmp = join(this.base, `.new-${enc}`);
    try {
      fs.rmTree(tmp);
      fs.mkdir(tmp);
      writeCheckpointFile(fs, tmp, CHECKPOINT_FILE, stateRecords(template, 1));
      fs.rename(tmp, join(this.base, enc));
      fs.fsyncDir(this.base);
    } catch (e) {
      try { fs.rmTree(tmp); } catch { /* removed on the next open */ }
      throw fileError(e, `could not create database directory "base/${enc}"`);
    }
  }

  drop(name: string): void {
    this.check();
    const enc = encodeName(name);
    const dbDir = join(this.base, enc);
    if (!this.fs.exists(dbDir)) throw new PgError('3D000', `database "${name}" does not exist`);
    this.engines.get(name)?.abandon();
    this.engines.delete(name);
    const trash = join(this.base, `.drop-${enc}`);
    try {
      this.fs.rmTree(trash);
      this.fs.rename(dbDir, trash);
      this.fs.fsyncDir(this.base);
    } catch (e) { throw fileError(e, `could not remove database directory "base/${enc}"`); }
    try { this.fs.rmTree(trash); } catch { /* removed on the next open */ }
  }

  rename(from: string, to: string): void {
    this.check();
    const src = join(this.base, encodeName(from)), dst = join(this.base, encodeName(to));
    if (!this.fs.exists(src)) throw new PgError('3D000', `database "${from}" does not exist`);
    if (this.fs.exists(dst)) throw new PgError('42P04', `database "${to}" already exists`);
    try {
      this.fs.rename(src, dst);
      this.fs.fsyncDir(this.base);
    } catch (e) { throw fileError(e, `could not rename database directory "base/${encodeName(from)}"`); }
    const open = this.engines.get(from);
    if (open) {
      open.moveTo(dst);
      this.engines.delete(from);
      this.engines.set(to, open);
    }
  }

  /** Checkpoints every open database, closes their files and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let err: unknown = null;
    for (const s of this.engines.values()) {
      try { await s.close(); } catch (e) { err ??= e; }
    }
    this.engines.clear();
    this.release();
    if (err) throw err;
  }
}
