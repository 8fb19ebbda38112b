// Turns the repeats into the table: the median of each figure, Relata's ratio to each peer
// (how many times faster Relata is: above 1.00 is ahead), wrong answers flagged, never ranked.
import type { Outcome } from './child.js';
import type { SystemName } from './systems.js';

export interface Row {
  id: string;
  title: string;
  unit: string;
  higherIsBetter: boolean;
  /** Every repeat's outcome, per system. */
  outcomes: Map<SystemName, Outcome[]>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Cell { value?: number; flag?: string }

/** A system's figure for one row: the median of its repeats, unless any repeat was wrong or failed. */
function cell(outcomes: Outcome[] | undefined, notes: string[], system: string, id: string): Cell {
  if (!outcomes?.length) return { flag: 'missing' };
  const wrong = outcomes.find(o => o.wrong)?.wrong;
  if (wrong) { notes.push(`${system} ${id} wrong: ${wrong}`); return { flag: 'WRONG' }; }
  const error = outcomes.find(o => o.error)?.error;
  if (error) { notes.push(`${system} ${id} error: ${error}`); return { flag: 'error' }; }
  return { value: median(outcomes.map(o => o.value!)) };
}

const fmt = (v: number) => v >= 100 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2);

export function table(rows: Row[], systems: SystemName[], missing: Map<SystemName, string>, reference: SystemName = 'relata'): string {
  const peers = systems.filter(s => s !== reference);
  const notes: string[] = [];
  const head = ['workload', 'unit', ...systems, ...peers.map(p => `Relata ÷ ${p}`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => i < 2 ? '---' : '---:').join('|')}|`];
  for (const row of rows) {
    const cells = new Map(systems.map(s => [s, missing.has(s) ? { flag: 'missing' } : cell(row.outcomes.get(s), notes, s, row.id)]));
    const r = cells.get(reference)!;
    const ratios = peers.map(p => {
      const c = cells.get(p)!;
      if (r.value === undefined || c.value === undefined) return '—';
      const x = row.higherIsBetter ? r.value / c.value : c.value / r.value;
      return `${x.toFixed(2)}×`;
    });
    const shown = systems.map(s => { const c = cells.get(s)!; return c.value !== undefined ? fmt(c.value) : `**${c.flag}**`; });
    lines.push(`| ${row.id} ${row.title} | ${row.unit} | ${shown.join(' | ')} | ${ratios.join(' | ')} |`);
  }
  for (const [s, why] of missing) notes.push(`${s} missing: ${why}`);
  return lines.join('\n') + (notes.length ? '\n\n' + notes.map(n => `- ${n}`).join('\n') : '') + '\n';
}
