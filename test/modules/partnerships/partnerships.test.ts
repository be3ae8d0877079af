import t from 'tap';
import { setup } from '../../helpers/app.js';
import { refusedBy, rolledBack } from '../../helpers/database.js';
import { createOperator, createStructure, signedIn } from '../../helpers/factories.js';

/** Partnerships: one proximity structure with one first-circle structure, per edition. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const unis = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const rival = await signedIn(ctx, 'coordinator', { operatorId: unis.id });
const token = coordinator.accessToken;

const auchel = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel d’Auchel', kind: 'proximity', communeCode: '62048' });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel d’Harnes', kind: 'proximity', communeCode: '62413' });
const comedie = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Comédie de Béthune', kind: 'first_circle', communeCode: '62119' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre-Lens', kind: 'first_circle' });
const ehpad = await createStructure(ctx.db, { operatorId: ligue.id, name: 'EHPAD', kind: 'public_partner' });
const foreignProximity = await createStructure(ctx.db, { operatorId: unis.id, kind: 'proximity' });

const programme = (await ctx.call('POST', '/programmes', { token, body: { name: 'Parcours', theme: 'culture-loisirs' } })).json();
const editionBody = { label: 'Édition 1', startsOn: '2018-01-15', endsOn: '2018-06-30', plannedVolunteers: 10, epciCodes: ['246200364'] };
const edition = (await ctx.call('POST', `/programmes/${programme.id}/editions`, { token, body: editionBody })).json();
const edition2 = (await ctx.call('POST', `/programmes/${programme.id}/editions`, { token, body: { ...editionBody, label: 'Édition 2' } })).json();

const pair = (editionId: string, proximityStructureId: string, firstCircleStructureId: string, as = token) =>
  ctx.call('POST', `/editions/${editionId}/partnerships`, { token: as, body: { proximityStructureId, firstCircleStructureId } });

t.test('a proximity structure is paired with a first-circle one', async (t) => {
  const res = await pair(edition.id, auchel.id, comedie.id);
  t.equal(res.statusCode, 201);
  t.match(res.json(), { editionId: edition.id, proximity: { id: auchel.id, name: 'Service Culturel d’Auchel' }, firstCircle: { id: comedie.id, name: 'Comédie de Béthune' } });
  t.equal((await pair(edition.id, harnes.id, comedie.id)).statusCode, 201, 'a first-circle structure may have several partners');
  t.equal((await pair(edition2.id, auchel.id, louvre.id)).statusCode, 201, 'another edition, another partner');
  const list = await ctx.call('GET', `/editions/${edition.id}/partnerships`, { token });
  t.same(list.json().items.map((p: { proximity: { name: string } }) => p.proximity.name), ['Service Culturel d’Auchel', 'Service Culturel d’Harnes']);
});

t.test('at most one partner per proximity structure and edition', async (t) => {
  const again = await pair(edition.id, auchel.id, louvre.id);
  t.equal(again.statusCode, 409);
  t.match(again.json().detail, /a déjà un partenaire/);
});

t.test('the kinds are checked on both sides', async (t) => {
  const twoProximity = await pair(edition.id, harnes.id, auchel.id);
  t.equal(twoProximity.statusCode, 422);
  t.match(twoProximity.json().errors, [{ path: 'firstCircleStructureId', message: /premier cercle/ }]);
  const publicHost = await pair(edition.id, ehpad.id, louvre.id);
  t.equal(publicHost.statusCode, 422);
  t.match(publicHost.json().errors, [{ path: 'proximityStructureId', message: /partenaire public/ }]);
  const reversed = await pair(edition.id, louvre.id, comedie.id);
  t.match(reversed.json().errors, [{ path: 'proximityStructureId' }]);
  const foreign = await pair(edition.id, foreignProximity.id, louvre.id);
  t.equal(foreign.statusCode, 422, 'another operator’s structure');
  const count = await ctx.db.selectFrom('partnerships').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(count.n), 3, 'nothing written');
});

t.test('the database holds the kinds even if a service forgot', async (t) => {
  // Each refusal pinned to its constraint, beside a row with Harnes (a proximity structure with
  // no partner in edition 2) instead, which the database accepts (rolled back).
  const insert = (db: typeof ctx.db, proximityId: string, firstCircleId: string) =>
    db.insertInto('partnerships').values({ edition_id: edition2.id, proximity_structure_id: proximityId, first_circle_structure_id: firstCircleId }).execute();
  await t.rejects(insert(ctx.db, ehpad.id, louvre.id), refusedBy('23503', 'partnerships_proximity_fkey'), 'a public partner cannot be the proximity side');
  await t.resolves(rolledBack(ctx.db, (trx) => insert(trx, harnes.id, louvre.id)), 'a proximity structure can');
  await t.rejects(
    insert(ctx.db, auchel.id, comedie.id),
    refusedBy('23505', 'partnerships_edition_proximity_key'),
    'a second partner for the same proximity structure and edition',
  );
  await t.resolves(rolledBack(ctx.db, (trx) => insert(trx, harnes.id, comedie.id)), 'a first partner for another proximity structure');
});

t.test('scoping: other operators see nothing; members see their structure’s partnerships', async (t) => {
  t.equal((await ctx.call('GET', `/editions/${edition.id}/partnerships`, { token: rival.accessToken })).statusCode, 404);
  t.equal((await pair(edition.id, harnes.id, louvre.id, rival.accessToken)).statusCode, 404);
  const member = await signedIn(ctx, 'structure_member', { structureId: harnes.id });
  const seen = await ctx.call('GET', `/editions/${edition.id}/partnerships`, { token: member.accessToken });
  t.same(seen.json().items.map((p: { proximity: { id: string } }) => p.proximity.id), [harnes.id]);
  t.equal((await pair(edition.id, harnes.id, louvre.id, member.accessToken)).statusCode, 403);
});

t.test('a partnership ends; a closed edition takes no new one', async (t) => {
  const list = (await ctx.call('GET', `/editions/${edition.id}/partnerships`, { token })).json();
  const harnesPartnership = list.items.find((p: { proximity: { id: string } }) => p.proximity.id === harnes.id);
  t.equal((await ctx.call('DELETE', `/partnerships/${harnesPartnership.id}`, { token: rival.accessToken })).statusCode, 404);
  t.equal((await ctx.call('DELETE', `/partnerships/${harnesPartnership.id}`, { token })).statusCode, 204);
  t.equal((await ctx.call('DELETE', `/partnerships/${harnesPartnership.id}`, { token })).statusCode, 404);
  await ctx.call('POST', `/editions/${edition.id}/transitions`, { token, body: { to: 'closed' } });
  t.equal((await pair(edition.id, harnes.id, louvre.id)).statusCode, 409);
});

t.test('a partnership with open missions is not ended', async (t) => {
  const open = (await ctx.call('POST', `/editions/${edition2.id}/partnerships`, { token, body: { proximityStructureId: harnes.id, firstCircleStructureId: comedie.id } })).json();
  await ctx.call('POST', `/editions/${edition2.id}/missions`, { token, body: { hostStructureId: harnes.id, title: 'M', startsOn: '2018-02-01', durationMonths: 6, weeklyHours: 24 } });
  const res = await ctx.call('DELETE', `/partnerships/${open.id}`, { token });
  t.equal(res.statusCode, 409);
  t.match(res.json().detail, /missions ouvertes/);
});
