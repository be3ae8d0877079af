import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createApplication, createEdition, createMission, createOperator, createStructure, signedIn, signedInCandidate } from '../../helpers/factories.js';

/** Placement runs through the API: inputs, explained proposals, locks and exclusions, apply, stale runs, who may see them. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const rival = await signedIn(ctx, 'coordinator');
const token = coordinator.accessToken;
const edition = await createEdition(ctx.db, { operatorId: ligue.id });

const hosts: { host: Awaited<ReturnType<typeof createStructure>>; member: Awaited<ReturnType<typeof signedIn>> }[] = [];
const missions: Awaited<ReturnType<typeof createMission>>[] = [];
for (const name of ['Service Culturel d’Auchel', 'Service Culturel d’Harnes', 'Service Culturel de Carvin']) {
  const host = await createStructure(ctx.db, { operatorId: ligue.id, name, kind: 'proximity' });
  hosts.push({ host, member: await signedIn(ctx, 'structure_member', { structureId: host.id }) });
  missions.push(await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: host.id, title: `Médiation — ${name}` }));
}
const [m1, m2] = missions as [(typeof missions)[number], (typeof missions)[number]];
const forum = await ctx.db
  .insertInto('forums')
  .values({ edition_id: edition.id, title: 'Forum', commune_code: '62498', held_on: '2026-10-17', starts_at: '14:00', ends_at: '17:00', created_by: coordinator.user.id })
  .returning('id')
  .executeTakeFirstOrThrow();

/** Seven volunteers applying to two missions each, rated by the hosts; one too old (ineligible). */
const people: { id: string; token: string; applications: Record<string, string> }[] = [];
for (let i = 0; i < 7; i++) {
  const candidate = await signedInCandidate(ctx, { firstName: `V${i}`, birthDate: i === 6 ? '1990-01-01' : '2004-05-01' });
  const applications: Record<string, string> = {};
  for (const [k, m] of [missions[i % 3]!, missions[(i + 1) % 3]!].entries()) {
    const application = await createApplication(ctx.db, { missionId: m.id, candidateId: candidate.user.id, status: k === 0 ? 'interview' : 'shortlisted' });
    await ctx.db.updateTable('applications').set({ rating: 1 + ((i + k) % 5) }).where('id', '=', application.id).execute();
    applications[m.id] = application.id;
  }
  people.push({ id: candidate.user.id, token: candidate.accessToken, applications });
}
const [p0, p1, p2, p3, , , tooOld] = people as [(typeof people)[number], ...(typeof people)[number][]];
// The host of m1 met p3 at the forum and would not host them.
await ctx.db
  .insertInto('forum_evaluations')
  .values({ forum_id: forum.id, candidate_id: p3!.id, structure_id: m1.host_structure_id, structure_score: 1, would_host: 'no', candidate_interest: 4 })
  .execute();
// The host of m2 met p1 and liked them.
await ctx.db
  .insertInto('forum_evaluations')
  .values({ forum_id: forum.id, candidate_id: p1!.id, structure_id: m2.host_structure_id, structure_score: 5, would_host: 'yes', candidate_interest: 5 })
  .execute();

const run = (body: Record<string, unknown>, as = token) => ctx.call('POST', `/editions/${edition.id}/placement-runs`, { token: as, body });
interface Proposal {
  mission: { id: string };
  value: number;
  members: { candidateId: string; applicationId: string; score: number; parts: Record<string, { value: number; weight: number; source: string }> }[];
  pair: { score: number; weight: number };
}
const pairsOf = (proposals: Proposal[]) => proposals.map((p) => [p.mission.id, ...p.members.map((m) => m.candidateId).sort()].join(' '));
const runCount = async () => Number((await ctx.db.selectFrom('placement_runs').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

t.test('an optimal run proposes explained binômes, reports who is left and why, and keeps the run', async (t) => {
  const res = await run({ mode: 'optimal' });
  t.equal(res.statusCode, 201, res.body);
  const r = res.json();
  t.match(r, { number: 1, mode: 'optimal', volunteers: 7, missions: 3, appliedAt: null });
  t.equal(r.proposals.length, 3, 'three missions of two places: three binômes');
  const placed = r.proposals.flatMap((p: Proposal) => p.members.map((m) => m.candidateId));
  t.equal(new Set(placed).size, 6);
  t.notOk(placed.includes(tooOld!.id), 'the ineligible volunteer is never proposed');
  const old = r.unplaced.find((u: { candidateId: string }) => u.candidateId === tooOld!.id);
  t.match(old, { reason: 'no-allowed-mission' });
  t.ok(
    old.missions.every((m: { reason: string }) => /^pas éligible \(règle age-max\) : La mission commence le/.test(m.reason)),
    'each mission says which rule, in French',
  );
  t.match(old.detail, /^aucune mission à laquelle il a postulé/);
  // The same run read in English: the stored reasons are written again from their texts.
  const english = (await ctx.call('GET', `/placement-runs/${r.id}`, { token, headers: { 'accept-language': 'en' } })).json();
  const oldEn = english.unplaced.find((u: { candidateId: string }) => u.candidateId === tooOld!.id);
  t.match(oldEn, { reason: 'no-allowed-mission', detail: 'no mission they applied to is open to them' });
  t.ok(
    oldEn.missions.every((m: { reason: string }) => /^not eligible \(rule age-max\): The mission starts on or after/.test(m.reason)),
    'and in English when asked',
  );
  t.notOk(
    r.proposals.some((p: Proposal) => p.mission.id === m1.id && p.members.some((m) => m.candidateId === p3!.id)),
    '“would host: no” is a hard exclusion',
  );
  let total = 0;
  const wrong: string[] = [];
  for (const p of r.proposals as Proposal[]) {
    if (p.members.length !== 2) wrong.push(`mission ${p.mission.id}: ${p.members.length} members`);
    for (const m of p.members) {
      const parts = Object.keys(m.parts).sort().join(', ');
      if (parts !== 'distance, host, interest, partner, wouldHost') wrong.push(`${m.candidateId}: parts ${parts}`);
      const own = people.find((x) => x.id === m.candidateId)?.applications[p.mission.id];
      if (m.applicationId !== own) wrong.push(`${m.candidateId}: application ${m.applicationId}, theirs to this mission is ${own}`);
    }
    if (!(Math.abs(p.value - (p.members[0]!.score + p.members[1]!.score + p.pair.weight * p.pair.score)) < 0.01)) wrong.push(`mission ${p.mission.id}: value ${p.value} is not the sum of its parts`);
    total += p.value;
  }
  t.same(wrong, [], 'every proposal: two members, each score in its five parts, their own application, the value the sum of its parts');
  t.ok(Math.abs(total - r.objective) < 0.05, 'the objective is the sum of the proposals');
  t.ok(r.objective <= r.bound + 1e-6, 'never above its bound');
  const liked = (r.proposals as Proposal[]).flatMap((p) => p.members.map((m) => ({ ...m, mission: p.mission.id }))).find((m) => m.candidateId === p1!.id && m.mission === m2.id);
  if (liked) {
    t.equal(liked.parts.host!.source, 'note de la structure au forum : 5/5', 'the forum score is used where they met, said in French');
    const likedEn = (english.proposals as Proposal[]).flatMap((p) => p.members.map((m) => ({ ...m, mission: p.mission.id }))).find((m) => m.candidateId === p1!.id && m.mission === m2.id);
    t.equal(likedEn!.parts.host!.source, "host's forum score 5/5", 'and in English when asked');
  }
  const distances = (r.proposals as Proposal[]).flatMap((p) => p.members.map((m) => m.parts.distance!.source));
  t.ok(distances.every((d) => /^(distance inconnue \(neutre\)|\d+,\d km, pour \d+ km possibles avec sa mobilité)$/.test(d)), `distances with a decimal comma: ${distances.join(' | ')}`);

  const again = await ctx.call('GET', `/placement-runs/${r.id}`, { token });
  t.equal(again.statusCode, 200);
  t.same(pairsOf(again.json().proposals), pairsOf(r.proposals));
  const second = (await run({ mode: 'optimal' })).json();
  t.same(pairsOf(second.proposals), pairsOf(r.proposals), 'same inputs, same proposal');
  t.equal(second.inputDigest, r.inputDigest);
  const list = await ctx.call('GET', `/editions/${edition.id}/placement-runs`, { token });
  t.same(
    list.json().items.map((x: { number: number }) => x.number),
    [2, 1],
    'runs are kept, newest first',
  );
});

t.test('locks and exclusions are honoured; weights change the proposal’s value', async (t) => {
  const locked = await run({ mode: 'optimal', locks: [{ candidateIds: [p0!.id, p2!.id], missionId: m1.id }] });
  t.equal(locked.statusCode, 201, locked.body);
  t.ok(pairsOf(locked.json().proposals).includes([m1.id, ...[p0!.id, p2!.id].sort()].join(' ')), 'the locked pair is proposed there');
  const excluded = await run({ mode: 'optimal', exclusions: [{ candidateId: p0!.id, missionId: m1.id }, { candidateIds: [p1!.id, p2!.id] }] });
  t.equal(excluded.statusCode, 201, excluded.body);
  const members = (excluded.json().proposals as Proposal[]).map((p) => ({ mission: p.mission.id, ids: p.members.map((m) => m.candidateId) }));
  t.notOk(
    members.some((p) => p.mission === m1.id && p.ids.includes(p0!.id)),
    'never this volunteer there',
  );
  t.notOk(
    members.some((p) => p.ids.includes(p1!.id) && p.ids.includes(p2!.id)),
    'never these two together',
  );
  const noPair = await run({ mode: 'optimal', weights: { pair: 0, distance: 0 } });
  t.equal(noPair.statusCode, 201);
  t.match(noPair.json().weights, { pair: 0, distance: 0, host: 3 });
  t.ok(noPair.json().proposals.every((p: Proposal) => p.pair.weight === 0));
  const stable = await run({ mode: 'stable' });
  t.equal(stable.statusCode, 201, stable.body);
  t.equal(stable.json().mode, 'stable');
  t.ok(stable.json().proposals.length >= 1);
});

t.test('bad runs are refused, naming what is wrong, and nothing is written', async (t) => {
  const before = await runCount();
  const cases: [Record<string, unknown>, number, string][] = [
    [{ mode: 'optimal', locks: [{ candidateId: tooOld!.id, missionId: m1.id }] }, 422, 'locks.0'],
    [{ mode: 'optimal', locks: [{ candidateId: p3!.id, missionId: m1.id }] }, 422, 'locks.0'],
    [{ mode: 'optimal', locks: [{ candidateId: p0!.id, missionId: m1.id }], exclusions: [{ candidateId: p0!.id, missionId: m1.id }] }, 422, 'locks.0'],
    [
      {
        mode: 'optimal',
        locks: [
          { candidateId: p0!.id, missionId: m1.id },
          { candidateId: p0!.id, missionId: m2.id },
        ],
      },
      422,
      'locks',
    ],
    [{ mode: 'optimal', locks: [{ candidateIds: [p0!.id, p2!.id] }], exclusions: [{ candidateIds: [p0!.id, p2!.id] }] }, 422, 'locks'],
    [{ mode: 'optimal', locks: [{ candidateId: '00000000-0000-4000-8000-000000000000', missionId: m1.id }] }, 422, 'locks.0.candidateId'],
    [{ mode: 'optimal', weights: { host: 11 } }, 400, 'weights.host'],
    [{ mode: 'optimal', weights: { host: -1 } }, 400, 'weights.host'],
    [{ mode: 'optimal', weights: { colour: 1 } }, 400, 'weights.colour'],
    [{ mode: 'greedy' }, 400, 'mode'],
  ];
  for (const [body, status, path] of cases) {
    const res = await run(body);
    t.equal(res.statusCode, status, `${path}: ${res.body}`);
    t.ok(
      res.json().errors?.some((e: { path: string }) => e.path.startsWith(path)),
      `names ${path}: ${JSON.stringify(res.json().errors)}`,
    );
  }
  t.equal(await runCount(), before, 'no run was stored');
});

t.test('who may see runs: coordinators of the operator only', async (t) => {
  const r = (await run({ mode: 'optimal' })).json();
  t.equal((await ctx.call('GET', `/placement-runs/${r.id}`, { token: hosts[0]!.member.accessToken })).statusCode, 403, 'a structure member');
  t.equal((await ctx.call('GET', `/placement-runs/${r.id}`, { token: p0!.token })).statusCode, 403, 'a candidate');
  t.equal((await ctx.call('GET', `/placement-runs/${r.id}`, { token: rival.accessToken })).statusCode, 404, 'another operator');
  t.equal((await run({ mode: 'optimal' }, hosts[0]!.member.accessToken)).statusCode, 403);
  t.equal((await run({ mode: 'optimal' }, rival.accessToken)).statusCode, 404);
});

t.test('a stale run is refused; applying forms the binômes once; acceptances confirm them; a decline is re-run with the other locked', async (t) => {
  const stale = (await run({ mode: 'optimal' })).json();
  await ctx.db.updateTable('applications').set({ rating: 5, version: 2 }).where('id', '=', p0!.applications[m1.id]!).execute();
  const refused = await ctx.call('POST', `/placement-runs/${stale.id}/apply`, { token });
  t.equal(refused.statusCode, 409);
  t.equal(refused.json().rule, 'stale-run');
  t.equal((await ctx.db.selectFrom('binomes').select('id').execute()).length, 0, 'nothing written');

  const fresh = (await run({ mode: 'optimal' })).json();
  t.equal((await ctx.call('POST', `/placement-runs/${fresh.id}/apply`, { token: hosts[0]!.member.accessToken })).statusCode, 403);
  const applied = await ctx.call('POST', `/placement-runs/${fresh.id}/apply`, { token });
  t.equal(applied.statusCode, 200, applied.body);
  t.equal(applied.json().binomeIds.length, fresh.proposals.length);
  t.ok(applied.json().run.appliedAt);
  const twice = await ctx.call('POST', `/placement-runs/${fresh.id}/apply`, { token });
  t.equal(twice.statusCode, 409, 'applying twice');
  t.equal((await ctx.db.selectFrom('binomes').select('id').execute()).length, fresh.proposals.length);

  const [first, second] = fresh.proposals as Proposal[];
  for (const m of first!.members) {
    const person = people.find((p) => p.id === m.candidateId)!;
    const status = await ctx.db.selectFrom('applications').select('status').where('id', '=', m.applicationId).executeTakeFirstOrThrow();
    t.equal(status.status, 'offered');
    t.equal((await ctx.call('POST', `/applications/${m.applicationId}/accept`, { token: person.token })).statusCode, 200);
  }
  const confirmed = (await ctx.call('GET', `/editions/${edition.id}/binomes?status=confirmed`, { token })).json();
  t.equal(confirmed.items.length, 1, 'both accepted: confirmed');
  t.equal(confirmed.items[0].mission.id, first!.mission.id);

  // In the second binôme one declines: it breaks, and the coordinator re-runs with the other locked there.
  const [stays, leaves] = second!.members;
  const leaver = people.find((p) => p.id === leaves!.candidateId)!;
  t.equal((await ctx.call('POST', `/applications/${leaves!.applicationId}/decline`, { token: leaver.token })).statusCode, 200);
  const broken = (await ctx.call('GET', `/editions/${edition.id}/binomes?status=broken`, { token })).json();
  t.equal(broken.items.length, 1);
  // A late applicant, shortlisted for every mission, can partner them.
  const late = await signedInCandidate(ctx);
  for (const m of missions) await createApplication(ctx.db, { missionId: m.id, candidateId: late.user.id, status: 'shortlisted' });
  const rerun = await run({ mode: 'optimal', locks: [{ candidateId: stays!.candidateId, missionId: second!.mission.id }] });
  t.equal(rerun.statusCode, 201, rerun.body);
  const again = (rerun.json().proposals as Proposal[]).find((p) => p.mission.id === second!.mission.id);
  t.ok(again?.members.some((m) => m.candidateId === stays!.candidateId), 'the one who stayed is proposed there again');
  t.notOk(
    (rerun.json().proposals as Proposal[]).some((p) => p.members.some((m) => m.candidateId === leaver.id)),
    'the one who declined is not in play',
  );
  t.notOk(
    (rerun.json().proposals as Proposal[]).some((p) => p.mission.id === first!.mission.id),
    'the confirmed binôme’s mission is full',
  );
});

t.test('a volunteer who accepted a mission nobody else can join sits the run out, with the reason; the run is not refused', async (t) => {
  const other = await createEdition(ctx.db, { operatorId: ligue.id });
  const lonely = await createMission(ctx.db, { operatorId: ligue.id, editionId: other.id, hostId: hosts[0]!.host.id });
  const open = await createMission(ctx.db, { operatorId: ligue.id, editionId: other.id, hostId: hosts[1]!.host.id });
  const held = await signedInCandidate(ctx);
  await createApplication(ctx.db, { missionId: lonely.id, candidateId: held.user.id, status: 'accepted' });
  await ctx.db.updateTable('missions').set({ accepted: 1 }).where('id', '=', lonely.id).execute();
  for (let i = 0; i < 2; i++) {
    const c = await signedInCandidate(ctx);
    await createApplication(ctx.db, { missionId: open.id, candidateId: c.user.id, status: 'shortlisted' });
  }
  const res = await ctx.call('POST', `/editions/${other.id}/placement-runs`, { token, body: { mode: 'optimal' } });
  t.equal(res.statusCode, 201, res.body);
  t.equal(res.json().proposals.length, 1, 'the other mission gets its binôme');
  const sitting = res.json().unplaced.find((u: { candidateId: string }) => u.candidateId === held.user.id);
  t.match(sitting, { reason: 'no-allowed-mission', missions: [{ mission: { id: lonely.id }, reason: /a déjà accepté cette mission ; personne en jeu ne peut y être son partenaire/ }] });
  // A coordinator's own lock that cannot hold is still refused.
  const locked = await ctx.call('POST', `/editions/${other.id}/placement-runs`, { token, body: { mode: 'optimal', locks: [{ candidateId: held.user.id, missionId: lonely.id }] } });
  t.equal(locked.statusCode, 422, locked.body);
});
