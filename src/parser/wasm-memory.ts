// libpg-query's module declares 128 MiB of initial memory (emscripten's INITIAL_MEMORY) of
// which it touches a few: V8 counts all of it as external memory, above the 64 MiB at which
// it forces a full garbage collection, so every process start paid one. The module grows its
// memory on demand (emscripten_resize_heap, up to its declared maximum), so it can start with
// what it places statically: emscripten lays out data, then the stack, whose top is the initial
// value of the stack-pointer global; the heap starts above it. Only the sections before the
// code are read (the data section is 0.6 MB of bytes: too slow to walk at every start); if a
// data segment lay higher after all, instantiating fails and the caller uses the original.

/** Pages (64 KiB) of heap above the stack, before the first growth. */
const HEAP_PAGES = 64;
const PAGE = 65536;

/**
 * Gives the module in `bytes` a smaller initial memory, in place (no copy of its 0.9 MB);
 * false (and `bytes` unchanged) when it cannot tell how much it needs.
 */
export function shrinkInitialMemory(bytes: Uint8Array): boolean {
  try {
    return shrink(bytes);
  } catch {
    return false;
  }
}

function shrink(b: Uint8Array): boolean {
  if (b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) return false;
  let p = 8;
  function leb(): number {
    let r = 0, s = 0, x: number;
    do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && s < 35);
    return r;
  }
  let initAt = -1, initWidth = 0, initial = 0, max = Infinity, stackTop = 0;
  // sections come in id order: import (2) … memory (5), global (6), then the code
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const end = p + size;
    // an imported memory is sized by whoever provides it; an imported global may be the stack pointer
    if (id === 2 && importsMemoryOrGlobal()) return false;
    if (id === 5) {
      if (leb() !== 1) return false;
      const flags = leb();
      if (flags & ~1) return false; // shared or 64-bit memories: left alone
      initAt = p; initial = leb(); initWidth = p - initAt;
      if (flags & 1) max = leb();
    } else if (id === 6) {
      // the mutable i32 globals, each with a constant start: the stack pointer is the highest
      const n = leb();
      for (let i = 0; i < n; i++) {
        const type = b[p++], mutable = b[p++];
        if (type !== 0x7f || b[p++] !== 0x41) return false; // not i32, or not started by i32.const
        const v = sleb();
        if (mutable) stackTop = Math.max(stackTop, v);
        if (b[p++] !== 0x0b) return false;
      }
      break;
    } else if (id > 6 && id !== 0) break;
    p = end;
  }
  if (initAt < 0 || stackTop <= 0) return false;
  const pages = Math.ceil(stackTop / PAGE) + HEAP_PAGES;
  // the new size takes as many LEB bytes as the old one (padded), so no section size changes
  if (pages >= initial || pages > max || pages >= 2 ** (7 * initWidth)) return false;
  for (let i = 0, v = pages; i < initWidth; i++, v = Math.floor(v / 128)) b[initAt + i] = (v & 0x7f) | (i < initWidth - 1 ? 0x80 : 0);
  return true;

  function sleb(): number {
    let r = 0, s = 0, x: number;
    do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && s < 35);
    return x & 0x40 ? r - 2 ** s : r;
  }

  function importsMemoryOrGlobal(): boolean {
    const n = leb();
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 2; k++) { const len = leb(); p += len; } // module and field names
      const kind = b[p++];
      if (kind === 0) leb();
      else if (kind === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); }
      else return true; // a memory (2), a global (3), or a kind not known here
    }
    return false;
  }
}
