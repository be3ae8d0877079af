import t from 'tap';
import { bootstrapAdmin, GENERATED_ADMIN_EMAIL } from '../../../src/modules/accounts/accounts.service.js';
import { setup } from '../../helpers/app.js';
import { createUser } from '../../helpers/factories.js';

/** The first admin, from ADMIN_EMAIL/ADMIN_PASSWORD or generated on an empty database. */
const ctx = await setup(t);
const now = new Date();

t.test('on an empty database without configuration, an admin with a generated password', async (t) => {
  const first = await bootstrapAdmin(ctx.db, undefined, now);
  t.equal(first.kind, 'generated');
  if (first.kind !== 'generated') return;
  t.equal(first.email, GENERATED_ADMIN_EMAIL);
  t.ok(first.password.length >= 20, 'a long random password');
  const login = await ctx.call('POST', '/auth/login', { body: { email: first.email, password: first.password } });
  t.equal(login.statusCode, 200);
  t.equal(login.json().user.role, 'admin');
  t.same(await bootstrapAdmin(ctx.db, undefined, now), { kind: 'nothing-to-do' }, 'only once: an admin exists now');
});

t.test('ADMIN_EMAIL/ADMIN_PASSWORD create that admin once and never overwrite it', async (t) => {
  const configured = { email: 'coordination@ligue62.fr', password: 'the configured passphrase' };
  t.same(await bootstrapAdmin(ctx.db, configured, now), { kind: 'configured-created', email: configured.email });
  t.equal((await ctx.call('POST', '/auth/login', { body: configured })).statusCode, 200);
  const again = await bootstrapAdmin(ctx.db, { ...configured, password: 'another configured passphrase' }, now);
  t.same(again, { kind: 'configured-exists', email: configured.email, role: 'admin' });
  t.equal((await ctx.call('POST', '/auth/login', { body: configured })).statusCode, 200, 'the password is unchanged');
  const candidate = await createUser(ctx.db, 'candidate');
  t.match(await bootstrapAdmin(ctx.db, { email: candidate.email, password: 'whatever passphrase' }, now), {
    kind: 'configured-exists',
    role: 'candidate',
  }, 'an existing non-admin account is reported, not promoted');
});
