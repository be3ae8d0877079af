import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { Conflict, RuleViolation } from '../src/errors.js';
import { text } from '../src/i18n/index.js';
import { setup } from './helpers/app.js';
import { signedIn } from './helpers/factories.js';

/** Every 4xx/5xx is RFC 9457 application/problem+json, and a 500 says nothing about the code. */
const ctx = await setup(t, {
  beforeReady: (app) => {
    app.get('/test/boom', async () => {
      throw new Error('secret detail: select * from users where password_hash = $1');
    });
    app.get('/test/rule', async () => {
      throw new RuleViolation('age-max', text('eligibility.ageMax.over', { max: 26, maxWithDisability: 31, startsOn: '2026-09-01' }), { limit: 26 });
    });
    app.get('/test/conflict', async () => {
      throw new Conflict(text('binome.is', { status: 'confirmed' }), { currentState: 'accepted' });
    });
    app.get('/test/duplicate', async () => {
      // A uniqueness the database holds, hit twice: the last line of defence answers 409.
      await sql`insert into operators (name) values ('Duplicate test operator')`.execute(ctx.db);
      await sql`insert into operators (name) values ('duplicate TEST operator')`.execute(ctx.db);
    });
  },
});

const PROBLEM = 'application/problem+json; charset=utf-8';

function isProblem(t: Test, res: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> }, status: number) {
  t.equal(res.statusCode, status);
  t.equal(res.headers['content-type'], PROBLEM);
  const body = res.json();
  t.match(body, { type: /^urn:binome:problem:[a-z-]+$/, title: String, status, detail: String, requestId: String });
  return body;
}

t.test('unknown route: 404 problem', async (t) => {
  const body = isProblem(t, await ctx.call('GET', '/no/such/route'), 404);
  t.match(body.detail, /GET \/no\/such\/route/);
  t.equal(body.title, 'Introuvable');
});

t.test('validation errors list every field', async (t) => {
  const res = await ctx.call('POST', '/auth/register', { body: { email: 'nope', password: 'x', extra: 1, fullName: '' } });
  const body = isProblem(t, res, 400);
  const paths = (body.errors as { path: string; in: string }[]).map((e) => e.path).sort();
  t.same(paths, ['email', 'extra', 'fullName', 'password']);
  t.ok((body.errors as { in: string }[]).every((e) => e.in === 'body'));
  const query = await ctx.call('GET', '/operators?limit=1000', { token: (await signedIn(ctx, 'admin')).accessToken });
  const q = isProblem(t, query, 400);
  t.match(q.errors, [{ in: 'querystring', path: 'limit' }]);
});

t.test('malformed JSON, wrong media type, too large: 4xx problems', async (t) => {
  isProblem(t, await ctx.call('POST', '/auth/login', { body: '{"email":', headers: { 'content-type': 'application/json' } }), 400);
  isProblem(t, await ctx.call('POST', '/auth/login', { body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  const huge = JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(300 * 1024) });
  isProblem(t, await ctx.call('POST', '/auth/login', { body: huge, headers: { 'content-type': 'application/json' } }), 413);
});

t.test('a 500 hides the message, the stack and the SQL', async (t) => {
  const res = await ctx.call('GET', '/test/boom');
  const body = isProblem(t, res, 500);
  t.notMatch(res.body, /secret|select|password_hash|at .*\.ts/);
  t.match(body.detail, /erreur inattendue/);
});

t.test('a rule violation carries the rule id; a conflict its state', async (t) => {
  const rule = isProblem(t, await ctx.call('GET', '/test/rule'), 422);
  t.match(rule, { rule: 'age-max', limit: 26, type: 'urn:binome:problem:rule-violation' });
  const conflict = isProblem(t, await ctx.call('GET', '/test/conflict'), 409);
  t.equal(conflict.currentState, 'accepted');
});

t.test('a constraint the database enforces is a 409, not a 500', async (t) => {
  const body = isProblem(t, await ctx.call('GET', '/test/duplicate'), 409);
  t.notMatch(JSON.stringify(body), /operators_name_key|insert/);
});

t.test('a bad id in the path is a 400 naming the parameter', async (t) => {
  const admin = await signedIn(ctx, 'admin');
  const body = isProblem(t, await ctx.call('GET', '/operators/not-a-uuid', { token: admin.accessToken }), 400);
  t.match(body.errors, [{ in: 'params', path: 'id' }]);
});
