// The ratchet: test/conformance/ratchet.json holds, per regression file, the
// number of statements that passed when it was last raised. `--check` fails when
// a file passes fewer; `--update` raises the figures to today's (never lowers
// them: a figure that must go down is edited by hand, with the reason in the commit).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface Ratchet {
  /** Per file: statements that must keep passing. */
  files: Record<string, number>;
}

export function loadRatchet(path: string): Ratchet {
  if (!existsSync(path)) return { files: {} };
  const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<Ratchet>;
  return { files: { ...(data.files ?? {}) } };
}

export function saveRatchet(path: string, r: Ratchet): void {
  const files: Record<string, number> = {};
  for (const k of Object.keys(r.files).sort()) files[k] = r.files[k];
  writeFileSync(path, JSON.stringify({ files }, null, 2) + '\n');
}

export interface RatchetFinding {
  name: string;
  committed: number;
  passed: number;
}

/** Files that pass fewer statements than committed, and files that pass more. */
export function checkRatchet(r: Ratchet, passed: Map<string, number>): { fell: RatchetFinding[]; rose: RatchetFinding[] } {
  const fell: RatchetFinding[] = [];
  const rose: RatchetFinding[] = [];
  for (const [name, n] of passed) {
    const committed = r.files[name] ?? 0;
    if (n < committed) fell.push({ name, committed, passed: n });
    else if (n > committed) rose.push({ name, committed, passed: n });
  }
  return { fell, rose };
}

/** The ratchet raised to today's figures where they are higher. */
export function raiseRatchet(r: Ratchet, passed: Map<string, number>): Ratchet {
  const files = { ...r.files };
  for (const [name, n] of passed) files[name] = Math.max(files[name] ?? 0, n);
  return { files };
}
