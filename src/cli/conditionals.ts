// psql's \if / \elif / \else / \endif stack (src/fe_utils/conditional.c and
// exec_command_if & co. in src/bin/psql/command.c).

export type IfState = 'true' | 'false' | 'ignored' | 'else-true' | 'else-false';

interface Frame {
  state: IfState;
  /** Query buffer length when the branch started, to drop text of skipped branches. */
  queryLength: number;
}

export class ConditionalStack {
  private frames: Frame[] = [];

  get depth(): number {
    return this.frames.length;
  }

  /** True when commands and queries run (no enclosing false branch). */
  active(): boolean {
    const top = this.frames[this.frames.length - 1];
    return !top || top.state === 'true' || top.state === 'else-true';
  }

  peek(): IfState | 'none' {
    return this.frames[this.frames.length - 1]?.state ?? 'none';
  }

  push(state: IfState, queryLength: number): void {
    this.frames.push({ state, queryLength });
  }

  poke(state: IfState): void {
    this.frames[this.frames.length - 1].state = state;
  }

  pop(): boolean {
    return this.frames.pop() !== undefined;
  }

  /** Remember the buffer length at the start of the next branch. */
  saveQueryLength(n: number): void {
    const top = this.frames[this.frames.length - 1];
    if (top) top.queryLength = n;
  }

  savedQueryLength(): number {
    return this.frames[this.frames.length - 1]?.queryLength ?? 0;
  }
}
