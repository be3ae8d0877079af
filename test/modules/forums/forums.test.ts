import t from 'tap';
import { roundTimes } from '../../../src/algorithms/forum-times.js';
import { parisInstant } from '../../../src/lib/dates.js';
import { setup } from '../../helpers/app.js';
import { createApplication, createEdition, createMission, createOperator, createStructure, signedIn, signedInCandidate } from '../../helpers/factories.js';

/** Forums: timing, participants, meeting requests, who may do what. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const rival = await signedIn(ctx, 'coordinator');
const token = coordinator.accessToken;
const edition = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2018-11-01', endsOn: '2019-06-30' });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre-Lens', kind: 'first_circle' });
const ehpad = await createStructure(ctx.db, { operatorId: ligue.id, name: 'EHPAD', kind: 'public_partner' });
const elsewhere = await createStructure(ctx.db, { name: 'Another operator’s' });
const carvinMember = await signedIn(ctx, 'structure_member', { structureId: carvin.id });
const louvreMember = await signedIn(ctx, 'structure_member', { structureId: louvre.id });

const forumBody = {
  title: 'Forum de recrutement',
  venue: 'Maison syndicale',
  communeCode: '62498',
  heldOn: '2018-10-17',
  startsAt: '14:00',
  endsAt: '17:00',
  breaks: [{ afterRound: 6, minutes: 10 }],
};
const create = (body: Record<string, unknown>, as = token) => ctx.call('POST', `/editions/${edition.id}/forums`, { token: as, body });

t.test('the rounds come from the time span, the slots, the changeovers and the breaks', async (t) => {
  const rounds = roundTimes({ startsAt: '14:00', endsAt: '15:00', slotMinutes: 7, changeoverMinutes: 1, breaks: [{ afterRound: 2, minutes: 10 }] });
  t.same(
    rounds.map((r) => [r.start, r.end]),
    [
      [840, 847],
      [848, 855],
      [866, 873],
      [874, 881],
      [882, 889],
      [890, 897],
    ],
    'round 3 starts after the 10-minute break; round 7 would end at 15:05',
  );
  t.equal(parisInstant('2018-10-17', 14 * 60).toISOString(), '2018-10-17T12:00:00.000Z', 'summer time');
  t.equal(parisInstant('2018-12-17', 14 * 60).toISOString(), '2018-12-17T13:00:00.000Z', 'winter time');
  t.equal(parisInstant('2018-10-28', 2 * 60 + 30).toISOString(), '2018-10-28T01:30:00.000Z', 'the repeated hour: its winter-time occurrence');
  t.equal(parisInstant('2019-03-31', 2 * 60 + 30).toISOString(), '2019-03-31T01:30:00.000Z', 'the skipped hour: an hour later (03:30 summer time)');
});

let forumId = '';
t.test('a coordinator plans a forum; its rounds are listed with their times', async (t) => {
  const res = await create(forumBody);
  t.equal(res.statusCode, 201, res.body);
  const forum = res.json();
  forumId = forum.id;
  t.match(forum, { status: 'planning', slotMinutes: 7, changeoverMinutes: 1, commune: { name: 'Lens' }, version: 1 });
  t.equal(forum.rounds.length, 21, '3 hours of 8-minute rounds with a 10-minute break');
  t.same(forum.rounds[6], { round: 7, startsAt: '14:58', endsAt: '15:05' });
  t.equal((await create(forumBody, carvinMember.accessToken)).statusCode, 403);
  t.equal((await create(forumBody, rival.accessToken)).statusCode, 404);
});

t.test('bad timings are refused, naming the field, and nothing is written', async (t) => {
  const before = await ctx.db.selectFrom('forums').select('id').execute();
  const cases: [Record<string, unknown>, string, number][] = [
    [{ ...forumBody, slotMinutes: 0 }, 'slotMinutes', 400],
    [{ ...forumBody, startsAt: '25:00' }, 'startsAt', 400],
    [{ ...forumBody, breaks: [{ afterRound: 6, minutes: 10 }, { afterRound: 6, minutes: 5 }] }, 'breaks.1.afterRound', 422],
    [{ ...forumBody, endsAt: '14:05' }, 'endsAt', 422],
    [{ ...forumBody, endsAt: '13:00' }, 'endsAt', 422],
    [{ ...forumBody, heldOn: '2019-07-01' }, 'heldOn', 422],
    [{ ...forumBody, communeCode: '99999' }, 'communeCode', 422],
    [{ ...forumBody, status: 'running' }, '', 400],
  ];
  for (const [body, path, status] of cases) {
    const res = await create(body);
    t.equal(res.statusCode, status, `${path}: ${res.body}`);
    if (path) t.ok(res.json().errors.some((e: { path: string }) => e.path === path), `names ${path}`);
  }
  t.equal((await ctx.db.selectFrom('forums').select('id').execute()).length, before.length);
});

t.test('editing: If-Match, and the times only while planned', async (t) => {
  const res = await ctx.call('PATCH', `/forums/${forumId}`, { token, body: { venue: 'Maison syndicale de Lens' }, headers: { 'if-match': '"1"' } });
  t.equal(res.statusCode, 200);
  t.equal((await ctx.call('PATCH', `/forums/${forumId}`, { token, body: { venue: 'x' }, headers: { 'if-match': '"1"' } })).statusCode, 412);
  const breaks = await ctx.call('PATCH', `/forums/${forumId}`, { token, body: { breaks: [{ afterRound: 1, minutes: 5 }, { afterRound: 1, minutes: 5 }] }, headers: { 'if-match': '"2"' } });
  t.equal(breaks.statusCode, 422, 'overlapping breaks');
});

t.test('participants: recruiting structures of the operator, invited candidates', async (t) => {
  const seat = (structureId: string, body: Record<string, unknown> = { tables: 2 }, as = token) => ctx.call('PUT', `/forums/${forumId}/structures/${structureId}`, { token: as, body });
  t.equal((await seat(carvin.id)).statusCode, 200);
  t.match((await seat(louvre.id, { tables: 1, unavailableRounds: [3, 1] })).json(), { tables: 1, unavailableRounds: [1, 3] });
  t.equal((await seat(ehpad.id)).statusCode, 422, 'a public partner does not recruit');
  t.equal((await seat(elsewhere.id)).statusCode, 404);
  t.equal((await seat(carvin.id, { tables: 0 })).statusCode, 400);
  t.equal((await seat(carvin.id, { tables: 1, unavailableRounds: [22] })).statusCode, 422, 'beyond the 21 rounds');
  t.equal((await seat(carvin.id, { tables: 2 }, carvinMember.accessToken)).statusCode, 403);
  const listed = (await ctx.call('GET', `/forums/${forumId}/structures`, { token: carvinMember.accessToken })).json();
  t.same(listed.items.map((s: { structure: { name: string } }) => s.structure.name), ['Louvre-Lens', 'Service Culturel de Carvin']);
});

t.test('candidates: invited from the shortlist or by hand; requests from each side; mutual ones', async (t) => {
  const mission = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, startsOn: '2018-11-05' });
  const shortlisted = await signedInCandidate(ctx, { firstName: 'Inès' });
  const submitted = await signedInCandidate(ctx, { firstName: 'Hugo' });
  const byHand = await signedInCandidate(ctx, { firstName: 'Malik' });
  await createApplication(ctx.db, { missionId: mission.id, candidateId: shortlisted.user.id, status: 'shortlisted' });
  await createApplication(ctx.db, { missionId: mission.id, candidateId: submitted.user.id, status: 'submitted' });
  await createApplication(ctx.db, { missionId: mission.id, candidateId: byHand.user.id, status: 'in_review' });

  const invited = await ctx.call('POST', `/forums/${forumId}/candidates/invite-shortlisted`, { token });
  t.same(invited.json(), { invited: 1, alreadyThere: 0 });
  t.same((await ctx.call('POST', `/forums/${forumId}/candidates/invite-shortlisted`, { token })).json(), { invited: 0, alreadyThere: 1 }, 'idempotent');
  const added = await ctx.call('POST', `/forums/${forumId}/candidates`, { token, body: { candidateId: byHand.user.id, arrivesAt: '15:00' } });
  t.equal(added.statusCode, 201);
  t.match(added.json(), { candidate: { firstName: 'Malik' }, arrivesAt: '15:00', attendance: 'expected' });
  t.equal((await ctx.call('POST', `/forums/${forumId}/candidates`, { token, body: { candidateId: byHand.user.id } })).statusCode, 409);
  t.equal((await ctx.call('POST', `/forums/${forumId}/candidates`, { token, body: { candidateId: carvinMember.user.id } })).statusCode, 404, 'not a candidate');
  t.equal((await ctx.call('POST', `/forums/${forumId}/candidates`, { token, body: { candidateId: submitted.user.id, arrivesAt: '16:00', leavesAt: '15:00' } })).statusCode, 422);

  t.equal((await ctx.call('GET', `/forums/${forumId}`, { token: submitted.accessToken })).statusCode, 404, 'an uninvited candidate does not see the forum');
  t.equal((await ctx.call('GET', `/forums/${forumId}`, { token: shortlisted.accessToken })).statusCode, 200);
  t.equal((await ctx.call('GET', `/forums/${forumId}/candidates`, { token: shortlisted.accessToken })).json().items.length, 1, 'a candidate sees themself only');

  const ask = (as: string, body: Record<string, unknown>) => ctx.call('POST', `/forums/${forumId}/requests`, { token: as, body });
  const fromCandidate = await ask(shortlisted.accessToken, { structureId: carvin.id });
  t.equal(fromCandidate.statusCode, 201, fromCandidate.body);
  t.match(fromCandidate.json(), { side: 'candidate', mutual: false, structure: { name: 'Service Culturel de Carvin' } });
  t.equal((await ask(shortlisted.accessToken, { structureId: carvin.id })).statusCode, 409, 'the same side twice');
  t.equal((await ask(shortlisted.accessToken, { structureId: louvre.id })).statusCode, 422, 'no application to a mission of that structure');
  t.equal((await ask(shortlisted.accessToken, { structureId: elsewhere.id })).statusCode, 422, 'a structure not at the forum');
  t.equal((await ask(shortlisted.accessToken, { structureId: carvin.id, candidateId: byHand.user.id })).statusCode, 403);

  const fromStructure = await ask(carvinMember.accessToken, { candidateId: shortlisted.user.id, priority: 2 });
  t.equal(fromStructure.statusCode, 201);
  t.equal(fromStructure.json().mutual, true, 'both sides asked');
  t.equal((await ask(carvinMember.accessToken, { candidateId: submitted.user.id })).statusCode, 422, 'a candidate not at the forum');
  t.equal((await ask(louvreMember.accessToken, { candidateId: byHand.user.id })).statusCode, 201);
  t.equal((await ask(token, { candidateId: byHand.user.id, structureId: carvin.id })).statusCode, 201);
  t.equal((await ask(token, { candidateId: byHand.user.id })).statusCode, 422, 'a coordinator names both');

  const mine = (await ctx.call('GET', `/forums/${forumId}/requests`, { token: louvreMember.accessToken })).json().items;
  t.equal(mine.length, 1, 'a structure sees its own requests');
  const all = (await ctx.call('GET', `/forums/${forumId}/requests`, { token })).json().items;
  t.equal(all.length, 4);
  const louvreRequest = mine[0].id;
  t.equal((await ctx.call('DELETE', `/forums/${forumId}/requests/${louvreRequest}`, { token: carvinMember.accessToken })).statusCode, 404, 'not the side that asked');
  t.equal((await ctx.call('DELETE', `/forums/${forumId}/requests/${louvreRequest}`, { token: louvreMember.accessToken })).statusCode, 204);
  t.equal((await ctx.call('DELETE', `/forums/${forumId}/candidates/${byHand.user.id}`, { token })).statusCode, 204);
  t.equal((await ctx.call('GET', `/forums/${forumId}/requests`, { token })).json().items.length, 2, 'an uninvited candidate’s requests go');
});

t.test('who may be invited: the edition’s applicants and the operator’s pool, nobody else', async (t) => {
  const forum = (await create({ ...forumBody, title: 'Forum des invitations' })).json();
  const invite = (candidateId: string) => ctx.call('POST', `/forums/${forum.id}/candidates`, { token, body: { candidateId } });
  await ctx.call('PUT', `/forums/${forum.id}/structures/${carvin.id}`, { token, body: { tables: 1 } });
  const ofEdition = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, startsOn: '2018-11-05' });
  const ofAnotherEdition = await createMission(ctx.db, { operatorId: ligue.id, hostId: carvin.id });
  const ofAnotherOperator = await createMission(ctx.db, { hostId: elsewhere.id, operatorId: elsewhere.operator_id });

  const applicant = await signedInCandidate(ctx, { firstName: 'Nora' });
  await createApplication(ctx.db, { missionId: ofEdition.id, candidateId: applicant.user.id, status: 'refused' });
  const inPool = await signedInCandidate(ctx, { firstName: 'Omar', stayInPool: true });
  await createApplication(ctx.db, { missionId: ofAnotherEdition.id, candidateId: inPool.user.id, status: 'refused' });
  const formerApplicant = await signedInCandidate(ctx, { firstName: 'Paul' });
  await createApplication(ctx.db, { missionId: ofAnotherEdition.id, candidateId: formerApplicant.user.id, status: 'refused' });
  const stranger = await signedInCandidate(ctx, { firstName: 'Quentin', stayInPool: true });
  await createApplication(ctx.db, { missionId: ofAnotherOperator.id, candidateId: stranger.user.id, status: 'shortlisted' });

  // The search a coordinator invites from: the same rule, by name.
  const search = (query: string, as = token) => ctx.call('GET', `/forums/${forum.id}/invitable?${query}`, { token: as });
  const idsOf = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id);
  const everyone = await search('limit=50');
  t.equal(everyone.statusCode, 200);
  t.ok(idsOf(everyone).includes(applicant.user.id) && idsOf(everyone).includes(inPool.user.id), 'the applicant and the pool are offered');
  t.notOk(idsOf(everyone).includes(stranger.user.id) || idsOf(everyone).includes(formerApplicant.user.id), 'nobody else');
  const nora = (await search('q=nora')).json();
  t.equal(nora.items.length, 1, 'found by first name');
  t.match(nora, { items: [{ id: applicant.user.id, firstName: 'Nora', email: applicant.user.email, appliedToEdition: true }], more: false });
  t.match((await search('q=omar')).json(), { items: [{ id: inPool.user.id, appliedToEdition: false }] }, 'from the pool');
  t.same((await search('q=quentin')).json(), { items: [], more: false }, 'another operator’s candidate is not found by name either');
  t.match((await search('limit=1')).json(), { more: true });
  const badLimit = await search('limit=0');
  t.equal(badLimit.statusCode, 400);
  t.match(badLimit.json(), { errors: [{ path: 'limit' }] });
  t.equal((await search('', carvinMember.accessToken)).statusCode, 403, 'the structures do not search candidates');
  t.equal((await search('', rival.accessToken)).statusCode, 404, 'another operator’s forum');

  const byApplication = await invite(applicant.user.id);
  t.equal(byApplication.statusCode, 201, byApplication.body);
  t.match(byApplication.json(), { candidate: { id: applicant.user.id, firstName: 'Nora' } }, 'applied to a mission of the edition (whatever became of it)');
  const byPool = await invite(inPool.user.id);
  t.equal(byPool.statusCode, 201, byPool.body);
  t.match(byPool.json(), { candidate: { id: inPool.user.id, firstName: 'Omar' } }, 'in the pool of the operator they applied to');

  const unknown = await invite('00000000-0000-4000-8000-000000000000');
  const expected = {
    type: 'urn:binome:problem:not-found',
    title: 'Introuvable',
    status: 404,
    detail: 'Aucun candidat ayant postulé à cette édition, ou ayant accepté de rester dans le vivier de l’organisme, n’a cet identifiant.',
  };
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json(), expected);
  const answer = (res: { json(): Record<string, unknown> }) => {
    const { instance: _instance, requestId: _requestId, ...rest } = res.json();
    return rest;
  };
  for (const [who, id] of [
    ['a candidate who applied only to another operator’s missions (their pool is not this operator’s)', stranger.user.id],
    ['a former applicant of the operator who did not agree to stay in the pool', formerApplicant.user.id],
    ['a structure member', carvinMember.user.id],
  ] as const) {
    const res = await invite(id);
    t.equal(res.statusCode, 404, who);
    t.same(answer(res), answer(unknown), `${who}: the same answer as an unknown id`);
  }
  t.same((await search('q=nora')).json().items, [], 'invited: no longer offered');
  const listed = (await ctx.call('GET', `/forums/${forum.id}/candidates`, { token: carvinMember.accessToken })).json().items;
  t.same(listed.map((c: { candidate: { id: string } }) => c.candidate.id).sort(), [applicant.user.id, inPool.user.id].sort(), 'the structures read only the names of those invited');
  t.equal((await ctx.call('POST', `/forums/${forum.id}/candidates`, { token: rival.accessToken, body: { candidateId: stranger.user.id } })).statusCode, 404, 'another operator’s coordinator does not reach the forum');
});

t.test('transitions: only a scheduled forum starts; closing ends changes', async (t) => {
  const start = await ctx.call('POST', `/forums/${forumId}/transitions`, { token, body: { to: 'running' } });
  t.equal(start.statusCode, 409);
  t.equal(start.json().currentState, 'planning');
  t.equal((await ctx.call('POST', `/forums/${forumId}/transitions`, { token, body: { to: 'scheduled' } })).statusCode, 403, 'a grid schedules a forum, not a request');
  const other = (await create({ ...forumBody, title: 'Forum annulé' })).json();
  t.equal((await ctx.call('POST', `/forums/${other.id}/transitions`, { token, body: { to: 'closed' } })).json().status, 'closed');
  t.equal((await ctx.call('PUT', `/forums/${other.id}/structures/${carvin.id}`, { token, body: { tables: 1 } })).statusCode, 409);
  t.equal((await ctx.call('PATCH', `/forums/${other.id}`, { token, body: { venue: 'y' }, headers: { 'if-match': '"2"' } })).statusCode, 409);
});
