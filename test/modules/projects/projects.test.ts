import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createStructure, loggedMoves, signedIn, signedInCandidate } from '../../helpers/factories.js';
import { createPublicPartner } from '../../helpers/programme-factories.js';
import { createProject, projectCast } from '../../helpers/projects-factories.js';

/** Mediation projects: writing them, their workflow move by move and refusal by refusal, who sees them, the tutors' comments. */
const ctx = await setup(t);
const cast = await projectCast(ctx);
const [inesToken, yanisToken] = cast.tokens.volunteers;
const coordinator = cast.tokens.coordinator;
const tutor = cast.tokens.hostTutor;
const rival = await signedIn(ctx, 'coordinator');
const outsider = await signedInCandidate(ctx);
const otherMember = await signedIn(ctx, 'structure_member', { operatorId: cast.operatorId });
const admin = await signedIn(ctx, 'admin');

const body = (values: Record<string, unknown> = {}) => ({ title: 'Groupe de spectateurs', aim: 'Emmener les résidents voir des spectacles au théâtre.', partners: [{ structureId: cast.partnerId, publics: ['seniors'] }], ...values });
const create = (values: Record<string, unknown> = {}, token = inesToken) => ctx.call('POST', `/binomes/${cast.binomeId}/projects`, { token, body: body(values) });
const act = (id: string, move: string, token: string, reason?: string) => ctx.call('POST', `/projects/${id}/${move}`, { token, ...(reason !== undefined ? { body: { reason } } : {}) });

t.test('a volunteer starts a project: draft, the host and its first circle as venues, the partner with its publics', async (t) => {
  const other = await createStructure(ctx.db, { operatorId: cast.operatorId, kind: 'proximity', name: 'Médiathèque de Harnes' });
  const res = await create({ startsOn: '2027-03-01', endsOn: '2027-06-30', otherVenueIds: [other.id] });
  t.equal(res.statusCode, 201, res.body);
  const project = res.json();
  t.match(project, { status: 'draft', binomeId: cast.binomeId, editionId: cast.editionId, startsOn: '2027-03-01', version: 1 });
  t.same(
    project.venues.map((v: { structureId: string; role: string }) => [v.structureId, v.role]),
    [
      [cast.hostId, 'host'],
      [cast.firstCircleId, 'first_circle'],
      [other.id, 'other'],
    ],
  );
  t.same(project.partners, [{ structureId: cast.partnerId, name: project.partners[0].name, publics: ['seniors'] }]);
  t.equal(project.volunteers.length, 2);
  t.equal(res.headers.etag, '"1"');
  t.same(await loggedMoves(ctx.db, 'project', project.id), ['∅ → draft (create) by candidate']);
  // The coordinator starts one too; a structure member (the tutor) comments but does not write.
  t.equal((await create({}, coordinator)).statusCode, 201);
  t.equal((await create({}, tutor)).statusCode, 403);
});

t.test('a project is refused in words: binôme not confirmed, partner not a public partner of the operator, dates, venues', async (t) => {
  const foreign = await createPublicPartner(ctx.db, { operatorId: rival.user.operator_id! });
  const res = await create({ partners: [{ structureId: cast.hostId, publics: ['seniors'] }, { structureId: foreign.id, publics: ['youth'] }] });
  t.equal(res.statusCode, 422, res.body);
  t.same(
    res.json().errors.map((e: { path: string }) => e.path),
    ['partners.0.structureId', 'partners.1.structureId'],
  );
  t.match(res.json().errors[0].message, /partenaire public/);
  const twice = await create({ partners: [{ structureId: cast.partnerId, publics: ['seniors'] }, { structureId: cast.partnerId, publics: ['youth'] }] });
  t.equal(twice.json().errors[0].path, 'partners.1.structureId');
  const dates = await create({ startsOn: '2027-05-01', endsOn: '2027-04-01' });
  t.equal(dates.statusCode, 422);
  t.equal(dates.json().errors[0].path, 'endsOn');
  const venue = await create({ otherVenueIds: [foreign.id] });
  t.equal(venue.json().errors[0].path, 'otherVenueIds.0');
  t.equal((await create({ title: '' })).statusCode, 400);
  t.equal((await create({ publics: ['martians'] })).statusCode, 400, 'an unknown field is refused');

  await ctx.db.updateTable('binomes').set({ status: 'proposed' }).where('id', '=', cast.binomeId).execute();
  const proposed = await create();
  await ctx.db.updateTable('binomes').set({ status: 'confirmed' }).where('id', '=', cast.binomeId).execute();
  t.equal(proposed.statusCode, 422);
  t.equal(proposed.json().rule, 'project-binome-confirmed');
  t.match(proposed.json().detail, /confirmé/);
});

t.test('the workflow: submit, return with a reason the volunteers read, submit, validate, start, finish — each move logged', async (t) => {
  const { id } = (await create()).json();
  t.equal((await act(id, 'submit', yanisToken)).json().status, 'submitted');
  const returned = await act(id, 'return', coordinator, 'Précisez les dates des sorties.');
  t.equal(returned.statusCode, 200, returned.body);
  t.equal(returned.json().status, 'draft');
  const seen = await ctx.call('GET', `/projects/${id}`, { token: inesToken });
  t.equal(seen.json().returnedReason, 'Précisez les dates des sorties.', 'the volunteers read why');
  t.equal((await act(id, 'submit', inesToken)).statusCode, 200);
  t.equal((await act(id, 'validate', coordinator)).json().status, 'validated');
  t.equal((await act(id, 'start', inesToken)).json().status, 'running');
  const done = await act(id, 'finish', coordinator);
  t.equal(done.json().status, 'done');
  t.same(await loggedMoves(ctx.db, 'project', id), [
    '∅ → draft (create) by candidate',
    'draft → submitted (submit) by candidate',
    'submitted → draft (return) by coordinator: Précisez les dates des sorties.',
    'draft → submitted (submit) by candidate',
    'submitted → validated (validate) by coordinator',
    'validated → running (start) by candidate',
    'running → done (finish) by coordinator',
  ]);
  const shared = await ctx.db.selectFrom('status_transitions').select('reason_shared').where('entity_id', '=', id).where('transition', '=', 'return').executeTakeFirstOrThrow();
  t.equal(shared.reason_shared, true);
});

t.test('each move refused by role (403) and by state (409), as the engine says', async (t) => {
  const { id } = (await create()).json();
  const submitted = await createProject(ctx.db, cast, { status: 'submitted' });
  // By role: the move fits the state, but not the mover (or the mover's role moves nothing).
  const refusals: [string, string, string, number, RegExp][] = [
    [id, 'submit', coordinator, 403, /« coordinateur » ne permet pas de soumettre un projet/],
    [submitted.id, 'validate', inesToken, 403, /ne permet pas de valider un projet/],
    [submitted.id, 'return', yanisToken, 403, /ne permet pas de renvoyer en brouillon un projet/],
    [id, 'submit', tutor, 403, /structure/],
    [submitted.id, 'abandon', tutor, 403, /structure/],
    // By state: no such move from here; the answer names the moves the caller could make.
    [id, 'validate', coordinator, 409, /« en brouillon » : il ne peut pas passer à « validé »/],
    [id, 'start', inesToken, 409, /brouillon/],
    [id, 'finish', coordinator, 409, /brouillon/],
    [submitted.id, 'submit', inesToken, 409, /« soumis »/],
  ];
  for (const [project, move, token, status, detail] of refusals) {
    const res = await act(project, move, token, move === 'return' || move === 'abandon' ? 'Non.' : undefined);
    t.equal(res.statusCode, status, `${move}: ${res.body}`);
    t.match(res.json().detail, detail);
  }
  t.same(await loggedMoves(ctx.db, 'project', submitted.id), [], 'nothing moved');
  const conflict = await act(id, 'validate', coordinator);
  t.match(conflict.json(), { currentState: 'draft' });
  t.same(await loggedMoves(ctx.db, 'project', id), ['∅ → draft (create) by candidate'], 'nothing moved');
  // A draft without any partner cannot be submitted.
  const bare = (await create({ partners: [] })).json();
  const res = await act(bare.id, 'submit', inesToken);
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'project-needs-partner');
  // The If-Match of a move: a stale version is a 412.
  const stale = await ctx.call('POST', `/projects/${id}/submit`, { token: inesToken, headers: { 'if-match': '"9"' } });
  t.equal(stale.statusCode, 412);
});

t.test('abandon from any open state with a reason; an abandoned or done project no longer moves', async (t) => {
  for (const status of ['draft', 'submitted', 'validated', 'running'] as const) {
    const project = await createProject(ctx.db, cast, { status });
    t.equal((await act(project.id, 'abandon', coordinator)).statusCode, 400, 'the reason is required');
    const res = await act(project.id, 'abandon', status === 'running' ? yanisToken : coordinator, 'Le partenaire a fermé.');
    t.equal(res.statusCode, 200, res.body);
    t.match(res.json(), { status: 'abandoned', abandonedReason: 'Le partenaire a fermé.' });
    t.equal((await act(project.id, 'abandon', coordinator, 'Encore.')).statusCode, 409);
  }
  const done = await createProject(ctx.db, cast, { status: 'done' });
  t.equal((await act(done.id, 'abandon', admin.accessToken, 'Non.')).statusCode, 409);
  t.equal((await act(done.id, 'abandon', tutor, 'Non.')).statusCode, 403);
});

t.test('editing: volunteers while draft, coordinators until done, with If-Match', async (t) => {
  const created = (await create()).json();
  const patch = (token: string, version: string | undefined, values: Record<string, unknown>) =>
    ctx.call('PATCH', `/projects/${created.id}`, { token, body: values, ...(version ? { headers: { 'if-match': version } } : {}) });
  t.equal((await patch(inesToken, undefined, { title: 'Sans version' })).statusCode, 400, 'If-Match is required');
  const ok = await patch(inesToken, '"1"', { title: 'Spectateurs en herbe', partners: [{ structureId: cast.partnerId, publics: ['seniors', 'families'] }] });
  t.equal(ok.statusCode, 200, ok.body);
  t.match(ok.json(), { title: 'Spectateurs en herbe', version: 2, partners: [{ publics: ['seniors', 'families'] }] });
  t.equal(ok.headers.etag, '"2"');
  t.equal((await patch(yanisToken, '"1"', { title: 'Trop tard' })).statusCode, 412, 'a stale version');
  t.equal((await patch(tutor, '"2"', { title: 'Tuteur' })).statusCode, 403);
  await act(created.id, 'submit', inesToken);
  const locked = await patch(inesToken, '"3"', { title: 'Soumis' });
  t.equal(locked.statusCode, 409);
  t.match(locked.json(), { currentState: 'submitted', rule: 'project-editable' });
  t.match(locked.json().detail, /seul un brouillon se modifie/);
  const coordinated = await patch(coordinator, '"3"', { aim: 'Un but précisé par la coordination.' });
  t.equal(coordinated.statusCode, 200, coordinated.body);
  const done = await createProject(ctx.db, cast, { status: 'done' });
  const closed = await ctx.call('PATCH', `/projects/${done.id}`, { token: coordinator, body: { title: 'x' }, headers: { 'if-match': '"1"' } });
  t.equal(closed.statusCode, 409);
  t.match(closed.json().detail, /ne peut plus changer/);
});

t.test('visibility: another operator’s coordinator, a candidate outside the binôme, a member of another structure get 404 on every route', async (t) => {
  const project = await createProject(ctx.db, cast, { status: 'validated' });
  const outing = await ctx.db
    .insertInto('outings')
    .values({ project_id: project.id, starts_at: new Date('2027-03-10T13:00:00Z'), ends_at: new Date('2027-03-10T16:00:00Z'), venue_structure_id: cast.firstCircleId, what_kind: 'show', what_title: 'Il n’est pas encore minuit', transport: 'on_foot', created_by: cast.coordinator.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const routes: [string, string, unknown?, Record<string, string>?][] = [
    ['GET', `/projects/${project.id}`],
    ['PATCH', `/projects/${project.id}`, { title: 'x' }, { 'if-match': '"1"' }],
    ['POST', `/projects/${project.id}/start`],
    ['POST', `/projects/${project.id}/abandon`, { reason: 'x' }],
    ['GET', `/projects/${project.id}/comments`],
    ['POST', `/projects/${project.id}/comments`, { body: 'x' }],
    ['GET', `/projects/${project.id}/outings`],
    ['POST', `/projects/${project.id}/outings`, { startsAt: '2027-03-11T13:00:00Z', endsAt: '2027-03-11T15:00:00Z', venueStructureId: cast.firstCircleId, whatKind: 'show', whatTitle: 'x', transport: 'on_foot', groups: [], volunteerIds: [cast.volunteers[0].id] }],
    ['GET', `/outings/${outing.id}`],
    ['PUT', `/outings/${outing.id}/attendance`, { groups: [] }],
    ['POST', `/outings/${outing.id}/cancel`],
    ['GET', `/binomes/${cast.binomeId}/projects`],
    ['POST', `/binomes/${cast.binomeId}/projects`, body()],
  ];
  for (const who of [rival, outsider]) {
    for (const [method, url, payload, headers] of routes) {
      const res = await ctx.call(method as 'GET', url, { token: who.accessToken, ...(payload !== undefined ? { body: payload } : {}), ...(headers ? { headers } : {}) });
      t.equal(res.statusCode, 404, `${who.user.role} ${method} ${url}: ${res.body}`);
    }
  }
  for (const [method, url] of routes.filter(([m]) => m === 'GET')) {
    t.equal((await ctx.call(method as 'GET', url, { token: otherMember.accessToken })).statusCode, 404, `other structure ${url}`);
  }
  const listed = await ctx.call('GET', `/projects?editionId=${cast.editionId}`, { token: rival.accessToken });
  t.same(listed.json().items, [], 'the list holds none of them');
  // Those who see the binôme see the project: its volunteers, the host's tutor, the coordination, an admin.
  for (const token of [inesToken, tutor, coordinator, admin.accessToken]) t.equal((await ctx.call('GET', `/projects/${project.id}`, { token })).statusCode, 200);
});

t.test('comments: the host tutor and the operator tutor comment, the volunteers reply, in order', async (t) => {
  const project = await createProject(ctx.db, cast, { status: 'submitted' });
  const say = (token: string, text: string) => ctx.call('POST', `/projects/${project.id}/comments`, { token, body: { body: text } });
  const first = await say(tutor, 'Pensez à réserver le minibus.');
  t.equal(first.statusCode, 201, first.body);
  t.match(first.json(), { body: 'Pensez à réserver le minibus.', author: { id: cast.hostTutor.id, role: 'structure_member' } });
  ctx.clock.advance(1000);
  t.equal((await say(coordinator, 'Et le goûter ?')).statusCode, 201);
  ctx.clock.advance(1000);
  t.equal((await say(yanisToken, 'C’est noté, merci !')).statusCode, 201);
  t.equal((await say(inesToken, '   ')).statusCode, 400);
  const list = await ctx.call('GET', `/projects/${project.id}/comments`, { token: inesToken });
  t.same(
    list.json().items.map((c: { author: { role: string } }) => c.author.role),
    ['structure_member', 'coordinator', 'candidate'],
  );
  ctx.clock.reset();
});

t.test('a public partner takes part in several projects of several binômes; lists filter, search, sort and page', async (t) => {
  const second = await projectCast(ctx, { operatorId: cast.operatorId, editionId: cast.editionId });
  const carvinA = await createProject(ctx.db, { ...second, partnerId: cast.partnerId }, { title: 'Carvin — Culture Commune', status: 'submitted' });
  const carvinB = await createProject(ctx.db, cast, { title: 'Carvin — Les spectateurs', status: 'submitted' });
  const partners = await ctx.db.selectFrom('project_partners').select('project_id').where('structure_id', '=', cast.partnerId).execute();
  t.ok(partners.some((p) => p.project_id === carvinA.id) && partners.some((p) => p.project_id === carvinB.id), 'one partner, two binômes');

  const all = await ctx.call('GET', `/projects?editionId=${cast.editionId}&limit=100`, { token: coordinator });
  t.equal(all.statusCode, 200, all.body);
  const statuses = all.json().items.map((p: { status: string }) => p.status);
  const firstOther = statuses.findIndex((s: string) => s !== 'submitted');
  t.ok(firstOther > 0 && statuses.slice(firstOther).every((s: string) => s !== 'submitted'), '« à valider » first');
  const search = await ctx.call('GET', `/projects?q=carvin&status=submitted&sort=title`, { token: coordinator });
  t.same(
    search.json().items.map((p: { title: string }) => p.title),
    ['Carvin — Culture Commune', 'Carvin — Les spectateurs'],
  );
  const page1 = await ctx.call('GET', `/projects?q=carvin&sort=title&limit=1`, { token: coordinator });
  t.equal(page1.json().nextOffset, 1);
  const page2 = await ctx.call('GET', `/projects?q=carvin&sort=title&limit=1&offset=1`, { token: coordinator });
  t.equal(page2.json().items[0].title, 'Carvin — Les spectateurs');
  t.equal(page2.json().nextOffset, null);
  // The second binôme's volunteers see their own project only.
  const theirs = await ctx.call('GET', `/projects?q=carvin`, { token: second.tokens.volunteers[0] });
  t.same(
    theirs.json().items.map((p: { id: string }) => p.id),
    [carvinA.id],
  );
  const binomeList = await ctx.call('GET', `/binomes/${second.binomeId}/projects`, { token: second.tokens.hostTutor });
  t.same(
    binomeList.json().items.map((p: { id: string }) => p.id),
    [carvinA.id],
  );
  t.equal((await ctx.call('GET', `/projects?status=nonsense`, { token: coordinator })).statusCode, 400);
});
