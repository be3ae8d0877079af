import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import t from 'tap';
import { setup, TEST_JWT_SECRET } from '../helpers/app.js';
import { signedIn } from '../helpers/factories.js';

/**
 * Every way a forged or stale access token can arrive (RFC 8725): each one is a 401
 * problem+json, never a 500 and never a success.
 */
const ctx = await setup(t);
const { accessToken, user } = await signedIn(ctx, 'coordinator');
const [, validPayload] = accessToken.split('.');
const claims = JSON.parse(Buffer.from(validPayload!, 'base64url').toString());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hmacToken(header: Record<string, unknown>, payload: Record<string, unknown>, secret = TEST_JWT_SECRET, algorithm = 'sha256') {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac(algorithm, secret).update(input).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
const fresh = () => ({ ...claims, iat: now(), exp: now() + 900 });

t.test('the genuine token works, and a token made the same way works too', async (t) => {
  t.equal((await ctx.call('GET', '/me', { token: accessToken })).statusCode, 200);
  const forgedRight = hmacToken({ alg: 'HS256', typ: 'JWT' }, fresh());
  t.equal((await ctx.call('GET', '/me', { token: forgedRight })).statusCode, 200, 'the test forger is faithful, so the refusals below mean something');
  const skewed = hmacToken({ alg: 'HS256', typ: 'JWT' }, { ...fresh(), iat: now() + 30 });
  t.equal((await ctx.call('GET', '/me', { token: skewed })).statusCode, 200, 'an issuer clock 30 s ahead is tolerated (at most a minute)');
});

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsInput = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(fresh())}`;

const attacks: [string, string][] = [
  ['alg none, no signature', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(fresh())}.`],
  ['alg none, signature kept', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(fresh())}.${accessToken.split('.')[2]}`],
  ['another HMAC algorithm (HS512) with the right secret', hmacToken({ alg: 'HS512', typ: 'JWT' }, fresh(), TEST_JWT_SECRET, 'sha512')],
  ['an RSA algorithm (RS256)', `${rsInput}.${rsaSign('sha256', Buffer.from(rsInput), privateKey).toString('base64url')}`],
  ['the right algorithm with another secret', hmacToken({ alg: 'HS256', typ: 'JWT' }, fresh(), 'another-secret-another-secret-another')],
  ['a wrong audience', hmacToken({ alg: 'HS256' }, { ...fresh(), aud: 'someone-else' })],
  ['a wrong issuer', hmacToken({ alg: 'HS256' }, { ...fresh(), iss: 'evil' })],
  // Issued two minutes ago (well within the 15-minute maxAge): only `exp` refuses it.
  ['an expired token', hmacToken({ alg: 'HS256' }, { ...fresh(), iat: now() - 120, exp: now() - 60 })],
  ['no expiry at all', hmacToken({ alg: 'HS256' }, { ...fresh(), exp: undefined })],
  ['a token older than 15 minutes with a far expiry', hmacToken({ alg: 'HS256' }, { ...fresh(), iat: now() - 3600, exp: now() + 3600 })],
  // fast-jwt checks the age from `iat`, not that it is past: such a token would outlive its 15 minutes.
  ['a token issued two minutes in the future', hmacToken({ alg: 'HS256' }, { ...fresh(), iat: now() + 120, exp: now() + 1020 })],
  ['a token issued a day in the future', hmacToken({ alg: 'HS256' }, { ...fresh(), iat: now() + 86_400, exp: now() + 87_300 })],
  ['no session id', hmacToken({ alg: 'HS256' }, { ...fresh(), sid: undefined })],
  ['a session id that is not a UUID', hmacToken({ alg: 'HS256' }, { ...fresh(), sid: "x' or 1=1" })],
  ['an unknown session', hmacToken({ alg: 'HS256' }, { ...fresh(), sid: '00000000-0000-4000-8000-000000000000' })],
  ['another user’s subject on this session', hmacToken({ alg: 'HS256' }, { ...fresh(), sub: '00000000-0000-4000-8000-000000000001' })],
  ['a tampered payload', `${accessToken.split('.')[0]}.${b64({ ...claims, role: 'admin' })}.${accessToken.split('.')[2]}`],
  ['garbage', 'not.a.jwt'],
  ['an empty token', ''],
];

for (const [name, token] of attacks) {
  t.test(`401 for ${name}`, async (t) => {
    const res = await ctx.call('GET', '/me', { headers: { authorization: `Bearer ${token}` } });
    t.equal(res.statusCode, 401);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(res.json(), { type: 'urn:binome:problem:unauthorized', title: 'Authentification requise', status: 401, detail: String });
  });
}

t.test('401 for another scheme or no header; the role in a token is not trusted', async (t) => {
  const basic = await ctx.call('GET', '/me', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
  t.equal(basic.statusCode, 401);
  const none = await ctx.call('GET', '/me');
  t.equal(none.statusCode, 401);
  t.match(none.json().detail, /Authentification requise/);
  // A validly signed token claiming admin for a coordinator still acts as the coordinator.
  const claimsAdmin = hmacToken({ alg: 'HS256' }, { ...fresh(), role: 'admin' });
  const me = await ctx.call('GET', '/me', { token: claimsAdmin });
  t.equal(me.json().role, 'coordinator');
  t.equal((await ctx.call('POST', '/operators', { token: claimsAdmin, body: { name: 'Nope' } })).statusCode, 403);
  t.equal(me.json().id, user.id);
});

t.test('a revoked token is refused', async (t) => {
  const other = await signedIn(ctx, 'candidate');
  t.equal((await ctx.call('POST', '/auth/logout', { token: other.accessToken })).statusCode, 204);
  const res = await ctx.call('GET', '/me', { token: other.accessToken });
  t.equal(res.statusCode, 401);
  t.match(res.json().detail, /session est terminée/);
});
