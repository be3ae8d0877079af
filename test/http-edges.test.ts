import { connect, type Socket } from 'node:net';
import t, { type Test } from 'tap';
import { setup } from './helpers/app.js';

/**
 * The answers written before any route or hook runs — a malformed URL, a path parameter too
 * long, headers too large, a client too slow — are problems like every other answer, with the
 * request id and the security headers; slow clients are cut off. Over a real socket: these
 * never reach `inject`.
 */
const ctx = await setup(t, { env: { REQUEST_TIMEOUT_SECONDS: '2', HEADERS_TIMEOUT_SECONDS: '1' } });
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = ctx.app.server.address() as { port: number };

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the connection's end. */
  closedAfterMs: number;
}

/** Sends `chunks` (strings, or pauses in ms) on a new connection and reads until it closes. */
function exchange(chunks: (string | number)[], { giveUpMs = 10_000 } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let received = '';
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${giveUpMs} ms; got so far: ${JSON.stringify(received)}`));
    }, giveUpMs);
    socket.setEncoding('utf8');
    socket.on('data', (data) => (received += data));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      if (stopped) return;
      const [head = '', ...rest] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), closedAfterMs: Date.now() - started });
    });
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (stopped || socket.destroyed) return;
        if (typeof chunk === 'number') await new Promise((r) => setTimeout(r, chunk));
        else socket.write(chunk);
      }
    });
  });
}

function isProblem(t: Test, answer: RawAnswer, status: number, kind: string) {
  t.equal(answer.status, status, `status ${status}`);
  t.match(answer.headers['content-type'], /^application\/problem\+json/);
  t.match(answer.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'a request id');
  t.equal(answer.headers['x-content-type-options'], 'nosniff', 'the security headers');
  t.ok(answer.headers['content-security-policy'], 'a content security policy');
  t.ok(answer.headers['strict-transport-security'], 'HSTS');
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  t.match(body, { type: `urn:binome:problem:${kind}`, status, title: String, detail: String });
  t.equal(body.requestId, answer.headers['x-request-id'], 'the body quotes the request id');
  return body;
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`;

t.test('a malformed percent-encoding: 400 problem', async (t) => {
  const body = isProblem(t, await exchange([get('/structures/%ZZ')]), 400, 'bad-url');
  t.match(body.detail, /encodé en pourcent/);
});

t.test('a path parameter over 100 characters: 414 problem', async (t) => {
  isProblem(t, await exchange([get(`/structures/${'a'.repeat(101)}`)]), 414, 'uri-too-long');
  // The same request through inject takes the same path.
  const injected = await ctx.call('GET', `/structures/${'a'.repeat(101)}`);
  t.equal(injected.statusCode, 414);
  t.equal(injected.headers['x-content-type-options'], 'nosniff');
});

t.test('headers over the limit: 431 problem, and the connection closes', async (t) => {
  isProblem(t, await exchange([get('/health', `X-Filler: ${'x'.repeat(20_000)}\r\n`)]), 431, 'headers-too-large');
});

t.test('garbage instead of HTTP: 400 problem', async (t) => {
  isProblem(t, await exchange(['NOT HTTP AT ALL\r\n\r\n']), 400, 'bad-request');
});

t.test('a body sent one byte at a time is cut off at the request timeout with a 408', async (t) => {
  const head = 'POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
  const drip = Array.from({ length: 30 }, () => ['{', 400]).flat();
  const answer = await exchange([head, ...drip]);
  isProblem(t, answer, 408, 'request-timeout');
  t.ok(answer.closedAfterMs < 5_000, `closed after ${answer.closedAfterMs} ms (limit 2 s, checked every second)`);
});

t.test('headers sent one line at a time are cut off at the headers timeout with a 408', async (t) => {
  const drip = Array.from({ length: 20 }, (_, i) => [`X-Slow-${i}: 1\r\n`, 300]).flat();
  const answer = await exchange(['GET /health HTTP/1.1\r\nHost: localhost\r\n', ...drip]);
  isProblem(t, answer, 408, 'request-timeout');
  t.ok(answer.closedAfterMs < 4_000, `closed after ${answer.closedAfterMs} ms (limit 1 s, checked every second)`);
});

t.test('a prompt client is not cut off', async (t) => {
  const answer = await exchange([get('/health')]);
  t.equal(answer.status, 200);
  t.same(JSON.parse(answer.body), { status: 'ok' });
});
