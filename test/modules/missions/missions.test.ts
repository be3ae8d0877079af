import t from 'tap';
import { setup } from '../../helpers/app.js';
import { refusedBy, rolledBack } from '../../helpers/database.js';
import { createOperator, createStructure, loggedMoves, signedIn } from '../../helpers/factories.js';

/** Missions: drafts by structures, rules of service civique, the workflow, who sees what. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const unis = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const rival = await signedIn(ctx, 'coordinator', { operatorId: unis.id });
const token = coordinator.accessToken;

const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity', communeCode: '62215' });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel d’Harnes', kind: 'proximity', communeCode: '62413' });
const cultureCommune = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Culture Commune', kind: 'first_circle', communeCode: '62528' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre-Lens', kind: 'first_circle' });
const ehpad = await createStructure(ctx.db, { operatorId: ligue.id, name: 'EHPAD de Carvin', kind: 'public_partner', communeCode: '62215' });
const accredited = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Accredited town', kind: 'proximity' });
await ctx.db.updateTable('structures').set({ accredited: true }).where('id', '=', accredited.id).execute();

const carvinMember = await signedIn(ctx, 'structure_member', { structureId: carvin.id });
const harnesMember = await signedIn(ctx, 'structure_member', { structureId: harnes.id });
const candidate = await signedIn(ctx, 'candidate');

const programme = (await ctx.call('POST', '/programmes', { token, body: { name: 'Parcours', theme: 'culture-loisirs' } })).json();
const edition = (
  await ctx.call('POST', `/programmes/${programme.id}/editions`, {
    token,
    body: { label: 'Édition 2', startsOn: '2018-11-01', endsOn: '2019-06-30', plannedVolunteers: 20, epciCodes: ['246200299'] },
  })
).json();
await ctx.call('POST', `/editions/${edition.id}/partnerships`, { token, body: { proximityStructureId: carvin.id, firstCircleStructureId: cultureCommune.id } });

const mission = {
  title: 'Groupe de spectateurs à Carvin',
  description: 'Accompagner un groupe mêlant EHPAD, Maison des Solidarités et conseil des jeunes aux spectacles de Culture Commune.',
  startsOn: '2018-11-05',
  durationMonths: 8,
  weeklyHours: 24,
};
const draft = (body: Record<string, unknown>, as = token) => ctx.call('POST', `/editions/${edition.id}/missions`, { token: as, body });

let missionId = '';

t.test('a structure member drafts a mission of their structure; the partner comes from the partnership', async (t) => {
  const res = await draft(mission, carvinMember.accessToken);
  t.equal(res.statusCode, 201);
  t.match(res.json(), {
    host: { id: carvin.id, name: 'Service Culturel de Carvin' },
    firstCircle: { id: cultureCommune.id, name: 'Culture Commune' },
    theme: 'culture-loisirs',
    places: 2,
    commune: { code: '62215', name: 'Carvin' },
    status: 'draft',
    startsOn: '2018-11-05',
    endsOn: '2019-07-04',
    version: 1,
  });
  t.equal(res.headers.etag, '"1"');
  missionId = res.json().id;
  t.equal((await draft({ ...mission, hostStructureId: harnes.id }, carvinMember.accessToken)).statusCode, 403, 'not for another structure');
});

t.test('the rules of service civique, each named', async (t) => {
  const cases: [Record<string, unknown>, string][] = [
    [{ durationMonths: 5 }, 'duration'],
    [{ durationMonths: 13 }, 'duration'],
    [{ weeklyHours: 20 }, 'weekly-hours'],
    [{ weeklyHours: 49 }, 'weekly-hours'],
    [{ openToMinors: true, weeklyHours: 36 }, 'minor-hours'],
    [{ daysPerWeek: 7 }, 'weekly-hours'],
    [{ openToMinors: true, weeklyHours: 30, daysPerWeek: 6 }, 'minor-hours'],
    [{ openToMinors: true, weeklyHours: 30, daysPerWeek: 4 }, 'minor-hours'],
  ];
  for (const [change, rule] of cases) {
    const res = await draft({ ...mission, hostStructureId: carvin.id, ...change });
    t.equal(res.statusCode, 422, JSON.stringify(change));
    t.equal(res.json().rule, rule);
    t.equal(res.json().field, Object.keys(change).at(-1) === 'openToMinors' ? 'weeklyHours' : Object.keys(change).at(-1));
  }
  const derogation = await draft({ ...mission, hostStructureId: carvin.id, weeklyHours: 20, weeklyHoursDerogation: 'Mission partagée avec un temps de formation' });
  t.equal(derogation.statusCode, 201, '20 hours with a recorded derogation');
  const minors = await draft({ ...mission, hostStructureId: carvin.id, openToMinors: true, weeklyHours: 35 });
  t.equal(minors.statusCode, 201);
  const intermediation = await draft({ ...mission, hostStructureId: accredited.id, firstCircleStructureId: louvre.id });
  t.equal(intermediation.statusCode, 422);
  t.equal(intermediation.json().rule, 'intermediation');
});

t.test('bad hosts, partners, communes and dates name their field; nothing is written', async (t) => {
  const before = await ctx.db.selectFrom('missions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const cases: [Record<string, unknown>, string][] = [
    [{ hostStructureId: ehpad.id, firstCircleStructureId: louvre.id }, 'hostStructureId'],
    [{ hostStructureId: cultureCommune.id }, 'hostStructureId'],
    [{ hostStructureId: harnes.id }, 'firstCircleStructureId'],
    [{ hostStructureId: carvin.id, firstCircleStructureId: louvre.id }, 'firstCircleStructureId'],
    [{ hostStructureId: harnes.id, firstCircleStructureId: harnes.id }, 'firstCircleStructureId'],
    [{ hostStructureId: carvin.id, communeCode: '62999' }, 'communeCode'],
    [{ hostStructureId: carvin.id, startsOn: '2019-07-01' }, 'startsOn'],
    [{ hostStructureId: carvin.id, startsOn: '2018-10-31' }, 'startsOn'],
  ];
  for (const [change, path] of cases) {
    const res = await draft({ ...mission, ...change });
    t.equal(res.statusCode, 422, JSON.stringify(change));
    t.match(res.json().errors, [{ path }]);
  }
  t.equal((await draft({ ...mission, hostStructureId: harnes.id, firstCircleStructureId: louvre.id })).statusCode, 201, 'no partnership: the named partner');
  t.equal((await draft({ ...mission, status: 'published', hostStructureId: carvin.id })).statusCode, 400, 'status is not set by a body');
  t.equal((await draft(mission, rival.accessToken)).statusCode, 404);
  t.equal((await draft(mission, candidate.accessToken)).statusCode, 403);
  const after = await ctx.db.selectFrom('missions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(after.n), Number(before.n) + 1, 'only the valid one was written');
});

t.test('a draft is seen by its editors only; a published mission by anyone', async (t) => {
  t.equal((await ctx.call('GET', `/missions/${missionId}`)).statusCode, 404, 'anonymous');
  t.equal((await ctx.call('GET', `/missions/${missionId}`, { token: candidate.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/missions/${missionId}`, { token: rival.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/missions/${missionId}`, { token: harnesMember.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/missions/${missionId}`, { token: carvinMember.accessToken })).statusCode, 200);
  t.equal((await ctx.call('GET', `/missions/${missionId}`, { token })).statusCode, 200);
  t.equal((await ctx.call('GET', `/missions/${missionId}`, { headers: { authorization: 'Bearer forged' } })).statusCode, 401, 'a bad token is not anonymous');

  t.equal((await ctx.call('POST', `/missions/${missionId}/transitions`, { token: carvinMember.accessToken, body: { to: 'published' } })).statusCode, 403, 'members do not publish');
  const published = await ctx.call('POST', `/missions/${missionId}/transitions`, { token, body: { to: 'published' } });
  t.equal(published.statusCode, 200);
  t.equal(published.json().status, 'published');
  t.ok(published.json().publishedAt);
  const anonymous = await ctx.call('GET', `/missions/${missionId}`);
  t.equal(anonymous.statusCode, 200);
  t.equal(anonymous.json().title, mission.title);
});

t.test('editing: the host’s draft for members, everything but closed for coordinators, with If-Match', async (t) => {
  const current = (await ctx.call('GET', `/missions/${missionId}`, { token })).json();
  const byMember = await ctx.call('PATCH', `/missions/${missionId}`, { token: carvinMember.accessToken, body: { places: 4 }, headers: { 'if-match': `"${current.version}"` } });
  t.equal(byMember.statusCode, 409, 'published: no longer the member’s to change');
  const ok = await ctx.call('PATCH', `/missions/${missionId}`, { token, body: { places: 4 }, headers: { 'if-match': `"${current.version}"` } });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().places, 4);
  const stale = await ctx.call('PATCH', `/missions/${missionId}`, { token, body: { places: 6 }, headers: { 'if-match': `"${current.version}"` } });
  t.equal(stale.statusCode, 412);
  const rule = await ctx.call('PATCH', `/missions/${missionId}`, { token, body: { durationMonths: 13 }, headers: { 'if-match': `"${ok.json().version}"` } });
  t.equal(rule.json().rule, 'duration');
  const dropDerogation = await ctx.call('PATCH', `/missions/${missionId}`, { token, body: { weeklyHours: 20 }, headers: { 'if-match': `"${ok.json().version}"` } });
  t.equal(dropDerogation.json().rule, 'weekly-hours');
});

t.test('the workflow table decides the moves', async (t) => {
  const move = (to: string) => ctx.call('POST', `/missions/${missionId}/transitions`, { token, body: { to } });
  t.equal((await move('filled')).json().status, 'filled');
  const back = await move('draft');
  t.equal(back.statusCode, 409);
  t.match(back.json(), { currentState: 'filled', possible: ['published', 'closed'] });
  t.equal((await move('published')).json().status, 'published', 'reopened');
  t.equal((await move('closed')).json().status, 'closed');
  t.equal((await ctx.call('GET', `/missions/${missionId}`)).statusCode, 404, 'a closed mission is no longer public');
  t.equal((await move('published')).statusCode, 409);
  const actions = await ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', missionId).orderBy('id').execute();
  t.same(actions.map((a) => a.action), ['mission.created', 'mission.updated'], 'the audit keeps what is not a status change');
  t.same(await loggedMoves(ctx.db, 'mission', missionId), [
    'draft → published (publish) by coordinator',
    'published → filled (fill) by coordinator',
    'filled → published (reopen) by coordinator',
    'published → closed (close) by coordinator',
  ]);
});

t.test('lists of an edition’s missions follow the scope', async (t) => {
  const all = await ctx.call('GET', `/editions/${edition.id}/missions?limit=100`, { token });
  t.ok(all.json().items.length >= 4);
  const mine = await ctx.call('GET', `/editions/${edition.id}/missions?limit=100`, { token: harnesMember.accessToken });
  t.ok(mine.json().items.every((m: { host: { id: string } }) => m.host.id === harnes.id));
  const drafts = await ctx.call('GET', `/editions/${edition.id}/missions?status=draft&limit=100`, { token });
  t.ok(drafts.json().items.every((m: { status: string }) => m.status === 'draft'));
  t.equal((await ctx.call('GET', `/editions/${edition.id}/missions`, { token: rival.accessToken })).statusCode, 404);
});

t.test('the database refuses rule-breaking rows even without the service', async (t) => {
  // A valid mission; each refused row differs from it in the offending value only.
  const row = {
    edition_id: edition.id,
    host_structure_id: carvin.id,
    first_circle_structure_id: cultureCommune.id,
    title: 'Direct',
    theme: 'culture-loisirs' as const,
    starts_on: '2018-11-05',
    duration_months: 6,
    weekly_hours: 24,
    commune_code: '62215',
    created_by: coordinator.user.id,
  };
  type Change = Partial<typeof row> & { days_per_week?: number; open_to_minors?: boolean };
  const insert = (change: Change) => ctx.db.insertInto('missions').values({ ...row, ...change }).execute();
  // Each refusal is pinned to its constraint and set beside a row with a lawful value instead, which
  // the database accepts (rolled back): the refusal comes from the rule, not from a broken row.
  const accepted = (change: Change, message: string) =>
    t.resolves(rolledBack(ctx.db, (trx) => trx.insertInto('missions').values({ ...row, ...change }).execute()), message);
  await t.rejects(insert({ duration_months: 13 }), refusedBy('23514', 'missions_duration_months_check'), 'duration');
  await accepted({ duration_months: 12 }, 'a 12-month mission');
  await t.rejects(insert({ weekly_hours: 20 }), refusedBy('23514', 'missions_weekly_hours'), 'weekly hours');
  await accepted({ weekly_hours: 24 }, '24 hours a week');
  await t.rejects(insert({ weekly_hours: 40, open_to_minors: true }), refusedBy('23514', 'missions_minor_hours'), 'minors');
  await accepted({ weekly_hours: 35, open_to_minors: true }, 'minors at 35 hours a week');
  await t.rejects(insert({ days_per_week: 7 }), refusedBy('23514', 'missions_days_per_week_check'), 'seven days');
  await accepted({ days_per_week: 6 }, 'six days');
  await t.rejects(
    insert({ weekly_hours: 30, days_per_week: 4, open_to_minors: true }),
    refusedBy('23514', 'missions_minor_hours'),
    'minors over 7 hours a day',
  );
  await accepted({ weekly_hours: 28, days_per_week: 4, open_to_minors: true }, 'minors at 7 hours a day');
  await t.rejects(insert({ host_structure_id: ehpad.id }), refusedBy('23503', 'missions_host_fkey'), 'a public partner as host');
  await accepted({ host_structure_id: carvin.id }, 'a proximity structure as host');
});

t.test('review fixes: partners see no drafts, members move nothing, dates stay in this era', async (t) => {
  const partnerMember = await signedIn(ctx, 'structure_member', { structureId: cultureCommune.id });
  const fresh = (await draft({ ...mission, hostStructureId: carvin.id })).json();
  t.equal((await ctx.call('GET', `/missions/${fresh.id}`, { token: partnerMember.accessToken })).statusCode, 404, 'a draft is not the partner’s to see');
  const partnerList = await ctx.call('GET', `/editions/${edition.id}/missions?status=draft&limit=100`, { token: partnerMember.accessToken });
  t.same(partnerList.json().items, []);
  const move = await ctx.call('POST', `/missions/${fresh.id}/transitions`, { token: carvinMember.accessToken, body: { to: 'draft' } });
  t.equal(move.statusCode, 403, 'a member moves nothing, whatever the state');
  await ctx.call('POST', `/missions/${fresh.id}/transitions`, { token, body: { to: 'published' } });
  t.equal((await ctx.call('GET', `/missions/${fresh.id}`, { token: partnerMember.accessToken })).statusCode, 200, 'published: the partner sees it');
  for (const startsOn of ['0000-01-01', '9999-12-01']) {
    const res = await draft({ ...mission, hostStructureId: carvin.id, startsOn });
    t.equal(res.statusCode, 400, startsOn);
    t.match(res.json().errors, [{ path: 'startsOn' }]);
  }
  t.equal((await ctx.call('GET', '/missions?startsAfter=0000-01-01')).statusCode, 400);
});

t.test('review fixes: an edition’s dates keep its missions inside; publishing re-checks the host', async (t) => {
  const moved = await ctx.call('PATCH', `/editions/${edition.id}`, { token, body: { startsOn: '2018-12-01' } });
  t.equal(moved.statusCode, 422, 'open missions start on 2018-11-05');
  t.match(moved.json().errors, [{ path: 'startsOn' }]);
  const host = await createStructure(ctx.db, { operatorId: ligue.id, kind: 'proximity', communeCode: '62215' });
  const m = (await draft({ ...mission, hostStructureId: host.id, firstCircleStructureId: louvre.id })).json();
  await ctx.db.updateTable('structures').set({ accredited: true }).where('id', '=', host.id).execute();
  const publish = await ctx.call('POST', `/missions/${m.id}/transitions`, { token, body: { to: 'published' } });
  t.equal(publish.statusCode, 422);
  t.equal(publish.json().rule, 'intermediation');
});

t.test('a member of the host submits a draft for publication; any status move ends the submission', async (t) => {
  const created = (await draft({ ...mission, title: 'Une mission à soumettre' }, carvinMember.accessToken)).json();
  t.equal(created.submittedAt, null);
  const submit = (id: string, as?: string) => ctx.call('POST', `/missions/${id}/submit`, as ? { token: as } : {});
  const before = ctx.clock.now().getTime();
  const done = await submit(created.id, carvinMember.accessToken);
  t.equal(done.statusCode, 200);
  t.match(done.json(), { status: 'draft', version: 2 });
  const at = Date.parse(done.json().submittedAt);
  t.ok(at >= before && at <= ctx.clock.now().getTime(), 'submitted now');
  t.equal(done.headers.etag, '"2"');
  const again = await submit(created.id, carvinMember.accessToken);
  t.same({ version: again.json().version, submittedAt: again.json().submittedAt }, { version: 2, submittedAt: done.json().submittedAt }, 'a second submission changes nothing');
  const audit = await ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', created.id).where('action', '=', 'mission.submitted').execute();
  t.equal(audit.length, 1);

  t.equal((await submit(created.id, harnesMember.accessToken)).statusCode, 404, 'another structure’s draft is not found');
  const byCoordinator = await submit(created.id, token);
  t.equal(byCoordinator.statusCode, 403, 'the coordination publishes, it does not submit');
  t.match(byCoordinator.json(), { type: 'urn:binome:problem:forbidden' });
  t.equal((await submit(created.id, candidate.accessToken)).statusCode, 403);
  t.equal((await submit(created.id)).statusCode, 401);
  t.equal((await submit('00000000-0000-4000-8000-000000000000', carvinMember.accessToken)).statusCode, 404);

  const published = await ctx.call('POST', `/missions/${created.id}/transitions`, { token, body: { to: 'published' } });
  t.equal(published.json().submittedAt, null, 'published: the submission is done');
  const late = await submit(created.id, carvinMember.accessToken);
  t.equal(late.statusCode, 409);
  t.match(late.json(), { currentState: 'published', detail: 'Seul un brouillon se soumet à la publication : cette mission est « publiée ».' });
  const withdrawn = await ctx.call('POST', `/missions/${created.id}/transitions`, { token, body: { to: 'draft' } });
  t.equal(withdrawn.json().submittedAt, null, 'back to draft: it is to be submitted again');
  t.equal((await submit(created.id, carvinMember.accessToken)).json().status, 'draft');
  await t.rejects(
    ctx.db.updateTable('missions').set({ status: 'published' }).where('id', '=', created.id).execute(),
    /missions_submitted_draft/,
    'the database keeps a submission on drafts only',
  );
});

t.test('review fixes: closing the edition closes its missions and takes them out of the search', async (t) => {
  const before = await ctx.call('GET', `/missions?editionId=${edition.id}`);
  t.ok(before.json().items.length > 0);
  t.equal((await ctx.call('POST', `/editions/${edition.id}/transitions`, { token, body: { to: 'closed' } })).statusCode, 200);
  t.same((await ctx.call('GET', `/missions?editionId=${edition.id}`)).json().items, []);
  const statuses = await ctx.db.selectFrom('missions').select('status').where('edition_id', '=', edition.id).execute();
  t.ok(statuses.every((m) => m.status === 'closed'));
});

