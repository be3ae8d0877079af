import t from 'tap';
import { applyRetention } from '../../../src/modules/privacy/privacy.service.js';
import { setup } from '../../helpers/app.js';
import { createApplication, createMission, createOperator, createStructure, signedIn, signedInCandidate, TEST_PASSWORD } from '../../helpers/factories.js';

/** Personal data rights: export, deletion (anonymisation) and the retention job. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const host = await createStructure(ctx.db, { operatorId: ligue.id, kind: 'proximity' });
const member = await signedIn(ctx, 'structure_member', { structureId: host.id });
const mission = await createMission(ctx.db, { operatorId: ligue.id, hostId: host.id, title: 'Médiation au musée' });

t.test('GET /me/export: everything held about the caller, and nobody else', async (t) => {
  const candidate = await signedInCandidate(ctx, { firstName: 'Sarah' });
  const other = await signedInCandidate(ctx, { firstName: 'Oscar' });
  await ctx.call('PUT', '/me/disability', { token: candidate.accessToken, body: { recognised: false, consent: true } });
  const applied = await ctx.call('POST', `/missions/${mission.id}/applications`, { token: candidate.accessToken, body: { motivation: 'Transmettre mon amour des musées' } });
  await ctx.call('POST', `/applications/${applied.json().id}/notes`, { token: member.accessToken, body: { body: 'Candidate solide', rating: 4 } });
  await ctx.call('POST', `/missions/${mission.id}/applications`, { token: other.accessToken, body: { motivation: 'Oscar’s motivation' } });

  const res = await ctx.call('GET', '/me/export', { token: candidate.accessToken });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'no-store');
  const data = res.json();
  t.match(data, {
    account: { id: candidate.user.id, email: candidate.user.email, role: 'candidate' },
    profile: { first_name: 'Sarah', birth_date: '2005-03-10', nationality: 'french' },
    disability: { recognised: false },
    applications: [{ mission_title: 'Médiation au musée', motivation: 'Transmettre mon amour des musées', status: 'submitted', rating: 4 }],
    applicationHistory: [{ to_status: 'submitted' }],
    notesAboutMe: [{ body: 'Candidate solide', rating: 4 }],
    emails: [{ kind: 'application.submitted', to_address: candidate.user.email }],
  });
  t.ok(data.sessions.length >= 1);
  t.notMatch(res.body, /Oscar/, 'no one else’s data');
  t.notMatch(res.body, /password_hash|token_hash/, 'no secrets');
  const read = await ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'disability.read').where('entity_id', '=', candidate.user.id).execute();
  t.match(read.at(-1)!.after, { purpose: 'data-export' }, 'the disability read is audited');
  const staff = await ctx.call('GET', '/me/export', { token: member.accessToken });
  t.equal(staff.statusCode, 200);
  t.equal(staff.json().profile, null);
  t.equal((await ctx.call('GET', '/me/export')).statusCode, 401);
});

t.test('DELETE /me anonymises the candidate irreversibly and keeps an accepted placement', async (t) => {
  const candidate = await signedInCandidate(ctx, { firstName: 'Nadia', lastName: 'Haddad' });
  const token = candidate.accessToken;
  await ctx.call('PUT', '/me/disability', { token, body: { recognised: true, consent: true } });
  const placed = await createApplication(ctx.db, { missionId: mission.id, candidateId: candidate.user.id, status: 'accepted' });
  const other = await createMission(ctx.db, { operatorId: ligue.id, hostId: host.id });
  const refused = await createApplication(ctx.db, { missionId: other.id, candidateId: candidate.user.id, status: 'refused', motivation: 'Mon histoire personnelle' });
  await ctx.db.insertInto('application_notes').values({ application_id: refused.id, author_id: member.user.id, body: 'Vu en entretien, timide' }).execute();

  const wrong = await ctx.call('DELETE', '/me', { token, body: { password: 'not the password at all' } });
  t.equal(wrong.statusCode, 422);
  t.match(wrong.json().errors, [{ path: 'password' }]);
  t.equal((await ctx.call('GET', '/me/profile', { token })).statusCode, 200, 'nothing erased on a wrong password');
  t.equal((await ctx.call('DELETE', '/me', { token: member.accessToken, body: { password: TEST_PASSWORD } })).statusCode, 403, 'staff accounts are closed by an admin');

  t.equal((await ctx.call('DELETE', '/me', { token, body: { password: TEST_PASSWORD } })).statusCode, 204);
  t.equal((await ctx.call('GET', '/me', { token })).statusCode, 401, 'the session ended');
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: candidate.user.email, password: TEST_PASSWORD } })).statusCode, 401, 'no sign-in any more');

  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', candidate.user.id).executeTakeFirstOrThrow();
  t.equal(user.email, `anonymised-${candidate.user.id}@binome.invalid`);
  t.ok(user.anonymised_at);
  const profile = await ctx.db.selectFrom('candidate_profiles').selectAll().where('user_id', '=', candidate.user.id).executeTakeFirstOrThrow();
  t.match(profile, { first_name: 'Nadia', last_name: 'Haddad', phone: null, presentation: '', interests: [] }, 'the placement keeps the names the law requires');
  t.equal(await ctx.db.selectFrom('candidate_disabilities').select('user_id').where('user_id', '=', candidate.user.id).executeTakeFirst(), undefined);
  const apps = await ctx.db.selectFrom('applications').select(['id', 'status', 'motivation']).where('candidate_id', '=', candidate.user.id).execute();
  t.match(apps.find((a) => a.id === refused.id), { status: 'refused', motivation: '' });
  t.match(apps.find((a) => a.id === placed.id), { status: 'accepted', motivation: /./ });
  t.equal((await ctx.db.selectFrom('application_notes').select('id').where('application_id', '=', refused.id).execute()).length, 0);
  const trail = await ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'candidate.anonymised').where('entity_id', '=', candidate.user.id).executeTakeFirstOrThrow();
  t.match(trail.after, { why: 'deleted-by-candidate', placementKept: true });

  const again = await ctx.call('POST', '/auth/register', { body: { email: candidate.user.email, password: 'another long passphrase here', fullName: 'Nadia' } });
  t.equal(again.statusCode, 201, 'the address is free again');
});

t.test('a candidate without placement loses the whole profile', async (t) => {
  const candidate = await signedInCandidate(ctx);
  await ctx.call('POST', `/missions/${mission.id}/applications`, { token: candidate.accessToken, body: { motivation: 'Bientôt effacée' } });
  t.equal((await ctx.call('DELETE', '/me', { token: candidate.accessToken, body: { password: TEST_PASSWORD } })).statusCode, 204);
  t.equal(await ctx.db.selectFrom('candidate_profiles').select('user_id').where('user_id', '=', candidate.user.id).executeTakeFirst(), undefined);
  const mails = await ctx.db.selectFrom('outbox').select(['status', 'body', 'to_address']).where('user_id', '=', candidate.user.id).execute();
  t.equal(mails.length, 0, 'the unsent e-mail is dropped');
  const seen = (await ctx.call('GET', `/structures/${host.id}/applications?q=Bient`, { token: member.accessToken })).json();
  t.equal(seen.items.length, 0, 'the motivation is gone from the review');
});

t.test('a sent e-mail keeps its kind and date, none of its parts: text, HTML, attachments', async (t) => {
  const candidate = await signedInCandidate(ctx);
  await ctx.call('POST', `/missions/${mission.id}/applications`, { token: candidate.accessToken, body: { motivation: 'Envoyée puis effacée' } });
  const attachments = JSON.stringify([{ filename: 'forum.ics', contentType: 'text/calendar', content: 'SUMMARY:Rencontre : Nadia' }]);
  await ctx.db.updateTable('outbox').set({ status: 'sent', sent_at: new Date(), attachments }).where('user_id', '=', candidate.user.id).execute();
  const before = await ctx.db.selectFrom('outbox').select(['kind', 'html']).where('user_id', '=', candidate.user.id).execute();
  t.ok(before.length > 0 && before.every((m) => m.html !== null), 'sent messages with an HTML part');
  t.equal((await ctx.call('DELETE', '/me', { token: candidate.accessToken, body: { password: TEST_PASSWORD } })).statusCode, 204);
  const after = await ctx.db.selectFrom('outbox').select(['kind', 'to_address', 'subject', 'body', 'html', 'attachments']).where('user_id', '=', candidate.user.id).execute();
  t.same(after.map((m) => m.kind).sort(), before.map((m) => m.kind).sort(), 'the kinds stay');
  for (const m of after) t.same(m, { kind: m.kind, to_address: 'anonymised@binome.invalid', subject: '', body: '', html: null, attachments: [] });
});

t.test('retention: unsuccessful candidates anonymised after 3 months, 2 years in the pool', async (t) => {
  const now = new Date();
  const monthsAgo = (n: number) => {
    const d = new Date(now);
    d.setUTCMonth(d.getUTCMonth() - n);
    return d;
  };
  const make = async (status: 'refused' | 'withdrawn' | 'submitted' | 'accepted', decidedMonthsAgo: number, stayInPool = false) => {
    const candidate = await signedInCandidate(ctx, { stayInPool });
    const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: host.id });
    await createApplication(ctx.db, { missionId: m.id, candidateId: candidate.user.id, status, changedAt: monthsAgo(decidedMonthsAgo) });
    // Their last contact: the decision (no later sign-in, no later profile change).
    await ctx.db.updateTable('users').set({ last_login_at: monthsAgo(decidedMonthsAgo) }).where('id', '=', candidate.user.id).execute();
    await ctx.db.updateTable('candidate_profiles').set({ updated_at: monthsAgo(decidedMonthsAgo) }).where('user_id', '=', candidate.user.id).execute();
    return candidate.user.id;
  };
  const refusedLongAgo = await make('refused', 4);
  const withdrawnLongAgo = await make('withdrawn', 5);
  const refusedRecently = await make('refused', 2);
  const poolRecent = await make('refused', 12, true);
  const poolOld = await make('refused', 25, true);
  const pending = await make('submitted', 6);
  const placed = await make('accepted', 6);
  await ctx.db.insertInto('idempotency_keys').values({ user_id: placed, scope: 'x', key: 'old', request_hash: 'h', created_at: new Date(now.getTime() - 25 * 3_600_000) }).execute();
  await ctx.db.insertInto('idempotency_keys').values({ user_id: placed, scope: 'x', key: 'new', request_hash: 'h', created_at: now }).execute();

  const result = await applyRetention({ db: ctx.db }, now);
  const anonymised = async (id: string) => (await ctx.db.selectFrom('users').select('anonymised_at').where('id', '=', id).executeTakeFirstOrThrow()).anonymised_at !== null;
  t.equal(await anonymised(refusedLongAgo), true);
  t.equal(await anonymised(withdrawnLongAgo), true);
  t.equal(await anonymised(refusedRecently), false);
  t.equal(await anonymised(poolRecent), false, 'in the pool, kept 2 years');
  t.equal(await anonymised(poolOld), true);
  t.equal(await anonymised(pending), false, 'an application still pending');
  t.equal(await anonymised(placed), false, 'a placement');
  t.ok(result.anonymised >= 3);
  t.same(
    (await ctx.db.selectFrom('idempotency_keys').select('key').where('user_id', '=', placed).execute()).map((k) => k.key),
    ['new'],
    'keys past their replay window are forgotten',
  );
  t.same(await applyRetention({ db: ctx.db }, now), { anonymised: 0, idempotencyKeysForgotten: 0 }, 'a second run finds nothing');
});
