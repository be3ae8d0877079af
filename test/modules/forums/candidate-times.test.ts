import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createApplication, createEdition, createMission, createOperator, createStructure, signedIn, signedInCandidate } from '../../helpers/factories.js';

/** PATCH /forums/{id}/candidates/{candidateId}: an invited candidate's arrival and leaving times, and the repair that follows them. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinator.accessToken;
const outsider = await signedIn(ctx, 'coordinator', { operatorId: (await createOperator(ctx.db)).id });
const edition = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Carvin' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre' });
const member = await signedIn(ctx, 'structure_member', { structureId: carvin.id });
const mission = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id });
const forum = (
  await ctx.call('POST', `/editions/${edition.id}/forums`, { token, body: { title: 'Forum', communeCode: '62498', heldOn: '2027-03-10', startsAt: '14:00', endsAt: '15:00' } })
).json() as { id: string };
const url = (path = '') => `/forums/${forum.id}${path}`;
for (const s of [carvin, louvre]) await ctx.call('PUT', url(`/structures/${s.id}`), { token, body: { tables: 1 } });
const ana = await signedInCandidate(ctx, { firstName: 'Ana' });
const bilal = await signedInCandidate(ctx, { firstName: 'Bilal' });
for (const c of [ana, bilal]) {
  await createApplication(ctx.db, { missionId: mission.id, candidateId: c.user.id, status: 'shortlisted' });
  await ctx.call('POST', url('/candidates'), { token, body: { candidateId: c.user.id } });
  for (const s of [carvin, louvre]) await ctx.call('POST', url('/requests'), { token, body: { candidateId: c.user.id, structureId: s.id } });
}
const patch = (candidateId: string, body: unknown, as = token) => ctx.call('PATCH', url(`/candidates/${candidateId}`), { token: as, body });

t.test('a late arrival: the time is stored, the other kept, null clears it', async (t) => {
  const res = await patch(ana.user.id, { arrivesAt: '14:30' });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { candidate: { id: ana.user.id }, arrivesAt: '14:30', leavesAt: null, attendance: 'expected' });
  const both = await patch(ana.user.id, { leavesAt: '14:55' });
  t.match(both.json(), { arrivesAt: '14:30', leavesAt: '14:55' }, 'the arrival kept');
  const audit = await ctx.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', forum.id).where('action', '=', 'forum.candidateTimes').execute();
  t.equal(audit.length, 2, 'each change audited');
  const cleared = await patch(ana.user.id, { arrivesAt: null, leavesAt: null });
  t.match(cleared.json(), { arrivesAt: null, leavesAt: null });
});

t.test('refusals: leaving before arriving, a bad time, not invited, not the organiser’s', async (t) => {
  const backwards = await patch(ana.user.id, { arrivesAt: '14:40', leavesAt: '14:20' });
  t.equal(backwards.statusCode, 422);
  t.match(backwards.json(), { errors: [{ path: 'leavesAt' }] });
  t.equal((await patch(ana.user.id, { arrivesAt: '25:00' })).statusCode, 400);
  t.equal((await patch(ana.user.id, { arrivesAt: '14:00', extra: 1 })).statusCode, 400, 'strict body');
  const stranger = await signedInCandidate(ctx, { firstName: 'Zoé' });
  t.equal((await patch(stranger.user.id, { arrivesAt: '14:30' })).statusCode, 404, 'not invited');
  t.equal((await patch(ana.user.id, { arrivesAt: '14:30' }, member.accessToken)).statusCode, 403, 'a structure member');
  t.equal((await patch(ana.user.id, { arrivesAt: '14:30' }, outsider.accessToken)).statusCode, 404, 'another operator’s forum');
  const row = await ctx.db.selectFrom('forum_candidates').select('arrives_at').where('candidate_id', '=', ana.user.id).executeTakeFirstOrThrow();
  t.equal(row.arrives_at, null, 'nothing changed');
});

t.test('the repair follows a late arrival: no meeting before the candidate arrives', async (t) => {
  t.equal((await ctx.call('POST', url('/schedule'), { token })).statusCode, 201);
  t.equal((await ctx.call('POST', url('/transitions'), { token, body: { to: 'running' } })).statusCode, 200);
  // Round 3 starts at 14:16: Bilal arrives at 14:16, so every meeting of his is from round 3.
  t.equal((await patch(bilal.user.id, { arrivesAt: '14:16' })).statusCode, 200);
  const repaired = await ctx.call('POST', url('/schedule/repair'), { token, body: { fromRound: 1 } });
  t.equal(repaired.statusCode, 201);
  const his = (repaired.json() as { meetings: { round: number; candidate: { id: string } }[] }).meetings.filter((m) => m.candidate.id === bilal.user.id);
  t.equal(his.length, 2, 'both his meetings kept');
  t.ok(
    his.every((m) => m.round >= 3),
    'from his arrival on',
  );
  t.equal((await ctx.call('POST', url('/transitions'), { token, body: { to: 'closed' } })).statusCode, 200);
  const closed = await patch(bilal.user.id, { arrivesAt: '14:30' });
  t.equal(closed.statusCode, 409, 'not once the forum is closed');
});
