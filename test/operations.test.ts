import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import type { Database } from '../db/database.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { setup, TEST_JWT_SECRET } from './helpers/app.js';
import { onServer } from './helpers/database.js';

const ctx = await setup(t, { env: { CORS_ORIGINS: 'https://console.binome.example' } });

t.test('/health and /ready answer', async (t) => {
  const health = await ctx.call('GET', '/health');
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'ok' });
  const ready = await ctx.call('GET', '/ready');
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ready' });
});

t.test('the root is the console’s home page', async (t) => {
  const root = await ctx.call('GET', '/');
  t.equal(root.statusCode, 200);
  t.match(root.headers['content-type'], /text\/html/);
  t.match(root.body, '<html lang="fr">');
  t.equal(root.headers['x-content-type-options'], 'nosniff', 'with the security headers');
});

t.test('/docs is a page and /docs/json the OpenAPI document', async (t) => {
  const page = await ctx.call('GET', '/docs/');
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  const doc = await ctx.call('GET', '/docs/json');
  t.equal(doc.statusCode, 200);
  t.equal(doc.json().openapi, '3.1.0');
  t.ok(doc.json().paths['/auth/login'], 'the routes are described');
});

t.test('security headers are set', async (t) => {
  const res = await ctx.call('GET', '/health');
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  t.ok(res.headers['content-security-policy'], 'a content security policy');
  t.ok(res.headers['strict-transport-security'], 'HSTS');
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  t.notOk(res.headers['x-powered-by']);
});

t.test('CORS answers the configured origins only', async (t) => {
  const allowed = await ctx.call('OPTIONS', '/auth/login', {
    headers: { origin: 'https://console.binome.example', 'access-control-request-method': 'POST' },
  });
  t.equal(allowed.headers['access-control-allow-origin'], 'https://console.binome.example');
  const other = await ctx.call('GET', '/health', { headers: { origin: 'https://evil.example' } });
  t.notOk(other.headers['access-control-allow-origin']);
});

t.test('each response carries a request id; a sane client id is kept, another replaced', async (t) => {
  const generated = await ctx.call('GET', '/health');
  t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  const given = await ctx.call('GET', '/health', { headers: { 'x-request-id': 'console-42' } });
  t.equal(given.headers['x-request-id'], 'console-42');
  const hostile = await ctx.call('GET', '/health', { headers: { 'x-request-id': 'a\nfake log line' } });
  t.match(hostile.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  const problem = await ctx.call('GET', '/nowhere', { headers: { 'x-request-id': 'trace-7' } });
  t.equal(problem.json().requestId, 'trace-7', 'the problem body quotes it');
});

t.test('/ready answers 503 when the database does not answer; /health stays up', async (t) => {
  // A PostgreSQL that is down: nothing listens on port 1.
  const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    jwtSecret: TEST_JWT_SECRET,
  });
  t.teardown(() => app.close());
  const res = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(res.statusCode, 503);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(res.json(), { status: 503, detail: /base de données/ });
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'the process is still alive');
});

t.test('PostgreSQL ending idle connections does not bring the process down', { skip: ctx.database.kind !== 'postgres' && 'PostgreSQL only' }, async (t) => {
  t.equal((await ctx.call('GET', '/ready')).statusCode, 200, 'the pool holds an idle connection now');
  const database = new URL(ctx.database.url!).pathname.slice(1);
  await onServer(process.env.DATABASE_URL!, (admin) =>
    sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`.execute(admin),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.equal((await ctx.call('GET', '/ready')).statusCode, 200, 'the pool opens a new connection');
});
