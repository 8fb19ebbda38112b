// Reading a connection's bytes into one buffer of its own. A net.Socket's 'data' events cost,
// per read, a 64 KiB allocation that Node shrinks to what was read, an ArrayBuffer around it
// that the GC later finalizes, and the stream's push/emit machinery; with `onread` Node reads
// into a buffer the socket keeps and calls back with the count (≈ 1 µs less CPU per message
// round trip). Node offers `onread` only to sockets it builds around a handle, so the handle of
// an accepted socket moves to a new net.Socket, as Node itself does when it sends a socket to
// another process. What the old socket had read already comes along (`head`).
import net from 'node:net';

/** The libuv stream handle under a net.Socket (Node's TCP wrap). */
interface StreamHandle {
  reading: boolean;
  readStop(): number;
  useUserBuffer?: unknown;
}

interface SocketInternals {
  _handle: StreamHandle | null;
  _read(n: number): void;
}

export interface Adopted {
  socket: net.Socket;
  /** Bytes the old socket had read and not delivered (the acceptor's first packet). */
  head: Buffer | null;
}

/**
 * A socket reading into `buffer`, calling `onRead(n, buffer)` for each read, in place of
 * `socket` (which is closed without touching the connection); null when the socket cannot be
 * moved (no TCP handle of its own: TLS, connecting, ended), and it is used as it is.
 */
export function adoptSocket(socket: net.Socket, buffer: Buffer, onRead: (n: number, buf: Buffer) => void): Adopted | null {
  const s = socket as unknown as SocketInternals;
  const handle = s._handle;
  if (!handle || typeof handle.useUserBuffer !== 'function' || socket.connecting || socket.destroyed || socket.readableEnded) return null;
  handle.readStop();
  handle.reading = false;
  s._handle = null;
  // the old stream neither reads again (its _read would restart the handle) nor keeps the bytes it has
  s._read = () => undefined;
  const parts: Buffer[] = [];
  for (let d: Buffer | null; (d = socket.read() as Buffer | null) !== null;) parts.push(d);
  // without a handle this closes nothing: it ends the old object (and net.Server's count of it)
  socket.destroy();
  const adopted = new net.Socket({
    handle, readable: true, writable: true,
    onread: { buffer, callback: (n: number) => { onRead(n, buffer); return true; } },
  } as net.SocketConstructorOpts);
  return { socket: adopted, head: parts.length === 0 ? null : parts.length === 1 ? parts[0] : Buffer.concat(parts) };
}
