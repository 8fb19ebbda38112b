// The top level of a (valid) json text split into its parts as written: an object's
// keys with the raw text of each value, an array's raw elements. json_each and
// json_array_elements return those texts unchanged, whitespace inside included.

export type JsonTop =
  | { kind: 'object'; entries: [string, string][] }
  | { kind: 'array'; items: string[] }
  | { kind: 'scalar' };

const isWs = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Index just past the value that starts at i (the text is known to be valid json). */
function skipValue(s: string, i: number): number {
  if (s[i] === '"') return skipString(s, i);
  if (s[i] === '{' || s[i] === '[') {
    let depth = 0;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '"') { i = skipString(s, i) - 1; continue; }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') { depth--; if (depth === 0) return i + 1; }
    }
    return i;
  }
  while (i < s.length && !isWs(s[i]) && s[i] !== ',' && s[i] !== '}' && s[i] !== ']') i++;
  return i;
}

function skipString(s: string, i: number): number {
  for (i++; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '"') return i + 1;
  }
  return i;
}

function skipWs(s: string, i: number): number {
  while (i < s.length && isWs(s[i])) i++;
  return i;
}

export function jsonTopLevel(s: string): JsonTop {
  let i = skipWs(s, 0);
  const open = s[i];
  if (open !== '{' && open !== '[') return { kind: 'scalar' };
  i = skipWs(s, i + 1);
  if (open === '[') {
    const items: string[] = [];
    while (s[i] !== ']') {
      const end = skipValue(s, i);
      items.push(s.slice(i, end));
      i = skipWs(s, end);
      if (s[i] === ',') i = skipWs(s, i + 1);
    }
    return { kind: 'array', items };
  }
  const entries: [string, string][] = [];
  while (s[i] !== '}') {
    const kEnd = skipString(s, i);
    const key = JSON.parse(s.slice(i, kEnd)) as string;
    i = skipWs(s, kEnd);
    i = skipWs(s, i + 1); // ':'
    const end = skipValue(s, i);
    entries.push([key, s.slice(i, end)]);
    i = skipWs(s, end);
    if (s[i] === ',') i = skipWs(s, i + 1);
  }
  return { kind: 'object', entries };
}
