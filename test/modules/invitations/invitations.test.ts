import t from 'tap';
import { setup } from '../../helpers/app.js';
import { PUBLIC_URL_MARK, resolveLinks } from '../../../src/modules/outbox/compose.js';
import { createOperator, createStructure, createUser, signedIn, uniqueEmail } from '../../helpers/factories.js';

const ctx = await setup(t);
const admin = await signedIn(ctx, 'admin');
const operator = await createOperator(ctx.db);
const otherOperator = await createOperator(ctx.db);
const structure = await createStructure(ctx.db, { operatorId: operator.id });
const foreignStructure = await createStructure(ctx.db, { operatorId: otherOperator.id });
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: operator.id });
const password = 'a brand new passphrase';

async function invite(token: string, body: Record<string, unknown>) {
  return ctx.call('POST', '/invitations', { token, body });
}

t.test('an admin invites a coordinator, who sets a password and acts for the operator', async (t) => {
  const email = uniqueEmail('coord');
  const res = await invite(admin.accessToken, { role: 'coordinator', operatorId: operator.id, email, fullName: 'Claire Martin' });
  t.equal(res.statusCode, 201);
  const invitation = res.json();
  t.match(invitation, { email, role: 'coordinator', operatorId: operator.id, structureId: null, status: 'pending', invitedBy: admin.user.id });
  t.match(invitation.token, /^[A-Za-z0-9_-]{43}$/);
  const days = (Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)) / 86_400_000;
  t.equal(days, 7, 'expires in 7 days');
  const stored = await ctx.db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
  t.not(stored.token_hash, invitation.token, 'only a hash of the token is stored');
  t.notMatch(JSON.stringify(stored), invitation.token);

  const accepted = await ctx.call('POST', `/invitations/${invitation.token}/accept`, { body: { password } });
  t.equal(accepted.statusCode, 201);
  const me = await ctx.call('GET', '/me', { token: accepted.json().accessToken });
  t.match(me.json(), { email, role: 'coordinator', fullName: 'Claire Martin', operator: { id: operator.id, name: operator.name } });
  t.equal((await ctx.call('POST', '/auth/login', { body: { email, password } })).statusCode, 200, 'the password works');

  const again = await ctx.call('POST', `/invitations/${invitation.token}/accept`, { body: { password } });
  t.equal(again.statusCode, 410, 'the token is one-time');
  t.match(again.json().detail, /déjà servi/);

  const audit = await ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', invitation.id).orderBy('id').execute();
  t.same(audit.map((a) => a.action), ['invitation.created', 'invitation.accepted']);
});

t.test('a coordinator invites a member of one of their operator’s structures', async (t) => {
  const email = uniqueEmail('member');
  const res = await invite(coordinator.accessToken, { role: 'structure_member', structureId: structure.id, email });
  t.equal(res.statusCode, 201);
  const accepted = await ctx.call('POST', `/invitations/${res.json().token}/accept`, { body: { password, fullName: 'Sam Leroy' } });
  t.equal(accepted.statusCode, 201);
  t.match(accepted.json().user, { role: 'structure_member', structureId: structure.id, operatorId: null, fullName: 'Sam Leroy' });
  const me = await ctx.call('GET', '/me', { token: accepted.json().accessToken });
  t.match(me.json(), { structure: { id: structure.id }, operator: { id: operator.id } });
});

t.test('who may invite whom', async (t) => {
  const coordinatorInvitesCoordinator = await invite(coordinator.accessToken, { role: 'coordinator', operatorId: operator.id, email: uniqueEmail() });
  t.equal(coordinatorInvitesCoordinator.statusCode, 403, 'only an admin invites coordinators');

  const foreign = await invite(coordinator.accessToken, { role: 'structure_member', structureId: foreignStructure.id, email: uniqueEmail() });
  t.equal(foreign.statusCode, 404, 'another operator’s structure does not exist for this coordinator');

  const member = await signedIn(ctx, 'structure_member', { structureId: structure.id });
  t.equal((await invite(member.accessToken, { role: 'structure_member', structureId: structure.id, email: uniqueEmail() })).statusCode, 403);
  const candidate = await signedIn(ctx, 'candidate');
  t.equal((await invite(candidate.accessToken, { role: 'structure_member', structureId: structure.id, email: uniqueEmail() })).statusCode, 403);
  t.equal((await ctx.call('POST', '/invitations', { body: { role: 'structure_member', structureId: structure.id, email: uniqueEmail() } })).statusCode, 401);

  const adminAnyStructure = await invite(admin.accessToken, { role: 'structure_member', structureId: foreignStructure.id, email: uniqueEmail() });
  t.equal(adminAnyStructure.statusCode, 201, 'an admin may invite into any structure');

  const unknownOperator = await invite(admin.accessToken, { role: 'coordinator', operatorId: '00000000-0000-4000-8000-000000000000', email: uniqueEmail() });
  t.equal(unknownOperator.statusCode, 404);
});

t.test('invalid invitations are refused with the field named', async (t) => {
  const mixed = await invite(admin.accessToken, { role: 'coordinator', structureId: structure.id, operatorId: operator.id, email: uniqueEmail() });
  t.equal(mixed.statusCode, 400, 'a coordinator invitation takes no structure');
  t.match(mixed.json().errors, [{ path: 'structureId' }]);
  const adminRole = await invite(admin.accessToken, { role: 'admin', email: uniqueEmail() });
  t.equal(adminRole.statusCode, 400, 'admins are not invited');
  const existing = await createUser(ctx.db, 'candidate');
  const taken = await invite(admin.accessToken, { role: 'coordinator', operatorId: operator.id, email: existing.email });
  t.equal(taken.statusCode, 409, 'an address with an account already');
});

t.test('an invitation expires after 7 days', async (t) => {
  const res = await invite(admin.accessToken, { role: 'coordinator', operatorId: operator.id, email: uniqueEmail() });
  t.teardown(() => ctx.clock.reset());
  ctx.clock.advance(7 * 86_400_000 - 60_000);
  const list = await ctx.call('GET', `/invitations?status=pending&q=${encodeURIComponent(res.json().email)}`, { token: admin.accessToken });
  t.equal(list.json().items.length, 1, 'still pending a minute before');
  ctx.clock.advance(61_000);
  const late = await ctx.call('POST', `/invitations/${res.json().token}/accept`, { body: { password } });
  t.equal(late.statusCode, 410);
  t.match(late.json().detail, /expiré/);
  const expired = await ctx.call('GET', `/invitations?status=expired&q=${encodeURIComponent(res.json().email)}`, { token: admin.accessToken });
  t.equal(expired.json().items[0]?.status, 'expired');
});

t.test('inviting again replaces the open invitation; a withdrawn one cannot be used', async (t) => {
  const email = uniqueEmail();
  const first = (await invite(admin.accessToken, { role: 'coordinator', operatorId: operator.id, email })).json();
  const second = (await invite(admin.accessToken, { role: 'coordinator', operatorId: operator.id, email })).json();
  const old = await ctx.call('POST', `/invitations/${first.token}/accept`, { body: { password } });
  t.equal(old.statusCode, 410);
  t.match(old.json().detail, /retirée/);

  const withdrawn = await ctx.call('DELETE', `/invitations/${second.id}`, { token: admin.accessToken });
  t.equal(withdrawn.statusCode, 200);
  t.equal(withdrawn.json().status, 'revoked');
  t.equal((await ctx.call('POST', `/invitations/${second.token}/accept`, { body: { password } })).statusCode, 410);
  const twice = await ctx.call('DELETE', `/invitations/${second.id}`, { token: admin.accessToken });
  t.equal(twice.statusCode, 409);
  t.equal(twice.json().currentState, 'revoked');

  t.equal((await ctx.call('POST', '/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/accept', { body: { password } })).statusCode, 404, 'unknown token');
  t.equal((await ctx.call('POST', '/invitations/short/accept', { body: { password } })).statusCode, 400, 'malformed token');
});

t.test('two simultaneous acceptances of one invitation create one account', async (t) => {
  const email = uniqueEmail('race');
  const { token } = (await invite(admin.accessToken, { role: 'coordinator', operatorId: operator.id, email })).json();
  const results = await Promise.all(
    Array.from({ length: 5 }, () => ctx.call('POST', `/invitations/${token}/accept`, { body: { password } })),
  );
  const codes = results.map((r) => r.statusCode);
  t.equal(codes.filter((c) => c === 201).length, 1, `one success (${codes.join(', ')})`);
  t.ok(codes.every((c) => c === 201 || c === 410 || c === 409), 'the others are refused, not errors');
  const users = await ctx.db.selectFrom('users').select('id').where('email', '=', email).execute();
  t.equal(users.length, 1);
});

t.test('lists are scoped: a coordinator sees their operator’s invitations only', async (t) => {
  const mine = (await invite(coordinator.accessToken, { role: 'structure_member', structureId: structure.id, email: uniqueEmail('mine') })).json();
  const theirs = (await invite(admin.accessToken, { role: 'structure_member', structureId: foreignStructure.id, email: uniqueEmail('theirs') })).json();
  const seen = await ctx.call('GET', '/invitations?limit=100', { token: coordinator.accessToken });
  t.equal(seen.statusCode, 200);
  const ids = seen.json().items.map((i: { id: string }) => i.id);
  t.ok(ids.includes(mine.id));
  t.notOk(ids.includes(theirs.id));
  t.equal((await ctx.call('DELETE', `/invitations/${theirs.id}`, { token: coordinator.accessToken })).statusCode, 404, 'someone else’s invitation is not found');
  const all = await ctx.call('GET', '/invitations?limit=100', { token: admin.accessToken });
  t.ok(all.json().items.some((i: { id: string }) => i.id === theirs.id), 'the admin sees all');
  const member = await signedIn(ctx, 'structure_member', { structureId: structure.id });
  t.equal((await ctx.call('GET', '/invitations', { token: member.accessToken })).statusCode, 403);
});

t.test('a coordinator cannot replace or withdraw invitations they do not manage, nor learn of them', async (t) => {
  const otherCoordinator = await signedIn(ctx, 'coordinator', { operatorId: otherOperator.id });
  const email = uniqueEmail('contested');
  const adminInvite = (await invite(admin.accessToken, { role: 'coordinator', operatorId: operator.id, email })).json();

  // The same answer as for an address nobody invited: 201, and the admin's invitation stands.
  const free = await invite(otherCoordinator.accessToken, { role: 'structure_member', structureId: foreignStructure.id, email: uniqueEmail('free') });
  const contested = await invite(otherCoordinator.accessToken, { role: 'structure_member', structureId: foreignStructure.id, email });
  t.equal(contested.statusCode, 201, 'another operator’s open invitation does not refuse the new one');
  t.same(Object.keys(contested.json()).sort(), Object.keys(free.json()).sort(), 'and the answer has the same shape as for a free address');
  t.equal(contested.json().status, 'pending');
  const sameOperator = await invite(coordinator.accessToken, { role: 'structure_member', structureId: structure.id, email });
  t.equal(sameOperator.statusCode, 201, 'nor does an admin’s invitation of a coordinator, even of their own operator');

  const withdraw = await ctx.call('DELETE', `/invitations/${adminInvite.id}`, { token: coordinator.accessToken });
  t.equal(withdraw.statusCode, 403, 'only an admin withdraws a coordinator’s invitation');
  const listed = await ctx.call('GET', `/invitations?limit=100&q=${encodeURIComponent(email)}`, { token: admin.accessToken });
  t.same(
    listed.json().items.filter((i: { email: string; status: string }) => i.email === email && i.status === 'pending').length,
    3,
    'the invitee holds the three invitations',
  );

  // Inviting again to the same structure replaces the caller's own invitation only.
  const again = await invite(coordinator.accessToken, { role: 'structure_member', structureId: structure.id, email });
  t.equal(again.statusCode, 201);
  t.equal((await ctx.call('POST', `/invitations/${sameOperator.json().token}/accept`, { body: { password }, remoteAddress: '10.20.0.1' })).statusCode, 410, 'the replaced one is withdrawn');

  const accepted = await ctx.call('POST', `/invitations/${adminInvite.token}/accept`, { body: { password }, remoteAddress: '10.20.0.2' });
  t.equal(accepted.statusCode, 201, 'the admin’s invitation still works');
  t.equal(accepted.json().user.role, 'coordinator');
  const second = await ctx.call('POST', `/invitations/${contested.json().token}/accept`, { body: { password }, remoteAddress: '10.20.0.3' });
  t.equal(second.statusCode, 409, 'once one is accepted, the others say to sign in');
  t.match(second.json().detail, /connectez-vous/);
});

t.test('accepting an invitation takes no role or scope from the body', async (t) => {
  const { token } = (await invite(coordinator.accessToken, { role: 'structure_member', structureId: structure.id, email: uniqueEmail() })).json();
  for (const field of [{ role: 'admin' }, { structureId: foreignStructure.id }, { operatorId: otherOperator.id }, { email: 'other@example.fr' }]) {
    const res = await ctx.call('POST', `/invitations/${token}/accept`, { body: { password, ...field } });
    t.equal(res.statusCode, 400, `${Object.keys(field)[0]} is refused`);
  }
  const ok = await ctx.call('POST', `/invitations/${token}/accept`, { body: { password } });
  t.equal(ok.json().user.role, 'structure_member');
});

t.test('the invitation is e-mailed in French through the outbox, with the console’s link at PUBLIC_URL', async (t) => {
  const email = uniqueEmail('mailed');
  const res = await invite(coordinator.accessToken, { role: 'structure_member', structureId: structure.id, email, fullName: 'Inès Caron' });
  t.equal(res.statusCode, 201);
  const rows = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', email).execute();
  t.equal(rows.length, 1, 'one message, written with the invitation');
  const [message] = rows;
  t.match(message, { kind: 'invitation', status: 'pending', user_id: null, subject: 'Votre invitation sur Binôme' });
  t.match(message!.body, `représenter la structure ${structure.name}`);
  const link = /(\S+\/invitation\?jeton=(\S+))/.exec(message!.body);
  t.ok(link, 'a link to the acceptance page');
  t.equal(decodeURIComponent(link![2]!), res.json().token, 'the token of the answer');
  t.ok(link![1]!.startsWith(`${PUBLIC_URL_MARK}/invitation?jeton=`), 'a console link, made absolute when it is sent');
  t.match(resolveLinks(link![1]!, 'https://binome.example.fr'), /^https:\/\/binome\.example\.fr\/invitation\?jeton=/);

  const refused = await invite(coordinator.accessToken, { role: 'structure_member', structureId: foreignStructure.id, email: uniqueEmail('nope') });
  t.equal(refused.statusCode, 404);
  t.equal(Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'invitation').where('to_address', 'like', 'nope.%').executeTakeFirstOrThrow()).n), 0, 'nothing written for a refused one');
});
