import t from 'tap';
import { hashToken, newOpaqueToken } from '../../../src/lib/tokens.js';
import { saveCalendarFeed } from '../../../src/web/forum/forum.repository.js';
import { setup } from '../../helpers/app.js';
import { loggedMoves, signedIn, signedInCandidate } from '../../helpers/factories.js';
import { readCalendar } from '../../helpers/ical.js';
import { createPublicPartner } from '../../helpers/programme-factories.js';
import { createProject, projectCast } from '../../helpers/projects-factories.js';

/** Outings: scheduling them under each rule, their attendance and its headcounts, cancelling, who sees them, the volunteers' calendar. */
const ctx = await setup(t);
const DAY = 86_400_000;
const now = Date.now();
// A mission that runs now: from the first of the month three months ago, eight months long.
const start = new Date(now - 90 * DAY);
const startsOn = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}-01`;
const cast = await projectCast(ctx, { startsOn, durationMonths: 8 });
const [ines, yanis] = cast.volunteers;
const [inesToken, yanisToken] = cast.tokens.volunteers;
const coordinator = cast.tokens.coordinator;
const rival = await signedIn(ctx, 'coordinator');
const outsider = await signedInCandidate(ctx);
const project = await createProject(ctx.db, cast, { status: 'validated', publics: ['seniors', 'families'] });

/** An instant `days` from now at `hour` UTC (whole hours, so that slots are easy to overlap). */
const at = (days: number, hour: number) => {
  const d = new Date(now + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
const outing = (values: Record<string, unknown> = {}) => ({
  startsAt: at(10, 13),
  endsAt: at(10, 16),
  venueStructureId: cast.firstCircleId,
  whatKind: 'show',
  whatTitle: 'Il n’est pas encore minuit',
  transport: 'public_transport',
  groups: [
    { structureId: cast.partnerId, publicKind: 'seniors', expected: 10 },
    { structureId: cast.partnerId, publicKind: 'families', expected: 4 },
  ],
  volunteerIds: [ines.id, yanis.id],
  ...values,
});
const schedule = (values: Record<string, unknown> = {}, token = inesToken, projectId = project.id) => ctx.call('POST', `/projects/${projectId}/outings`, { token, body: outing(values) });
const attend = (id: string, body: unknown, token = yanisToken) => ctx.call('PUT', `/outings/${id}/attendance`, { token, body });
const scheduled = async (values: Record<string, unknown> = {}) => {
  const res = await schedule(values);
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string };
};

t.test('a volunteer schedules an outing: venue, what is seen, groups per partner and public, the volunteers who go', async (t) => {
  const res = await schedule({ startsAt: at(20, 13), endsAt: at(20, 16), transport: 'minibus', driverName: 'Marc, agent de la ville' });
  t.equal(res.statusCode, 201, res.body);
  t.match(res.json(), {
    projectId: project.id,
    venue: { structureId: cast.firstCircleId },
    whatKind: 'show',
    transport: 'minibus',
    driverName: 'Marc, agent de la ville',
    attendanceRecordedAt: null,
    cancelledAt: null,
  });
  t.same(
    res.json().groups.map((g: { publicKind: string; expected: number; present: null }) => [g.publicKind, g.expected, g.present]),
    [
      ['families', 4, null],
      ['seniors', 10, null],
    ],
  );
  t.equal(res.json().volunteers.length, 2);
  const list = await ctx.call('GET', `/projects/${project.id}/outings`, { token: cast.tokens.hostTutor });
  t.equal(list.json().items.length, 1, 'the tutor sees it');
});

t.test('each rule of scheduling is refused with its id and what to do', async (t) => {
  const draft = await createProject(ctx.db, cast, { status: 'draft' });
  const notValidated = await schedule({}, inesToken, draft.id);
  t.equal(notValidated.statusCode, 422);
  t.equal(notValidated.json().rule, 'project-not-validated');
  t.match(notValidated.json().detail, /validé par la coordination/);
  for (const status of ['submitted', 'done', 'abandoned'] as const) {
    const other = await createProject(ctx.db, cast, { status });
    t.equal((await schedule({}, coordinator, other.id)).json().rule, 'project-not-validated', status);
  }

  const before = await schedule({ startsAt: at(-100, 13), endsAt: at(-100, 15) });
  t.equal(before.statusCode, 422);
  t.equal(before.json().rule, 'outing-within-mission');
  t.match(before.json().detail, /pendant la mission, du .* au .*: choisissez une date/);
  t.equal((await schedule({ startsAt: at(200, 13), endsAt: at(200, 15) })).json().rule, 'outing-within-mission');

  const first = await scheduled({ startsAt: at(30, 13), endsAt: at(30, 16) });
  const clash = await schedule({ startsAt: at(30, 15), endsAt: at(30, 18), volunteerIds: [yanis.id] });
  t.equal(clash.statusCode, 422);
  t.equal(clash.json().rule, 'volunteer-double-booked');
  t.match(clash.json(), { candidateId: yanis.id, outingId: first.id });
  t.match(clash.json().detail, /accompagne déjà « Il n’est pas encore minuit »/);
  t.equal((await schedule({ startsAt: at(30, 16), endsAt: at(30, 18), volunteerIds: [yanis.id] })).statusCode, 201, 'back to back is fine');

  await ctx.db.insertInto('early_ends').values({ binome_id: cast.binomeId, candidate_id: yanis.id, ends_on: at(40, 0).slice(0, 10), asked_by: 'volunteer', reason: 'job', recorded_by: cast.coordinator.id }).execute();
  const ended = await schedule({ startsAt: at(45, 13), endsAt: at(45, 16) });
  t.equal(ended.statusCode, 422);
  t.equal(ended.json().rule, 'volunteer-ended');
  t.match(ended.json().detail, /a terminé sa mission le .* retirez cette personne/);
  t.equal((await schedule({ startsAt: at(45, 13), endsAt: at(45, 16), volunteerIds: [ines.id] })).statusCode, 201, 'the other volunteer still goes');
  t.equal((await schedule({ startsAt: at(35, 13), endsAt: at(35, 16) })).statusCode, 201, 'before the early end, they go');
  await ctx.db.deleteFrom('early_ends').where('candidate_id', '=', yanis.id).execute();
});

t.test('fields refused beside their name: times, minibus driver, venue, groups, volunteers', async (t) => {
  const paths = async (values: Record<string, unknown>) => {
    const res = await schedule(values);
    t.equal(res.statusCode, 422, res.body);
    return res.json().errors.map((e: { path: string }) => e.path);
  };
  t.same(await paths({ endsAt: at(10, 12) }), ['endsAt']);
  t.same(await paths({ transport: 'minibus' }), ['driverName']);
  const foreign = await createPublicPartner(ctx.db, { operatorId: rival.user.operator_id! });
  t.same(await paths({ venueStructureId: foreign.id }), ['venueStructureId']);
  const notInProject = await createPublicPartner(ctx.db, { operatorId: cast.operatorId });
  t.same(
    await paths({
      groups: [
        { structureId: notInProject.id, publicKind: 'seniors', expected: 3 },
        { structureId: cast.partnerId, publicKind: 'youth', expected: 3 },
        { structureId: cast.partnerId, publicKind: 'seniors', expected: 3 },
        { structureId: cast.partnerId, publicKind: 'seniors', expected: 2 },
      ],
    }),
    ['groups.0.structureId', 'groups.1.publicKind', 'groups.3.publicKind'],
  );
  t.same(await paths({ volunteerIds: [ines.id, outsider.user.id] }), ['volunteerIds.1']);
  const negative = await schedule({ groups: [{ structureId: cast.partnerId, publicKind: 'seniors', expected: -1 }] });
  t.equal(negative.statusCode, 400);
  t.equal(negative.json().errors[0].path, 'groups.0.expected');
  t.equal((await schedule({ whatKind: 'concert' })).statusCode, 400);
  t.equal((await schedule({}, cast.tokens.hostTutor)).statusCode, 403, 'tutors comment, they do not schedule');
});

t.test('attendance: only once started; headcounts checked by the service and the database; the first one starts the project', async (t) => {
  const future = await scheduled({ startsAt: at(12, 13), endsAt: at(12, 16) });
  const early = await attend(future.id, { groups: [] });
  t.equal(early.statusCode, 422);
  t.equal(early.json().rule, 'attendance-before-start');
  t.match(early.json().detail, /pas encore commencé/);

  const past = await scheduled({ startsAt: at(-3, 13), endsAt: at(-3, 16) });
  const groups = (seniors: Record<string, number>, families: Record<string, number> = { present: 4, firstTime: 0 }) => [
    { structureId: cast.partnerId, publicKind: 'seniors', ...seniors },
    { structureId: cast.partnerId, publicKind: 'families', ...families },
  ];
  const above = await attend(past.id, { groups: groups({ present: 12, firstTime: 3 }) });
  t.equal(above.statusCode, 422, above.body);
  t.same(
    above.json().errors.map((e: { path: string }) => e.path),
    ['groups.0.present'],
  );
  t.match(above.json().errors[0].message, /attendues \(10\) plus celles venues sans être attendues \(0\)/);
  const firstTimers = await attend(past.id, { groups: groups({ present: 5, firstTime: 6 }) });
  t.same(
    firstTimers.json().errors.map((e: { path: string }) => e.path),
    ['groups.0.firstTime'],
  );
  const missing = await attend(past.id, { groups: [{ structureId: cast.partnerId, publicKind: 'seniors', present: 5, firstTime: 0 }] });
  t.same(
    missing.json().errors.map((e: { path: string }) => e.path),
    ['groups'],
  );
  t.equal((await attend(past.id, { groups: groups({ present: -1, firstTime: 0 }) })).statusCode, 400);
  t.equal((await attend(past.id, { groups: groups({ present: 5, firstTime: 0 }), photosUrl: 'ftp://photos' })).json().errors[0].path, 'photosUrl');
  t.equal((await ctx.db.selectFrom('mediation_projects').select('status').where('id', '=', project.id).executeTakeFirstOrThrow()).status, 'validated', 'nothing was written');

  // Two walk-ins declared make twelve present possible.
  const ok = await attend(past.id, { groups: groups({ present: 12, firstTime: 7, walkIns: 2 }), account: 'Une belle après-midi.', photosUrl: 'https://photos.example.org/album/1' });
  t.equal(ok.statusCode, 200, ok.body);
  t.match(ok.json(), { account: 'Une belle après-midi.', photosUrl: 'https://photos.example.org/album/1' });
  t.ok(ok.json().attendanceRecordedAt);
  t.match(ok.json().groups.find((g: { publicKind: string }) => g.publicKind === 'seniors'), { expected: 10, walkIns: 2, present: 12, firstTime: 7 });
  t.same((await loggedMoves(ctx.db, 'project', project.id)).at(-1), 'validated → running (start) by system: first outing’s attendance recorded');
  // A correction is a new recording; the project stays running.
  t.equal((await attend(past.id, { groups: groups({ present: 11, firstTime: 7, walkIns: 2 }) }, coordinator)).statusCode, 200);
  t.equal((await attend(past.id, { groups: groups({ present: 11, firstTime: 7 }) }, cast.tokens.hostTutor)).statusCode, 403);

  // The database holds the same rule, whatever a caller skips.
  await t.rejects(
    ctx.db.updateTable('outing_groups').set({ present: 100 }).where('outing_id', '=', past.id).where('public_kind', '=', 'seniors').execute(),
    /outing_groups_present/,
  );
  await t.rejects(
    ctx.db.updateTable('outing_groups').set({ first_time: 50 }).where('outing_id', '=', past.id).where('public_kind', '=', 'seniors').execute(),
    /outing_groups_first_time/,
  );
});

t.test('cancelling: before it happens only; a cancelled outing frees its volunteers and takes no attendance', async (t) => {
  const soon = await scheduled({ startsAt: at(50, 13), endsAt: at(50, 16) });
  const cancelled = await ctx.call('POST', `/outings/${soon.id}/cancel`, { token: coordinator });
  t.equal(cancelled.statusCode, 200, cancelled.body);
  t.ok(cancelled.json().cancelledAt);
  t.equal((await ctx.call('POST', `/outings/${soon.id}/cancel`, { token: inesToken })).statusCode, 409);
  t.equal((await schedule({ startsAt: at(50, 14), endsAt: at(50, 15) })).statusCode, 201, 'the volunteers are free again');
  const past = await scheduled({ startsAt: at(-5, 13), endsAt: at(-5, 16) });
  const late = await ctx.call('POST', `/outings/${past.id}/cancel`, { token: inesToken });
  t.equal(late.statusCode, 422);
  t.equal(late.json().rule, 'outing-started');
  await ctx.db.updateTable('outings').set({ cancelled_at: new Date() }).where('id', '=', past.id).execute();
  t.equal((await attend(past.id, { groups: [] })).statusCode, 409);
});

t.test('another operator’s coordinator and a candidate outside the binôme get 404 on outings', async (t) => {
  const mine = await scheduled({ startsAt: at(60, 13), endsAt: at(60, 16) });
  for (const who of [rival, outsider]) {
    t.equal((await ctx.call('GET', `/outings/${mine.id}`, { token: who.accessToken })).statusCode, 404);
    t.equal((await ctx.call('PUT', `/outings/${mine.id}/attendance`, { token: who.accessToken, body: { groups: [] } })).statusCode, 404);
    t.equal((await ctx.call('POST', `/outings/${mine.id}/cancel`, { token: who.accessToken })).statusCode, 404);
    t.equal((await ctx.call('GET', `/projects/${project.id}/outings`, { token: who.accessToken })).statusCode, 404);
    t.equal((await ctx.call('POST', `/projects/${project.id}/outings`, { token: who.accessToken, body: outing() })).statusCode, 404);
  }
  t.equal((await ctx.call('GET', `/outings/00000000-0000-4000-8000-000000000000`, { token: coordinator })).statusCode, 404);
});

t.test('the volunteers’ calendar feed holds their upcoming outings, with the venue’s address and what is seen', async (t) => {
  await ctx.db.updateTable('structures').set({ address: '2 rue du Théâtre' }).where('id', '=', cast.firstCircleId).execute();
  const next = await scheduled({ startsAt: at(70, 13), endsAt: at(70, 16), whatTitle: 'Les Misérables', volunteerIds: [ines.id] });
  const gone = await scheduled({ startsAt: at(71, 13), endsAt: at(71, 16), whatTitle: 'Annulée', volunteerIds: [ines.id] });
  await ctx.call('POST', `/outings/${gone.id}/cancel`, { token: inesToken });
  const token = newOpaqueToken();
  await saveCalendarFeed(ctx.db, ines.id, hashToken(token), new Date());
  const res = await ctx.app.inject({ method: 'GET', url: `/agenda.ics?jeton=${token}` });
  t.equal(res.statusCode, 200);
  const events = readCalendar(res.body).events;
  const event = events.find((e) => e.uid === `outing-${next.id}@binome`);
  t.ok(event, 'the outing is an event');
  t.equal(event!.summary, 'Sortie : Spectacle « Les Misérables »');
  t.match(event!.location, /2 rue du Théâtre/);
  t.match(event!.description, /projet « Groupe de spectateurs »/);
  t.equal(event!.tzid, 'Europe/Paris');
  t.equal(event!.start.toISOString(), at(70, 13));
  t.notOk(events.some((e) => e.summary.includes('Annulée')), 'a cancelled outing is not in the calendar');
  t.notOk(events.some((e) => e.uid.includes(gone.id)));
  // Yanis does not go to this one: not in his calendar.
  const his = newOpaqueToken();
  await saveCalendarFeed(ctx.db, yanis.id, hashToken(his), new Date());
  const theirs = readCalendar((await ctx.app.inject({ method: 'GET', url: `/agenda.ics?jeton=${his}` })).body).events;
  t.notOk(theirs.some((e) => e.uid === `outing-${next.id}@binome`));
});
