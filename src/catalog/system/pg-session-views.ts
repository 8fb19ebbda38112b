// System views whose rows belong to the session whose statement runs (pg_cursors,
// pg_prepared_statements): sessions share the catalog, so each names its sources before a
// statement runs (statements run one at a time), as pg_settings does (pg-settings.ts).
import type { Catalog } from '../catalog.js';

export type SessionViewSources = Record<string, () => unknown[][]>;

const sources = new WeakMap<Catalog, SessionViewSources>();

/** The rows session-owned views show for statements run from now on. */
export function setSessionViewSources(cat: Catalog, s: SessionViewSources): void {
  sources.set(cat, s);
}

/** The rows function of the view `name`. */
export const sessionViewRows = (name: string) => (cat: Catalog): unknown[][] => sources.get(cat)?.[name]?.() ?? [];
