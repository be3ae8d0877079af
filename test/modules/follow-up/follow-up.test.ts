import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createStructure, createUser, signIn, signedIn } from '../../helpers/factories.js';
import { placedBinomeEnding, recordTrainingRow, tokensOf } from '../../helpers/follow-up-factories.js';
import { createPlacedBinome } from '../../helpers/programme-factories.js';

/** The volunteers' follow-up through the API: trainings, check-ins, early ends, the lists, the certificate. */
const ctx = await setup(t);
const b = await createPlacedBinome(ctx.db);
const tokens = await tokensOf(ctx, b);
const [ines, yanis] = b.volunteers;
const base = `/binomes/${b.binomeId}`;
const training = (candidateId: string, kind = 'fcc') => `${base}/volunteers/${candidateId}/trainings/${kind}`;
const fcc = { startsOn: '2027-03-01', endsOn: '2027-03-05', provider: 'Ligue de l’enseignement' };

// A member of the first-circle partner sees the binôme, but is none of its tutors.
const firstCircleMember = (await signIn(ctx, await createUser(ctx.db, 'structure_member', { structureId: b.firstCircleId }))).accessToken;
// Another operator's coordinator, and a member of a structure that has nothing to do with the binôme.
const stranger = (await signedIn(ctx, 'coordinator')).accessToken;
const elsewhere = (await signIn(ctx, await createUser(ctx.db, 'structure_member', { structureId: (await createStructure(ctx.db, { operatorId: b.operatorId })).id }))).accessToken;

t.test('trainings: recorded once per kind (a second PUT rewrites it), within the mission (rule training-within-mission)', async (t) => {
  const first = await ctx.call('PUT', training(ines.id), { token: tokens.coordinator, body: fcc });
  t.equal(first.statusCode, 201, first.body);
  t.match(first.json(), { kind: 'fcc', startsOn: '2027-03-01', endsOn: '2027-03-05', provider: 'Ligue de l’enseignement' });
  const again = await ctx.call('PUT', training(ines.id), { token: tokens.coordinator, body: { ...fcc, endsOn: '2027-03-06' } });
  t.equal(again.statusCode, 200, 'a second is an update');
  t.equal(again.json().endsOn, '2027-03-06');
  const rows = await ctx.db.selectFrom('volunteer_trainings').selectAll().where('candidate_id', '=', ines.id).execute();
  t.equal(rows.length, 1, 'one row per kind');

  const before = await ctx.call('PUT', training(ines.id, 'psc1'), { token: tokens.coordinator, body: { startsOn: '2027-01-31', endsOn: '2027-02-01' } });
  t.equal(before.statusCode, 422);
  t.match(before.json(), { rule: 'training-within-mission', detail: /entre le 1er février 2027 et le 31 juillet 2027/ });
  const after = await ctx.call('PUT', training(ines.id, 'psc1'), { token: tokens.coordinator, body: { startsOn: '2027-07-31', endsOn: '2027-08-01' } });
  t.match(after.json(), { status: 422, rule: 'training-within-mission' });
  const backwards = await ctx.call('PUT', training(ines.id, 'psc1'), { token: tokens.coordinator, body: { startsOn: '2027-03-05', endsOn: '2027-03-01' } });
  t.equal(backwards.statusCode, 400);
  t.match(backwards.json().errors, [{ path: 'endsOn' }]);
  const unknownKind = await ctx.call('PUT', training(ines.id, 'bafa'), { token: tokens.coordinator, body: fcc });
  t.equal(unknownKind.statusCode, 400);
});

t.test('trainings: the host tutor records them; another structure member, a volunteer may not; the volunteer sees their own', async (t) => {
  const tutor = await ctx.call('PUT', training(yanis.id, 'psc1'), { token: tokens.hostTutor, body: { startsOn: '2027-04-10', endsOn: '2027-04-10', provider: 'SDIS 62' } });
  t.equal(tutor.statusCode, 201, tutor.body);
  const other = await ctx.call('PUT', training(yanis.id), { token: firstCircleMember, body: fcc });
  t.equal(other.statusCode, 403);
  const volunteer = await ctx.call('PUT', training(yanis.id), { token: tokens.volunteers[1], body: fcc });
  t.equal(volunteer.statusCode, 403);
  const mine = await ctx.call('GET', '/me/trainings', { token: tokens.volunteers[1] });
  t.equal(mine.statusCode, 200);
  t.same(
    mine.json().map((x: { kind: string; candidateId: string }) => [x.kind, x.candidateId]),
    [['psc1', yanis.id]],
    'their own, not their partner’s',
  );
  const followUp = await ctx.call('GET', `${base}/follow-up`, { token: firstCircleMember });
  t.equal(followUp.statusCode, 200, 'a structure member who sees the binôme reads its follow-up');
  t.equal(followUp.json().volunteers.length, 2);
});

t.test('check-ins: the tutors and the coordination write them; the volunteers neither read nor write them', async (t) => {
  const byTutor = await ctx.call('POST', `${base}/checkins`, { token: tokens.hostTutor, body: { heldOn: '2027-03-10', note: 'Premier point : tout va bien.' } });
  t.equal(byTutor.statusCode, 201, byTutor.body);
  const byCoordinator = await ctx.call('POST', `${base}/checkins`, { token: tokens.coordinator, body: { heldOn: '2027-04-10', note: 'Point sur le projet.', candidateId: ines.id } });
  t.equal(byCoordinator.statusCode, 201);
  t.equal(byCoordinator.json().candidateId, ines.id);
  const notMember = await ctx.call('POST', `${base}/checkins`, { token: tokens.coordinator, body: { heldOn: '2027-04-10', note: 'x', candidateId: b.hostTutor.id } });
  t.equal(notMember.statusCode, 422);
  t.match(notMember.json().errors, [{ path: 'candidateId' }]);
  const empty = await ctx.call('POST', `${base}/checkins`, { token: tokens.coordinator, body: { heldOn: '2027-04-10', note: '   ' } });
  t.equal(empty.statusCode, 400);

  const volunteerWrites = await ctx.call('POST', `${base}/checkins`, { token: tokens.volunteers[0], body: { heldOn: '2027-03-10', note: 'Moi aussi' } });
  t.equal(volunteerWrites.statusCode, 403, 'a candidate writing a check-in: 403 (their role may not)');
  const volunteerReads = await ctx.call('GET', `${base}/checkins`, { token: tokens.volunteers[0] });
  t.equal(volunteerReads.statusCode, 403, 'nor read them');
  const notTutor = await ctx.call('POST', `${base}/checkins`, { token: firstCircleMember, body: { heldOn: '2027-03-10', note: 'Bonjour' } });
  t.equal(notTutor.statusCode, 403, 'a structure member who is not a tutor does not write');

  const list = await ctx.call('GET', `${base}/checkins`, { token: firstCircleMember });
  t.equal(list.statusCode, 200, 'but reads them (they see the binôme)');
  t.same(
    list.json().map((c: { heldOn: string }) => c.heldOn),
    ['2027-04-10', '2027-03-10'],
    'newest first',
  );
});

t.test('another operator’s coordinator, or an unrelated structure member, gets 404 on every route, as for a binôme that does not exist', async (t) => {
  const ghost = '00000000-0000-4000-8000-000000000000';
  for (const token of [stranger, elsewhere]) {
    for (const id of [b.binomeId, ghost]) {
      const routes: [string, string, unknown?][] = [
        ['GET', `/binomes/${id}/follow-up`],
        ['PUT', `/binomes/${id}/volunteers/${ines.id}/trainings/fcc`, fcc],
        ['GET', `/binomes/${id}/checkins`],
        ['POST', `/binomes/${id}/checkins`, { heldOn: '2027-03-10', note: 'x' }],
        ['GET', `/binomes/${id}/volunteers/${ines.id}/certificate`],
      ];
      if (token === stranger) routes.push(['POST', `/binomes/${id}/volunteers/${ines.id}/early-end`, { endsOn: '2027-05-01', askedBy: 'volunteer', reason: 'job' }]);
      for (const [method, url, body] of routes) {
        const res = await ctx.call(method as 'GET', url, { token, body });
        t.equal(res.statusCode, 404, `${method} ${url.replace(id, id === ghost ? 'ghost' : 'binome')}`);
      }
    }
  }
  const listed = await ctx.call('GET', '/follow-up/trainings-due', { token: stranger });
  t.same(listed.json(), [], 'nor in their lists');
  const asked = await ctx.call('GET', `/follow-up/early-ends?editionId=${b.editionId}`, { token: stranger });
  t.equal(asked.statusCode, 404, 'another operator’s edition is not found');
});

t.test('the certificate: a draft for the staff until the last day, then the volunteer’s', async (t) => {
  const staff = await ctx.call('GET', `${base}/volunteers/${ines.id}/certificate`, { token: tokens.hostTutor });
  t.equal(staff.statusCode, 200);
  t.match(staff.json(), { draft: true, startsOn: b.startsOn, endsOn: b.endsOn, endedEarly: false, mission: { weeklyHours: Number }, volunteer: { birthDate: '2004-05-12' } });
  const early = await ctx.call('GET', '/me/certificate', { token: tokens.volunteers[0] });
  t.equal(early.statusCode, 409);
  t.match(early.json().detail, /disponible le 31 juillet 2027/);
  const partners = await ctx.call('GET', `${base}/volunteers/${ines.id}/certificate`, { token: tokens.volunteers[1] });
  t.equal(partners.statusCode, 404, 'a volunteer does not read their partner’s');
});

t.test('early end (rule early-end): within the placement, once; it ends the volunteer’s placement and frees nothing', async (t) => {
  const url = `${base}/volunteers/${yanis.id}/early-end`;
  const before = await ctx.call('POST', url, { token: tokens.coordinator, body: { endsOn: '2027-01-31', askedBy: 'volunteer', reason: 'job' } });
  t.equal(before.statusCode, 422);
  t.match(before.json(), { rule: 'early-end', detail: /entre le 1er février 2027 et le 31 juillet 2027/ });
  const after = await ctx.call('POST', url, { token: tokens.coordinator, body: { endsOn: '2027-08-01', askedBy: 'volunteer', reason: 'job' } });
  t.match(after.json(), { status: 422, rule: 'early-end' });
  const badReason = await ctx.call('POST', url, { token: tokens.coordinator, body: { endsOn: '2027-05-15', askedBy: 'volunteer', reason: 'boredom' } });
  t.equal(badReason.statusCode, 400);
  const byTutor = await ctx.call('POST', url, { token: tokens.hostTutor, body: { endsOn: '2027-05-15', askedBy: 'volunteer', reason: 'job' } });
  t.equal(byTutor.statusCode, 403, 'the coordination records it');

  const mission = () => ctx.db.selectFrom('missions').select(['places', 'accepted', 'reserved', 'status']).where('id', '=', b.missionId).executeTakeFirstOrThrow();
  const applications = () => ctx.db.selectFrom('applications').select(['candidate_id', 'status']).where('mission_id', '=', b.missionId).orderBy('candidate_id').execute();
  const [missionBefore, applicationsBefore] = [await mission(), await applications()];

  const done = await ctx.call('POST', url, { token: tokens.coordinator, body: { endsOn: '2027-05-15', askedBy: 'mutual', reason: 'job', note: 'Un CDI à Lens' } });
  t.equal(done.statusCode, 201, done.body);
  t.same(done.json(), { endsOn: '2027-05-15', askedBy: 'mutual', reason: 'job', note: 'Un CDI à Lens' });
  const twice = await ctx.call('POST', url, { token: tokens.coordinator, body: { endsOn: '2027-05-20', askedBy: 'volunteer', reason: 'job' } });
  t.equal(twice.statusCode, 409);
  t.match(twice.json(), { rule: 'early-end' });

  const certificate = await ctx.call('GET', `${base}/volunteers/${yanis.id}/certificate`, { token: tokens.coordinator });
  t.match(certificate.json(), { endsOn: '2027-05-15', endedEarly: true, availableFrom: '2027-05-15' }, 'the certificate ends on the early end');
  const partner = await ctx.call('GET', `${base}/volunteers/${ines.id}/certificate`, { token: tokens.coordinator });
  t.equal(partner.json().endsOn, b.endsOn, 'the partner’s placement goes on');
  const binome = await ctx.db.selectFrom('binomes').select('status').where('id', '=', b.binomeId).executeTakeFirstOrThrow();
  t.equal(binome.status, 'confirmed', 'the binôme stays confirmed');
  t.same(await mission(), missionBefore, 'the mission’s places and counts are unchanged');
  t.same(await applications(), applicationsBefore, 'the applications are unchanged');
  const member = await ctx.db.selectFrom('binome_members').select('active').where('candidate_id', '=', yanis.id).executeTakeFirstOrThrow();
  t.equal(member.active, true, 'the volunteer stays a member');
  const audit = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'volunteer.early_end').where('entity_id', '=', b.binomeId).execute();
  t.equal(audit.length, 1, 'an audit event');

  const late = await ctx.call('PUT', training(yanis.id), { token: tokens.coordinator, body: { startsOn: '2027-06-01', endsOn: '2027-06-02' } });
  t.match(late.json(), { status: 422, rule: 'training-within-mission' }, 'a training after the early end is outside the mission');
  const followUp = await ctx.call('GET', `${base}/follow-up`, { token: tokens.coordinator });
  t.match(followUp.json().volunteers[1], { candidateId: yanis.id, endsOn: '2027-05-15', plannedEndsOn: b.endsOn, earlyEnd: { reason: 'job' } });
  const listed = await ctx.call('GET', `/follow-up/early-ends?editionId=${b.editionId}`, { token: tokens.coordinator });
  t.match(listed.json(), [{ candidateId: yanis.id, reason: 'job', askedBy: 'mutual' }]);
});

t.test('rule trainings-due: ends within two months (or has ended) and lacks an FCC or a PSC1', async (t) => {
  const operator = { operatorId: b.operatorId };
  const soon = await placedBinomeEnding(ctx, 1, operator);
  const ended = await placedBinomeEnding(ctx, -1, operator);
  const later = await placedBinomeEnding(ctx, 3, operator);
  await recordTrainingRow(ctx.db, soon, 0, 'fcc');
  await recordTrainingRow(ctx.db, soon, 0, 'psc1');
  await recordTrainingRow(ctx.db, soon, 1, 'psc1');
  const coordinator = (await signIn(ctx, soon.coordinator)).accessToken;
  const editions = [soon, ended, later].map((x) => x.editionId);
  const lists = await Promise.all(editions.map((e) => ctx.call('GET', `/follow-up/trainings-due?editionId=${e}`, { token: coordinator })));
  const [soonList, endedList, laterList] = lists.map((r) => r.json() as { candidateId: string; missing: string[] }[]);
  t.same(
    soonList!.map((r) => [r.candidateId, r.missing]),
    [[soon.volunteers[1].id, ['fcc']]],
    'the one without an FCC is listed, the one with both is not',
  );
  t.same(endedList!.map((r) => r.missing), [['fcc', 'psc1'], ['fcc', 'psc1']], 'ended without them: listed');
  t.same(laterList, [], 'ending in three months: not yet');

  const overview = await ctx.call('GET', '/follow-up/overview', { token: coordinator });
  t.equal(overview.statusCode, 200);
  const shown = overview.json() as { editionIds: string[]; trainingsDue: { candidateId: string }[] };
  t.ok(editions.every((e) => shown.editionIds.includes(e)), 'by default, the editions running today');
  t.equal(shown.trainingsDue.length, 3);

  const csv = await ctx.call('GET', `/follow-up/trainings-due.csv?editionId=${soon.editionId}`, { token: coordinator });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], 'text/csv');
  const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
  t.equal(lines.length, 2, 'a header and one line');
  t.match(lines[0], 'Nom;Prénom;Mission');
  t.match(lines[1], ';non;oui;non;FCC');
});

t.test('the overview: submitted projects and this week’s outings (not cancelled), of the edition', async (t) => {
  const project = await ctx.db
    .insertInto('mediation_projects')
    .values({ binome_id: b.binomeId, edition_id: b.editionId, title: 'Groupe de spectateurs', aim: 'Aller au spectacle', status: 'submitted', created_by: ines.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('mediation_projects').values({ binome_id: b.binomeId, edition_id: b.editionId, title: 'Brouillon', aim: 'x', created_by: ines.id }).execute();
  const now = ctx.clock.now();
  const outing = (startsAt: Date, cancelled = false) =>
    ctx.db
      .insertInto('outings')
      .values({
        project_id: project.id,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 3_600_000),
        venue_structure_id: b.firstCircleId,
        what_kind: 'show',
        what_title: cancelled ? 'Annulée' : 'Il n’est pas encore minuit',
        transport: 'on_foot',
        created_by: ines.id,
        ...(cancelled ? { cancelled_at: now } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const kept = await outing(now);
  await outing(now, true);
  await outing(new Date(now.getTime() + 8 * 86_400_000));
  const res = await ctx.call('GET', `/follow-up/overview?editionId=${b.editionId}`, { token: tokens.coordinator });
  t.equal(res.statusCode, 200);
  const overview = res.json();
  t.same(overview.projectsToValidate.map((p: { id: string }) => p.id), [project.id], 'the submitted one, not the draft');
  t.same(overview.outingsThisWeek.map((o: { id: string }) => o.id), [kept.id], 'this week’s, not the cancelled one nor next week’s');
  const member = await ctx.call('GET', `/follow-up/overview?editionId=${b.editionId}`, { token: firstCircleMember });
  t.equal(member.json().projectsToValidate.length, 1, 'a structure member sees their binôme’s');
});
