import t from 'tap';
import { setup } from '../helpers/app.js';
import { createUser, signIn, TEST_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { SESSION_COOKIE, textOf, Visitor } from './helpers.js';

const ctx = await setup(t, { loginThrottle: { perAccount: 3, perAddress: 50, windowMs: 60_000 } });

t.test('signing in sets an HttpOnly, SameSite=Lax session cookie and leads to the account', async (t) => {
  const user = await createUser(ctx.db, 'candidate', { fullName: 'Camille Martin' });
  const visitor = new Visitor(ctx);
  const page = await visitor.get('/connexion');
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html; charset=utf-8/);
  const res = await visitor.post('/connexion', { email: user.email.toUpperCase(), password: TEST_PASSWORD });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/compte');
  const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string }[]).find((c) => c.name === SESSION_COOKIE);
  t.ok(cookie, 'the session cookie is set');
  t.equal(cookie?.httpOnly, true);
  t.equal(cookie?.sameSite, 'Lax');
  t.notOk(cookie?.secure, 'not Secure in test (plain http)');
  t.equal(cookie?.path, '/');
  const account = await visitor.get('/compte');
  t.equal(account.statusCode, 200);
  t.match(textOf(account.body), 'Vous êtes connecté·e.');
  t.match(textOf(account.body), 'Camille Martin');
  t.match(textOf(account.body), user.email);
  const again = await visitor.get('/compte');
  t.notMatch(textOf(again.body), 'Vous êtes connecté·e.', 'the message is shown once');
  const row = await ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
  t.ok(row.cookie_token_hash, 'a console session row, with the hash of the cookie');
  t.not(row.cookie_token_hash, visitor.cookies.get(SESSION_COOKIE), 'never the secret itself');
  t.equal(await ctx.db.selectFrom('refresh_tokens').select('id').where('session_id', '=', row.id).executeTakeFirst(), undefined, 'no refresh token');
});

t.test('in production the cookies are Secure and __Host- prefixed', async (t) => {
  const prod = await setup(t, { env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) } });
  const user = await createUser(prod.db, 'candidate');
  const visitor = new Visitor(prod);
  const page = await visitor.get('/connexion');
  const csrfCookie = (page.cookies as { name: string; secure?: boolean }[]).find((c) => c.name === '__Host-binome_csrf');
  t.equal(csrfCookie?.secure, true, 'the CSRF cookie is Secure');
  const res = await visitor.post('/connexion', { email: user.email, password: TEST_PASSWORD });
  t.equal(res.statusCode, 303);
  const cookie = (res.cookies as { name: string; secure?: boolean; httpOnly?: boolean }[]).find((c) => c.name === '__Host-binome_session');
  t.equal(cookie?.secure, true);
  t.equal(cookie?.httpOnly, true);
});

t.test('a wrong password sends the form back with the e-mail kept and the error beside the password', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const visitor = new Visitor(ctx);
  await visitor.get('/connexion');
  const res = await visitor.post('/connexion', { email: user.email, password: 'not the right one at all' });
  t.equal(res.statusCode, 401);
  t.match(res.body, `value="${user.email}"`, 'the e-mail is filled back');
  t.notMatch(res.body, 'not the right one at all', 'the password is not');
  t.match(res.body, /<input id="champ-password" name="password" type="password"[^>]*aria-invalid="true"[^>]*aria-describedby="champ-password-erreur"/);
  t.match(res.body, /<p class="field-error" id="champ-password-erreur">/);
  t.match(res.body, /class="error-summary"/, 'a summary at the top');
  t.match(res.body, /<title>Erreur : Se connecter/);
  t.notOk(visitor.cookies.has(SESSION_COOKIE));
  // An unknown e-mail gets the same answer.
  const unknown = await visitor.post('/connexion', { email: uniqueEmail(), password: 'not the right one at all' });
  t.equal(unknown.statusCode, 401);
  t.equal(textOf(unknown.body).replace(/\S+@example\.fr/g, ''), textOf(res.body).replace(/\S+@example\.fr/g, ''));
});

t.test('an invalid e-mail is refused beside its field, without a sign-in attempt', async (t) => {
  const visitor = new Visitor(ctx);
  await visitor.get('/connexion');
  const res = await visitor.post('/connexion', { email: 'not an address', password: 'x' });
  t.equal(res.statusCode, 400);
  t.match(res.body, 'value="not an address"');
  t.match(res.body, /id="champ-email"[^>]*aria-invalid="true"/);
});

t.test('failed sign-ins are throttled together with POST /auth/login', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  for (let i = 0; i < 2; i++) {
    const api = await ctx.call('POST', '/auth/login', { body: { email: user.email, password: 'wrong password, again' } });
    t.equal(api.statusCode, 401);
  }
  const visitor = new Visitor(ctx);
  await visitor.get('/connexion');
  const third = await visitor.post('/connexion', { email: user.email, password: 'wrong password, again' });
  t.equal(third.statusCode, 401, 'the third failure (the limit is 3 here)');
  const refused = await visitor.post('/connexion', { email: user.email, password: TEST_PASSWORD });
  t.equal(refused.statusCode, 429, 'even the right password waits');
  t.ok(refused.headers['retry-after']);
  t.match(refused.body, `value="${user.email}"`);
  t.match(refused.body, /class="error-summary"/);
  const api = await ctx.call('POST', '/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
  t.equal(api.statusCode, 429, 'and the API counts the page’s failures');
});

t.test('next leads back to a local page only', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const redirect = await new Visitor(ctx).get('/compte/mot-de-passe');
  t.equal(redirect.statusCode, 302);
  t.equal(redirect.headers.location, '/connexion?next=%2Fcompte%2Fmot-de-passe');
  for (const [next, expected] of [
    ['/compte/mot-de-passe', '/compte/mot-de-passe'],
    ['https://evil.example/', '/compte'],
    ['//evil.example/', '/compte'],
    ['/\\evil.example', '/compte'],
    ['javascript:alert(1)', '/compte'],
  ] as const) {
    const visitor = new Visitor(ctx);
    const page = await visitor.get(`/connexion?next=${encodeURIComponent(next)}`);
    t.equal(page.statusCode, 200);
    const res = await visitor.post('/connexion', { email: user.email, password: TEST_PASSWORD, next });
    t.equal(res.headers.location, expected, `next=${next}`);
  }
});

t.test('signing out revokes the session: the old cookie no longer works', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  const stolen = visitor.cookies.get(SESSION_COOKIE)!;
  const page = await visitor.get('/compte');
  t.equal(page.statusCode, 200);
  const out = await visitor.post('/deconnexion', {});
  t.equal(out.statusCode, 303);
  t.equal(out.headers.location, '/');
  t.notOk(visitor.cookies.has(SESSION_COOKIE), 'the cookie is cleared');
  const home = await visitor.get('/');
  t.match(textOf(home.body), 'Vous êtes déconnecté·e.');
  const replay = new Visitor(ctx);
  replay.cookies.set(SESSION_COOKIE, stolen);
  const res = await replay.get('/compte');
  t.equal(res.statusCode, 302, 'the old cookie leads to the sign-in page');
  t.match(res.headers.location, /^\/connexion/);
  const row = await ctx.db.selectFrom('sessions').select(['revoked_reason']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
  t.equal(row.revoked_reason, 'logout');
});

t.test('a POST without a valid CSRF token is refused with a French 403 page', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  const none = await visitor.post('/deconnexion', {}, { csrf: false });
  t.equal(none.statusCode, 403);
  t.match(none.headers['content-type'], /text\/html/);
  t.match(textOf(none.body), 'La page a expiré');
  t.equal((await visitor.get('/compte')).statusCode, 200, 'still signed in');
  const forged = await visitor.post('/deconnexion', {}, { csrf: 'forged-token' });
  t.equal(forged.statusCode, 403);
  // A token from before the sign-in belongs to another session.
  const anonymous = new Visitor(ctx);
  await anonymous.get('/connexion');
  const before = anonymous.csrf!;
  await anonymous.post('/connexion', { email: user.email, password: TEST_PASSWORD });
  const stale = await anonymous.post('/deconnexion', {}, { csrf: before });
  t.equal(stale.statusCode, 403, 'a token of the anonymous page is refused once signed in');
  // Another browser's token does not work with this browser's cookies.
  const other = new Visitor(ctx);
  await other.get('/connexion');
  const cross = await new Visitor(ctx).post('/connexion', { email: user.email, password: TEST_PASSWORD }, { csrf: other.csrf! });
  t.equal(cross.statusCode, 403, 'no secret cookie: refused');
  // htmx sends the token in a header.
  const htmx = await visitor.post('/deconnexion', {}, { csrf: false, headers: { 'x-csrf-token': visitor.csrf!, 'hx-request': 'true' } });
  t.equal(htmx.statusCode, 204);
  t.equal(htmx.headers['hx-redirect'], '/');
});

t.test('changing the password keeps this session and ends the others, cookie or token', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const here = new Visitor(ctx);
  await here.signIn(user.email);
  const elsewhere = new Visitor(ctx);
  await elsewhere.signIn(user.email);
  const api = await signIn(ctx, user);
  const page = await here.get('/compte/mot-de-passe');
  t.equal(page.statusCode, 200);

  const wrong = await here.post('/compte/mot-de-passe', { currentPassword: 'not my password at all', newPassword: 'a brand new passphrase here', confirmPassword: 'a brand new passphrase here' });
  t.equal(wrong.statusCode, 422);
  t.match(wrong.body, /id="champ-currentPassword"[^>]*aria-invalid="true"/);
  t.notMatch(wrong.body, 'a brand new passphrase here', 'passwords are never sent back');

  const short = await here.post('/compte/mot-de-passe', { currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' });
  t.equal(short.statusCode, 400);
  t.match(short.body, /id="champ-newPassword"[^>]*aria-invalid="true"/);

  const mismatch = await here.post('/compte/mot-de-passe', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase here', confirmPassword: 'another passphrase there' });
  t.equal(mismatch.statusCode, 400);
  t.match(mismatch.body, /id="champ-confirmPassword"[^>]*aria-invalid="true"/);

  const ok = await here.post('/compte/mot-de-passe', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase here', confirmPassword: 'a brand new passphrase here' });
  t.equal(ok.statusCode, 303);
  t.equal(ok.headers.location, '/compte');
  t.equal((await here.get('/compte')).statusCode, 200, 'this session goes on');
  t.equal((await elsewhere.get('/compte')).statusCode, 302, 'the other console session ended');
  t.equal((await ctx.call('GET', '/me', { token: api.accessToken })).statusCode, 401, 'the API session too');
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: user.email, password: 'a brand new passphrase here' } })).statusCode, 200);
});

t.test('deleting the account through the API ends its console sessions', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  const api = await signIn(ctx, user);
  const res = await ctx.call('DELETE', '/me', { token: api.accessToken, body: { password: TEST_PASSWORD } });
  t.equal(res.statusCode, 204);
  t.equal((await visitor.get('/compte')).statusCode, 302);
});

t.test('a session ends after two idle hours, and after twelve hours in any case', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const idle = new Visitor(ctx);
  await idle.signIn(user.email);
  ctx.clock.advance(2 * 3600 * 1000 + 1000);
  t.equal((await idle.get('/compte')).statusCode, 302, 'idle too long');
  t.notOk(idle.cookies.has(SESSION_COOKIE), 'the dead cookie is cleared');
  ctx.clock.reset();

  const busy = new Visitor(ctx);
  await busy.signIn(user.email);
  for (let hour = 1; hour <= 11; hour++) {
    ctx.clock.advance(3600 * 1000);
    t.equal((await busy.get('/compte')).statusCode, 200, `hour ${hour}`);
  }
  ctx.clock.advance(3600 * 1000);
  t.equal((await busy.get('/compte')).statusCode, 302, 'twelve hours after signing in');
  ctx.clock.reset();
});

t.test('signing up creates a candidate account and signs it in', async (t) => {
  const visitor = new Visitor(ctx);
  const page = await visitor.get('/inscription');
  t.equal(page.statusCode, 200);
  const email = uniqueEmail('inscrite');
  const res = await visitor.post('/inscription', { fullName: 'Inès Dubois', email, password: 'my own long passphrase' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/mon-profil', 'to the profile, the first thing to fill');
  const profile = await visitor.get('/mon-profil');
  t.match(textOf(profile.body), 'Votre compte est créé et vous êtes connecté·e.');
  t.match(textOf(profile.body), 'Commencer mon profil');
  const account = await visitor.get('/compte');
  t.equal(account.statusCode, 200);
  t.match(textOf(account.body), 'Inès Dubois');
  t.match(textOf(account.body), 'Candidat ou candidate');
  const row = await ctx.db.selectFrom('users').select(['role', 'full_name']).where('email', '=', email).executeTakeFirstOrThrow();
  t.same(row, { role: 'candidate', full_name: 'Inès Dubois' });
  t.equal((await visitor.get('/inscription')).statusCode, 302, 'signed in: the sign-up page leads to the account');
});

t.test('signing up from a mission leads back to it (local paths only)', async (t) => {
  const visitor = new Visitor(ctx);
  const page = await visitor.get('/inscription?next=%2Fmission%2Fabc');
  t.match(page.body, 'name="next" value="/mission/abc"');
  t.match(page.body, 'href="/connexion?next=%2Fmission%2Fabc"', 'the sign-in link keeps it');
  const res = await visitor.post('/inscription', { fullName: 'Inès Dubois', email: uniqueEmail('depuis-mission'), password: 'my own long passphrase', next: '/mission/abc' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/mission/abc');
  const elsewhere = new Visitor(ctx);
  await elsewhere.get('/inscription?next=https%3A%2F%2Fevil.example');
  const away = await elsewhere.post('/inscription', { fullName: 'Léa Petit', email: uniqueEmail('ailleurs'), password: 'my own long passphrase', next: 'https://evil.example' });
  t.equal(away.headers.location, '/mon-profil', 'another site is not a next page');
});

t.test('a sign-up the service refuses comes back filled, the error beside its field', async (t) => {
  const existing = await createUser(ctx.db, 'candidate');
  const visitor = new Visitor(ctx);
  await visitor.get('/inscription');
  const taken = await visitor.post('/inscription', { fullName: 'Léa <b>Petit</b>', email: existing.email, password: 'my own long passphrase' });
  t.equal(taken.statusCode, 409);
  t.match(taken.body, `value="${existing.email}"`);
  t.match(taken.body, 'value="Léa &lt;b>Petit&lt;/b>"', 'the name is kept, escaped');
  t.match(taken.body, /id="champ-email"[^>]*aria-invalid="true"/);
  const weak = await visitor.post('/inscription', { fullName: '', email: uniqueEmail(), password: 'password1234' });
  t.equal(weak.statusCode, 400);
  t.match(weak.body, /id="champ-password"[^>]*aria-invalid="true"/);
  t.notMatch(weak.body, /id="champ-fullName"[^>]*aria-invalid/, 'an empty optional name is fine');
});
