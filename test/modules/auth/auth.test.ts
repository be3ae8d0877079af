import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createUser, TEST_PASSWORD, uniqueEmail } from '../../helpers/factories.js';

const ctx = await setup(t);

const password = 'correct horse battery staple';

async function register(email = uniqueEmail('candidate'), extra: Record<string, unknown> = {}) {
  return ctx.call('POST', '/auth/register', { body: { email, password, ...extra } });
}

t.test('a candidate signs up, is signed in and sees their account', async (t) => {
  const res = await register('  Marie.Dupont@Example.FR ', { fullName: 'Marie Dupont' });
  t.equal(res.statusCode, 201);
  const body = res.json();
  t.equal(body.user.email, 'marie.dupont@example.fr', 'the e-mail is trimmed and lower-cased');
  t.equal(body.user.role, 'candidate');
  t.equal(body.tokenType, 'Bearer');
  t.equal(body.expiresIn, 900, 'access tokens live 15 minutes');
  t.notOk('passwordHash' in body.user || 'password_hash' in body.user, 'no password hash in the answer');
  const me = await ctx.call('GET', '/me', { token: body.accessToken });
  t.equal(me.statusCode, 200);
  t.match(me.json(), { email: 'marie.dupont@example.fr', role: 'candidate', fullName: 'Marie Dupont', operator: null, structure: null });

  const stored = await ctx.db.selectFrom('users').select('password_hash').where('email', '=', 'marie.dupont@example.fr').executeTakeFirstOrThrow();
  t.match(stored.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, 'Argon2id with m=19 MiB, t=2, p=1');
  const audit = await ctx.db.selectFrom('audit_events').selectAll().where('entity_id', '=', body.user.id).execute();
  t.same(audit.map((a) => a.action), ['user.registered'], 'the sign-up is audited');
});

t.test('sign-up refuses a role, unknown fields, weak passwords and a taken e-mail', async (t) => {
  const withRole = await register(uniqueEmail(), { role: 'admin' });
  t.equal(withRole.statusCode, 400);
  t.equal(withRole.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(withRole.json().errors, [{ in: 'body', path: 'role', message: String }]);

  const short = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'short pass' } });
  t.equal(short.statusCode, 400);
  t.match(short.json().errors, [{ path: 'password', message: /au moins 12/ }]);

  const common = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'qwertyuiop123' } });
  t.equal(common.statusCode, 400);
  t.match(common.json().errors, [{ path: 'password', message: /^est trop facile à deviner\. / }]);

  const long = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'x'.repeat(129) } });
  t.equal(long.statusCode, 400, '129 characters is too long');
  const longest = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'cheval-agrafe-batterie-correcte-'.repeat(4) } });
  t.equal(longest.statusCode, 201, '128 characters is accepted');

  const badEmail = await ctx.call('POST', '/auth/register', { body: { email: 'not-an-email', password } });
  t.equal(badEmail.statusCode, 400);
  t.match(badEmail.json().errors, [{ path: 'email' }]);

  const email = uniqueEmail();
  t.equal((await register(email)).statusCode, 201);
  const again = await register(email.toUpperCase());
  t.equal(again.statusCode, 409, 'the same e-mail in another case is the same account');
  t.match(again.json(), { status: 409, type: 'urn:binome:problem:conflict' });
  const count = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', email).executeTakeFirstOrThrow();
  t.equal(Number(count.n), 1);
});

t.test('login: same answer for an unknown e-mail and a wrong password', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const ok = await ctx.call('POST', '/auth/login', { body: { email: user.email.toUpperCase(), password: TEST_PASSWORD } });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().user.id, user.id);

  const wrong = await ctx.call('POST', '/auth/login', { body: { email: user.email, password: 'not the right password' } });
  const unknown = await ctx.call('POST', '/auth/login', { body: { email: uniqueEmail('nobody'), password: 'not the right password' } });
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, 401);
  const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
  t.same(strip(wrong.json()), strip(unknown.json()), 'the bodies are the same but for the request id');
  t.equal(wrong.headers['www-authenticate'], 'Bearer');

  const lastLogin = await ctx.db.selectFrom('users').select('last_login_at').where('id', '=', user.id).executeTakeFirstOrThrow();
  t.ok(lastLogin.last_login_at, 'a successful login is recorded');
});

t.test('refresh tokens rotate, and reusing one revokes the whole session', async (t) => {
  const first = (await register()).json();
  const r1 = await ctx.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
  t.equal(r1.statusCode, 200);
  const second = r1.json();
  t.not(second.refreshToken, first.refreshToken, 'a new refresh token each time');
  t.equal((await ctx.call('GET', '/me', { token: second.accessToken })).statusCode, 200);

  const r2 = await ctx.call('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } });
  t.equal(r2.statusCode, 200, 'the newest token works');
  const third = r2.json();

  const reuse = await ctx.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
  t.equal(reuse.statusCode, 401, 'an old token is refused');
  t.match(reuse.json().detail, /déjà servi/);

  const afterReuse = await ctx.call('POST', '/auth/refresh', { body: { refreshToken: third.refreshToken } });
  t.equal(afterReuse.statusCode, 401, 'the newest token of the family is revoked too');
  t.equal((await ctx.call('GET', '/me', { token: third.accessToken })).statusCode, 401, 'so are its access tokens');

  const unknown = await ctx.call('POST', '/auth/refresh', { body: { refreshToken: 'nothing-like-a-real-token' } });
  t.equal(unknown.statusCode, 401);
});

t.test('two concurrent refreshes with one token: one wins, the session ends', async (t) => {
  const first = (await register()).json();
  const results = await Promise.all([1, 2].map(() => ctx.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } })));
  const codes = results.map((r) => r.statusCode).sort();
  t.same(codes, [200, 401]);
  const winner = results.find((r) => r.statusCode === 200)!.json();
  t.equal((await ctx.call('GET', '/me', { token: winner.accessToken })).statusCode, 401, 'the reuse revoked the session');
});

t.test('an expired refresh token is refused', async (t) => {
  const first = (await register()).json();
  ctx.clock.advance(31 * 24 * 3600 * 1000);
  t.teardown(() => ctx.clock.reset());
  const res = await ctx.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
  t.equal(res.statusCode, 401);
  t.match(res.json().detail, /expiré/);
});

t.test('logout ends the session: its access and refresh tokens stop working', async (t) => {
  const a = (await register()).json();
  const email = a.user.email;
  const b = (await ctx.call('POST', '/auth/login', { body: { email, password } })).json();

  const out = await ctx.call('POST', '/auth/logout', { token: a.accessToken });
  t.equal(out.statusCode, 204);
  t.equal((await ctx.call('GET', '/me', { token: a.accessToken })).statusCode, 401, 'revoked access token');
  t.equal((await ctx.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).statusCode, 401, 'revoked refresh token');
  t.equal((await ctx.call('GET', '/me', { token: b.accessToken })).statusCode, 200, 'the other session goes on');

  const all = await ctx.call('POST', '/auth/logout', { token: b.accessToken, body: { allSessions: true } });
  t.equal(all.statusCode, 204);
  t.equal((await ctx.call('GET', '/me', { token: b.accessToken })).statusCode, 401);
  t.equal((await ctx.call('POST', '/auth/logout')).statusCode, 401, 'logout needs a token');
});

t.test('changing the password checks the current one and ends the other sessions', async (t) => {
  const a = (await register()).json();
  const b = (await ctx.call('POST', '/auth/login', { body: { email: a.user.email, password } })).json();
  const wrong = await ctx.call('POST', '/me/password', { token: a.accessToken, body: { currentPassword: 'not it at all', newPassword: 'another long passphrase' } });
  t.equal(wrong.statusCode, 422);
  t.match(wrong.json().errors, [{ path: 'currentPassword' }]);
  const weak = await ctx.call('POST', '/me/password', { token: a.accessToken, body: { currentPassword: password, newPassword: 'password1234' } });
  t.equal(weak.statusCode, 400);

  const ok = await ctx.call('POST', '/me/password', { token: a.accessToken, body: { currentPassword: password, newPassword: 'another long passphrase' } });
  t.equal(ok.statusCode, 204);
  t.equal((await ctx.call('GET', '/me', { token: a.accessToken })).statusCode, 200, 'this session goes on');
  t.equal((await ctx.call('GET', '/me', { token: b.accessToken })).statusCode, 401, 'the other one ended');
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: a.user.email, password } })).statusCode, 401, 'old password refused');
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: a.user.email, password: 'another long passphrase' } })).statusCode, 200);
});

t.test('an unknown e-mail costs the same Argon2 work as a wrong password', async (t) => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const time = async (email: string, i: number) => {
    const start = process.hrtime.bigint();
    const res = await ctx.call('POST', '/auth/login', { body: { email, password: 'not the right password' }, remoteAddress: `10.9.0.${i}` });
    t.equal(res.statusCode, 401);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const wrong: number[] = [];
  const unknown: number[] = [];
  for (let i = 1; i <= 9; i++) {
    const user = await createUser(ctx.db, 'candidate');
    wrong.push(await time(user.email, i));
    unknown.push(await time(uniqueEmail('ghost'), i + 100));
  }
  // Without the dummy verification an unknown e-mail answers several times faster.
  const ratio = median(unknown) / median(wrong);
  t.ok(ratio > 0.5 && ratio < 2, `median unknown ${median(unknown).toFixed(1)} ms vs wrong ${median(wrong).toFixed(1)} ms`);
});
