// The acceptor process (forked by acceptor.ts): it owns the server's listening socket and
// reads each new connection's first packet. A CancelRequest is answered here, where the
// event loop is never busy running a statement: the record goes to the cancel file
// (cancel-inbox.ts), which the main thread reads at its executor checkpoints, then an IPC
// message wakes the main thread if it is idle (a statement waiting for a lock stops). Any
// other connection (startup packet, SSLRequest, GSSENCRequest) is handed to the main process
// with the bytes already read (process.send with the socket: its descriptor travels by
// SCM_RIGHTS and this process's copy is closed once the main process has it).
// stdio: fd 3 is the IPC channel, fd 4 the cancel file. This process prints nothing and ends
// when the main process goes away (its IPC channel closes).
import net from 'node:net';
import { CancelOutbox } from './cancel-inbox.js';

const CANCEL_REQUEST = 80877102;
const CANCEL_PACKET_LENGTH = 16;

type Command = { t: 'listen'; host: string; port: number } | { t: 'close' };

const outbox = new CancelOutbox(4);
let server: net.Server | null = null;

function send(msg: unknown, socket?: net.Socket): void {
  if (!process.connected) { socket?.destroy(); return; }
  // keepOpen false: the socket is closed here once the main process acknowledges it
  if (socket) process.send!(msg, socket, { keepOpen: false }, err => { if (err) socket.destroy(); });
  else process.send!(msg);
}

function accepted(socket: net.Socket): void {
  let head: Buffer = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  const onData = (d: Buffer) => {
    head = head.length ? Buffer.concat([head, d]) : d;
    if (head.length < 8) return;
    if (head.readInt32BE(4) === CANCEL_REQUEST) {
      // PostgreSQL answers nothing to a CancelRequest, right or wrong: the connection just ends
      if (head.readInt32BE(0) !== CANCEL_PACKET_LENGTH) { socket.destroy(); return; }
      if (head.length < CANCEL_PACKET_LENGTH) return;
      socket.off('data', onData);
      outbox.post(head.readInt32BE(8), head.readInt32BE(12));
      send({ t: 'cancel' });
      socket.destroy();
      return;
    }
    socket.off('data', onData);
    socket.pause();
    // From here this process reads nothing more: whatever it read after the hand-over would be
    // lost (the client's next packet, once the main process answered SSLRequest). libuv stops
    // reading, and the stream can no longer restart it (it would, to refill its buffer, while
    // the socket waits in Node's queue of handles to send).
    (socket as unknown as { _read: () => void })._read = () => undefined;
    const handle = (socket as unknown as { _handle?: { reading: boolean; readStop(): number } })._handle;
    if (handle) { handle.reading = false; handle.readStop(); }
    // bytes the stream holds go along (clients wait for an answer here, so there are none in practice)
    while (socket.readableLength) head = Buffer.concat([head, socket.read() as Buffer]);
    send({ t: 'connection', head: head.toString('base64') }, socket);
  };
  socket.on('data', onData);
}

process.on('message', (m: Command) => {
  if (m.t === 'listen') {
    server = net.createServer(accepted);
    server.once('error', (e: NodeJS.ErrnoException) => send({ t: 'error', code: e.code, message: e.message }));
    server.listen(m.port, m.host, () => {
      server!.removeAllListeners('error');
      server!.on('error', () => undefined);
      send({ t: 'listening', address: server!.address() });
    });
  } else if (m.t === 'close') {
    // the listening socket and connections not handed over yet (no first packet) end with the process
    process.exit(0);
  }
});

// the main process ended (even by SIGKILL): the listening socket goes with this process
process.on('disconnect', () => process.exit(0));
// Ctrl-C in a terminal reaches the whole process group: the main process decides when to stop
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
