import t from 'tap';
import { loadConfig } from '../../../src/config.js';
import { infoSessionRemindersJob } from '../../../src/jobs/info-session-reminders.js';
import { JOBS, type JobContext } from '../../../src/jobs/registry.js';
import { retentionJob } from '../../../src/jobs/retention.js';
import { parisInstant } from '../../../src/lib/dates.js';
import { setup } from '../../helpers/app.js';
import { createApplication, createEdition, createMission, createOperator, createUser, signedIn, signedInCandidate } from '../../helpers/factories.js';
import { createInfoRegistration, createInfoSession } from '../../helpers/info-sessions-factories.js';

/** Information meetings: sessions, registration with and without an account, the waiting list, the cancel link, attendance, reminders, retention. */
const ctx = await setup(t);
const HOUR = 3_600_000;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const jobContext = (now: Date): JobContext => ({ db: ctx.db, now, config: loadConfig({ NODE_ENV: 'test' }), log: silent, signal: new AbortController().signal });

const person = (over: Record<string, unknown> = {}) => ({ fullName: 'Inès Kaci', email: `ines.${Math.random().toString(36).slice(2)}@example.fr`, consentContact: true, ageBracket: '18-21', ...over });
const register = (sessionId: string, body: Record<string, unknown>, token?: string) =>
  ctx.call('POST', `/info-sessions/${sessionId}/registrations`, { body, ...(token ? { token } : {}), remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
const mails = (to: string, kind?: string) => {
  let q = ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', to);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('created_at').execute();
};
const tokenIn = (body: string) => /annulation\?jeton=([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? '';
const counter = async (id: string) => (await ctx.db.selectFrom('info_sessions').select('registered').where('id', '=', id).executeTakeFirstOrThrow()).registered;

t.test('the public list shows the upcoming sessions of recruiting editions only', async (t) => {
  const edition = await createEdition(ctx.db);
  const upcoming = await createInfoSession(ctx.db, { editionId: edition.id });
  const past = await createInfoSession(ctx.db, { editionId: edition.id, startsAt: new Date(Date.now() - HOUR) });
  const cancelled = await createInfoSession(ctx.db, { editionId: edition.id, cancelledAt: new Date() });
  const closed = await createEdition(ctx.db);
  await ctx.db.updateTable('editions').set({ status: 'closed' }).where('id', '=', closed.id).execute();
  const ofClosed = await createInfoSession(ctx.db, { editionId: closed.id });
  const res = await ctx.call('GET', '/info-sessions');
  t.equal(res.statusCode, 200);
  const ids = res.json().items.map((s: { id: string }) => s.id);
  t.ok(ids.includes(upcoming.id), 'the upcoming one');
  for (const hidden of [past, cancelled, ofClosed]) t.notOk(ids.includes(hidden.id), 'not a past, cancelled or closed edition’s one');
  const one = res.json().items.find((s: { id: string }) => s.id === upcoming.id);
  t.match(one, { capacity: 10, registered: 0, placesLeft: 10, waiting: 0, commune: { code: '62498', name: 'Lens' } });
  t.equal((await ctx.call('GET', `/info-sessions/${ofClosed.id}`)).statusCode, 404, 'a closed edition’s session is not public');
});

t.test('a registration without an account: a place, the confirmation with its cancel link and calendar', async (t) => {
  const session = await createInfoSession(ctx.db, { capacity: 2 });
  const body = person({ phone: '06 12 34 56 78' });
  const res = await register(session.id, body);
  t.equal(res.statusCode, 201, res.body);
  t.match(res.json(), { status: 'registered', rank: null, session: { registered: 1, placesLeft: 1 } });
  const [mail, ...more] = await mails(body.email as string);
  t.equal(more.length, 0);
  t.match(mail, { kind: 'info-session.registered', user_id: null, subject: /^Inscription confirmée : réunion d’information du / });
  t.match(mail!.body, 'Bonjour Inès,');
  t.match(mail!.body, '{{PUBLIC_URL}}/reunions-d-information/annulation?jeton=');
  t.match(mail!.body, 'Maison des associations, 12 rue Jean-Jaurès, 62300 Lens');
  t.match(mail!.attachments, [{ filename: 'reunion-d-information.ics', contentType: /text\/calendar/ }]);
  t.match(mail!.attachments[0]!.content, /BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);
  const row = await ctx.db.selectFrom('info_registrations').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
  t.not(row.cancel_token_hash, tokenIn(mail!.body), 'only the token’s hash is stored');
  t.equal(row.phone, '06 12 34 56 78');
});

t.test('a full session puts people on the waiting list, with their rank', async (t) => {
  const session = await createInfoSession(ctx.db, { capacity: 1 });
  t.equal((await register(session.id, person())).json().status, 'registered');
  const second = person();
  const third = person();
  t.match((await register(session.id, second)).json(), { status: 'waiting', rank: 1, session: { registered: 1, waiting: 1, placesLeft: 0 } });
  t.match((await register(session.id, third)).json(), { status: 'waiting', rank: 2 });
  const [mail] = await mails(third.email as string, 'info-session.waiting');
  t.match(mail!.body, 'vous êtes sur la liste d’attente, en position 2');
  t.equal(await counter(session.id), 1, 'never more registered than the capacity');
});

t.test('one e-mail registers once per session: a second try is a 409 naming the rule', async (t) => {
  const session = await createInfoSession(ctx.db);
  const body = person();
  t.equal((await register(session.id, body)).statusCode, 201);
  const again = await register(session.id, { ...body, email: (body.email as string).toUpperCase(), fullName: 'Autre nom' });
  t.equal(again.statusCode, 409);
  t.match(again.json(), { rule: 'info-one-registration', field: 'email', detail: /une même adresse ne s’inscrit qu’une fois par réunion/ });
  t.equal(await counter(session.id), 1);
});

t.test('consent, name and e-mail are required without an account; bad fields are named', async (t) => {
  const session = await createInfoSession(ctx.db);
  const noConsent = await register(session.id, person({ consentContact: false }));
  t.equal(noConsent.statusCode, 400);
  t.match(noConsent.json().errors, [{ path: 'consentContact', message: /sans votre accord, nous ne pouvons pas vous envoyer la confirmation/ }]);
  const anonymous = await register(session.id, { consentContact: true, ageBracket: '16-17' });
  t.equal(anonymous.statusCode, 422);
  t.match(anonymous.json().errors, [{ path: 'fullName' }, { path: 'email' }]);
  const badBracket = await register(session.id, person({ ageBracket: '40-50' }));
  t.equal(badBracket.statusCode, 400);
  t.match(badBracket.json().errors, [{ path: 'ageBracket' }]);
  t.equal((await register(session.id, person({ status: 'registered' }))).statusCode, 400, 'an unknown field is refused');
});

t.test('a cancelled or started session takes no registration; an unknown one is a 404', async (t) => {
  const cancelled = await createInfoSession(ctx.db, { cancelledAt: new Date() });
  const started = await createInfoSession(ctx.db, { startsAt: new Date(Date.now() - 10 * 60_000) });
  for (const s of [cancelled, started]) {
    const res = await register(s.id, person());
    t.equal(res.statusCode, 422);
    t.match(res.json(), { rule: 'info-session-open', detail: /n’accepte plus d’inscription/ });
  }
  t.equal((await register('00000000-0000-4000-8000-000000000000', person())).statusCode, 404);
});

t.test('a signed-in candidate registers with the account’s name and e-mail; staff may not', async (t) => {
  const session = await createInfoSession(ctx.db);
  const candidate = await signedInCandidate(ctx, { firstName: 'Léa', lastName: 'Dumont' });
  const res = await register(session.id, { consentContact: true, ageBracket: '22-25' }, candidate.accessToken);
  t.equal(res.statusCode, 201, res.body);
  const row = await ctx.db.selectFrom('info_registrations').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
  t.match(row, { user_id: candidate.user.id, email: candidate.user.email, full_name: 'Léa Dumont' });
  const coordinator = await signedIn(ctx, 'coordinator');
  const refused = await register(session.id, person(), coordinator.accessToken);
  t.equal(refused.statusCode, 403);
});

t.test('cancelling with the link gives the place to the first in line (by queued_at), who is told', async (t) => {
  const session = await createInfoSession(ctx.db, { capacity: 1 });
  const holder = await register(session.id, person());
  const holderMail = (await ctx.db.selectFrom('outbox').selectAll().where('kind', '=', 'info-session.registered').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow());
  const token = tokenIn(holderMail.body);
  t.equal(holder.json().status, 'registered');
  // Written in the reverse order of their places in line.
  const now = Date.now();
  const later = await createInfoRegistration(ctx.db, { sessionId: session.id, status: 'waiting', queuedAt: new Date(now - 1000), email: 'later@example.fr' });
  const first = await createInfoRegistration(ctx.db, { sessionId: session.id, status: 'waiting', queuedAt: new Date(now - 5000), email: 'first@example.fr', fullName: 'Noé Petit' });

  const bad = await ctx.call('POST', '/info-registrations/cancel', { body: { token: 'not-a-token' } });
  t.equal(bad.statusCode, 410);
  const res = await ctx.call('POST', '/info-registrations/cancel', { body: { token } });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { status: 'cancelled', promoted: 1, session: { registered: 1, waiting: 1 } });
  const statuses = await ctx.db.selectFrom('info_registrations').select(['email', 'status']).where('session_id', '=', session.id).execute();
  t.match(Object.fromEntries(statuses.map((s) => [s.email, s.status])), { 'first@example.fr': 'registered', 'later@example.fr': 'waiting' });
  const [promoted] = await mails('first@example.fr', 'info-session.promoted');
  t.match(promoted, { subject: /^Une place s’est libérée/ });
  t.match(promoted!.body, 'Bonjour Noé,');
  t.equal((await mails(holderMail.to_address, 'info-session.cancelled')).length, 1, 'the cancellation is confirmed');
  t.equal((await ctx.call('POST', '/info-registrations/cancel', { body: { token } })).statusCode, 410, 'the link works once');

  const leaves = await ctx.call('POST', '/info-registrations/cancel', { body: { token: later.token } });
  t.match(leaves.json(), { promoted: 0, session: { registered: 1, waiting: 0 } }, 'leaving the waiting list frees no place');
  t.equal(await counter(session.id), 1);
  t.equal((await ctx.call('POST', '/info-registrations/cancel', { body: { token: first.token } })).json().session.registered, 0);
});

t.test('a started session’s registration can no longer be cancelled', async (t) => {
  const session = await createInfoSession(ctx.db, { startsAt: new Date(Date.now() - 60_000) });
  const reg = await createInfoRegistration(ctx.db, { sessionId: session.id });
  const res = await ctx.call('POST', '/info-registrations/cancel', { body: { token: reg.token } });
  t.equal(res.statusCode, 422);
  t.match(res.json(), { rule: 'info-session-open', detail: /déjà commencé/ });
});

t.test('a coordinator plans, edits and cancels the sessions of their operator’s editions only', async (t) => {
  const operator = await createOperator(ctx.db);
  const edition = await createEdition(ctx.db, { operatorId: operator.id });
  const coordinator = await signedIn(ctx, 'coordinator', { operatorId: operator.id });
  const stranger = await signedIn(ctx, 'coordinator');
  const body = { day: '2030-10-17', startsAt: '14:00', endsAt: '16:00', venue: 'Médiathèque', communeCode: '62119', capacity: 2 };
  t.equal((await ctx.call('POST', `/editions/${edition.id}/info-sessions`, { token: stranger.accessToken, body })).statusCode, 404, 'another operator’s edition is not found');
  const wrongTimes = await ctx.call('POST', `/editions/${edition.id}/info-sessions`, { token: coordinator.accessToken, body: { ...body, endsAt: '13:00' } });
  t.equal(wrongTimes.statusCode, 400);
  t.match(wrongTimes.json().errors, [{ path: 'endsAt' }]);
  const created = await ctx.call('POST', `/editions/${edition.id}/info-sessions`, { token: coordinator.accessToken, body });
  t.equal(created.statusCode, 201, created.body);
  const session = created.json();
  t.equal(session.startsAt, '2030-10-17T12:00:00.000Z', '14 h in Paris in summer time');
  t.match(session, { commune: { name: 'Béthune' }, capacity: 2, venue: 'Médiathèque' });

  t.equal((await ctx.call('GET', `/editions/${edition.id}/info-sessions`, { token: stranger.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/info-sessions/${session.id}/registrations`, { token: stranger.accessToken })).statusCode, 404, 'no existence oracle');
  t.equal((await ctx.call('GET', `/info-sessions/00000000-0000-4000-8000-000000000000/registrations`, { token: stranger.accessToken })).statusCode, 404);
  t.equal((await ctx.call('PUT', `/info-sessions/${session.id}`, { token: stranger.accessToken, body })).statusCode, 404);
  const candidate = await signedInCandidate(ctx);
  t.equal((await ctx.call('GET', `/info-sessions/${session.id}/registrations`, { token: candidate.accessToken })).statusCode, 403);

  await register(session.id, person());
  await register(session.id, person());
  const waiting = person();
  t.equal((await register(session.id, waiting)).json().status, 'waiting');
  const lower = await ctx.call('PUT', `/info-sessions/${session.id}`, { token: coordinator.accessToken, body: { ...body, capacity: 1 } });
  t.equal(lower.statusCode, 422);
  t.match(lower.json(), { rule: 'info-capacity', field: 'capacity', detail: /ne peut pas descendre sous le nombre de personnes déjà inscrites \(2\)/ });
  const stale = await ctx.call('PUT', `/info-sessions/${session.id}`, { token: coordinator.accessToken, body, headers: { 'if-match': '"7"' } });
  t.equal(stale.statusCode, 412);
  const raised = await ctx.call('PUT', `/info-sessions/${session.id}`, { token: coordinator.accessToken, body: { ...body, capacity: 3 }, headers: { 'if-match': `"${session.version}"` } });
  t.equal(raised.statusCode, 200, raised.body);
  t.match(raised.json(), { capacity: 3, registered: 3, waiting: 0 }, 'a larger capacity lets the waiting list in');
  t.equal((await mails(waiting.email as string, 'info-session.promoted')).length, 1);

  const list = await ctx.call('GET', `/editions/${edition.id}/info-sessions`, { token: coordinator.accessToken });
  t.match(list.json().items, [{ id: session.id, registered: 3 }]);
  const cancelled = await ctx.call('POST', `/info-sessions/${session.id}/cancel`, { token: coordinator.accessToken });
  t.equal(cancelled.statusCode, 200);
  t.ok(cancelled.json().cancelledAt);
  t.equal((await mails(waiting.email as string, 'info-session.cancelled-by-operator')).length, 1, 'the people registered are told');
  t.equal((await ctx.call('POST', `/info-sessions/${session.id}/cancel`, { token: coordinator.accessToken })).statusCode, 409);
  t.equal((await ctx.call('PUT', `/info-sessions/${session.id}`, { token: coordinator.accessToken, body })).statusCode, 409, 'a cancelled session is not edited');
});

t.test('attendance: refused before the start; after, the attendees are invited to apply, once', async (t) => {
  const operator = await createOperator(ctx.db);
  const coordinator = await signedIn(ctx, 'coordinator', { operatorId: operator.id });
  const edition = await createEdition(ctx.db, { operatorId: operator.id });
  const upcoming = await createInfoSession(ctx.db, { editionId: edition.id });
  const early = await createInfoRegistration(ctx.db, { sessionId: upcoming.id });
  const tooEarly = await ctx.call('PUT', `/info-sessions/${upcoming.id}/attendance`, { token: coordinator.accessToken, body: { attendance: [{ registrationId: early.id, attended: true }] } });
  t.equal(tooEarly.statusCode, 422);
  t.match(tooEarly.json(), { rule: 'info-attendance', detail: 'La présence se note une fois la réunion commencée, pas avant.' });

  const held = await createInfoSession(ctx.db, { editionId: edition.id, startsAt: new Date(Date.now() - HOUR) });
  const came = await createInfoRegistration(ctx.db, { sessionId: held.id, email: 'came@example.fr', fullName: 'Yanis Morel' });
  const absent = await createInfoRegistration(ctx.db, { sessionId: held.id, email: 'absent@example.fr' });
  const waiting = await createInfoRegistration(ctx.db, { sessionId: held.id, status: 'waiting' });
  const notRegistered = await ctx.call('PUT', `/info-sessions/${held.id}/attendance`, { token: coordinator.accessToken, body: { attendance: [{ registrationId: waiting.id, attended: true }] } });
  t.equal(notRegistered.statusCode, 422);
  t.match(notRegistered.json(), { rule: 'info-attendance', field: 'attendance.0.registrationId' });
  const stranger = await signedIn(ctx, 'coordinator');
  t.equal((await ctx.call('PUT', `/info-sessions/${held.id}/attendance`, { token: stranger.accessToken, body: { attendance: [{ registrationId: came.id, attended: true }] } })).statusCode, 404);

  const attendance = { attendance: [{ registrationId: came.id, attended: true }, { registrationId: absent.id, attended: false }] };
  const res = await ctx.call('PUT', `/info-sessions/${held.id}/attendance`, { token: coordinator.accessToken, body: attendance });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json().items, [{ id: came.id, attended: true, invitedToApplyAt: String }, { id: absent.id, attended: false, invitedToApplyAt: null }, { id: waiting.id, status: 'waiting', rank: 1 }]);
  const [invitation] = await mails('came@example.fr', 'info-session.invitation-to-apply');
  t.match(invitation!.body, '{{PUBLIC_URL}}/trouver-une-mission');
  t.match(invitation!.body, 'Bonjour Yanis,');
  t.equal((await mails('absent@example.fr', 'info-session.invitation-to-apply')).length, 0);
  await ctx.call('PUT', `/info-sessions/${held.id}/attendance`, { token: coordinator.accessToken, body: attendance });
  t.equal((await mails('came@example.fr', 'info-session.invitation-to-apply')).length, 1, 'invited once');
});

t.test('the reminder the day before: from 9 h in Paris, once', async (t) => {
  t.ok(JOBS.findIndex((j) => j.name === 'info-session-reminders') < JOBS.findIndex((j) => j.name === 'send-emails'), 'before the e-mails are sent');
  const session = await createInfoSession(ctx.db, { startsAt: parisInstant('2031-03-15', 18 * 60) });
  const reg = await createInfoRegistration(ctx.db, { sessionId: session.id, email: 'reminded@example.fr' });
  await createInfoRegistration(ctx.db, { sessionId: session.id, status: 'waiting', email: 'notreminded@example.fr' });
  const run = (now: Date) => infoSessionRemindersJob.run(jobContext(now));
  t.same(await run(parisInstant('2031-03-14', 8 * 60 + 59)), { reminded: 0 }, 'not before 9 h');
  t.same(await run(parisInstant('2031-03-13', 10 * 60)), { reminded: 0 }, 'not two days before');
  const results = await Promise.all([run(parisInstant('2031-03-14', 9 * 60)), run(parisInstant('2031-03-14', 9 * 60))]);
  t.equal(results[0]!.reminded! + results[1]!.reminded!, 1, 'one reminder for two runs at once');
  t.same(await run(parisInstant('2031-03-14', 15 * 60)), { reminded: 0 }, 'never twice');
  const [mail, ...more] = await mails('reminded@example.fr', 'info-session.reminder');
  t.equal(more.length, 0);
  t.match(mail!.subject, 'Rappel : réunion d’information demain à 18 h 00');
  t.equal((await mails('notreminded@example.fr', 'info-session.reminder')).length, 0, 'the waiting list is not reminded');
  t.ok((await ctx.db.selectFrom('info_registrations').select('reminded_at').where('id', '=', reg.id).executeTakeFirstOrThrow()).reminded_at);
});

t.test('retention: registrations without an account go 6 months after their session, unless the person applied', async (t) => {
  const operator = await createOperator(ctx.db);
  const edition = await createEdition(ctx.db, { operatorId: operator.id });
  const mission = await createMission(ctx.db, { operatorId: operator.id, editionId: edition.id });
  const old = await createInfoSession(ctx.db, { editionId: edition.id, startsAt: new Date('2025-01-10T17:00:00Z') });
  const recent = await createInfoSession(ctx.db, { editionId: edition.id, startsAt: new Date('2025-06-10T17:00:00Z') });
  const forgotten = await createInfoRegistration(ctx.db, { sessionId: old.id, email: 'forgotten@example.fr' });
  const applicant = await createUser(ctx.db, 'candidate', { email: 'applied@example.fr' });
  await createApplication(ctx.db, { missionId: mission.id, candidateId: applicant.id });
  const applied = await createInfoRegistration(ctx.db, { sessionId: old.id, email: 'Applied@Example.fr' });
  const withAccount = await createInfoRegistration(ctx.db, { sessionId: old.id, userId: (await createUser(ctx.db, 'candidate')).id });
  const young = await createInfoRegistration(ctx.db, { sessionId: recent.id });
  const otherEdition = await createMission(ctx.db);
  const elsewhere = await createUser(ctx.db, 'candidate', { email: 'elsewhere@example.fr' });
  await createApplication(ctx.db, { missionId: otherEdition.id, candidateId: elsewhere.id });
  const appliedElsewhere = await createInfoRegistration(ctx.db, { sessionId: old.id, email: 'elsewhere@example.fr' });

  const result = await retentionJob.run(jobContext(new Date('2025-08-15T12:00:00Z')));
  t.equal(result.infoRegistrationsDeleted, 2, JSON.stringify(result));
  const left = new Set((await ctx.db.selectFrom('info_registrations').select('id').execute()).map((r) => r.id));
  t.notOk(left.has(forgotten.id), 'deleted 7 months after');
  t.notOk(left.has(appliedElsewhere.id), 'an application to another edition does not count');
  t.ok(left.has(applied.id), 'kept: applied with the same e-mail (any case)');
  t.ok(left.has(withAccount.id), 'kept: registered with an account');
  t.ok(left.has(young.id), 'kept: 2 months after');
});

t.test('a candidate’s data export lists their registrations; erasure anonymises them', async (t) => {
  const session = await createInfoSession(ctx.db);
  const candidate = await signedInCandidate(ctx);
  await register(session.id, { consentContact: true, ageBracket: '18-21', phone: '0612345678' }, candidate.accessToken);
  const exported = await ctx.call('GET', '/me/export', { token: candidate.accessToken });
  t.equal(exported.statusCode, 200, exported.body);
  t.match(exported.json().infoRegistrations, [{ session_id: session.id, email: candidate.user.email, status: 'registered' }]);
  const erased = await ctx.call('DELETE', '/me', { token: candidate.accessToken, body: { password: candidate.user.password } });
  t.equal(erased.statusCode, 204, erased.body);
  const row = await ctx.db.selectFrom('info_registrations').selectAll().where('user_id', '=', candidate.user.id).executeTakeFirstOrThrow();
  t.match(row, { full_name: 'Personne anonymisée', email: /@binome\.invalid$/, phone: null, status: 'registered' });
});
