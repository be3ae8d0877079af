import t from 'tap';
import { ADDRESS_LIMITS, LOGIN_THROTTLE } from '../../src/modules/auth/policy.js';
import { setup } from '../helpers/app.js';
import { createUser, TEST_PASSWORD, uniqueEmail } from '../helpers/factories.js';

/** Failed logins are limited per account and per client address (docs/rules.md): 429 with Retry-After. */
const ctx = await setup(t);
const { perAccount, perAddress } = LOGIN_THROTTLE;

const login = (email: string, password: string, remoteAddress: string) =>
  ctx.call('POST', '/auth/login', { body: { email, password }, remoteAddress });

t.test(`after ${perAccount} failures an account is locked for the window, even with the right password`, async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  for (let i = 0; i < perAccount; i++) {
    // Each failure from another address: only the per-account limit is in play.
    t.equal((await login(user.email, 'wrong password!', `10.1.0.${i + 1}`)).statusCode, 401, `failure ${i + 1}`);
  }
  const blocked = await login(user.email, TEST_PASSWORD, '10.1.0.200');
  t.equal(blocked.statusCode, 429);
  t.equal(blocked.headers['content-type'], 'application/problem+json; charset=utf-8');
  const retryAfter = Number(blocked.headers['retry-after']);
  t.ok(retryAfter > 0 && retryAfter <= LOGIN_THROTTLE.windowMs / 1000, `Retry-After is a number of seconds within the window (${retryAfter})`);
  t.match(blocked.json(), { status: 429, detail: /ce compte/ });

  const other = await createUser(ctx.db, 'candidate');
  t.equal((await login(other.email, TEST_PASSWORD, '10.1.0.200')).statusCode, 200, 'another account is not affected');
});

t.test('successful logins do not count', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  for (let i = 0; i < perAccount + 2; i++) {
    t.equal((await login(user.email, TEST_PASSWORD, '10.2.0.1')).statusCode, 200);
  }
});

t.test(`after ${perAddress} failures from one address it is blocked, for every account`, async (t) => {
  const address = '10.3.0.1';
  for (let i = 0; i < perAddress; i++) {
    t.equal((await login(uniqueEmail('spray'), 'wrong password!', address)).statusCode, 401);
  }
  const user = await createUser(ctx.db, 'candidate');
  const blocked = await login(user.email, TEST_PASSWORD, address);
  t.equal(blocked.statusCode, 429);
  t.match(blocked.json().detail, /cette adresse/);
  t.ok(Number(blocked.headers['retry-after']) > 0);
  t.equal((await login(user.email, TEST_PASSWORD, '10.3.0.2')).statusCode, 200, 'another address is not affected');
});

t.test('an invalid body is a 400 and is not counted', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  for (let i = 0; i < perAccount + 1; i++) {
    const res = await ctx.call('POST', '/auth/login', { body: { email: user.email }, remoteAddress: '10.4.0.1' });
    t.equal(res.statusCode, 400);
  }
  t.equal((await login(user.email, TEST_PASSWORD, '10.4.0.1')).statusCode, 200);
});

t.test('simultaneous wrong passwords cannot slip past the limit', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => login(user.email, 'wrong password!', `10.5.0.${i + 1}`)),
  );
  const codes = results.map((r) => r.statusCode);
  t.equal(codes.filter((c) => c === 401).length, perAccount, `${perAccount} attempts are judged, the rest refused`);
  t.equal(codes.filter((c) => c === 429).length, 30 - perAccount);
  t.equal((await login(user.email, TEST_PASSWORD, '10.5.1.1')).statusCode, 429, 'and the account is locked afterwards');
});

t.test('simultaneous correct sign-ins are never refused: a class signing in together', async (t) => {
  // More correct attempts at once than the account's allowance, each from its own address,
  // then more than the address's allowance from one address (a room behind one NAT).
  const user = await createUser(ctx.db, 'candidate');
  const accountWave = await Promise.all(
    Array.from({ length: 2 * perAccount }, (_, i) => login(user.email, TEST_PASSWORD, `10.8.0.${i + 1}`)),
  );
  t.same(accountWave.map((r) => r.statusCode), Array(2 * perAccount).fill(200), `${2 * perAccount} × 200 on one account`);

  const users = await Promise.all(Array.from({ length: perAddress + 5 }, () => createUser(ctx.db, 'candidate')));
  const addressWave = await Promise.all(users.map((u) => login(u.email, TEST_PASSWORD, '10.8.1.1')));
  t.same(addressWave.map((r) => r.statusCode), Array(users.length).fill(200), `${users.length} × 200 from one address`);

  // And a failure still counts after them: the allowance was not consumed by the successes.
  for (let i = 0; i < perAccount; i++) t.equal((await login(user.email, 'wrong password!', `10.8.2.${i + 1}`)).statusCode, 401);
  t.equal((await login(user.email, TEST_PASSWORD, '10.8.2.200')).statusCode, 429, 'locked after exactly the allowance of failures');
});

t.test('a mix of simultaneous right and wrong passwords: only the failures count, the rest are served', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const attempts = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? TEST_PASSWORD : 'wrong password!'));
  const results = await Promise.all(attempts.map((password, i) => login(user.email, password, `10.9.0.${i + 1}`)));
  const wrong = results.filter((_, i) => attempts[i] !== TEST_PASSWORD).map((r) => r.statusCode);
  t.equal(wrong.filter((c) => c === 401).length, perAccount, `${perAccount} wrong passwords judged`);
  t.equal(wrong.filter((c) => c === 429).length, wrong.length - perAccount, 'the other wrong ones refused');
  const right = results.filter((_, i) => attempts[i] === TEST_PASSWORD).map((r) => r.statusCode);
  t.ok(right.every((c) => c === 200 || c === 429), 'a correct password gets 200, or 429 once the failures reached the allowance');
  t.ok(right.filter((c) => c === 200).length >= 1);
});

t.test('IPv6 addresses of one /64 share a budget', async (t) => {
  for (let i = 0; i < perAddress; i++) {
    t.equal((await login(uniqueEmail('v6'), 'wrong password!', `2001:db8:0:1::${(i + 1).toString(16)}`)).statusCode, 401);
  }
  const user = await createUser(ctx.db, 'candidate');
  t.equal((await login(user.email, TEST_PASSWORD, '2001:db8:0:1:ffff::1')).statusCode, 429, 'another address of the same /64');
  t.equal((await login(user.email, TEST_PASSWORD, '2001:db8:0:2::1')).statusCode, 200, 'another /64');
});

t.test('wrong current passwords on POST /me/password are limited too', async (t) => {
  const user = await createUser(ctx.db, 'candidate');
  const { accessToken } = (await login(user.email, TEST_PASSWORD, '10.6.0.1')).json();
  const change = (currentPassword: string) =>
    ctx.call('POST', '/me/password', {
      token: accessToken,
      body: { currentPassword, newPassword: 'a new long passphrase' },
      remoteAddress: '10.6.0.2',
    });
  for (let i = 0; i < perAccount; i++) t.equal((await change('a wrong guess')).statusCode, 422);
  const blocked = await change(TEST_PASSWORD);
  t.equal(blocked.statusCode, 429);
  t.ok(Number(blocked.headers['retry-after']) > 0);
});

t.test('sign-ups are limited per address', async (t) => {
  const { max } = ADDRESS_LIMITS.register;
  const register = () =>
    ctx.call('POST', '/auth/register', { body: { email: uniqueEmail('room'), password: 'a fine passphrase' }, remoteAddress: '10.7.0.1' });
  for (let i = 0; i < max; i++) {
    const res = await register();
    if (res.statusCode !== 201) t.fail(`sign-up ${i + 1}: ${res.statusCode}`);
  }
  const blocked = await register();
  t.equal(blocked.statusCode, 429);
  t.equal(blocked.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.ok(Number(blocked.headers['retry-after']) > 0);
  const elsewhere = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'a fine passphrase' }, remoteAddress: '10.7.0.2' });
  t.equal(elsewhere.statusCode, 201);
});
