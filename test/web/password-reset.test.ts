import { performance } from 'node:perf_hooks';
import t from 'tap';
import { hashToken } from '../../src/lib/tokens.js';
import { loadConfig } from '../../src/config.js';
import { redactUrl } from '../../src/logger.js';
import { resolveLinks } from '../../src/modules/outbox/compose.js';
import { setup } from '../helpers/app.js';
import { createUser, signIn, TEST_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { SESSION_COOKIE, textOf, Visitor } from './helpers.js';

const env = { PUBLIC_URL: 'https://binome.example.fr/' };
const ctx = await setup(t, { env });
const { publicUrl } = loadConfig({ NODE_ENV: 'test', ...env });
const NEW_PASSWORD = 'a freshly chosen passphrase';

/** The user's reset e-mails, their links as the worker sends them (made absolute with PUBLIC_URL). */
async function resetEmails(userId: string) {
  await ctx.app.passwordResets.idle();
  const rows = await ctx.db.selectFrom('outbox').selectAll().where('user_id', '=', userId).where('kind', '=', 'password-reset').orderBy('created_at').execute();
  return rows.map((row) => ({ ...row, body: resolveLinks(row.body, publicUrl) }));
}

/** The token of the newest link e-mailed to the user. */
async function lastToken(userId: string): Promise<string> {
  const emails = await resetEmails(userId);
  const link = /https:\/\/binome\.example\.fr\/nouveau-mot-de-passe\?jeton=([A-Za-z0-9_-]+)/.exec(emails.at(-1)?.body ?? '');
  if (!link) throw new Error('no reset link e-mailed');
  return link[1]!;
}

t.test('the same answer for an address with an account and one without', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const known = await ctx.call('POST', '/auth/password-reset', { body: { email: user.email.toUpperCase() } });
  const unknown = await ctx.call('POST', '/auth/password-reset', { body: { email: uniqueEmail() } });
  t.equal(known.statusCode, 202);
  t.equal(unknown.statusCode, 202);
  t.equal(known.body, '');
  t.equal(unknown.body, '');
  const shape = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => !['date', 'x-request-id'].includes(h)).sort();
  t.same(shape(unknown.headers), shape(known.headers), 'the same headers');
  const emails = await resetEmails(user.id);
  t.equal(emails.length, 1, 'one e-mail, to the account');
  t.equal(emails[0]!.to_address, user.email);
  t.match(emails[0]!.subject, 'mot de passe');
  t.match(emails[0]!.body, 'https://binome.example.fr/nouveau-mot-de-passe?jeton=', 'a link from PUBLIC_URL');
  t.match(emails[0]!.body, '60 minutes');
  const token = await lastToken(user.id);
  const row = await ctx.db.selectFrom('password_reset_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
  t.equal(row.token_hash, hashToken(token), 'stored hashed');
  t.not(row.token_hash, token);
  t.equal(row.expires_at.getTime() - row.created_at.getTime(), 3600 * 1000, 'valid one hour');
});

t.test('no account enumeration by timing: both answers take about the same time', async (t) => {
  const emails = await Promise.all(Array.from({ length: 7 }, () => createUser(ctx.db, 'candidate')));
  const time = async (email: string) => {
    const started = performance.now();
    const res = await ctx.call('POST', '/auth/password-reset', { body: { email }, remoteAddress: '10.9.9.9' });
    t.equal(res.statusCode, 202);
    return performance.now() - started;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const known: number[] = [];
  const unknown: number[] = [];
  for (const user of emails) {
    known.push(await time(user.email));
    await ctx.app.passwordResets.idle();
    unknown.push(await time(uniqueEmail()));
    await ctx.app.passwordResets.idle();
  }
  // The answer waits for neither the lookup nor the writes, which run afterwards. A generous
  // bound, for a shared machine.
  t.ok(Math.abs(median(known) - median(unknown)) < 50, `medians ${median(known).toFixed(1)} and ${median(unknown).toFixed(1)} ms`);
});

t.test('a link works once, within the hour, and ends every session', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const api = await signIn(ctx, user);
  const browser = new Visitor(ctx);
  await browser.signIn(user.email);
  await ctx.call('POST', '/auth/password-reset', { body: { email: user.email } });
  const token = await lastToken(user.id);

  const weak = await ctx.call('POST', '/auth/password-reset/confirm', { body: { token, password: 'short' } });
  t.equal(weak.statusCode, 400, 'the password rules hold');
  const done = await ctx.call('POST', '/auth/password-reset/confirm', { body: { token, password: NEW_PASSWORD } });
  t.equal(done.statusCode, 204);
  const again = await ctx.call('POST', '/auth/password-reset/confirm', { body: { token, password: 'yet another passphrase' } });
  t.equal(again.statusCode, 410, 'single use');
  t.equal((await ctx.call('GET', '/me', { token: api.accessToken })).statusCode, 401, 'the API session ended');
  t.equal((await browser.get('/compte')).statusCode, 302, 'the console session ended');
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).statusCode, 401, 'the old password is gone');
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: user.email, password: NEW_PASSWORD } })).statusCode, 200);
  const unknown = await ctx.call('POST', '/auth/password-reset/confirm', { body: { token: 'made-up-token', password: NEW_PASSWORD } });
  t.equal(unknown.statusCode, 410, 'an unknown token answers alike');
});

t.test('a link expires after an hour; a new request retires the earlier link', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  await ctx.call('POST', '/auth/password-reset', { body: { email: user.email } });
  const first = await lastToken(user.id);
  await ctx.call('POST', '/auth/password-reset', { body: { email: user.email } });
  const second = await lastToken(user.id);
  t.not(first, second);
  t.equal((await ctx.call('POST', '/auth/password-reset/confirm', { body: { token: first, password: NEW_PASSWORD } })).statusCode, 410, 'the earlier link died');
  ctx.clock.advance(3600 * 1000 + 1000);
  t.equal((await ctx.call('POST', '/auth/password-reset/confirm', { body: { token: second, password: NEW_PASSWORD } })).statusCode, 410, 'expired');
  ctx.clock.reset();
});

t.test('at most three links an hour per account; the answer does not change', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  for (let i = 0; i < 5; i++) t.equal((await ctx.call('POST', '/auth/password-reset', { body: { email: user.email } })).statusCode, 202);
  t.equal((await resetEmails(user.id)).length, 3);
});

t.test('the link never comes from the request’s Host header', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  await ctx.call('POST', '/auth/password-reset', { body: { email: user.email }, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
  const [email] = await resetEmails(user.id);
  t.notMatch(email!.body, 'evil.example');
  t.match(email!.body, 'https://binome.example.fr/');
});

t.test('the pages: ask for a link, open it, choose a password, sign in', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const visitor = new Visitor(ctx);
  const signInPage = await visitor.get('/connexion');
  t.match(signInPage.body, 'href="/mot-de-passe-oublie"');
  t.equal((await visitor.get('/mot-de-passe-oublie')).statusCode, 200);
  const sent = await visitor.post('/mot-de-passe-oublie', { email: user.email });
  t.equal(sent.statusCode, 200);
  const nobody = await visitor.post('/mot-de-passe-oublie', { email: uniqueEmail() });
  t.equal(nobody.statusCode, 200);
  const page = (html: string) => textOf(html.replace(/<meta name="csrf-token"[^>]*>/, '').replace(/name="_csrf" value="[^"]*"/g, ''));
  t.equal(page(nobody.body), page(sent.body), 'the same page for an unknown address');
  t.match(textOf(sent.body), 'Si un compte existe pour cette adresse');
  const invalid = await visitor.post('/mot-de-passe-oublie', { email: 'pas une adresse' });
  t.equal(invalid.statusCode, 400);
  t.match(invalid.body, 'value="pas une adresse"');

  const token = await lastToken(user.id);
  const form = await visitor.get(`/nouveau-mot-de-passe?jeton=${token}`);
  t.equal(form.statusCode, 200);
  t.match(form.body, `name="token" value="${token}"`);
  const mismatch = await visitor.post('/nouveau-mot-de-passe', { token, password: NEW_PASSWORD, confirmPassword: 'something else entirely' });
  t.equal(mismatch.statusCode, 400);
  t.match(mismatch.body, /id="champ-confirmPassword"[^>]*aria-invalid="true"/);
  t.match(mismatch.body, `name="token" value="${token}"`, 'the link is kept');
  const weak = await visitor.post('/nouveau-mot-de-passe', { token, password: 'password1234', confirmPassword: 'password1234' });
  t.equal(weak.statusCode, 400);
  t.match(weak.body, /id="champ-password"[^>]*aria-invalid="true"/);
  const ok = await visitor.post('/nouveau-mot-de-passe', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
  t.equal(ok.statusCode, 303);
  t.equal(ok.headers.location, '/connexion');
  const next = await visitor.get('/connexion');
  t.match(textOf(next.body), 'Connectez-vous avec le nouveau');
  await visitor.signIn(user.email, NEW_PASSWORD);
  t.ok(visitor.cookies.has(SESSION_COOKIE));

  await visitor.get(`/nouveau-mot-de-passe?jeton=${token}`);
  const used = await visitor.post('/nouveau-mot-de-passe', { token, password: 'yet another passphrase', confirmPassword: 'yet another passphrase' });
  t.equal(used.statusCode, 410);
  t.match(textOf(used.body), 'Ce lien ne fonctionne plus');
  t.match(used.body, 'href="/mot-de-passe-oublie"');
  const incomplete = await new Visitor(ctx).get('/nouveau-mot-de-passe');
  t.equal(incomplete.statusCode, 400);
  t.match(textOf(incomplete.body), 'Ce lien est incomplet');
});

t.test('the link’s token never reaches the logs', async (t) => {
  t.equal(redactUrl('/nouveau-mot-de-passe?jeton=abc123'), '/nouveau-mot-de-passe?jeton=[redacted]');
  t.equal(redactUrl('/nouveau-mot-de-passe?x=1&jeton=abc&y=2'), '/nouveau-mot-de-passe?x=1&jeton=[redacted]&y=2');
});

t.test('PUBLIC_URL: the links’ address', async (t) => {
  const { ConfigError, loadConfig } = await import('../../src/config.js');
  t.equal(loadConfig({}).publicUrl, 'http://127.0.0.1:3000', 'by default, where the server listens');
  t.equal(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl, 'http://localhost:8080');
  t.equal(loadConfig({ PUBLIC_URL: 'https://binome.example.fr/' }).publicUrl, 'https://binome.example.fr', 'no trailing slash');
  t.equal(loadConfig({ PUBLIC_URL: 'https://example.fr/binome' }).publicUrl, 'https://example.fr/binome');
  for (const bad of ['ftp://example.fr', 'not a url', 'https://example.fr/?a=1']) {
    let problems: readonly string[] = [];
    try {
      loadConfig({ PUBLIC_URL: bad });
    } catch (err) {
      if (err instanceof ConfigError) problems = err.problems;
    }
    t.ok(problems.some((p) => p.startsWith('PUBLIC_URL:')), bad);
  }
});
