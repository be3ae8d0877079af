import t from 'tap';
import { setup } from '../../helpers/app.js';
import { readCsv, uniqueHeaders } from '../../helpers/csv.js';
import { refusedBy, rolledBack } from '../../helpers/database.js';
import { createApplication, createEdition, createMission, createOperator, createStructure, createUser, loggedMoves, signedIn, signedInCandidate, TEST_PASSWORD } from '../../helpers/factories.js';

/** Binômes by hand, their placements and sheets, the volunteers' answers, the database's guarantees. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
await ctx.db.updateTable('operators').set({ accreditation_number: 'NA-062-18-00001-00' }).where('id', '=', ligue.id).execute();
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id, fullName: 'Claire Coordinatrice' });
const rival = await signedIn(ctx, 'coordinator');
const token = coordinator.accessToken;
const edition = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
const carvinMember = await signedIn(ctx, 'structure_member', { structureId: carvin.id, fullName: 'Paul Tuteur' });
const other = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Médiathèque de Harnes', kind: 'proximity' });
const otherMember = await signedIn(ctx, 'structure_member', { structureId: other.id });

const mission = (values: Parameters<typeof createMission>[1] = {}) => createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, ...values });

/** A candidate with a shortlisted (or other) application to the mission. */
async function volunteer(missionId: string, status: 'shortlisted' | 'interview' | 'submitted' | 'accepted' = 'shortlisted', profile: Parameters<typeof signedInCandidate>[1] = {}) {
  const candidate = await signedInCandidate(ctx, profile);
  const application = await createApplication(ctx.db, { missionId, candidateId: candidate.user.id, status });
  return { ...candidate, application };
}

const form = (missionId: string, a: string, b: string, as = token) => ctx.call('POST', `/editions/${edition.id}/binomes`, { token: as, body: { missionId, candidateIds: [a, b] } });
const statusOf = async (applicationId: string) => (await ctx.db.selectFrom('applications').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow()).status;
const placesOf = (missionId: string) => ctx.db.selectFrom('missions').select(['accepted', 'reserved', 'status']).where('id', '=', missionId).executeTakeFirstOrThrow();

t.test('a coordinator forms a binôme: offers, reserved places, a placement with tutors and the indemnity in force', async (t) => {
  const m = await mission();
  const a = await volunteer(m.id);
  const b = await volunteer(m.id, 'interview');
  const res = await form(m.id, a.user.id, b.user.id);
  t.equal(res.statusCode, 201, res.body);
  const binome = res.json();
  t.match(binome, { status: 'proposed', mission: { id: m.id }, runId: null });
  t.same(
    binome.members.map((x: { candidateId: string; accepted: boolean }) => [x.candidateId, x.accepted]),
    [
      [a.user.id, false],
      [b.user.id, false],
    ],
  );
  t.same(
    binome.pending.map((p: { rule: string }) => p.rule),
    ['acceptance', 'acceptance'],
  );
  t.equal(await statusOf(a.application.id), 'offered');
  t.equal(await statusOf(b.application.id), 'offered');
  t.match(await placesOf(m.id), { accepted: 0, reserved: 2 });
  const audit = await ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', binome.id).execute();
  t.same(
    audit.map((e) => e.action),
    ['binome.formed'],
  );

  const sheet = await ctx.call('GET', `/placements/${binome.placementId}/sheet`, { token });
  t.equal(sheet.statusCode, 200, sheet.body);
  t.match(sheet.json(), {
    status: 'proposed',
    startsOn: m.starts_on,
    endsOn: '2027-07-31',
    operator: { accreditationNumber: 'NA-062-18-00001-00' },
    hostStructure: { name: 'Service Culturel de Carvin' },
    tutors: { host: { id: carvinMember.user.id, name: 'Paul Tuteur' }, operator: { id: coordinator.user.id } },
    indemnity: { rateEffectiveFrom: '2024-01-01', stateMonthly: '504.98', hostMonthly: '114.85', totalMonthly: '619.83' },
  });
  t.equal(sheet.json().volunteers.length, 2);
  t.ok(sheet.json().volunteers[0].birthDate, 'the contract needs the birth date');

  const csv = await ctx.call('GET', `/placements/${binome.placementId}/sheet?format=csv`, { token: carvinMember.accessToken });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /text\/csv/);
  const { header, records } = readCsv(csv.body);
  t.ok(uniqueHeaders(header), 'each header names one column (the structure’s commune and the volunteer’s apart)');
  t.ok(header.includes('Commune de la structure') && header.includes('Commune du volontaire') && header.includes('Autorisation parentale signée le'));
  t.equal(records.length, 2, 'one line per volunteer');
  const placed = sheet.json();
  t.match(records[0], {
    Placement: placed.id,
    'Statut du binôme': 'En attente de confirmation',
    'Indemnité État (€/mois)': '504,98',
    'Indemnité structure (€/mois)': '114,85',
    Début: placed.startsOn.split('-').reverse().join('/'),
    'Date de naissance': placed.volunteers[0].birthDate.split('-').reverse().join('/'),
    Mineur: 'non',
    'A accepté': 'non',
  }, 'French dates, decimals, yes or no, the status in words');
  t.notMatch(records[0]!.Thème, /^[a-z-]+$/, 'the theme in words');

  t.equal((await ctx.call('GET', `/placements/${binome.placementId}/sheet`, { token: otherMember.accessToken })).statusCode, 404, 'another structure');
  t.equal((await ctx.call('GET', `/placements/${binome.placementId}/sheet`, { token: rival.accessToken })).statusCode, 404, 'another operator');
  const own = await ctx.call('GET', `/placements/${binome.placementId}/sheet`, { token: a.accessToken });
  t.equal(own.statusCode, 200, 'a placed volunteer reads their own sheet');
  t.notOk(own.json().volunteers[1].email, 'without their partner’s contact details');
  const outsider = await signedInCandidate(ctx);
  t.equal((await ctx.call('GET', `/placements/${binome.placementId}/sheet`, { token: outsider.accessToken })).statusCode, 404);
});

t.test('both acceptances confirm the binôme and fill the mission; the candidates see their own binôme only', async (t) => {
  const m = await mission();
  const a = await volunteer(m.id);
  const b = await volunteer(m.id);
  const binome = (await form(m.id, a.user.id, b.user.id)).json();
  t.equal((await ctx.call('POST', `/applications/${a.application.id}/accept`, { token: a.accessToken })).statusCode, 200);
  let now = (await ctx.call('GET', `/binomes/${binome.id}`, { token })).json();
  t.equal(now.status, 'proposed', 'one acceptance is not enough');
  t.same(now.pending, [{ candidateId: b.user.id, rule: 'acceptance', detail: 'n’a pas encore accepté l’offre' }]);
  t.match(await placesOf(m.id), { accepted: 1, reserved: 1 }, 'the place moves from reserved to accepted');
  t.equal((await ctx.call('POST', `/applications/${b.application.id}/accept`, { token: b.accessToken })).statusCode, 200);
  now = (await ctx.call('GET', `/binomes/${binome.id}`, { token })).json();
  t.equal(now.status, 'confirmed');
  t.match(await placesOf(m.id), { accepted: 2, reserved: 0, status: 'filled' });
  t.same(await loggedMoves(ctx.db, 'binome', binome.id), ['proposed → confirmed (confirm) by system'], 'the platform confirms it');
  t.same(await loggedMoves(ctx.db, 'mission', m.id), ['published → filled (fill) by system: every place accepted'], 'and fills the mission');
  t.same((await loggedMoves(ctx.db, 'application', b.application.id)).slice(-2), [
    'shortlisted → offered (offer a place to) by coordinator',
    'offered → accepted (accept) by candidate',
  ]);

  const mine = await ctx.call('GET', '/me/binome', { token: a.accessToken });
  t.equal(mine.statusCode, 200);
  t.equal(mine.json().id, binome.id);
  t.notOk(mine.json().members[1].email, 'a candidate sees their partner’s name, not their contact');
  const stranger = await signedInCandidate(ctx);
  t.equal((await ctx.call('GET', `/binomes/${binome.id}`, { token: stranger.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', '/me/binome', { token: stranger.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/binomes/${binome.id}`, { token: carvinMember.accessToken })).statusCode, 200, 'the host sees it');
  t.equal((await ctx.call('GET', `/binomes/${binome.id}`, { token: otherMember.accessToken })).statusCode, 404);
});

t.test('a decline breaks the binôme: the other offer is taken back, the places freed', async (t) => {
  const m = await mission();
  const a = await volunteer(m.id);
  const b = await volunteer(m.id);
  const binome = (await form(m.id, a.user.id, b.user.id)).json();
  t.equal((await ctx.call('POST', `/applications/${b.application.id}/decline`, { token: b.accessToken })).statusCode, 200);
  const now = (await ctx.call('GET', `/binomes/${binome.id}`, { token })).json();
  t.match(now, { status: 'broken', endedReason: "a member's offer ended: declined" });
  t.same(await loggedMoves(ctx.db, 'binome', binome.id), ["proposed → broken (break) by system: a member's offer ended: declined"]);
  t.same((await loggedMoves(ctx.db, 'application', a.application.id)).slice(-1), ['offered → shortlisted (withdraw the offer) by system']);
  t.equal(await statusOf(a.application.id), 'shortlisted', 'the partner is shortlisted again, for the next run');
  t.equal(await statusOf(b.application.id), 'declined');
  t.match(await placesOf(m.id), { accepted: 0, reserved: 0 });
  const mail = await ctx.db.selectFrom('outbox').select(['subject', 'body']).where('application_id', '=', a.application.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  t.match(mail.subject, /Proposition retirée/);
  t.equal((await ctx.call('GET', '/me/binome', { token: a.accessToken })).statusCode, 404, 'no current binôme any more');
  // The partner can be paired again.
  const c = await volunteer(m.id);
  t.equal((await form(m.id, a.user.id, c.user.id)).statusCode, 201);
});

t.test('a partner who accepted keeps the place when the other declines, and can be paired again', async (t) => {
  const m = await mission();
  const a = await volunteer(m.id);
  const b = await volunteer(m.id);
  await form(m.id, a.user.id, b.user.id);
  await ctx.call('POST', `/applications/${a.application.id}/accept`, { token: a.accessToken });
  await ctx.call('POST', `/applications/${b.application.id}/decline`, { token: b.accessToken });
  t.equal(await statusOf(a.application.id), 'accepted');
  t.match(await placesOf(m.id), { accepted: 1, reserved: 0 });
  const c = await volunteer(m.id);
  const again = await form(m.id, a.user.id, c.user.id);
  t.equal(again.statusCode, 201, again.body);
  t.same(
    again.json().members.map((x: { accepted: boolean }) => x.accepted),
    [true, false],
  );
  await ctx.call('POST', `/applications/${c.application.id}/accept`, { token: c.accessToken });
  t.equal((await ctx.call('GET', `/binomes/${again.json().id}`, { token })).json().status, 'confirmed');
  t.match(await placesOf(m.id), { accepted: 2, reserved: 0, status: 'filled' });
});

/** The host's member offers the place to a volunteer outside any binôme (no place is reserved for them). */
const offer = (applicationId: string) => ctx.call('POST', `/applications/${applicationId}/transitions`, { token: carvinMember.accessToken, body: { to: 'offered' }, headers: { 'if-match': '"1"' } });

t.test('an acceptance that leaves no free place ends the offers that hold none; binôme members keep the places reserved for them', async (t) => {
  const m = await mission({ places: 3, title: 'Parcours patrimoine à Carvin' });
  const a = await volunteer(m.id);
  const b = await volunteer(m.id);
  const binome = (await form(m.id, a.user.id, b.user.id)).json();
  const c = await volunteer(m.id);
  const d = await volunteer(m.id);
  const toC = await offer(c.application.id);
  t.equal(toC.statusCode, 200, toC.body);
  t.same(toC.json().warnings, [], 'one free place, one offer holding none');
  t.same(toC.json().mission.places, { total: 3, accepted: 0, reserved: 2, free: 1, pendingOffers: 1 }, 'the binôme’s offers hold their places');
  const toD = await offer(d.application.id);
  t.match(toD.json().warnings, [{ code: 'offers-beyond-places', freePlaces: 1, pendingOffers: 2 }], 'two offers for the one free place');

  t.equal((await ctx.call('POST', `/applications/${c.application.id}/accept`, { token: c.accessToken })).statusCode, 200);
  t.match(await placesOf(m.id), { accepted: 1, reserved: 2, status: 'published' }, 'no place free, two reserved');
  t.equal(await statusOf(d.application.id), 'obsolete', 'the offer no place backs ends');
  const ended = await ctx.db.selectFrom('status_transitions').select(['transition', 'reason', 'message']).where('entity_id', '=', d.application.id).orderBy('at', 'desc').executeTakeFirstOrThrow();
  t.same(ended, { transition: 'end the offer: mission filled', reason: 'mission-filled', message: 'mission pourvue' });
  t.same([await statusOf(a.application.id), await statusOf(b.application.id)], ['offered', 'offered'], 'the members’ offers stand');
  t.equal((await ctx.call('GET', `/binomes/${binome.id}`, { token })).json().status, 'proposed', 'the binôme is untouched');
  const late = await ctx.call('POST', `/applications/${d.application.id}/accept`, { token: d.accessToken });
  t.match(late.json(), { status: 409, rule: 'mission-full' });

  t.equal((await ctx.call('POST', `/applications/${a.application.id}/accept`, { token: a.accessToken })).statusCode, 200);
  t.equal((await ctx.call('POST', `/applications/${b.application.id}/accept`, { token: b.accessToken })).statusCode, 200);
  t.equal((await ctx.call('GET', `/binomes/${binome.id}`, { token })).json().status, 'confirmed');
  t.match(await placesOf(m.id), { accepted: 3, reserved: 0, status: 'filled' });
});

t.test('a binôme member who accepts another mission as it fills: their offer ends through the binôme’s path, the partner’s is taken back', async (t) => {
  const m1 = await mission({ places: 1, title: 'Ciné-club de Carvin' });
  const m2 = await mission({ title: 'Médiation au musée' });
  const x = await volunteer(m2.id);
  const partner = await volunteer(m2.id);
  const binome = (await form(m2.id, x.user.id, partner.user.id)).json();
  const own = await createApplication(ctx.db, { missionId: m1.id, candidateId: x.user.id, status: 'shortlisted' });
  const rivalOffer = await volunteer(m1.id);
  await offer(own.id);
  await offer(rivalOffer.application.id);
  const accepted = await ctx.call('POST', `/applications/${own.id}/accept`, { token: x.accessToken });
  t.equal(accepted.statusCode, 200, accepted.body);
  t.match(await placesOf(m1.id), { accepted: 1, status: 'filled' });
  t.equal(await statusOf(rivalOffer.application.id), 'obsolete', 'the other offer on the filled mission ends');
  t.equal(await statusOf(x.application.id), 'obsolete', 'the member’s own offer elsewhere ends (they accepted another mission)');
  t.match((await ctx.call('GET', `/binomes/${binome.id}`, { token })).json(), { status: 'broken', endedReason: "a member's offer ended: obsolete" });
  t.equal(await statusOf(partner.application.id), 'shortlisted', 'the partner’s offer is taken back');
  t.match(await placesOf(m2.id), { accepted: 0, reserved: 0 });
  const mail = await ctx.db.selectFrom('outbox').select('subject').where('application_id', '=', partner.application.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  t.match(mail.subject, /^Proposition retirée/);
});

t.test('a coordinator swaps a member of a proposed binôme, or dissolves it; each is audited', async (t) => {
  const m = await mission();
  const [a, b, c] = [await volunteer(m.id), await volunteer(m.id), await volunteer(m.id)];
  const binome = (await form(m.id, a.user.id, b.user.id)).json();
  const swapped = await ctx.call('POST', `/binomes/${binome.id}/swap`, { token, body: { out: b.user.id, in: c.user.id }, headers: { 'if-match': '"1"' } });
  t.equal(swapped.statusCode, 200, swapped.body);
  t.same(
    swapped.json().members.map((x: { candidateId: string }) => x.candidateId),
    [a.user.id, c.user.id],
  );
  t.same(
    swapped.json().formerMembers.map((x: { candidateId: string }) => x.candidateId),
    [b.user.id],
  );
  t.equal(await statusOf(b.application.id), 'shortlisted');
  t.equal(await statusOf(c.application.id), 'offered');
  t.match(await placesOf(m.id), { reserved: 2 });
  const stale = await ctx.call('POST', `/binomes/${binome.id}/swap`, { token, body: { out: c.user.id, in: b.user.id }, headers: { 'if-match': '"1"' } });
  t.equal(stale.statusCode, 412, 'a stale version');
  const notMember = await ctx.call('POST', `/binomes/${binome.id}/swap`, { token, body: { out: b.user.id, in: b.user.id } });
  t.equal(notMember.statusCode, 422);
  t.equal(notMember.json().errors[0].path, 'out');

  t.equal((await ctx.call('POST', `/binomes/${binome.id}/dissolve`, { token: carvinMember.accessToken, body: { reason: 'x' } })).statusCode, 403);
  const dissolved = await ctx.call('POST', `/binomes/${binome.id}/dissolve`, { token, body: { reason: 'Incompatibilité d’horaires' } });
  t.equal(dissolved.statusCode, 200, dissolved.body);
  t.match(dissolved.json(), { status: 'dissolved', endedReason: 'Incompatibilité d’horaires' });
  t.equal(await statusOf(a.application.id), 'shortlisted');
  t.equal(await statusOf(c.application.id), 'shortlisted');
  t.match(await placesOf(m.id), { accepted: 0, reserved: 0 });
  t.equal((await ctx.call('POST', `/binomes/${binome.id}/dissolve`, { token, body: { reason: 'again' } })).statusCode, 409);
  const audit = await ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', binome.id).orderBy('at').execute();
  t.same(
    audit.map((e) => e.action),
    ['binome.formed', 'binome.member-swapped'],
  );
  t.same(await loggedMoves(ctx.db, 'binome', binome.id), ['proposed → dissolved (dissolve) by coordinator: Incompatibilité d’horaires']);
});

t.test('a minor’s binôme waits for the recorded parental authorisation (rule minor-consent)', async (t) => {
  const m = await mission({ openToMinors: true });
  const minor = await volunteer(m.id, 'shortlisted', { birthDate: '2010-06-01' });
  const adult = await volunteer(m.id);
  const binome = (await form(m.id, minor.user.id, adult.user.id)).json();
  t.equal(binome.members[0].minor, true);
  await ctx.call('POST', `/applications/${minor.application.id}/accept`, { token: minor.accessToken });
  await ctx.call('POST', `/applications/${adult.application.id}/accept`, { token: adult.accessToken });
  let now = (await ctx.call('GET', `/binomes/${binome.id}`, { token })).json();
  t.equal(now.status, 'proposed', 'both accepted, but the authorisation is missing');
  t.same(
    now.pending.map((p: { rule: string }) => p.rule),
    ['minor-consent'],
  );
  const notMinor = await ctx.call('PUT', `/binomes/${binome.id}/members/${adult.user.id}/parental-consent`, { token, body: { signedBy: 'X', signedOn: '2027-01-10' } });
  t.equal(notMinor.statusCode, 422);
  t.equal(notMinor.json().rule, 'minor-consent');
  const recorded = await ctx.call('PUT', `/binomes/${binome.id}/members/${minor.user.id}/parental-consent`, {
    token,
    body: { signedBy: 'Sophie Lefebvre (mère)', signedOn: '2027-01-10' },
  });
  t.equal(recorded.statusCode, 200, recorded.body);
  now = recorded.json();
  t.equal(now.status, 'confirmed');
  t.same(now.members[0].parentalConsent, { signedBy: 'Sophie Lefebvre (mère)', signedOn: '2027-01-10' });
});

t.test('bad requests are refused, naming the field or the rule, and nothing is written', async (t) => {
  const m = await mission();
  const a = await volunteer(m.id);
  const b = await volunteer(m.id);
  const submitted = await volunteer(m.id, 'submitted');
  const tooOld = await volunteer(m.id, 'shortlisted', { birthDate: '1995-01-01' });
  const count = async () => Number((await ctx.db.selectFrom('binomes').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const before = await count();

  let res = await form(m.id, a.user.id, a.user.id);
  t.equal(res.statusCode, 422);
  t.equal(res.json().errors[0].path, 'candidateIds.1');
  res = await form(m.id, a.user.id, submitted.user.id);
  t.equal(res.statusCode, 422);
  t.match(res.json().errors[0], { path: 'candidateIds.1', message: 'sa candidature est « envoyée »' });
  res = await form(m.id, a.user.id, tooOld.user.id);
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'age-max');
  t.equal(res.json().candidateId, tooOld.user.id);
  res = await form(m.id, a.user.id, b.user.id, carvinMember.accessToken);
  t.equal(res.statusCode, 403);
  res = await ctx.call('POST', `/editions/${edition.id}/binomes`, { token: rival.accessToken, body: { missionId: m.id, candidateIds: [a.user.id, b.user.id] } });
  t.equal(res.statusCode, 404);
  res = await ctx.call('POST', `/editions/${edition.id}/binomes`, { token, body: { missionId: m.id, candidateIds: [a.user.id] } });
  t.equal(res.statusCode, 400);

  const unstaffed = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Association sans compte', kind: 'proximity' });
  const m2 = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: unstaffed.id });
  const c = await volunteer(m2.id);
  const d = await volunteer(m2.id);
  res = await form(m2.id, c.user.id, d.user.id);
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'tutor');
  t.equal(await statusOf(c.application.id), 'shortlisted', 'the offer made before the refusal is undone');
  t.match(await placesOf(m2.id), { reserved: 0 });

  const old = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2018-09-01', endsOn: '2019-08-31' });
  const m3 = await createMission(ctx.db, { operatorId: ligue.id, editionId: old.id, hostId: carvin.id, startsOn: '2018-11-01' });
  const e = await signedInCandidate(ctx, { birthDate: '1998-01-01' });
  const f = await signedInCandidate(ctx, { birthDate: '1998-01-01' });
  await createApplication(ctx.db, { missionId: m3.id, candidateId: e.user.id, status: 'shortlisted' });
  await createApplication(ctx.db, { missionId: m3.id, candidateId: f.user.id, status: 'shortlisted' });
  res = await ctx.call('POST', `/editions/${old.id}/binomes`, { token, body: { missionId: m3.id, candidateIds: [e.user.id, f.user.id] } });
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'indemnity', 'no rate in force in 2018 until one is added');
  const admin = await signedIn(ctx, 'admin');
  const rate = await ctx.call('POST', '/indemnity-rates', { token: admin.accessToken, body: { effectiveFrom: '2017-02-01', stateMonthly: 472.97, hostMinMonthly: 107.58, source: 'Décret n° 2017-689' } });
  t.equal(rate.statusCode, 201, rate.body);
  t.equal((await ctx.call('POST', '/indemnity-rates', { token, body: { effectiveFrom: '2017-03-01', stateMonthly: 1, hostMinMonthly: 1, source: 'x' } })).statusCode, 403);
  t.equal((await ctx.call('POST', '/indemnity-rates', { token: admin.accessToken, body: { effectiveFrom: '2017-02-01', stateMonthly: 1, hostMinMonthly: 1, source: 'x' } })).statusCode, 409);
  res = await ctx.call('POST', `/editions/${old.id}/binomes`, { token, body: { missionId: m3.id, candidateIds: [e.user.id, f.user.id] } });
  t.equal(res.statusCode, 201, res.body);
  const sheet = (await ctx.call('GET', `/placements/${res.json().placementId}/sheet`, { token })).json();
  t.match(sheet.indemnity, { rateEffectiveFrom: '2017-02-01', stateMonthly: '472.97', hostMonthly: '107.58' });

  t.equal(await count(), before + 1, 'only the last request formed a binôme');
});

t.test('the database holds the guarantees under concurrency: places, one binôme per volunteer', async (t) => {
  const m = await mission({ places: 2 });
  const volunteers: Awaited<ReturnType<typeof volunteer>>[] = [];
  for (let i = 0; i < 10; i++) volunteers.push(await volunteer(m.id));
  const answers = await Promise.all([0, 2, 4, 6, 8].map((i) => form(m.id, volunteers[i]!.user.id, volunteers[i + 1]!.user.id)));
  const statuses = answers.map((a) => a.statusCode).sort();
  t.same(statuses, [201, 409, 409, 409, 409], 'one binôme on a 2-place mission');
  t.ok(answers.filter((a) => a.statusCode === 409).every((a) => a.json().rule === 'mission-full' || /conflit|simultanée/.test(a.json().detail)));
  t.match(await placesOf(m.id), { reserved: 2 });

  // One volunteer in two simultaneous binômes on two missions: one wins.
  const m1 = await mission();
  const m2 = await mission();
  const shared = await signedInCandidate(ctx);
  await createApplication(ctx.db, { missionId: m1.id, candidateId: shared.user.id, status: 'shortlisted' });
  await createApplication(ctx.db, { missionId: m2.id, candidateId: shared.user.id, status: 'shortlisted' });
  const x = await volunteer(m1.id);
  const y = await volunteer(m2.id);
  const both = await Promise.all([form(m1.id, shared.user.id, x.user.id), form(m2.id, shared.user.id, y.user.id)]);
  t.same(both.map((r) => r.statusCode).sort(), [201, 409]);
  const active = await ctx.db.selectFrom('binome_members').select('binome_id').where('candidate_id', '=', shared.user.id).where('active', '=', true).execute();
  t.equal(active.length, 1);
  // And the database refuses what the services check, even when a check is skipped.
  const won = (await ctx.db.selectFrom('binomes').select(['id', 'mission_id']).where('id', '=', active[0]!.binome_id).executeTakeFirstOrThrow());
  const z = await volunteer(won.mission_id);
  const member = { binome_id: won.id, edition_id: edition.id, mission_id: won.mission_id, candidate_id: z.user.id, application_id: z.application.id, seat: 1 };
  // Each refusal is pinned to its constraint and set beside a row that differs only in the
  // offending value and is accepted: the refusal comes from the rule, not from a broken row.
  await t.rejects(
    ctx.db.insertInto('binome_members').values(member).execute(),
    refusedBy('23505', 'binome_members_two_seats'),
    'a third member on a taken seat',
  );
  // The same member, but former (inactive), holds no seat and is accepted: only the foreign
  // keys can refuse the rows below.
  const former = { ...member, active: false, left_at: new Date() };
  await t.resolves(ctx.db.insertInto('binome_members').values(former).execute(), 'a former member through their own application');
  const elsewhere = await volunteer(m.id);
  const formerThrough = (db: typeof ctx.db, applicationId: string) =>
    db.insertInto('binome_members').values({ ...former, candidate_id: elsewhere.user.id, application_id: applicationId }).execute();
  await t.rejects(
    formerThrough(ctx.db, elsewhere.application.id),
    refusedBy('23503', 'binome_members_application_fkey'),
    'a member through an application to another mission',
  );
  await t.rejects(formerThrough(ctx.db, z.application.id), refusedBy('23503', 'binome_members_application_fkey'), 'a member through someone else’s application');
  await t.resolves(
    rolledBack(ctx.db, async (trx) => formerThrough(trx, (await createApplication(trx, { missionId: won.mission_id, candidateId: elsewhere.user.id, status: 'shortlisted' })).id)),
    'the same member through their own application to the binôme’s mission',
  );
  // Controls that are updates must touch the row, or they would prove nothing.
  const updated = async (result: Promise<{ numUpdatedRows: bigint }>) => Number((await result).numUpdatedRows);
  const placement = (db: typeof ctx.db) => db.updateTable('placements').where('binome_id', '=', won.id);
  await t.rejects(
    placement(ctx.db).set({ host_tutor_id: otherMember.user.id }).execute(),
    refusedBy('23503', 'placements_host_tutor_fkey'),
    'a host tutor from another structure',
  );
  await t.resolveMatch(
    rolledBack(ctx.db, async (trx) => {
      const colleague = await createUser(trx, 'structure_member', { structureId: carvin.id });
      return updated(placement(trx).set({ host_tutor_id: colleague.id }).executeTakeFirstOrThrow());
    }),
    1,
    'another member of the host structure',
  );
  await t.rejects(
    placement(ctx.db).set({ operator_tutor_id: rival.user.id }).execute(),
    refusedBy('23503', 'placements_operator_tutor_fkey'),
    'an operator tutor from another operator',
  );
  await t.resolveMatch(
    rolledBack(ctx.db, async (trx) => {
      const colleague = await createUser(trx, 'coordinator', { operatorId: ligue.id });
      return updated(placement(trx).set({ operator_tutor_id: colleague.id }).executeTakeFirstOrThrow());
    }),
    1,
    'another coordinator of the operator',
  );
  const reserve = (db: typeof ctx.db, reserved: number) => db.updateTable('missions').set({ reserved }).where('id', '=', m.id);
  await t.rejects(reserve(ctx.db, 3).execute(), refusedBy('23514', 'missions_taken_within_places'), 'more than the places');
  await t.resolveMatch(rolledBack(ctx.db, (trx) => updated(reserve(trx, 2).executeTakeFirstOrThrow())), 1, 'as many as the places (2, none accepted)');
});

t.test('lists: an edition’s binômes with their placement, filtered, paginated', async (t) => {
  const page = await ctx.call('GET', `/editions/${edition.id}/binomes?limit=2&status=proposed,confirmed`, { token });
  t.equal(page.statusCode, 200, page.body);
  t.equal(page.json().items.length, 2);
  t.ok(page.json().items.every((b: { status: string; placementId: string | null }) => ['proposed', 'confirmed'].includes(b.status) && b.placementId));
  const next = await ctx.call('GET', `/editions/${edition.id}/binomes?limit=2&status=proposed,confirmed&cursor=${encodeURIComponent(page.json().nextCursor)}`, { token });
  t.equal(next.statusCode, 200);
  const ids = new Set([...page.json().items, ...next.json().items].map((b: { id: string }) => b.id));
  t.equal(ids.size, page.json().items.length + next.json().items.length, 'no binôme twice across pages');
  const csv = await ctx.call('GET', `/editions/${edition.id}/placements.csv`, { token });
  t.equal(csv.statusCode, 200);
  const active = await ctx.db.selectFrom('binome_members as bm').innerJoin('binomes', 'binomes.id', 'bm.binome_id').select('bm.candidate_id').where('binomes.edition_id', '=', edition.id).where('bm.active', '=', true).execute();
  t.equal(readCsv(csv.body).records.length, active.length, 'a line per volunteer of a proposed or confirmed binôme');
  const theirs = await ctx.call('GET', `/editions/${edition.id}/placements.csv`, { token: otherMember.accessToken });
  t.same(readCsv(theirs.body).records, [], 'another structure: the header only');
  const hosts = await ctx.call('GET', `/editions/${edition.id}/binomes`, { token: otherMember.accessToken });
  t.equal(hosts.json().items.length, 0, 'a structure sees the binômes it hosts or partners only');
  t.equal((await ctx.call('GET', `/editions/${edition.id}/binomes?status=nope`, { token })).statusCode, 400);
});

t.test('rules one-service-civique and intermediation hold when a binôme is formed', async (t) => {
  const m = await mission();
  const a = await volunteer(m.id);
  const b = await volunteer(m.id);
  // b already did a service civique elsewhere: an accepted placement in another edition.
  const elsewhere = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id, startsOn: '2026-01-05' });
  await createApplication(ctx.db, { missionId: elsewhere.id, candidateId: b.user.id, status: 'accepted' });
  let res = await form(m.id, a.user.id, b.user.id);
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'one-service-civique');

  const accredited = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Structure agréée', kind: 'proximity' });
  await signedIn(ctx, 'structure_member', { structureId: accredited.id });
  const m2 = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: accredited.id });
  const c = await volunteer(m2.id);
  const d = await volunteer(m2.id);
  // It obtained its own accreditation after the mission was published.
  await ctx.db.updateTable('structures').set({ accredited: true }).where('id', '=', accredited.id).execute();
  res = await form(m2.id, c.user.id, d.user.id);
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'intermediation');
  t.equal(await statusOf(c.application.id), 'shortlisted', 'nothing written');
});

t.test('a member who deletes their account breaks the binôme; the export lists a candidate’s binômes', async (t) => {
  const m = await mission();
  const a = await volunteer(m.id);
  const b = await volunteer(m.id);
  const binome = (await form(m.id, a.user.id, b.user.id)).json();
  const exported = (await ctx.call('GET', '/me/export', { token: a.accessToken })).json();
  t.match(exported.binomes, [{ binome_id: binome.id, status: 'proposed', active: true }]);
  const gone = await ctx.call('DELETE', '/me', { token: b.accessToken, body: { password: TEST_PASSWORD } });
  t.equal(gone.statusCode, 204, gone.body);
  t.equal((await ctx.call('GET', `/binomes/${binome.id}`, { token })).json().status, 'broken');
  t.equal(await statusOf(b.application.id), 'withdrawn');
  t.equal(await statusOf(a.application.id), 'shortlisted');
  t.match(await placesOf(m.id), { reserved: 0 });
});
