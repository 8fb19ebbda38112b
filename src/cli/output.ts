// Where the shell writes: stdout is buffered and always flushed before anything
// goes to stderr, so that `2>&1` interleaves exactly as psql's output does.

export interface TextWriter {
  write(text: string): unknown;
}

export class Output {
  private buf = '';

  constructor(
    private readonly stdout: TextWriter,
    private readonly stderr: TextWriter,
  ) {}

  /** Text for standard output. */
  out(text: string): void {
    this.buf += text;
    if (this.buf.length > 1 << 16) this.flush();
  }

  /** Text for standard error; pending standard output is written first. */
  err(text: string): void {
    this.flush();
    this.stderr.write(text);
  }

  flush(): void {
    if (this.buf.length > 0) {
      const b = this.buf;
      this.buf = '';
      this.stdout.write(b);
    }
  }
}
