import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createOperator, loggedMoves, signedIn } from '../../helpers/factories.js';

/** Programmes and editions: scoped to the operator, editions with a territory and a status workflow. */
const ctx = await setup(t);
const admin = await signedIn(ctx, 'admin');
const ligue = await createOperator(ctx.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
const unis = await createOperator(ctx.db, { name: 'Unis-Cité' });
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const rival = await signedIn(ctx, 'coordinator', { operatorId: unis.id });
const member = await signedIn(ctx, 'structure_member', { operatorId: ligue.id });
const candidate = await signedIn(ctx, 'candidate');
const PMA = ['200072460', '246200364', '246200299'];

const parcours = {
  name: 'Parcours Artistique et Culturel en Artois',
  description: 'Des jeunes en service civique, relais de la médiation des structures culturelles.',
  theme: 'culture-loisirs',
  funders: ['Pôle Métropolitain de l’Artois'],
};

let programmeId = '';

t.test('a coordinator creates a programme for their operator', async (t) => {
  const res = await ctx.call('POST', '/programmes', { token: coordinator.accessToken, body: parcours });
  t.equal(res.statusCode, 201);
  t.match(res.json(), { ...parcours, operatorId: ligue.id });
  programmeId = res.json().id;
  t.equal((await ctx.call('POST', '/programmes', { token: coordinator.accessToken, body: { ...parcours, name: parcours.name.toUpperCase() } })).statusCode, 409);
  const badTheme = await ctx.call('POST', '/programmes', { token: coordinator.accessToken, body: { ...parcours, name: 'X', theme: 'culture' } });
  t.equal(badTheme.statusCode, 400);
  t.match(badTheme.json().errors, [{ path: 'theme' }]);
  t.equal((await ctx.call('POST', '/programmes', { token: member.accessToken, body: { ...parcours, name: 'Y' } })).statusCode, 403);
  const adminNoOperator = await ctx.call('POST', '/programmes', { token: admin.accessToken, body: { ...parcours, name: 'Z' } });
  t.equal(adminNoOperator.statusCode, 422);
  const forUnis = await ctx.call('POST', '/programmes', {
    token: admin.accessToken,
    body: { name: 'Faisons vivre la Chaîne des Parcs', theme: 'environnement', operatorId: unis.id },
  });
  t.equal(forUnis.statusCode, 201);
  t.equal((await ctx.call('POST', '/programmes', { token: coordinator.accessToken, body: { ...parcours, name: 'W', operatorId: unis.id } })).statusCode, 404);
});

t.test('programmes are seen by their operator only', async (t) => {
  t.equal((await ctx.call('GET', `/programmes/${programmeId}`, { token: rival.accessToken })).statusCode, 404);
  t.equal((await ctx.call('PATCH', `/programmes/${programmeId}`, { token: rival.accessToken, body: { name: 'Mine' } })).statusCode, 404);
  t.equal((await ctx.call('GET', `/programmes/${programmeId}`, { token: member.accessToken })).statusCode, 200);
  t.equal((await ctx.call('GET', `/programmes/${programmeId}`, { token: candidate.accessToken })).statusCode, 403);
  const mine = await ctx.call('GET', '/programmes', { token: coordinator.accessToken });
  t.same(mine.json().items.map((p: { id: string }) => p.id), [programmeId]);
  const byTheme = await ctx.call('GET', '/programmes?theme=environnement', { token: admin.accessToken });
  t.same(byTheme.json().items.map((p: { name: string }) => p.name), ['Faisons vivre la Chaîne des Parcs']);
  const edited = await ctx.call('PATCH', `/programmes/${programmeId}`, { token: coordinator.accessToken, body: { funders: ['PMA', 'Région'] } });
  t.equal(edited.statusCode, 200);
  t.same(edited.json().funders, ['PMA', 'Région']);
  t.equal((await ctx.call('PATCH', `/programmes/${programmeId}`, { token: coordinator.accessToken, body: {} })).statusCode, 400);
});

let editionId = '';

t.test('an edition covers EPCIs and starts in planning', async (t) => {
  const body = { label: 'Édition 2', startsOn: '2018-11-05', endsOn: '2019-06-30', plannedVolunteers: 20, epciCodes: PMA };
  const res = await ctx.call('POST', `/programmes/${programmeId}/editions`, { token: coordinator.accessToken, body });
  t.equal(res.statusCode, 201);
  const edition = res.json();
  t.match(edition, { label: 'Édition 2', startsOn: '2018-11-05', endsOn: '2019-06-30', plannedVolunteers: 20, status: 'planning' });
  t.same(edition.territory.map((e: { code: string }) => e.code).sort(), [...PMA].sort());
  editionId = edition.id;

  const unknown = await ctx.call('POST', `/programmes/${programmeId}/editions`, {
    token: coordinator.accessToken,
    body: { ...body, label: 'Bad territory', epciCodes: ['246200364', '999999999'] },
  });
  t.equal(unknown.statusCode, 422);
  t.match(unknown.json().errors, [{ path: 'epciCodes.1', message: /999999999/ }]);
  const backwards = await ctx.call('POST', `/programmes/${programmeId}/editions`, {
    token: coordinator.accessToken,
    body: { ...body, label: 'Backwards', startsOn: '2019-06-30', endsOn: '2018-11-05' },
  });
  t.equal(backwards.statusCode, 400);
  t.match(backwards.json().errors, [{ path: 'endsOn' }]);
  const badDate = await ctx.call('POST', `/programmes/${programmeId}/editions`, { token: coordinator.accessToken, body: { ...body, label: 'D', startsOn: '2018-02-30' } });
  t.equal(badDate.statusCode, 400);
  t.equal((await ctx.call('POST', `/programmes/${programmeId}/editions`, { token: coordinator.accessToken, body })).statusCode, 409, 'same label');
  t.equal((await ctx.call('POST', `/programmes/${programmeId}/editions`, { token: rival.accessToken, body: { ...body, label: 'R' } })).statusCode, 404);
  const count = await ctx.db.selectFrom('editions').select((eb) => eb.fn.countAll<string>().as('n')).where('programme_id', '=', programmeId).executeTakeFirstOrThrow();
  t.equal(Number(count.n), 1, 'nothing written by the refused requests');
});

t.test('editions are listed, read and changed within the operator', async (t) => {
  const list = await ctx.call('GET', `/programmes/${programmeId}/editions`, { token: member.accessToken });
  t.equal(list.statusCode, 200);
  t.equal(list.json().items[0].territory.length, 3);
  t.equal((await ctx.call('GET', `/editions/${editionId}`, { token: rival.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/programmes/${programmeId}/editions`, { token: rival.accessToken })).statusCode, 404);
  const changed = await ctx.call('PATCH', `/editions/${editionId}`, { token: coordinator.accessToken, body: { plannedVolunteers: 22, epciCodes: ['246200364'] } });
  t.equal(changed.statusCode, 200);
  t.equal(changed.json().plannedVolunteers, 22);
  t.same(changed.json().territory, [{ code: '246200364', name: 'CA de Lens - Liévin' }]);
  const inverted = await ctx.call('PATCH', `/editions/${editionId}`, { token: coordinator.accessToken, body: { endsOn: '2018-01-01' } });
  t.equal(inverted.statusCode, 422, 'the stored start date is checked too');
  t.equal((await ctx.call('PATCH', `/editions/${editionId}`, { token: member.accessToken, body: { plannedVolunteers: 1 } })).statusCode, 403);
});

t.test('the status moves along the transitions table only', async (t) => {
  const move = (to: string, token = coordinator.accessToken) => ctx.call('POST', `/editions/${editionId}/transitions`, { token, body: { to } });
  const skip = await move('running');
  t.equal(skip.statusCode, 409);
  t.match(skip.json(), { currentState: 'planning', possible: ['recruiting', 'closed'] });
  t.equal((await move('recruiting', member.accessToken)).statusCode, 403);
  t.equal((await move('recruiting')).json().status, 'recruiting');
  t.equal((await move('running')).json().status, 'running');
  t.equal((await move('closed')).json().status, 'closed');
  const after = await move('recruiting');
  t.equal(after.statusCode, 409);
  t.equal(after.json().currentState, 'closed');
  t.equal((await ctx.call('PATCH', `/editions/${editionId}`, { token: coordinator.accessToken, body: { plannedVolunteers: 5 } })).statusCode, 409, 'a closed edition no longer changes');
  const audit = await ctx.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_id', '=', editionId).orderBy('id').execute();
  t.same(audit.map((a) => a.action), ['edition.created', 'edition.updated'], 'the audit keeps what is not a status change');
  t.same(await loggedMoves(ctx.db, 'edition', editionId), [
    'planning → recruiting (open recruitment for) by coordinator',
    'recruiting → running (start) by coordinator',
    'running → closed (close) by coordinator',
  ]);
});

t.test('simultaneous moves: exactly one wins', async (t) => {
  const body = { label: 'Concurrent', startsOn: '2020-01-01', endsOn: '2020-07-01', plannedVolunteers: 10, epciCodes: PMA };
  const { id } = (await ctx.call('POST', `/programmes/${programmeId}/editions`, { token: coordinator.accessToken, body })).json();
  const results = await Promise.all(
    Array.from({ length: 6 }, () => ctx.call('POST', `/editions/${id}/transitions`, { token: coordinator.accessToken, body: { to: 'recruiting' } })),
  );
  const codes = results.map((r) => r.statusCode).sort();
  t.same(codes, [200, 409, 409, 409, 409, 409]);
});
