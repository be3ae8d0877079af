import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Stops accepting connections and lets every request already received, or still being
     * read, finish; resolves when no connection is left, or after `deadlineMs` (then the
     * connections left are closed and `drained` is false). Call before `close()`.
     */
    drain(options: DrainOptions): Promise<{ drained: boolean; answeredWhileDraining: number }>;
  }
}

export interface DrainOptions {
  /** Give up on the requests still running after this (ms from the start of the drain). */
  deadlineMs: number;
  /** How long a connection that has sent no request yet may take to send one, once the process stops listening. */
  graceMs?: number;
  /** The process stops listening once no connection has come for this long… */
  quietMs?: number;
  /** …or after this long, whichever comes first. */
  lingerMs?: number;
}

/**
 * Graceful shutdown without a lost request. Node's `server.close()` (and Fastify's close,
 * which calls it) closes every connection it sees as idle at once — including a connection
 * accepted a moment ago whose request has not been read yet, which the client sees as a reset.
 * So the drain tracks connections itself:
 * - the listening socket closes (no new connection) once the backlog is taken, the open ones stay;
 * - a connection answering a request closes after its answer (`Connection: close`);
 * - a connection that is not answering a request — accepted a moment ago, or kept alive
 *   between two requests — gets `graceMs` to send one: its request may be on the way (a client
 *   reuses a kept-alive connection without knowing of the signal; closing it at once reset
 *   such requests under load, as Node's client does not retry them); a request that arrives is
 *   served with `Connection: close`, and the connection closes after the answer.
 */
interface Tracked {
  /** Requests answered on this connection. */
  served: number;
  /** A request is being read or answered. */
  busy: boolean;
}

async function drainPlugin(app: FastifyInstance) {
  const server: Server = app.server;
  const connections = new Map<Socket, Tracked>();
  let draining = false;
  let stoppedListening = false;
  let answeredWhileDraining = 0;
  let settle: (() => void) | undefined;

  const checkDone = () => {
    if (stoppedListening && connections.size === 0) settle?.();
  };

  let lastConnectionAt = 0;
  server.on('connection', (socket: Socket) => {
    lastConnectionAt = Date.now();
    connections.set(socket, { served: 0, busy: false });
    socket.once('close', () => {
      connections.delete(socket);
      checkDone();
    });
  });
  // 'request' fires once the headers are read; the body may still be arriving.
  server.on('request', (request, response) => {
    const state = connections.get(request.socket);
    if (!state) return;
    state.busy = true;
    if (draining) response.shouldKeepAlive = false;
    response.once('close', () => {
      state.busy = false;
      state.served++;
      if (draining) {
        answeredWhileDraining++;
        // Node closes the connection after an answer sent with `Connection: close`; one
        // answered just before the drain began is closed here.
        request.socket.destroySoon();
      }
    });
  });
  // An answer written while draining tells the client not to reuse the connection.
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });

  app.decorate('drain', async ({ deadlineMs, graceMs = 2_000, quietMs = 250, lingerMs = Math.min(5_000, deadlineMs / 2) }: DrainOptions) => {
    draining = true;
    const done = new Promise<void>((resolve) => (settle = resolve));
    // Closing the listening socket resets the connections waiting in its backlog, and clients
    // (a load balancer that has not yet seen the signal, a busy client) still connect for a
    // moment. So the process keeps taking connections — their answers say `Connection: close`
    // — until none has come for `quietMs`, for at most `lingerMs`; each time it lets the poll
    // phase take what is waiting (setImmediate runs after it) before deciding.
    const lingerEnd = Date.now() + lingerMs;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      await new Promise((resolve) => setImmediate(resolve));
      if (Date.now() - lastConnectionAt >= quietMs || Date.now() >= lingerEnd) break;
    }
    // net.Server's close: stop listening, without http.Server's closing of idle connections.
    if (server.listening) NetServer.prototype.close.call(server);
    stoppedListening = true;
    let silentClosed = 0;
    const grace = setTimeout(() => {
      // After a long turn of the event loop this timer runs before the poll phase reads the
      // requests that arrived meanwhile: let it run once (setImmediate comes after it).
      setImmediate(() => {
        for (const [socket, state] of connections) {
          if (state.busy) continue;
          socket.destroy();
          // A kept-alive connection that stayed idle is expected; one that never sent a request is worth a line.
          if (state.served === 0) silentClosed++;
        }
        if (silentClosed > 0) app.log.warn({ connections: silentClosed }, `closed connections that sent no request within ${graceMs} ms of the shutdown`);
      });
    }, graceMs);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    checkDone();
    const drained = await Promise.race([done.then(() => true as const), deadline]);
    clearTimeout(grace);
    clearTimeout(timer);
    if (!drained) for (const socket of connections.keys()) socket.destroy();
    return { drained, answeredWhileDraining };
  });
}

export default fp(drainPlugin, { name: 'drain' });
