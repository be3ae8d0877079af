import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createOperator, createStructure, signedIn } from '../../helpers/factories.js';

/** GET /missions: the public search over published missions. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinator.accessToken;

const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Carvin', kind: 'proximity', communeCode: '62215' });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Harnes', kind: 'proximity', communeCode: '62413' });
const auchel = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Auchel', kind: 'proximity', communeCode: '62048' });
const cultureCommune = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Culture Commune', kind: 'first_circle', communeCode: '62528' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre-Lens', kind: 'first_circle' });

const programme = (await ctx.call('POST', '/programmes', { token, body: { name: 'Parcours', theme: 'culture-loisirs' } })).json();
const newEdition = async (label: string) =>
  (
    await ctx.call('POST', `/programmes/${programme.id}/editions`, {
      token,
      body: { label, startsOn: '2018-01-01', endsOn: '2019-12-31', plannedVolunteers: 20, epciCodes: ['246200299', '246200364'] },
    })
  ).json();
const edition = await newEdition('Édition 2');
const otherEdition = await newEdition('Édition 3');

async function publish(body: Record<string, unknown>, editionId = edition.id) {
  const created = await ctx.call('POST', `/editions/${editionId}/missions`, { token, body: { durationMonths: 8, weeklyHours: 24, ...body } });
  if (created.statusCode !== 201) throw new Error(created.body);
  const published = await ctx.call('POST', `/missions/${created.json().id}/transitions`, { token, body: { to: 'published' } });
  return published.json() as { id: string; title: string };
}

const theatre = await publish({
  hostStructureId: carvin.id,
  firstCircleStructureId: cultureCommune.id,
  title: 'Groupe de spectateurs au théâtre',
  description: 'Des spectateurs de l’EHPAD et du foyer de vie aux spectacles de théâtre de Culture Commune.',
  startsOn: '2018-11-05',
});
const musee = await publish({
  hostStructureId: harnes.id,
  firstCircleStructureId: louvre.id,
  title: 'Les jeunes d’Harnes au musée',
  description: 'Médiation au Louvre-Lens avec le conseil municipal des jeunes; une sortie au théâtre.',
  startsOn: '2018-11-12',
  openToMinors: true,
});
const parcs = await publish({
  hostStructureId: auchel.id,
  firstCircleStructureId: louvre.id,
  title: 'Faire vivre les parcs',
  description: 'Sensibiliser les habitants aux espaces naturels.',
  theme: 'environnement',
  startsOn: '2019-01-07',
});
const elsewhere = await publish(
  { hostStructureId: carvin.id, firstCircleStructureId: cultureCommune.id, title: 'Théâtre, édition suivante', startsOn: '2019-02-01' },
  otherEdition.id,
);
const draft = (
  await ctx.call('POST', `/editions/${edition.id}/missions`, {
    token,
    body: { hostStructureId: carvin.id, title: 'Brouillon de théâtre', startsOn: '2018-11-05', durationMonths: 8, weeklyHours: 24 },
  })
).json();

type Hit = { id: string; title: string; distanceKm: number | null };
const search = async (query: string) => {
  const res = await ctx.call('GET', `/missions?${query}`);
  t.equal(res.statusCode, 200, query);
  return res.json() as { items: Hit[]; nextCursor: string | null };
};
const ids = (page: { items: Hit[] }) => page.items.map((m) => m.id);

t.test('anyone sees the published missions, never the drafts', async (t) => {
  const all = await search('limit=100');
  t.same(new Set(ids(all)), new Set([theatre.id, musee.id, parcs.id, elsewhere.id]));
  t.notOk(ids(all).includes(draft.id));
  t.same(ids(all), [theatre.id, musee.id, parcs.id, elsewhere.id], 'by start date without a search');
});

t.test('French full text, accent- and case-insensitive, ranked', async (t) => {
  const theatreHits = await search('q=THEATRE');
  t.equal(theatreHits.items[0]?.id, theatre.id, 'the mission about the theatre first');
  t.ok(ids(theatreHits).includes(musee.id), 'a mention in the description matches too');
  t.notOk(ids(theatreHits).includes(parcs.id));
  t.same(ids(await search('q=spectateur')), [theatre.id], 'singular finds plural (French stemming)');
  t.same(ids(await search('q=mus%C3%A9e')), [musee.id]);
  t.same(ids(await search('q=%22foyer%20de%20vie%22')), [theatre.id], 'a quoted phrase');
  const without = ids(await search('q=th%C3%A9%C3%A2tre%20-louvre'));
  t.ok(without.includes(theatre.id));
  t.notOk(without.includes(musee.id), 'minus excludes a word');
  t.same((await search('q=%25%25')).items, []);
});

t.test('filters', async (t) => {
  t.same(ids(await search('theme=environnement')), [parcs.id]);
  t.same(ids(await search(`editionId=${otherEdition.id}`)), [elsewhere.id]);
  t.same(new Set(ids(await search(`structureId=${louvre.id}`))), new Set([musee.id, parcs.id]), 'first-circle partner');
  t.same(ids(await search(`structureId=${harnes.id}`)), [musee.id], 'host');
  t.same(ids(await search('commune=62413')), [musee.id]);
  t.same(new Set(ids(await search('epci=246200299'))), new Set([theatre.id, elsewhere.id]), 'Carvin is in the CA d’Hénin-Carvin');
  t.same(ids(await search('startsAfter=2018-11-06&startsBefore=2019-01-31')), [musee.id, parcs.id]);
  t.same(ids(await search('openToMinors=true')), [musee.id]);
});

t.test('near a place: the distance is computed, returned and sortable', async (t) => {
  const lens = 'near=50.4322,2.8277';
  const within10 = await search(`${lens}&radiusKm=10`);
  t.same(ids(within10), [musee.id], 'Harnes is about 6 km from Lens');
  t.ok(Math.abs(within10.items[0]!.distanceKm! - 5.7) < 0.5, `${within10.items[0]!.distanceKm} km`);
  const within15 = await search(`${lens}&radiusKm=15&sort=distance`);
  t.equal(ids(within15)[0], musee.id, 'nearest first');
  t.same(new Set(ids(within15).slice(1)), new Set([theatre.id, elsewhere.id]), 'then Carvin, about 11 km away');
  t.ok(within15.items.every((m) => m.distanceKm !== null && m.distanceKm <= 15));
  t.same(ids(await search(`${lens}&radiusKm=30&sort=distance`)).at(-1), parcs.id, 'Auchel, about 26 km, last');
  t.equal((await search('limit=1')).items[0]!.distanceKm, null, 'no distance without near');
});

t.test('cursor pagination walks every result once, in every sort, stable while missions are added', async (t) => {
  for (const query of ['sort=startDate', 'q=th%C3%A9%C3%A2tre', 'near=50.4322,2.8277&radiusKm=50&sort=distance']) {
    const expected = ids(await search(`${query}&limit=100`));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Hit[]; nextCursor: string | null } = await search(`${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      if (pages++ === 0 && query === 'sort=startDate') {
        // Published after the walk began, and starting before the cursor: it does not shift the pages.
        await publish({ hostStructureId: carvin.id, firstCircleStructureId: cultureCommune.id, title: 'Théâtre tardif', startsOn: '2018-01-02' });
      }
    } while (cursor && pages < 20);
    t.same(seen, expected, query);
  }
});

t.test('bad queries are 400s naming the parameter', async (t) => {
  const bad: [string, string][] = [
    ['near=north', 'near'],
    ['near=95,2', 'near'],
    ['sort=distance', 'sort'],
    ['sort=relevance', 'sort'],
    ['radiusKm=-3&near=50,2', 'radiusKm'],
    ['startsAfter=2019-01-01&startsBefore=2018-01-01', 'startsBefore'],
    ['openToMinors=yes', 'openToMinors'],
    ['theme=culture', 'theme'],
    ['limit=101', 'limit'],
    ['cursor=abc', 'cursor'],
    ['unknown=1', 'unknown'],
  ];
  for (const [query, path] of bad) {
    const res = await ctx.call('GET', `/missions?${query}`);
    t.equal(res.statusCode, 400, query);
    t.match(res.json().errors, [{ path }], query);
  }
  const first = await search('limit=1&sort=startDate');
  const mixed = await ctx.call('GET', `/missions?limit=1&q=theatre&cursor=${first.nextCursor}`);
  t.equal(mixed.statusCode, 422, 'a cursor of another sort');
});
