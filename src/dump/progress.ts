// A progress bar for long dumps: one line on a terminal, redrawn at most ten times a second.
import type { Writable } from 'node:stream';

/** Below this many rows a dump is quick: no bar. */
export const LARGE_DUMP_ROWS = 100_000;

export class ProgressBar {
  private last = -Infinity;
  private shown = false;

  constructor(private readonly term: Pick<Writable, 'write'>, private readonly width = 30, private readonly now = () => Date.now()) {}

  update(done: number, total: number): void {
    if (total < LARGE_DUMP_ROWS) return;
    const t = this.now();
    if (done < total && t - this.last < 100) return;
    this.last = t;
    const frac = Math.min(1, done / total);
    const filled = Math.round(frac * this.width);
    this.term.write(`\r[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% ` +
      `${done}/${total} rows`);
    this.shown = true;
  }

  /** Clears the line, so what follows starts on a clean one. */
  finish(): void {
    if (this.shown) this.term.write('\r\x1b[K');
    this.shown = false;
  }
}
