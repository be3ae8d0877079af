import { sql } from 'kysely';
import t from 'tap';
import { Forbidden, NotFound } from '../../../src/errors.js';
import { exportForReview, listForReview } from '../../../src/modules/applications/applications.service.js';
import { expireOffers, refuseUnanswered } from '../../../src/modules/recruitment/recruitment.service.js';
import { setup } from '../../helpers/app.js';
import { readCsv, uniqueHeaders } from '../../helpers/csv.js';
import { createApplication, createEdition, createMission, createOperator, createStructure, signedIn, signedInCandidate } from '../../helpers/factories.js';

/** Applications: eligibility, applying, the workflow, the review, the history and the e-mails. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db, { name: 'Ligue 62' });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity', communeCode: '62215' });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel d’Harnes', kind: 'proximity', communeCode: '62413' });
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const rival = await signedIn(ctx, 'coordinator');
const carvinMember = await signedIn(ctx, 'structure_member', { structureId: carvin.id, fullName: 'Agnès de Carvin' });
const harnesMember = await signedIn(ctx, 'structure_member', { structureId: harnes.id });
const mission = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, title: 'Groupe de spectateurs à Carvin', startsOn: '2027-02-01' });

const apply = (missionId: string, token: string, body: unknown = { motivation: 'Le théâtre m’a ouvert des portes.' }, headers?: Record<string, string>) =>
  ctx.call('POST', `/missions/${missionId}/applications`, { token, body, ...(headers ? { headers } : {}) });
const move = (id: string, token: string, body: Record<string, unknown>, version: number | string) =>
  ctx.call('POST', `/applications/${id}/transitions`, { token, body, headers: { 'if-match': `"${version}"` } });
/** The ids of every page of a list, following its cursor (`page` gets `&cursor=…`, or '' for the first). */
async function everyPage(page: (cursor: string) => Promise<{ json: () => unknown }>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const answer = (await page(cursor ? `&cursor=${cursor}` : '')).json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...answer.items.map((a) => a.id));
    cursor = answer.nextCursor;
  } while (cursor);
  return ids;
}
const outboxOf = (userId: string) => ctx.db.selectFrom('outbox').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('kind').execute();

t.test('eligibility lists every rule for the candidate and this mission', async (t) => {
  const ok = await signedInCandidate(ctx);
  const res = await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: ok.accessToken });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().eligible, true);
  t.equal(res.json().checks.length, 7);

  const old = await signedInCandidate(ctx, { birthDate: '2001-02-01' });
  const refused = (await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: old.accessToken })).json();
  t.equal(refused.eligible, false);
  t.match(refused.checks.find((c: { rule: string }) => c.rule === 'age-max'), { ok: false });
  t.equal((await apply(mission.id, old.accessToken)).json().rule, 'age-max', 'a 26-year-old without disability cannot apply');

  // With a recognised disability the limit is the 31st birthday; reading it is audited.
  await ctx.call('PUT', '/me/disability', { token: old.accessToken, body: { recognised: true, consent: true } });
  const reads = () => ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'disability.read').where('entity_id', '=', old.user.id).execute();
  const before = (await reads()).length;
  t.equal((await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: old.accessToken })).json().eligible, true);
  t.equal((await reads()).length, before + 1);
  t.match((await reads()).at(-1)!.after, { purpose: 'age-max' });

  const young = await signedInCandidate(ctx);
  const before26 = (await reads()).length;
  await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: young.accessToken });
  t.equal((await reads()).length, before26, 'no disability read when the age does not need it');

  const noProfile = await signedIn(ctx, 'candidate');
  const missing = await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: noProfile.accessToken });
  t.equal(missing.statusCode, 422);
  t.equal(missing.json().rule, 'profile-incomplete');
  const draft = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, status: 'draft' });
  t.equal((await ctx.call('GET', `/missions/${draft.id}/eligibility`, { token: ok.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: coordinator.accessToken })).statusCode, 403);
});

t.test('applying: 201 with the history and the confirmation e-mail in the same transaction', async (t) => {
  const candidate = await signedInCandidate(ctx, { firstName: 'Yanis' });
  const res = await apply(mission.id, candidate.accessToken);
  t.equal(res.statusCode, 201, res.body);
  t.match(res.json(), { status: 'submitted', mission: { id: mission.id, title: 'Groupe de spectateurs à Carvin', host: { name: 'Service Culturel de Carvin' } }, refusal: null, version: 1 });
  t.equal(res.headers.etag, '"1"');
  const history = (await ctx.call('GET', `/applications/${res.json().id}/history`, { token: candidate.accessToken })).json();
  t.match(history.items, [{ transition: 'submit', from: null, to: 'submitted', actor: { role: 'candidate', id: null } }]);
  const mails = await outboxOf(candidate.user.id);
  t.equal(mails.length, 1);
  t.match(mails[0], { to_address: candidate.user.email, kind: 'application.submitted', status: 'pending' });
  t.match(mails[0]!.body, /Bonjour Yanis,[\s\S]*Groupe de spectateurs à Carvin/);

  const again = await apply(mission.id, candidate.accessToken);
  t.equal(again.statusCode, 409, 'one active application per mission');
  t.equal(again.json().applicationId, res.json().id);
});

t.test('bad applications are refused with the rule, and nothing is written', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const count = async () => (await ctx.db.selectFrom('applications').select('id').where('candidate_id', '=', candidate.user.id).execute()).length;
  t.equal((await apply(mission.id, candidate.accessToken, { motivation: 'x', status: 'accepted' })).statusCode, 400, 'status in a create body');
  t.equal((await apply(mission.id, candidate.accessToken, { motivation: '   ' })).statusCode, 400);
  t.equal((await apply('00000000-0000-4000-8000-000000000000', candidate.accessToken)).statusCode, 404);
  const draft = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, status: 'draft' });
  t.equal((await apply(draft.id, candidate.accessToken)).statusCode, 404, 'a draft is not there for candidates');

  const minor = await signedInCandidate(ctx, { birthDate: '2011-01-01' });
  const closed = await apply(mission.id, minor.accessToken);
  t.equal(closed.statusCode, 422);
  t.equal(closed.json().rule, 'open-to-minors', 'a minor applying to a mission closed to minors');
  t.ok(closed.json().checks.length === 7, 'every check is in the answer');
  const forMinors = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, openToMinors: true, weeklyHours: 30 });
  t.equal((await apply(forMinors.id, minor.accessToken)).statusCode, 201);

  const foreign = await signedInCandidate(ctx, { nationality: 'other' });
  t.equal((await apply(mission.id, foreign.accessToken)).json().rule, 'nationality');
  const veteran = await signedInCandidate(ctx, { earlierServiceCivique: 'completed' });
  t.equal((await apply(mission.id, veteran.accessToken)).json().rule, 'one-service-civique');
  t.equal((await apply(mission.id, coordinator.accessToken)).statusCode, 403);
  t.equal(await count(), 0);
});

t.test('at most 10 pending applications (rule application-quota)', async (t) => {
  const candidate = await signedInCandidate(ctx);
  for (let i = 0; i < 10; i++) {
    const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
    t.equal((await apply(m.id, candidate.accessToken)).statusCode, 201);
  }
  const eleventh = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const refused = await apply(eleventh.id, candidate.accessToken);
  t.equal(refused.statusCode, 422);
  t.equal(refused.json().rule, 'application-quota');
  const mine = (await ctx.call('GET', '/me/applications?limit=3', { token: candidate.accessToken })).json();
  await ctx.call('POST', `/applications/${mine.items[0].id}/withdraw`, { token: candidate.accessToken });
  t.equal((await apply(eleventh.id, candidate.accessToken)).statusCode, 201, 'a withdrawal frees a slot');
});

t.test('Idempotency-Key: a replay returns the first answer; another body with the key is a 422', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const headers = { 'idempotency-key': 'apply-7f3a' };
  const first = await apply(m.id, candidate.accessToken, { motivation: 'Une fois' }, headers);
  const replay = await apply(m.id, candidate.accessToken, { motivation: 'Une fois' }, headers);
  t.equal(first.statusCode, 201);
  t.equal(replay.statusCode, 201);
  t.same(replay.json(), first.json());
  t.equal(replay.headers['idempotent-replayed'], 'true');
  const other = await apply(m.id, candidate.accessToken, { motivation: 'Autre chose' }, headers);
  t.equal(other.statusCode, 422);
  t.match(other.json().errors, [{ path: 'idempotency-key' }]);
  const rows = await ctx.db.selectFrom('applications').select('id').where('candidate_id', '=', candidate.user.id).execute();
  t.equal(rows.length, 1);
  t.equal((await outboxOf(candidate.user.id)).length, 1, 'one e-mail');
  // Without the key a second request is a second attempt: 409, the application exists.
  t.equal((await apply(m.id, candidate.accessToken, { motivation: 'Une fois' })).statusCode, 409);
  t.equal((await apply(m.id, candidate.accessToken, { motivation: 'Une fois' }, { 'idempotency-key': 'a b' })).statusCode, 400);
});

t.test('the review workflow: who may move what, versions, refusal reasons, reopening', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, title: 'Médiation au 9-9bis' });
  const id = (await apply(m.id, candidate.accessToken)).json().id;
  const member = carvinMember.accessToken;

  t.equal((await move(id, candidate.accessToken, { to: 'in_review' }, 1)).statusCode, 403, 'a candidate calling a review move');
  t.equal((await move(id, harnesMember.accessToken, { to: 'in_review' }, 1)).statusCode, 404, 'another structure’s member');
  t.equal((await move(id, rival.accessToken, { to: 'in_review' }, 1)).statusCode, 404, 'another operator’s coordinator');
  t.equal((await ctx.call('GET', `/applications/${id}`, { token: harnesMember.accessToken })).statusCode, 404);

  const reviewed = await move(id, member, { to: 'in_review' }, 1);
  t.equal(reviewed.statusCode, 200, reviewed.body);
  t.equal(reviewed.headers.etag, '"2"');
  const stale = await move(id, member, { to: 'shortlisted' }, 1);
  t.equal(stale.statusCode, 412, 'a stale If-Match');
  const invalid = await move(id, member, { to: 'accepted' }, 2);
  t.equal(invalid.statusCode, 409);
  t.equal(invalid.json().currentState, 'in_review');
  t.match(invalid.json().detail, /en cours d’examen/);
  t.equal((await move(id, candidate.accessToken, { to: 'accepted' }, 2)).statusCode, 409, 'accepting needs an offer');

  t.equal((await move(id, member, { to: 'refused' }, 2)).statusCode, 422, 'a refusal gives its reason');
  t.equal((await move(id, member, { to: 'shortlisted', reason: 'other' }, 2)).statusCode, 422, 'a reason goes with a refusal only');
  t.equal((await move(id, member, { to: 'refused', reason: 'because' }, 2)).statusCode, 400);
  const refused = await move(id, member, { to: 'refused', reason: 'profile-mismatch', message: 'Nous cherchons un profil plus technique.' }, 2);
  t.equal(refused.statusCode, 200);
  t.match(refused.json().refusal, { reason: 'profile-mismatch', shared: false });
  const seen = (await ctx.call('GET', `/applications/${id}`, { token: candidate.accessToken })).json();
  t.equal(seen.refusal, null, 'an unshared reason stays with the structure');
  t.equal(seen.status, 'refused');
  const hidden = (await ctx.call('GET', `/applications/${id}/history`, { token: candidate.accessToken })).json().items.at(-1);
  t.match(hidden, { to: 'refused', reason: null, message: null, actor: { role: 'structure_member', name: null } });
  const full = (await ctx.call('GET', `/applications/${id}/history`, { token: coordinator.accessToken })).json().items.at(-1);
  t.match(full, { to: 'refused', reason: 'profile-mismatch', actor: { role: 'structure_member', id: carvinMember.user.id, name: 'Agnès de Carvin' } });
  const refusalMail = (await outboxOf(candidate.user.id)).find((m) => m.kind === 'application.refused')!;
  t.notMatch(refusalMail.body, /technique/, 'the e-mail does not leak an unshared message');

  const reopened = await move(id, coordinator.accessToken, { to: 'in_review' }, 3);
  t.equal(reopened.statusCode, 200, 'a refusal can be reopened');
  t.equal(reopened.json().refusal, null);
  const shared = await move(id, coordinator.accessToken, { to: 'refused', reason: 'mission-filled', message: 'Toutes les places sont prises.', shareReason: true }, 4);
  t.equal(shared.statusCode, 200);
  const mine = (await ctx.call('GET', '/me/applications', { token: candidate.accessToken })).json();
  t.match(mine.items[0], { id, status: 'refused', refusal: { reason: 'mission-filled', message: 'Toutes les places sont prises.' } });
  t.match((await outboxOf(candidate.user.id)).filter((m) => m.kind === 'application.refused').at(-1)!.body, /déjà pourvue[\s\S]*Toutes les places sont prises/);

  const history = (await ctx.call('GET', `/applications/${id}/history`, { token: carvinMember.accessToken })).json().items;
  t.same(
    history.map((h: { from: string | null; to: string }) => `${h.from}→${h.to}`),
    ['null→submitted', 'submitted→in_review', 'in_review→refused', 'refused→in_review', 'in_review→refused'],
  );
  t.equal((await outboxOf(candidate.user.id)).length, 5, 'one e-mail per transition');
});

t.test('what a structure sees of a candidate: no birth date, nationality or disability', async (t) => {
  const candidate = await signedInCandidate(ctx, { birthDate: '2001-02-01', firstName: 'Léa' });
  await ctx.call('PUT', '/me/disability', { token: candidate.accessToken, body: { recognised: true, consent: true } });
  const id = (await apply(mission.id, candidate.accessToken)).json().id;
  const seen = await ctx.call('GET', `/applications/${id}`, { token: carvinMember.accessToken });
  t.equal(seen.statusCode, 200);
  t.match(seen.json().candidate, { firstName: 'Léa', age: 26, commune: { name: 'Lens' }, interests: ['theatre', 'music'], presentation: /spectacle/ });
  t.notMatch(seen.body, /2001-02-01|birth|nationality|french|disab|recognised/i);
  const minor = await signedInCandidate(ctx, { birthDate: '2010-06-01' });
  const forMinors = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, openToMinors: true });
  const minorId = (await apply(forMinors.id, minor.accessToken)).json().id;
  t.equal((await ctx.call('GET', `/applications/${minorId}`, { token: coordinator.accessToken })).json().candidate.age, 'minor');
  const other = await signedInCandidate(ctx);
  t.equal((await ctx.call('GET', `/applications/${id}`, { token: other.accessToken })).statusCode, 404, 'someone else’s application');
});

t.test('accepting an offer fills the place and makes the other pending applications obsolete', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const onePlace = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, places: 1, title: 'Ciné-club de Carvin' });
  const elsewhere = await createMission(ctx.db, { operatorId: ligue.id, hostId: harnes.id, startsOn: '2028-01-01', title: 'Autre mission' });
  const id = (await apply(onePlace.id, candidate.accessToken)).json().id;
  const otherId = (await apply(elsewhere.id, candidate.accessToken)).json().id;
  await move(id, carvinMember.accessToken, { to: 'shortlisted' }, 1);
  t.equal((await move(id, carvinMember.accessToken, { to: 'offered' }, 2)).statusCode, 200);
  t.equal((await ctx.call('POST', `/applications/${id}/accept`, { token: carvinMember.accessToken })).statusCode, 403, 'accepting is the candidate’s act');
  t.equal((await ctx.call('POST', `/applications/${id}/accept`, { token: candidate.accessToken, headers: { 'if-match': '"1"' } })).statusCode, 412);
  const accepted = await ctx.call('POST', `/applications/${id}/accept`, { token: candidate.accessToken, headers: { 'if-match': '"3"' } });
  t.equal(accepted.statusCode, 200, accepted.body);
  t.equal(accepted.json().status, 'accepted');
  const other = (await ctx.call('GET', `/applications/${otherId}`, { token: candidate.accessToken })).json();
  t.equal(other.status, 'obsolete');
  const missionRow = await ctx.db.selectFrom('missions').select(['accepted', 'status']).where('id', '=', onePlace.id).executeTakeFirstOrThrow();
  t.same(missionRow, { accepted: 1, status: 'filled' }, 'the last place taken fills the mission');
  t.match((await outboxOf(candidate.user.id)).find((m) => m.kind === 'application.obsolete')!.body, /Ciné-club de Carvin/);
  const late = await signedInCandidate(ctx);
  const full = await apply(onePlace.id, late.accessToken);
  t.equal(full.statusCode, 409, 'a filled mission takes no more applications');
  t.equal(full.json().rule, 'mission-full');
  const next = await createMission(ctx.db, { operatorId: ligue.id, hostId: harnes.id, startsOn: '2029-01-01' });
  t.equal((await apply(next.id, candidate.accessToken)).json().rule, 'one-service-civique', 'placed once, a candidate cannot apply again');
});

/** Candidates with an application to the mission, shortlisted, then offered the place by the host's member. */
async function offered(missionId: string, n: number, firstName = 'Inès') {
  const offers = [];
  for (let i = 0; i < n; i++) {
    const candidate = await signedInCandidate(ctx, { firstName });
    const application = await createApplication(ctx.db, { missionId, candidateId: candidate.user.id, status: 'shortlisted' });
    const res = await move(application.id, carvinMember.accessToken, { to: 'offered' }, 1);
    if (res.statusCode !== 200) throw new Error(res.body);
    offers.push({ id: application.id, candidate, token: candidate.accessToken, answer: res.json() });
  }
  return offers;
}
const statusOf = async (id: string) => (await ctx.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const placesOf = (missionId: string) => ctx.db.selectFrom('missions').select(['accepted', 'reserved', 'status']).where('id', '=', missionId).executeTakeFirstOrThrow();

t.test('the acceptance that fills a mission ends its other offers: obsolete, « mission pourvue », history and e-mail', async (t) => {
  const two = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, places: 2, title: 'Atelier d’écriture à Carvin' });
  const offers = await offered(two.id, 5);
  const waiting = await createApplication(ctx.db, { missionId: two.id, candidateId: (await signedInCandidate(ctx)).user.id, status: 'shortlisted' });

  t.equal((await ctx.call('POST', `/applications/${offers[0]!.id}/accept`, { token: offers[0]!.token })).statusCode, 200);
  t.same(await Promise.all(offers.slice(1).map((o) => statusOf(o.id))), ['offered', 'offered', 'offered', 'offered'], 'one place is still free: every offer stands');
  const filling = await ctx.call('POST', `/applications/${offers[1]!.id}/accept`, { token: offers[1]!.token });
  t.equal(filling.statusCode, 200, filling.body);
  t.match(await placesOf(two.id), { accepted: 2, reserved: 0, status: 'filled' });
  for (const o of offers.slice(2)) {
    t.equal(await statusOf(o.id), 'obsolete', 'an offer beyond the places ends');
    const history = (await ctx.call('GET', `/applications/${o.id}/history`, { token: o.token })).json().items;
    t.same(history.at(-1), {
      at: history.at(-1).at,
      transition: 'end the offer: mission filled',
      from: 'offered',
      to: 'obsolete',
      actor: { role: 'system', id: null, name: null },
      reason: 'mission-filled',
      message: 'mission pourvue',
      reasonShared: true,
    });
    t.equal(history.at(-1).at, filling.json().statusChangedAt, 'at the moment of the acceptance that filled the mission');
    const mail = (await outboxOf(o.candidate.user.id)).at(-1)!;
    t.match(mail, { kind: 'application.obsolete', application_id: o.id, to_address: o.candidate.user.email, status: 'pending' });
    t.equal(mail.subject, 'Mission pourvue : Atelier d’écriture à Carvin');
    t.match(
      mail.body,
      /^Bonjour Inès,\n\nLa mission « Atelier d’écriture à Carvin » \(Service Culturel de Carvin\) est pourvue : toutes ses places sont prises, la place qui vous était proposée n’est donc plus disponible\.\n\nD’autres missions vous attendent peut-être\.\n\nChercher une mission : \{\{PUBLIC_URL\}\}\/trouver-une-mission\n\nL’équipe Binôme — .+\n\n-- \nVous recevez ce message car vous avez posé votre candidature à la mission « Atelier d’écriture à Carvin » sur Binôme\./,
    );
    t.match(mail.html, /<a href="\{\{PUBLIC_URL\}\}\/trouver-une-mission"/, 'the HTML part, with the same link');
  }
  t.equal(await statusOf(waiting.id), 'shortlisted', 'an application with no offer is left to the structure');
  const late = await ctx.call('POST', `/applications/${offers[4]!.id}/accept`, { token: offers[4]!.token });
  t.equal(late.statusCode, 409, 'accepting an ended offer');
  t.match(late.json(), { rule: 'mission-full', currentState: 'obsolete', detail: 'Toutes les places de « Atelier d’écriture à Carvin » sont prises.' });
  const seen = (await ctx.call('GET', `/applications/${offers[4]!.id}`, { token: carvinMember.accessToken })).json();
  t.same(seen.mission.places, { total: 2, accepted: 2, reserved: 0, free: 0, pendingOffers: 0 });
  const listed = (await ctx.call('GET', `/structures/${carvin.id}/applications?status=obsolete&missionId=${two.id}`, { token: carvinMember.accessToken })).json();
  t.equal(listed.items.length, 3, 'the structure filters on obsolete');
  const csv = await ctx.call('GET', `/structures/${carvin.id}/applications.csv?status=obsolete&missionId=${two.id}`, { token: carvinMember.accessToken });
  t.equal(readCsv(csv.body).records.filter((r) => r.Statut === 'Close').length, 3, 'the status in words');
  const mine = (await ctx.call('GET', '/me/applications?status=obsolete', { token: offers[2]!.token })).json();
  t.match(mine.items, [{ id: offers[2]!.id, status: 'obsolete', refusal: null }]);
});

t.test('the acceptance and the ending of the offers are one transaction: nothing half-written when it fails', async (t) => {
  const two = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, places: 2, title: 'Lectures au jardin' });
  const offers = await offered(two.id, 4);
  t.equal((await ctx.call('POST', `/applications/${offers[0]!.id}/accept`, { token: offers[0]!.token })).statusCode, 200);
  const counts = async () => ({
    transitions: (await ctx.db.selectFrom('status_transitions as t').innerJoin('applications as a', 'a.id', 't.entity_id').select('t.id').where('a.mission_id', '=', two.id).execute()).length,
    outbox: (await ctx.db.selectFrom('outbox').innerJoin('applications as a', 'a.id', 'outbox.application_id').select('outbox.id').where('a.mission_id', '=', two.id).execute()).length,
    filled: (await ctx.db.selectFrom('status_transitions').select('id').where('entity', '=', 'mission').where('to_status', '=', 'filled').where('entity_id', '=', two.id).execute()).length,
  });
  const before = await counts();
  // The e-mail ending the last offer fails (not valid: the earlier ones stay), after the acceptance, the mission's move and the first ending were written.
  const last = offers[3]!.candidate.user.email;
  await sql`alter table outbox add constraint test_unreachable check (to_address <> ${sql.lit(last)}) not valid`.execute(ctx.db);
  t.teardown(() => sql`alter table outbox drop constraint if exists test_unreachable`.execute(ctx.db));
  const failed = await ctx.call('POST', `/applications/${offers[1]!.id}/accept`, { token: offers[1]!.token });
  t.ok(failed.statusCode >= 400, `the acceptance fails (${failed.statusCode})`);
  t.same(await Promise.all(offers.slice(1).map((o) => statusOf(o.id))), ['offered', 'offered', 'offered'], 'no acceptance, no ending');
  t.match(await placesOf(two.id), { accepted: 1, status: 'published' }, 'the place is not taken');
  t.same(await counts(), before, 'no history line, e-mail or audit event left behind');

  await sql`alter table outbox drop constraint test_unreachable`.execute(ctx.db);
  t.equal((await ctx.call('POST', `/applications/${offers[1]!.id}/accept`, { token: offers[1]!.token })).statusCode, 200, 'the same acceptance, once the mail can be written');
  t.same(await Promise.all(offers.slice(2).map((o) => statusOf(o.id))), ['obsolete', 'obsolete']);
  t.same(await counts(), { transitions: before.transitions + 3, outbox: before.outbox + 3, filled: 1 });
});

t.test('an offer beyond the free places is made, with a warning; the reviewer’s view says the places beforehand', async (t) => {
  const two = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, places: 2, title: 'Ciné-débat à Carvin' });
  const [first, second] = await offered(two.id, 2);
  t.same(first!.answer.warnings, [], 'within the places: no warning');
  t.same(second!.answer.warnings, []);
  const third = await signedInCandidate(ctx);
  const application = await createApplication(ctx.db, { missionId: two.id, candidateId: third.user.id, status: 'shortlisted' });
  const before = (await ctx.call('GET', `/applications/${application.id}`, { token: carvinMember.accessToken })).json();
  t.same(before.mission.places, { total: 2, accepted: 0, reserved: 0, free: 2, pendingOffers: 2 }, 'what the structure reads before offering');
  const res = await move(application.id, carvinMember.accessToken, { to: 'offered' }, 1);
  t.equal(res.statusCode, 200, 'warned, not refused');
  t.equal(res.json().status, 'offered');
  t.same(res.json().warnings, [
    {
      code: 'offers-beyond-places',
      detail:
        '« Ciné-débat à Carvin » a 2 places libres sur 2 et 3 offres en attente, celle-ci comprise : ' +
        'les premiers candidats à accepter prennent les places ; les autres offres prennent fin (statut obsolete) dès qu’aucune place n’est libre.',
      missionId: two.id,
      freePlaces: 2,
      pendingOffers: 3,
    },
  ]);
  t.same(res.json().mission.places, { total: 2, accepted: 0, reserved: 0, free: 2, pendingOffers: 3 });

  t.equal((await ctx.call('POST', `/applications/${first!.id}/accept`, { token: first!.token })).statusCode, 200);
  const fourth = await createApplication(ctx.db, { missionId: two.id, candidateId: (await signedInCandidate(ctx)).user.id, status: 'shortlisted' });
  const bulk = await ctx.call('POST', '/applications/bulk-transition', { token: coordinator.accessToken, body: { items: [{ id: fourth.id, to: 'offered' }] } });
  t.equal(bulk.statusCode, 200, bulk.body);
  t.same(bulk.json().results[0].warnings, [
    {
      code: 'offers-beyond-places',
      detail:
        '« Ciné-débat à Carvin » a 1 place libre sur 2 et 3 offres en attente, celle-ci comprise : ' +
        'les premiers candidats à accepter prennent les places ; les autres offres prennent fin (statut obsolete) dès qu’aucune place n’est libre.',
      missionId: two.id,
      freePlaces: 1,
      pendingOffers: 3,
    },
  ]);
  const candidateView = await ctx.call('GET', `/applications/${application.id}`, { token: third.accessToken });
  t.notOk(candidateView.json().mission.places, 'the candidate does not see the mission’s counts');
});

t.test('50 simultaneous acceptances on a 2-place mission: exactly 2 succeed, the 48 others end obsolete and answer 409 mission-full', async (t) => {
  const two = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, places: 2 });
  const offers = [];
  for (let i = 0; i < 50; i++) {
    const candidate = await signedInCandidate(ctx);
    const application = await createApplication(ctx.db, { missionId: two.id, candidateId: candidate.user.id, status: 'offered' });
    offers.push({ id: application.id, token: candidate.accessToken });
  }
  const answers = await Promise.all(offers.map((o) => ctx.call('POST', `/applications/${o.id}/accept`, { token: o.token })));
  const statuses = answers.map((a) => a.statusCode);
  t.equal(statuses.filter((s) => s === 200).length, 2, 'exactly the places');
  t.equal(statuses.filter((s) => s === 409).length, 48);
  t.ok(
    answers.filter((a) => a.statusCode === 409).every((a) => a.json().rule === 'mission-full'),
    'each refusal names mission-full',
  );
  const rows = await ctx.db.selectFrom('applications').select(['id', 'status']).where('mission_id', '=', two.id).execute();
  const won = new Set(offers.filter((_, i) => statuses[i] === 200).map((o) => o.id));
  t.same(
    rows.filter((r) => won.has(r.id)).map((r) => r.status),
    ['accepted', 'accepted'],
  );
  t.ok(
    rows.filter((r) => !won.has(r.id)).every((r) => r.status === 'obsolete'),
    'every other offer ended',
  );
  t.match(await ctx.db.selectFrom('missions').select(['accepted', 'reserved', 'status']).where('id', '=', two.id).executeTakeFirstOrThrow(), { accepted: 2, reserved: 0, status: 'filled' });
  const ended = await ctx.db
    .selectFrom('status_transitions as t')
    .innerJoin('applications as a', 'a.id', 't.entity_id')
    .select(['t.reason', 't.message'])
    .where('a.mission_id', '=', two.id)
    .where('t.transition', '=', 'end the offer: mission filled')
    .execute();
  t.equal(ended.length, 48, 'one history line each');
  t.ok(ended.every((e) => e.reason === 'mission-filled' && e.message === 'mission pourvue'));
  const mails = await ctx.db.selectFrom('outbox').innerJoin('applications as a', 'a.id', 'outbox.application_id').select('outbox.subject').where('a.mission_id', '=', two.id).where('outbox.kind', '=', 'application.obsolete').execute();
  t.equal(mails.length, 48, 'one e-mail each');
  t.ok(mails.every((m) => m.subject.startsWith('Mission pourvue : ')));
});

t.test('a candidate withdraws or declines; not someone else’s application', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const other = await signedInCandidate(ctx);
  const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const app1 = await createApplication(ctx.db, { missionId: m.id, candidateId: candidate.user.id, status: 'offered' });
  t.equal((await ctx.call('POST', `/applications/${app1.id}/decline`, { token: other.accessToken })).statusCode, 404);
  const declined = await ctx.call('POST', `/applications/${app1.id}/decline`, { token: candidate.accessToken });
  t.equal(declined.json().status, 'declined');
  t.equal((await ctx.call('POST', `/applications/${app1.id}/withdraw`, { token: candidate.accessToken })).statusCode, 409);
  t.equal((await ctx.call('POST', `/applications/${app1.id}/withdraw`, { token: carvinMember.accessToken })).statusCode, 403);
});

t.test('notes and ratings are private to the reviewers', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const application = await createApplication(ctx.db, { missionId: m.id, candidateId: candidate.user.id });
  const note = await ctx.call('POST', `/applications/${application.id}/notes`, { token: carvinMember.accessToken, body: { body: 'Très motivée, à rencontrer', rating: 4 } });
  t.equal(note.statusCode, 201, note.body);
  t.match(note.json(), { body: 'Très motivée, à rencontrer', rating: 4, author: { id: carvinMember.user.id, role: 'structure_member' } });
  await ctx.call('POST', `/applications/${application.id}/notes`, { token: coordinator.accessToken, body: { rating: 5 } });
  t.equal((await ctx.call('GET', `/applications/${application.id}`, { token: coordinator.accessToken })).json().rating, 5, 'the last rating');
  t.equal((await ctx.call('POST', `/applications/${application.id}/notes`, { token: carvinMember.accessToken, body: {} })).statusCode, 400);
  t.equal((await ctx.call('POST', `/applications/${application.id}/notes`, { token: carvinMember.accessToken, body: { rating: 6 } })).statusCode, 400);
  t.equal((await ctx.call('GET', `/applications/${application.id}/notes`, { token: candidate.accessToken })).statusCode, 403);
  t.equal((await ctx.call('GET', `/applications/${application.id}/notes`, { token: harnesMember.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/applications/${application.id}/notes`, { token: carvinMember.accessToken })).json().items.length, 2);
  t.notMatch((await ctx.call('GET', `/applications/${application.id}`, { token: candidate.accessToken })).body, /rating|motivée/);
});

t.test('bulk transitions: each item succeeds or fails on its own', async (t) => {
  const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const apps = [];
  for (let i = 0; i < 3; i++) {
    const candidate = await signedInCandidate(ctx);
    apps.push(await createApplication(ctx.db, { missionId: m.id, candidateId: candidate.user.id }));
  }
  const theirs = await createMission(ctx.db, { operatorId: ligue.id, hostId: harnes.id });
  const notMine = await createApplication(ctx.db, { missionId: theirs.id, candidateId: (await signedInCandidate(ctx)).user.id });
  const res = await ctx.call('POST', '/applications/bulk-transition', {
    token: carvinMember.accessToken,
    body: {
      items: [
        { id: apps[0]!.id, to: 'in_review' },
        { id: apps[1]!.id, to: 'accepted' },
        { id: apps[2]!.id, to: 'refused', reason: 'duplicate', version: 1 },
        { id: notMine.id, to: 'in_review' },
        { id: apps[0]!.id, to: 'shortlisted', version: 1 },
      ],
    },
  });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), {
    succeeded: 2,
    failed: 3,
    results: [
      { id: apps[0]!.id, ok: true, status: 'in_review' },
      { id: apps[1]!.id, ok: false, error: { kind: 'conflict', currentState: 'submitted', possible: ['in_review', 'shortlisted', 'interview', 'refused'] } },
      { id: apps[2]!.id, ok: true, status: 'refused' },
      { id: notMine.id, ok: false, error: { kind: 'not-found' } },
      { id: apps[0]!.id, ok: false, error: { kind: 'precondition-failed' } },
    ],
  });
  const statuses = await ctx.db.selectFrom('applications').select(['id', 'status']).where('mission_id', '=', m.id).execute();
  t.same(new Set(statuses.map((s) => s.status)), new Set(['in_review', 'submitted', 'refused']));
  t.equal((await ctx.call('POST', '/applications/bulk-transition', { token: carvinMember.accessToken, body: { items: [] } })).statusCode, 400);
  const candidate = await signedInCandidate(ctx);
  t.equal((await ctx.call('POST', '/applications/bulk-transition', { token: candidate.accessToken, body: { items: [{ id: apps[0]!.id, to: 'withdrawn' }] } })).statusCode, 403);
});

t.test('the structure’s list: filters, text, sorts, pages, CSV', async (t) => {
  const host = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Musée de Lens', kind: 'proximity' });
  const member = await signedIn(ctx, 'structure_member', { structureId: host.id });
  const m1 = await createMission(ctx.db, { operatorId: ligue.id, hostId: host.id, title: 'Musée' });
  const m2 = await createMission(ctx.db, { operatorId: ligue.id, hostId: host.id, title: 'Archives' });
  const names = ['Zoé', 'Bastien', 'Chloé', 'Dylan', 'Emma'];
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const candidate = await signedInCandidate(ctx, { firstName: name });
    const a = await createApplication(ctx.db, {
      missionId: i < 3 ? m1.id : m2.id,
      candidateId: candidate.user.id,
      status: i === 4 ? 'refused' : 'submitted',
      changedAt: new Date(Date.UTC(2026, 10, 1 + i)),
      motivation: i === 1 ? '=HYPERLINK("http://evil")' : `Motivation; de ${name}`,
    });
    ids.push(a.id);
  }
  await ctx.call('POST', `/applications/${ids[2]}/notes`, { token: member.accessToken, body: { rating: 5 } });
  await ctx.call('POST', `/applications/${ids[0]}/notes`, { token: member.accessToken, body: { rating: 2 } });
  const list = (query: string, token = member.accessToken) => ctx.call('GET', `/structures/${host.id}/applications${query}`, { token });

  const all = (await list('')).json();
  t.same(all.items.map((a: { id: string }) => a.id), [...ids].reverse(), 'newest first');
  t.same((await list('?sort=oldest')).json().items.map((a: { id: string }) => a.id), ids);
  t.same((await list('?sort=rating&limit=2')).json().items.map((a: { id: string }) => a.id), [ids[2], ids[0]], 'best rated first');
  t.same((await list(`?missionId=${m2.id}`)).json().items.length, 2);
  t.same((await list('?status=refused')).json().items.map((a: { id: string }) => a.id), [ids[4]]);
  t.same((await list('?status=submitted,refused')).json().items.length, 5);
  t.same((await list('?q=chlo')).json().items.map((a: { id: string }) => a.id), [ids[2]], 'by name');
  t.equal((await list('?status=hired')).statusCode, 400);

  t.same(await everyPage((cursor) => list(`?sort=rating&limit=2${cursor}`)), [ids[2], ids[0], ids[4], ids[3], ids[1]], 'pages in the rating order, no row twice');
  const newestCursor = (await list('?limit=1')).json().nextCursor;
  t.equal((await list(`?sort=rating&cursor=${newestCursor}`)).statusCode, 422, 'a cursor of another sort');
  t.equal((await list('?cursor=bm9wZQ')).statusCode, 400);

  t.equal((await list('', harnesMember.accessToken)).statusCode, 404, 'another structure’s applicants');
  t.equal((await list('', rival.accessToken)).statusCode, 404);
  t.equal((await list('', coordinator.accessToken)).json().items.length, 5, 'the operator’s coordinator');
  const candidate = await signedInCandidate(ctx);
  t.equal((await list('', candidate.accessToken)).statusCode, 403);

  // A summer instant (UTC+2) on the oldest, the others in November (UTC+1); French and foreign phones.
  await ctx.db.updateTable('applications').set({ created_at: new Date('2026-07-14T22:30:00Z') }).where('id', '=', ids[0]!).execute();
  const candidateOf = async (id: string) => (await ctx.db.selectFrom('applications').select('candidate_id').where('id', '=', id).executeTakeFirstOrThrow()).candidate_id;
  await ctx.db.updateTable('candidate_profiles').set({ phone: '+33612345678' }).where('user_id', '=', await candidateOf(ids[0]!)).execute();
  await ctx.db.updateTable('candidate_profiles').set({ phone: '+44 20 7946 0958' }).where('user_id', '=', await candidateOf(ids[1]!)).execute();
  const csv = await ctx.call('GET', `/structures/${host.id}/applications.csv?sort=oldest&missionId=${m1.id}`, { token: member.accessToken });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.ok(csv.body.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
  const { header, records } = readCsv(csv.body);
  t.ok(uniqueHeaders(header), 'each header names one column');
  t.same(header.slice(0, 8), ['Candidature', 'Date de dépôt', 'Heure de dépôt', 'Statut', 'Depuis le', 'Motif de refus', 'Mission', 'Prénom'], 'French headers, no structure column');
  t.equal(records.length, 3, 'the three filtered rows');
  t.match(records[0], { Candidature: ids[0], 'Date de dépôt': '15/07/2026', 'Heure de dépôt': '00:30', Statut: 'Envoyée', Mission: 'Musée', Prénom: 'Zoé', Téléphone: '06 12 34 56 78' }, 'Paris summer time, the status in words, the national phone format');
  t.match(records[0], { 'Centres d’intérêt': 'Théâtre, Musique', 'Permis de conduire': 'oui', Note: '2', Motivation: 'Motivation; de Zoé' });
  t.match(records[1], { 'Date de dépôt': '02/11/2026', 'Heure de dépôt': '01:00', Téléphone: '00 44 20 7946 0958' }, 'Paris winter time; a foreign phone readable');
  t.equal(records[1]!.Motivation, `'=HYPERLINK("http://evil")`, 'a formula stays text');
  t.equal((await ctx.call('GET', `/structures/${host.id}/applications.csv`, { token: harnesMember.accessToken })).statusCode, 404);
});

t.test('the edition’s list: every structure’s applications, one structure’s, pages, CSV; coordinators only', async (t) => {
  const admin = await signedIn(ctx, 'admin');
  const edition = await createEdition(ctx.db, { operatorId: ligue.id });
  const other = await createEdition(ctx.db, { operatorId: ligue.id });
  const lens = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Musée; de Lens', kind: 'proximity' });
  const lievin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Archives de Liévin', kind: 'proximity' });
  const atLens = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: lens.id, title: 'Guide au musée' });
  const atLievin = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: lievin.id, title: 'Archives orales' });
  const elsewhere = await createMission(ctx.db, { operatorId: ligue.id, editionId: other.id, hostId: lens.id, title: 'Une autre édition' });
  const ids: string[] = [];
  for (const [i, missionId] of [atLens.id, atLievin.id, atLens.id, atLievin.id].entries()) {
    const candidate = await signedInCandidate(ctx, { firstName: `Personne${i}` });
    ids.push((await createApplication(ctx.db, { missionId, candidateId: candidate.user.id, changedAt: new Date(Date.now() - (10 - i) * 60_000) })).id);
  }
  const outside = await createApplication(ctx.db, { missionId: elsewhere.id, candidateId: (await signedInCandidate(ctx)).user.id });
  const list = (query: string, token = coordinator.accessToken, id = edition.id) => ctx.call('GET', `/editions/${id}/applications${query}`, { token });
  const idsOf = (res: { json: () => { items: { id: string }[] } }) => res.json().items.map((a) => a.id);

  const all = await list('');
  t.equal(all.statusCode, 200);
  t.same(idsOf(all), [...ids].reverse(), 'both structures’ applications, newest first, not another edition’s');
  t.same(new Set(all.json().items.map((a: { mission: { host: { name: string } } }) => a.mission.host.name)), new Set(['Musée; de Lens', 'Archives de Liévin']), 'each names its host');
  t.notOk(idsOf(all).includes(outside.id));
  t.same(idsOf(await list(`?structureId=${lievin.id}`)), [ids[3], ids[1]], 'one structure of the edition');
  t.same(idsOf(await list(`?structureId=${lievin.id}&sort=oldest`)), [ids[1], ids[3]]);
  t.same(idsOf(await list(`?missionId=${atLens.id}&q=personne2`)), [ids[2]], 'the structure’s filters hold');
  t.same(idsOf(await list(`?structureId=${harnes.id}`)), [], 'a structure of the operator with no mission in the edition lists nothing');
  t.same(idsOf(await list('', admin.accessToken)), [...ids].reverse(), 'an admin');

  t.same(await everyPage((cursor) => list(`?sort=oldest&limit=3${cursor}`)), ids, 'pages across the structures, no row twice');

  const bad = await list('?structureId=pas-un-id');
  t.equal(bad.statusCode, 400);
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(bad.json().errors, [{ path: 'structureId' }], 'the field is named');
  t.equal((await list('?status=hired')).statusCode, 400);
  t.equal((await list('?unknown=1')).statusCode, 400, 'the query is strict');

  const foreign = await createStructure(ctx.db, { kind: 'proximity' });
  const foreignEdition = await createEdition(ctx.db);
  t.equal((await list(`?structureId=${foreign.id}`)).statusCode, 404, 'another operator’s structure');
  t.equal((await list('', coordinator.accessToken, foreignEdition.id)).statusCode, 404, 'another operator’s edition');
  t.equal((await list('', coordinator.accessToken, '00000000-0000-4000-8000-000000000000')).statusCode, 404, 'an unknown edition');
  const rivalAnswer = await list('', rival.accessToken);
  t.equal(rivalAnswer.statusCode, 404, 'a coordinator of another operator does not see the edition');
  t.equal(rivalAnswer.json().detail, 'Édition introuvable.');
  const memberAnswer = await list('', carvinMember.accessToken);
  t.equal(memberAnswer.statusCode, 403, 'a structure member lists their own structure’s, not the edition’s');
  t.equal(memberAnswer.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal((await list(`?structureId=${carvin.id}`, carvinMember.accessToken)).statusCode, 403, 'even naming their own structure');
  t.equal((await list('', (await signedInCandidate(ctx)).accessToken)).statusCode, 403);
  t.equal((await ctx.call('GET', `/editions/${edition.id}/applications`)).statusCode, 401);

  const csv = await ctx.call('GET', `/editions/${edition.id}/applications.csv?sort=oldest`, { token: coordinator.accessToken });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(csv.headers['content-disposition'], `candidatures-edition-${edition.id}.csv`);
  const { header, records } = readCsv(csv.body);
  t.ok(uniqueHeaders(header));
  t.equal(records.length, 4, 'the four rows of the edition');
  t.same(header.slice(6, 9), ['Mission', 'Structure d’accueil', 'Prénom'], 'a column names the host');
  t.match(records[0], { Candidature: ids[0], Statut: 'Envoyée', Mission: 'Guide au musée', 'Structure d’accueil': 'Musée; de Lens', Prénom: 'Personne0' });
  t.match(records[1], { Candidature: ids[1], Mission: 'Archives orales', 'Structure d’accueil': 'Archives de Liévin', Prénom: 'Personne1' });
  const oneStructure = await ctx.call('GET', `/editions/${edition.id}/applications.csv?structureId=${lievin.id}`, { token: coordinator.accessToken });
  t.equal(oneStructure.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').length, 3);
  t.equal((await ctx.call('GET', `/editions/${edition.id}/applications.csv?cursor=x`, { token: coordinator.accessToken })).statusCode, 400, 'no paging in the CSV');
  t.equal((await ctx.call('GET', `/editions/${edition.id}/applications.csv`, { token: rival.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/editions/${edition.id}/applications.csv`, { token: carvinMember.accessToken })).statusCode, 403);
});

t.test('the service never lists across structures for a member, whatever the route', async (t) => {
  const deps = { db: ctx.db, clock: () => new Date(), signAccessToken: () => '' };
  const member = { userId: carvinMember.user.id, role: 'structure_member' as const, sessionId: 'test', operatorId: ligue.id, structureId: carvin.id };
  const edition = await createEdition(ctx.db, { operatorId: ligue.id });
  await t.rejects(listForReview(deps, member, {}, { limit: 5 }), Forbidden);
  await t.rejects(listForReview(deps, member, { editionId: edition.id }, { limit: 5 }), Forbidden);
  await t.rejects(exportForReview(deps, member, { editionId: edition.id }, {}, 5), Forbidden);
  t.same((await listForReview(deps, member, { structureId: carvin.id, editionId: edition.id }, { limit: 5 })).items, [], 'their own structure, in an edition');
  await t.rejects(listForReview(deps, member, { structureId: harnes.id }, { limit: 5 }), NotFound, 'another structure of the operator is not found');
});

t.test('an offer past its deadline is refused before the expiry job has run: 410, nothing taken', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const day = 86_400_000;
  const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, places: 1 });
  const offer = await createApplication(ctx.db, { missionId: m.id, candidateId: candidate.user.id, status: 'offered', changedAt: new Date(ctx.clock.now().getTime() - 14 * day - 60_000) });
  const late = await ctx.call('POST', `/applications/${offer.id}/accept`, { token: candidate.accessToken });
  t.equal(late.statusCode, 410, late.body);
  t.match(late.json(), { type: /gone/, currentState: 'offered', detail: /Le délai pour accepter cette offre est passé \(le \d{1,2}(er)? [a-zéû]+ \d{4}\)/ });
  t.equal(await statusOf(offer.id), 'offered', 'the job will end it');
  t.match(await placesOf(m.id), { accepted: 0, status: 'published' }, 'no place taken');
  t.equal(await expireOffers({ db: ctx.db }, ctx.clock.now()), 1, 'which it does');
  t.equal(await statusOf(offer.id), 'expired');
});

t.test('jobs: untouched applications are refused after 60 days, unanswered offers expire after 14', async (t) => {
  const candidate = await signedInCandidate(ctx);
  const m = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  // The job's clock; applications made by the other tests are minutes old and stay untouched.
  const now = new Date();
  const day = 86_400_000;
  const old = await createApplication(ctx.db, { missionId: m.id, candidateId: candidate.user.id, changedAt: new Date(now.getTime() - 61 * day) });
  const m2 = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const recent = await createApplication(ctx.db, { missionId: m2.id, candidateId: candidate.user.id, status: 'in_review', changedAt: new Date(now.getTime() - 59 * day) });
  const m3 = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const offer = await createApplication(ctx.db, { missionId: m3.id, candidateId: candidate.user.id, status: 'offered', changedAt: new Date(now.getTime() - 15 * day) });
  const m4 = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const shortlisted = await createApplication(ctx.db, { missionId: m4.id, candidateId: candidate.user.id, status: 'shortlisted', changedAt: new Date(now.getTime() - 90 * day) });

  t.equal(await refuseUnanswered({ db: ctx.db }, now), 1);
  t.equal(await expireOffers({ db: ctx.db }, now), 1);
  t.equal(await refuseUnanswered({ db: ctx.db }, now), 0, 'a second run finds nothing');
  const status = async (id: string) => (await ctx.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  t.match(await status(old.id), { status: 'refused', refusal_reason: 'no-response', refusal_reason_shared: true });
  t.equal((await status(recent.id)).status, 'in_review');
  t.equal((await status(offer.id)).status, 'expired');
  t.equal((await status(shortlisted.id)).status, 'shortlisted', 'a shortlisted application is not untouched');
  const history = (await ctx.call('GET', `/applications/${old.id}/history`, { token: candidate.accessToken })).json().items;
  t.match(history.at(-1), { transition: 'refuse for no response', actor: { role: 'system' }, reason: 'no-response' });
  const kinds = (await outboxOf(candidate.user.id)).map((m) => m.kind);
  t.ok(kinds.includes('application.refused') && kinds.includes('application.expired'), 'the candidate is told');
});
