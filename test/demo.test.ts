import t from 'tap';
import { DEMO_ACCOUNTS, seedDemo } from '../db/demo.js';
import { setup } from './helpers/app.js';

/** `npm run db:seed -- demo`: the Artois story, idempotent, usable through the API. */
const ctx = await setup(t);
const first = await seedDemo(ctx.db);

t.test('the story is loaded once', async (t) => {
  t.match(first.created, { operators: 2, structures: 16, accounts: 4, programmes: 2, editions: 3, partnerships: 10, missions: 10 });
  const again = await seedDemo(ctx.db);
  t.ok(Object.values(again.created).every((n) => n === 0), `nothing the second time: ${JSON.stringify(again.created)}`);
});

t.test('each demo account signs in with its printed password', async (t) => {
  for (const account of DEMO_ACCOUNTS) {
    const res = await ctx.call('POST', '/auth/login', { body: { email: account.email, password: account.password } });
    t.equal(res.statusCode, 200, account.role);
    t.equal(res.json().user.role, account.role);
  }
});

t.test('a visitor finds the edition 2 missions; the coordinator sees the whole programme', async (t) => {
  const search = await ctx.call('GET', '/missions?q=mediation&limit=100');
  t.equal(search.json().items.length, 5, 'the five published missions of edition 2');
  const lens = await ctx.call('GET', '/missions?near=50.4322,2.8277&radiusKm=15&sort=distance');
  t.ok(lens.json().items.length >= 2, 'missions near Lens, with distances');
  t.ok(lens.json().items.every((m: { distanceKm: number }) => m.distanceKm <= 15));

  const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!;
  const { accessToken } = (await ctx.call('POST', '/auth/login', { body: { email: coordinator.email, password: coordinator.password } })).json();
  const programmes = (await ctx.call('GET', '/programmes', { token: accessToken })).json().items;
  t.same(programmes.map((p: { name: string }) => p.name), ['Parcours Artistique et Culturel en Artois']);
  const editions = (await ctx.call('GET', `/programmes/${programmes[0].id}/editions`, { token: accessToken })).json().items;
  t.same(editions.map((e: { label: string; status: string; plannedVolunteers: number }) => [e.label, e.status, e.plannedVolunteers]).sort(), [
    ['Édition 1', 'closed', 10],
    ['Édition 2', 'recruiting', 20],
  ]);
  const edition2 = editions.find((e: { label: string }) => e.label === 'Édition 2');
  t.equal(edition2.territory.length, 3, 'the three EPCIs of the PMA');
  const partnerships = (await ctx.call('GET', `/editions/${edition2.id}/partnerships`, { token: accessToken })).json().items;
  t.ok(
    partnerships.some((p: { proximity: { name: string }; firstCircle: { name: string } }) => p.proximity.name === 'Service Culturel de Carvin' && p.firstCircle.name === 'Culture Commune'),
    'Carvin ↔ Culture Commune',
  );
  const publics = (await ctx.call('GET', '/structures?kind=public_partner&limit=100', { token: accessToken })).json().items;
  t.equal(publics.length, 6);
});

t.test('the demo refuses to run in production (its passwords are public)', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const { childEnv } = await import('./helpers/child-env.js');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'db/cli.ts', 'seed', 'demo'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: childEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATA_DIR: '/nonexistent/never-created' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(run.status, 1);
  t.match(run.stderr, /refused with NODE_ENV=production/);
});
