// One database: its catalog and storage, shared by every session on it.
import { Catalog } from '../catalog/catalog.js';
import './index-exprs.js';
import { installSystemCatalogs } from '../catalog/system/index.js';
import { TransactionManager } from '../storage/transactions.js';
import { LockManager } from '../storage/locks.js';
import { SsiManager } from '../storage/ssi.js';

/** Durable storage under a database (durable-engine.ts): the commit path writes the log through it. */
export interface EngineStorage {
  /**
   * Writes the log record of `top`, about to be marked committed; throws when it cannot (the
   * transaction then aborts). Resolves once the record is on disk; null when there is nothing
   * to wait for (or `wait` is false: synchronous_commit = off).
   */
  logCommit(top: number, wait: boolean): Promise<void> | null;
  /** After the commit is marked: takes a checkpoint when the log has grown long. */
  committed(): void;
}

export class Engine {
  catalog = new Catalog();
  tm = new TransactionManager();
  /** Null for a database in memory only. */
  storage: EngineStorage | null = null;
  /** What its sessions wait for (row locks, transactions, the database lock for DDL). */
  readonly locks: LockManager;
  /** Serializable Snapshot Isolation's conflict tracking. */
  readonly ssi: SsiManager;

  constructor(readonly database = 'relata') {
    this.locks = new LockManager(this.tm, database);
    this.ssi = new SsiManager(this.tm);
    installSystemCatalogs(this.catalog, database);
  }
}
