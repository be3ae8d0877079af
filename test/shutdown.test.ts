import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startServer } from './helpers/server-process.js';
import { createTestDatabase } from './helpers/database.js';

/**
 * A deploy loses no request: 30 requests in flight (sign-ins, profiles, searches), each on a
 * connection of its own, then SIGTERM to the real process — on PGlite, and on PostgreSQL when
 * DATABASE_URL is set. Every request gets its answer (none reset), kept-alive connections
 * close, and the process exits 0.
 */
const database = await createTestDatabase();
t.teardown(() => database.close());
const env: Record<string, string> =
  database.kind === 'postgres' ? { DATABASE_URL: database.url! } : { DATA_DIR: mkdtempSync(join(tmpdir(), 'binome-shutdown-')) };
// Outside the drain, a PGlite test database would hold the data directory's one process.
if (database.kind !== 'postgres') await database.close();

interface Outcome {
  status?: number;
  retryAfter?: string;
  connection?: string;
  error?: string;
}

function send(port: number, method: string, path: string, options: { body?: unknown; token?: string; agent?: Agent | false } = {}): Promise<Outcome> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: options.agent ?? false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], connection: res.headers.connection }));
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end(payload);
  });
}

t.test(`30 requests in flight, then SIGTERM: every one answered, exit 0 (${database.kind})`, async (t) => {
  const server = await startServer({ JOBS_INTERVAL_SECONDS: '0', ...env });
  t.teardown(() => server.child.kill('SIGKILL'));
  const accounts = Array.from({ length: 10 }, (_, i) => ({ email: `shutdown-${i}@example.fr`, password: 'a passphrase for the deploy' }));
  const tokens: string[] = [];
  for (const account of accounts) {
    const registered = await send(server.port, 'POST', '/auth/register', { body: account });
    t.equal(registered.status, 201, 'an account to sign in with');
  }
  for (const account of accounts) {
    const res = await fetch(`http://127.0.0.1:${server.port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    tokens.push(((await res.json()) as { accessToken: string }).accessToken);
  }
  // A kept-alive connection, idle when the signal comes: it must be closed, not kept open.
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
  t.equal((await send(server.port, 'GET', '/health', { agent: keepAlive })).status, 200);
  const idleSocket = Object.values(keepAlive.freeSockets)[0]![0]!;
  const idleClosed = new Promise<void>((resolve) => idleSocket.once('close', () => resolve()));

  const inFlight = [
    ...accounts.map((account) => send(server.port, 'POST', '/auth/login', { body: account })),
    ...tokens.map((token) => send(server.port, 'GET', '/me', { token })),
    ...Array.from({ length: 10 }, (_, i) => send(server.port, 'GET', `/missions?q=atelier${i}&limit=20`)),
  ];
  const exit = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  await new Promise((resolve) => setTimeout(resolve, 30));
  server.child.kill('SIGTERM');

  const outcomes = await Promise.all(inFlight);
  const lost = outcomes.map((o, i) => ({ ...o, request: i })).filter((o) => o.error);
  // What the server said about its shutdown, to tell why if a request was lost.
  if (lost.length > 0) t.comment(server.logs().split('\n').filter((line) => /"level":(40|50)|shut|stopped/.test(line)).join('\n'));
  t.same(lost, [], 'no request lost (no reset, no refused connection)');
  for (const outcome of outcomes.filter((o) => o.status === 503)) t.ok(Number(outcome.retryAfter) > 0, 'a 503 says when to come back');
  t.same(
    outcomes.filter((o) => o.status !== 200 && o.status !== 503).map((o) => o.status),
    [],
    'each answered 200 (or 503 with Retry-After)',
  );
  t.ok(outcomes.filter((o) => o.status === 200).length >= 1, 'the requests received before the signal were served');
  await idleClosed;
  t.pass('the idle kept-alive connection was closed');
  t.equal(await exit, 0, 'the process exits 0');
  t.match(server.logs(), /"msg":"every request received was answered"/);
  t.match(server.logs(), /"msg":"stopped"/);
  t.notMatch(server.logs(), /shutdown took more than/);
  keepAlive.destroy();
});
