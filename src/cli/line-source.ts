// Input lines for the shell: from a stream (scripts, pipes) or from a terminal
// through node:readline with a prompt.
import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface LineSource {
  /** A terminal: prompts are shown and -a echo does not apply. */
  readonly interactive: boolean;
  /** The next line without its newline, or null at end of input. */
  readLine(prompt: string): Promise<string | null>;
  /** True (once) if the user pressed Ctrl-C since the last call. */
  takeCancel?(): boolean;
  close?(): void;
}

/** Lines of a whole text already in memory. */
export class TextLineSource implements LineSource {
  readonly interactive = false;
  private pos = 0;

  constructor(private readonly text: string) {}

  async readLine(): Promise<string | null> {
    return this.next();
  }

  next(): string | null {
    const t = this.text;
    if (this.pos >= t.length) return null;
    const nl = t.indexOf('\n', this.pos);
    const end = nl < 0 ? t.length : nl;
    const line = t.slice(this.pos, end);
    this.pos = nl < 0 ? t.length : nl + 1;
    return line;
  }
}

/** Lines of a stream, read as they arrive (UTF-8). */
export class StreamLineSource implements LineSource {
  readonly interactive = false;
  private buf = '';
  private ended = false;
  private readonly iter: AsyncIterator<string | Buffer>;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(stream: Readable) {
    this.iter = stream[Symbol.asyncIterator]();
  }

  async readLine(): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        if (this.buf.length === 0) return null;
        const line = this.buf;
        this.buf = '';
        return line;
      }
      const r = await this.iter.next();
      if (r.done) {
        this.ended = true;
        this.buf += this.decoder.decode();
      } else {
        const chunk = r.value;
        this.buf += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
      }
    }
  }
}

/** Interactive terminal input with line editing and history. */
export class TerminalLineSource implements LineSource {
  readonly interactive = true;
  private readonly rl: readline.Interface;
  private readonly queue: string[] = [];
  private waiting: ((line: string | null) => void) | undefined;
  private closed = false;
  private cancelled = false;

  constructor(input: Readable, output: Writable) {
    this.rl = readline.createInterface({ input, output, terminal: true, historySize: 500 });
    this.rl.on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else {
        this.queue.push(line);
      }
    });
    this.rl.on('close', () => {
      this.closed = true;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(null);
      }
    });
    this.rl.on('SIGINT', () => {
      // psql: Ctrl-C discards the query being typed and shows a fresh prompt
      this.cancelled = true;
      output.write('\n');
      (this.rl as unknown as { line: string }).line = '';
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w('');
      }
    });
  }

  readLine(prompt: string): Promise<string | null> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    });
  }

  takeCancel(): boolean {
    const c = this.cancelled;
    this.cancelled = false;
    return c;
  }

  close(): void {
    this.rl.close();
  }
}
