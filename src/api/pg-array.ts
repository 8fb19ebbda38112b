// PostgreSQL's array text form ('{1,2,NULL}', '{{"a b",c}}', '[0:1]={1,2}') read into nested
// JavaScript arrays, the way node-postgres does it (its postgres-array 2.0.0 parser), so that
// Relata hands back the same values: NULL unquoted is null, "NULL" quoted is the string.

export type ElementParser = (text: string) => unknown;

export function parseArray(source: string, transform: ElementParser = s => s): unknown[] {
  return new ArrayReader(source, transform).read(false);
}

class ArrayReader {
  position = 0;
  private entries: unknown[] = [];
  private recorded: string[] = [];
  private dimension = 0;

  constructor(private readonly source: string, private readonly transform: ElementParser) {}

  private next(): { value: string; escaped: boolean } {
    const c = this.source[this.position++];
    if (c === '\\') return { value: this.source[this.position++], escaped: true };
    return { value: c, escaped: false };
  }

  private newEntry(includeEmpty = false): void {
    if (this.recorded.length === 0 && !includeEmpty) return;
    const text = this.recorded.join('');
    this.recorded = [];
    this.entries.push(text === 'NULL' && !includeEmpty ? null : this.transform(text));
  }

  read(nested: boolean): unknown[] {
    // explicit bounds ('[0:1]={…}') are skipped, as node-postgres does
    if (this.source[0] === '[') {
      while (this.position < this.source.length && this.next().value !== '=');
    }
    let quote = false;
    while (this.position < this.source.length) {
      const c = this.next();
      if (c.value === '{' && !quote) {
        this.dimension++;
        if (this.dimension > 1) {
          const inner = new ArrayReader(this.source.substring(this.position - 1), this.transform);
          this.entries.push(inner.read(true));
          this.position += inner.position - 2;
        }
      } else if (c.value === '}' && !quote) {
        this.dimension--;
        if (!this.dimension) {
          this.newEntry();
          if (nested) return this.entries;
        }
      } else if (c.value === '"' && !c.escaped) {
        if (quote) this.newEntry(true);
        quote = !quote;
      } else if (c.value === ',' && !quote) {
        this.newEntry();
      } else {
        this.recorded.push(c.value);
      }
    }
    if (this.dimension !== 0) throw new Error('array dimension not balanced');
    return this.entries;
  }
}
