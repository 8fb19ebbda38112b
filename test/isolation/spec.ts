// PostgreSQL's isolation test specs (src/test/isolation/specs/*.spec): setup and teardown
// blocks, sessions with their steps, and the permutations to run, parsed as
// isolationtester's specscanner.l/specparse.y do (a block's SQL is the text between its
// braces, trimmed; `#` starts a comment).

export interface Step { name: string; session: number; sql: string }
export interface SpecSession { name: string; setup: string | null; teardown: string | null; steps: Step[] }
export interface Spec { setup: string[]; teardown: string | null; sessions: SpecSession[]; permutations: string[][] }

type Token = { k: 'word' | 'block'; v: string; line: number };

function tokens(src: string): Token[] {
  const out: Token[] = [];
  let i = 0, line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '{') {
      const end = src.indexOf('}', i + 1);
      if (end < 0) throw new Error(`unterminated block at line ${line}`);
      const body = src.slice(i + 1, end);
      out.push({ k: 'block', v: body.replace(/^\s+/, '').replace(/\s+$/, ''), line });
      line += body.split('\n').length - 1;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      out.push({ k: 'word', v: src.slice(i + 1, end), line });
      i = end + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') throw new Error(`step annotations are not supported (line ${line})`);
    const m = /^[A-Za-z0-9_]+/.exec(src.slice(i));
    if (!m) throw new Error(`unexpected "${c}" at line ${line}`);
    out.push({ k: 'word', v: m[0], line });
    i += m[0].length;
  }
  return out;
}

export function parseSpec(src: string): Spec {
  const ts = tokens(src);
  let p = 0;
  const peek = () => ts[p];
  const word = (w?: string) => {
    const t = ts[p++];
    if (!t || t.k !== 'word' || (w && t.v !== w)) throw new Error(`expected ${w ?? 'a name'} at line ${t?.line ?? 'end'}`);
    return t.v;
  };
  const block = () => {
    const t = ts[p++];
    if (!t || t.k !== 'block') throw new Error(`expected { … } at line ${t?.line ?? 'end'}`);
    return t.v;
  };
  const spec: Spec = { setup: [], teardown: null, sessions: [], permutations: [] };
  while (peek()?.v === 'setup') { p++; spec.setup.push(block()); }
  if (peek()?.v === 'teardown') { p++; spec.teardown = block(); }
  while (peek()?.v === 'session') {
    p++;
    const s: SpecSession = { name: word(), setup: null, teardown: null, steps: [] };
    if (peek()?.v === 'setup') { p++; s.setup = block(); }
    while (peek()?.v === 'step') { p++; s.steps.push({ name: word(), session: spec.sessions.length, sql: block() }); }
    if (peek()?.v === 'teardown') { p++; s.teardown = block(); }
    spec.sessions.push(s);
  }
  while (peek()?.v === 'permutation') {
    p++;
    const perm: string[] = [];
    while (peek() && peek().k === 'word' && peek().v !== 'permutation') perm.push(word());
    spec.permutations.push(perm);
  }
  if (p < ts.length) throw new Error(`unexpected "${ts[p].v}" at line ${ts[p].line}`);
  if (!spec.permutations.length) spec.permutations = allPermutations(spec.sessions.map(s => s.steps.map(st => st.name)));
  return spec;
}

/** Without a permutation list isolationtester runs every interleaving of the sessions' steps, each session's in order. */
function allPermutations(lists: string[][]): string[][] {
  const out: string[][] = [];
  const pos = lists.map(() => 0);
  const cur: string[] = [];
  const total = lists.reduce((n, l) => n + l.length, 0);
  const rec = () => {
    if (cur.length === total) { out.push(cur.slice()); return; }
    for (let i = 0; i < lists.length; i++) {
      if (pos[i] >= lists[i].length) continue;
      cur.push(lists[i][pos[i]++]);
      rec();
      pos[i]--;
      cur.pop();
    }
  };
  rec();
  return out;
}
