import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createOperator, signedIn } from '../../helpers/factories.js';

/** Structures as the catalogue describes them: kinds, reach, publics, commune, version. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinator.accessToken;
const create = (body: Record<string, unknown>) => ctx.call('POST', '/structures', { token, body });

t.test('the three kinds, each with its own fields', async (t) => {
  const louvre = await create({
    name: 'Louvre-Lens',
    kind: 'first_circle',
    reach: 'national',
    communeCode: '62498',
    address: '99 rue Paul Bert',
    latitude: 50.4301,
    longitude: 2.8031,
    contacts: [{ name: 'Service des publics', email: 'Publics@Louvrelens.fr', phone: '+33 3 21 18 62 62' }],
  });
  t.equal(louvre.statusCode, 201);
  t.match(louvre.json(), {
    kind: 'first_circle',
    reach: 'national',
    commune: { code: '62498', name: 'Lens' },
    contacts: [{ name: 'Service des publics', email: 'publics@louvrelens.fr' }],
    accredited: false,
    version: 1,
  });
  t.equal(louvre.headers.etag, '"1"');
  const ehpad = await create({ name: 'EHPAD de Carvin', kind: 'public_partner', publicTypes: ['ehpad'], communeCode: '62215' });
  t.equal(ehpad.statusCode, 201);
  t.same(ehpad.json().publicTypes, ['ehpad']);
  t.equal((await create({ name: 'Service Culturel de Carvin', kind: 'proximity', communeCode: '62215' })).statusCode, 201);
});

t.test('fields that do not fit the kind, and unknown communes, are refused with the field named', async (t) => {
  const noReach = await create({ name: 'A', kind: 'first_circle', communeCode: '62498' });
  t.equal(noReach.statusCode, 400);
  t.match(noReach.json().errors, [{ path: 'reach' }]);
  const reachForProximity = await create({ name: 'B', kind: 'proximity', reach: 'national', communeCode: '62498' });
  t.match(reachForProximity.json().errors, [{ path: 'reach' }]);
  const publicsForProximity = await create({ name: 'C', kind: 'proximity', publicTypes: ['ehpad'], communeCode: '62498' });
  t.match(publicsForProximity.json().errors, [{ path: 'publicTypes' }]);
  const unknownPublic = await create({ name: 'D', kind: 'public_partner', publicTypes: ['zoo'], communeCode: '62498' });
  t.equal(unknownPublic.statusCode, 400);
  const halfCoordinates = await create({ name: 'E', kind: 'proximity', communeCode: '62498', latitude: 50 });
  t.match(halfCoordinates.json().errors, [{ path: 'longitude' }]);
  const unknownCommune = await create({ name: 'F', kind: 'proximity', communeCode: '62999' });
  t.equal(unknownCommune.statusCode, 422);
  t.match(unknownCommune.json().errors, [{ path: 'communeCode' }]);
  const noCommune = await create({ name: 'G', kind: 'proximity' });
  t.equal(noCommune.statusCode, 400);
  const written = await ctx.db.selectFrom('structures').select('name').where('name', 'in', ['A', 'B', 'C', 'D', 'E', 'F', 'G']).execute();
  t.same(written, [], 'nothing written');
});

t.test('changes carry the version read: a stale one is a 412 and overwrites nothing', async (t) => {
  const created = (await create({ name: 'Droit de Cité', kind: 'proximity', communeCode: '62019' })).json();
  const url = `/structures/${created.id}`;
  const read = await ctx.call('GET', url, { token });
  t.equal(read.headers.etag, '"1"');
  const first = await ctx.call('PATCH', url, { token, body: { address: '1 rue de la Mairie' }, headers: { 'if-match': '"1"' } });
  t.equal(first.statusCode, 200);
  t.equal(first.json().version, 2);
  t.equal(first.headers.etag, '"2"');
  const stale = await ctx.call('PATCH', url, { token, body: { address: 'Somewhere else' }, headers: { 'if-match': '"1"' } });
  t.equal(stale.statusCode, 412);
  t.equal((await ctx.call('GET', url, { token })).json().address, '1 rue de la Mairie', 'the first change stands');
  const missing = await ctx.call('PATCH', url, { token, body: { address: 'x' } });
  t.equal(missing.statusCode, 400, 'If-Match is required');
  t.match(missing.json().errors, [{ in: 'headers', path: 'if-match' }]);

  const toFirstCircle = await ctx.call('PATCH', url, { token, body: { kind: 'first_circle' }, headers: { 'if-match': '"2"' } });
  t.equal(toFirstCircle.statusCode, 400, 'becoming first-circle needs a reach');
  const withReach = await ctx.call('PATCH', url, { token, body: { kind: 'first_circle', reach: 'intercommunal' }, headers: { 'if-match': '"2"' } });
  t.equal(withReach.statusCode, 200);
  const back = await ctx.call('PATCH', url, { token, body: { kind: 'proximity' }, headers: { 'if-match': '"3"' } });
  t.equal(back.json().reach, null, 'leaving first circle drops the reach');
  const audit = await ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', created.id).execute();
  t.equal(audit.length, 4, 'created and three updates audited');
});

t.test('filters and members', async (t) => {
  const firstCircle = await ctx.call('GET', '/structures?kind=first_circle', { token });
  t.ok(firstCircle.json().items.every((s: { kind: string }) => s.kind === 'first_circle'));
  t.ok(firstCircle.json().items.length >= 1);
  const inCarvin = await ctx.call('GET', '/structures?communeCode=62215', { token });
  t.equal(inCarvin.json().items.length, 2);
  const structureId = inCarvin.json().items[0].id;
  const member = await signedIn(ctx, 'structure_member', { structureId, fullName: 'Sam Leroy' });
  const members = await ctx.call('GET', `/structures/${structureId}/members`, { token });
  t.match(members.json().items, [{ id: member.user.id, fullName: 'Sam Leroy' }]);
  const other = await signedIn(ctx, 'coordinator');
  t.equal((await ctx.call('GET', `/structures/${structureId}/members`, { token: other.accessToken })).statusCode, 404);
});

t.test('a structure in use keeps its kind; recording its accreditation needs its missions closed', async (t) => {
  const host = (await create({ name: 'Host in use', kind: 'proximity', communeCode: '62215' })).json();
  const partner = (await create({ name: 'Partner in use', kind: 'first_circle', reach: 'regional', communeCode: '62498' })).json();
  const programme = (await ctx.call('POST', '/programmes', { token, body: { name: 'P', theme: 'culture-loisirs' } })).json();
  const edition = (
    await ctx.call('POST', `/programmes/${programme.id}/editions`, {
      token,
      body: { label: 'E', startsOn: '2018-11-01', endsOn: '2019-06-30', plannedVolunteers: 2, epciCodes: ['246200299'] },
    })
  ).json();
  await ctx.call('POST', `/editions/${edition.id}/partnerships`, { token, body: { proximityStructureId: host.id, firstCircleStructureId: partner.id } });
  await ctx.call('POST', `/editions/${edition.id}/missions`, { token, body: { hostStructureId: host.id, title: 'M', startsOn: '2018-11-05', durationMonths: 6, weeklyHours: 24 } });
  const kind = await ctx.call('PATCH', `/structures/${host.id}`, { token, body: { kind: 'public_partner' }, headers: { 'if-match': '"1"' } });
  t.equal(kind.statusCode, 409);
  t.equal(kind.json().field, 'kind');
  const accredited = await ctx.call('PATCH', `/structures/${host.id}`, { token, body: { accredited: true }, headers: { 'if-match': '"1"' } });
  t.equal(accredited.statusCode, 422);
  t.equal(accredited.json().rule, 'intermediation');
});
