import { randomUUID } from 'node:crypto';
import t from 'tap';
import { setup } from './helpers/app.js';
import { createApplication, createMission, createOperator, createStructure, signedIn, signedInCandidate } from './helpers/factories.js';

/**
 * Every route with an object id, called by someone who may not reach that object: a
 * coordinator of another operator, a member of another structure, a candidate, nobody. The
 * answer is 401, 403 (role not allowed) or 404 (object level), never the object and never a
 * change, and the same answer as for an id that names nothing (no existence oracle), whatever
 * the method. A route added with an id must be added here: the first test fails until it is.
 */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const unis = await createOperator(ctx.db);
const owner = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const outsider = await signedIn(ctx, 'coordinator', { operatorId: unis.id });
const admin = await signedIn(ctx, 'admin');
const candidate = await signedIn(ctx, 'candidate');
const token = owner.accessToken;

const host = await createStructure(ctx.db, { operatorId: ligue.id, kind: 'proximity', communeCode: '62215' });
const partner = await createStructure(ctx.db, { operatorId: ligue.id, kind: 'first_circle' });
const otherHost = await createStructure(ctx.db, { operatorId: ligue.id, kind: 'proximity' });
const strangerMember = await signedIn(ctx, 'structure_member', { structureId: (await createStructure(ctx.db, { operatorId: unis.id })).id });

const programme = (await ctx.call('POST', '/programmes', { token, body: { name: 'Parcours', theme: 'culture-loisirs' } })).json();
const editionBody = { label: 'Édition', startsOn: '2018-11-01', endsOn: '2019-06-30', plannedVolunteers: 20, epciCodes: ['246200299'] };
const edition = (await ctx.call('POST', `/programmes/${programme.id}/editions`, { token, body: editionBody })).json();
const partnership = (
  await ctx.call('POST', `/editions/${edition.id}/partnerships`, { token, body: { proximityStructureId: host.id, firstCircleStructureId: partner.id } })
).json();
const missionBody = { hostStructureId: host.id, title: 'Mission', startsOn: '2018-11-05', durationMonths: 8, weeklyHours: 24 };
const mission = (await ctx.call('POST', `/editions/${edition.id}/missions`, { token, body: missionBody })).json();
const invitation = (
  await ctx.call('POST', '/invitations', { token, body: { role: 'structure_member', structureId: host.id, email: 'invitee@example.fr' } })
).json();
const invitationEmail = await ctx.db.selectFrom('outbox').select('id').where('to_address', '=', 'invitee@example.fr').executeTakeFirstOrThrow();
const published = await createMission(ctx.db, { operatorId: ligue.id, hostId: host.id });
// In the operator's pool: invited to the forums of `edition`, where they did not apply.
const applicant = await signedInCandidate(ctx, { stayInPool: true });
const application = await createApplication(ctx.db, { missionId: published.id, candidateId: applicant.user.id });

const forum = (
  await ctx.call('POST', `/editions/${edition.id}/forums`, {
    token,
    body: { title: 'Forum', communeCode: '62498', heldOn: '2018-10-17', startsAt: '14:00', endsAt: '17:00' },
  })
).json();
await ctx.call('PUT', `/forums/${forum.id}/structures/${host.id}`, { token, body: { tables: 1 } });
await ctx.call('POST', `/forums/${forum.id}/candidates`, { token, body: { candidateId: applicant.user.id } });
const meetingRequest = (await ctx.call('POST', `/forums/${forum.id}/requests`, { token, body: { candidateId: applicant.user.id, structureId: host.id } })).json();
// A second forum, scheduled, for the routes of the day (the first one stays in planning).
const dayForum = (
  await ctx.call('POST', `/editions/${edition.id}/forums`, {
    token,
    body: { title: 'Forum du jour', communeCode: '62498', heldOn: '2018-10-17', startsAt: '14:00', endsAt: '17:00' },
  })
).json();
await ctx.call('PUT', `/forums/${dayForum.id}/structures/${host.id}`, { token, body: { tables: 1 } });
await ctx.call('POST', `/forums/${dayForum.id}/candidates`, { token, body: { candidateId: applicant.user.id } });
await ctx.call('POST', `/forums/${dayForum.id}/requests`, { token, body: { candidateId: applicant.user.id, structureId: host.id } });
const dayGrid = (await ctx.call('POST', `/forums/${dayForum.id}/schedule`, { token })).json();
const meeting = dayGrid.meetings[0];

// A binôme on the published mission (its host has a tutor), its placement, and a placement run.
await signedIn(ctx, 'structure_member', { structureId: host.id });
const pair = [await signedInCandidate(ctx), await signedInCandidate(ctx)];
for (const v of pair) await createApplication(ctx.db, { missionId: published.id, candidateId: v.user.id, status: 'shortlisted' });
const binome = (
  await ctx.call('POST', `/editions/${published.edition_id}/binomes`, { token, body: { missionId: published.id, candidateIds: pair.map((v) => v.user.id) } })
).json();
const placementRun = (await ctx.call('POST', `/editions/${published.edition_id}/placement-runs`, { token, body: { mode: 'optimal' } })).json();
// An information meeting of the owner's edition (issue 16).
const infoSessionBody = { day: '2030-10-17', startsAt: '14:00', endsAt: '16:00', venue: 'Médiathèque', communeCode: '62498', capacity: 10 };
const infoSession = (await ctx.call('POST', `/editions/${edition.id}/info-sessions`, { token, body: infoSessionBody })).json();

// A mediation project of the binôme (written straight: the binôme is only proposed here) and an outing of it.
const project = await ctx.db
  .insertInto('mediation_projects')
  .values({ binome_id: binome.id, edition_id: published.edition_id, title: 'Projet', aim: 'But', status: 'validated', created_by: owner.user.id })
  .returning('id')
  .executeTakeFirstOrThrow();
const outing = await ctx.db
  .insertInto('outings')
  .values({ project_id: project.id, starts_at: new Date('2027-03-10T13:00:00Z'), ends_at: new Date('2027-03-10T16:00:00Z'), venue_structure_id: partner.id, what_kind: 'show', what_title: 'Spectacle', transport: 'on_foot', created_by: owner.user.id })
  .returning('id')
  .executeTakeFirstOrThrow();
const outingBody = { startsAt: '2027-03-11T13:00:00Z', endsAt: '2027-03-11T15:00:00Z', venueStructureId: partner.id, whatKind: 'show', whatTitle: 'Intruder', transport: 'on_foot', groups: [], volunteerIds: [pair[0]!.user.id] };

interface Call {
  id: string;
  /** The other ids of the path ({structureId}…). */
  params?: Record<string, string>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Whether the object's owner may read it with this call (checked, so that a 404 means something). */
  ownerReads?: boolean;
}

const calls: Record<string, Call> = {
  'DELETE /invitations/{id}': { id: invitation.id },
  // The invitation's e-mail: an admin's alone, whoever's operator it concerns.
  'POST /admin/outbox/{id}/retry': { id: invitationEmail.id },
  'GET /operators/{id}': { id: ligue.id, ownerReads: true },
  'PATCH /operators/{id}': { id: ligue.id, body: { department: '59' } },
  'GET /structures/{id}': { id: host.id, ownerReads: true },
  'PATCH /structures/{id}': { id: host.id, body: { address: 'taken over' }, headers: { 'if-match': '"1"' } },
  'GET /structures/{id}/members': { id: host.id, ownerReads: true },
  'GET /programmes/{id}': { id: programme.id, ownerReads: true },
  'PATCH /programmes/{id}': { id: programme.id, body: { description: 'taken over' } },
  'GET /programmes/{id}/editions': { id: programme.id, ownerReads: true },
  'POST /programmes/{id}/editions': { id: programme.id, body: { ...editionBody, label: 'Intruder' } },
  'GET /editions/{id}': { id: edition.id, ownerReads: true },
  'PATCH /editions/{id}': { id: edition.id, body: { plannedVolunteers: 3 } },
  'POST /editions/{id}/transitions': { id: edition.id, body: { to: 'recruiting' } },
  'GET /editions/{id}/partnerships': { id: edition.id, ownerReads: true },
  'POST /editions/{id}/partnerships': { id: edition.id, body: { proximityStructureId: otherHost.id, firstCircleStructureId: partner.id } },
  'DELETE /partnerships/{id}': { id: partnership.id },
  'GET /editions/{id}/missions': { id: edition.id, ownerReads: true },
  'POST /editions/{id}/missions': { id: edition.id, body: { ...missionBody, title: 'Intruder' } },
  'GET /missions/{id}': { id: mission.id, ownerReads: true },
  'PATCH /missions/{id}': { id: mission.id, body: { places: 3 }, headers: { 'if-match': '"1"' } },
  'POST /missions/{id}/transitions': { id: mission.id, body: { to: 'published' } },
  'POST /missions/{id}/submit': { id: mission.id },
  'GET /missions/{id}/eligibility': { id: mission.id },
  'POST /missions/{id}/applications': { id: mission.id, body: { motivation: 'Intruder' } },
  'GET /applications/{id}': { id: application.id, ownerReads: true },
  'GET /applications/{id}/history': { id: application.id, ownerReads: true },
  'POST /applications/{id}/transitions': { id: application.id, body: { to: 'in_review' }, headers: { 'if-match': '"1"' } },
  'POST /applications/{id}/withdraw': { id: application.id },
  'POST /applications/{id}/accept': { id: application.id },
  'POST /applications/{id}/decline': { id: application.id },
  'POST /applications/{id}/notes': { id: application.id, body: { body: 'Intruder', rating: 1 } },
  'GET /applications/{id}/notes': { id: application.id, ownerReads: true },
  'GET /structures/{id}/applications': { id: host.id, ownerReads: true },
  'GET /structures/{id}/applications.csv': { id: host.id, ownerReads: true },
  'GET /editions/{id}/applications': { id: published.edition_id, ownerReads: true },
  'GET /editions/{id}/applications.csv': { id: published.edition_id, ownerReads: true },
  'POST /editions/{id}/forums': { id: edition.id, body: { title: 'Intruder', communeCode: '62498', heldOn: '2018-10-17', startsAt: '14:00', endsAt: '17:00' } },
  'GET /editions/{id}/forums': { id: edition.id, ownerReads: true },
  'GET /forums/{id}': { id: forum.id, ownerReads: true },
  'PATCH /forums/{id}': { id: forum.id, body: { venue: 'taken over' }, headers: { 'if-match': '"1"' } },
  'POST /forums/{id}/transitions': { id: forum.id, body: { to: 'closed' } },
  'GET /forums/{id}/structures': { id: forum.id, ownerReads: true },
  'PUT /forums/{id}/structures/{structureId}': { id: forum.id, params: { structureId: otherHost.id }, body: { tables: 3 } },
  'DELETE /forums/{id}/structures/{structureId}': { id: forum.id, params: { structureId: host.id } },
  'GET /forums/{id}/candidates': { id: forum.id, ownerReads: true },
  'POST /forums/{id}/candidates': { id: forum.id, body: { candidateId: candidate.user.id } },
  'GET /forums/{id}/invitable': { id: forum.id, ownerReads: true },
  'POST /forums/{id}/candidates/invite-shortlisted': { id: forum.id },
  'DELETE /forums/{id}/candidates/{candidateId}': { id: forum.id, params: { candidateId: applicant.user.id } },
  'PATCH /forums/{id}/candidates/{candidateId}': { id: forum.id, params: { candidateId: applicant.user.id }, body: { arrivesAt: '14:30' } },
  'GET /forums/{id}/requests': { id: forum.id, ownerReads: true },
  'POST /forums/{id}/requests': { id: forum.id, body: { candidateId: applicant.user.id, structureId: host.id, priority: 3 } },
  'DELETE /forums/{id}/requests/{requestId}': { id: forum.id, params: { requestId: meetingRequest.id } },
  'POST /forums/{id}/schedule': { id: dayForum.id },
  'GET /forums/{id}/schedule': { id: dayForum.id, ownerReads: true },
  'GET /forums/{id}/schedule.html': { id: dayForum.id, ownerReads: true },
  'GET /forums/{id}/agendas/structures/{structureId}': { id: dayForum.id, params: { structureId: host.id }, ownerReads: true },
  'GET /forums/{id}/agendas/structures/{structureId}/calendar.ics': { id: dayForum.id, params: { structureId: host.id }, ownerReads: true },
  'GET /forums/{id}/agendas/candidates/{candidateId}': { id: dayForum.id, params: { candidateId: applicant.user.id }, ownerReads: true },
  'GET /forums/{id}/agendas/candidates/{candidateId}/calendar.ics': { id: dayForum.id, params: { candidateId: applicant.user.id }, ownerReads: true },
  'POST /forums/{id}/attendance': { id: dayForum.id, body: { candidateId: applicant.user.id, status: 'absent' } },
  'POST /forums/{id}/schedule/repair': { id: dayForum.id, body: { fromRound: 1 } },
  'PUT /meetings/{id}/evaluation': { id: meeting.id, body: { interest: 1 } },
  'GET /forums/{id}/evaluations': { id: dayForum.id, ownerReads: true },
  'POST /editions/{id}/placement-runs': { id: published.edition_id, body: { mode: 'optimal' } },
  'GET /editions/{id}/placement-runs': { id: published.edition_id, ownerReads: true },
  'GET /placement-runs/{id}': { id: placementRun.id, ownerReads: true },
  'POST /placement-runs/{id}/apply': { id: placementRun.id },
  'GET /editions/{id}/binomes': { id: published.edition_id, ownerReads: true },
  'POST /editions/{id}/binomes': { id: published.edition_id, body: { missionId: published.id, candidateIds: pair.map((v) => v.user.id) } },
  'GET /binomes/{id}': { id: binome.id, ownerReads: true },
  'POST /binomes/{id}/swap': { id: binome.id, body: { out: pair[0]!.user.id, in: applicant.user.id } },
  'POST /binomes/{id}/dissolve': { id: binome.id, body: { reason: 'Intruder' } },
  'PUT /binomes/{id}/members/{candidateId}/parental-consent': { id: binome.id, params: { candidateId: pair[0]!.user.id }, body: { signedBy: 'Intruder', signedOn: '2027-01-01' } },
  'GET /placements/{id}/sheet': { id: binome.placementId, ownerReads: true },
  'GET /editions/{id}/placements.csv': { id: published.edition_id, ownerReads: true },
  'GET /editions/{id}/report': { id: edition.id, ownerReads: true },
  'GET /editions/{id}/report.csv': { id: edition.id, ownerReads: true },
  'GET /editions/{id}/info-sessions': { id: edition.id, ownerReads: true },
  'POST /editions/{id}/info-sessions': { id: edition.id, body: infoSessionBody },
  'PUT /info-sessions/{id}': { id: infoSession.id, body: { ...infoSessionBody, venue: 'taken over' } },
  'POST /info-sessions/{id}/cancel': { id: infoSession.id },
  'GET /info-sessions/{id}/registrations': { id: infoSession.id, ownerReads: true },
  'PUT /info-sessions/{id}/attendance': { id: infoSession.id, body: { attendance: [{ registrationId: infoSession.id, attended: true }] } },
  'PATCH /placements/{id}/tutors': { id: binome.placementId, body: { operatorTutorId: outsider.user.id }, headers: { 'if-match': '"1"' } },
  // The volunteers' follow-up (issue 16).
  'GET /binomes/{id}/follow-up': { id: binome.id, ownerReads: true },
  'PUT /binomes/{id}/volunteers/{candidateId}/trainings/{kind}': { id: binome.id, params: { candidateId: pair[0]!.user.id, kind: 'fcc' }, body: { startsOn: '2018-12-01', endsOn: '2018-12-02' } },
  'GET /binomes/{id}/checkins': { id: binome.id, ownerReads: true },
  'POST /binomes/{id}/checkins': { id: binome.id, body: { heldOn: '2018-12-01', note: 'Intruder' } },
  'POST /binomes/{id}/volunteers/{candidateId}/early-end': { id: binome.id, params: { candidateId: pair[0]!.user.id }, body: { endsOn: '2018-12-01', askedBy: 'volunteer', reason: 'other' } },
  'GET /binomes/{id}/volunteers/{candidateId}/certificate': { id: binome.id, params: { candidateId: pair[0]!.user.id }, ownerReads: true },
  // Mediation projects and outings (issue 16).
  'GET /binomes/{id}/projects': { id: binome.id, ownerReads: true },
  'POST /binomes/{id}/projects': { id: binome.id, body: { title: 'Intruder', aim: 'Intruder' } },
  'GET /projects/{id}': { id: project.id, ownerReads: true },
  'PATCH /projects/{id}': { id: project.id, body: { title: 'Intruder' }, headers: { 'if-match': '"1"' } },
  'POST /projects/{id}/submit': { id: project.id },
  'POST /projects/{id}/return': { id: project.id, body: { reason: 'Intruder' } },
  'POST /projects/{id}/validate': { id: project.id },
  'POST /projects/{id}/start': { id: project.id },
  'POST /projects/{id}/finish': { id: project.id },
  'POST /projects/{id}/abandon': { id: project.id, body: { reason: 'Intruder' } },
  'GET /projects/{id}/comments': { id: project.id, ownerReads: true },
  'POST /projects/{id}/comments': { id: project.id, body: { body: 'Intruder' } },
  'GET /projects/{id}/outings': { id: project.id, ownerReads: true },
  'POST /projects/{id}/outings': { id: project.id, body: outingBody },
  'GET /outings/{id}': { id: outing.id, ownerReads: true },
  'PUT /outings/{id}/attendance': { id: outing.id, body: { groups: [] } },
  'POST /outings/{id}/cancel': { id: outing.id },
};
// Public by design: official territory data, and the invitation accepted by its token holder.
// Information meetings: anyone reads a recruiting edition's meeting and registers to it.
const publicRoutes = new Set(['GET /communes/{code}', 'GET /epcis/{code}', 'POST /invitations/{token}/accept', 'GET /info-sessions/{id}', 'POST /info-sessions/{id}/registrations']);

t.test('every route with an id is covered here', async (t) => {
  const doc = (await ctx.call('GET', '/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
  const withIds = Object.entries(doc.paths)
    .filter(([path]) => path.includes('{'))
    .flatMap(([path, item]) => Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
    .filter((route) => !publicRoutes.has(route));
  t.same(withIds.filter((route) => !(route in calls)), [], 'routes missing from this test: add each to `calls` with a real id of the owner’s');
  t.same(Object.keys(calls).filter((route) => !withIds.includes(route)), [], 'routes of this test that the API no longer has');
});

const call = (route: string, c: Call, as: string | undefined) => {
  const [method, path] = route.split(' ') as [string, string];
  const url = Object.entries(c.params ?? {}).reduce((p, [name, value]) => p.replace(`{${name}}`, value), path.replace('{id}', c.id));
  return ctx.call(method as 'GET', url, { ...(as ? { token: as } : {}), ...(c.body ? { body: c.body } : {}), ...(c.headers ? { headers: c.headers } : {}) });
};

t.test('the owner reads each object: the refusals below are about who asks, not a wrong id', async (t) => {
  for (const [route, c] of Object.entries(calls).filter(([, c]) => c.ownerReads)) {
    t.equal((await call(route, c, token)).statusCode, 200, route);
  }
});

for (const [who, as, allowed] of [
  ['a coordinator of another operator', outsider.accessToken, [403, 404]],
  ['a member of another operator’s structure', strangerMember.accessToken, [403, 404]],
  ['a candidate', candidate.accessToken, [403, 404]],
  ['nobody', undefined, [401, 404]],
] as const) {
  t.test(`${who} reaches none of them`, async (t) => {
    for (const [route, c] of Object.entries(calls)) {
      const res = await call(route, c, as);
      t.ok((allowed as readonly number[]).includes(res.statusCode), `${route}: ${res.statusCode}`);
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      t.notOk(res.body.includes(c.id) && res.statusCode < 400, 'no content of the object');
    }
  });
}

/**
 * The body of a refusal with the object's id taken out: what a caller learns from it. `instance`
 * (the path) and `requestId` differ from call to call by construction.
 */
const refusal = (res: { statusCode: number; body: string; headers: Record<string, unknown> }, id: string) => {
  let parsed: unknown = res.body;
  try {
    const { instance: _instance, requestId: _requestId, ...rest } = JSON.parse(res.body) as Record<string, unknown>;
    parsed = rest;
  } catch {
    // Not JSON (a page, a calendar): compared as it is.
  }
  return { status: res.statusCode, contentType: res.headers['content-type'], body: JSON.parse(JSON.stringify(parsed).replaceAll(id, '{id}')) as unknown };
};

// An object of another tenant and an id that names nothing must get the same answer: otherwise
// the answer tells whether the object exists (an existence oracle), whatever the method.
for (const [who, as] of [
  ['a coordinator of another operator', outsider.accessToken],
  ['a member of another operator’s structure', strangerMember.accessToken],
  ['a candidate', candidate.accessToken],
  ['nobody', undefined],
] as const) {
  t.test(`${who} cannot tell another tenant’s object from an unknown id`, async (t) => {
    for (const [route, c] of Object.entries(calls)) {
      const unknown = randomUUID();
      const real = refusal(await call(route, c, as), c.id);
      const none = refusal(await call(route, { ...c, id: unknown }, as), unknown);
      t.same(real, none, `${route}: ${real.status} ${JSON.stringify(real.body)}`);
    }
  });
}

t.test('nothing changed', async (t) => {
  t.equal((await ctx.call('GET', `/structures/${host.id}`, { token })).json().version, 1);
  t.equal((await ctx.call('GET', `/programmes/${programme.id}`, { token })).json().description, '');
  const e = (await ctx.call('GET', `/editions/${edition.id}`, { token })).json();
  t.match(e, { status: 'planning', plannedVolunteers: 20 });
  t.match((await ctx.call('GET', `/missions/${mission.id}`, { token })).json(), { status: 'draft', places: 2, version: 1 });
  t.equal((await ctx.call('GET', `/editions/${edition.id}/partnerships`, { token })).json().items.length, 1);
  t.equal((await ctx.call('GET', `/editions/${edition.id}/missions`, { token })).json().items.length, 1);
  t.equal((await ctx.call('GET', `/programmes/${programme.id}/editions`, { token })).json().items.length, 1);
  t.equal((await ctx.call('GET', '/invitations?status=pending', { token })).json().items.length, 1);
  t.equal((await ctx.call('GET', `/operators/${ligue.id}`, { token: admin.accessToken })).json().department, null);
  t.match((await ctx.call('GET', `/applications/${application.id}`, { token })).json(), { status: 'submitted', version: 1, rating: null });
  t.equal((await ctx.call('GET', `/applications/${application.id}/notes`, { token })).json().items.length, 0);
  t.equal((await ctx.db.selectFrom('applications').select('id').where('mission_id', '=', mission.id).execute()).length, 0);
  t.match((await ctx.call('GET', `/forums/${forum.id}`, { token })).json(), { status: 'planning', venue: '', version: 1 });
  t.match((await ctx.call('GET', `/binomes/${binome.id}`, { token })).json(), { status: 'proposed', version: 1, members: [{ candidateId: pair[0]!.user.id }, {}] });
  t.equal((await ctx.call('GET', `/placement-runs/${placementRun.id}`, { token })).json().appliedAt, null);
  t.equal((await ctx.call('GET', `/placements/${binome.placementId}/sheet`, { token })).json().version, 1);
  for (const table of ['volunteer_trainings', 'tutor_checkins', 'early_ends'] as const) t.equal((await ctx.db.selectFrom(table).select('binome_id').execute()).length, 0, `no ${table}`);
  t.equal((await ctx.call('GET', `/editions/${published.edition_id}/placement-runs`, { token })).json().items.length, 1);
  t.same((await ctx.call('GET', `/forums/${forum.id}/structures`, { token })).json().items.map((s: { tables: number }) => s.tables), [1]);
  t.equal((await ctx.call('GET', `/forums/${forum.id}/candidates`, { token })).json().items.length, 1);
  t.match((await ctx.call('GET', `/forums/${forum.id}/requests`, { token })).json().items, [{ priority: 0 }]);
  const day = (await ctx.call('GET', `/forums/${dayForum.id}/schedule`, { token })).json();
  t.equal(day.version, 1, 'no new schedule version');
  t.equal((await ctx.call('GET', `/forums/${dayForum.id}/candidates`, { token })).json().items[0].attendance, 'expected');
  t.equal((await ctx.call('GET', `/forums/${dayForum.id}/evaluations`, { token })).json().items.length, 0);
});
