import t from 'tap';
import { loadTerritory, territoryVersion } from '../../../db/territory.js';
import { searchKey } from '../../../src/lib/search-key.js';
import { setup } from '../../helpers/app.js';

/** The official territory, loaded once per database from @etalab/decoupage-administratif. */
const ctx = await setup(t);

type Commune = { code: string; name: string; postalCodes: string[]; epci: { code: string; name: string } | null; latitude: number | null; population: number | null };

const communes = async (query: string) => {
  const res = await ctx.call('GET', `/communes?${query}`);
  t.equal(res.statusCode, 200, query);
  return res.json() as { items: Commune[]; nextCursor: string | null };
};

t.test('every current commune and EPCI is loaded, once per package version', async (t) => {
  const n = await ctx.db.selectFrom('communes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  t.ok(Number(n.n) > 34_000, `${n.n} communes`);
  const e = await ctx.db.selectFrom('epcis').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  t.ok(Number(e.n) > 1_200, `${e.n} EPCIs`);
  t.same(await loadTerritory(ctx.db), { loaded: false, version: territoryVersion(), communes: 0, epcis: 0 }, 'a second load does nothing');
});

t.test('search by name without accents or case', async (t) => {
  t.equal((await communes('q=lievin')).items[0]?.name, 'Liévin');
  t.equal((await communes('q=henin')).items[0]?.name, 'Hénin-Beaumont');
  t.equal((await communes('q=H%C3%89NIN-BEAU')).items[0]?.name, 'Hénin-Beaumont', 'accents, case and hyphen do not matter');
  const beaumont = await communes('q=beaumont&department=62&limit=100');
  t.ok(beaumont.items.some((c) => c.name === 'Hénin-Beaumont'), 'a word inside the name matches');
  t.ok(beaumont.items.findIndex((c) => c.name.startsWith('Beaumont')) < beaumont.items.findIndex((c) => c.name === 'Hénin-Beaumont'), 'names starting with it come first');
  t.equal((await communes('q=lens&department=62')).items[0]?.code, '62498');
  t.same((await communes('q=zzzzqqq')).items, []);
  t.equal(searchKey('Œuilly-Sœur'), 'oeuilly soeur');
});

t.test('by postal code, EPCI and department', async (t) => {
  const lievin = await communes('postalCode=62800');
  t.ok(lievin.items.some((c) => c.code === '62510'));
  t.ok(lievin.items.every((c) => c.postalCodes.includes('62800')));
  const liévinFull = (await ctx.call('GET', '/communes/62510')).json();
  t.match(liévinFull, { name: 'Liévin', department: '62', epci: { code: '246200364' }, latitude: 50.4228, longitude: 2.7786 });
  const paris = (await ctx.call('GET', '/communes/62001')).json();
  t.equal(paris.latitude, null, 'coordinates only where known');
});

t.test('the PMA’s three EPCIs, with their communes, walked page by page', async (t) => {
  for (const [code, size] of [['200072460', 100], ['246200364', 36], ['246200299', 14]] as const) {
    const epci = await ctx.call('GET', `/epcis/${code}`);
    t.equal(epci.statusCode, 200);
    t.equal(epci.json().communes.length, size, `${epci.json().name}: ${size} communes`);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Commune[]; nextCursor: string | null } = await communes(`epci=${code}&limit=30${cursor ? `&cursor=${cursor}` : ''}`);
      for (const c of page.items) {
        t.notOk(seen.has(c.code), `${c.code} once`);
        seen.add(c.code);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    t.equal(seen.size, size, 'the pages hold every commune once');
  }
  const carvin = (await ctx.call('GET', '/epcis/246200299')).json();
  t.ok(carvin.communes.some((c: Commune) => c.name === 'Carvin'));
  const search = await ctx.call('GET', '/epcis?q=lens');
  t.ok(search.json().items.some((e: { code: string }) => e.code === '246200364'));
  const department = await ctx.call('GET', '/epcis?department=62&limit=100');
  t.ok(department.json().items.length > 5);
});

t.test('unknown and malformed codes', async (t) => {
  t.equal((await ctx.call('GET', '/communes/99999')).statusCode, 404);
  t.equal((await ctx.call('GET', '/epcis/999999999')).statusCode, 404);
  const bad = await ctx.call('GET', '/communes/lens');
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ in: 'params', path: 'code' }]);
  t.equal((await ctx.call('GET', '/communes?postalCode=6280')).statusCode, 400);
  t.equal((await ctx.call('GET', '/communes?epci=12')).statusCode, 400);
  t.equal((await ctx.call('GET', '/communes?cursor=bm9wZQ')).statusCode, 400);
  for (const forged of [[0, 1e20, '62498'], [1e20, 1, '62498'], [0, -1, '62498']]) {
    const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
    t.equal((await ctx.call('GET', `/communes?cursor=${cursor}`)).statusCode, 400, JSON.stringify(forged));
  }
  t.equal((await ctx.call('GET', '/communes?q=%25')).json().items.length, 0, 'a % is searched for, not a wildcard');
});
