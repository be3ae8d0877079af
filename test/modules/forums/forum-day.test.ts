import t from 'tap';
import { setup } from '../../helpers/app.js';
import { refusedBy } from '../../helpers/database.js';
import { createApplication, createEdition, createMission, createOperator, createStructure, loggedMoves, signIn, signedIn, signedInCandidate } from '../../helpers/factories.js';

/** The forum's day: the grid and its versions, agendas (JSON, iCalendar, print), attendance and repair, evaluations, closing. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinator.accessToken;
const edition = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2018-11-01', endsOn: '2019-06-30' });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre-Lens & Co', kind: 'first_circle' });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel d’Harnes', kind: 'proximity' });
const carvinMember = await signedIn(ctx, 'structure_member', { structureId: carvin.id });
const louvreMember = await signedIn(ctx, 'structure_member', { structureId: louvre.id });
const mission = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, startsOn: '2018-11-05' });

const forum = (
  await ctx.call('POST', `/editions/${edition.id}/forums`, {
    token,
    body: { title: 'Forum de Lens', venue: 'Maison syndicale', communeCode: '62498', heldOn: '2018-10-17', startsAt: '14:00', endsAt: '15:00' },
  })
).json();
const url = (path = '') => `/forums/${forum.id}${path}`;
await ctx.call('PUT', url(`/structures/${carvin.id}`), { token, body: { tables: 2 } });
await ctx.call('PUT', url(`/structures/${louvre.id}`), { token, body: { tables: 1 } });
await ctx.call('PUT', url(`/structures/${harnes.id}`), { token, body: { tables: 1 } });

const people: Awaited<ReturnType<typeof signedInCandidate>>[] = [];
for (const name of ['Ana', 'Bilal', 'Chloé', 'Dimitri']) {
  const c = await signedInCandidate(ctx, { firstName: name, lastName: 'Test' });
  await createApplication(ctx.db, { missionId: mission.id, candidateId: c.user.id, status: 'shortlisted' });
  await ctx.call('POST', url('/candidates'), { token, body: { candidateId: c.user.id } });
  people.push(c);
}
const [ana, bilal, chloe, dimitri] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number], (typeof people)[number]];
// Everyone asks Carvin (2 tables) and Louvre (1 table); Ana and Bilal Harnes too. Lower bound:
// Louvre has 4 requests on 1 table → 4 rounds.
for (const c of people) {
  for (const s of [carvin, louvre]) await ctx.call('POST', url('/requests'), { token, body: { candidateId: c.user.id, structureId: s.id } });
}
for (const c of [ana, bilal]) await ctx.call('POST', url('/requests'), { token, body: { candidateId: c.user.id, structureId: harnes.id } });
await ctx.call('POST', url('/requests'), { token: carvinMember.accessToken, body: { candidateId: ana.user.id, priority: 3 } });

let grid: {
  version: number;
  roundsUsed: number;
  lowerBound: number;
  meetings: { id: string; round: number; startsAt: string; table: number; structure: { id: string; name: string }; candidate: { id: string } }[];
  unscheduled: unknown[];
};

t.test('scheduling stores a grid as short as the lower bound, with times in Paris', async (t) => {
  const res = await ctx.call('POST', url('/schedule'), { token });
  t.equal(res.statusCode, 201, res.body);
  grid = res.json();
  t.equal(grid.version, 1);
  t.equal(grid.lowerBound, 4);
  t.equal(grid.roundsUsed, 4, 'no availability limit: exactly the lower bound');
  t.equal(grid.meetings.length, 10, 'every request met');
  t.same(grid.unscheduled, []);
  const first = grid.meetings.find((m) => m.round === 1)!;
  t.equal(first.startsAt, '2018-10-17T12:00:00.000Z', '14:00 in Paris, summer time');
  for (const round of [1, 2, 3, 4]) {
    const inRound = grid.meetings.filter((m) => m.round === round);
    t.equal(new Set(inRound.map((m) => m.candidate.id)).size, inRound.length, `round ${round}: no candidate twice`);
    t.equal(new Set(inRound.map((m) => `${m.structure.id}|${m.table}`)).size, inRound.length, `round ${round}: no table twice`);
  }
  t.ok(grid.meetings.filter((m) => m.structure.id === carvin.id).every((m) => m.table <= 2));
  t.equal((await ctx.call('GET', url(), { token })).json().status, 'scheduled');
  const again = await ctx.call('POST', url('/schedule'), { token });
  t.equal(again.json().version, 2, 'a new version each time');
  grid = again.json();
  t.equal((await ctx.call('POST', url('/schedule'), { token: carvinMember.accessToken })).statusCode, 403);
});

t.test('agendas: the grid for coordinators, each participant their own', async (t) => {
  t.equal((await ctx.call('GET', url('/schedule'), { token })).json().meetings.length, 10);
  const own = (await ctx.call('GET', url('/schedule'), { token: carvinMember.accessToken })).json();
  t.ok(own.meetings.length === 4 && own.meetings.every((m: { structure: { id: string } }) => m.structure.id === carvin.id), 'a structure member gets their structure’s agenda');
  t.equal((await ctx.call('GET', url(`/agendas/structures/${louvre.id}`), { token: carvinMember.accessToken })).statusCode, 404, 'not another structure’s');
  t.equal((await ctx.call('GET', url(`/agendas/structures/${louvre.id}`), { token: louvreMember.accessToken })).json().meetings.length, 4);
  const mine = (await ctx.call('GET', url(`/agendas/candidates/${ana.user.id}`), { token: ana.accessToken })).json();
  t.equal(mine.meetings.length, 3);
  t.equal((await ctx.call('GET', url(`/agendas/candidates/${bilal.user.id}`), { token: ana.accessToken })).statusCode, 404, 'not someone else’s');
  const outsider = await signedInCandidate(ctx);
  t.equal((await ctx.call('GET', url('/schedule'), { token: outsider.accessToken })).statusCode, 404);
});

t.test('iCalendar: one event per meeting, in Europe/Paris', async (t) => {
  const res = await ctx.call('GET', url(`/agendas/candidates/${ana.user.id}/calendar.ics`), { token: ana.accessToken });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/calendar; charset=utf-8/);
  const body = res.body;
  t.ok(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  t.ok(body.endsWith('END:VCALENDAR\r\n'));
  t.equal(body.match(/BEGIN:VEVENT/g)?.length, 3);
  t.match(body, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);
  const anaRounds = grid.meetings.filter((m) => m.candidate.id === ana.user.id).map((m) => m.round);
  const start = (round: number) => `DTSTART;TZID=Europe/Paris:20181017T${['1400', '1408', '1416', '1424'][round - 1]}00`;
  for (const round of anaRounds) t.ok(body.includes(start(round)), `round ${round} at its Paris time`);
  t.match(body, /SUMMARY:Rencontre : Louvre-Lens & Co \(tour \d\\, table 1\)/, "commas escaped");
  t.ok(body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
  const louvreCal = await ctx.call('GET', url(`/agendas/structures/${louvre.id}/calendar.ics`), { token: louvreMember.accessToken });
  t.equal(louvreCal.body.match(/BEGIN:VEVENT/g)?.length, 4);
  t.equal((await ctx.call('GET', url(`/agendas/structures/${louvre.id}/calendar.ics`), { token: carvinMember.accessToken })).statusCode, 404);
});

t.test('the printable grid: rounds × tables, a page per structure and per candidate', async (t) => {
  const res = await ctx.call('GET', url('/schedule.html'), { token });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/html; charset=utf-8/);
  const html = res.body;
  t.match(html, /@media print/);
  t.match(html, /page-break-after: always/);
  t.equal(html.match(/<section class="page">/g)?.length, 1 + 3 + 4, 'the grid, 3 structures, 4 candidates');
  // One column per table in use (a structure using several tables names them), and the round.
  const columns = new Set(grid.meetings.map((m) => `${m.structure.id}|${m.table}`)).size;
  t.equal(html.split('</thead>')[0]!.match(/<th>/g)?.length, columns + 1, 'a column per table in use');
  const carvinTables = new Set(grid.meetings.filter((m) => m.structure.id === carvin.id).map((m) => m.table));
  if (carvinTables.size > 1) t.match(html, /Service Culturel de Carvin — table 2/);
  else t.notMatch(html, /Service Culturel de Carvin — table/);
  t.match(html, /Louvre-Lens &amp; Co/, 'names escaped');
  t.notMatch(html, /Louvre-Lens & Co/);
  const forMember = (await ctx.call('GET', url('/schedule.html'), { token: carvinMember.accessToken })).body;
  t.equal(forMember.match(/<section class="page">/g)?.length, 1, 'a structure member prints their page');
});

t.test('live repair: absent candidates dropped, past rounds kept, free slots refilled', async (t) => {
  t.equal((await ctx.call('POST', url('/attendance'), { token, body: { candidateId: dimitri.user.id, status: 'absent' } })).statusCode, 200);
  t.equal((await ctx.call('POST', url('/attendance'), { token: carvinMember.accessToken, body: { candidateId: dimitri.user.id, status: 'absent' } })).statusCode, 403);
  t.equal((await ctx.call('POST', url('/attendance'), { token, body: { candidateId: carvinMember.user.id, status: 'absent' } })).statusCode, 422);
  t.equal((await ctx.call('POST', url('/transitions'), { token, body: { to: 'running' } })).json().status, 'running');
  t.equal((await ctx.call('POST', url('/schedule'), { token })).statusCode, 409, 'a running forum is repaired, not scheduled again');

  const res = await ctx.call('POST', url('/schedule/repair'), { token, body: { fromRound: 2 } });
  t.equal(res.statusCode, 201, res.body);
  const repaired = res.json();
  t.equal(repaired.version, 3);
  t.equal(repaired.repairedFromRound, 2);
  const key = (m: { round: number; structure: { id: string }; table: number; candidate: { id: string } }) => `${m.round}|${m.structure.id}|${m.table}|${m.candidate.id}`;
  t.same(
    repaired.meetings.filter((m: { round: number }) => m.round === 1).map(key).sort(),
    grid.meetings.filter((m) => m.round === 1).map(key).sort(),
    'round 1 is kept as it was',
  );
  const dimitriLater = repaired.meetings.filter((m: { round: number; candidate: { id: string } }) => m.candidate.id === dimitri.user.id && m.round >= 2);
  t.equal(dimitriLater.length, 0, 'the absent candidate’s meetings are dropped');
  const metBefore = grid.meetings.filter((m) => m.round === 1 && m.candidate.id === dimitri.user.id).length;
  t.equal(repaired.unscheduled.filter((u: { reason: string }) => u.reason === 'candidate-absent').length, 2 - metBefore);
  const others = repaired.meetings.filter((m: { candidate: { id: string } }) => m.candidate.id !== dimitri.user.id);
  t.equal(others.length, 8, 'every other request is still met');
  t.ok(repaired.roundsUsed <= grid.roundsUsed, 'no longer than before');
  t.equal((await ctx.call('POST', url('/schedule/repair'), { token, body: { fromRound: 9 } })).statusCode, 422, 'beyond the rounds');
  grid = repaired;
});

t.test('evaluations: the two parties, once each, editable until the forum closes', async (t) => {
  const meeting = grid.meetings.find((m) => m.structure.id === louvre.id && m.candidate.id === ana.user.id)!;
  const evaluate = (as: string, body: Record<string, unknown>, id = meeting.id) => ctx.call('PUT', `/meetings/${id}/evaluation`, { token: as, body });
  const first = await evaluate(louvreMember.accessToken, { score: 4, wouldHost: 'yes', comment: 'Très à l’aise' });
  t.equal(first.statusCode, 201, first.body);
  t.match(first.json(), { structureScore: 4, wouldHost: 'yes', candidateInterest: null });
  t.equal((await evaluate(louvreMember.accessToken, { score: 5, wouldHost: 'yes' })).statusCode, 200, 'an edit');
  t.equal((await evaluate(ana.accessToken, { interest: 5 })).statusCode, 201);
  t.equal((await evaluate(ana.accessToken, { score: 5, wouldHost: 'yes' })).statusCode, 422, 'a candidate gives an interest');
  t.equal((await evaluate(louvreMember.accessToken, { score: 5 })).statusCode, 422, 'would host is required');
  t.equal((await evaluate(carvinMember.accessToken, { score: 1, wouldHost: 'no' })).statusCode, 404, 'not a party');
  t.equal((await evaluate(bilal.accessToken, { interest: 1 })).statusCode, 404, 'not a party');
  // Coordinators never evaluate: a 403 decided before the meeting is looked up, the same for a
  // real meeting and an unknown id (a refusal after the lookup would tell them apart).
  const byCoordinator = await evaluate(token, { interest: 1 });
  const unknown = await evaluate(token, { interest: 1 }, '00000000-0000-4000-8000-000000000000');
  t.equal(byCoordinator.statusCode, 403);
  t.match(byCoordinator.json(), { type: 'urn:binome:problem:forbidden', title: 'Action non autorisée', detail: 'Le rôle « coordinateur » ne permet pas d’appeler PUT /meetings/:id/evaluation.' });
  t.equal(unknown.statusCode, 403);
  t.equal(unknown.json().detail, byCoordinator.json().detail);
  t.equal((await evaluate(louvreMember.accessToken, { score: 6, wouldHost: 'yes' })).statusCode, 400);

  const matrix = (await ctx.call('GET', url('/evaluations'), { token })).json().items;
  t.match(matrix, [{ candidate: { id: ana.user.id }, structure: { id: louvre.id }, structureScore: 5, wouldHost: 'yes', candidateInterest: 5, mutualInterest: true }]);
  const side = (await ctx.call('GET', url('/evaluations'), { token: ana.accessToken })).json().items;
  t.match(side, [{ structureScore: null, wouldHost: null, comment: null, candidateInterest: 5, mutualInterest: null }], 'a candidate sees their own side');
  t.equal((await ctx.call('GET', url('/evaluations'), { token: carvinMember.accessToken })).json().items.length, 0, 'a structure sees its own');
});

t.test('closing moves the applications of the candidates met to interview, in one transaction', async (t) => {
  const res = await ctx.call('POST', url('/transitions'), { token, body: { to: 'closed' } });
  t.equal(res.statusCode, 200);
  t.same(await loggedMoves(ctx.db, 'forum', forum.id), [
    'planning → scheduled (schedule) by system',
    'scheduled → running (start) by coordinator',
    'running → closed (close) by coordinator',
  ]);
  const statuses = await ctx.db.selectFrom('applications').select(['candidate_id', 'status']).where('mission_id', '=', mission.id).execute();
  const of = (id: string) => statuses.find((s) => s.candidate_id === id)!.status;
  t.equal(of(ana.user.id), 'interview');
  t.equal(of(bilal.user.id), 'interview');
  t.equal(of(chloe.user.id), 'interview');
  t.equal(of(dimitri.user.id), 'shortlisted', 'the absent candidate was not met');
  const history = await ctx.db.selectFrom('status_transitions').select(['actor_id', 'to_status']).where('entity', '=', 'application').where('to_status', '=', 'interview').execute();
  t.ok(history.length >= 3 && history.every((h) => h.actor_id === coordinator.user.id));
  const meeting = grid.meetings.find((m) => m.candidate.id === ana.user.id)!;
  t.equal((await ctx.call('PUT', `/meetings/${meeting.id}/evaluation`, { token: ana.accessToken, body: { interest: 1 } })).statusCode, 409, 'closed');
  t.equal((await ctx.call('POST', url('/schedule'), { token })).statusCode, 409, 'a closed forum is not scheduled');
});

t.test('a meeting that has not taken place yet cannot be evaluated; nothing to schedule is a 409', async (t) => {
  const future = await createEdition(ctx.db, { operatorId: ligue.id });
  // Ana applies to this edition too: a forum invites the edition's applicants.
  await createApplication(ctx.db, { missionId: (await createMission(ctx.db, { operatorId: ligue.id, editionId: future.id, hostId: carvin.id })).id, candidateId: ana.user.id });
  const f = (
    await ctx.call('POST', `/editions/${future.id}/forums`, { token, body: { title: 'Forum 2027', communeCode: '62498', heldOn: '2027-03-10', startsAt: '14:00', endsAt: '16:00' } })
  ).json();
  t.equal((await ctx.call('POST', `/forums/${f.id}/schedule`, { token })).statusCode, 409);
  await ctx.call('PUT', `/forums/${f.id}/structures/${carvin.id}`, { token, body: { tables: 1 } });
  await ctx.call('POST', `/forums/${f.id}/candidates`, { token, body: { candidateId: ana.user.id } });
  await ctx.call('POST', `/forums/${f.id}/requests`, { token, body: { candidateId: ana.user.id, structureId: carvin.id } });
  const g = (await ctx.call('POST', `/forums/${f.id}/schedule`, { token })).json();
  const early = await ctx.call('PUT', `/meetings/${g.meetings[0].id}/evaluation`, { token: ana.accessToken, body: { interest: 4 } });
  t.equal(early.statusCode, 409);
  ctx.clock.advance(new Date('2027-03-10T13:05:00Z').getTime() - Date.now());
  const later = await signIn(ctx, ana.user);
  const started = await ctx.call('PUT', `/meetings/${g.meetings[0].id}/evaluation`, { token: later.accessToken, body: { interest: 4 } });
  t.equal(started.statusCode, 201, `once it has started: ${started.body}`);
  ctx.clock.reset();
});

t.test('the database refuses a candidate or a table in two meetings of one round', async (t) => {
  const schedule = await ctx.db.selectFrom('forum_schedules').selectAll().where('forum_id', '=', forum.id).orderBy('number', 'desc').executeTakeFirstOrThrow();
  const [m] = await ctx.db.selectFrom('forum_meetings').selectAll().where('schedule_id', '=', schedule.id).limit(1).execute();
  const twin = { schedule_id: schedule.id, round: m!.round, starts_at: m!.starts_at, ends_at: m!.ends_at, table_number: m!.table_number };
  const other = people.find((p) => p.user.id !== m!.candidate_id)!;
  await t.rejects(
    ctx.db.insertInto('forum_meetings').values({ ...twin, structure_id: m!.structure_id, candidate_id: other.user.id }).execute(),
    refusedBy('23505', 'forum_meetings_table_key'),
    'the same table twice in a round',
  );
  await t.rejects(
    ctx.db.insertInto('forum_meetings').values({ ...twin, structure_id: harnes.id, table_number: 9, candidate_id: m!.candidate_id }).execute(),
    refusedBy('23505', 'forum_meetings_candidate_key'),
    'the same candidate twice in a round',
  );
});
