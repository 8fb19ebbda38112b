// The databases of a server without a data directory: engines in memory, lost when
// the server stops. The same interface as the data directory's (data-directory.ts).
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { Engine } from './engine.js';
import { copyEngine } from './engine-image.js';

/** Where a cluster keeps its databases: in memory (MemoryStore) or in a data directory. */
export interface DatabaseStore {
  names(): string[];
  /** An existing database, recovered. */
  open(name: string): Engine;
  /** A copy of the template's committed state, durable before returning. */
  create(name: string, template: Engine): Engine;
  drop(name: string): void;
  /** ALTER DATABASE … RENAME TO (a store without it refuses the rename). */
  rename?(from: string, to: string): void;
  close(): Promise<void>;
}

/** The schemas every new catalog has: a template with nothing else is copied by starting afresh. */
const BUILT_IN_SCHEMAS = new Set(['pg_catalog', 'public', 'information_schema']);

/** Does the engine hold nothing a user created (so a fresh engine is its copy)? */
export function isPristine(engine: Engine): boolean {
  const cat: Catalog = engine.catalog;
  for (const s of cat.schemas.values()) {
    if (!BUILT_IN_SCHEMAS.has(s.name)) return false;
    if (s.name === 'public') { if (s.relations.size) return false; }
  }
  return cat.comments.size === 0;
}

export class MemoryStore implements DatabaseStore {
  private readonly engines = new Map<string, Engine>();

  constructor(initial: string[] = ['template1', 'template0', 'postgres']) {
    for (const name of initial) this.engines.set(name, new Engine(name));
  }

  names(): string[] {
    return [...this.engines.keys()];
  }

  open(name: string): Engine {
    const e = this.engines.get(name);
    if (!e) throw new PgError('3D000', `database "${name}" does not exist`);
    return e;
  }

  create(name: string, template: Engine): Engine {
    // the template's committed objects and rows, through the image a checkpoint is made of
    const e = isPristine(template) ? new Engine(name) : copyEngine(template, name);
    this.engines.set(name, e);
    return e;
  }

  drop(name: string): void {
    this.engines.delete(name);
  }

  rename(from: string, to: string): void {
    const e = this.open(from);
    this.engines.delete(from);
    this.engines.set(to, e);
  }

  async close(): Promise<void> {
    this.engines.clear();
  }
}
