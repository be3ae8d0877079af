import { mkdtempSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { type RunningServer, startServer } from './helpers/server-process.js';

/**
 * The real process, as `npm start` runs it, on an embedded PGlite data directory: first start
 * on an empty directory, data kept across a restart, clean exit on SIGTERM.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'binome-server-'));

const start = () => startServer({ DATA_DIR: dataDir });

async function stop(server: RunningServer): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  return exited;
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const account = { email: 'persist@example.fr', password: 'a passphrase that survives' };

t.test('first start: migrations, a generated admin printed once, a key kept with mode 0600', async (t) => {
  const server = await start();
  t.teardown(() => server.child.kill('SIGKILL'));
  t.equal((await fetch(`${server.url}/health`)).status, 200);
  t.equal((await fetch(`${server.url}/ready`)).status, 200);
  t.equal((await fetch(`${server.url}/docs/`)).status, 200);
  const logs = server.logs();
  t.match(logs, /"migration":"[^"]+_foundation","status":"Success"/);
  t.match(logs, /JWT_SECRET is not set: generated a signing key/, 'the generated key is announced');
  const admin = /created (admin@binome\.local) with the password (\S+)/.exec(logs);
  t.ok(admin, 'the generated admin password is in the log');
  t.match(
    logs,
    /"jobs":\["refuse-unanswered","expire-offers","remind-offers","retention","forum-reminders","info-session-reminders","send-emails"\],"firstRunInSeconds":5,"everySeconds":60,"msg":"periodic jobs started"/,
    'the periodic jobs run in the server, the first time 5 s after the start',
  );
  t.match(logs, /SMTP_URL is not set: e-mails stay in the outbox/);
  const login = await fetch(`${server.url}/auth/login`, json({ email: admin![1], password: admin![2] }));
  t.equal(login.status, 200, 'and it works');
  t.equal(((await login.json()) as { user: { role: string } }).user.role, 'admin');
  t.equal(statSync(join(dataDir, 'jwt-secret')).mode & 0o777, 0o600);
  t.equal((await fetch(`${server.url}/auth/register`, json(account))).status, 201);

  // An invitation accepted through the real process: its token must not reach the logs.
  const adminTokens = (await (await fetch(`${server.url}/auth/login`, json({ email: admin![1], password: admin![2] }))).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${adminTokens.accessToken}`, 'content-type': 'application/json' };
  const operator = (await (await fetch(`${server.url}/operators`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Ligue' }) })).json()) as { id: string };
  const invitation = (await (
    await fetch(`${server.url}/invitations`, { method: 'POST', headers: auth, body: JSON.stringify({ role: 'coordinator', operatorId: operator.id, email: 'coord@example.fr' }) })
  ).json()) as { token: string };
  const accepted = await fetch(`${server.url}/invitations/${invitation.token}/accept`, json({ password: 'the coordinator passphrase' }));
  t.equal(accepted.status, 201);

  const after = server.logs();
  t.notMatch(after, /a passphrase that survives|the coordinator passphrase/, 'no password of a request in the logs');
  t.notOk(after.includes(invitation.token), 'no invitation token in the logs');
  t.match(after, /\/invitations\/\[redacted\]\/accept/, 'the accept path is logged with the token redacted');
  t.notOk(after.includes(adminTokens.accessToken), 'no access token in the logs');
  t.notMatch(after, /Bearer /, 'no Authorization header in the logs');
  t.match(after, /"reqId":"[0-9a-f-]{36}"/, 'JSON lines carry the request id');
  t.equal(await stop(server), 0, 'SIGTERM: a clean exit');
  t.match(server.logs(), /"msg":"stopped"/);
});

t.test('after a restart the account still signs in, and the admin password is not printed again', async (t) => {
  const server = await start();
  t.teardown(() => server.child.kill('SIGKILL'));
  const login = await fetch(`${server.url}/auth/login`, json(account));
  t.equal(login.status, 200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  t.equal((await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status, 200);
  t.notMatch(server.logs(), /with the password/);
  t.match(server.logs(), /using the signing key kept in the data directory/, 'the key is reused, not generated again');
  t.notMatch(server.logs(), /"status":"Success"/, 'no migration to apply');
  t.equal(await stop(server), 0);
});

t.test('the periodic jobs run: at most 5 s after the start, or after their interval if shorter', async (t) => {
  const server = await startServer({ DATA_DIR: dataDir, JOBS_INTERVAL_SECONDS: '1', LOG_LEVEL: 'debug' });
  t.teardown(() => server.child.kill('SIGKILL'));
  const started = Date.now();
  const finished = () => new Set([...server.logs().matchAll(/"job":"([a-z-]+)","ms":\d+,"result":\{[^}]*\},"msg":"job finished"/g)].map((m) => m[1]));
  while (finished().size < 5 && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 100));
  t.match(server.logs(), /"firstRunInSeconds":1,"everySeconds":1,"msg":"periodic jobs started"/);
  t.same([...finished()].sort(), ['expire-offers', 'forum-reminders', 'info-session-reminders', 'refuse-unanswered', 'remind-offers', 'retention', 'send-emails'], 'each job ran');
  t.equal(await stop(server), 0);
});

t.test('SIGTERM lets a request in flight finish before the process exits', async (t) => {
  const server = await start();
  t.teardown(() => server.child.kill('SIGKILL'));
  const { port } = new URL(server.url);
  const body = JSON.stringify({ email: 'nobody@example.fr', password: 'not the right password' });
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', resolve));
  // Headers and half the body: the request has arrived and waits for the rest.
  socket.write(`POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  await new Promise((resolve) => setTimeout(resolve, 200));

  let exited = false;
  const exit = new Promise<number | null>((resolve) => server.child.once('exit', (code) => ((exited = true), resolve(code))));
  server.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.notOk(exited, 'the process waits for the request');
  // A new connection is refused now: the process no longer listens.
  const refused = await fetch(`${server.url}/health`).then(() => 'answered', (err: Error & { cause?: { code?: string } }) => err.cause?.code);
  t.equal(refused, 'ECONNREFUSED', 'no new connection during shutdown');
  // The rest of the body, and a second request pipelined on the same connection.
  socket.write(`${body.slice(10)}GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  await closed;
  t.match(answer, /^HTTP\/1\.1 401 /, 'the request in flight got its answer');
  t.match(answer, /application\/problem\+json/);
  t.match(answer, /\r\nconnection: close\r\n/i, 'saying that the connection closes after it');
  t.notMatch(answer.slice(10), /HTTP\/1\.1 /, 'a request pipelined behind it is left for the client to send again (RFC 9112, 9.3.2)');
  t.equal(await exit, 0, 'then the process exits cleanly');
});
